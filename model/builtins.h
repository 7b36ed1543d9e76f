// The builtins: functions of the builtins namespace, the methods of the builtin types, and
// the few modules a model may use (json, functools, types).
#pragma once

#include "world.h"

#include <string>
#include <string_view>

namespace ds {

// Called once by World's constructor: fills the builtin types' dicts and w.builtins.
void install_builtins(World& w);

// Registration helpers (for the install_* functions of each part).
void add_method(World& w, TypeObject* type, const char* name, NativeFunction fn);
void add_getset(World& w, TypeObject* type, const char* name, NativeGetter get,
                NativeSetter set = nullptr, bool member = false);
void add_function(World& w, DictObject* namespace_dict, const char* name, NativeFunction fn);

// Argument checking for natives, with CPython's messages. `fname` is how CPython names the
// callable in its messages ("len", "str.join", "dict.get").
void expect_args(World& w, const char* fname, const CallArgs& args, size_t min, size_t max);
void expect_no_keywords(World& w, const char* fname, const CallArgs& args);
const std::string& expect_str(World& w, const char* what, const Value& v); // TypeError unless str
int64_t expect_int(World& w, const char* what, const Value& v);            // TypeError unless int/bool
// A keyword argument by name (Empty when absent); consumes it.
Value take_keyword(CallArgs& args, std::string_view name);

// Parts installed by install_builtins (each in its own file).
void install_str_methods(World& w);  // strings.cpp
void install_json_module(World& w);  // jsonmodule.cpp

// String formatting used by the interpreter (strings.cpp).
std::string percent_format(World& w, const std::string& format, const Value& args); // str % args
std::string format_value(World& w, const Value& v, std::string_view spec);          // format(v, spec)

} // namespace ds
