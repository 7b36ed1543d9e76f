#include "session.h"

#include "interpreter.h"
#include "operations.h"
#include "parser.h"

#include <pthread.h>

#include <exception>

namespace ds {

Session::Session(ModelSpec spec) : spec_(std::move(spec)), world_(std::make_unique<World>()) {}

Session::~Session() = default;

// The second half of loading, shared by text and files: build the World from a parsed spec.
LoadResult build_session(ParsedModel parsed, const Limits& limits) {
    LoadResult out;
    if (!parsed.ok()) {
        out.errors = std::move(parsed.errors);
        out.error_type = "ModelError";
        out.error_message = out.errors.front().format();
        return out;
    }
    auto session = std::make_unique<Session>(std::move(parsed.spec));
    session->world().set_limits(limits);
    BuildResult built = build_world(session->world(), session->spec());
    out.output = std::move(session->world().output);
    session->world().output.clear();
    if (!built.ok()) {
        out.errors = std::move(built.errors);
        if (!built.exception_type.empty()) {
            out.error_type = built.exception_type;
            out.error_message = built.exception_message;
        } else {
            out.error_type = "ModelError";
            out.error_message = out.errors.front().format();
        }
        return out;
    }
    session->script_ = std::move(built.script);
    out.session = std::move(session);
    return out;
}

LoadResult load_model(std::string_view text, const std::string& file, const Limits& limits) {
    return build_session(parse_model(text, file), limits);
}

LoadResult load_model_file(const std::string& path) {
    return build_session(read_model_file(path), Limits{});
}

StatementResult Session::run(std::string_view code, bool trace, bool interactive) {
    std::shared_ptr<ast::StmtList> stmts;
    try {
        stmts = std::make_shared<ast::StmtList>(parse_statements(code));
    } catch (SyntaxError& e) {
        StatementResult r;
        r.statement = std::string(code);
        r.ok = false;
        r.error_type = e.kind;
        r.error_message = e.message;
        return r;
    }
    world_->keep(stmts);
    return execute(std::string(code), *stmts, trace, interactive);
}

StatementResult Session::run_script_step(size_t index, bool trace, bool interactive) {
    return execute(spec_.script.at(index).text, *script_.at(index), trace, interactive);
}

StatementResult Session::execute(const std::string& text, const ast::StmtList& code, bool trace, bool interactive) {
    World& w = *world_;
    StatementResult r;
    w.interactive = interactive;
    r.statement = text;
    Tracer tracer;
    w.tracer = trace ? &tracer : nullptr;
    w.output.clear();
    w.steps = 0;
    w.call_depth = 0;
    try {
        Value v = w.interpreter().run_module(code);
        if (!v.empty() && !v.is_none()) r.repr = repr(w, v);
    } catch (PyError& e) {
        r.ok = false;
        r.error_type = type_name(w, e.exc);
        try {
            r.error_message = str(w, e.exc);
        } catch (PyError&) {
            r.error_message = "<exception str() failed>";
        } catch (BudgetExceeded&) {
            r.error_message = "<exception str() failed>";
        }
    } catch (BudgetExceeded&) {
        r.ok = false;
        r.error_type = "BudgetExceeded";
        r.error_message = "statement stopped after " + std::to_string(w.step_limit) +
                          " steps (the instruction budget): is there a loop that never ends?";
    } catch (std::bad_alloc&) {
        r.ok = false;
        r.error_type = "MemoryError";
        r.error_message = "";
    }
    std::string raised = r.error_type + ": " + r.error_message;
    bool traced = !tracer.events.empty() && tracer.events.back().kind == EventKind::Exception &&
                  tracer.events.back().message == raised;
    if (trace && !r.ok && !traced) { // the statement's own exception closes the trace
        tracer.depth = 0;
        tracer.add(Event{.kind = EventKind::Exception, .message = raised});
    }
    w.tracer = nullptr;
    w.interactive = false;
    r.output = std::move(w.output);
    w.output.clear();
    r.trace = std::move(tracer.events);
    return r;
}

void run_with_large_stack(const std::function<void()>& work) {
    struct Job {
        const std::function<void()>* work;
        std::exception_ptr error;
    } job{&work, nullptr};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, size_t(1) << 30); // 1 GiB of address space, touched as needed
    pthread_t thread;
    auto body = [](void* p) -> void* {
        auto* j = static_cast<Job*>(p);
        try {
            (*j->work)();
        } catch (...) {
            j->error = std::current_exception();
        }
        return nullptr;
    };
    if (pthread_create(&thread, &attr, body, &job) != 0) {
        pthread_attr_destroy(&attr);
        work(); // no thread: run here
        return;
    }
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    if (job.error) std::rethrow_exception(job.error);
}

} // namespace ds
