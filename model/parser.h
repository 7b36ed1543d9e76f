// Recursive-descent parser for Dunderscope's Python subset (see the spec's "Code: the Python
// subset"). It follows CPython 3.11's grammar (Grammar/python.gram) and reproduces its
// SyntaxError messages and positions (e.msg, e.lineno, e.offset of compile(src, ..., 'exec')),
// including pegen's second pass of "invalid_" rules and the tokenizer errors that take
// precedence over parser errors; it also runs CPython's compile-time checks (future.c,
// symtable.c and compiler errors such as "'return' outside function") and computes each
// function's scope information (ast::ScopeInfo).
//
// All entry points throw ds::SyntaxError (see ast.h), nothing else. They never crash and never
// recurse without bound: nesting deeper than kMaxNestingDepth is a SyntaxError.
//
// `class_name`: when the code belongs to a class (its attrs' code), private names are mangled
// as CPython does: `__x` becomes `_Class__x` in names, attributes, parameters, global/nonlocal
// and except-as names and the variable a nested def binds (not in keyword argument names, as in
// CPython; import names are not mangled, a small deviation).
//
// Not supported (SyntaxError "... not supported in model code", although CPython accepts
// them): class, with, async/await, yield, decorators, match, assignment expressions (:=),
// annotated assignments (x: int = 1), the @ operator, set displays and set comprehensions,
// bytes literals, complex literals, \N{...} escapes, lone surrogates in strings, except*. That
// error is only reported when the code is otherwise valid: CPython's own errors come first.
// Identifiers are not NFKC-normalised.
#pragma once

#include "ast.h"

#include <string_view>

namespace ds {

// Maximum nesting of expressions (CPython fails around 3000 with RecursionError/MemoryError).
constexpr int kMaxNestingDepth = 1000;

// A script statement, possibly compound, or several lines (CPython's "exec" mode). Statements
// run at module level: `return` is "'return' outside function", etc.
std::vector<ast::StmtPtr> parse_statements(std::string_view code, std::string_view class_name = {});

// One expression (a tuple without parentheses is allowed: `1, 2`; CPython's "eval" grammar).
// Leading and trailing whitespace and newlines are allowed and indentation is ignored; error
// positions follow the "exec" conventions (as when the expression is a statement's value).
ast::ExprPtr parse_expression(std::string_view code, std::string_view class_name = {});

// Exactly one `def`, possibly preceded or followed by blank and comment lines.
std::shared_ptr<ast::FunctionDef> parse_function(std::string_view code,
                                                 std::string_view class_name = {});

// CPython's _Py_Mangle: "__x" in class "Person" is "_Person__x"; dunder names, names without
// the leading "__" and names in a class whose name is all underscores are unchanged.
std::string mangle(std::string_view class_name, std::string_view name);

} // namespace ds
