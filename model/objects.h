// The object kinds of the engine: the C++ layouts behind Python's builtin types.
#pragma once

#include "dict.h"
#include "value.h"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ds {

namespace ast {
struct FunctionDef;
struct ScopeInfo;
} // namespace ast

class World;

struct StrObject final : Object {
    StrObject(TypeObject* t, std::string s) : Object(t), text(std::move(s)) {}
    std::string text; // UTF-8
    mutable size_t hash = 0;
    mutable bool hashed = false;
};

struct TupleObject final : Object {
    TupleObject(TypeObject* t, std::vector<Value> v) : Object(t), items(std::move(v)) {}
    std::vector<Value> items;
};

struct ListObject final : Object {
    ListObject(TypeObject* t, std::vector<Value> v = {}) : Object(t), items(std::move(v)) {}
    std::vector<Value> items;
};

// Arguments of a call: positional values, then keyword (name, value) pairs in call order.
struct KwArg {
    std::string name;
    Value value;
};
struct CallArgs {
    std::vector<Value> positional;
    std::vector<KwArg> keywords;
};

using NativeFunction = Value (*)(World&, const Value& self, CallArgs& args);

// A builtin function; bound to `self` when it is a method of a builtin object
// (`[].append`, `store.get`), as CPython's builtin_function_or_method.
struct BuiltinFunctionObject final : Object {
    BuiltinFunctionObject(TypeObject* t, std::string n, NativeFunction f, Value s = {})
        : Object(t), name(std::move(n)), fn(f), self(std::move(s)) {}
    std::string name;
    NativeFunction fn;
    Value self; // Empty when unbound
};

// A method of a builtin type as found in the type's __dict__ (`list.append`,
// `object.__init__`): CPython's method_descriptor / wrapper_descriptor.
struct MethodDescriptorObject final : Object {
    MethodDescriptorObject(TypeObject* t, std::string n, NativeFunction f, TypeObject* owner,
                           bool is_slot_wrapper)
        : Object(t), name(std::move(n)), fn(f), owner(owner), slot_wrapper(is_slot_wrapper) {}
    std::string name;
    NativeFunction fn;
    TypeObject* owner; // borrowed: the owner's dict holds us
    bool slot_wrapper;  // repr as "slot wrapper" (dunder methods) rather than "method"
};

// An attribute of a builtin type computed in C++ (`__dict__`, `__name__`, `__mro__`...):
// CPython's getset_descriptor / member_descriptor for builtin fields.
using NativeGetter = Value (*)(World&, const Value& obj);
using NativeSetter = void (*)(World&, const Value& obj, const Value& value); // Empty = delete
struct GetSetDescriptorObject final : Object {
    GetSetDescriptorObject(TypeObject* t, std::string n, TypeObject* owner, NativeGetter g,
                           NativeSetter s, bool member)
        : Object(t), name(std::move(n)), owner(owner), get(g), set(s), is_member(member) {}
    std::string name;
    TypeObject* owner; // borrowed
    NativeGetter get;
    NativeSetter set; // nullptr: read-only
    bool is_member;   // repr "<member ...>" rather than "<attribute ...>"
};

// A `__slots__` entry: member descriptor storing into the instance's slot vector.
struct SlotDescriptorObject final : Object {
    SlotDescriptorObject(TypeObject* t, std::string n, TypeObject* owner, size_t index)
        : Object(t), name(std::move(n)), owner(owner), index(index) {}
    std::string name;
    TypeObject* owner; // borrowed
    size_t index;
};

// A call frame's variables. Heap-allocated so that closures can keep them alive.
struct FrameObject final : Object {
    FrameObject(TypeObject* t, const ast::ScopeInfo* s, Ref<FrameObject> p, size_t nlocals)
        : Object(t), scope(s), parent(std::move(p)), locals(nlocals) {}
    const ast::ScopeInfo* scope; // code is never freed before its World (World::keep)
    Ref<FrameObject> parent;     // the frame the function was defined in (its closure)
    std::vector<Value> locals;
};

// The __class__ cell of a class body: filled by type.__new__ with the new class, read by
// zero-argument super() in the functions that body defined.
struct CellObject final : Object {
    CellObject(TypeObject* t) : Object(t) {}
    Value contents; // Empty until the class exists
};

struct FunctionObject final : Object {
    FunctionObject(TypeObject* t) : Object(t) {}
    std::shared_ptr<const ast::FunctionDef> def;
    std::string name;
    std::string qualname;
    Ref<DictObject> globals;
    Ref<FrameObject> closure;
    std::vector<Value> defaults;        // for the last positional parameters
    std::vector<Value> kwonly_defaults; // one per keyword-only parameter (Empty = required)
    Ref<CellObject> class_cell;         // __class__ of the class body that defined it (for super())
    std::string mangle_class;           // private-name mangling prefix ("" outside classes)
    Ref<DictObject> dict;               // function __dict__, created on first use
    Value doc;
};

struct MethodObject final : Object { // a bound method
    MethodObject(TypeObject* t, Value f, Value s)
        : Object(t), function(std::move(f)), self(std::move(s)) {}
    Value function;
    Value self;
};

struct PropertyObject final : Object {
    PropertyObject(TypeObject* t) : Object(t) {}
    Value fget, fset, fdel, doc; // None when absent
    Value name;                  // set by __set_name__ (3.11 error messages use it)
};

// classmethod, staticmethod and functools.cached_property wrap one callable.
struct WrapperObject final : Object {
    WrapperObject(TypeObject* t, Value f) : Object(t), function(std::move(f)) {}
    Value function;
    Value attrname; // cached_property: the name given by __set_name__
    Ref<DictObject> dict;
};

struct ModuleObject final : Object {
    ModuleObject(TypeObject* t, Ref<DictObject> d) : Object(t), dict(std::move(d)) {}
    Ref<DictObject> dict;
};

// An instance of a user-defined class, an exception, or a store.
struct InstanceObject final : Object {
    InstanceObject(TypeObject* t);
    ~InstanceObject() override;
    Ref<DictObject> dict;     // null when the class has no __dict__ (all __slots__)
    std::vector<Value> slot_values; // __slots__ values (Empty = unset)
    Value args;               // BaseException.args (a tuple) for exceptions
    Value cause, context;     // BaseException.__cause__ / __context__
    bool suppress_context = false;
};

struct SuperObject final : Object {
    SuperObject(TypeObject* t, Ref<TypeObject> ty, Value o, Ref<TypeObject> ot); // in type.cpp
    ~SuperObject() override;
    Ref<TypeObject> type_; // super(type_, obj)
    Value obj;
    Ref<TypeObject> obj_type;
};

struct MappingProxyObject final : Object {
    MappingProxyObject(TypeObject* t, Ref<DictObject> d) : Object(t), dict(std::move(d)) {}
    Ref<DictObject> dict;
};

struct RangeObject final : Object {
    RangeObject(TypeObject* t, int64_t a, int64_t b, int64_t s)
        : Object(t), start(a), stop(b), step(s) {}
    int64_t start, stop, step;
    int64_t length() const;
};

// An iterator over a snapshot of values (lists, tuples, dict views, strings) or a range.
struct IteratorObject final : Object {
    IteratorObject(TypeObject* t) : Object(t) {}
    Value source;             // list or tuple iterated live
    std::vector<Value> items; // snapshot, when source is Empty
    size_t index = 0;
    bool is_range = false;
    int64_t next_int = 0, step = 1, remaining = 0;
};

// A mock external key-value store (the spec's MemoryStore).
struct StoreObject final : Object {
    StoreObject(TypeObject* t) : Object(t) {}
    std::string name;
    Ref<DictObject> data;
    double latency_ms = 0;
    bool down = false;
    std::vector<std::string> fail_keys;
    struct Counters {
        int reads = 0, hits = 0, misses = 0, writes = 0, deletes = 0, failures = 0;
    } counters;
};

} // namespace ds
