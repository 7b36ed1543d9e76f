// The abstract object protocol (CPython's abstract.c and the generic parts of object.c):
// type, repr, str, truth, calls, comparisons, arithmetic, items, iteration.
#pragma once

#include "world.h"

#include <string>
#include <vector>

namespace ds {

TypeObject* type_of(const World& w, const Value& v);
bool isinstance(const World& w, const Value& v, const TypeObject* type);
std::string type_name(const World& w, const Value& v); // tp_name of type(v)

std::string repr(World& w, const Value& v); // honours a class's own __repr__
std::string str(World& w, const Value& v);  // honours __str__ and __repr__
// repr without running model code (used by tracing and views): the default repr for
// instances, shortened past `limit` characters.
std::string safe_repr(World& w, const Value& v, size_t limit = 120);
std::string float_repr(double d);
std::string quote_string(std::string_view s); // Python's repr of a str

bool truthy(World& w, const Value& v);

Value call(World& w, const Value& callable, CallArgs& args);
Value call(World& w, const Value& callable, std::vector<Value> positional);
// Look `name` up on type(obj) (not on obj: CPython's _PyObject_LookupSpecial) and call it.
// Returns Empty when type(obj) has no such method.
Value call_special(World& w, const Value& obj, std::string_view name, std::vector<Value> args);
bool callable(World& w, const Value& v);
// type.__call__ itself (what a metaclass's own __call__ reaches through super()).
Value type_call(World& w, TypeObject* type, CallArgs& args);

enum class CompareOp { Eq, NotEq, Lt, LtE, Gt, GtE };
bool equal(World& w, const Value& a, const Value& b);
Value compare(World& w, CompareOp op, const Value& a, const Value& b);
bool contains(World& w, const Value& container, const Value& item);

enum class BinaryOp { Add, Sub, Mul, Div, FloorDiv, Mod, Pow, BitAnd, BitOr, BitXor, LShift, RShift };
Value binary_op(World& w, BinaryOp op, const Value& a, const Value& b);
const char* binary_op_symbol(BinaryOp op);
Value negate(World& w, const Value& v);
Value positive(World& w, const Value& v);
Value invert(World& w, const Value& v);

Value get_item(World& w, const Value& container, const Value& key);
void set_item(World& w, const Value& container, const Value& key, const Value& value);
void del_item(World& w, const Value& container, const Value& key);

Value iter(World& w, const Value& iterable);
Value next(World& w, const Value& iterator); // Empty when exhausted
std::vector<Value> to_vector(World& w, const Value& iterable);
int64_t length(World& w, const Value& v);
size_t hash(World& w, const Value& v); // TypeError when unhashable

// UTF-8 helpers: Python counts code points.
size_t utf8_length(std::string_view s);
size_t utf8_offset(std::string_view s, size_t index); // byte offset of code point `index`

// Checked int arithmetic: OverflowError past 64 bits (a documented difference from CPython).
int64_t checked_int(World& w, bool overflowed, int64_t value);

} // namespace ds
