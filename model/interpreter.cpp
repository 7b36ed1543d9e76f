#include "interpreter.h"

#include "attribute.h"
#include "builtins.h"
#include "events.h"
#include "operations.h"

#include <algorithm>

namespace ds {

using namespace ast;

// One running scope: a function call, a comprehension, a class body or the module.
struct Interpreter::Frame {
    const ScopeInfo* scope = nullptr; // null: module level or class body
    FrameObject* vars = nullptr;      // the scope's variables (function scopes)
    DictObject* class_ns = nullptr;   // class body namespace, looked up first
    DictObject* globals = nullptr;
    FunctionObject* function = nullptr; // the running function
    Ref<CellObject> class_cell;         // __class__ for functions defined here
    std::string qualname_prefix;        // for functions defined here in a class body or comprehension
    // The __qualname__ prefix of functions defined here: "C.m.<locals>." in a function (made
    // only when a def runs, not on every call).
    std::string prefix_for_defs() const { return function ? function->qualname + ".<locals>." : qualname_prefix; }
    Value return_value;
    Frame* caller = nullptr;
};

namespace {
// Restores the interpreter's current frame when a scope ends.
template <class T> struct Restore {
    T& slot;
    T saved;
    Restore(T& s, T v) : slot(s), saved(s) { slot = v; }
    ~Restore() { slot = saved; }
};
} // namespace

Interpreter::Interpreter(World& w) : w_(w) {}

void Interpreter::count_step() {
    if (++w_.steps > w_.step_limit) throw BudgetExceeded{};
}

// ---- names ------------------------------------------------------------------------------

int Interpreter::local_index(const ScopeInfo* scope, const std::string& id) {
    auto [it, inserted] = slots_.try_emplace(scope);
    auto& map = it->second;
    if (inserted)
        for (size_t i = 0; i < scope->locals.size(); ++i) map.emplace(scope->locals[i], int(i));
    auto found = map.find(id);
    return found == map.end() ? -1 : found->second;
}

static bool contains_name(const std::vector<std::string>& names, const std::string& id) {
    return std::find(names.begin(), names.end(), id) != names.end();
}

Value* Interpreter::free_variable(const std::string& id, Frame& f) {
    for (FrameObject* p = f.vars ? f.vars->parent.get() : nullptr; p; p = p->parent.get()) {
        int i = local_index(p->scope, id);
        if (i >= 0) return &p->locals[i];
    }
    return nullptr;
}

Value Interpreter::load_name(const std::string& id, Frame& f) {
    if (id == "__class__" && f.scope && f.class_cell && !f.class_cell->contents.empty() && local_index(f.scope, id) < 0)
        return f.class_cell->contents; // the implicit __class__ cell of methods
    if (f.scope && !contains_name(f.scope->globals_declared, id)) {
        int i = local_index(f.scope, id);
        if (i >= 0) {
            const Value& v = f.vars->locals[i];
            if (v.empty())
                w_.raise(w_.types.UnboundLocalError,
                         "cannot access local variable '" + id + "' where it is not associated with a value");
            return v;
        }
        if (contains_name(f.scope->freevars, id)) {
            if (Value* v = free_variable(id, f)) {
                if (v->empty())
                    w_.raise(w_.types.NameError, "cannot access free variable '" + id +
                                                     "' where it is not associated with a value in enclosing scope");
                return *v;
            }
        }
    } else if (f.class_ns) {
        if (Value* v = f.class_ns->find_str(id)) return *v;
    }
    if (Value* v = f.globals->find_str(id)) return *v;
    if (Value* v = w_.builtins->find_str(id)) return *v;
    w_.raise(w_.types.NameError, "name '" + id + "' is not defined");
}

// Where a Name node's variable lives, worked out once (see ast::Name::resolved).
int Interpreter::resolve(const Name& n, const Frame& f) {
    if (n.resolved != Name::kUnresolved) return n.resolved;
    n.hash = str_hash(n.id);
    if (f.class_ns) {
        n.resolved = Name::kOther;
    } else if (!f.scope || contains_name(f.scope->globals_declared, n.id)) {
        n.resolved = Name::kGlobal;
    } else if (int i = local_index(f.scope, n.id); i >= 0) {
        n.resolved = i;
    } else {
        bool general = n.id == "__class__" || contains_name(f.scope->freevars, n.id);
        n.resolved = general ? Name::kOther : Name::kGlobal;
    }
    return n.resolved;
}

// A local by index, a global by the kept hash; the general path for the rest and the errors.
Value Interpreter::load_name(const Name& n, Frame& f) {
    int where = resolve(n, f);
    if (where >= 0) {
        if (const Value& v = f.vars->locals[where]; !v.empty()) return v;
    } else if (where == Name::kGlobal) {
        if (Value* v = f.globals->find_str(n.id, n.hash)) return *v;
        if (Value* v = w_.builtins->find_str(n.id, n.hash)) return *v;
    }
    return load_name(n.id, f);
}

// As load_name(const Name&): an existing global is assigned without making a key object.
void Interpreter::store_name(const Name& n, const Value& v, Frame& f) {
    int where = resolve(n, f);
    if (where >= 0) {
        f.vars->locals[where] = v;
    } else if (where == Name::kGlobal) {
        if (!f.globals->replace_str(n.id, n.hash, v)) f.globals->set(w_.str(n.id), n.hash, v);
    } else {
        store_name(n.id, v, f);
    }
}

void Interpreter::store_name(const std::string& id, const Value& v, Frame& f) {
    if (f.scope && !contains_name(f.scope->globals_declared, id)) {
        int i = local_index(f.scope, id);
        if (i >= 0) {
            f.vars->locals[i] = v;
            return;
        }
        if (Value* slot = free_variable(id, f)) {
            *slot = v;
            return;
        }
    } else if (f.class_ns) {
        f.class_ns->set(w_.str(id), v);
        return;
    }
    f.globals->set(w_.str(id), v);
}

void Interpreter::delete_name(const std::string& id, Frame& f) {
    if (f.scope && !contains_name(f.scope->globals_declared, id)) {
        int i = local_index(f.scope, id);
        if (i >= 0) {
            if (f.vars->locals[i].empty())
                w_.raise(w_.types.UnboundLocalError,
                         "cannot access local variable '" + id + "' where it is not associated with a value");
            f.vars->locals[i] = Value();
            return;
        }
    } else if (f.class_ns) {
        if (!f.class_ns->erase(w_.str(id))) w_.raise(w_.types.NameError, "name '" + id + "' is not defined");
        return;
    }
    if (!f.globals->erase(w_.str(id))) w_.raise(w_.types.NameError, "name '" + id + "' is not defined");
}

// ---- entry points -----------------------------------------------------------------------

Value Interpreter::run_module(const StmtList& code) {
    Frame f;
    f.globals = w_.globals.get();
    f.caller = current_;
    Restore<Frame*> restore(current_, &f);
    if (code.size() == 1 && code[0]->kind == StmtKind::Expr) {
        count_step();
        return eval(*code[0]->as<ExprStmt>().value, f);
    }
    Flow flow = exec_block(code, f);
    if (flow == Flow::Return) w_.raise(w_.types.SyntaxError, "'return' outside function");
    return {};
}

Value Interpreter::eval_expression(const Expr& e, DictObject* class_namespace, const Ref<CellObject>& class_cell,
                                   const std::string& class_name) {
    Frame f;
    f.globals = w_.globals.get();
    f.class_ns = class_namespace;
    f.class_cell = class_cell;
    if (!class_name.empty()) f.qualname_prefix = class_name + ".";
    f.caller = current_;
    Restore<Frame*> restore(current_, &f);
    return eval(e, f);
}

Ref<FunctionObject> Interpreter::make_function(const std::shared_ptr<FunctionDef>& def, const std::string& name,
                                               const std::string& qualname, const Ref<CellObject>& class_cell) {
    Frame f;
    f.globals = w_.globals.get();
    f.class_cell = class_cell;
    f.caller = current_;
    Restore<Frame*> restore(current_, &f);
    Value v = make_closure(def, f);
    auto* fn = v.as<FunctionObject>();
    fn->name = name;
    fn->qualname = qualname;
    return Ref<FunctionObject>(fn);
}

Value Interpreter::make_closure(const std::shared_ptr<FunctionDef>& def, Frame& f) {
    auto fn = make<FunctionObject>(w_.types.function);
    fn->def = def;
    fn->name = def->name;
    fn->qualname = f.prefix_for_defs() + def->name;
    fn->globals = Ref<DictObject>(f.globals);
    fn->closure = Ref<FrameObject>(f.vars);
    if (def->uses_class_cell) fn->class_cell = f.class_cell;
    for (const Param& p : def->params.positional)
        if (p.default_value) fn->defaults.push_back(eval(*p.default_value, f));
    for (const Param& p : def->params.kwonly)
        fn->kwonly_defaults.push_back(p.default_value ? eval(*p.default_value, f) : Value());
    // The docstring: a leading string statement.
    if (!def->is_lambda && !def->body.empty() && def->body[0]->kind == StmtKind::Expr &&
        def->body[0]->as<ExprStmt>().value->kind == ExprKind::Str)
        fn->doc = w_.str(def->body[0]->as<ExprStmt>().value->as<Str>().value);
    else
        fn->doc = Value::none();
    return fn;
}

// ---- calls ------------------------------------------------------------------------------

static std::string quoted_list(const std::vector<std::string>& names) {
    auto q = [](const std::string& n) { return "'" + n + "'"; };
    if (names.size() == 1) return q(names[0]);
    if (names.size() == 2) return q(names[0]) + " and " + q(names[1]);
    std::string out;
    for (size_t i = 0; i + 2 < names.size(); ++i) out += q(names[i]) + ", ";
    return out + q(names[names.size() - 2]) + ", and " + q(names.back());
}

void Interpreter::bind_arguments(FunctionObject* fn, CallArgs& a, std::vector<Value>& locals) {
    const FunctionDef& def = *fn->def;
    const Params& p = def.params;
    const std::string& qn = fn->qualname;
    size_t co_argcount = p.positional.size();
    size_t kwcount = p.kwonly.size();
    size_t nargs = a.positional.size();
    // co_varnames order: positional, keyword-only, *args, **kwargs.
    size_t varargs_index = co_argcount + kwcount;
    size_t varkw_index = varargs_index + (p.varargs.empty() ? 0 : 1);
    Ref<DictObject> kwdict;
    if (!p.varkw.empty()) {
        kwdict = w_.dict();
        locals[varkw_index] = kwdict;
    }
    size_t n = std::min(nargs, co_argcount);
    for (size_t i = 0; i < n; ++i) locals[i] = a.positional[i];
    if (!p.varargs.empty()) {
        std::vector<Value> rest;
        for (size_t i = n; i < nargs; ++i) rest.push_back(a.positional[i]);
        locals[varargs_index] = w_.tuple(std::move(rest));
    }
    for (KwArg& kw : a.keywords) {
        size_t j = p.posonly_count;
        for (; j < co_argcount + kwcount; ++j) {
            const std::string& pname = j < co_argcount ? p.positional[j].name : p.kwonly[j - co_argcount].name;
            if (pname == kw.name) break;
        }
        if (j == co_argcount + kwcount) {
            if (kwdict) {
                kwdict->set(w_.str(kw.name), kw.value);
                continue;
            }
            for (size_t k = 0; k < p.posonly_count; ++k)
                if (p.positional[k].name == kw.name)
                    w_.raise(w_.types.TypeError, qn + "() got some positional-only arguments passed as keyword arguments: '" +
                                                     kw.name + "'");
            w_.raise(w_.types.TypeError, qn + "() got an unexpected keyword argument '" + kw.name + "'");
        }
        if (!locals[j].empty()) w_.raise(w_.types.TypeError, qn + "() got multiple values for argument '" + kw.name + "'");
        locals[j] = kw.value;
    }
    if (nargs > co_argcount && p.varargs.empty()) {
        size_t kwonly_given = 0;
        for (size_t i = co_argcount; i < co_argcount + kwcount; ++i) kwonly_given += !locals[i].empty();
        size_t defcount = fn->defaults.size();
        std::string sig;
        bool plural;
        if (defcount) {
            plural = true;
            sig = "from " + std::to_string(co_argcount - defcount) + " to " + std::to_string(co_argcount);
        } else {
            plural = co_argcount != 1;
            sig = std::to_string(co_argcount);
        }
        std::string kwonly_sig;
        if (kwonly_given)
            kwonly_sig = std::string(" positional argument") + (nargs != 1 ? "s" : "") + " (and " +
                         std::to_string(kwonly_given) + " keyword-only argument" + (kwonly_given != 1 ? "s" : "") + ")";
        w_.raise(w_.types.TypeError, qn + "() takes " + sig + " positional argument" + (plural ? "s" : "") + " but " +
                                         std::to_string(nargs) + kwonly_sig + " " +
                                         (nargs == 1 && !kwonly_given ? "was" : "were") + " given");
    }
    if (nargs < co_argcount) {
        size_t defcount = fn->defaults.size();
        size_t first_default = co_argcount - defcount;
        std::vector<std::string> missing;
        for (size_t i = nargs; i < co_argcount; ++i) {
            if (!locals[i].empty()) continue;
            if (i >= first_default) locals[i] = fn->defaults[i - first_default];
            else missing.push_back(p.positional[i].name);
        }
        if (!missing.empty())
            w_.raise(w_.types.TypeError, qn + "() missing " + std::to_string(missing.size()) + " required positional argument" +
                                             (missing.size() == 1 ? "" : "s") + ": " + quoted_list(missing));
    }
    std::vector<std::string> missing_kw;
    for (size_t i = 0; i < kwcount; ++i) {
        Value& slot = locals[co_argcount + i];
        if (!slot.empty()) continue;
        if (i < fn->kwonly_defaults.size() && !fn->kwonly_defaults[i].empty()) slot = fn->kwonly_defaults[i];
        else missing_kw.push_back(p.kwonly[i].name);
    }
    if (!missing_kw.empty())
        w_.raise(w_.types.TypeError, qn + "() missing " + std::to_string(missing_kw.size()) + " required keyword-only argument" +
                                         (missing_kw.size() == 1 ? "" : "s") + ": " + quoted_list(missing_kw));
}

Value Interpreter::call_function(FunctionObject* fn, CallArgs& args) {
    if (w_.call_depth >= w_.recursion_limit)
        w_.raise(w_.types.RecursionError, "maximum recursion depth exceeded");
    ++w_.call_depth;
    struct DepthGuard {
        int& d;
        ~DepthGuard() { --d; }
    } guard{w_.call_depth};
    const FunctionDef& def = *fn->def;
    Ref<FrameObject> vars = new_frame(&def, fn->closure, def.locals.size());
    bind_arguments(fn, args, vars->locals);
    Frame f;
    f.scope = &def;
    f.vars = vars.get();
    f.globals = fn->globals.get();
    f.function = fn;
    f.class_cell = fn->class_cell;
    f.caller = current_;
    Restore<Frame*> restore(current_, &f);
    if (w_.tracer) w_.tracer->add(Event{.kind = EventKind::Call, .object = fn->qualname});
    Tracer::Nest nest(w_.tracer);
    Flow flow = exec_block(def.body, f);
    Value result = flow == Flow::Return ? std::move(f.return_value) : Value::none();
    recycle_frame(std::move(vars));
    return result;
}

// Frames of finished calls that nothing kept (no closure) are reused, as CPython reuses frame
// memory: a call then allocates nothing for its variables.
Ref<FrameObject> Interpreter::new_frame(const ScopeInfo* scope, const Ref<FrameObject>& parent, size_t nlocals) {
    if (spare_frames_.empty()) return make<FrameObject>(w_.types.frame, scope, parent, nlocals);
    Ref<FrameObject> frame = std::move(spare_frames_.back());
    spare_frames_.pop_back();
    frame->scope = scope;
    frame->parent = parent;
    frame->locals.resize(nlocals); // all Empty: recycle_frame cleared them
    return frame;
}

void Interpreter::recycle_frame(Ref<FrameObject> frame) {
    constexpr size_t kSpareFrames = 32;
    if (frame->refcount != 1 || spare_frames_.size() >= kSpareFrames) return; // kept by a closure
    frame->locals.clear();
    frame->parent = nullptr;
    spare_frames_.push_back(std::move(frame));
}

Value Interpreter::locals() {
    Frame* f = current_;
    if (!f) return w_.globals;
    if (f->class_ns) return Value(f->class_ns);
    if (!f->scope) return Value(f->globals);
    auto d = w_.dict();
    for (size_t i = 0; i < f->scope->locals.size(); ++i)
        if (!f->vars->locals[i].empty()) d->set(w_.str(f->scope->locals[i]), f->vars->locals[i]);
    return d;
}

Value Interpreter::zero_argument_super() {
    Frame* f = current_;
    while (f && !f->function) f = f->scope ? f->caller : nullptr; // comprehensions run inside their function
    if (!f || !f->function) w_.raise(w_.types.RuntimeError, "super(): no arguments");
    FunctionObject* fn = f->function;
    if (fn->def->params.positional.empty() && fn->def->params.varargs.empty())
        w_.raise(w_.types.RuntimeError, "super(): no arguments");
    Value first = f->vars->locals[0];
    if (first.empty()) w_.raise(w_.types.RuntimeError, "super(): arg[0] deleted");
    if (!fn->class_cell) w_.raise(w_.types.RuntimeError, "super(): __class__ cell not found");
    Value cls = fn->class_cell->contents;
    if (cls.empty()) w_.raise(w_.types.RuntimeError, "super(): empty __class__ cell");
    if (!cls.as<TypeObject>())
        w_.raise(w_.types.RuntimeError, "super(): __class__ is not a type (" + type_name(w_, cls) + ")");
    return call(w_, Value(w_.types.super), {cls, first});
}

// ---- statements -------------------------------------------------------------------------

Interpreter::Flow Interpreter::exec_block(const StmtList& body, Frame& f) {
    for (const StmtPtr& s : body) {
        Flow flow = exec(*s, f);
        if (flow != Flow::Normal) return flow;
    }
    return Flow::Normal;
}

static BinaryOp to_binary(BinOp op) { return static_cast<BinaryOp>(static_cast<int>(op)); }

Interpreter::Flow Interpreter::exec(const Stmt& s, Frame& f) {
    count_step();
    switch (s.kind) {
    case StmtKind::Expr: {
        Value v = eval(*s.as<ExprStmt>().value, f);
        if (w_.interactive && !f.scope && !f.class_ns && !v.is_none()) w_.output += repr(w_, v) + "\n";
        return Flow::Normal;
    }
    case StmtKind::Assign: {
        const auto& a = s.as<Assign>();
        Value v = eval(*a.value, f);
        for (const ExprPtr& t : a.targets) assign(*t, v, f);
        return Flow::Normal;
    }
    case StmtKind::AugAssign: {
        const auto& a = s.as<AugAssign>();
        const Expr& t = *a.target;
        auto combine = [&](const Value& old) {
            Value rhs = eval(*a.value, f);
            if (auto* l = old.as<ListObject>(); l && a.op == BinOp::Add && old.object()->type == w_.types.list) {
                std::vector<Value> extra = to_vector(w_, rhs); // list += iterable extends in place
                w_.check_allocation(l->items.size() + extra.size(), sizeof(Value));
                l->items.insert(l->items.end(), extra.begin(), extra.end());
                return old;
            }
            return binary_op(w_, to_binary(a.op), old, rhs);
        };
        if (t.kind == ExprKind::Name) {
            const auto& n = t.as<Name>();
            store_name(n, combine(load_name(n, f)), f);
        } else if (t.kind == ExprKind::Attribute) {
            const auto& at = t.as<Attribute>();
            Value obj = eval(*at.value, f);
            setattr(w_, obj, at.attr, combine(getattr(w_, obj, at.attr)));
        } else {
            const auto& sub = t.as<Subscript>();
            Value obj = eval(*sub.value, f);
            Value key = eval(*sub.index, f);
            set_item(w_, obj, key, combine(get_item(w_, obj, key)));
        }
        return Flow::Normal;
    }
    case StmtKind::Delete:
        for (const ExprPtr& t : s.as<Delete>().targets) delete_target(*t, f);
        return Flow::Normal;
    case StmtKind::Return: {
        const auto& r = s.as<Return>();
        f.return_value = r.value ? eval(*r.value, f) : Value::none();
        return Flow::Return;
    }
    case StmtKind::Pass: return Flow::Normal;
    case StmtKind::Break: return Flow::Break;
    case StmtKind::Continue: return Flow::Continue;
    case StmtKind::If: {
        const auto& i = s.as<If>();
        return exec_block(truthy(w_, eval(*i.test, f)) ? i.body : i.orelse, f);
    }
    case StmtKind::While: {
        const auto& wh = s.as<While>();
        while (truthy(w_, eval(*wh.test, f))) {
            count_step();
            Flow flow = exec_block(wh.body, f);
            if (flow == Flow::Break) return Flow::Normal;
            if (flow == Flow::Return) return flow;
        }
        return exec_block(wh.orelse, f);
    }
    case StmtKind::For: return exec_for(s.as<For>(), f);
    case StmtKind::Raise: {
        const auto& r = s.as<Raise>();
        if (!r.exc) {
            if (handled_.empty()) w_.raise(w_.types.RuntimeError, "No active exception to reraise");
            throw PyError{handled_.back()};
        }
        Value exc = eval(*r.exc, f);
        Value cause = r.cause ? eval(*r.cause, f) : Value();
        raise_exception(exc, cause, r.cause != nullptr);
    }
    case StmtKind::Try: return exec_try(s.as<Try>(), f);
    case StmtKind::Assert: {
        const auto& a = s.as<Assert>();
        if (!truthy(w_, eval(*a.test, f))) {
            if (a.msg) throw PyError{w_.new_exception(w_.types.AssertionError, {eval(*a.msg, f)})};
            throw PyError{w_.new_exception(w_.types.AssertionError, {})};
        }
        return Flow::Normal;
    }
    case StmtKind::FunctionDef: {
        const auto& d = s.as<Def>();
        store_name(d.func->name, make_closure(d.func, f), f);
        return Flow::Normal;
    }
    case StmtKind::Global:
    case StmtKind::Nonlocal: return Flow::Normal;
    case StmtKind::Import: exec_import(s.as<Import>(), f); return Flow::Normal;
    }
    return Flow::Normal;
}

// A model has no import system: only the modules of the reference translation exist.
void Interpreter::exec_import(const Import& s, Frame& f) {
    auto module = [&](const std::string& name) -> Value {
        if (Value* m = w_.modules->find_str(name)) return *m;
        w_.raise(w_.types.ModuleNotFoundError, "No module named '" + name + "'");
    };
    if (!s.is_from) {
        for (const Alias& a : s.names) {
            Value m = module(a.name);
            store_name(a.asname.empty() ? a.name : a.asname, m, f);
        }
        return;
    }
    if (s.level > 0) w_.raise(w_.types.ImportError, "attempted relative import with no known parent package");
    Value m = module(s.module);
    for (const Alias& a : s.names) {
        if (a.name == "*") w_.raise(w_.types.SyntaxError, "import * is not supported in model code");
        Value v = getattr_or_empty(w_, m, a.name);
        if (v.empty())
            w_.raise(w_.types.ImportError,
                     "cannot import name '" + a.name + "' from '" + s.module + "' (unknown location)");
        store_name(a.asname.empty() ? a.name : a.asname, v, f);
    }
}

Interpreter::Flow Interpreter::exec_for(const For& s, Frame& f) {
    Value it = iter(w_, eval(*s.iter, f));
    for (Value v = next(w_, it); !v.empty(); v = next(w_, it)) {
        count_step();
        assign(*s.target, v, f);
        Flow flow = exec_block(s.body, f);
        if (flow == Flow::Break) return Flow::Normal;
        if (flow == Flow::Return) return flow;
    }
    return exec_block(s.orelse, f);
}

Interpreter::Flow Interpreter::exec_try(const Try& t, Frame& f) {
    Flow flow = Flow::Normal;
    std::optional<PyError> pending;
    try {
        flow = exec_block(t.body, f);
        if (flow == Flow::Normal) flow = exec_block(t.orelse, f);
    } catch (PyError& e) {
        try {
            const ExceptHandler* match = nullptr;
            for (const ExceptHandler& h : t.handlers) {
                if (!h.type) {
                    match = &h;
                    break;
                }
                Value types = eval(*h.type, f);
                std::vector<Value> candidates =
                    types.as<TupleObject>() ? types.as<TupleObject>()->items : std::vector<Value>{types};
                bool matched = false;
                for (const Value& c : candidates) {
                    auto* ct = c.as<TypeObject>();
                    if (!ct || !is_subtype(ct, w_.types.BaseException))
                        w_.raise(w_.types.TypeError, "catching classes that do not inherit from BaseException is not allowed");
                    matched = matched || isinstance(w_, e.exc, ct);
                }
                if (matched) {
                    match = &h;
                    break;
                }
            }
            if (!match) {
                pending = e;
            } else {
                handled_.push_back(e.exc);
                struct Pop {
                    std::vector<Value>& v;
                    ~Pop() { v.pop_back(); }
                } pop{handled_};
                if (!match->name.empty()) store_name(match->name, e.exc, f);
                flow = exec_block(match->body, f);
                if (!match->name.empty()) {
                    try {
                        delete_name(match->name, f);
                    } catch (PyError&) {
                    }
                }
            }
        } catch (PyError& inner) {
            if (auto* ie = inner.exc.as<InstanceObject>(); ie && ie->context.empty() && !inner.exc.is(e.exc))
                ie->context = e.exc;
            pending = inner;
        }
    }
    if (!t.finalbody.empty()) {
        Flow final_flow = exec_block(t.finalbody, f);
        if (final_flow != Flow::Normal) return final_flow; // return/break in finally wins
    }
    if (pending) throw *pending;
    return flow;
}

Value Interpreter::make_exception(const Value& exc_or_type) {
    if (auto* t = exc_or_type.as<TypeObject>()) {
        if (!is_subtype(t, w_.types.BaseException))
            w_.raise(w_.types.TypeError, "exceptions must derive from BaseException");
        Value e = call(w_, exc_or_type, std::vector<Value>{});
        if (!isinstance(w_, e, w_.types.BaseException))
            w_.raise(w_.types.TypeError, "calling " + repr(w_, exc_or_type) +
                                             " should have returned an instance of BaseException, not " + type_name(w_, e));
        return e;
    }
    if (!isinstance(w_, exc_or_type, w_.types.BaseException))
        w_.raise(w_.types.TypeError, "exceptions must derive from BaseException");
    return exc_or_type;
}

void Interpreter::raise_exception(const Value& exc_or_type, const Value& cause, bool has_cause) {
    Value exc = make_exception(exc_or_type);
    auto* e = exc.as<InstanceObject>();
    if (has_cause) {
        bool is_exception_class = cause.as<TypeObject>() && is_subtype(cause.as<TypeObject>(), w_.types.BaseException);
        if (!cause.is_none() && !is_exception_class && !isinstance(w_, cause, w_.types.BaseException))
            w_.raise(w_.types.TypeError, "exception causes must derive from BaseException");
        e->cause = cause.is_none() ? Value::none() : make_exception(cause);
        e->suppress_context = true;
    }
    if (!handled_.empty() && e->context.empty() && !handled_.back().is(exc)) e->context = handled_.back();
    throw PyError{exc};
}

// ---- assignment targets -----------------------------------------------------------------

void Interpreter::assign(const Expr& target, const Value& value, Frame& f) {
    switch (target.kind) {
    case ExprKind::Name: store_name(target.as<Name>(), value, f); return;
    case ExprKind::Attribute: {
        const auto& a = target.as<Attribute>();
        setattr(w_, eval(*a.value, f), a.attr, value);
        return;
    }
    case ExprKind::Subscript: {
        const auto& sub = target.as<Subscript>();
        Value obj = eval(*sub.value, f);
        if (sub.index->kind == ExprKind::Slice)
            w_.raise(w_.types.TypeError, "slice assignment is not supported in model code");
        set_item(w_, obj, eval(*sub.index, f), value);
        return;
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
        const auto& elts = static_cast<const Sequence&>(target).elts;
        std::vector<Value> items;
        try {
            items = to_vector(w_, value);
        } catch (PyError& e) {
            if (!isinstance(w_, e.exc, w_.types.TypeError) || !str(w_, e.exc).ends_with("is not iterable")) throw;
            w_.raise(w_.types.TypeError, "cannot unpack non-iterable " + type_name(w_, value) + " object");
        }
        size_t star = elts.size();
        for (size_t i = 0; i < elts.size(); ++i)
            if (elts[i]->kind == ExprKind::Starred) star = i;
        if (star == elts.size()) {
            if (items.size() < elts.size())
                w_.raise(w_.types.ValueError, "not enough values to unpack (expected " + std::to_string(elts.size()) +
                                                  ", got " + std::to_string(items.size()) + ")");
            if (items.size() > elts.size())
                w_.raise(w_.types.ValueError, "too many values to unpack (expected " + std::to_string(elts.size()) + ")");
            for (size_t i = 0; i < elts.size(); ++i) assign(*elts[i], items[i], f);
            return;
        }
        size_t after = elts.size() - star - 1;
        if (items.size() < elts.size() - 1)
            w_.raise(w_.types.ValueError, "not enough values to unpack (expected at least " +
                                              std::to_string(elts.size() - 1) + ", got " + std::to_string(items.size()) + ")");
        for (size_t i = 0; i < star; ++i) assign(*elts[i], items[i], f);
        std::vector<Value> middle(items.begin() + star, items.end() - after);
        assign(*elts[star]->as<Starred>().value, w_.list(std::move(middle)), f);
        for (size_t i = 0; i < after; ++i) assign(*elts[star + 1 + i], items[items.size() - after + i], f);
        return;
    }
    default: w_.raise(w_.types.SyntaxError, "cannot assign to expression");
    }
}

void Interpreter::delete_target(const Expr& target, Frame& f) {
    switch (target.kind) {
    case ExprKind::Name: delete_name(target.as<Name>().id, f); return;
    case ExprKind::Attribute: {
        const auto& a = target.as<Attribute>();
        delattr(w_, eval(*a.value, f), a.attr);
        return;
    }
    case ExprKind::Subscript: {
        const auto& sub = target.as<Subscript>();
        Value obj = eval(*sub.value, f);
        del_item(w_, obj, eval(*sub.index, f));
        return;
    }
    case ExprKind::Tuple:
    case ExprKind::List:
        for (const ExprPtr& e : static_cast<const Sequence&>(target).elts) delete_target(*e, f);
        return;
    default: w_.raise(w_.types.SyntaxError, "cannot delete expression");
    }
}

// ---- expressions ------------------------------------------------------------------------

Value Interpreter::eval_sequence(const std::vector<ExprPtr>& elts, Frame& f, bool as_list) {
    std::vector<Value> items;
    items.reserve(elts.size());
    for (const ExprPtr& e : elts) {
        if (e->kind == ExprKind::Starred) {
            std::vector<Value> more = to_vector(w_, eval(*e->as<Starred>().value, f));
            items.insert(items.end(), more.begin(), more.end());
        } else {
            items.push_back(eval(*e, f));
        }
    }
    if (as_list) return w_.list(std::move(items));
    return w_.tuple(std::move(items));
}

// _PyObject_FunctionStr: how CPython names a callable in call errors ("kw()", "Person()").
std::string Interpreter::function_description(const Value& func) {
    if (auto* fn = func.as<FunctionObject>()) return fn->qualname + "()";
    if (auto* m = func.as<MethodObject>()) return function_description(m->function);
    if (auto* b = func.as<BuiltinFunctionObject>()) return b->name + "()";
    if (auto* t = func.as<TypeObject>()) return t->qualname + "()";
    return type_name(w_, func) + " object";
}

Value Interpreter::eval_call(const Call& c, Frame& f) {
    Value func;
    CallArgs args;
    if (c.func->kind == ExprKind::Attribute) { // obj.name(...): CPython's LOAD_METHOD
        const auto& a = c.func->as<Attribute>();
        Value obj = eval(*a.value, f);
        bool unbound = false;
        func = get_method(w_, obj, a.attr, &unbound);
        if (unbound) args.positional.push_back(std::move(obj));
    } else {
        func = eval(*c.func, f);
    }
    for (const ExprPtr& a : c.args) {
        if (a->kind == ExprKind::Starred) {
            Value seq = eval(*a->as<Starred>().value, f);
            if (!seq.as<ListObject>() && !seq.as<TupleObject>() && !seq.as<StrObject>() && !seq.as<DictObject>() &&
                !seq.as<RangeObject>() && !seq.as<IteratorObject>() && !seq.as<MappingProxyObject>() &&
                type_lookup(type_of(w_, seq), "__iter__").empty())
                w_.raise(w_.types.TypeError, function_description(func) + " argument after * must be an iterable, not " +
                                                 type_name(w_, seq));
            std::vector<Value> more = to_vector(w_, seq);
            args.positional.insert(args.positional.end(), more.begin(), more.end());
        } else {
            args.positional.push_back(eval(*a, f));
        }
    }
    for (const Keyword& k : c.keywords) {
        Value v = eval(*k.value, f);
        if (!k.name.empty()) {
            args.keywords.push_back(KwArg{k.name, std::move(v)});
            continue;
        }
        auto* d = v.as<DictObject>();
        if (!d) w_.raise(w_.types.TypeError, function_description(func) + " argument after ** must be a mapping, not " + type_name(w_, v));
        std::vector<std::pair<Value, Value>> entries;
        d->for_each([&](const Value& key, const Value& val) { entries.emplace_back(key, val); });
        for (auto& [key, val] : entries) {
            auto* ks = key.as<StrObject>();
            if (!ks) w_.raise(w_.types.TypeError, "keywords must be strings");
            for (const KwArg& existing : args.keywords)
                if (existing.name == ks->text)
                    w_.raise(w_.types.TypeError, function_description(func) + " got multiple values for keyword argument '" + ks->text + "'");
            args.keywords.push_back(KwArg{ks->text, val});
        }
    }
    return call(w_, func, args);
}

Value Interpreter::eval_fstring(const FString& s, Frame& f) {
    std::string out;
    for (const FStringPart& p : s.parts) {
        if (!p.value) {
            out += p.literal;
            continue;
        }
        Value v = eval(*p.value, f);
        if (p.conversion == 'r' || p.conversion == 'a') v = w_.str(repr(w_, v));
        else if (p.conversion == 's') v = w_.str(str(w_, v));
        std::string spec = p.format_spec;
        if (p.format_spec_expr) spec = str(w_, eval(*p.format_spec_expr, f));
        out += format_value(w_, v, spec);
    }
    return w_.str(std::move(out));
}

Value Interpreter::eval_compare(const Compare& c, Frame& f) {
    Value left = eval(*c.left, f);
    Value result = Value::boolean(true);
    for (const Comparison& cmp : c.ops) {
        Value right = eval(*cmp.right, f);
        switch (cmp.op) {
        case CmpOp::Is: result = Value::boolean(left.is(right)); break;
        case CmpOp::IsNot: result = Value::boolean(!left.is(right)); break;
        case CmpOp::In: result = Value::boolean(contains(w_, right, left)); break;
        case CmpOp::NotIn: result = Value::boolean(!contains(w_, right, left)); break;
        default: result = compare(w_, static_cast<CompareOp>(static_cast<int>(cmp.op)), left, right);
        }
        if (!truthy(w_, result)) return result;
        left = std::move(right);
    }
    return result;
}

Value Interpreter::eval_comprehension(const Comp& c, Frame& f) {
    auto vars = make<FrameObject>(w_.types.frame, &c.scope, Ref<FrameObject>(f.vars), c.scope.locals.size());
    Frame inner;
    inner.scope = &c.scope;
    inner.vars = vars.get();
    inner.globals = f.globals;
    inner.function = nullptr;
    inner.class_cell = f.class_cell;
    inner.qualname_prefix = f.prefix_for_defs();
    inner.caller = &f;
    Value first_iter = eval(*c.generators[0].iter, f); // evaluated in the enclosing scope
    Restore<Frame*> restore(current_, &inner);
    std::vector<Value> items;
    auto result_dict = c.kind == ExprKind::DictComp ? w_.dict() : Ref<DictObject>();
    std::function<void(size_t, const Value&)> loop = [&](size_t level, const Value& iterable) {
        const CompFor& gen = c.generators[level];
        Value it = iter(w_, iterable);
        for (Value v = next(w_, it); !v.empty(); v = next(w_, it)) {
            count_step();
            assign(*gen.target, v, inner);
            bool keep = true;
            for (const ExprPtr& cond : gen.ifs)
                if (!(keep = truthy(w_, eval(*cond, inner)))) break;
            if (!keep) continue;
            if (level + 1 < c.generators.size()) {
                loop(level + 1, eval(*c.generators[level + 1].iter, inner));
            } else if (result_dict) {
                Value k = eval(*c.key, inner);
                result_dict->set(k, hash(w_, k), eval(*c.value, inner));
            } else {
                items.push_back(eval(*c.elt, inner));
                if ((items.size() & 0xffff) == 0) w_.check_allocation(items.size(), sizeof(Value));
            }
        }
    };
    loop(0, first_iter);
    if (result_dict) return result_dict;
    if (c.kind == ExprKind::GeneratorExp) return iter(w_, w_.list(std::move(items)));
    return w_.list(std::move(items));
}

static int64_t clamp_index(int64_t i, int64_t n, int64_t step) {
    if (i < 0) {
        i += n;
        if (i < 0) i = step < 0 ? -1 : 0;
    } else if (i >= n) {
        i = step < 0 ? n - 1 : n;
    }
    return i;
}

Value Interpreter::eval_subscript(const Subscript& s, Frame& f) {
    Value obj = eval(*s.value, f);
    if (s.index->kind != ExprKind::Slice) return get_item(w_, obj, eval(*s.index, f));
    const auto& sl = s.index->as<Slice>();
    auto bound = [&](const ExprPtr& e) -> std::optional<int64_t> {
        if (!e) return std::nullopt;
        Value v = eval(*e, f);
        if (v.is_none()) return std::nullopt;
        if (!v.is_int() && !v.is_bool())
            w_.raise(w_.types.TypeError, "slice indices must be integers or None or have an __index__ method");
        return v.as_int();
    };
    auto lower = bound(sl.lower), upper = bound(sl.upper), step_opt = bound(sl.step);
    int64_t step = step_opt.value_or(1);
    if (step == 0) w_.raise(w_.types.ValueError, "slice step cannot be zero");
    std::vector<Value> items;
    auto* str_obj = obj.as<StrObject>();
    if (str_obj) {
        items = to_vector(w_, obj);
    } else if (obj.as<ListObject>() || obj.as<TupleObject>()) {
        items = to_vector(w_, obj);
    } else {
        w_.raise(w_.types.TypeError, "'" + type_name(w_, obj) + "' object is not subscriptable");
    }
    int64_t n = items.size();
    int64_t start = lower ? clamp_index(*lower, n, step) : (step < 0 ? n - 1 : 0);
    int64_t stop = upper ? clamp_index(*upper, n, step) : (step < 0 ? -1 : n);
    std::vector<Value> out;
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) out.push_back(items[i]);
    if (str_obj) {
        std::string text;
        for (const Value& c : out) text += c.as<StrObject>()->text;
        return w_.str(std::move(text));
    }
    if (obj.as<ListObject>()) return w_.list(std::move(out));
    return w_.tuple(std::move(out));
}

Value Interpreter::eval(const Expr& e, Frame& f) {
    switch (e.kind) {
    case ExprKind::Name: return load_name(e.as<Name>(), f);
    case ExprKind::Constant:
        switch (e.as<Constant>().value) {
        case ConstantKind::None: return Value::none();
        case ConstantKind::True: return Value::boolean(true);
        case ConstantKind::False: return Value::boolean(false);
        case ConstantKind::Ellipsis: return *w_.builtins->find_str("Ellipsis");
        }
        return Value::none();
    case ExprKind::Int: {
        const auto& i = e.as<Int>();
        if (i.too_big) w_.raise(w_.types.OverflowError, "integer literal too large for Dunderscope's 64-bit int");
        return Value::integer(i.value);
    }
    case ExprKind::Float: return Value::real(e.as<Float>().value);
    case ExprKind::Str: return w_.str(e.as<Str>().value);
    case ExprKind::FString: return eval_fstring(e.as<FString>(), f);
    case ExprKind::List: return eval_sequence(static_cast<const Sequence&>(e).elts, f, true);
    case ExprKind::Tuple: return eval_sequence(static_cast<const Sequence&>(e).elts, f, false);
    case ExprKind::Dict: {
        auto d = w_.dict();
        for (const DictItem& item : e.as<Dict>().items) {
            if (!item.key) {
                Value m = eval(*item.value, f);
                auto* src = m.as<DictObject>();
                if (!src) w_.raise(w_.types.TypeError, "'" + type_name(w_, m) + "' object is not a mapping");
                src->for_each([&](const Value& k, const Value& v) { d->set(k, v); });
                continue;
            }
            Value k = eval(*item.key, f);
            Value v = eval(*item.value, f);
            d->set(k, hash(w_, k), v);
        }
        return d;
    }
    case ExprKind::Attribute: {
        const auto& a = e.as<Attribute>();
        return getattr(w_, eval(*a.value, f), a.attr);
    }
    case ExprKind::Subscript: return eval_subscript(e.as<Subscript>(), f);
    case ExprKind::Slice: w_.raise(w_.types.SyntaxError, "slices are only supported in subscripts");
    case ExprKind::Call: return eval_call(e.as<Call>(), f);
    case ExprKind::Lambda: return make_closure(e.as<Lambda>().func, f);
    case ExprKind::Unary: {
        const auto& u = e.as<Unary>();
        Value v = eval(*u.operand, f);
        switch (u.op) {
        case UnaryOp::Neg: return negate(w_, v);
        case UnaryOp::Pos: return positive(w_, v);
        case UnaryOp::Not: return Value::boolean(!truthy(w_, v));
        case UnaryOp::Invert: return invert(w_, v);
        }
        return v;
    }
    case ExprKind::Binary: {
        const auto& b = e.as<Binary>();
        Value l = eval(*b.left, f);
        Value r = eval(*b.right, f);
        return binary_op(w_, to_binary(b.op), l, r);
    }
    case ExprKind::Compare: return eval_compare(e.as<Compare>(), f);
    case ExprKind::BoolOp: {
        const auto& b = e.as<BoolOp>();
        Value v;
        for (const ExprPtr& operand : b.values) {
            v = eval(*operand, f);
            bool t = truthy(w_, v);
            if (b.op == BoolOpKind::And ? !t : t) return v;
        }
        return v;
    }
    case ExprKind::IfExp: {
        const auto& i = e.as<IfExp>();
        return truthy(w_, eval(*i.test, f)) ? eval(*i.body, f) : eval(*i.orelse, f);
    }
    case ExprKind::Starred: w_.raise(w_.types.SyntaxError, "can't use starred expression here");
    case ExprKind::ListComp:
    case ExprKind::DictComp:
    case ExprKind::GeneratorExp: return eval_comprehension(static_cast<const Comp&>(e), f);
    }
    return Value::none();
}

} // namespace ds
