#include "builtins.h"

#include "attribute.h"
#include "events.h"
#include "interpreter.h"
#include "operations.h"
#include "store.h"
#include "utf8.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace ds {

// ---- registration and argument helpers --------------------------------------------------

static bool is_dunder(std::string_view n) { return n.size() > 4 && n.substr(0, 2) == "__" && n.substr(n.size() - 2) == "__"; }

void add_method(World& w, TypeObject* type, const char* name, NativeFunction fn) {
    type->dict->set(w.str(name), make<MethodDescriptorObject>(w.types.method_descriptor, name, fn, type, is_dunder(name)));
}

// A method called on the class itself (__new__ and friends): a builtin bound to the type.
static void add_static(World& w, TypeObject* type, const char* name, NativeFunction fn) {
    type->dict->set(w.str(name), make<BuiltinFunctionObject>(w.types.builtin_function, name, fn, Value(type)));
}

void add_getset(World& w, TypeObject* type, const char* name, NativeGetter get, NativeSetter set, bool member) {
    type->dict->set(w.str(name), make<GetSetDescriptorObject>(member ? w.types.member_descriptor : w.types.getset_descriptor,
                                                             name, type, get, set, member));
}

void add_function(World& w, DictObject* ns, const char* name, NativeFunction fn) {
    ns->set(w.str(name), make<BuiltinFunctionObject>(w.types.builtin_function, name, fn));
}

void expect_no_keywords(World& w, const char* fname, const CallArgs& args) {
    if (!args.keywords.empty()) w.raise(w.types.TypeError, std::string(fname) + "() takes no keyword arguments");
}

void expect_args(World& w, const char* fname, const CallArgs& args, size_t min, size_t max) {
    expect_no_keywords(w, fname, args);
    size_t n = args.positional.size();
    if (n >= min && n <= max) return;
    std::string f(fname);
    if (min == max) {
        if (min == 0) w.raise(w.types.TypeError, f + "() takes no arguments (" + std::to_string(n) + " given)");
        if (min == 1) w.raise(w.types.TypeError, f + "() takes exactly one argument (" + std::to_string(n) + " given)");
        w.raise(w.types.TypeError, f + " expected " + std::to_string(min) + " arguments, got " + std::to_string(n));
    }
    if (n < min)
        w.raise(w.types.TypeError, f + " expected at least " + std::to_string(min) + " argument" + (min == 1 ? "" : "s") +
                                       ", got " + std::to_string(n));
    w.raise(w.types.TypeError, f + " expected at most " + std::to_string(max) + " argument" + (max == 1 ? "" : "s") +
                                   ", got " + std::to_string(n));
}

const std::string& expect_str(World& w, const char* what, const Value& v) {
    auto* s = v.as<StrObject>();
    if (!s) w.raise(w.types.TypeError, std::string(what) + " must be str, not " + type_name(w, v));
    return s->text;
}

int64_t expect_int(World& w, const char* what, const Value& v) {
    if (!v.is_int() && !v.is_bool())
        w.raise(w.types.TypeError, std::string(what) + " must be int, not " + type_name(w, v));
    return v.as_int();
}

Value take_keyword(CallArgs& args, std::string_view name) {
    for (auto it = args.keywords.begin(); it != args.keywords.end(); ++it) {
        if (it->name == name) {
            Value v = std::move(it->value);
            args.keywords.erase(it);
            return v;
        }
    }
    return {};
}

static const Value& arg(const CallArgs& a, size_t i) { return a.positional[i]; }
static Value none() { return Value::none(); }
static Value boolean(bool b) { return Value::boolean(b); }

// ---- object -----------------------------------------------------------------------------

// A new, empty instance of cls, laid out as its solid base requires (tp_alloc).
static Value allocate(World& w, const char* fname, CallArgs& args) {
    if (args.positional.empty()) w.raise(w.types.TypeError, std::string(fname) + "(): not enough arguments");
    auto* cls = arg(args, 0).as<TypeObject>();
    if (!cls)
        w.raise(w.types.TypeError, std::string(fname) + "(X): X is not a type object (" + type_name(w, arg(args, 0)) + ")");
    switch (cls->layout) {
    case Layout::Object: return make<InstanceObject>(cls);
    case Layout::Exception: {
        auto e = make<InstanceObject>(cls);
        e->args = w.tuple(std::vector<Value>(args.positional.begin() + 1, args.positional.end()));
        return e;
    }
    case Layout::Module: {
        auto d = w.dict();
        for (const char* k : {"__name__", "__doc__", "__package__", "__loader__", "__spec__"}) d->set(w.str(k), none());
        return make<ModuleObject>(cls, d);
    }
    default: break;
    }
    w.raise(w.types.TypeError, std::string(fname) + "(" + cls->name + ") is not safe, use " + cls->name + ".__new__()");
}

static bool is_object_slot(World& w, TypeObject* cls, const char* name) {
    return type_lookup(cls, name).is(*w.types.object->dict->find_str(name));
}

static Value object_new(World& w, const Value&, CallArgs& args) {
    auto* cls = args.positional.empty() ? nullptr : arg(args, 0).as<TypeObject>();
    if (cls && (args.positional.size() > 1 || !args.keywords.empty())) {
        if (!is_object_slot(w, cls, "__new__"))
            w.raise(w.types.TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        if (is_object_slot(w, cls, "__init__")) w.raise(w.types.TypeError, cls->name + "() takes no arguments");
    }
    if (cls && cls->layout != Layout::Object) { // tp_new_wrapper: instances need their own __new__
        const TypeObject* staticbase = cls;
        while (staticbase && staticbase->heap && staticbase->dict->find_str("__new__")) staticbase = staticbase->base;
        w.raise(w.types.TypeError, "object.__new__(" + cls->name + ") is not safe, use " +
                                       (staticbase ? staticbase->name : cls->name) + ".__new__()");
    }
    return allocate(w, "object.__new__", args);
}

static Value object_init(World& w, const Value& self, CallArgs& args) {
    if (!args.positional.empty() || !args.keywords.empty()) {
        TypeObject* t = type_of(w, self);
        if (!is_object_slot(w, t, "__init__"))
            w.raise(w.types.TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
        if (is_object_slot(w, t, "__new__")) w.raise(w.types.TypeError, t->name + "() takes no arguments");
    }
    return none();
}

static std::string name_arg(World& w, const Value& v) {
    auto* s = v.as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "attribute name must be string, not '" + type_name(w, v) + "'");
    return s->text;
}

static Value object_getattribute_native(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__getattribute__", args, 1, 1);
    return object_getattribute(w, self, name_arg(w, arg(args, 0)));
}

static Value object_setattr_native(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__setattr__", args, 2, 2);
    object_setattr(w, self, name_arg(w, arg(args, 0)), arg(args, 1));
    return none();
}

static Value object_delattr_native(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__delattr__", args, 1, 1);
    object_setattr(w, self, name_arg(w, arg(args, 0)), Value());
    return none();
}

static Value object_repr_native(World& w, const Value& self, CallArgs&) {
    return w.str("<" + type_of(w, self)->repr_name() + " object>");
}

static Value object_str_native(World& w, const Value& self, CallArgs&) { return w.str(repr(w, self)); }

static Value object_eq(World&, const Value& self, CallArgs& args) {
    if (args.positional.size() == 1 && self.is(arg(args, 0))) return boolean(true);
    return boolean(false);
}

static Value object_ne(World&, const Value& self, CallArgs& args) {
    return boolean(!(args.positional.size() == 1 && self.is(arg(args, 0))));
}

static Value object_hash(World& w, const Value& self, CallArgs&) { return Value::integer(int64_t(hash(w, self) >> 4)); }

static Value object_init_subclass(World&, const Value&, CallArgs&) { return none(); }

// object.__format__: only the empty spec is accepted, and it means str(self).
static Value object_format(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__format__", args, 1, 1);
    if (!expect_str(w, "format_spec", arg(args, 0)).empty())
        w.raise(w.types.TypeError, "unsupported format string passed to " + type_name(w, self) + ".__format__");
    return w.str(str(w, self));
}

static Value object_dir(World& w, const Value& self, CallArgs&);

static Value object_class_get(World& w, const Value& obj) { return Value(type_of(w, obj)); }

static bool same_layout(const TypeObject* a, const TypeObject* b) {
    return a->solid_base == b->solid_base && a->has_dict == b->has_dict && a->slot_count == b->slot_count &&
           a->layout == b->layout;
}

// object.__class__ assignment (object_set_class): heap types with the same layout, or modules.
static void object_class_set(World& w, const Value& obj, const Value& value) {
    if (value.empty()) w.raise(w.types.TypeError, "can't delete __class__ attribute");
    auto* newto = value.as<TypeObject>();
    if (!newto) w.raise(w.types.TypeError, "__class__ must be set to a class, not '" + type_name(w, value) + "' object");
    TypeObject* oldto = type_of(w, obj);
    bool modules = is_subtype(oldto, w.types.module) && is_subtype(newto, w.types.module);
    if (!modules && (!oldto->heap || !newto->heap))
        w.raise(w.types.TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
    if (!same_layout(oldto, newto))
        w.raise(w.types.TypeError, "__class__ assignment: '" + newto->name + "' object layout differs from '" +
                                       oldto->name + "'");
    obj.object()->set_type(newto);
}

// ---- type -------------------------------------------------------------------------------

static Value type_new_native(World& w, const Value&, CallArgs& args) {
    if (args.positional.size() == 2 && args.positional[0].is(Value(w.types.type)) && args.keywords.empty())
        return Value(type_of(w, arg(args, 1)));
    if (args.positional.size() != 4)
        w.raise(w.types.TypeError, "type() takes 1 or 3 arguments");
    auto* meta = arg(args, 0).as<TypeObject>();
    if (!meta || !is_subtype(meta, w.types.type))
        w.raise(w.types.TypeError, "type.__new__(X): X is not a type object (" + type_name(w, arg(args, 0)) + ")");
    auto* name = arg(args, 1).as<StrObject>();
    if (!name) w.raise(w.types.TypeError, "type.__new__() argument 1 must be str, not " + type_name(w, arg(args, 1)));
    auto* bases = arg(args, 2).as<TupleObject>();
    if (!bases) w.raise(w.types.TypeError, "type.__new__() argument 2 must be tuple, not " + type_name(w, arg(args, 2)));
    auto* ns = arg(args, 3).as<DictObject>();
    if (!ns) w.raise(w.types.TypeError, "type.__new__() argument 3 must be dict, not " + type_name(w, arg(args, 3)));
    std::vector<Ref<TypeObject>> base_types;
    for (const Value& b : bases->items) {
        auto* bt = b.as<TypeObject>();
        if (!bt) w.raise(w.types.TypeError, "bases must be types");
        base_types.emplace_back(bt);
    }
    return type_new(w, meta, name->text, std::move(base_types), Ref<DictObject>(ns), args.keywords);
}

static Value type_init_native(World& w, const Value&, CallArgs& args) {
    size_t n = args.positional.size();
    if (n != 1 && n != 3) w.raise(w.types.TypeError, "type.__init__() takes 1 or 3 arguments");
    return none();
}

static Value type_call_native(World& w, const Value& self, CallArgs& args) {
    return type_call(w, self.as<TypeObject>(), args);
}

static Value type_getattribute_native(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__getattribute__", args, 1, 1);
    return type_getattribute(w, self.as<TypeObject>(), name_arg(w, arg(args, 0)));
}

static Value type_setattr_native(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__setattr__", args, 2, 2);
    type_setattr(w, self.as<TypeObject>(), name_arg(w, arg(args, 0)), arg(args, 1));
    return none();
}

static Value type_delattr_native(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__delattr__", args, 1, 1);
    type_setattr(w, self.as<TypeObject>(), name_arg(w, arg(args, 0)), Value());
    return none();
}

static Value type_repr_native(World& w, const Value& self, CallArgs&) {
    return w.str("<class '" + self.as<TypeObject>()->repr_name() + "'>");
}

static Value type_mro_native(World& w, const Value& self, CallArgs&) {
    std::vector<Value> out;
    for (auto& c : self.as<TypeObject>()->mro) out.emplace_back(c.get());
    return w.list(std::move(out));
}

static Value type_instancecheck(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__instancecheck__", args, 1, 1);
    return boolean(isinstance(w, arg(args, 0), self.as<TypeObject>()));
}

static Value type_subclasscheck(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__subclasscheck__", args, 1, 1);
    auto* t = arg(args, 0).as<TypeObject>();
    if (!t) w.raise(w.types.TypeError, "issubclass() arg 1 must be a class");
    return boolean(is_subtype(t, self.as<TypeObject>()));
}

static TypeObject* as_type(const Value& v) { return v.as<TypeObject>(); }

static Value type_name_get(World& w, const Value& t) { return w.str(as_type(t)->name); }
static void type_name_set(World& w, const Value& t, const Value& v) {
    TypeObject* type = as_type(t);
    if (!type->heap) w.raise(w.types.TypeError, "cannot set '__name__' attribute of immutable type '" + type->name + "'");
    if (v.empty()) w.raise(w.types.TypeError, "cannot delete '__name__' attribute of immutable type '" + type->name + "'");
    auto* s = v.as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "can only assign string to " + type->name + ".__name__, not '" + type_name(w, v) + "'");
    type->name = s->text;
}
static Value type_qualname_get(World& w, const Value& t) { return w.str(as_type(t)->qualname); }
static void type_qualname_set(World& w, const Value& t, const Value& v) {
    TypeObject* type = as_type(t);
    if (!type->heap) w.raise(w.types.TypeError, "cannot set '__qualname__' attribute of immutable type '" + type->name + "'");
    auto* s = v.as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "can only assign string to " + type->name + ".__qualname__, not '" + type_name(w, v) + "'");
    type->qualname = s->text;
}
static Value type_module_get(World& w, const Value& t) {
    TypeObject* type = as_type(t);
    if (type->heap)
        if (Value* m = type->dict->find_str("__module__")) return *m;
    return w.str(type->module);
}
static void type_module_set(World& w, const Value& t, const Value& v) {
    TypeObject* type = as_type(t);
    if (!type->heap) w.raise(w.types.TypeError, "cannot set '__module__' attribute of immutable type '" + type->name + "'");
    if (v.empty()) w.raise(w.types.TypeError, "cannot delete '__module__' attribute of immutable type '" + type->name + "'");
    type->dict->set(w.str("__module__"), v);
}

static Value type_mro_get(World& w, const Value& t) {
    TypeObject* type = as_type(t);
    if (type->mro_tuple.empty()) {
        std::vector<Value> out;
        for (auto& c : type->mro) out.emplace_back(c.get());
        type->mro_tuple = w.tuple(std::move(out));
    }
    return type->mro_tuple;
}
static Value type_bases_get(World& w, const Value& t) {
    std::vector<Value> out;
    for (auto& c : as_type(t)->bases) out.emplace_back(c.get());
    return w.tuple(std::move(out));
}
static Value type_base_get(World&, const Value& t) {
    TypeObject* b = as_type(t)->base;
    return b ? Value(b) : none();
}
static Value type_dict_get(World& w, const Value& t) {
    return make<MappingProxyObject>(w.types.mappingproxy, as_type(t)->dict);
}
static Value type_doc_get(World& w, const Value& t) {
    TypeObject* type = as_type(t);
    if (Value* d = type->dict->find_str("__doc__")) {
        if (has_descr_get(w, *d)) return descr_get(w, *d, Value(), type);
        return *d;
    }
    return none();
}
static void type_doc_set(World& w, const Value& t, const Value& v) {
    TypeObject* type = as_type(t);
    if (!type->heap) w.raise(w.types.TypeError, "cannot set '__doc__' attribute of immutable type '" + type->name + "'");
    type->dict->set(w.str("__doc__"), v.empty() ? none() : v);
}

// ---- functions and methods --------------------------------------------------------------

static Value function_get(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__get__", args, 1, 2);
    const Value& obj = arg(args, 0);
    if (obj.is_none()) return self;
    return make<MethodObject>(w.types.method, self, obj);
}

static FunctionObject* fn(const Value& v) { return v.as<FunctionObject>(); }
static Value function_name_get(World& w, const Value& f) { return w.str(fn(f)->name); }
static void function_name_set(World& w, const Value& f, const Value& v) {
    auto* s = v.as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "__name__ must be set to a string object");
    fn(f)->name = s->text;
}
static Value function_qualname_get(World& w, const Value& f) { return w.str(fn(f)->qualname); }
static void function_qualname_set(World& w, const Value& f, const Value& v) {
    auto* s = v.as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "__qualname__ must be set to a string object");
    fn(f)->qualname = s->text;
}
static Value function_doc_get(World&, const Value& f) { return fn(f)->doc; }
static void function_doc_set(World&, const Value& f, const Value& v) { fn(f)->doc = v.empty() ? none() : v; }
static Value function_module_get(World& w, const Value&) { return w.str("__main__"); }
static Value function_dict_get(World& w, const Value& f) { return Value(object_dict(w, f)); }
static Value function_defaults_get(World& w, const Value& f) {
    if (fn(f)->defaults.empty()) return none();
    return w.tuple(fn(f)->defaults);
}

static MethodObject* meth(const Value& v) { return v.as<MethodObject>(); }
static Value method_func_get(World&, const Value& m) { return meth(m)->function; }
static Value method_self_get(World&, const Value& m) { return meth(m)->self; }
static Value method_getattribute(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__getattribute__", args, 1, 1);
    std::string name = name_arg(w, arg(args, 0));
    // Attributes not found on the method come from its function, as CPython's method_getattro.
    Value v = type_lookup(type_of(w, self), name);
    if (!v.empty()) return object_getattribute(w, self, name);
    return getattr(w, meth(self)->function, name);
}

static Value builtin_self_get(World& w, const Value& b) {
    auto* bf = b.as<BuiltinFunctionObject>();
    return bf->self.empty() ? Value(w.modules->find_str("builtins") ? *w.modules->find_str("builtins") : none())
                            : bf->self;
}
static Value builtin_name_get(World& w, const Value& b) { return w.str(b.as<BuiltinFunctionObject>()->name); }

static Value method_descriptor_get(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__get__", args, 1, 2);
    const Value& obj = arg(args, 0);
    auto* md = self.as<MethodDescriptorObject>();
    if (obj.is_none()) return self;
    if (!isinstance(w, obj, md->owner))
        w.raise(w.types.TypeError, "descriptor '" + md->name + "' for '" + md->owner->name +
                                       "' objects doesn't apply to a '" + type_name(w, obj) + "' object");
    return make<BuiltinFunctionObject>(w.types.builtin_function, md->name, md->fn, obj);
}
static Value method_descriptor_name_get(World& w, const Value& d) { return w.str(d.as<MethodDescriptorObject>()->name); }
static Value method_descriptor_objclass_get(World&, const Value& d) { return Value(d.as<MethodDescriptorObject>()->owner); }

// getset and member descriptors of builtin types, and __slots__ members.
static void check_descriptor_applies(World& w, const std::string& name, TypeObject* owner, const Value& obj) {
    if (!isinstance(w, obj, owner))
        w.raise(w.types.TypeError, "descriptor '" + name + "' for '" + owner->name + "' objects doesn't apply to a '" +
                                       type_name(w, obj) + "' object");
}

static Value getset_get(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__get__", args, 1, 2);
    const Value& obj = arg(args, 0);
    if (obj.is_none() && !(args.positional.size() == 2 && arg(args, 1).is(Value(w.types.none)))) return self;
    if (auto* gs = self.as<GetSetDescriptorObject>()) {
        check_descriptor_applies(w, gs->name, gs->owner, obj);
        return gs->get(w, obj);
    }
    auto* sd = self.as<SlotDescriptorObject>();
    check_descriptor_applies(w, sd->name, sd->owner, obj);
    auto* inst = obj.as<InstanceObject>();
    const Value& v = inst->slot_values[sd->index];
    if (v.empty())
        w.raise(w.types.AttributeError, "'" + type_name(w, obj) + "' object has no attribute '" + sd->name + "'");
    return v;
}

static void getset_store(World& w, const Value& self, const Value& obj, const Value& value) {
    if (auto* gs = self.as<GetSetDescriptorObject>()) {
        check_descriptor_applies(w, gs->name, gs->owner, obj);
        if (!gs->set && gs->is_member) w.raise(w.types.AttributeError, "readonly attribute");
        if (!gs->set)
            w.raise(w.types.AttributeError, "attribute '" + gs->name + "' of '" + gs->owner->name + "' objects is not writable");
        gs->set(w, obj, value);
        return;
    }
    auto* sd = self.as<SlotDescriptorObject>();
    check_descriptor_applies(w, sd->name, sd->owner, obj);
    Value& slot = obj.as<InstanceObject>()->slot_values[sd->index];
    if (value.empty() && slot.empty()) w.raise(w.types.AttributeError, sd->name);
    slot = value;
    if (w.tracer)
        w.tracer->add(Event{.kind = value.empty() ? EventKind::DictDelete : EventKind::DictWrite,
                            .object = safe_repr(w, obj), .name = sd->name, .stage = stage::Slot,
                            .value = value.empty() ? "" : safe_repr(w, value)});
}

static Value getset_set(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__set__", args, 2, 2);
    getset_store(w, self, arg(args, 0), arg(args, 1));
    return none();
}

static Value getset_delete(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__delete__", args, 1, 1);
    getset_store(w, self, arg(args, 0), Value());
    return none();
}

static Value descriptor_name_get(World& w, const Value& d) {
    if (auto* gs = d.as<GetSetDescriptorObject>()) return w.str(gs->name);
    return w.str(d.as<SlotDescriptorObject>()->name);
}
static Value descriptor_objclass_get(World&, const Value& d) {
    if (auto* gs = d.as<GetSetDescriptorObject>()) return Value(gs->owner);
    return Value(d.as<SlotDescriptorObject>()->owner);
}

// ---- property ---------------------------------------------------------------------------

static PropertyObject* prop(const Value& v) { return v.as<PropertyObject>(); }

static std::string property_owner_name(World& w, const Value& obj) {
    TypeObject* t = type_of(w, obj);
    return t->qualname;
}

static std::string property_error(World& w, PropertyObject* p, const Value& obj, const char* what) {
    if (auto* n = p->name.as<StrObject>())
        return "property " + quote_string(n->text) + " of " + quote_string(property_owner_name(w, obj)) + " object has no " + what;
    return "property of " + quote_string(property_owner_name(w, obj)) + " object has no " + what;
}

static Value property_new(World& w, const Value&, CallArgs& args) {
    if (args.positional.empty()) w.raise(w.types.TypeError, "property.__new__(): not enough arguments");
    auto p = make<PropertyObject>(w.types.property);
    p->fget = p->fset = p->fdel = p->doc = none();
    static const char* names[] = {"fget", "fset", "fdel", "doc"};
    Value* fields[] = {&p->fget, &p->fset, &p->fdel, &p->doc};
    size_t npos = args.positional.size() - 1;
    if (npos > 4) w.raise(w.types.TypeError, "property() takes at most 4 arguments (" + std::to_string(npos) + " given)");
    for (size_t i = 0; i < npos; ++i) *fields[i] = arg(args, i + 1);
    for (KwArg& kw : args.keywords) {
        size_t i = 0;
        while (i < 4 && kw.name != names[i]) ++i;
        if (i == 4) w.raise(w.types.TypeError, "property() got an unexpected keyword argument '" + kw.name + "'");
        if (i < npos) w.raise(w.types.TypeError, "argument for property() given by name ('" + kw.name + "') and position (" + std::to_string(i + 1) + ")");
        *fields[i] = kw.value;
    }
    // As CPython: with no doc given, the getter's __doc__ is used.
    if (p->doc.is_none() && !p->fget.is_none()) {
        if (auto* f = p->fget.as<FunctionObject>()) p->doc = f->doc;
    }
    return p;
}

static Value property_get(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__get__", args, 1, 2);
    const Value& obj = arg(args, 0);
    if (obj.is_none()) return self;
    PropertyObject* p = prop(self);
    if (p->fget.is_none()) w.raise(w.types.AttributeError, property_error(w, p, obj, "getter"));
    return call(w, p->fget, {obj});
}

static Value property_set(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__set__", args, 2, 2);
    PropertyObject* p = prop(self);
    if (p->fset.is_none()) w.raise(w.types.AttributeError, property_error(w, p, arg(args, 0), "setter"));
    call(w, p->fset, {arg(args, 0), arg(args, 1)});
    return none();
}

static Value property_delete(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__delete__", args, 1, 1);
    PropertyObject* p = prop(self);
    if (p->fdel.is_none()) w.raise(w.types.AttributeError, property_error(w, p, arg(args, 0), "deleter"));
    call(w, p->fdel, {arg(args, 0)});
    return none();
}

static Value property_copy(World& w, PropertyObject* p, int which, const Value& f) {
    auto q = make<PropertyObject>(w.types.property);
    q->fget = which == 0 ? f : p->fget;
    q->fset = which == 1 ? f : p->fset;
    q->fdel = which == 2 ? f : p->fdel;
    q->doc = p->doc;
    if (which == 0 && q->doc.is_none())
        if (auto* fo = f.as<FunctionObject>()) q->doc = fo->doc;
    q->name = p->name;
    return q;
}
static Value property_getter(World& w, const Value& self, CallArgs& a) { expect_args(w, "getter", a, 1, 1); return property_copy(w, prop(self), 0, arg(a, 0)); }
static Value property_setter(World& w, const Value& self, CallArgs& a) { expect_args(w, "setter", a, 1, 1); return property_copy(w, prop(self), 1, arg(a, 0)); }
static Value property_deleter(World& w, const Value& self, CallArgs& a) { expect_args(w, "deleter", a, 1, 1); return property_copy(w, prop(self), 2, arg(a, 0)); }
static Value property_set_name(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "__set_name__", a, 2, 2);
    prop(self)->name = arg(a, 1);
    return none();
}
static Value property_fget(World&, const Value& p) { return prop(p)->fget; }
static Value property_fset(World&, const Value& p) { return prop(p)->fset; }
static Value property_fdel(World&, const Value& p) { return prop(p)->fdel; }
static Value property_doc(World&, const Value& p) { return prop(p)->doc; }
static void property_doc_set(World&, const Value& p, const Value& v) { prop(p)->doc = v.empty() ? none() : v; }

// ---- classmethod, staticmethod, cached_property ----------------------------------------

static WrapperObject* wrapper(const Value& v) { return v.as<WrapperObject>(); }

static Value wrapper_new_of(World& w, TypeObject* t, CallArgs& args, const char* fname) {
    expect_no_keywords(w, fname, args);
    if (args.positional.size() != 2)
        w.raise(w.types.TypeError, std::string(fname) + " expected 1 argument, got " + std::to_string(args.positional.size() - 1));
    return make<WrapperObject>(t, arg(args, 1));
}
static Value classmethod_new(World& w, const Value&, CallArgs& a) { return wrapper_new_of(w, w.types.classmethod, a, "classmethod"); }
static Value staticmethod_new(World& w, const Value&, CallArgs& a) { return wrapper_new_of(w, w.types.staticmethod, a, "staticmethod"); }
static Value cached_property_new(World& w, const Value&, CallArgs& a) {
    if (a.positional.size() == 3 && a.keywords.empty()) a.positional.pop_back(); // (func, attrname) is not used
    return wrapper_new_of(w, w.types.cached_property, a, "cached_property");
}

static Value classmethod_get(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__get__", args, 1, 2);
    Value type = args.positional.size() == 2 && !arg(args, 1).is_none() ? arg(args, 1) : Value(type_of(w, arg(args, 0)));
    const Value& callable = wrapper(self)->function;
    // 3.11: a wrapped descriptor is bound to the class (classmethod(property(...)) chains).
    if (!callable.as<FunctionObject>() && has_descr_get(w, callable))
        return descr_get(w, callable, type, type.as<TypeObject>());
    return make<MethodObject>(w.types.method, callable, type);
}

static Value staticmethod_get(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__get__", args, 1, 2);
    return wrapper(self)->function;
}

static Value staticmethod_call(World& w, const Value& self, CallArgs& args) { return call(w, wrapper(self)->function, args); }

static Value wrapper_func_get(World&, const Value& v) { return wrapper(v)->function; }

static Value cached_property_set_name(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "__set_name__", a, 2, 2);
    WrapperObject* cp = wrapper(self);
    if (cp->attrname.empty() || cp->attrname.is_none()) {
        cp->attrname = arg(a, 1);
    } else if (!equal(w, cp->attrname, arg(a, 1))) {
        w.raise(w.types.TypeError, "Cannot assign the same cached_property to two different names (" +
                                       repr(w, cp->attrname) + " and " + repr(w, arg(a, 1)) + ").");
    }
    return none();
}

// functools.cached_property.__get__: compute once, then store into the instance __dict__,
// where it wins from then on (a non-data descriptor loses to the instance dict).
static Value cached_property_get(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__get__", args, 1, 2);
    const Value& obj = arg(args, 0);
    if (obj.is_none()) return self;
    WrapperObject* cp = wrapper(self);
    if (cp->attrname.empty() || cp->attrname.is_none())
        w.raise(w.types.TypeError, "Cannot use cached_property instance without calling __set_name__ on it.");
    Value cache = getattr_or_empty(w, obj, "__dict__"); // as functools: instance.__dict__
    if (cache.empty())
        w.raise(w.types.TypeError, "No '__dict__' attribute on " + quote_string(type_name(w, obj)) + " instance to cache " +
                                       repr(w, cp->attrname) + " property.");
    auto* dict = cache.as<DictObject>();
    if (Value* v = dict ? dict->find(cp->attrname) : nullptr) return *v;
    if (!dict) {
        Value found = call_special(w, cache, "get", {cp->attrname, Value()});
        if (!found.empty() && !found.is_none()) return found;
    }
    Value v = call(w, cp->function, {obj});
    try {
        set_item(w, cache, cp->attrname, v);
    } catch (PyError& e) {
        if (!isinstance(w, e.exc, w.types.TypeError)) throw;
        w.raise(w.types.TypeError, "The '__dict__' attribute on " + quote_string(type_name(w, obj)) +
                                       " instance does not support item assignment for caching " +
                                       repr(w, cp->attrname) + " property.");
    }
    return v; // the cache fill was traced by set_item, as a write into the instance __dict__
}

static Value cached_property_attrname(World&, const Value& v) {
    Value a = wrapper(v)->attrname;
    return a.empty() ? none() : a;
}

// ---- module and super -------------------------------------------------------------------

static Value module_init(World& w, const Value& self, CallArgs& args) {
    Value name = take_keyword(args, "name");
    Value doc = take_keyword(args, "doc");
    if (!args.keywords.empty())
        w.raise(w.types.TypeError, "module() got an unexpected keyword argument '" + args.keywords[0].name + "'");
    if (name.empty()) {
        if (args.positional.empty()) w.raise(w.types.TypeError, "module() missing required argument 'name' (pos 1)");
        name = arg(args, 0);
    }
    if (doc.empty() && args.positional.size() > 1) doc = arg(args, 1);
    if (args.positional.size() > 2)
        w.raise(w.types.TypeError, "module() takes at most 2 arguments (" + std::to_string(args.positional.size()) + " given)");
    if (!name.as<StrObject>())
        w.raise(w.types.TypeError, "module.__init__() argument 'name' must be str, not " + type_name(w, name));
    DictObject* d = self.as<ModuleObject>()->dict.get();
    d->set(w.str("__name__"), name);
    d->set(w.str("__doc__"), doc.empty() ? none() : doc);
    for (const char* k : {"__package__", "__loader__", "__spec__"}) d->set(w.str(k), none());
    return none();
}

static Value module_getattribute_native(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__getattribute__", args, 1, 1);
    return module_getattribute(w, self.as<ModuleObject>(), name_arg(w, arg(args, 0)));
}

static Value module_dict_get(World&, const Value& m) { return Value(m.as<ModuleObject>()->dict.get()); }

static Value module_repr_native(World& w, const Value& self, CallArgs&) {
    return w.str(safe_repr(w, self, 1000));
}

static Value super_new(World& w, const Value&, CallArgs& args) {
    expect_no_keywords(w, "super", args);
    if (args.positional.size() == 1) return w.interpreter().zero_argument_super();
    if (args.positional.size() > 3)
        w.raise(w.types.TypeError, "super() takes at most 2 arguments (" + std::to_string(args.positional.size() - 1) + " given)");
    auto* type = arg(args, 1).as<TypeObject>();
    if (!type) w.raise(w.types.TypeError, "super() argument 1 must be a type, not " + type_name(w, arg(args, 1)));
    if (args.positional.size() == 2)
        return make<SuperObject>(w.types.super, Ref<TypeObject>(type), Value(), Ref<TypeObject>());
    const Value& obj = arg(args, 2);
    TypeObject* obj_type = nullptr;
    if (auto* t = obj.as<TypeObject>(); t && is_subtype(t, type)) obj_type = t;
    else if (is_subtype(type_of(w, obj), type)) obj_type = type_of(w, obj);
    else w.raise(w.types.TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return make<SuperObject>(w.types.super, Ref<TypeObject>(type), obj, Ref<TypeObject>(obj_type));
}

static Value super_init(World&, const Value&, CallArgs&) { return none(); }

static Value super_getattribute_native(World& w, const Value& self, CallArgs& args) {
    expect_args(w, "__getattribute__", args, 1, 1);
    return super_getattribute(w, self.as<SuperObject>(), name_arg(w, arg(args, 0)));
}
static Value super_thisclass(World&, const Value& s) { return Value(s.as<SuperObject>()->type_.get()); }
static Value super_self(World&, const Value& s) {
    const Value& o = s.as<SuperObject>()->obj;
    return o.empty() ? none() : o;
}
static Value super_self_class(World&, const Value& s) {
    auto& t = s.as<SuperObject>()->obj_type;
    return t ? Value(t.get()) : none();
}

// ---- exceptions -------------------------------------------------------------------------

static InstanceObject* exc(const Value& v) { return v.as<InstanceObject>(); }

static Value exception_new(World& w, const Value&, CallArgs& args) { return allocate(w, "BaseException.__new__", args); }
static Value module_new(World& w, const Value&, CallArgs& args) { return allocate(w, "module.__new__", args); }

static Value exception_init(World& w, const Value& self, CallArgs& args) {
    if (!args.keywords.empty())
        w.raise(w.types.TypeError, type_name(w, self) + "() takes no keyword arguments");
    exc(self)->args = w.tuple(args.positional);
    return none();
}

static Value exception_str_native(World& w, const Value& self, CallArgs&) {
    auto* args = exc(self)->args.as<TupleObject>();
    if (!args || args->items.empty()) return w.str("");
    if (args->items.size() == 1) {
        if (isinstance(w, self, w.types.KeyError)) return w.str(repr(w, args->items[0]));
        return w.str(str(w, args->items[0]));
    }
    return w.str(repr(w, exc(self)->args));
}

static Value exception_repr_native(World& w, const Value& self, CallArgs&) { return w.str(safe_repr(w, self, 100000)); }

static Value exception_args_get(World&, const Value& e) { return exc(e)->args; }
static void exception_args_set(World& w, const Value& e, const Value& v) {
    if (v.empty()) w.raise(w.types.TypeError, "args may not be deleted");
    exc(e)->args = w.tuple(to_vector(w, v));
}
static Value exception_cause_get(World&, const Value& e) { return exc(e)->cause.empty() ? none() : exc(e)->cause; }
static void exception_cause_set(World& w, const Value& e, const Value& v) {
    if (!v.is_none() && !isinstance(w, v, w.types.BaseException))
        w.raise(w.types.TypeError, "exception cause must be None or derive from BaseException");
    exc(e)->cause = v;
    exc(e)->suppress_context = true;
}
static Value exception_context_get(World&, const Value& e) { return exc(e)->context.empty() ? none() : exc(e)->context; }
static void exception_context_set(World&, const Value& e, const Value& v) { exc(e)->context = v; }
static Value exception_traceback_get(World&, const Value&) { return none(); }
static Value exception_suppress_context_get(World&, const Value& e) { return boolean(exc(e)->suppress_context); }
static void exception_suppress_context_set(World& w, const Value& e, const Value& v) { exc(e)->suppress_context = truthy(w, v); }
static Value exception_dict_get(World& w, const Value& e) { return Value(object_dict(w, e)); }

// ---- containers -------------------------------------------------------------------------

static ListObject* lst(const Value& v) { return v.as<ListObject>(); }

static Value list_append(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "list.append", a, 1, 1);
    w.check_allocation(lst(self)->items.size() + 1, sizeof(Value));
    lst(self)->items.push_back(arg(a, 0));
    return none();
}
static Value list_extend(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "list.extend", a, 1, 1);
    std::vector<Value> more = to_vector(w, arg(a, 0));
    w.check_allocation(lst(self)->items.size() + more.size(), sizeof(Value));
    lst(self)->items.insert(lst(self)->items.end(), more.begin(), more.end());
    return none();
}
static Value list_insert(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "insert", a, 2, 2);
    auto& items = lst(self)->items;
    int64_t i = expect_int(w, "index", arg(a, 0)), n = items.size();
    if (i < 0) i = std::max<int64_t>(0, i + n);
    if (i > n) i = n;
    items.insert(items.begin() + i, arg(a, 1));
    return none();
}
static Value list_pop(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "pop", a, 0, 1);
    auto& items = lst(self)->items;
    if (items.empty()) w.raise(w.types.IndexError, "pop from empty list");
    int64_t n = items.size(), i = a.positional.empty() ? n - 1 : expect_int(w, "index", arg(a, 0));
    if (i < 0) i += n;
    if (i < 0 || i >= n) w.raise(w.types.IndexError, "pop index out of range");
    Value v = items[i];
    items.erase(items.begin() + i);
    return v;
}
static Value list_remove(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "list.remove", a, 1, 1);
    auto& items = lst(self)->items;
    for (size_t i = 0; i < items.size(); ++i)
        if (equal(w, items[i], arg(a, 0))) {
            items.erase(items.begin() + i);
            return none();
        }
    w.raise(w.types.ValueError, "list.remove(x): x not in list");
}
static Value sequence_index_of(World& w, const std::vector<Value>& items, CallArgs& a, const char* kind) {
    expect_args(w, "index", a, 1, 3);
    for (size_t i = 0; i < items.size(); ++i)
        if (equal(w, items[i], arg(a, 0))) return Value::integer(i);
    if (std::string(kind) == "list") w.raise(w.types.ValueError, repr(w, arg(a, 0)) + " is not in list");
    w.raise(w.types.ValueError, "tuple.index(x): x not in tuple");
}
static Value sequence_count(World& w, const std::vector<Value>& items, CallArgs& a) {
    expect_args(w, "count", a, 1, 1);
    int64_t n = 0;
    for (const Value& v : items) n += equal(w, v, arg(a, 0));
    return Value::integer(n);
}
static Value list_index(World& w, const Value& self, CallArgs& a) { return sequence_index_of(w, lst(self)->items, a, "list"); }
static Value list_count(World& w, const Value& self, CallArgs& a) { return sequence_count(w, lst(self)->items, a); }
static Value list_copy(World& w, const Value& self, CallArgs& a) { expect_args(w, "list.copy", a, 0, 0); return w.list(lst(self)->items); }
static Value list_clear(World& w, const Value& self, CallArgs& a) { expect_args(w, "list.clear", a, 0, 0); lst(self)->items.clear(); return none(); }
static Value list_reverse(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "list.reverse", a, 0, 0);
    std::reverse(lst(self)->items.begin(), lst(self)->items.end());
    return none();
}

static std::vector<Value> sorted_values(World& w, std::vector<Value> items, const Value& key, bool reverse) {
    std::vector<Value> keys = items;
    if (!key.empty() && !key.is_none())
        for (Value& k : keys) k = call(w, key, {k});
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return reverse ? truthy(w, compare(w, CompareOp::Lt, keys[b], keys[a]))
                       : truthy(w, compare(w, CompareOp::Lt, keys[a], keys[b]));
    });
    std::vector<Value> out;
    for (size_t i : order) out.push_back(items[i]);
    return out;
}

static Value list_sort(World& w, const Value& self, CallArgs& a) {
    Value key = take_keyword(a, "key");
    Value reverse = take_keyword(a, "reverse");
    if (!a.positional.empty()) w.raise(w.types.TypeError, "sort() takes no positional arguments");
    expect_no_keywords(w, "sort", a);
    lst(self)->items = sorted_values(w, lst(self)->items, key, !reverse.empty() && truthy(w, reverse));
    return none();
}

static Value tuple_index(World& w, const Value& self, CallArgs& a) { return sequence_index_of(w, self.as<TupleObject>()->items, a, "tuple"); }
static Value tuple_count(World& w, const Value& self, CallArgs& a) { return sequence_count(w, self.as<TupleObject>()->items, a); }

static DictObject* dct(World& w, const Value& v) {
    if (auto* mp = v.as<MappingProxyObject>()) return mp->dict.get();
    (void)w;
    return v.as<DictObject>();
}

static Value dict_get(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "get", a, 1, 2);
    if (Value* v = dct(w, self)->find(arg(a, 0), hash(w, arg(a, 0)))) return *v;
    return a.positional.size() > 1 ? arg(a, 1) : none();
}
static Value dict_pop(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "pop", a, 1, 2);
    DictObject* d = dct(w, self);
    size_t h = hash(w, arg(a, 0));
    if (Value* v = d->find(arg(a, 0), h)) {
        Value out = *v;
        d->erase(arg(a, 0), h);
        trace_dict_change(w, d, arg(a, 0), Value());
        return out;
    }
    if (a.positional.size() > 1) return arg(a, 1);
    w.raise_value(w.types.KeyError, arg(a, 0));
}
static Value dict_setdefault(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "setdefault", a, 1, 2);
    DictObject* d = dct(w, self);
    size_t h = hash(w, arg(a, 0));
    if (Value* v = d->find(arg(a, 0), h)) return *v;
    Value v = a.positional.size() > 1 ? arg(a, 1) : none();
    d->set(arg(a, 0), h, v);
    trace_dict_change(w, d, arg(a, 0), v);
    return v;
}
static Value dict_view(World& w, TypeObject* kind, DictObject* d) {
    auto view = make<IteratorObject>(kind);
    d->for_each([&](const Value& k, const Value& v) {
        if (kind == w.types.dict_keys) view->items.push_back(k);
        else if (kind == w.types.dict_values) view->items.push_back(v);
        else view->items.push_back(w.tuple({k, v}));
    });
    return view;
}
static Value dict_keys(World& w, const Value& self, CallArgs& a) { expect_args(w, "keys", a, 0, 0); return dict_view(w, w.types.dict_keys, dct(w, self)); }
static Value dict_values(World& w, const Value& self, CallArgs& a) { expect_args(w, "values", a, 0, 0); return dict_view(w, w.types.dict_values, dct(w, self)); }
static Value dict_items(World& w, const Value& self, CallArgs& a) { expect_args(w, "items", a, 0, 0); return dict_view(w, w.types.dict_items, dct(w, self)); }
static Value dict_copy(World& w, const Value& self, CallArgs& a) {
    expect_args(w, "copy", a, 0, 0);
    auto d = w.dict();
    dct(w, self)->for_each([&](const Value& k, const Value& v) { d->set(k, v); });
    return d;
}
static Value dict_clear(World& w, const Value& self, CallArgs& a) { expect_args(w, "clear", a, 0, 0); dct(w, self)->clear(); return none(); }

static void dict_merge(World& w, DictObject* d, const Value& source) {
    if (auto* src = dct(w, source)) {
        src->for_each([&](const Value& k, const Value& v) { d->set(k, v); });
        return;
    }
    Value it = iter(w, source);
    size_t index = 0;
    for (Value item = next(w, it); !item.empty(); item = next(w, it), ++index) {
        std::vector<Value> pair;
        if (item.as<TupleObject>() || item.as<ListObject>()) pair = to_vector(w, item);
        else w.raise(w.types.TypeError, "cannot convert dictionary update sequence element #" + std::to_string(index) + " to a sequence");
        if (pair.size() != 2)
            w.raise(w.types.ValueError, "dictionary update sequence element #" + std::to_string(index) + " has length " +
                                            std::to_string(pair.size()) + "; 2 is required");
        d->set(pair[0], hash(w, pair[0]), pair[1]);
    }
}
static Value dict_update(World& w, const Value& self, CallArgs& a) {
    if (a.positional.size() > 1) w.raise(w.types.TypeError, "update expected at most 1 argument, got " + std::to_string(a.positional.size()));
    DictObject* d = dct(w, self);
    if (!a.positional.empty()) dict_merge(w, d, arg(a, 0));
    for (KwArg& kw : a.keywords) d->set(w.str(kw.name), kw.value);
    return none();
}

// ---- constructors of builtin types ------------------------------------------------------

static Value int_new(World& w, const Value&, CallArgs& a) {
    Value base_kw = take_keyword(a, "base");
    expect_no_keywords(w, "int", a);
    size_t n = a.positional.size() - 1;
    if (n > 2) w.raise(w.types.TypeError, "int() takes at most 2 arguments (" + std::to_string(n) + " given)");
    if (n == 0) return Value::integer(0);
    const Value& x = arg(a, 1);
    Value base = n > 1 ? arg(a, 2) : base_kw;
    if (base.empty()) {
        if (x.is_int() || x.is_bool()) return Value::integer(x.as_int());
        if (x.is_float()) {
            double d = x.as_float();
            if (std::isnan(d)) w.raise(w.types.ValueError, "cannot convert float NaN to integer");
            if (std::isinf(d)) w.raise(w.types.OverflowError, "cannot convert float infinity to integer");
            if (std::fabs(d) >= 9.2233720368547758e18) checked_int(w, true, 0);
            return Value::integer(static_cast<int64_t>(d));
        }
    }
    auto* s = x.as<StrObject>();
    if (!s) {
        if (!base.empty()) w.raise(w.types.TypeError, "int() can't convert non-string with explicit base");
        Value r = call_special(w, x, "__int__", {});
        if (!r.empty()) return r;
        w.raise(w.types.TypeError, "int() argument must be a string, a bytes-like object or a real number, not '" + type_name(w, x) + "'");
    }
    int64_t b = base.empty() ? 10 : expect_int(w, "base", base);
    std::string text = s->text;
    size_t start = text.find_first_not_of(" \t\n\r\f\v"), end = text.find_last_not_of(" \t\n\r\f\v");
    std::string t = start == std::string::npos ? "" : text.substr(start, end - start + 1);
    bool neg = false;
    size_t i = 0;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) neg = t[i++] == '-';
    if (b == 0 || b == 16 || b == 8 || b == 2) {
        if (i + 1 < t.size() && t[i] == '0') {
            char p = std::tolower(t[i + 1]);
            int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
            if (pb && (b == 0 || b == pb)) {
                b = pb;
                i += 2;
            }
        }
        if (b == 0) b = 10;
    }
    int64_t value = 0;
    bool ok = i < t.size(), overflow = false;
    bool last_underscore = true;
    for (; i < t.size() && ok; ++i) {
        char c = t[i];
        if (c == '_' && !last_underscore) {
            last_underscore = true;
            continue;
        }
        int d = std::isdigit(c) ? c - '0' : std::isalpha(c) ? std::tolower(c) - 'a' + 10 : 99;
        if (d >= b) ok = false;
        else {
            overflow |= __builtin_mul_overflow(value, b, &value) || __builtin_add_overflow(value, d, &value);
            last_underscore = false;
        }
    }
    if (!ok || last_underscore)
        w.raise(w.types.ValueError, "invalid literal for int() with base " + std::to_string(b) + ": " + quote_string(text));
    checked_int(w, overflow, 0);
    return Value::integer(neg ? -value : value);
}

static Value float_new(World& w, const Value&, CallArgs& a) {
    expect_args(w, "float", a, 1, 2);
    if (a.positional.size() == 1) return Value::real(0.0);
    const Value& x = arg(a, 1);
    if (x.is_float()) return x;
    if (x.is_int() || x.is_bool()) return Value::real(double(x.as_int()));
    if (auto* s = x.as<StrObject>()) {
        std::string t = s->text;
        size_t start = t.find_first_not_of(" \t\n\r"), end = t.find_last_not_of(" \t\n\r");
        std::string core = start == std::string::npos ? "" : t.substr(start, end - start + 1);
        std::string lower;
        for (char c : core) lower += std::tolower(c);
        std::string unsigned_part = !lower.empty() && (lower[0] == '+' || lower[0] == '-') ? lower.substr(1) : lower;
        if (unsigned_part == "inf" || unsigned_part == "infinity" || unsigned_part == "nan") {
            double v = unsigned_part == "nan" ? NAN : INFINITY;
            return Value::real(lower[0] == '-' ? -v : v);
        }
        char* endp = nullptr;
        double v = core.empty() ? 0 : std::strtod(core.c_str(), &endp);
        if (core.empty() || *endp != '\0' || std::isinf(v) != false || core.find_first_of("xXpP") != std::string::npos) {
            if (!(core.size() && endp && *endp == '\0' && std::isinf(v)))
                w.raise(w.types.ValueError, "could not convert string to float: " + quote_string(t));
        }
        return Value::real(v);
    }
    Value r = call_special(w, x, "__float__", {});
    if (!r.empty()) return r;
    w.raise(w.types.TypeError, "float() argument must be a string or a real number, not '" + type_name(w, x) + "'");
}

static Value str_new(World& w, const Value&, CallArgs& a) {
    expect_args(w, "str", a, 1, 2);
    if (a.positional.size() == 1) return w.str("");
    return w.str(str(w, arg(a, 1)));
}

static Value bool_new(World& w, const Value&, CallArgs& a) {
    expect_args(w, "bool", a, 1, 2);
    return boolean(a.positional.size() > 1 && truthy(w, arg(a, 1)));
}

static Value list_new(World& w, const Value&, CallArgs& a) {
    expect_args(w, "list", a, 1, 2);
    return w.list(a.positional.size() > 1 ? to_vector(w, arg(a, 1)) : std::vector<Value>{});
}

static Value tuple_new(World& w, const Value&, CallArgs& a) {
    expect_args(w, "tuple", a, 1, 2);
    if (a.positional.size() > 1 && arg(a, 1).as<TupleObject>()) return arg(a, 1);
    return w.tuple(a.positional.size() > 1 ? to_vector(w, arg(a, 1)) : std::vector<Value>{});
}

static Value dict_new(World& w, const Value&, CallArgs& a) {
    if (a.positional.size() > 2) w.raise(w.types.TypeError, "dict expected at most 1 argument, got " + std::to_string(a.positional.size() - 1));
    auto d = w.dict();
    if (a.positional.size() > 1) dict_merge(w, d.get(), arg(a, 1));
    for (KwArg& kw : a.keywords) d->set(w.str(kw.name), kw.value);
    return d;
}

static Value range_new(World& w, const Value&, CallArgs& a) {
    expect_no_keywords(w, "range", a);
    size_t n = a.positional.size() - 1;
    if (n == 0) w.raise(w.types.TypeError, "range expected at least 1 argument, got 0");
    if (n > 3) w.raise(w.types.TypeError, "range expected at most 3 arguments, got " + std::to_string(n));
    auto as_index = [&](const Value& v) {
        if (!v.is_int() && !v.is_bool())
            w.raise(w.types.TypeError, "'" + type_name(w, v) + "' object cannot be interpreted as an integer");
        return v.as_int();
    };
    int64_t start = 0, stop, step = 1;
    if (n == 1) stop = as_index(arg(a, 1));
    else {
        start = as_index(arg(a, 1));
        stop = as_index(arg(a, 2));
        if (n == 3) step = as_index(arg(a, 3));
    }
    if (step == 0) w.raise(w.types.ValueError, "range() arg 3 must not be zero");
    return make<RangeObject>(w.types.range, start, stop, step);
}

static Value noop_init(World&, const Value&, CallArgs&) { return none(); }

static Value not_constructible(World& w, const Value& self, CallArgs&) {
    w.raise(w.types.TypeError, "cannot create '" + self.as<TypeObject>()->repr_name() + "' instances");
}

// ---- builtin functions ------------------------------------------------------------------

static Value b_getattr(World& w, const Value&, CallArgs& a) {
    expect_args(w, "getattr", a, 2, 3);
    auto* s = arg(a, 1).as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "attribute name must be string, not '" + type_name(w, arg(a, 1)) + "'");
    if (a.positional.size() == 3) {
        Value v = getattr_or_empty(w, arg(a, 0), s->text);
        return v.empty() ? arg(a, 2) : v;
    }
    return getattr(w, arg(a, 0), s->text);
}

static Value b_setattr(World& w, const Value&, CallArgs& a) {
    expect_args(w, "setattr", a, 3, 3);
    auto* s = arg(a, 1).as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "attribute name must be string, not '" + type_name(w, arg(a, 1)) + "'");
    setattr(w, arg(a, 0), s->text, arg(a, 2));
    return none();
}

static Value b_delattr(World& w, const Value&, CallArgs& a) {
    expect_args(w, "delattr", a, 2, 2);
    auto* s = arg(a, 1).as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "attribute name must be string, not '" + type_name(w, arg(a, 1)) + "'");
    delattr(w, arg(a, 0), s->text);
    return none();
}

static Value b_hasattr(World& w, const Value&, CallArgs& a) {
    expect_args(w, "hasattr", a, 2, 2);
    auto* s = arg(a, 1).as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "attribute name must be string, not '" + type_name(w, arg(a, 1)) + "'");
    return boolean(!getattr_or_empty(w, arg(a, 0), s->text).empty());
}

static std::vector<TypeObject*> class_info(World& w, const Value& v, const char* fname) {
    if (auto* t = v.as<TypeObject>()) return {t};
    if (auto* tup = v.as<TupleObject>()) {
        RecursionGuard guard(w, std::string_view(fname) == "isinstance" ? " in __instancecheck__"
                                                                        : " in __subclasscheck__");
        std::vector<TypeObject*> out;
        for (const Value& item : tup->items) {
            auto more = class_info(w, item, fname);
            out.insert(out.end(), more.begin(), more.end());
        }
        return out;
    }
    w.raise(w.types.TypeError, std::string(fname) + "() arg 2 must be a type, a tuple of types, or a union");
}

static Value b_isinstance(World& w, const Value&, CallArgs& a) {
    expect_args(w, "isinstance", a, 2, 2);
    for (TypeObject* t : class_info(w, arg(a, 1), "isinstance"))
        if (isinstance(w, arg(a, 0), t)) return boolean(true);
    return boolean(false);
}

static Value b_issubclass(World& w, const Value&, CallArgs& a) {
    expect_args(w, "issubclass", a, 2, 2);
    auto* t = arg(a, 0).as<TypeObject>();
    if (!t) w.raise(w.types.TypeError, "issubclass() arg 1 must be a class");
    for (TypeObject* c : class_info(w, arg(a, 1), "issubclass"))
        if (is_subtype(t, c)) return boolean(true);
    return boolean(false);
}

static Value b_len(World& w, const Value&, CallArgs& a) {
    expect_args(w, "len", a, 1, 1);
    return Value::integer(length(w, arg(a, 0)));
}

static Value b_repr(World& w, const Value&, CallArgs& a) {
    expect_args(w, "repr", a, 1, 1);
    return w.str(repr(w, arg(a, 0)));
}

static Value b_sorted(World& w, const Value&, CallArgs& a) {
    Value key = take_keyword(a, "key");
    Value reverse = take_keyword(a, "reverse");
    expect_args(w, "sorted", a, 1, 1);
    return w.list(sorted_values(w, to_vector(w, arg(a, 0)), key, !reverse.empty() && truthy(w, reverse)));
}

static Value b_vars(World& w, const Value&, CallArgs& a) {
    if (a.positional.empty() && a.keywords.empty()) return w.interpreter().locals();
    expect_args(w, "vars", a, 1, 1);
    Value d = getattr_or_empty(w, arg(a, 0), "__dict__");
    if (d.empty()) w.raise(w.types.TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

static void collect_type_names(TypeObject* t, std::set<std::string>& names) {
    for (auto& c : t->mro)
        c->dict->for_each([&](const Value& k, const Value&) {
            if (auto* s = k.as<StrObject>()) names.insert(s->text);
        });
}

static Value object_dir(World& w, const Value& self, CallArgs&) {
    std::set<std::string> names;
    if (auto* t = self.as<TypeObject>()) {
        collect_type_names(t, names);
    } else {
        if (Value d = getattr_or_empty(w, self, "__dict__"); auto* dict = d.as<DictObject>())
            dict->for_each([&](const Value& k, const Value&) {
                if (auto* s = k.as<StrObject>()) names.insert(s->text);
            });
        if (!self.as<ModuleObject>()) collect_type_names(type_of(w, self), names);
    }
    std::vector<Value> out;
    for (const std::string& n : names) out.push_back(w.str(n));
    return w.list(std::move(out));
}

static Value b_dir(World& w, const Value&, CallArgs& a) {
    expect_args(w, "dir", a, 1, 1);
    Value r = call_special(w, arg(a, 0), "__dir__", {});
    if (r.empty()) w.raise(w.types.TypeError, "object does not provide __dir__");
    std::vector<Value> items = to_vector(w, r);
    return w.list(sorted_values(w, std::move(items), Value(), false));
}

static Value b_id(World& w, const Value&, CallArgs& a) {
    expect_args(w, "id", a, 1, 1);
    const Value& v = arg(a, 0);
    if (v.is_object()) return Value::integer(int64_t(reinterpret_cast<uintptr_t>(v.object()) >> 3));
    return Value::integer(int64_t(hash(w, v)));
}

static Value b_hash(World& w, const Value&, CallArgs& a) {
    expect_args(w, "hash", a, 1, 1);
    const Value& v = arg(a, 0);
    if (v.is_float() && v.as_float() == std::floor(v.as_float()) && std::fabs(v.as_float()) < 9.2e18)
        return Value::integer(int64_t(v.as_float()) == -1 ? -2 : int64_t(v.as_float())); // hash(1.0) == hash(1)
    if (v.is_int() || v.is_bool()) return Value::integer(v.as_int() == -1 ? -2 : v.as_int());
    return Value::integer(int64_t(hash(w, v) >> 1));
}

static Value b_callable(World& w, const Value&, CallArgs& a) {
    expect_args(w, "callable", a, 1, 1);
    return boolean(callable(w, arg(a, 0)));
}

static Value b_print(World& w, const Value&, CallArgs& a) {
    Value sep = take_keyword(a, "sep");
    Value end = take_keyword(a, "end");
    if (!a.keywords.empty())
        w.raise(w.types.TypeError, "'" + a.keywords[0].name + "' is an invalid keyword argument for print()");
    std::string sep_text = sep.empty() || sep.is_none() ? " " : expect_str(w, "sep", sep);
    std::string end_text = end.empty() || end.is_none() ? "\n" : expect_str(w, "end", end);
    std::string text;
    for (size_t i = 0; i < a.positional.size(); ++i) {
        if (i) text += sep_text;
        text += str(w, a.positional[i]);
    }
    text += end_text;
    w.output += text;
    if (w.tracer) w.tracer->add(Event{.kind = EventKind::Print, .value = text});
    return none();
}

static Value min_max(World& w, CallArgs& a, bool want_max) {
    const char* fname = want_max ? "max" : "min";
    Value key = take_keyword(a, "key");
    Value deflt = take_keyword(a, "default");
    expect_no_keywords(w, fname, a);
    if (a.positional.empty()) w.raise(w.types.TypeError, std::string(fname) + " expected at least 1 argument, got 0");
    std::vector<Value> items = a.positional.size() == 1 ? to_vector(w, arg(a, 0)) : a.positional;
    if (items.empty()) {
        if (!deflt.empty()) return deflt;
        w.raise(w.types.ValueError, std::string(fname) + "() arg is an empty sequence");
    }
    Value best = items[0];
    Value best_key = key.empty() || key.is_none() ? best : call(w, key, {best});
    for (size_t i = 1; i < items.size(); ++i) {
        Value k = key.empty() || key.is_none() ? items[i] : call(w, key, {items[i]});
        if (truthy(w, compare(w, want_max ? CompareOp::Gt : CompareOp::Lt, k, best_key))) {
            best = items[i];
            best_key = k;
        }
    }
    return best;
}
static Value b_min(World& w, const Value&, CallArgs& a) { return min_max(w, a, false); }
static Value b_max(World& w, const Value&, CallArgs& a) { return min_max(w, a, true); }

static Value b_sum(World& w, const Value&, CallArgs& a) {
    Value start = take_keyword(a, "start");
    expect_args(w, "sum", a, 1, 2);
    Value total = a.positional.size() > 1 ? arg(a, 1) : start.empty() ? Value::integer(0) : start;
    if (total.as<StrObject>()) w.raise(w.types.TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    for (const Value& v : to_vector(w, arg(a, 0))) total = binary_op(w, BinaryOp::Add, total, v);
    return total;
}

static Value b_any(World& w, const Value&, CallArgs& a) {
    expect_args(w, "any", a, 1, 1);
    for (const Value& v : to_vector(w, arg(a, 0)))
        if (truthy(w, v)) return boolean(true);
    return boolean(false);
}

static Value b_all(World& w, const Value&, CallArgs& a) {
    expect_args(w, "all", a, 1, 1);
    for (const Value& v : to_vector(w, arg(a, 0)))
        if (!truthy(w, v)) return boolean(false);
    return boolean(true);
}

static Value b_abs(World& w, const Value&, CallArgs& a) {
    expect_args(w, "abs", a, 1, 1);
    const Value& v = arg(a, 0);
    if (v.is_int() || v.is_bool()) return v.as_int() < 0 ? negate(w, v) : Value::integer(v.as_int());
    if (v.is_float()) return Value::real(std::fabs(v.as_float()));
    Value r = call_special(w, v, "__abs__", {});
    if (!r.empty()) return r;
    w.raise(w.types.TypeError, "bad operand type for abs(): '" + type_name(w, v) + "'");
}

static Value snapshot(World& w, std::vector<Value> items) {
    auto it = make<IteratorObject>(w.types.iterator);
    it->items = std::move(items);
    return it;
}

static Value b_enumerate(World& w, const Value&, CallArgs& a) {
    Value start = take_keyword(a, "start");
    expect_args(w, "enumerate", a, 1, 2);
    int64_t i = a.positional.size() > 1 ? expect_int(w, "start", arg(a, 1)) : start.empty() ? 0 : expect_int(w, "start", start);
    std::vector<Value> out;
    for (const Value& v : to_vector(w, arg(a, 0))) out.push_back(w.tuple({Value::integer(i++), v}));
    return snapshot(w, std::move(out));
}

static Value b_zip(World& w, const Value&, CallArgs& a) {
    expect_no_keywords(w, "zip", a);
    std::vector<std::vector<Value>> columns;
    for (const Value& v : a.positional) columns.push_back(to_vector(w, v));
    std::vector<Value> out;
    size_t n = columns.empty() ? 0 : SIZE_MAX;
    for (auto& c : columns) n = std::min(n, c.size());
    for (size_t i = 0; i < n; ++i) {
        std::vector<Value> row;
        for (auto& c : columns) row.push_back(c[i]);
        out.push_back(w.tuple(std::move(row)));
    }
    return snapshot(w, std::move(out));
}

// map and filter, computed eagerly (see README: no laziness).
static Value b_map(World& w, const Value&, CallArgs& a) {
    expect_no_keywords(w, "map", a);
    if (a.positional.size() < 2) w.raise(w.types.TypeError, "map() must have at least two arguments.");
    std::vector<std::vector<Value>> columns;
    for (size_t i = 1; i < a.positional.size(); ++i) columns.push_back(to_vector(w, arg(a, i)));
    size_t n = SIZE_MAX;
    for (auto& c : columns) n = std::min(n, c.size());
    std::vector<Value> out;
    for (size_t i = 0; i < n; ++i) {
        std::vector<Value> row;
        for (auto& c : columns) row.push_back(c[i]);
        out.push_back(call(w, arg(a, 0), std::move(row)));
    }
    return snapshot(w, std::move(out));
}

static Value b_filter(World& w, const Value&, CallArgs& a) {
    expect_args(w, "filter", a, 2, 2);
    std::vector<Value> out;
    for (const Value& v : to_vector(w, arg(a, 1)))
        if (arg(a, 0).is_none() ? truthy(w, v) : truthy(w, call(w, arg(a, 0), {v}))) out.push_back(v);
    return snapshot(w, std::move(out));
}

static Value b_reversed(World& w, const Value&, CallArgs& a) {
    expect_args(w, "reversed", a, 1, 1);
    const Value& v = arg(a, 0);
    if (!v.as<ListObject>() && !v.as<TupleObject>() && !v.as<RangeObject>() && !v.as<StrObject>())
        w.raise(w.types.TypeError, "'" + type_name(w, v) + "' object is not reversible");
    std::vector<Value> items = to_vector(w, v);
    std::reverse(items.begin(), items.end());
    return snapshot(w, std::move(items));
}

static Value b_iter(World& w, const Value&, CallArgs& a) {
    expect_args(w, "iter", a, 1, 1);
    return iter(w, arg(a, 0));
}

static Value b_next(World& w, const Value&, CallArgs& a) {
    expect_args(w, "next", a, 1, 2);
    const Value& it = arg(a, 0);
    if (!it.as<IteratorObject>() && type_lookup(type_of(w, it), "__next__").empty())
        w.raise(w.types.TypeError, "'" + type_name(w, it) + "' object is not an iterator");
    Value v = next(w, it);
    if (!v.empty()) return v;
    if (a.positional.size() > 1) return arg(a, 1);
    throw PyError{w.new_exception(w.types.StopIteration, {})};
}

static Value b_format(World& w, const Value&, CallArgs& a) {
    expect_args(w, "format", a, 1, 2);
    return w.str(format_value(w, arg(a, 0), a.positional.size() > 1 ? expect_str(w, "format_spec", arg(a, 1)) : ""));
}

static Value b_round(World& w, const Value&, CallArgs& a) {
    expect_args(w, "round", a, 1, 2);
    const Value& v = arg(a, 0);
    bool has_digits = a.positional.size() > 1 && !arg(a, 1).is_none();
    if (v.is_int() || v.is_bool()) return Value::integer(v.as_int());
    if (!v.is_float()) w.raise(w.types.TypeError, "type " + type_name(w, v) + " doesn't define __round__ method");
    double d = v.as_float();
    if (!has_digits) {
        double r = std::nearbyint(d); // round half to even, as Python
        if (!std::isfinite(r)) w.raise(w.types.OverflowError, "cannot convert float infinity to integer");
        return Value::integer(static_cast<int64_t>(r));
    }
    int64_t nd = expect_int(w, "ndigits", arg(a, 1));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", int(std::clamp<int64_t>(nd, 0, 30)), d);
    return Value::real(nd >= 0 ? std::strtod(buf, nullptr) : std::nearbyint(d / std::pow(10, -nd)) * std::pow(10, -nd));
}

static Value b_ord(World& w, const Value&, CallArgs& a) {
    expect_args(w, "ord", a, 1, 1);
    auto* s = arg(a, 0).as<StrObject>();
    if (!s) w.raise(w.types.TypeError, "ord() expected string of length 1, but " + type_name(w, arg(a, 0)) + " found");
    if (utf8_length(s->text) != 1)
        w.raise(w.types.TypeError, "ord() expected a character, but string of length " + std::to_string(utf8_length(s->text)) + " found");
    size_t i = 0;
    char32_t cp = next_cp(s->text, i);
    return Value::integer(cp);
}

static Value b_chr(World& w, const Value&, CallArgs& a) {
    expect_args(w, "chr", a, 1, 1);
    int64_t cp = expect_int(w, "chr() argument", arg(a, 0));
    if (cp < 0 || cp > 0x10FFFF) w.raise(w.types.ValueError, "chr() arg not in range(0x110000)");
    std::string out;
    put_cp(out, char32_t(cp));
    return w.str(out);
}

static Value b_divmod(World& w, const Value&, CallArgs& a) {
    expect_args(w, "divmod", a, 2, 2);
    return w.tuple({binary_op(w, BinaryOp::FloorDiv, arg(a, 0), arg(a, 1)), binary_op(w, BinaryOp::Mod, arg(a, 0), arg(a, 1))});
}

// ---- installation -----------------------------------------------------------------------

static Ref<ModuleObject> new_module(World& w, const char* name) {
    auto d = w.dict();
    d->set(w.str("__name__"), w.str(name));
    for (const char* k : {"__doc__", "__package__", "__loader__", "__spec__"}) d->set(w.str(k), none());
    auto m = make<ModuleObject>(w.types.module, d);
    w.modules->set(w.str(name), m);
    return m;
}

static void install_object_and_type(World& w) {
    const Types& t = w.types;
    add_static(w, t.object, "__new__", object_new);
    add_method(w, t.object, "__init__", object_init);
    add_method(w, t.object, "__getattribute__", object_getattribute_native);
    add_method(w, t.object, "__setattr__", object_setattr_native);
    add_method(w, t.object, "__delattr__", object_delattr_native);
    add_method(w, t.object, "__repr__", object_repr_native);
    add_method(w, t.object, "__str__", object_str_native);
    add_method(w, t.object, "__eq__", object_eq);
    add_method(w, t.object, "__ne__", object_ne);
    for (const char* cmp : {"__lt__", "__le__", "__gt__", "__ge__"}) add_method(w, t.object, cmp, object_ne);
    add_method(w, t.object, "__hash__", object_hash);
    add_method(w, t.object, "__format__", object_format);
    add_method(w, t.object, "__dir__", object_dir);
    for (const char* other : {"__reduce__", "__reduce_ex__", "__sizeof__", "__getstate__", "__subclasshook__"})
        add_method(w, t.object, other, noop_init);
    t.object->dict->set(w.str("__init_subclass__"),
                        make<WrapperObject>(t.classmethod, make<BuiltinFunctionObject>(t.builtin_function, "__init_subclass__", object_init_subclass)));
    add_getset(w, t.object, "__class__", object_class_get, object_class_set);
    t.object->dict->set(w.str("__doc__"), w.str("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n"));
    w.hooks.object_getattribute = *t.object->dict->find_str("__getattribute__");
    w.hooks.object_setattr = *t.object->dict->find_str("__setattr__");
    w.hooks.object_delattr = *t.object->dict->find_str("__delattr__");

    add_static(w, t.type, "__new__", type_new_native);
    add_method(w, t.type, "__init__", type_init_native);
    add_method(w, t.type, "__call__", type_call_native);
    add_method(w, t.type, "__getattribute__", type_getattribute_native);
    add_method(w, t.type, "__setattr__", type_setattr_native);
    add_method(w, t.type, "__delattr__", type_delattr_native);
    add_method(w, t.type, "__repr__", type_repr_native);
    add_method(w, t.type, "mro", type_mro_native);
    add_method(w, t.type, "__instancecheck__", type_instancecheck);
    add_method(w, t.type, "__subclasscheck__", type_subclasscheck);
    add_method(w, t.type, "__dir__", object_dir);
    add_getset(w, t.type, "__name__", type_name_get, type_name_set);
    add_getset(w, t.type, "__qualname__", type_qualname_get, type_qualname_set);
    add_getset(w, t.type, "__module__", type_module_get, type_module_set);
    add_getset(w, t.type, "__mro__", type_mro_get, nullptr, true);
    add_getset(w, t.type, "__bases__", type_bases_get);
    add_getset(w, t.type, "__base__", type_base_get, nullptr, true);
    add_getset(w, t.type, "__dict__", type_dict_get);
    add_getset(w, t.type, "__doc__", type_doc_get, type_doc_set);
    w.hooks.type_getattribute = *t.type->dict->find_str("__getattribute__");
    w.hooks.type_setattr = *t.type->dict->find_str("__setattr__");
    w.hooks.type_delattr = *t.type->dict->find_str("__delattr__");
}

static void install_descriptors(World& w) {
    const Types& t = w.types;
    add_method(w, t.function, "__get__", function_get);
    add_getset(w, t.function, "__name__", function_name_get, function_name_set);
    add_getset(w, t.function, "__qualname__", function_qualname_get, function_qualname_set);
    add_getset(w, t.function, "__doc__", function_doc_get, function_doc_set);
    add_getset(w, t.function, "__module__", function_module_get);
    add_getset(w, t.function, "__dict__", function_dict_get);
    add_getset(w, t.function, "__defaults__", function_defaults_get);
    add_static(w, t.function, "__new__", not_constructible);

    add_getset(w, t.method, "__func__", method_func_get, nullptr, true);
    add_getset(w, t.method, "__self__", method_self_get, nullptr, true);
    add_method(w, t.method, "__getattribute__", method_getattribute);
    add_static(w, t.method, "__new__", not_constructible);

    add_getset(w, t.builtin_function, "__self__", builtin_self_get);
    add_getset(w, t.builtin_function, "__name__", builtin_name_get);

    for (TypeObject* md : {t.method_descriptor, t.wrapper_descriptor}) {
        add_method(w, md, "__get__", method_descriptor_get);
        add_getset(w, md, "__name__", method_descriptor_name_get);
        add_getset(w, md, "__objclass__", method_descriptor_objclass_get);
    }
    for (TypeObject* gs : {t.getset_descriptor, t.member_descriptor}) {
        add_method(w, gs, "__get__", getset_get);
        add_method(w, gs, "__set__", getset_set);
        add_method(w, gs, "__delete__", getset_delete);
        add_getset(w, gs, "__name__", descriptor_name_get);
        add_getset(w, gs, "__objclass__", descriptor_objclass_get);
    }

    add_static(w, t.property, "__new__", property_new);
    add_method(w, t.property, "__init__", noop_init);
    add_method(w, t.property, "__get__", property_get);
    add_method(w, t.property, "__set__", property_set);
    add_method(w, t.property, "__delete__", property_delete);
    add_method(w, t.property, "__set_name__", property_set_name);
    add_method(w, t.property, "getter", property_getter);
    add_method(w, t.property, "setter", property_setter);
    add_method(w, t.property, "deleter", property_deleter);
    add_getset(w, t.property, "fget", property_fget, nullptr, true);
    add_getset(w, t.property, "fset", property_fset, nullptr, true);
    add_getset(w, t.property, "fdel", property_fdel, nullptr, true);
    add_getset(w, t.property, "__doc__", property_doc, property_doc_set, true);

    add_static(w, t.classmethod, "__new__", classmethod_new);
    add_method(w, t.classmethod, "__init__", noop_init);
    add_method(w, t.classmethod, "__get__", classmethod_get);
    add_getset(w, t.classmethod, "__func__", wrapper_func_get, nullptr, true);
    add_getset(w, t.classmethod, "__wrapped__", wrapper_func_get, nullptr, true);
    add_static(w, t.staticmethod, "__new__", staticmethod_new);
    add_method(w, t.staticmethod, "__init__", noop_init);
    add_method(w, t.staticmethod, "__get__", staticmethod_get);
    add_method(w, t.staticmethod, "__call__", staticmethod_call);
    add_getset(w, t.staticmethod, "__func__", wrapper_func_get, nullptr, true);
    add_getset(w, t.staticmethod, "__wrapped__", wrapper_func_get, nullptr, true);
    add_static(w, t.cached_property, "__new__", cached_property_new);
    add_method(w, t.cached_property, "__init__", noop_init);
    add_method(w, t.cached_property, "__get__", cached_property_get);
    add_method(w, t.cached_property, "__set_name__", cached_property_set_name);
    add_getset(w, t.cached_property, "func", wrapper_func_get);
    add_getset(w, t.cached_property, "attrname", cached_property_attrname);
    t.cached_property->dict->set(w.str("__module__"), w.str("functools"));
}

static void install_module_super_exceptions(World& w) {
    const Types& t = w.types;
    add_static(w, t.module, "__new__", module_new);
    add_method(w, t.module, "__init__", module_init);
    add_method(w, t.module, "__getattribute__", module_getattribute_native);
    add_method(w, t.module, "__repr__", module_repr_native);
    add_method(w, t.module, "__dir__", object_dir);
    add_getset(w, t.module, "__dict__", module_dict_get);
    w.hooks.module_getattribute = *t.module->dict->find_str("__getattribute__");

    add_static(w, t.super, "__new__", super_new);
    add_method(w, t.super, "__init__", super_init);
    add_method(w, t.super, "__getattribute__", super_getattribute_native);
    add_getset(w, t.super, "__thisclass__", super_thisclass, nullptr, true);
    add_getset(w, t.super, "__self__", super_self, nullptr, true);
    add_getset(w, t.super, "__self_class__", super_self_class, nullptr, true);
    w.hooks.super_getattribute = *t.super->dict->find_str("__getattribute__");

    add_static(w, t.BaseException, "__new__", exception_new);
    add_method(w, t.BaseException, "__init__", exception_init);
    add_method(w, t.BaseException, "__str__", exception_str_native);
    add_method(w, t.BaseException, "__repr__", exception_repr_native);
    add_getset(w, t.BaseException, "args", exception_args_get, exception_args_set);
    add_getset(w, t.BaseException, "__cause__", exception_cause_get, exception_cause_set);
    add_getset(w, t.BaseException, "__context__", exception_context_get, exception_context_set);
    add_getset(w, t.BaseException, "__traceback__", exception_traceback_get);
    add_getset(w, t.BaseException, "__suppress_context__", exception_suppress_context_get, exception_suppress_context_set, true);
    add_getset(w, t.BaseException, "__dict__", exception_dict_get);
}

static void install_containers(World& w) {
    const Types& t = w.types;
    add_method(w, t.list, "append", list_append);
    add_method(w, t.list, "extend", list_extend);
    add_method(w, t.list, "insert", list_insert);
    add_method(w, t.list, "pop", list_pop);
    add_method(w, t.list, "remove", list_remove);
    add_method(w, t.list, "index", list_index);
    add_method(w, t.list, "count", list_count);
    add_method(w, t.list, "copy", list_copy);
    add_method(w, t.list, "clear", list_clear);
    add_method(w, t.list, "reverse", list_reverse);
    add_method(w, t.list, "sort", list_sort);
    add_method(w, t.tuple, "index", tuple_index);
    add_method(w, t.tuple, "count", tuple_count);
    for (TypeObject* d : {t.dict, t.mappingproxy}) {
        add_method(w, d, "get", dict_get);
        add_method(w, d, "keys", dict_keys);
        add_method(w, d, "values", dict_values);
        add_method(w, d, "items", dict_items);
        add_method(w, d, "copy", dict_copy);
    }
    add_method(w, t.dict, "pop", dict_pop);
    add_method(w, t.dict, "setdefault", dict_setdefault);
    add_method(w, t.dict, "update", dict_update);
    add_method(w, t.dict, "clear", dict_clear);

    add_static(w, t.int_, "__new__", int_new);
    add_static(w, t.float_, "__new__", float_new);
    add_static(w, t.str, "__new__", str_new);
    add_static(w, t.bool_, "__new__", bool_new);
    add_static(w, t.list, "__new__", list_new);
    add_static(w, t.tuple, "__new__", tuple_new);
    add_static(w, t.dict, "__new__", dict_new);
    add_static(w, t.range, "__new__", range_new);
    for (TypeObject* c : {t.int_, t.float_, t.str, t.bool_, t.list, t.tuple, t.dict, t.range})
        add_method(w, c, "__init__", noop_init);
    for (TypeObject* c : {t.none, t.mappingproxy, t.iterator, t.frame, t.ellipsis, t.dict_keys, t.dict_values,
                          t.dict_items, t.cell, t.getset_descriptor, t.member_descriptor, t.method_descriptor,
                          t.wrapper_descriptor, t.builtin_function, t.store})
        add_static(w, c, "__new__", not_constructible);
    t.bool_->subclassable = false;
    for (TypeObject* c : {t.none, t.function, t.method, t.builtin_function, t.method_descriptor, t.wrapper_descriptor,
                          t.getset_descriptor, t.member_descriptor, t.mappingproxy, t.range, t.iterator, t.frame,
                          t.ellipsis, t.dict_keys, t.dict_values, t.dict_items, t.cell, t.store, t.super})
        c->subclassable = false;
}

void install_builtins(World& w) {
    const Types& t = w.types;
    install_object_and_type(w);
    install_descriptors(w);
    install_module_super_exceptions(w);
    install_containers(w);
    install_str_methods(w);
    install_store_type(w);

    DictObject* b = w.builtins.get();
    auto set = [&](const char* name, const Value& v) { b->set(w.str(name), v); };
    for (TypeObject* type : {t.object, t.type, t.super, t.property, t.classmethod, t.staticmethod, t.int_, t.float_,
                             t.str, t.bool_, t.list, t.tuple, t.dict, t.range})
        set(type->name.c_str(), Value(type));
    for (TypeObject* e : {t.BaseException, t.Exception, t.AttributeError, t.TypeError, t.ValueError, t.LookupError,
                          t.KeyError, t.IndexError, t.NameError, t.UnboundLocalError, t.RuntimeError, t.RecursionError,
                          t.NotImplementedError, t.OSError, t.ConnectionError, t.ArithmeticError, t.OverflowError,
                          t.ZeroDivisionError, t.AssertionError, t.StopIteration, t.MemoryError, t.ImportError,
                          t.ModuleNotFoundError, t.SyntaxError})
        set(e->name.c_str(), Value(e));
    set("Ellipsis", make<InstanceObject>(t.ellipsis));
    set("NotImplemented", w.not_implemented);
    add_function(w, b, "getattr", b_getattr);
    add_function(w, b, "setattr", b_setattr);
    add_function(w, b, "delattr", b_delattr);
    add_function(w, b, "hasattr", b_hasattr);
    add_function(w, b, "isinstance", b_isinstance);
    add_function(w, b, "issubclass", b_issubclass);
    add_function(w, b, "len", b_len);
    add_function(w, b, "repr", b_repr);
    add_function(w, b, "sorted", b_sorted);
    add_function(w, b, "vars", b_vars);
    add_function(w, b, "dir", b_dir);
    add_function(w, b, "id", b_id);
    add_function(w, b, "hash", b_hash);
    add_function(w, b, "callable", b_callable);
    add_function(w, b, "print", b_print);
    add_function(w, b, "min", b_min);
    add_function(w, b, "max", b_max);
    add_function(w, b, "sum", b_sum);
    add_function(w, b, "any", b_any);
    add_function(w, b, "all", b_all);
    add_function(w, b, "abs", b_abs);
    add_function(w, b, "enumerate", b_enumerate);
    add_function(w, b, "zip", b_zip);
    add_function(w, b, "reversed", b_reversed);
    add_function(w, b, "map", b_map);
    add_function(w, b, "filter", b_filter);
    add_function(w, b, "iter", b_iter);
    add_function(w, b, "next", b_next);
    add_function(w, b, "format", b_format);
    add_function(w, b, "round", b_round);
    add_function(w, b, "ord", b_ord);
    add_function(w, b, "chr", b_chr);
    add_function(w, b, "divmod", b_divmod);

    // The modules of the reference translation: functools, types, json; and its globals.
    auto functools = new_module(w, "functools");
    functools->dict->set(w.str("cached_property"), Value(t.cached_property));
    auto types = new_module(w, "types");
    types->dict->set(w.str("ModuleType"), Value(t.module));
    set("functools", functools);
    set("types", types);
    set("module", Value(t.module));
    set("cached_property", Value(t.cached_property));
    install_json_module(w);
    if (Value* json = b->find_str("json")) w.modules->set(w.str("json"), *json);
}

} // namespace ds
