#include "attribute.h"

#include "events.h"
#include "operations.h"

namespace ds {

// The special names looked up on every attribute access, hashed once (CPython interns them).
static const size_t get_hash = str_hash("__get__");
static const size_t set_hash = str_hash("__set__");
static const size_t delete_hash = str_hash("__delete__");
static const size_t getattribute_hash = str_hash("__getattribute__");
static const size_t getattr_hash = str_hash("__getattr__");

// ---- tracing helpers -------------------------------------------------------------------

static void trace(World& w, Event e) {
    if (w.tracer) w.tracer->add(std::move(e));
}

static uintptr_t identity(const Value& obj) {
    return reinterpret_cast<uintptr_t>(obj.object());
}

// Views, not strings: with tracing off a step costs one test and builds nothing.
static void trace_step(World& w, const char* stage_name, const char* outcome,
                       std::string_view owner = {}, std::string_view what = {}) {
    if (!w.tracer) return;
    trace(w, Event{.kind = EventKind::Step,
                   .stage = stage_name,
                   .owner = std::string(owner),
                   .what = std::string(what),
                   .outcome = outcome});
}

// _PyType_Lookup along type's MRO, recording each class checked when tracing.
// hash: str_hash(name), computed once per attribute access.
static Value lookup_traced(World& w, TypeObject* type, std::string_view name, size_t hash,
                           TypeObject** where) {
    if (!w.tracer) return type_lookup(type, name, hash, where);
    for (const auto& cls : type->mro) {
        Value* v = cls->dict->find_str(name, hash);
        trace(w, Event{.kind = EventKind::MroClass,
                       .name = std::string(name),
                       .owner = cls->name,
                       .what = v ? descriptor_kind(w, *v) : "",
                       .outcome = v ? "found" : "absent",
                       .value = v ? safe_repr(w, *v) : ""});
        if (v) {
            if (where) *where = cls.get();
            return *v;
        }
    }
    return {};
}

// The winner of a lookup and what it hid, from the static candidates.
static void trace_winner(World& w, const Value& obj, std::string_view name, const char* stage_name,
                         const TypeObject* owner) {
    if (!w.tracer) return;
    std::string owner_name = owner ? owner->name : "";
    bool winner_seen = false;
    for (const Candidate& c : attribute_candidates(w, obj, name)) {
        bool is_winner = !winner_seen && c.owner == owner_name &&
                         (owner != nullptr || std::string_view(c.stage) == stage_name);
        if (is_winner) {
            winner_seen = true;
            trace(w, Event{.kind = EventKind::Winner,
                           .name = std::string(name),
                           .stage = stage_name,
                           .owner = c.owner,
                           .what = c.what,
                           .value = safe_repr(w, c.value)});
        } else {
            trace(w, Event{.kind = EventKind::Shadowed,
                           .name = std::string(name),
                           .stage = c.stage,
                           .owner = c.owner,
                           .what = c.what,
                           .value = safe_repr(w, c.value)});
        }
    }
    if (!winner_seen)
        trace(w, Event{.kind = EventKind::Winner,
                       .name = std::string(name),
                       .stage = stage_name,
                       .owner = owner_name});
}

// ---- the descriptor protocol ------------------------------------------------------------

static bool builtin_descriptor_type(World& w, const TypeObject* t, bool* is_data) {
    const Types& ty = w.types;
    if (t == ty.property || t == ty.getset_descriptor || t == ty.member_descriptor) {
        *is_data = true;
        return true;
    }
    if (t == ty.function || t == ty.classmethod || t == ty.staticmethod ||
        t == ty.cached_property || t == ty.method_descriptor || t == ty.wrapper_descriptor) {
        *is_data = false;
        return true;
    }
    return false;
}

bool has_descr_get(World& w, const Value& descr) {
    TypeObject* t = type_of(w, descr);
    bool is_data;
    if (!t->heap) return builtin_descriptor_type(w, t, &is_data);
    return !type_lookup(t, "__get__", get_hash).empty();
}

bool is_data_descriptor(World& w, const Value& descr) {
    TypeObject* t = type_of(w, descr);
    bool is_data = false;
    if (!t->heap) return builtin_descriptor_type(w, t, &is_data) && is_data;
    return !type_lookup(t, "__set__", set_hash).empty() ||
           !type_lookup(t, "__delete__", delete_hash).empty();
}

bool has_descr_set(World& w, const Value& descr) {
    return is_data_descriptor(w, descr);
}

const char* descriptor_kind(World& w, const Value& v) {
    if (is_data_descriptor(w, v)) return "data descriptor";
    if (has_descr_get(w, v)) return "non-data descriptor";
    return "plain";
}

static void trace_descriptor_call(World& w, const char* method, const Value& descr) {
    if (!w.tracer) return;
    trace(w, Event{.kind = EventKind::DescriptorCall,
                   .op = method,
                   .object = safe_repr(w, descr),
                   .what = type_of(w, descr)->name,
                   .outcome = w.static_mode ? "not run" : ""});
}

Value descr_get(World& w, const Value& descr, const Value& obj, TypeObject* type) {
    trace_descriptor_call(w, "__get__", descr);
    if (w.static_mode) return descr;
    Tracer::Nest nest(w.tracer);
    TypeObject* t = type_of(w, descr);
    Value get = type_lookup(t, "__get__", get_hash);
    Value instance = obj.empty() ? Value::none() : obj; // slot_tp_descr_get passes None
    Value type_value = type ? Value(type) : Value::none();
    // A builtin __get__ (property, function, slot...) is CPython's tp_descr_get slot: called
    // directly, as the C code does, without a bound call through the method descriptor.
    if (auto* builtin = get.as<MethodDescriptorObject>()) {
        CallArgs args{{std::move(instance), std::move(type_value)}, {}};
        return builtin->fn(w, descr, args);
    }
    return call(w, get, {descr, std::move(instance), std::move(type_value)});
}

void descr_set(World& w, const Value& descr, const Value& obj, const Value& value) {
    const char* method = value.empty() ? "__delete__" : "__set__";
    trace_descriptor_call(w, method, descr);
    if (w.static_mode) return;
    Tracer::Nest nest(w.tracer);
    Value fn = type_lookup(type_of(w, descr), method);
    if (fn.empty()) w.raise(w.types.AttributeError, method); // slot_tp_descr_set's message
    if (value.empty())
        call(w, fn, {descr, obj});
    else
        call(w, fn, {descr, obj, value});
}

// ---- instance dicts ---------------------------------------------------------------------

void trace_dict_change(World& w, const DictObject* dict, const Value& key, const Value& value) {
    if (!w.tracer || !dict->owner) return;
    Value owner(dict->owner);
    auto* name = key.as<StrObject>();
    trace(w, Event{.kind = value.empty() ? EventKind::DictDelete : EventKind::DictWrite,
                   .object = safe_repr(w, owner),
                   .name = name ? name->text : safe_repr(w, key),
                   .value = value.empty() ? "" : safe_repr(w, value),
                   .object_id = identity(owner)});
}

DictObject* object_dict(World& w, const Value& obj) {
    Object* o = obj.object();
    if (!o) return nullptr;
    if (auto* inst = object_as<InstanceObject>(o)) {
        if (!inst->dict && inst->type->has_dict) {
            inst->dict = w.dict();
            inst->dict->owner = inst;
        }
        return inst->dict.get();
    }
    if (auto* m = object_as<ModuleObject>(o)) return m->dict.get();
    if (auto* t = object_as<TypeObject>(o)) return t->dict.get();
    if (auto* f = object_as<FunctionObject>(o)) {
        if (!f->dict) f->dict = w.dict();
        return f->dict.get();
    }
    if (auto* wr = object_as<WrapperObject>(o)) {
        if (!wr->dict) wr->dict = w.dict();
        return wr->dict.get();
    }
    return nullptr;
}

static const char* dict_kind(const Value& obj) {
    return obj.as<ModuleObject>() ? stage::ModuleDict : stage::InstanceDict;
}

void raise_no_attribute(World& w, const Value& obj, std::string_view name) {
    if (auto* t = obj.as<TypeObject>())
        w.raise(w.types.AttributeError,
                "type object '" + t->name + "' has no attribute '" + std::string(name) + "'");
    w.raise(w.types.AttributeError,
            "'" + type_name(w, obj) + "' object has no attribute '" + std::string(name) + "'");
}

// ---- object.__getattribute__ ------------------------------------------------------------

// The PEP 549 what-if (never adopted by CPython): a class that opted in honours property
// objects (the PEP's "instance descriptor" flag: property and its subclasses, so that functions
// stay unbound) found in its instances' own __dict__, for get, set and delete.
static bool honours_instance_descriptor(World& w, const TypeObject* tp, const Value& v) {
    return tp->pep549_instance_descriptors && is_subtype(type_of(w, v), w.types.property);
}

// The what-if's extra step, traced only when it fires: with the switch off, or when the dict
// holds anything but a property, the chain is exactly CPython's.
static void trace_instance_descriptor(World& w, const Value& obj, std::string_view name) {
    trace_step(w, stage::InstanceDescriptor, "hit", "",
               obj.as<ModuleObject>() ? "property in the module __dict__"
                                      : "property in the instance __dict__");
    trace_winner(w, obj, name, stage::InstanceDescriptor, nullptr);
}

Value object_getattribute(World& w, const Value& obj, std::string_view name, bool suppress) {
    TypeObject* tp = type_of(w, obj);
    TypeObject* owner = nullptr;
    size_t hash = str_hash(name);
    Value descr = lookup_traced(w, tp, name, hash, &owner);
    bool has_get = false;
    if (!descr.empty()) {
        has_get = has_descr_get(w, descr);
        if (has_get && is_data_descriptor(w, descr)) {
            trace_step(w, stage::DataDescriptor, "hit", owner->name, "data descriptor");
            trace_winner(w, obj, name, stage::DataDescriptor, owner);
            return descr_get(w, descr, obj, tp);
        }
    }
    trace_step(w, stage::DataDescriptor, "miss");
    if (DictObject* dict = object_dict(w, obj)) {
        if (Value* v = dict->find_str(name, hash)) {
            if (honours_instance_descriptor(w, tp, *v)) {
                trace_instance_descriptor(w, obj, name);
                return descr_get(w, *v, obj, tp);
            }
            trace_step(w, dict_kind(obj), "hit");
            if (w.tracer)
                trace(w, Event{.kind = EventKind::DictRead,
                               .object = safe_repr(w, obj),
                               .name = std::string(name),
                               .outcome = "hit",
                               .value = safe_repr(w, *v),
                               .object_id = identity(obj)});
            trace_winner(w, obj, name, dict_kind(obj), nullptr);
            return *v;
        }
        trace_step(w, dict_kind(obj), "miss");
    } else {
        trace_step(w, dict_kind(obj), "skipped", "", "no __dict__");
    }
    if (has_get) {
        trace_step(w, stage::NonDataDescriptor, "hit", owner->name, "non-data descriptor");
        trace_winner(w, obj, name, stage::NonDataDescriptor, owner);
        return descr_get(w, descr, obj, tp);
    }
    if (!descr.empty()) {
        if (w.tracer)
            trace_step(w, stage::ClassAttribute, "hit", owner->name, descriptor_kind(w, descr));
        trace_winner(w, obj, name, stage::ClassAttribute, owner);
        return descr;
    }
    trace_step(w, stage::ClassAttribute, "miss");
    if (suppress) return {};
    raise_no_attribute(w, obj, name);
}

// ---- object.__setattr__ / __delattr__ ---------------------------------------------------

void object_setattr(World& w, const Value& obj, std::string_view name, const Value& value) {
    TypeObject* tp = type_of(w, obj);
    TypeObject* owner = nullptr;
    Value descr = lookup_traced(w, tp, name, str_hash(name), &owner);
    const char* descr_stage = value.empty() ? stage::Deleter : stage::Setter;
    if (!descr.empty() && has_descr_set(w, descr)) {
        trace_step(w, descr_stage, "hit", owner->name, "data descriptor");
        trace_winner(w, obj, name, descr_stage, owner);
        descr_set(w, descr, obj, value);
        return;
    }
    trace_step(w, descr_stage, "miss");
    DictObject* dict = object_dict(w, obj);
    // The PEP 549 what-if: a property in the object's own __dict__ takes the store or delete.
    if (Value* v = dict && !obj.as<TypeObject>() ? dict->find_str(name) : nullptr;
        v && honours_instance_descriptor(w, tp, *v)) {
        trace_instance_descriptor(w, obj, name);
        descr_set(w, *v, obj, value);
        return;
    }
    if (!dict || obj.as<TypeObject>()) {
        // A class's own dict is written only through type.__setattr__ (see type_setattr).
        if (obj.as<TypeObject>()) dict = obj.as<TypeObject>()->dict.get();
    }
    if (!dict) {
        trace_step(w, stage::InstanceDict, "skipped", "", "no __dict__");
        if (descr.empty()) raise_no_attribute(w, obj, name);
        w.raise(w.types.AttributeError,
                "'" + tp->name + "' object attribute '" + std::string(name) + "' is read-only");
    }
    Value key = w.str(std::string(name));
    if (value.empty()) {
        if (!(w.static_mode ? dict->find_str(name) != nullptr : dict->erase(key))) {
            trace_step(w, dict_kind(obj), "miss");
            raise_no_attribute(w, obj, name);
        }
        trace_step(w, dict_kind(obj), "hit");
        trace(w, Event{.kind = EventKind::DictDelete,
                       .object = w.tracer ? safe_repr(w, obj) : "",
                       .name = std::string(name),
                       .object_id = identity(obj)});
        return;
    }
    trace_step(w, dict_kind(obj), "hit");
    trace_winner(w, obj, name, dict_kind(obj), nullptr);
    if (w.tracer)
        trace(w, Event{.kind = EventKind::DictWrite,
                       .object = safe_repr(w, obj),
                       .name = std::string(name),
                       .value = w.static_mode ? "(the new value)" : safe_repr(w, value),
                       .object_id = identity(obj)});
    if (!w.static_mode) dict->set(key, value);
}

// ---- type.__getattribute__ / __setattr__ ------------------------------------------------

Value type_getattribute(World& w, TypeObject* type, std::string_view name) {
    TypeObject* metatype = type->type;
    TypeObject* meta_owner = nullptr;
    size_t hash = str_hash(name);
    Value meta_attribute = lookup_traced(w, metatype, name, hash, &meta_owner);
    bool meta_get = false;
    if (!meta_attribute.empty()) {
        meta_get = has_descr_get(w, meta_attribute);
        if (meta_get && is_data_descriptor(w, meta_attribute)) {
            trace_step(w, stage::MetaDataDescriptor, "hit", meta_owner->name, "data descriptor");
            return descr_get(w, meta_attribute, Value(type), metatype);
        }
    }
    trace_step(w, stage::MetaDataDescriptor, "miss");
    TypeObject* owner = nullptr;
    Value attribute = lookup_traced(w, type, name, hash, &owner);
    if (!attribute.empty()) {
        if (w.tracer)
            trace_step(w, stage::ClassMro, "hit", owner->name, descriptor_kind(w, attribute));
        if (has_descr_get(w, attribute)) return descr_get(w, attribute, Value(), type);
        return attribute;
    }
    trace_step(w, stage::ClassMro, "miss");
    if (meta_get) {
        trace_step(w, stage::MetaAttribute, "hit", meta_owner->name, "non-data descriptor");
        return descr_get(w, meta_attribute, Value(type), metatype);
    }
    if (!meta_attribute.empty()) {
        trace_step(w, stage::MetaAttribute, "hit", meta_owner->name, "plain");
        return meta_attribute;
    }
    trace_step(w, stage::MetaAttribute, "miss");
    w.raise(w.types.AttributeError,
            "type object '" + type->name + "' has no attribute '" + std::string(name) + "'");
}

void type_setattr(World& w, TypeObject* type, std::string_view name, const Value& value) {
    if (!type->heap)
        w.raise(w.types.TypeError, "cannot set '" + std::string(name) +
                                       "' attribute of immutable type '" + type->name + "'");
    object_setattr(w, Value(type), name, value);
}

// ---- module.__getattribute__ (with PEP 562's module __getattr__) ------------------------

Value module_getattribute(World& w, ModuleObject* module, std::string_view name) {
    Value obj(module);
    try {
        return object_getattribute(w, obj, name);
    } catch (PyError& e) {
        if (!isinstance(w, e.exc, w.types.AttributeError)) throw;
        if (Value* getattr_fn = module->dict->find_str("__getattr__")) {
            trace_step(w, stage::ModuleGetattr, w.static_mode ? "runs code" : "hit", "", "PEP 562");
            if (w.static_mode) return {};
            Tracer::Nest nest(w.tracer);
            return call(w, *getattr_fn, {w.str(std::string(name))});
        }
        trace_step(w, stage::ModuleGetattr, "miss");
        if (Value* mod_name = module->dict->find_str("__name__");
            mod_name && mod_name->as<StrObject>())
            w.raise(w.types.AttributeError, "module '" + mod_name->as<StrObject>()->text +
                                                "' has no attribute '" + std::string(name) + "'");
        w.raise(w.types.AttributeError, "module has no attribute '" + std::string(name) + "'");
    }
}

// ---- super.__getattribute__ -------------------------------------------------------------

Value super_getattribute(World& w, SuperObject* su, std::string_view name) {
    TypeObject* starttype = su->obj_type.get();
    if (starttype && name != "__class__") {
        const auto& mro = starttype->mro;
        size_t i = 0;
        while (i + 1 < mro.size() && mro[i].get() != su->type_.get()) ++i;
        ++i; // skip su->type_
        for (; i < mro.size(); ++i) {
            Value* res = mro[i]->dict->find_str(name);
            trace(w, Event{.kind = EventKind::MroClass,
                           .name = std::string(name),
                           .owner = mro[i]->name,
                           .outcome = res ? "found" : "absent"});
            if (!res) continue;
            Value found = *res;
            if (w.tracer)
                trace_step(w, stage::ClassMro, "hit", mro[i]->name, descriptor_kind(w, found));
            if (has_descr_get(w, found)) {
                // Only pass obj for instance-mode super (CPython's SF #743627).
                Value obj = su->obj.is(Value(starttype)) ? Value() : su->obj;
                return descr_get(w, found, obj, starttype);
            }
            return found;
        }
    }
    return object_getattribute(w, Value(su), name);
}

// ---- PyObject_GetAttr and friends -------------------------------------------------------

static const char* object_kind(const Value& obj) {
    if (obj.as<TypeObject>()) return "class";
    if (obj.as<ModuleObject>()) return "module";
    if (obj.as<SuperObject>()) return "super";
    return "instance";
}

// "Type: message" for the trace of an exception leaving a lookup. Tracing must not raise in
// its place: a message argument is read as it is (str() can fail at the recursion limit).
static std::string raised_text(World& w, const Value& exc) {
    std::string text = type_name(w, exc);
    auto* inst = exc.as<InstanceObject>();
    auto* args = inst ? inst->args.as<TupleObject>() : nullptr;
    if (args && args->items.size() == 1 && args->items[0].as<StrObject>() &&
        !is_subtype(inst->type, w.types.KeyError))
        return text + ": " + args->items[0].as<StrObject>()->text;
    try {
        return text + ": " + str(w, exc);
    } catch (PyError&) {
        return text;
    }
}

static void trace_lookup(World& w, const char* op, const Value& obj, std::string_view name) {
    if (!w.tracer) return;
    trace(w, Event{.kind = EventKind::Lookup,
                   .op = op,
                   .object = safe_repr(w, obj),
                   .object_kind = object_kind(obj),
                   .name = std::string(name),
                   .object_id = identity(obj)});
}

static Value builtin_getattribute(World& w, const Value& hook, const Value& obj,
                                  std::string_view name) {
    const auto& h = w.hooks;
    if (hook.is(h.type_getattribute)) return type_getattribute(w, obj.as<TypeObject>(), name);
    if (hook.is(h.module_getattribute)) return module_getattribute(w, obj.as<ModuleObject>(), name);
    if (hook.is(h.super_getattribute)) return super_getattribute(w, obj.as<SuperObject>(), name);
    return object_getattribute(w, obj, name);
}

static bool is_builtin_getattribute(World& w, const Value& hook) {
    const auto& h = w.hooks;
    return hook.is(h.object_getattribute) || hook.is(h.type_getattribute) ||
           hook.is(h.module_getattribute) || hook.is(h.super_getattribute);
}

// slot_tp_getattr_hook's second half: __getattr__ runs because __getattribute__ found nothing.
static Value call_getattr_hook(World& w, const Value& obj, std::string_view name, TypeObject* tp,
                               const Value& getattr_fn) {
    trace_step(w, stage::Getattr, w.static_mode ? "runs code" : "hit", "", "__getattr__");
    if (w.static_mode) return {};
    Value result;
    {
        Tracer::Nest inner(w.tracer);
        Value bound = has_descr_get(w, getattr_fn) ? descr_get(w, getattr_fn, obj, tp) : getattr_fn;
        result = call(w, bound, {w.str(std::string(name))});
    }
    if (w.tracer)
        trace(w, Event{.kind = EventKind::Result,
                       .name = std::string(name),
                       .value = safe_repr(w, result)});
    return result;
}

Value getattr(World& w, const Value& obj, std::string_view name) {
    trace_lookup(w, "get", obj, name);
    Tracer::Nest nest(w.tracer);
    TypeObject* tp = type_of(w, obj);
    Value hook = type_lookup(tp, "__getattribute__", getattribute_hash);
    Value getattr_fn;
    try {
        Value result;
        bool missing = false;
        if (hook.is(w.hooks.object_getattribute)) {
            // As slot_tp_getattr_hook: the generic lookup reports a missing name by returning
            // nothing (suppress), and __getattr__, when the class has one, runs without an
            // exception being raised and caught.
            result = object_getattribute(w, obj, name, /*suppress=*/true);
            if (result.empty()) {
                getattr_fn = type_lookup(tp, "__getattr__", getattr_hash);
                if (getattr_fn.empty()) raise_no_attribute(w, obj, name); // as without suppress
                missing = true;
            }
        } else if (is_builtin_getattribute(w, hook)) {
            result = builtin_getattribute(w, hook, obj, name);
        } else if (w.static_mode) { // show what object.__getattribute__ would find
            trace_step(w, stage::GetattributeOverride, "runs code", "", "user __getattribute__");
            result = object_getattribute(w, obj, name);
        } else {
            trace_step(w, stage::GetattributeOverride, "hit", "", "user __getattribute__");
            Tracer::Nest inner(w.tracer);
            result = call(w, hook, {obj, w.str(std::string(name))});
        }
        if (!missing) {
            if (w.tracer)
                trace(w, Event{.kind = EventKind::Result,
                               .name = std::string(name),
                               .value = result.empty() ? "(runs code)" : safe_repr(w, result)});
            return result;
        }
    } catch (PyError& e) {
        // slot_tp_getattr_hook: __getattr__ runs when __getattribute__ raised AttributeError.
        // Anything else (a descriptor's own error, say) leaves the lookup, which says so.
        bool attribute_error = isinstance(w, e.exc, w.types.AttributeError);
        if (attribute_error) getattr_fn = type_lookup(tp, "__getattr__", getattr_hash);
        if (getattr_fn.empty()) {
            if (w.tracer)
                trace(w, Event{.kind = EventKind::Exception,
                               .name = std::string(name),
                               .message = raised_text(w, e.exc)});
            throw;
        }
    }
    // Outside the try: an AttributeError from __getattr__ itself propagates.
    return call_getattr_hook(w, obj, name, tp, getattr_fn);
}

Value get_method(World& w, const Value& obj, std::string_view name, bool* unbound) {
    *unbound = false;
    TypeObject* tp = type_of(w, obj);
    auto* inst = obj.as<InstanceObject>();
    if (w.tracer || w.static_mode || !inst ||
        !type_lookup(tp, "__getattribute__", getattribute_hash).is(w.hooks.object_getattribute))
        return getattr(w, obj, name);
    size_t hash = str_hash(name);
    Value descr = type_lookup(tp, name, hash);
    if (!descr.as<FunctionObject>() || (inst->dict && inst->dict->find_str(name, hash)))
        return getattr(w, obj, name);
    *unbound = true;
    return descr;
}

Value getattr_or_empty(World& w, const Value& obj, std::string_view name) {
    try {
        return getattr(w, obj, name);
    } catch (PyError& e) {
        if (!isinstance(w, e.exc, w.types.AttributeError)) throw;
        return {};
    }
}

static void set_or_delete(World& w, const Value& obj, std::string_view name, const Value& value) {
    const char* op = value.empty() ? "delete" : "set";
    const char* hook_name = value.empty() ? "__delattr__" : "__setattr__";
    trace_lookup(w, op, obj, name);
    Tracer::Nest nest(w.tracer);
    TypeObject* tp = type_of(w, obj);
    Value hook = type_lookup(tp, hook_name);
    const auto& h = w.hooks;
    bool builtin_object = hook.is(value.empty() ? h.object_delattr : h.object_setattr);
    bool builtin_type = hook.is(value.empty() ? h.type_delattr : h.type_setattr);
    try {
        if (builtin_type) {
            type_setattr(w, obj.as<TypeObject>(), name, value);
        } else if (builtin_object) {
            object_setattr(w, obj, name, value);
        } else if (w.static_mode) { // show what object.__setattr__ would do
            trace_step(w, hook_name, "runs code", "", std::string("user ") + hook_name);
            object_setattr(w, obj, name, value);
        } else {
            trace_step(w, hook_name, "hit", "", std::string("user ") + hook_name);
            Tracer::Nest inner(w.tracer);
            if (value.empty())
                call(w, hook, {obj, w.str(std::string(name))});
            else
                call(w, hook, {obj, w.str(std::string(name)), value});
        }
    } catch (PyError& e) {
        if (w.tracer)
            trace(w, Event{.kind = EventKind::Exception,
                           .name = std::string(name),
                           .message = raised_text(w, e.exc)});
        throw;
    }
}

void setattr(World& w, const Value& obj, std::string_view name, const Value& value) {
    set_or_delete(w, obj, name, value);
}

void delattr(World& w, const Value& obj, std::string_view name) {
    set_or_delete(w, obj, name, Value());
}

// ---- static view of a name --------------------------------------------------------------

std::vector<Candidate> attribute_candidates(World& w, const Value& obj, std::string_view name) {
    std::vector<Candidate> out;
    auto add_mro = [&](TypeObject* type, bool instance_view) {
        for (const auto& cls : type->mro) {
            if (Value* v = cls->dict->find_str(name)) {
                std::string what = descriptor_kind(w, *v);
                if (v->as<SlotDescriptorObject>()) what = "slot";
                bool has_get = has_descr_get(w, *v);
                const char* st = stage::ClassAttribute;
                if (!instance_view)
                    st = stage::ClassMro;
                else if (has_get && is_data_descriptor(w, *v))
                    st = stage::DataDescriptor;
                else if (has_get)
                    st = stage::NonDataDescriptor;
                out.push_back(Candidate{st, cls->name, what, *v});
            }
        }
    };
    if (auto* type = obj.as<TypeObject>()) {
        add_mro(type, false);
        return out;
    }
    TypeObject* tp = type_of(w, obj);
    add_mro(tp, true);
    DictObject* dict = obj.as<ModuleObject>()     ? obj.as<ModuleObject>()->dict.get()
                       : obj.as<InstanceObject>() ? obj.as<InstanceObject>()->dict.get()
                                                  : nullptr;
    if (dict) {
        if (Value* v = dict->find_str(name)) {
            // Only the first definition along the MRO takes part (_PyType_Lookup): a data
            // descriptor there beats the instance dict, anything else loses to it.
            bool descriptor_first = !out.empty() && out.front().stage == stage::DataDescriptor;
            // The PEP 549 what-if's stage only where it decides the lookup.
            const char* st = !descriptor_first && honours_instance_descriptor(w, tp, *v)
                                 ? stage::InstanceDescriptor
                                 : dict_kind(obj);
            const char* what = st == stage::InstanceDescriptor ? "property in the instance __dict__"
                               : obj.as<ModuleObject>()        ? "module attribute"
                                                               : "instance attribute";
            Candidate c{st, "", what, *v};
            out.insert(out.begin() + (descriptor_first ? 1 : 0), c);
        }
    }
    return out;
}

} // namespace ds
