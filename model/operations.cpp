#include "operations.h"

#include "attribute.h"
#include "builtins.h"
#include "interpreter.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_set>

namespace ds {

TypeObject* type_of(const World& w, const Value& v) {
    switch (v.tag()) {
    case Value::Tag::None: return w.types.none;
    case Value::Tag::Bool: return w.types.bool_;
    case Value::Tag::Int: return w.types.int_;
    case Value::Tag::Float: return w.types.float_;
    case Value::Tag::Object: return v.object()->type;
    case Value::Tag::Empty: break;
    }
    return w.types.none;
}

bool isinstance(const World& w, const Value& v, const TypeObject* type) {
    return is_subtype(type_of(w, v), type);
}

std::string type_name(const World& w, const Value& v) { return type_of(w, v)->name; }

// ---- repr and str -----------------------------------------------------------------------

std::string float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
    // Shortest round-trip digits, then Python's layout: fixed for 1e-4 <= |d| < 1e16.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    size_t epos = sci.find('e');
    std::string mantissa = sci.substr(0, epos);
    int exponent = std::stoi(sci.substr(epos + 1));
    bool negative = mantissa[0] == '-';
    if (negative) mantissa.erase(0, 1);
    std::string digits;
    for (char c : mantissa)
        if (c != '.') digits += c;
    std::string out;
    if (exponent < -4 || exponent >= 16) {
        out = digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        out += eb;
    } else if (exponent < 0) {
        out = "0." + std::string(-exponent - 1, '0') + digits;
    } else {
        if (digits.size() <= size_t(exponent) + 1) {
            out = digits + std::string(exponent + 1 - digits.size(), '0') + ".0";
        } else {
            out = digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
        }
    }
    return negative ? "-" + out : out;
}

std::string quote_string(std::string_view s) {
    bool has_single = s.find('\'') != std::string_view::npos;
    bool has_double = s.find('"') != std::string_view::npos;
    char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = s[i];
        if (c == static_cast<unsigned char>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else out += static_cast<char>(c);
    }
    out += quote;
    return out;
}

namespace {
// Guards repr against containers that contain themselves ([[...]]).
struct ReprGuard {
    static std::unordered_set<const Object*>& active() {
        thread_local std::unordered_set<const Object*> set;
        return set;
    }
    explicit ReprGuard(const Object* o) : o_(o), entered_(active().insert(o).second) {}
    ~ReprGuard() {
        if (entered_) active().erase(o_);
    }
    bool recursive() const { return !entered_; }
    const Object* o_;
    bool entered_;
};
} // namespace

static std::string join_reprs(World& w, const std::vector<Value>& items,
                              std::string (*each)(World&, const Value&)) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += each(w, items[i]);
    }
    return out;
}

static std::string default_object_repr(World& w, const Value& v) {
    TypeObject* t = type_of(w, v);
    return "<" + t->repr_name() + " object>";
}

static std::string module_name(const ModuleObject* m) {
    if (Value* n = m->dict->find_str("__name__"); n && n->as<StrObject>()) return n->as<StrObject>()->text;
    return "?";
}

// The builtin repr of each kind. `item_repr` is used for nested values (repr or safe_repr).
static std::string builtin_repr(World& w, const Value& v, std::string (*item_repr)(World&, const Value&)) {
    switch (v.tag()) {
    case Value::Tag::Empty: return "<NULL>";
    case Value::Tag::None: return "None";
    case Value::Tag::Bool: return v.as_bool() ? "True" : "False";
    case Value::Tag::Int: return std::to_string(v.as_int());
    case Value::Tag::Float: return float_repr(v.as_float());
    case Value::Tag::Object: break;
    }
    Object* o = v.object();
    if (auto* s = object_as<StrObject>(o)) return quote_string(s->text);
    ReprGuard guard(o);
    if (auto* l = object_as<ListObject>(o)) {
        if (guard.recursive()) return "[...]";
        return "[" + join_reprs(w, l->items, item_repr) + "]";
    }
    if (auto* t = object_as<TupleObject>(o)) {
        if (guard.recursive()) return "(...)";
        if (t->items.size() == 1) return "(" + item_repr(w, t->items[0]) + ",)";
        return "(" + join_reprs(w, t->items, item_repr) + ")";
    }
    if (auto* d = object_as<DictObject>(o)) {
        if (guard.recursive()) return "{...}";
        std::string out = "{";
        bool first = true;
        d->for_each([&](const Value& k, const Value& val) {
            if (!first) out += ", ";
            first = false;
            out += item_repr(w, k) + ": " + item_repr(w, val);
        });
        return out + "}";
    }
    if (auto* t = object_as<TypeObject>(o)) return "<class '" + t->repr_name() + "'>";
    if (auto* f = object_as<FunctionObject>(o)) return "<function " + f->qualname + ">";
    if (auto* m = object_as<MethodObject>(o)) {
        std::string fname = "?";
        if (auto* f = m->function.as<FunctionObject>()) fname = f->qualname;
        else if (auto* b = m->function.as<BuiltinFunctionObject>()) fname = b->name;
        return "<bound method " + fname + " of " + item_repr(w, m->self) + ">";
    }
    if (auto* b = object_as<BuiltinFunctionObject>(o)) {
        if (b->self.empty() || b->self.as<ModuleObject>()) return "<built-in function " + b->name + ">";
        return "<built-in method " + b->name + " of " + type_name(w, b->self) + " object>";
    }
    if (auto* md = object_as<MethodDescriptorObject>(o))
        return std::string(md->slot_wrapper ? "<slot wrapper '" : "<method '") + md->name + "' of '" +
               md->owner->name + "' objects>";
    if (auto* gs = object_as<GetSetDescriptorObject>(o))
        return std::string(gs->is_member ? "<member '" : "<attribute '") + gs->name + "' of '" +
               gs->owner->name + "' objects>";
    if (auto* sd = object_as<SlotDescriptorObject>(o))
        return "<member '" + sd->name + "' of '" + sd->owner->name + "' objects>";
    if (auto* wr = object_as<WrapperObject>(o)) {
        if (o->type == w.types.classmethod) return "<classmethod(" + item_repr(w, wr->function) + ")>";
        if (o->type == w.types.staticmethod) return "<staticmethod(" + item_repr(w, wr->function) + ")>";
        return default_object_repr(w, v);
    }
    if (auto* m = object_as<ModuleObject>(o)) return "<module '" + module_name(m) + "'>";
    if (auto* su = object_as<SuperObject>(o)) {
        std::string obj = su->obj.empty() ? "NULL" : "<" + type_name(w, su->obj) + " object>";
        return "<super: <class '" + su->type_->name + "'>, " + obj + ">";
    }
    if (auto* mp = object_as<MappingProxyObject>(o))
        return "mappingproxy(" + builtin_repr(w, Value(mp->dict.get()), item_repr) + ")";
    if (auto* r = object_as<RangeObject>(o)) {
        std::string out = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
        if (r->step != 1) out += ", " + std::to_string(r->step);
        return out + ")";
    }
    if (auto* inst = object_as<InstanceObject>(o); inst && !inst->args.empty()) {
        auto* args = inst->args.as<TupleObject>();
        std::string inner = args->items.size() == 1 ? item_repr(w, args->items[0])
                                                    : join_reprs(w, args->items, item_repr);
        return o->type->name + "(" + inner + ")";
    }
    if (o->type == w.types.dict_keys || o->type == w.types.dict_values || o->type == w.types.dict_items) {
        auto* it = object_as<IteratorObject>(o);
        return o->type->name + "([" + join_reprs(w, it->items, item_repr) + "])";
    }
    return default_object_repr(w, v);
}

static std::string repr_item(World& w, const Value& v) { return repr(w, v); }
// An event's repr is short: values nested deeper than a few levels are elided ("..."), which
// also keeps a deeply nested structure from recursing (safe_repr never raises).
static std::string safe_item(World& w, const Value& v) {
    thread_local int depth = 0;
    if (depth >= 8) return "...";
    ++depth;
    struct Leave {
        ~Leave() { --depth; }
    } leave;
    return safe_repr(w, v, 60);
}

std::string repr(World& w, const Value& v) {
    RecursionGuard guard(w, " while getting the repr of an object");
    if (v.is_object()) {
        TypeObject* t = v.object()->type;
        if (t->heap) {
            Value method = type_lookup(t, "__repr__");
            if (method.as<FunctionObject>()) {
                Value r = call(w, method, {v});
                auto* s = r.as<StrObject>();
                if (!s) w.raise(w.types.TypeError, "__repr__ returned non-string (type " + type_name(w, r) + ")");
                return s->text;
            }
        }
    }
    return builtin_repr(w, v, repr_item);
}

std::string safe_repr(World& w, const Value& v, size_t limit) {
    std::string out = builtin_repr(w, v, safe_item);
    if (out.size() > limit) {
        size_t cut = limit - 3;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out = out.substr(0, cut) + "...";
    }
    return out;
}

static std::string exception_str(World& w, const InstanceObject* e) {
    auto* args = e->args.as<TupleObject>();
    if (!args || args->items.empty()) return "";
    if (args->items.size() == 1) {
        if (is_subtype(e->type, w.types.KeyError)) return repr(w, args->items[0]);
        return str(w, args->items[0]);
    }
    return repr(w, e->args);
}

std::string str(World& w, const Value& v) {
    if (auto* s = v.as<StrObject>()) return s->text;
    RecursionGuard guard(w, " while getting the str of an object");
    if (v.is_object()) {
        TypeObject* t = v.object()->type;
        Value method = type_lookup(t, "__str__");
        if (method.as<FunctionObject>()) {
            Value r = call(w, method, {v});
            auto* s = r.as<StrObject>();
            if (!s) w.raise(w.types.TypeError, "__str__ returned non-string (type " + type_name(w, r) + ")");
            return s->text;
        }
        if (auto* e = v.as<InstanceObject>(); e && !e->args.empty()) return exception_str(w, e);
    }
    return repr(w, v);
}

// ---- truth ------------------------------------------------------------------------------

bool truthy(World& w, const Value& v) {
    switch (v.tag()) {
    case Value::Tag::Empty:
    case Value::Tag::None: return false;
    case Value::Tag::Bool:
    case Value::Tag::Int: return v.as_int() != 0;
    case Value::Tag::Float: return v.as_float() != 0;
    case Value::Tag::Object: break;
    }
    Object* o = v.object();
    if (auto* s = object_as<StrObject>(o)) return !s->text.empty();
    if (auto* l = object_as<ListObject>(o)) return !l->items.empty();
    if (auto* t = object_as<TupleObject>(o)) return !t->items.empty();
    if (auto* d = object_as<DictObject>(o)) return d->size() != 0;
    if (auto* r = object_as<RangeObject>(o)) return r->length() != 0;
    if (o->type->heap) {
        Value r = call_special(w, v, "__bool__", {});
        if (!r.empty()) {
            if (!r.is_bool())
                w.raise(w.types.TypeError, "__bool__ should return bool, returned " + type_name(w, r));
            return r.as_bool();
        }
        r = call_special(w, v, "__len__", {});
        if (!r.empty()) return truthy(w, r);
    }
    return true;
}

// ---- calls ------------------------------------------------------------------------------


Value call(World& w, const Value& callable, CallArgs& args) {
    Object* o = callable.object();
    if (!o) w.raise(w.types.TypeError, "'" + type_name(w, callable) + "' object is not callable");
    if (auto* f = object_as<FunctionObject>(o)) return w.interpreter().call_function(f, args);
    if (auto* b = object_as<BuiltinFunctionObject>(o)) return b->fn(w, b->self, args);
    if (auto* m = object_as<MethodObject>(o)) {
        args.positional.insert(args.positional.begin(), m->self);
        return call(w, m->function, args);
    }
    if (auto* md = object_as<MethodDescriptorObject>(o)) {
        if (args.positional.empty())
            w.raise(w.types.TypeError, "descriptor '" + md->name + "' of '" + md->owner->name +
                                           "' object needs an argument");
        Value self = args.positional.front();
        if (!isinstance(w, self, md->owner))
            w.raise(w.types.TypeError, "descriptor '" + md->name + "' for '" + md->owner->name +
                                           "' objects doesn't apply to a '" + type_name(w, self) + "' object");
        args.positional.erase(args.positional.begin());
        return md->fn(w, self, args);
    }
    if (auto* t = object_as<TypeObject>(o)) {
        Value meta_call = type_lookup(t->type, "__call__");
        if (!meta_call.as<MethodDescriptorObject>()) { // a metaclass's own __call__
            args.positional.insert(args.positional.begin(), callable);
            return call(w, meta_call, args);
        }
        return type_call(w, t, args);
    }
    Value method = type_lookup(o->type, "__call__");
    if (method.empty()) w.raise(w.types.TypeError, "'" + o->type->name + "' object is not callable");
    args.positional.insert(args.positional.begin(), callable);
    return call(w, method, args);
}

Value call(World& w, const Value& callable, std::vector<Value> positional) {
    CallArgs args{std::move(positional), {}};
    return call(w, callable, args);
}

Value call_special(World& w, const Value& obj, std::string_view name, std::vector<Value> args) {
    TypeObject* t = type_of(w, obj);
    Value method = type_lookup(t, name);
    if (method.empty()) return {};
    if (method.as<FunctionObject>() || method.as<MethodDescriptorObject>()) {
        args.insert(args.begin(), obj);
        return call(w, method, std::move(args));
    }
    Value bound = has_descr_get(w, method) ? descr_get(w, method, obj, t) : method;
    return call(w, bound, std::move(args));
}

bool callable(World& w, const Value& v) {
    Object* o = v.object();
    if (!o) return false;
    if (object_as<FunctionObject>(o) || object_as<BuiltinFunctionObject>(o) ||
        object_as<MethodObject>(o) || object_as<MethodDescriptorObject>(o) ||
        object_as<TypeObject>(o))
        return true;
    (void)w;
    return !type_lookup(o->type, "__call__").empty();
}

// type.__call__: __new__, then __init__ when __new__ returned an instance of the class.
Value type_call(World& w, TypeObject* type, CallArgs& args) {
    if (type == w.types.type && args.positional.size() == 1 && args.keywords.empty())
        return Value(type_of(w, args.positional[0]));
    // tp_new: found on the class's MRO without an attribute lookup (nothing to trace).
    Value new_fn = type_lookup(type, "__new__");
    if (auto* sm = new_fn.as<WrapperObject>(); sm && sm->type == w.types.staticmethod) new_fn = sm->function;
    CallArgs new_args = args;
    new_args.positional.insert(new_args.positional.begin(), Value(type));
    Value obj = call(w, new_fn, new_args);
    if (!isinstance(w, obj, type)) return obj;
    TypeObject* obj_type = type_of(w, obj);
    Value init = type_lookup(obj_type, "__init__");
    if (!init.empty()) {
        CallArgs init_args = args;
        init_args.positional.insert(init_args.positional.begin(), obj);
        Value r = call(w, init, init_args);
        if (!r.is_none())
            w.raise(w.types.TypeError, "__init__() should return None, not '" + type_name(w, r) + "'");
    }
    return obj;
}

// ---- comparisons ------------------------------------------------------------------------

static bool is_number(const Value& v) { return v.is_bool() || v.is_int() || v.is_float(); }
static double as_double(const Value& v) { return v.is_float() ? v.as_float() : double(v.as_int()); }

static const char* op_symbol(CompareOp op) {
    switch (op) {
    case CompareOp::Eq: return "==";
    case CompareOp::NotEq: return "!=";
    case CompareOp::Lt: return "<";
    case CompareOp::LtE: return "<=";
    case CompareOp::Gt: return ">";
    case CompareOp::GtE: return ">=";
    }
    return "?";
}

static const char* op_method(CompareOp op) {
    switch (op) {
    case CompareOp::Eq: return "__eq__";
    case CompareOp::NotEq: return "__ne__";
    case CompareOp::Lt: return "__lt__";
    case CompareOp::LtE: return "__le__";
    case CompareOp::Gt: return "__gt__";
    case CompareOp::GtE: return "__ge__";
    }
    return "";
}

static CompareOp reflected(CompareOp op) {
    switch (op) {
    case CompareOp::Lt: return CompareOp::Gt;
    case CompareOp::LtE: return CompareOp::GtE;
    case CompareOp::Gt: return CompareOp::Lt;
    case CompareOp::GtE: return CompareOp::LtE;
    default: return op;
    }
}

template <class T> static bool apply_order(CompareOp op, const T& a, const T& b) {
    switch (op) {
    case CompareOp::Eq: return a == b;
    case CompareOp::NotEq: return a != b;
    case CompareOp::Lt: return a < b;
    case CompareOp::LtE: return a <= b;
    case CompareOp::Gt: return a > b;
    case CompareOp::GtE: return a >= b;
    }
    return false;
}

// Builtin comparison; returns Empty when the types do not support it (NotImplemented).
static Value builtin_compare(World& w, CompareOp op, const Value& a, const Value& b) {
    if (is_number(a) && is_number(b)) {
        if (a.is_float() || b.is_float()) return Value::boolean(apply_order(op, as_double(a), as_double(b)));
        return Value::boolean(apply_order(op, a.as_int(), b.as_int()));
    }
    if (a.is_none() && b.is_none() && (op == CompareOp::Eq || op == CompareOp::NotEq))
        return Value::boolean(op == CompareOp::Eq);
    auto* sa = a.as<StrObject>();
    auto* sb = b.as<StrObject>();
    if (sa && sb) return Value::boolean(apply_order(op, sa->text, sb->text));
    const std::vector<Value>* la = nullptr;
    const std::vector<Value>* lb = nullptr;
    if (a.as<ListObject>() && b.as<ListObject>()) {
        la = &a.as<ListObject>()->items;
        lb = &b.as<ListObject>()->items;
    } else if (a.as<TupleObject>() && b.as<TupleObject>()) {
        la = &a.as<TupleObject>()->items;
        lb = &b.as<TupleObject>()->items;
    }
    if (la) {
        std::vector<Value> x = *la, y = *lb; // copies: comparisons may run code that mutates
        size_t i = 0;
        while (i < x.size() && i < y.size() && equal(w, x[i], y[i])) ++i;
        if (i >= x.size() || i >= y.size()) return Value::boolean(apply_order(op, x.size(), y.size()));
        if (op == CompareOp::Eq) return Value::boolean(false);
        if (op == CompareOp::NotEq) return Value::boolean(true);
        return compare(w, op, x[i], y[i]);
    }
    if (op == CompareOp::Eq || op == CompareOp::NotEq) {
        if (auto* ma = a.as<MethodObject>()) { // bound methods: the same function bound to the same object
            auto* mb = b.as<MethodObject>();
            bool same = mb && ma->function.is(mb->function) && ma->self.is(mb->self);
            return Value::boolean(op == CompareOp::Eq ? same : !same);
        }
        auto as_dict = [](const Value& v) -> DictObject* {
            if (auto* mp = v.as<MappingProxyObject>()) return mp->dict.get();
            return v.as<DictObject>();
        };
        DictObject* da = as_dict(a);
        DictObject* db = as_dict(b);
        if (da && db) {
            bool same = da->size() == db->size();
            if (same) {
                da->for_each([&](const Value& k, const Value& v) {
                    if (!same) return;
                    auto h = key_hash(k);
                    Value* other = h ? db->find(k, *h) : nullptr;
                    same = other && equal(w, v, *other);
                });
            }
            return Value::boolean(op == CompareOp::Eq ? same : !same);
        }
    }
    return {};
}

static Value user_compare(World& w, CompareOp op, const Value& a, const Value& b) {
    TypeObject* ta = type_of(w, a);
    if (!ta->heap) return {};
    Value method = type_lookup(ta, op_method(op));
    if (!method.as<FunctionObject>()) return {};
    Value r = call(w, method, {a, b});
    if (r.is(w.not_implemented)) return {};
    return r;
}

// CPython 3.11 compares two ints, two floats or two strs in its specialized instructions, without
// the recursion check of PyObject_RichCompare.
static bool compared_without_recursion_check(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) return true;
    if (a.is_float() && b.is_float()) return true;
    return a.as<StrObject>() && b.as<StrObject>();
}

Value compare(World& w, CompareOp op, const Value& a, const Value& b) {
    std::optional<RecursionGuard> guard;
    if (!compared_without_recursion_check(a, b)) guard.emplace(w, " in comparison");
    Value r = user_compare(w, op, a, b);
    if (!r.empty()) return r;
    if (op == CompareOp::NotEq && type_of(w, a)->heap && !type_lookup(type_of(w, a), "__ne__").as<FunctionObject>()) {
        // object.__ne__ inverts __eq__ (unless that returns NotImplemented).
        Value eq = user_compare(w, CompareOp::Eq, a, b);
        if (!eq.empty()) return Value::boolean(!truthy(w, eq));
    }
    r = user_compare(w, reflected(op), b, a);
    if (!r.empty()) return r;
    r = builtin_compare(w, op, a, b);
    if (!r.empty()) return r;
    if (op == CompareOp::Eq) return Value::boolean(a.is(b));
    if (op == CompareOp::NotEq) return Value::boolean(!a.is(b));
    w.raise(w.types.TypeError, std::string("'") + op_symbol(op) + "' not supported between instances of '" +
                                   type_name(w, a) + "' and '" + type_name(w, b) + "'");
}

bool equal(World& w, const Value& a, const Value& b) {
    if (a.is(b) && !a.is_float()) return true;
    return truthy(w, compare(w, CompareOp::Eq, a, b));
}

bool contains(World& w, const Value& container, const Value& item) {
    if (auto* s = container.as<StrObject>()) {
        auto* sub = item.as<StrObject>();
        if (!sub)
            w.raise(w.types.TypeError,
                    "'in <string>' requires string as left operand, not " + type_name(w, item));
        return s->text.find(sub->text) != std::string::npos;
    }
    if (auto* d = container.as<DictObject>()) return d->find(item, hash(w, item)) != nullptr;
    if (auto* mp = container.as<MappingProxyObject>()) return mp->dict->find(item, hash(w, item)) != nullptr;
    if (container.is_object() && container.object()->type->heap) {
        Value r = call_special(w, container, "__contains__", {item});
        if (!r.empty()) return truthy(w, r);
    }
    if (!container.is_object() || (!container.as<ListObject>() && !container.as<TupleObject>() &&
                                   !container.as<RangeObject>() && !container.as<IteratorObject>() &&
                                   type_lookup(type_of(w, container), "__iter__").empty()))
        w.raise(w.types.TypeError, "argument of type '" + type_name(w, container) + "' is not iterable");
    Value it = iter(w, container);
    for (Value v = next(w, it); !v.empty(); v = next(w, it))
        if (equal(w, v, item)) return true;
    return false;
}

// ---- arithmetic -------------------------------------------------------------------------

const char* binary_op_symbol(BinaryOp op) {
    switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "** or pow()";
    case BinaryOp::BitAnd: return "&";
    case BinaryOp::BitOr: return "|";
    case BinaryOp::BitXor: return "^";
    case BinaryOp::LShift: return "<<";
    case BinaryOp::RShift: return ">>";
    }
    return "?";
}

static const char* binary_method(BinaryOp op, bool reflected_op) {
    static const char* names[][2] = {
        {"__add__", "__radd__"},           {"__sub__", "__rsub__"},       {"__mul__", "__rmul__"},
        {"__truediv__", "__rtruediv__"},   {"__floordiv__", "__rfloordiv__"}, {"__mod__", "__rmod__"},
        {"__pow__", "__rpow__"},           {"__and__", "__rand__"},       {"__or__", "__ror__"},
        {"__xor__", "__rxor__"},           {"__lshift__", "__rlshift__"}, {"__rshift__", "__rrshift__"},
    };
    return names[static_cast<int>(op)][reflected_op ? 1 : 0];
}

int64_t checked_int(World& w, bool overflowed, int64_t value) {
    if (overflowed) w.raise(w.types.OverflowError, "integer result too large for Dunderscope's 64-bit int");
    return value;
}

static int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

static int64_t floor_mod(int64_t a, int64_t b) {
    int64_t m = a % b;
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    return m;
}

static Value int_op(World& w, BinaryOp op, int64_t a, int64_t b) {
    int64_t r = 0;
    switch (op) {
    case BinaryOp::Add: {
        bool overflow = __builtin_add_overflow(a, b, &r);
        return Value::integer(checked_int(w, overflow, r));
    }
    case BinaryOp::Sub: {
        bool overflow = __builtin_sub_overflow(a, b, &r);
        return Value::integer(checked_int(w, overflow, r));
    }
    case BinaryOp::Mul: {
        bool overflow = __builtin_mul_overflow(a, b, &r);
        return Value::integer(checked_int(w, overflow, r));
    }
    case BinaryOp::Div:
        if (b == 0) w.raise(w.types.ZeroDivisionError, "division by zero");
        return Value::real(double(a) / double(b));
    case BinaryOp::FloorDiv:
        if (b == 0) w.raise(w.types.ZeroDivisionError, "integer division or modulo by zero");
        if (a == INT64_MIN && b == -1) checked_int(w, true, 0);
        return Value::integer(floor_div(a, b));
    case BinaryOp::Mod:
        if (b == 0) w.raise(w.types.ZeroDivisionError, "integer modulo by zero");
        if (b == -1) return Value::integer(0);
        return Value::integer(floor_mod(a, b));
    case BinaryOp::Pow: {
        if (b < 0) {
            if (a == 0) w.raise(w.types.ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return Value::real(std::pow(double(a), double(b)));
        }
        int64_t result = 1, base = a;
        bool overflow = false;
        for (int64_t e = b; e > 0; e >>= 1) {
            if (e & 1) overflow |= __builtin_mul_overflow(result, base, &result);
            if (e > 1) overflow |= __builtin_mul_overflow(base, base, &base);
            if (overflow) break;
        }
        return Value::integer(checked_int(w, overflow, result));
    }
    case BinaryOp::BitAnd: return Value::integer(a & b);
    case BinaryOp::BitOr: return Value::integer(a | b);
    case BinaryOp::BitXor: return Value::integer(a ^ b);
    case BinaryOp::LShift:
        if (b < 0) w.raise(w.types.ValueError, "negative shift count");
        if (b >= 63 || (a != 0 && (a > (INT64_MAX >> b) || a < (INT64_MIN >> b)))) checked_int(w, a != 0, 0);
        return Value::integer(a << b);
    case BinaryOp::RShift:
        if (b < 0) w.raise(w.types.ValueError, "negative shift count");
        return Value::integer(b >= 64 ? (a < 0 ? -1 : 0) : a >> b);
    }
    return {};
}

static Value float_op(World& w, BinaryOp op, double a, double b) {
    switch (op) {
    case BinaryOp::Add: return Value::real(a + b);
    case BinaryOp::Sub: return Value::real(a - b);
    case BinaryOp::Mul: return Value::real(a * b);
    case BinaryOp::Div:
        if (b == 0) w.raise(w.types.ZeroDivisionError, "float division by zero");
        return Value::real(a / b);
    case BinaryOp::FloorDiv:
        if (b == 0) w.raise(w.types.ZeroDivisionError, "float floor division by zero");
        return Value::real(std::floor(a / b));
    case BinaryOp::Mod: {
        if (b == 0) w.raise(w.types.ZeroDivisionError, "float modulo");
        double m = std::fmod(a, b);
        if (m != 0 && ((m < 0) != (b < 0))) m += b;
        return Value::real(m);
    }
    case BinaryOp::Pow:
        if (a == 0 && b < 0) w.raise(w.types.ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return Value::real(std::pow(a, b));
    default: return {};
    }
}

static Value repeat(World& w, const Value& seq, int64_t n) {
    if (n < 0) n = 0;
    if (auto* s = seq.as<StrObject>()) {
        w.check_allocation(size_t(n), std::max<size_t>(s->text.size(), 1));
        std::string out;
        out.reserve(s->text.size() * n);
        for (int64_t i = 0; i < n; ++i) out += s->text;
        return w.str(std::move(out));
    }
    const std::vector<Value>& items =
        seq.as<ListObject>() ? seq.as<ListObject>()->items : seq.as<TupleObject>()->items;
    w.check_allocation(size_t(n) * std::max<size_t>(items.size(), 1), sizeof(Value));
    std::vector<Value> out;
    out.reserve(items.size() * n);
    for (int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
    if (seq.as<ListObject>()) return w.list(std::move(out));
    return w.tuple(std::move(out));
}

static Value builtin_binary(World& w, BinaryOp op, const Value& a, const Value& b) {
    bool ai = a.is_int() || a.is_bool(), bi = b.is_int() || b.is_bool();
    if (ai && bi) return int_op(w, op, a.as_int(), b.as_int());
    if (is_number(a) && is_number(b)) return float_op(w, op, as_double(a), as_double(b));
    auto* sa = a.as<StrObject>();
    if (op == BinaryOp::Add) {
        if (sa) {
            auto* sb = b.as<StrObject>();
            if (!sb) w.raise(w.types.TypeError, "can only concatenate str (not \"" + type_name(w, b) + "\") to str");
            w.check_allocation(sa->text.size() + sb->text.size(), 1);
            return w.str(sa->text + sb->text);
        }
        if (auto* la = a.as<ListObject>()) {
            auto* lb = b.as<ListObject>();
            if (!lb) w.raise(w.types.TypeError, "can only concatenate list (not \"" + type_name(w, b) + "\") to list");
            w.check_allocation(la->items.size() + lb->items.size(), sizeof(Value));
            std::vector<Value> out = la->items;
            out.insert(out.end(), lb->items.begin(), lb->items.end());
            return w.list(std::move(out));
        }
        if (auto* ta = a.as<TupleObject>()) {
            auto* tb = b.as<TupleObject>();
            if (!tb) w.raise(w.types.TypeError, "can only concatenate tuple (not \"" + type_name(w, b) + "\") to tuple");
            w.check_allocation(ta->items.size() + tb->items.size(), sizeof(Value));
            std::vector<Value> out = ta->items;
            out.insert(out.end(), tb->items.begin(), tb->items.end());
            return w.tuple(std::move(out));
        }
    }
    if (op == BinaryOp::Mul) {
        bool seq_a = sa || a.as<ListObject>() || a.as<TupleObject>();
        bool seq_b = b.as<StrObject>() || b.as<ListObject>() || b.as<TupleObject>();
        if (seq_a && bi) return repeat(w, a, b.as_int());
        if (seq_b && ai) return repeat(w, b, a.as_int());
        if (seq_a && !b.is_object() && !bi)
            w.raise(w.types.TypeError, "can't multiply sequence by non-int of type '" + type_name(w, b) + "'");
        if (seq_a && b.is_object() && !b.object()->type->heap)
            w.raise(w.types.TypeError, "can't multiply sequence by non-int of type '" + type_name(w, b) + "'");
    }
    if (op == BinaryOp::Mod && sa) return w.str(percent_format(w, sa->text, b));
    if (op == BinaryOp::BitOr) {
        auto* da = a.as<DictObject>();
        auto* db = b.as<DictObject>();
        if (da && db) {
            auto out = w.dict();
            da->for_each([&](const Value& k, const Value& v) { out->set(k, v); });
            db->for_each([&](const Value& k, const Value& v) { out->set(k, v); });
            return out;
        }
    }
    return {};
}

Value binary_op(World& w, BinaryOp op, const Value& a, const Value& b) {
    TypeObject* ta = type_of(w, a);
    TypeObject* tb = type_of(w, b);
    if (ta->heap) {
        Value r = call_special(w, a, binary_method(op, false), {b});
        if (!r.empty() && !r.is(w.not_implemented)) return r;
    }
    Value r = builtin_binary(w, op, a, b);
    if (!r.empty()) return r;
    if (tb->heap && tb != ta) {
        r = call_special(w, b, binary_method(op, true), {a});
        if (!r.empty() && !r.is(w.not_implemented)) return r;
    }
    w.raise(w.types.TypeError, std::string("unsupported operand type(s) for ") + binary_op_symbol(op) + ": '" +
                                   ta->name + "' and '" + tb->name + "'");
}

static Value unary(World& w, const Value& v, const char* method, const char* symbol) {
    Value r = call_special(w, v, method, {});
    if (!r.empty() && v.is_object() && v.object()->type->heap) return r;
    w.raise(w.types.TypeError, std::string("bad operand type for unary ") + symbol + ": '" + type_name(w, v) + "'");
}

Value negate(World& w, const Value& v) {
    if (v.is_int() || v.is_bool()) {
        if (v.as_int() == INT64_MIN) checked_int(w, true, 0);
        return Value::integer(-v.as_int());
    }
    if (v.is_float()) return Value::real(-v.as_float());
    return unary(w, v, "__neg__", "-");
}

Value positive(World& w, const Value& v) {
    if (v.is_int() || v.is_bool()) return Value::integer(v.as_int());
    if (v.is_float()) return v;
    return unary(w, v, "__pos__", "+");
}

Value invert(World& w, const Value& v) {
    if (v.is_int() || v.is_bool()) return Value::integer(~v.as_int());
    return unary(w, v, "__invert__", "~");
}

// ---- items ------------------------------------------------------------------------------

static int64_t sequence_index(World& w, const Value& key, int64_t size, const char* kind) {
    if (!key.is_int() && !key.is_bool())
        w.raise(w.types.TypeError, std::string(kind) + " indices must be integers or slices, not " + type_name(w, key));
    int64_t i = key.as_int();
    if (i < 0) i += size;
    if (i < 0 || i >= size) w.raise(w.types.IndexError, std::string(kind) + " index out of range");
    return i;
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Byte offset of code point `index` in s.
size_t utf8_offset(std::string_view s, size_t index) {
    size_t pos = 0;
    for (; pos < s.size() && index > 0; --index) {
        ++pos;
        while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
    }
    return pos;
}

Value get_item(World& w, const Value& container, const Value& key) {
    if (auto* l = container.as<ListObject>())
        return l->items[sequence_index(w, key, l->items.size(), "list")];
    if (auto* t = container.as<TupleObject>())
        return t->items[sequence_index(w, key, t->items.size(), "tuple")];
    if (auto* s = container.as<StrObject>()) {
        int64_t n = utf8_length(s->text);
        if (!key.is_int() && !key.is_bool())
            w.raise(w.types.TypeError, "string indices must be integers, not '" + type_name(w, key) + "'");
        int64_t i = key.as_int() < 0 ? key.as_int() + n : key.as_int();
        if (i < 0 || i >= n) w.raise(w.types.IndexError, "string index out of range");
        size_t a = utf8_offset(s->text, i), b = utf8_offset(s->text, i + 1);
        return w.str(s->text.substr(a, b - a));
    }
    if (auto* d = container.as<DictObject>()) {
        if (Value* v = d->find(key, hash(w, key))) return *v;
        if (container.object()->type != w.types.dict) {
            Value r = call_special(w, container, "__missing__", {key});
            if (!r.empty()) return r;
        }
        w.raise_value(w.types.KeyError, key);
    }
    if (auto* mp = container.as<MappingProxyObject>()) {
        if (Value* v = mp->dict->find(key, hash(w, key))) return *v;
        w.raise_value(w.types.KeyError, key);
    }
    if (auto* r = container.as<RangeObject>()) {
        int64_t i = sequence_index(w, key, r->length(), "range object");
        return Value::integer(r->start + i * r->step);
    }
    Value res = call_special(w, container, "__getitem__", {key});
    if (!res.empty()) return res;
    if (auto* t = container.as<TypeObject>())
        w.raise(w.types.TypeError, "type '" + t->name + "' is not subscriptable");
    w.raise(w.types.TypeError, "'" + type_name(w, container) + "' object is not subscriptable");
}

void set_item(World& w, const Value& container, const Value& key, const Value& value) {
    if (auto* l = container.as<ListObject>()) {
        int64_t i = key.is_int() || key.is_bool() ? key.as_int() : 0;
        if (!key.is_int() && !key.is_bool())
            w.raise(w.types.TypeError, "list indices must be integers or slices, not " + type_name(w, key));
        if (i < 0) i += l->items.size();
        if (i < 0 || i >= int64_t(l->items.size())) w.raise(w.types.IndexError, "list assignment index out of range");
        l->items[i] = value;
        return;
    }
    if (auto* d = container.as<DictObject>()) {
        d->set(key, hash(w, key), value);
        trace_dict_change(w, d, key, value);
        return;
    }
    Value r = call_special(w, container, "__setitem__", {key, value});
    if (!r.empty()) return;
    if (container.as<MappingProxyObject>())
        w.raise(w.types.TypeError, "'mappingproxy' object does not support item assignment");
    w.raise(w.types.TypeError, "'" + type_name(w, container) + "' object does not support item assignment");
}

void del_item(World& w, const Value& container, const Value& key) {
    if (auto* l = container.as<ListObject>()) {
        if (!key.is_int() && !key.is_bool())
            w.raise(w.types.TypeError, "list indices must be integers or slices, not " + type_name(w, key));
        int64_t i = key.as_int();
        if (i < 0) i += l->items.size();
        if (i < 0 || i >= int64_t(l->items.size())) w.raise(w.types.IndexError, "list assignment index out of range");
        l->items.erase(l->items.begin() + i);
        return;
    }
    if (auto* d = container.as<DictObject>()) {
        if (!d->erase(key, hash(w, key))) w.raise_value(w.types.KeyError, key);
        trace_dict_change(w, d, key, Value());
        return;
    }
    Value r = call_special(w, container, "__delitem__", {key});
    if (!r.empty()) return;
    w.raise(w.types.TypeError, "'" + type_name(w, container) + "' object doesn't support item deletion");
}

// ---- iteration --------------------------------------------------------------------------

int64_t RangeObject::length() const {
    if (step > 0 && start < stop) return (stop - start + step - 1) / step;
    if (step < 0 && start > stop) return (start - stop - step - 1) / (-step);
    return 0;
}

static Value snapshot_iterator(World& w, std::vector<Value> items) {
    auto it = make<IteratorObject>(w.types.iterator);
    it->items = std::move(items);
    return it;
}

Value iter(World& w, const Value& iterable) {
    Object* o = iterable.object();
    if (auto* it = object_as<IteratorObject>(o)) {
        if (o->type == w.types.iterator) return iterable;
        return snapshot_iterator(w, it->items); // a dict view
    }
    if (object_as<ListObject>(o) || object_as<TupleObject>(o)) {
        auto it = make<IteratorObject>(w.types.iterator);
        it->source = iterable;
        return it;
    }
    if (auto* s = object_as<StrObject>(o)) {
        std::vector<Value> chars;
        for (size_t i = 0; i < s->text.size();) {
            size_t j = i + 1;
            while (j < s->text.size() && (static_cast<unsigned char>(s->text[j]) & 0xC0) == 0x80) ++j;
            chars.push_back(w.str(s->text.substr(i, j - i)));
            i = j;
        }
        return snapshot_iterator(w, std::move(chars));
    }
    if (auto* d = object_as<DictObject>(o)) return snapshot_iterator(w, d->keys());
    if (auto* mp = object_as<MappingProxyObject>(o)) return snapshot_iterator(w, mp->dict->keys());
    if (auto* r = object_as<RangeObject>(o)) {
        auto it = make<IteratorObject>(w.types.iterator);
        it->is_range = true;
        it->next_int = r->start;
        it->step = r->step;
        it->remaining = r->length();
        return it;
    }
    if (o && o->type->heap) {
        Value r = call_special(w, iterable, "__iter__", {});
        if (!r.empty()) return r;
    }
    w.raise(w.types.TypeError, "'" + type_name(w, iterable) + "' object is not iterable");
}

Value next(World& w, const Value& iterator) {
    if (auto* it = iterator.as<IteratorObject>()) {
        if (it->is_range) {
            if (it->remaining <= 0) return {};
            --it->remaining;
            int64_t v = it->next_int;
            it->next_int += it->step;
            return Value::integer(v);
        }
        if (!it->source.empty()) {
            const std::vector<Value>& items = it->source.as<ListObject>()
                                                  ? it->source.as<ListObject>()->items
                                                  : it->source.as<TupleObject>()->items;
            if (it->index >= items.size()) return {};
            return items[it->index++];
        }
        if (it->index >= it->items.size()) return {};
        return it->items[it->index++];
    }
    try {
        Value r = call_special(w, iterator, "__next__", {});
        if (r.empty()) w.raise(w.types.TypeError, "'" + type_name(w, iterator) + "' object is not an iterator");
        return r;
    } catch (PyError& e) {
        if (isinstance(w, e.exc, w.types.StopIteration)) return {};
        throw;
    }
}

std::vector<Value> to_vector(World& w, const Value& iterable) {
    if (auto* l = iterable.as<ListObject>()) return l->items;
    if (auto* t = iterable.as<TupleObject>()) return t->items;
    std::vector<Value> out;
    Value it = iter(w, iterable);
    for (Value v = next(w, it); !v.empty(); v = next(w, it)) {
        out.push_back(std::move(v));
        if ((out.size() & 0xffff) == 0) w.check_allocation(out.size(), sizeof(Value));
    }
    return out;
}

int64_t length(World& w, const Value& v) {
    if (auto* s = v.as<StrObject>()) return utf8_length(s->text);
    if (auto* l = v.as<ListObject>()) return l->items.size();
    if (auto* t = v.as<TupleObject>()) return t->items.size();
    if (auto* d = v.as<DictObject>()) return d->size();
    if (auto* mp = v.as<MappingProxyObject>()) return mp->dict->size();
    if (auto* r = v.as<RangeObject>()) return r->length();
    if (auto* it = v.as<IteratorObject>(); it && v.object()->type != w.types.iterator) return it->items.size();
    Value r = call_special(w, v, "__len__", {});
    if (!r.empty() && v.object()->type->heap) {
        if (!r.is_int() && !r.is_bool())
            w.raise(w.types.TypeError, "'" + type_name(w, r) + "' object cannot be interpreted as an integer");
        if (r.as_int() < 0) w.raise(w.types.ValueError, "__len__() should return >= 0");
        return r.as_int();
    }
    w.raise(w.types.TypeError, "object of type '" + type_name(w, v) + "' has no len()");
}

size_t hash(World& w, const Value& v) {
    if (v.is_object() && v.object()->type->heap) {
        Value method = type_lookup(v.object()->type, "__hash__");
        if (method.is_none()) w.raise(w.types.TypeError, "unhashable type: '" + type_name(w, v) + "'");
        if (method.as<FunctionObject>()) {
            Value r = call(w, method, {v});
            if (!r.is_int() && !r.is_bool()) w.raise(w.types.TypeError, "__hash__ method should return an integer");
            return std::hash<int64_t>{}(r.as_int());
        }
    }
    auto h = key_hash(v);
    if (!h) w.raise(w.types.TypeError, "unhashable type: '" + type_name(w, v) + "'");
    return *h;
}

} // namespace ds
