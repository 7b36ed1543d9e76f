// The evaluator: walks the syntax tree of model code (Crafting Interpreters' jlox style) on
// the World's objects. Every attribute access goes through attribute.h, so it is traced.
#pragma once

#include "ast.h"
#include "world.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace ds {

class Interpreter {
  public:
    explicit Interpreter(World& w);

    // Runs statements at module level (in w.globals). When `code` is one expression statement,
    // returns its value; otherwise Empty.
    Value run_module(const ast::StmtList& code);

    // Evaluates an expression at module level, or in a class body when `class_namespace` is
    // given (names are looked up there first, as in a class statement).
    Value eval_expression(const ast::Expr& e, DictObject* class_namespace = nullptr,
                          const Ref<CellObject>& class_cell = {}, const std::string& class_name = "");

    // A function object for a `def` at module level or in a class body.
    Ref<FunctionObject> make_function(const std::shared_ptr<ast::FunctionDef>& def, const std::string& name,
                                      const std::string& qualname, const Ref<CellObject>& class_cell);

    Value call_function(FunctionObject* f, CallArgs& args);

    // vars() with no argument: the running scope's variables (the module namespace itself at
    // module level, a new dict in a function).
    Value locals();

    // super() with no arguments, from the innermost running function.
    Value zero_argument_super();

  private:
    struct Frame;
    enum class Flow { Normal, Return, Break, Continue };

    Flow exec_block(const ast::StmtList& body, Frame& f);
    Flow exec(const ast::Stmt& s, Frame& f);
    Flow exec_try(const ast::Try& t, Frame& f);
    Flow exec_for(const ast::For& s, Frame& f);
    void exec_import(const ast::Import& s, Frame& f);
    Value eval(const ast::Expr& e, Frame& f);
    Value eval_call(const ast::Call& c, Frame& f);
    std::string function_description(const Value& func);
    Value eval_fstring(const ast::FString& s, Frame& f);
    Value eval_compare(const ast::Compare& c, Frame& f);
    Value eval_comprehension(const ast::Comp& c, Frame& f);
    Value eval_subscript(const ast::Subscript& s, Frame& f);
    Value eval_sequence(const std::vector<ast::ExprPtr>& elts, Frame& f, bool as_list);
    Value make_closure(const std::shared_ptr<ast::FunctionDef>& def, Frame& f);

    void assign(const ast::Expr& target, const Value& value, Frame& f);
    void delete_target(const ast::Expr& target, Frame& f);
    Value load_name(const std::string& id, Frame& f);
    void store_name(const std::string& id, const Value& v, Frame& f);
    Value load_name(const ast::Name& n, Frame& f); // the fast paths
    void store_name(const ast::Name& n, const Value& v, Frame& f);
    int resolve(const ast::Name& n, const Frame& f);
    void delete_name(const std::string& id, Frame& f);
    Value* free_variable(const std::string& id, Frame& f);
    int local_index(const ast::ScopeInfo* scope, const std::string& id);

    void bind_arguments(FunctionObject* fn, CallArgs& args, std::vector<Value>& locals);
    Ref<FrameObject> new_frame(const ast::ScopeInfo* scope, const Ref<FrameObject>& parent, size_t nlocals);
    void recycle_frame(Ref<FrameObject> frame);
    [[noreturn]] void raise_exception(const Value& exc_or_type, const Value& cause, bool has_cause);
    Value make_exception(const Value& exc_or_type);
    void count_step();

    World& w_;
    Frame* current_ = nullptr;
    std::vector<Value> handled_; // exceptions being handled (for bare `raise`)
    std::unordered_map<const ast::ScopeInfo*, std::unordered_map<std::string, int>> slots_;
    std::vector<Ref<FrameObject>> spare_frames_; // finished calls' frames, for reuse
};

} // namespace ds
