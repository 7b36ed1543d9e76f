// The attribute protocol: getting, setting and deleting attributes on instances, classes,
// modules and super objects, step for step as CPython's object.c and typeobject.c.
#pragma once

#include "world.h"

#include <string_view>
#include <vector>

namespace ds {

// PyObject_GetAttr / SetAttr / DelAttr: through type(obj).__getattribute__ (or a user
// override), then __getattr__ when that raised AttributeError.
Value getattr(World& w, const Value& obj, std::string_view name);
Value getattr_or_empty(World& w, const Value& obj, std::string_view name); // Empty on AttributeError
// _PyObject_GetMethod, for a call obj.name(...): when the generic lookup would bind a function
// found on the type (nothing in the instance __dict__ hides it), returns the function itself
// and sets *unbound: the call passes obj first and no bound method is made. Otherwise (and
// always while tracing, so that the events stay those of getattr) returns getattr(obj, name).
Value get_method(World& w, const Value& obj, std::string_view name, bool* unbound);
void setattr(World& w, const Value& obj, std::string_view name, const Value& value);
void delattr(World& w, const Value& obj, std::string_view name);

// The builtin implementations (object.__getattribute__ and friends).
// _PyObject_GenericGetAttrWithDict; suppress: a missing name returns Empty instead of raising.
Value object_getattribute(World& w, const Value& obj, std::string_view name, bool suppress = false);
void object_setattr(World& w, const Value& obj, std::string_view name, const Value& value); // value Empty: delete
Value type_getattribute(World& w, TypeObject* type, std::string_view name);           // type_getattro
void type_setattr(World& w, TypeObject* type, std::string_view name, const Value& value); // type_setattro
Value module_getattribute(World& w, ModuleObject* module, std::string_view name);     // module_getattro
Value super_getattribute(World& w, SuperObject* su, std::string_view name);            // super_getattro

// The descriptor protocol on a value found in a class __dict__.
bool has_descr_get(World& w, const Value& descr);
bool is_data_descriptor(World& w, const Value& descr); // type(descr) has __set__ or __delete__
Value descr_get(World& w, const Value& descr, const Value& obj, TypeObject* type); // obj Empty: class access
bool has_descr_set(World& w, const Value& descr);
void descr_set(World& w, const Value& descr, const Value& obj, const Value& value); // Empty: delete

// The __dict__ of an object that has one (instances, modules, functions, classes), created
// on first use; nullptr when the object has none.
DictObject* object_dict(World& w, const Value& obj);

// A change made through an instance's __dict__ object itself (obj.__dict__[k] = v, del, pop,
// setdefault), traced as a dict write or delete like one made by attribute assignment: caching
// descriptors fill and invalidate their caches that way. value Empty: a delete.
void trace_dict_change(World& w, const DictObject* dict, const Value& key, const Value& value);

// Everything that defines `name` for `obj` without running any code (as
// inspect.getattr_static sees it), in precedence order. For tracing and the views.
struct Candidate {
    const char* stage; // see events.h stage names
    std::string owner; // class name, or "" for the object's own __dict__ / slots
    std::string what;  // data descriptor, non-data descriptor, plain, slot, instance attribute
    Value value;
};
std::vector<Candidate> attribute_candidates(World& w, const Value& obj, std::string_view name);
const char* descriptor_kind(World& w, const Value& v); // "data descriptor", "non-data descriptor", "plain"

[[noreturn]] void raise_no_attribute(World& w, const Value& obj, std::string_view name);

} // namespace ds
