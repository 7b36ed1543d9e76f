// type: classes, builtin and user-defined, and class creation (CPython's type_new).
#pragma once

#include "dict.h"
#include "objects.h"

#include <string>
#include <vector>

namespace ds {

// What C++ object the instances of a type are.
enum class Layout {
    Object,    // InstanceObject (object and user classes)
    Type,      // TypeObject (type and metaclasses)
    Module,    // ModuleObject
    Exception, // InstanceObject with args
    Store,     // StoreObject
    Builtin,   // a builtin type with its own C++ object (int, str, property...)
};

// Invalidates every cached type_lookup result: called when a class __dict__ that a cached
// result depends on changes, and when a class is made (see type_lookup).
void type_cache_invalidate();

struct TypeObject final : Object {
    // A new class may take the address of a freed one: the lookup cache must forget it.
    TypeObject(TypeObject* metatype)
        : Object(metatype), owner_heap(metatype ? metatype->owner_heap : nullptr) {
        type_cache_invalidate();
    }

    Heap* owner_heap = nullptr; // the heap of this type's World: its instances live there
    std::string name;           // __name__
    std::string qualname;       // __qualname__
    std::string module;         // "builtins", "__main__", "functools", "types"
    std::vector<Ref<TypeObject>> bases;
    std::vector<Ref<TypeObject>> mro; // this type first
    Value mro_tuple;                  // __mro__, built once (C.__mro__ is C.__mro__)
    Ref<DictObject> dict;
    bool heap = false; // created by the model (mutable, a "heap type" in CPython's words)
    bool subclassable = true;
    Layout layout = Layout::Builtin;
    TypeObject* solid_base = nullptr; // the base that decides the instance layout
    bool has_dict = false;            // instances have a __dict__
    bool has_weakref = false;         // instances support weak references (__weakref__)
    TypeObject* base = nullptr;       // __base__: the best base (CPython's tp_base)
    size_t slot_count = 0;            // __slots__ values per instance, inherited ones included
    std::vector<std::string> own_slots;
    bool own_slots_add_layout = false; // own __slots__ other than __dict__/__weakref__
    // PEP 549 what-if (never adopted by CPython; model key x-pep549-instance-descriptors): its
    // instances honour property objects stored in their own __dict__ (get, set, delete). Copied
    // to a subclass when the subclass is made, as CPython copies type flags.
    bool pep549_instance_descriptors = false;

    std::string repr_name() const; // "Person", "functools.cached_property", "int"
};

bool is_subtype(const TypeObject* a, const TypeObject* b); // a is b or inherits from it

// _PyType_Lookup: the first class along type's MRO whose __dict__ has `name`. Returns the
// value (Empty when none) and, through `where`, the class that had it. Cached, as CPython's
// method cache: a repeated lookup is one probe, without allocation.
Value type_lookup(const TypeObject* type, std::string_view name, TypeObject** where = nullptr);
// The same with `hash` = str_hash(name), for callers that keep it (the interpreter's names).
Value type_lookup(const TypeObject* type, std::string_view name, size_t hash,
                  TypeObject** where = nullptr);

// type.__new__(metatype, name, bases, namespace): the whole of class creation (MRO, slots,
// layout, __set_name__, __init_subclass__). Raises Python errors as CPython does.
Ref<TypeObject> type_new(World& w, TypeObject* metatype, const std::string& name,
                         std::vector<Ref<TypeObject>> bases, Ref<DictObject> ns,
                         std::vector<KwArg> kwargs = {});

// The metaclass a class statement uses (_PyType_CalculateMetaclass), from the explicit or
// default metatype and the types of the bases (type(b) for each base b).
TypeObject* calculate_metaclass(World& w, TypeObject* metatype,
                                const std::vector<TypeObject*>& base_types);

} // namespace ds
