#include "builder.h"

#include "attribute.h"
#include "interpreter.h"
#include "operations.h"
#include "parser.h"

#include <map>

namespace ds {

Value json_to_value(World& w, const nlohmann::ordered_json& j) {
    switch (j.type()) {
    case nlohmann::ordered_json::value_t::null: return Value::none();
    case nlohmann::ordered_json::value_t::boolean: return Value::boolean(j.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return Value::integer(j.get<int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: return Value::integer(int64_t(j.get<uint64_t>()));
    case nlohmann::ordered_json::value_t::number_float: return Value::real(j.get<double>());
    case nlohmann::ordered_json::value_t::string: return w.str(j.get<std::string>());
    case nlohmann::ordered_json::value_t::array: {
        std::vector<Value> items;
        for (const auto& item : j) items.push_back(json_to_value(w, item));
        return w.list(std::move(items));
    }
    case nlohmann::ordered_json::value_t::object: {
        auto d = w.dict();
        for (auto it = j.begin(); it != j.end(); ++it) d->set(w.str(it.key()), json_to_value(w, it.value()));
        return d;
    }
    default: return Value::none();
    }
}

namespace {

// Parses every code string first (all syntax errors at once), then builds.
class Builder {
  public:
    Builder(World& w, const ModelSpec& spec, BuildResult& result) : w_(w), spec_(spec), result_(result) {}

    void parse_all();
    void build();

  private:
    template <class Parse> auto parse(const CodeSpec& code, Parse&& parse_fn) -> decltype(parse_fn(code.text)) {
        try {
            return parse_fn(code.text);
        } catch (SyntaxError& e) {
            result_.errors.push_back(ModelError{spec_.file, code.place, e.pos.line, e.pos.col, e.kind + ": " + e.message});
            return {};
        }
    }
    void parse_attribute(const AttributeSpec& a, const std::string& class_name);

    Value attribute_value(const AttributeSpec& a, DictObject* class_ns, const Ref<CellObject>& cell,
                          const std::string& qual_prefix, const std::string& class_name);
    Ref<FunctionObject> function_for(const CodeSpec& code, const std::string& name, const std::string& qualname,
                                     const Ref<CellObject>& cell);
    void build_store(const StoreSpec& s);
    void build_class(const ClassSpec& c);
    void build_module(const ModuleSpec& m);
    void build_instance(const InstanceSpec& i);
    void set_global(const std::string& name, const Value& v) { w_.globals->set(w_.str(name), v); }
    // A name the loader has checked exists: a global of the model or a builtin (object, type...).
    Value lookup(const std::string& name) {
        if (Value* v = w_.globals->find_str(name)) return *v;
        if (Value* v = w_.builtins->find_str(name)) return *v;
        return Value::none();
    }

    World& w_;
    const ModelSpec& spec_;
    BuildResult& result_;
    std::map<const CodeSpec*, std::shared_ptr<ast::FunctionDef>> functions_;
    std::map<const CodeSpec*, std::shared_ptr<ast::Expr>> expressions_;
};

void Builder::parse_attribute(const AttributeSpec& a, const std::string& class_name) {
    using K = AttributeSpec::Kind;
    auto function = [&](const CodeSpec& code) {
        auto def = parse(code, [&](const std::string& t) { return parse_function(t, class_name); });
        if (def) functions_[&code] = def;
    };
    switch (a.kind) {
    case K::Value: break;
    case K::Expr: {
        auto e = parse(a.expr, [&](const std::string& t) { return std::shared_ptr<ast::Expr>(parse_expression(t, class_name)); });
        if (e) expressions_[&a.expr] = e;
        break;
    }
    case K::Function:
    case K::ClassMethod:
    case K::StaticMethod:
    case K::CachedProperty: function(a.source); break;
    case K::Property:
        for (const auto* part : {&a.get, &a.set, &a.del})
            if (*part) function(**part);
        break;
    }
}

void Builder::parse_all() {
    for (const ClassSpec& c : spec_.classes)
        for (const AttributeSpec& a : c.attrs) parse_attribute(a, c.name);
    for (const ModuleSpec& m : spec_.modules)
        for (const AttributeSpec& a : m.dict) parse_attribute(a, "");
    for (const InstanceSpec& i : spec_.instances) {
        if (i.new_expr) {
            auto e = parse(*i.new_expr, [](const std::string& t) { return std::shared_ptr<ast::Expr>(parse_expression(t)); });
            if (e) expressions_[&*i.new_expr] = e;
        }
        for (const AttributeSpec& a : i.dict) parse_attribute(a, "");
        for (const AttributeSpec& a : i.slot_values) parse_attribute(a, "");
    }
    for (const CodeSpec& s : spec_.script) {
        auto stmts = parse(s, [](const std::string& t) { return std::make_shared<ast::StmtList>(parse_statements(t)); });
        result_.script.push_back(stmts ? stmts : std::make_shared<ast::StmtList>());
    }
    for (auto& [code, def] : functions_) w_.keep(def);
    for (auto& [code, e] : expressions_) w_.keep(e);
    for (auto& s : result_.script) w_.keep(s);
}

Ref<FunctionObject> Builder::function_for(const CodeSpec& code, const std::string& name, const std::string& qualname,
                                          const Ref<CellObject>& cell) {
    return w_.interpreter().make_function(functions_.at(&code), name, qualname, cell);
}

Value Builder::attribute_value(const AttributeSpec& a, DictObject* class_ns, const Ref<CellObject>& cell,
                               const std::string& qual_prefix, const std::string& class_name) {
    using K = AttributeSpec::Kind;
    const std::string qualname = qual_prefix + a.name;
    auto wrap = [&](TypeObject* type, const Value& f) { return call(w_, Value(type), {f}); };
    switch (a.kind) {
    case K::Value: return json_to_value(w_, a.value);
    case K::Expr: return w_.interpreter().eval_expression(*expressions_.at(&a.expr), class_ns, cell, class_name);
    case K::Function: return function_for(a.source, a.name, qualname, cell);
    case K::ClassMethod: return wrap(w_.types.classmethod, function_for(a.source, a.name, qualname, cell));
    case K::StaticMethod: return wrap(w_.types.staticmethod, function_for(a.source, a.name, qualname, cell));
    case K::CachedProperty: return wrap(w_.types.cached_property, function_for(a.source, a.name, qualname, cell));
    case K::Property: {
        std::vector<Value> args;
        for (const auto* part : {&a.get, &a.set, &a.del})
            args.push_back(*part ? Value(function_for(**part, a.name, qualname, cell)) : Value::none());
        if (a.doc) args.push_back(w_.str(*a.doc));
        return call(w_, Value(w_.types.property), std::move(args));
    }
    }
    return Value::none();
}

void Builder::build_store(const StoreSpec& s) {
    auto store = make<StoreObject>(w_.types.store);
    store->name = s.name;
    store->data = w_.dict();
    for (const auto& [k, v] : s.data) store->data->set(w_.str(k), w_.str(v));
    store->latency_ms = s.latency_ms;
    store->down = s.down;
    store->fail_keys = s.fail_keys;
    set_global(s.name, store);
}

void Builder::build_class(const ClassSpec& c) {
    std::vector<Value> bases;
    for (const std::string& b : c.bases) bases.push_back(lookup(b));
    auto ns = w_.dict();
    ns->set(w_.str("__module__"), w_.str("__main__"));
    ns->set(w_.str("__qualname__"), w_.str(c.name));
    if (c.slot_names) {
        std::vector<Value> names;
        for (const std::string& s : *c.slot_names) names.push_back(w_.str(s));
        ns->set(w_.str("__slots__"), w_.tuple(std::move(names)));
    }
    if (c.doc) ns->set(w_.str("__doc__"), w_.str(*c.doc));
    auto cell = make<CellObject>(w_.types.cell);
    bool uses_cell = false;
    for (const AttributeSpec& a : c.attrs) {
        Value v = attribute_value(a, ns.get(), cell, c.name + ".", c.name);
        ns->set(w_.str(mangle(c.name, a.name)), v);
        for (const auto* code : {&a.source, a.get ? &*a.get : nullptr, a.set ? &*a.set : nullptr, a.del ? &*a.del : nullptr})
            if (code && functions_.count(code) && functions_.at(code)->uses_class_cell) uses_cell = true;
    }
    if (uses_cell) ns->set(w_.str("__classcell__"), cell);
    // __build_class__: the explicit metaclass, else the type of the first base, else type.
    Value meta = c.metaclass ? lookup(*c.metaclass) : bases.empty() ? Value(w_.types.type) : Value(type_of(w_, bases[0]));
    // As a class statement: the most derived metaclass of the bases wins (or a conflict).
    if (auto* m = meta.as<TypeObject>()) {
        std::vector<TypeObject*> base_types;
        for (const Value& b : bases) base_types.push_back(type_of(w_, b));
        meta = Value(calculate_metaclass(w_, m, base_types));
    }
    Value cls = call(w_, meta, {w_.str(c.name), w_.tuple(bases), ns});
    // __build_class__'s check that the metaclass passed __classcell__ on to type.__new__.
    if (uses_cell && !cell->contents.is(cls)) {
        if (cell->contents.empty())
            w_.raise(w_.types.RuntimeError, "__class__ not set defining '" + c.name + "' as " + repr(w_, cls) +
                                                ". Was __classcell__ propagated to type.__new__?");
        w_.raise(w_.types.TypeError, "__class__ set to " + repr(w_, cell->contents) + " defining '" + c.name +
                                         "' as " + repr(w_, cls));
    }
    auto pep549 = c.extensions.find("x-pep549-instance-descriptors");
    if (auto* t = cls.as<TypeObject>(); t && pep549 != c.extensions.end() && *pep549 == true)
        t->pep549_instance_descriptors = true;
    set_global(c.name, cls);
}

void Builder::build_module(const ModuleSpec& m) {
    Value module = call(w_, Value(w_.types.module), {w_.str(m.name)});
    DictObject* d = object_dict(w_, module);
    for (const AttributeSpec& a : m.dict) d->set(w_.str(a.name), attribute_value(a, nullptr, {}, "", ""));
    set_global(m.name, module);
    if (m.class_name) setattr(w_, module, "__class__", lookup(*m.class_name));
}

void Builder::build_instance(const InstanceSpec& i) {
    Value obj;
    if (i.new_expr) obj = w_.interpreter().eval_expression(*expressions_.at(&*i.new_expr));
    else obj = call(w_, getattr(w_, Value(w_.types.object), "__new__"), {lookup(*i.class_name)});
    set_global(i.name, obj);
    if (!i.dict.empty()) {
        Value dict = getattr(w_, obj, "__dict__");
        for (const AttributeSpec& a : i.dict) set_item(w_, dict, w_.str(a.name), attribute_value(a, nullptr, {}, "", ""));
    }
    for (const AttributeSpec& a : i.slot_values) object_setattr(w_, obj, a.name, attribute_value(a, nullptr, {}, "", ""));
}

void Builder::build() {
    const SourcePlace* place = nullptr;
    try {
        for (const StoreSpec& s : spec_.stores) build_store(s);
        for (const ClassSpec& c : spec_.classes) {
            place = &c.place;
            build_class(c);
        }
        for (const ModuleSpec& m : spec_.modules) {
            place = &m.place;
            build_module(m);
        }
        for (const InstanceSpec& i : spec_.instances) {
            place = &i.place;
            build_instance(i);
        }
    } catch (PyError& e) {
        result_.exception_type = type_name(w_, e.exc);
        try {
            result_.exception_message = str(w_, e.exc);
        } catch (PyError&) {
            result_.exception_message = "<exception str() failed>";
        }
        result_.errors.push_back(ModelError{spec_.file, place ? *place : SourcePlace{}, 0, 0,
                                            result_.exception_type + ": " + result_.exception_message});
    } catch (BudgetExceeded&) {
        result_.exception_type = "BudgetExceeded";
        result_.exception_message = "building the model ran past the instruction budget";
        result_.errors.push_back(ModelError{spec_.file, place ? *place : SourcePlace{}, 0, 0,
                                            result_.exception_type + ": " + result_.exception_message});
    }
}

} // namespace

BuildResult build_world(World& w, const ModelSpec& spec) {
    BuildResult result;
    Builder builder(w, spec, result);
    builder.parse_all();
    if (!result.ok()) return result;
    builder.build();
    return result;
}

} // namespace ds
