// A loaded model and the statements run on it: the one entry point the CLI and the window use.
#pragma once

#include "builder.h"
#include "events.h"
#include "loader.h"
#include "world.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ds {

struct StatementResult {
    std::string statement;
    bool ok = true;
    std::optional<std::string> repr; // an expression's value; nullopt for None and for statements
    std::string error_type, error_message;
    std::string output;       // what print() wrote
    std::vector<Event> trace; // when tracing
};

struct LoadResult;

class Session {
  public:
    Session(ModelSpec spec);
    ~Session();

    World& world() { return *world_; }
    const ModelSpec& spec() const { return spec_; }
    size_t script_size() const { return script_.size(); }

    // Runs one statement given as text (console, command line): a statement that does not
    // parse is that statement's SyntaxError. `interactive`: as the REPL, expression statements
    // inside a larger statement print their values into the output.
    StatementResult run(std::string_view code, bool trace = false, bool interactive = false);
    // Runs entry `index` of the model's script (parsed at load).
    StatementResult run_script_step(size_t index, bool trace = false, bool interactive = false);

  private:
    friend LoadResult build_session(ParsedModel parsed, const Limits& limits);
    StatementResult execute(const std::string& text, const ast::StmtList& code, bool trace, bool interactive);

    ModelSpec spec_;
    std::unique_ptr<World> world_;
    std::vector<std::shared_ptr<ast::StmtList>> script_;
};

struct LoadResult {
    std::unique_ptr<Session> session; // null when the model does not load
    std::vector<ModelError> errors;
    // For `eval --json`: CPython's exception type and message for a Python error while
    // building, or "ModelError" and the first error's text for a file that breaks the format.
    std::string error_type, error_message;
    std::string output; // what print() wrote while the model was built
    bool ok() const { return session != nullptr; }
};

// `limits`: the World's run-time limits, also while the model is built (the spec's by default).
LoadResult load_model(std::string_view text, const std::string& file, const Limits& limits = {});
LoadResult load_model_file(const std::string& path);

// Runs `work` on a thread with a large stack (deep Python recursion and deep descriptor chains
// must end in RecursionError, never in a C++ stack overflow) and waits for it.
void run_with_large_stack(const std::function<void()>& work);

} // namespace ds
