// Snapshots of a World for the views, computed without running any model code (in the spirit
// of inspect.getattr_static): what the model holds, class graphs, instance dicts, the
// attribute table of an object, and the static precedence chain of a lookup as events.
#pragma once

#include "events.h"
#include "world.h"

#include <string>
#include <vector>

namespace ds {

// ---- what the model's namespace holds ----------------------------------------------------

enum class ObjectKind { Class, Instance, Module, Store, Other };

struct NamedObject {
    std::string name; // global name
    ObjectKind kind;
    std::string type_name; // the class of an instance, the metaclass of a class
    Value value;
};

// The identity events give an object (Event::object_id), for matching events to named objects.
inline uintptr_t object_identity(const Value& v) {
    return reinterpret_cast<uintptr_t>(v.object());
}

// The model's globals in definition order (classes, instances, modules, stores, and anything a
// statement added).
std::vector<NamedObject> model_objects(World& w);

// ---- class graphs ------------------------------------------------------------------------

struct ClassNode {
    std::string name;
    bool builtin = false; // object, type, module, Exception...
    int mro_index = -1;   // position in the focus class's MRO (0 = the class itself), -1 if absent
    bool is_metaclass = false; // shown only as the target of a metaclass edge
};

struct ClassEdge {
    std::string subclass, base;
    int order = 0; // position of base in subclass.__bases__ (declared order)
};

struct ClassGraph {
    std::vector<ClassNode> nodes; // focus class first, then ancestors in MRO order (or all classes)
    std::vector<ClassEdge> edges;
    std::vector<ClassEdge> metaclass_edges; // class -> its metaclass, when not `type`
};

// The inheritance DAG of `focus` (it and all its ancestors), C3 numbered; with focus null,
// every class of the model and their ancestors, unnumbered.
ClassGraph class_graph(World& w, const TypeObject* focus);

// ---- instance state ----------------------------------------------------------------------

struct StateEntry {
    std::string name;
    std::string repr; // safe repr: no model code runs
    std::string type_name;
    bool is_slot = false;
    bool unset = false; // a slot without a value
};

// An object's __dict__ (instances, modules, classes: their own dict) then its slot values.
std::vector<StateEntry> object_state(World& w, const Value& obj);

// ---- attribute table (ccbv.co.uk for any model) ------------------------------------------

struct AttributeDefinition {
    std::string owner; // class name, or "" for the object's own __dict__ / slot
    std::string what;  // data descriptor, non-data descriptor, plain, slot, instance attribute
    std::string repr;
};

struct AttributeRow {
    std::string name;
    AttributeDefinition winner;
    std::string store; // the store behind the winner (a descriptor that holds one), or ""
    std::vector<AttributeDefinition> losers; // in precedence order
};

// Every name visible through obj (an instance, class or module), sorted by name; names defined
// only by `object` are left out unless include_object is set.
std::vector<AttributeRow> attribute_table(World& w, const Value& obj, bool include_object = false);

// ---- stores -------------------------------------------------------------------------------

struct StoreEntry {
    std::string key;
    std::string repr; // repr of the stored text
};

struct StoreState {
    std::string name;
    double latency_ms = 0;
    bool down = false;
    std::vector<std::string> fail_keys;
    std::vector<StoreEntry> entries; // sorted by key, as keys() lists them
    StoreObject::Counters counters;
};

// The model's stores in definition order.
std::vector<StoreState> store_states(World& w);

// The store behind a class attribute: the name of a store held in the __dict__ of `value`
// (a descriptor instance such as the seed's ExternalField), or "". Hidden I/O made visible.
std::string backing_store(const Value& value);

// ---- the static precedence chain ---------------------------------------------------------

// The events a lookup of obj.name would record (lookup, MRO classes, steps, winner, shadowed),
// computed without calling any descriptor, __getattr__ or __getattribute__: what CPython's
// algorithm decides from the dicts alone. op is "get", "set" or "delete". Where the real
// lookup would run code, the chain says so (a step with outcome "runs code").
std::vector<Event> static_lookup(World& w, const Value& obj, const std::string& name,
                                 const std::string& op);

} // namespace ds
