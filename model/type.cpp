#include "type.h"

#include "attribute.h"
#include "events.h"
#include "mro.h"
#include "operations.h"
#include "parser.h"
#include "world.h"

#include <algorithm>
#include <atomic>

namespace ds {

InstanceObject::InstanceObject(TypeObject* t) : Object(t), slot_values(t->slot_count) {}

InstanceObject::~InstanceObject() {
    // While a heap tears down, its dicts may be gone already (and nothing traces any more).
    if (!heap_tearing_down && dict && dict->owner == this) dict->owner = nullptr;
}

SuperObject::SuperObject(TypeObject* t, Ref<TypeObject> ty, Value o, Ref<TypeObject> ot)
    : Object(t), type_(std::move(ty)), obj(std::move(o)), obj_type(std::move(ot)) {}
SuperObject::~SuperObject() = default;

std::string TypeObject::repr_name() const {
    if (module == "builtins" || module == "__main__") return qualname;
    return module + "." + qualname;
}

bool is_subtype(const TypeObject* a, const TypeObject* b) {
    for (const auto& c : a->mro)
        if (c.get() == b) return true;
    return false;
}

// ---- the lookup cache (CPython's method cache in _PyType_Lookup) -------------------------
//
// CPython keys its cache by (type version tag, name) and, when a class changes, clears the
// tags of the class and its subclasses (PyType_Modified). Here one epoch stands for every
// tag: a change to a class __dict__ that a cached result read, or a new class, starts a new
// epoch, and an entry is valid only in the epoch it was filled in. Classes rarely change once
// a model is built; then a lookup is one probe of a direct-mapped table, as in CPython.
namespace {

std::atomic<uint64_t> type_cache_epoch{1}; // shared by all threads: Worlds may live on several

struct TypeCacheEntry {
    uint64_t epoch = 0; // 0: never filled
    const TypeObject* type = nullptr;
    size_t hash = 0;
    std::string name;
    const Value* value = nullptr; // in where->dict, which is watched; null: not found
    TypeObject* where = nullptr;
};

constexpr size_t kTypeCacheSize = 4096; // entries, as CPython's

TypeCacheEntry& type_cache_entry(const TypeObject* type, size_t hash) {
    thread_local std::vector<TypeCacheEntry> cache(kTypeCacheSize);
    size_t h = hash ^ (reinterpret_cast<uintptr_t>(type) >> 4);
    return cache[h & (kTypeCacheSize - 1)];
}

} // namespace

void type_cache_invalidate() { type_cache_epoch.fetch_add(1, std::memory_order_relaxed); }

Value type_lookup(const TypeObject* type, std::string_view name, TypeObject** where) {
    return type_lookup(type, name, str_hash(name), where);
}

Value type_lookup(const TypeObject* type, std::string_view name, size_t hash, TypeObject** where) {
    uint64_t epoch = type_cache_epoch.load(std::memory_order_relaxed);
    TypeCacheEntry& entry = type_cache_entry(type, hash);
    if (entry.epoch == epoch && entry.type == type && entry.hash == hash && entry.name == name) {
        if (!entry.value) return {};
        if (where) *where = entry.where;
        return *entry.value;
    }
    const Value* found = nullptr;
    TypeObject* owner = nullptr;
    for (const auto& cls : type->mro) {
        cls->dict->type_cache_watched = true; // from now on a change here invalidates the entry
        if (Value* v = cls->dict->find_str(name, hash)) {
            found = v;
            owner = cls.get();
            break;
        }
    }
    if (!type->mro.empty()) { // a class still being made has no MRO yet: nothing to remember
        entry.epoch = epoch;
        entry.type = type;
        entry.hash = hash;
        entry.name.assign(name);
        entry.value = found;
        entry.where = owner;
    }
    if (!found) return {};
    if (where) *where = owner;
    return *found;
}

TypeObject* calculate_metaclass(World& w, TypeObject* metatype, const std::vector<TypeObject*>& base_types) {
    TypeObject* winner = metatype;
    for (TypeObject* tmptype : base_types) {
        if (is_subtype(winner, tmptype)) continue;
        if (is_subtype(tmptype, winner)) {
            winner = tmptype;
            continue;
        }
        w.raise(w.types.TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                                   "(non-strict) subclass of the metaclasses of all its bases");
    }
    return winner;
}

// best_base: the base whose instance layout the new class extends.
static TypeObject* best_base(World& w, const std::vector<Ref<TypeObject>>& bases) {
    TypeObject *base = nullptr, *winner = nullptr;
    for (const auto& base_i : bases) {
        if (!base_i->subclassable)
            w.raise(w.types.TypeError, "type '" + base_i->name + "' is not an acceptable base type");
        TypeObject* candidate = base_i->solid_base;
        if (!winner) {
            winner = candidate;
            base = base_i.get();
        } else if (is_subtype(winner, candidate)) {
        } else if (is_subtype(candidate, winner)) {
            winner = candidate;
            base = base_i.get();
        } else {
            w.raise(w.types.TypeError, "multiple bases have instance lay-out conflict");
        }
    }
    return base;
}

// ---- the getset descriptors a class adds for its instances ------------------------------

static Value instance_dict_get(World& w, const Value& obj) {
    DictObject* d = object_dict(w, obj);
    if (!d) raise_no_attribute(w, obj, "__dict__");
    return Value(d);
}

static void instance_dict_set(World& w, const Value& obj, const Value& value) {
    auto* d = value.as<DictObject>();
    if (!value.empty() && !d)
        w.raise(w.types.TypeError,
                "__dict__ must be set to a dictionary, not a '" + type_name(w, value) + "'");
    auto* inst = obj.as<InstanceObject>();
    if (!inst) return;
    if (inst->dict && inst->dict->owner == inst) inst->dict->owner = nullptr;
    inst->dict = d ? Ref<DictObject>(d) : nullptr; // none: a fresh, empty __dict__ on next use
    if (d) d->owner = inst;
}

static Value weakref_get(World&, const Value&) { return Value::none(); }

// ---- type.__new__ -----------------------------------------------------------------------

static std::vector<std::string> read_slots(World& w, const Value& slots_value) {
    std::vector<std::string> out;
    std::vector<Value> items;
    if (slots_value.as<StrObject>()) items.push_back(slots_value);
    else items = to_vector(w, slots_value);
    for (const Value& item : items) {
        auto* s = item.as<StrObject>();
        if (!s)
            w.raise(w.types.TypeError,
                    "__slots__ items must be strings, not '" + type_name(w, item) + "'");
        bool ok = !s->text.empty() && !std::isdigit(static_cast<unsigned char>(s->text[0]));
        for (unsigned char c : s->text) ok = ok && (std::isalnum(c) || c == '_' || c >= 0x80);
        if (!ok) w.raise(w.types.TypeError, "__slots__ must be identifiers");
        out.push_back(s->text);
    }
    return out;
}

static void call_set_names(World& w, TypeObject* type) {
    // A copy: __set_name__ may change the class dict.
    std::vector<std::pair<Value, Value>> items;
    type->dict->for_each([&](const Value& k, const Value& v) { items.emplace_back(k, v); });
    for (auto& [key, value] : items) {
        Value set_name = type_lookup(type_of(w, value), "__set_name__");
        if (set_name.empty()) continue;
        if (w.tracer)
            w.tracer->add(Event{.kind = EventKind::SetName, .object = safe_repr(w, value),
                                .name = key.as<StrObject>() ? key.as<StrObject>()->text : "",
                                .owner = type->name});
        Tracer::Nest nest(w.tracer);
        try {
            Value bound = has_descr_get(w, set_name) ? descr_get(w, set_name, value, type_of(w, value))
                                                     : set_name;
            call(w, bound, {Value(type), key});
        } catch (PyError& e) {
            Value error = w.new_exception(
                w.types.RuntimeError,
                {w.str("Error calling __set_name__ on '" + type_name(w, value) + "' instance " +
                       repr(w, key) + " in '" + type->name + "'")});
            setattr(w, error, "__cause__", e.exc);
            throw PyError{error};
        }
    }
}

static void init_subclass(World& w, TypeObject* type, std::vector<KwArg> kwargs) {
    auto su = make<SuperObject>(w.types.super, Ref<TypeObject>(type), Value(type), Ref<TypeObject>(type));
    Value func = super_getattribute(w, su.get(), "__init_subclass__");
    CallArgs args;
    args.keywords = std::move(kwargs);
    call(w, func, args);
}

Ref<TypeObject> type_new(World& w, TypeObject* metatype, const std::string& name,
                         std::vector<Ref<TypeObject>> bases, Ref<DictObject> ns,
                         std::vector<KwArg> kwargs) {
    std::vector<TypeObject*> base_types;
    for (const auto& b : bases) base_types.push_back(b->type);
    metatype = calculate_metaclass(w, metatype, base_types);
    if (bases.empty()) bases.emplace_back(w.types.object);
    TypeObject* base = best_base(w, bases);

    auto type = make<TypeObject>(metatype);
    type->name = name;
    type->qualname = name;
    type->module = "__main__";
    type->heap = true;
    type->base = base;
    type->bases = bases;
    type->layout = base->layout == Layout::Builtin ? Layout::Object : base->layout;
    type->slot_count = base->slot_count;
    for (const auto& b : bases) type->pep549_instance_descriptors |= b->pep549_instance_descriptors;

    // The class dict: a copy of the namespace, __module__ first as a class body has it.
    type->dict = w.dict();
    if (!ns->find_str("__module__")) type->dict->set(w.str("__module__"), w.str("__main__"));
    ns->for_each([&](const Value& k, const Value& v) { type->dict->set(k, v); });
    if (Value* q = type->dict->find_str("__qualname__")) {
        auto* qs = q->as<StrObject>();
        if (!qs)
            w.raise(w.types.TypeError,
                    "type __qualname__ must be a str, not " + type_name(w, *q));
        type->qualname = qs->text;
        type->dict->erase(w.str("__qualname__"));
    }

    // __slots__
    bool add_dict = false, add_weakref = false;
    bool may_add_dict = !base->has_dict, may_add_weak = !base->has_weakref;
    if (Value* slots_value = type->dict->find_str("__slots__")) {
        std::vector<std::string> slots = read_slots(w, *slots_value);
        // Variable-size instances (type's) cannot take slots at all, __dict__ included.
        if (!slots.empty() && base->layout == Layout::Type)
            w.raise(w.types.TypeError, "nonempty __slots__ not supported for subtype of '" + base->name + "'");
        for (const std::string& s : slots) {
            if (s == "__dict__") {
                if (!may_add_dict || add_dict)
                    w.raise(w.types.TypeError, "__dict__ slot disallowed: we already got one");
                add_dict = true;
            } else if (s == "__weakref__") {
                if (!may_add_weak || add_weakref)
                    w.raise(w.types.TypeError, "__weakref__ slot disallowed: we already got one");
                add_weakref = true;
            } else {
                std::string mangled = mangle(name, s);
                if (type->dict->find_str(mangled))
                    w.raise(w.types.ValueError, quote_string(mangled) + " in __slots__ conflicts with class variable");
                if (std::find(type->own_slots.begin(), type->own_slots.end(), mangled) == type->own_slots.end())
                    type->own_slots.push_back(mangled);
            }
        }
        std::sort(type->own_slots.begin(), type->own_slots.end()); // CPython sorts them
        type->own_slots_add_layout = !type->own_slots.empty();
    } else {
        add_dict = may_add_dict;
        add_weakref = may_add_weak;
    }
    type->has_dict = base->has_dict || add_dict;
    type->has_weakref = base->has_weakref || add_weakref;
    type->solid_base = type->own_slots_add_layout ? type.get() : base->solid_base;

    // A class that defines __eq__ but not __hash__ is unhashable (type_new sets __hash__ = None).
    if (type->dict->find_str("__eq__") && !type->dict->find_str("__hash__"))
        type->dict->set(w.str("__hash__"), Value::none());

    // __new__ is a static method, __init_subclass__ and __class_getitem__ class methods.
    if (Value* f = type->dict->find_str("__new__"); f && f->as<FunctionObject>())
        *f = make<WrapperObject>(w.types.staticmethod, *f);
    for (const char* implicit : {"__init_subclass__", "__class_getitem__"})
        if (Value* f = type->dict->find_str(implicit); f && f->as<FunctionObject>())
            *f = make<WrapperObject>(w.types.classmethod, *f);

    for (const std::string& s : type->own_slots)
        type->dict->set(w.str(s), make<SlotDescriptorObject>(w.types.member_descriptor, s, type.get(),
                                                             type->slot_count++));
    if (add_dict)
        type->dict->set(w.str("__dict__"), make<GetSetDescriptorObject>(w.types.getset_descriptor, "__dict__",
                                                                        type.get(), instance_dict_get,
                                                                        instance_dict_set, false));
    if (add_weakref)
        type->dict->set(w.str("__weakref__"),
                        make<GetSetDescriptorObject>(w.types.getset_descriptor, "__weakref__", type.get(),
                                                     weakref_get, nullptr, false));
    if (!type->dict->find_str("__doc__")) type->dict->set(w.str("__doc__"), Value::none());

    type->mro = mro_implementation(w, type.get());

    // The class body's __class__ cell now holds the class (zero-argument super()).
    if (Value* cell = type->dict->find_str("__classcell__")) {
        if (auto* c = cell->as<CellObject>()) c->contents = Value(type.get());
        type->dict->erase(w.str("__classcell__"));
    }

    call_set_names(w, type.get());
    init_subclass(w, type.get(), std::move(kwargs));
    return type;
}

} // namespace ds
