#include "world.h"

#include "builtins.h"
#include "interpreter.h"
#include "memoryusage.h"

namespace ds {

// A builtin type lives as long as its World: it holds one reference to itself that is never
// dropped (CPython's static types are immortal in the same way).
static TypeObject* immortal(Ref<TypeObject> t) {
    incref(t.get());
    return t.get();
}

static TypeObject* new_type(World& w, const char* name, TypeObject* base, Layout layout,
                            const char* module = "builtins") {
    auto t = make<TypeObject>(w.types.type);
    t->name = t->qualname = name;
    t->module = module;
    t->layout = layout;
    t->base = base;
    if (base) {
        t->bases.emplace_back(base);
        t->solid_base = layout == base->layout ? base->solid_base : t.get();
    } else {
        t->solid_base = t.get();
    }
    t->mro.emplace_back(t.get());
    if (base)
        for (auto& c : base->mro) t->mro.push_back(c);
    if (w.types.dict) t->dict = w.dict();
    return immortal(t);
}

World::World() {
    Types& t = types;
    // Bootstrap: `type` is its own type, and `object` is the root of every MRO.
    Heap* previous_bootstrap = std::exchange(bootstrap_heap(), &heap);
    auto type_type = make<TypeObject>(nullptr);
    bootstrap_heap() = previous_bootstrap;
    type_type->owner_heap = &heap;
    type_type->type = type_type.get();
    incref(type_type.get());
    t.type = immortal(type_type);
    t.object = new_type(*this, "object", nullptr, Layout::Object);
    t.type->name = t.type->qualname = "type";
    t.type->module = "builtins";
    t.type->layout = Layout::Type;
    t.type->bases.emplace_back(t.object);
    t.type->mro = {Ref<TypeObject>(t.type), Ref<TypeObject>(t.object)};
    t.type->solid_base = t.type;
    t.type->base = t.object;
    t.type->has_dict = t.type->has_weakref = true;
    t.dict = new_type(*this, "dict", t.object, Layout::Builtin);
    t.str = new_type(*this, "str", t.object, Layout::Builtin);
    for (TypeObject* early : {t.type, t.object, t.dict, t.str}) early->dict = dict();

    t.none = new_type(*this, "NoneType", t.object, Layout::Builtin);
    t.int_ = new_type(*this, "int", t.object, Layout::Builtin);
    t.bool_ = new_type(*this, "bool", t.int_, Layout::Builtin);
    t.float_ = new_type(*this, "float", t.object, Layout::Builtin);
    t.list = new_type(*this, "list", t.object, Layout::Builtin);
    t.tuple = new_type(*this, "tuple", t.object, Layout::Builtin);
    t.function = new_type(*this, "function", t.object, Layout::Builtin);
    t.builtin_function = new_type(*this, "builtin_function_or_method", t.object, Layout::Builtin);
    t.method_descriptor = new_type(*this, "method_descriptor", t.object, Layout::Builtin);
    t.wrapper_descriptor = new_type(*this, "wrapper_descriptor", t.object, Layout::Builtin);
    t.getset_descriptor = new_type(*this, "getset_descriptor", t.object, Layout::Builtin);
    t.member_descriptor = new_type(*this, "member_descriptor", t.object, Layout::Builtin);
    t.method = new_type(*this, "method", t.object, Layout::Builtin);
    t.property = new_type(*this, "property", t.object, Layout::Builtin);
    t.classmethod = new_type(*this, "classmethod", t.object, Layout::Builtin);
    t.staticmethod = new_type(*this, "staticmethod", t.object, Layout::Builtin);
    t.cached_property = new_type(*this, "cached_property", t.object, Layout::Builtin, "functools");
    t.module = new_type(*this, "module", t.object, Layout::Module);
    t.module->has_dict = t.module->has_weakref = true;
    t.super = new_type(*this, "super", t.object, Layout::Builtin);
    t.mappingproxy = new_type(*this, "mappingproxy", t.object, Layout::Builtin);
    t.range = new_type(*this, "range", t.object, Layout::Builtin);
    t.iterator = new_type(*this, "iterator", t.object, Layout::Builtin);
    t.frame = new_type(*this, "frame", t.object, Layout::Builtin);
    t.ellipsis = new_type(*this, "ellipsis", t.object, Layout::Builtin);
    t.dict_keys = new_type(*this, "dict_keys", t.object, Layout::Builtin);
    t.dict_values = new_type(*this, "dict_values", t.object, Layout::Builtin);
    t.dict_items = new_type(*this, "dict_items", t.object, Layout::Builtin);
    t.cell = new_type(*this, "cell", t.object, Layout::Builtin);
    t.not_implemented_type = new_type(*this, "NotImplementedType", t.object, Layout::Builtin);
    t.store = new_type(*this, "MemoryStore", t.object, Layout::Store, "__main__");
    t.store->qualname = "MemoryStore";

    auto exception = [&](const char* name, TypeObject* base) {
        TypeObject* e = new_type(*this, name, base, Layout::Exception);
        e->has_dict = true;
        return e;
    };
    t.BaseException = exception("BaseException", t.object);
    t.BaseException->solid_base = t.BaseException;
    t.Exception = exception("Exception", t.BaseException);
    t.AttributeError = exception("AttributeError", t.Exception);
    t.TypeError = exception("TypeError", t.Exception);
    t.ValueError = exception("ValueError", t.Exception);
    t.LookupError = exception("LookupError", t.Exception);
    t.KeyError = exception("KeyError", t.LookupError);
    t.IndexError = exception("IndexError", t.LookupError);
    t.NameError = exception("NameError", t.Exception);
    t.UnboundLocalError = exception("UnboundLocalError", t.NameError);
    t.RuntimeError = exception("RuntimeError", t.Exception);
    t.RecursionError = exception("RecursionError", t.RuntimeError);
    t.NotImplementedError = exception("NotImplementedError", t.RuntimeError);
    t.OSError = exception("OSError", t.Exception);
    t.ConnectionError = exception("ConnectionError", t.OSError);
    t.ArithmeticError = exception("ArithmeticError", t.Exception);
    t.OverflowError = exception("OverflowError", t.ArithmeticError);
    t.ZeroDivisionError = exception("ZeroDivisionError", t.ArithmeticError);
    t.AssertionError = exception("AssertionError", t.Exception);
    t.StopIteration = exception("StopIteration", t.Exception);
    t.MemoryError = exception("MemoryError", t.Exception);
    t.ImportError = exception("ImportError", t.Exception);
    t.ModuleNotFoundError = exception("ModuleNotFoundError", t.ImportError);
    t.SyntaxError = exception("SyntaxError", t.Exception);

    builtins = dict();
    globals = dict();
    modules = dict();
    not_implemented = make<InstanceObject>(t.not_implemented_type);
    globals->set(str("__name__"), str("__main__")); // the model runs as __main__
    interpreter_ = std::make_unique<Interpreter>(*this);
    install_builtins(*this);
}

World::~World() {
    interpreter_.reset();
    globals = nullptr;
    builtins = nullptr;
    modules = nullptr;
    not_implemented = Value();
    // heap's destructor frees every object that is left, cycles included.
}

Ref<StrObject> World::str(std::string s) { return make<StrObject>(types.str, std::move(s)); }

Value World::tuple(std::vector<Value> items) { return make<TupleObject>(types.tuple, std::move(items)); }

Ref<ListObject> World::list(std::vector<Value> items) {
    return make<ListObject>(types.list, std::move(items));
}

Ref<DictObject> World::dict() { return make<DictObject>(types.dict); }

Value World::new_exception(TypeObject* type, std::vector<Value> args) {
    auto e = make<InstanceObject>(type);
    e->args = tuple(std::move(args));
    return e;
}

void World::raise(TypeObject* type, const std::string& message) {
    throw PyError{new_exception(type, {str(message)})};
}

void World::raise_value(TypeObject* type, Value arg) {
    throw PyError{new_exception(type, {std::move(arg)})};
}

RecursionGuard::RecursionGuard(World& w, const char* where) : depth_(w.call_depth) {
    if (depth_ >= w.recursion_limit)
        w.raise(w.types.RecursionError, std::string("maximum recursion depth exceeded") + where);
    ++depth_;
}

void World::set_limits(const Limits& limits) {
    recursion_limit = limits.recursion_limit;
    step_limit = limits.step_limit;
    allocation_limit = limits.allocation_limit;
    memory_limit = limits.memory_limit;
}

void World::check_allocation(size_t count, size_t item_size) {
    if (!item_size) return;
    if (count > allocation_limit / item_size) throw PyError{new_exception(types.MemoryError, {})};
    // Measuring the process costs a system call: do it once per 256 MiB of requests, which
    // bounds how far past the limit a loop of growing containers can go.
    constexpr size_t kMeasureEvery = size_t(256) << 20;
    requested_since_memory_check_ += count * item_size;
    if (requested_since_memory_check_ < kMeasureEvery) return;
    requested_since_memory_check_ = 0;
    if (resident_memory() > memory_limit) throw PyError{new_exception(types.MemoryError, {})};
}

} // namespace ds
