// The syntax tree of Dunderscope's Python subset, produced by parser.h and walked by the evaluator.
//
// Shape: one base struct per category (Expr, Stmt) carrying `kind`, `pos` and `end`; one subclass
// per kind (static_cast by kind, or use the `as<T>()` helper). Children are owned by unique_ptr;
// functions (def and lambda) are held by shared_ptr because function objects outlive the
// statement that defined them.
//
// Positions are 1-based; `col` counts code points inside the code string given to the parser;
// `end` is exclusive (the position just after the node), as CPython's end_lineno/end_col_offset+1.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace ds::ast {

struct Pos {
    int line = 1;
    int col = 1;
};

struct Expr;
struct Stmt;
struct FunctionDef;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using FunctionPtr = std::shared_ptr<FunctionDef>;
using StmtList = std::vector<StmtPtr>;

// ---------------------------------------------------------------------------------------------
// Expressions

enum class ExprKind {
    Name,
    Constant, // None True False Ellipsis
    Int,
    Float,
    Str,
    FString,
    List,
    Tuple,
    Dict,
    Attribute,
    Subscript,
    Slice,
    Call,
    Lambda,
    Unary,
    Binary,
    Compare,
    BoolOp,
    IfExp,
    Starred, // *x in calls, displays, targets
    ListComp,
    DictComp,
    GeneratorExp,
};

enum class ConstantKind { None, True, False, Ellipsis };
enum class UnaryOp { Neg, Pos, Not, Invert };
enum class BinOp { Add, Sub, Mul, Div, FloorDiv, Mod, Pow, BitAnd, BitOr, BitXor, LShift, RShift };
enum class CmpOp { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };
enum class BoolOpKind { And, Or };

struct Expr {
    ExprKind kind;
    Pos pos;
    Pos end;
    explicit Expr(ExprKind k) : kind(k) {}
    virtual ~Expr() = default;
    Expr(const Expr&) = delete;
    Expr& operator=(const Expr&) = delete;
    template <class T> T& as() { return static_cast<T&>(*this); }
    template <class T> const T& as() const { return static_cast<const T&>(*this); }
};

struct Name : Expr {
    std::string id; // already mangled (_Class__x) when the parser was given a class name
    Name() : Expr(ExprKind::Name) {}

    // Where the interpreter finds the name, worked out on first use (a Name always runs in
    // the same scope): a local variable's index, or one of the values below.
    static constexpr int kUnresolved = -3, kGlobal = -2, kOther = -1;
    mutable int resolved = kUnresolved;
    mutable size_t hash = 0; // str_hash(id), with resolved
};

struct Constant : Expr {
    ConstantKind value = ConstantKind::None;
    Constant() : Expr(ExprKind::Constant) {}
};

struct Int : Expr {
    int64_t value = 0;
    bool too_big = false; // literal beyond int64 (value then meaningless): the evaluator raises
                          // OverflowError. -9223372036854775808 is folded into one Int.
    Int() : Expr(ExprKind::Int) {}
};

struct Float : Expr {
    double value = 0.0;
    Float() : Expr(ExprKind::Float) {}
};

struct Str : Expr {
    std::string value; // decoded UTF-8 text (may contain NUL characters)
    Str() : Expr(ExprKind::Str) {}
};

// One piece of an f-string: either literal text (value == nullptr) or a replacement field.
struct FStringPart {
    std::string literal;      // literal text (when value is null)
    ExprPtr value;            // the expression of a replacement field
    char conversion = 0;      // 'r', 's', 'a' or 0
    std::string format_spec;  // literal format spec ("" when none)
    ExprPtr format_spec_expr; // an FString when the spec has nested fields ({x:{w}}), else null
    Pos pos;                  // of the literal text or of the expression
};

// f-strings (and any concatenation of literals that contains one). `{x=}` is expanded by the
// parser into the literal "x=" followed by the field (with conversion 'r' unless a conversion
// or a format spec is given), as CPython does. Adjacent literal parts are merged.
struct FString : Expr {
    std::vector<FStringPart> parts;
    FString() : Expr(ExprKind::FString) {}
};

// List and Tuple share one struct (kind tells them apart).
struct Sequence : Expr {
    std::vector<ExprPtr> elts; // may contain Starred
    bool parenthesized = true; // Tuple only: false for `a, b` without parentheses
    explicit Sequence(ExprKind k) : Expr(k) {}
};
using List = Sequence;
using Tuple = Sequence;

struct DictItem {
    ExprPtr key; // null: **value (mapping unpacking)
    ExprPtr value;
};

struct Dict : Expr {
    std::vector<DictItem> items;
    Dict() : Expr(ExprKind::Dict) {}
};

struct Attribute : Expr {
    ExprPtr value;
    std::string attr; // mangled like names
    Attribute() : Expr(ExprKind::Attribute) {}
};

struct Subscript : Expr {
    ExprPtr value;
    ExprPtr index; // a Slice, a Tuple (a[1:2, 3]) or any expression
    Subscript() : Expr(ExprKind::Subscript) {}
};

// Only ever appears as Subscript::index or as an element of a Tuple that is one.
struct Slice : Expr {
    ExprPtr lower, upper, step; // each may be null
    Slice() : Expr(ExprKind::Slice) {}
};

struct Keyword {
    std::string name; // empty: **value
    ExprPtr value;
    Pos pos;
};

struct Call : Expr {
    ExprPtr func;
    std::vector<ExprPtr> args; // Starred marks *args
    std::vector<Keyword> keywords;
    Call() : Expr(ExprKind::Call) {}
};

struct Lambda : Expr {
    FunctionPtr func; // name "<lambda>", body = one Return of the expression
    Lambda() : Expr(ExprKind::Lambda) {}
};

struct Unary : Expr {
    UnaryOp op = UnaryOp::Neg;
    ExprPtr operand;
    Unary() : Expr(ExprKind::Unary) {}
};

struct Binary : Expr {
    BinOp op = BinOp::Add;
    ExprPtr left, right;
    Binary() : Expr(ExprKind::Binary) {}
};

struct Comparison {
    CmpOp op = CmpOp::Eq;
    ExprPtr right;
};

// left op1 r1 op2 r2 ... (chained: a < b < c has two comparisons)
struct Compare : Expr {
    ExprPtr left;
    std::vector<Comparison> ops;
    Compare() : Expr(ExprKind::Compare) {}
};

struct BoolOp : Expr {
    BoolOpKind op = BoolOpKind::And;
    std::vector<ExprPtr> values; // at least two
    BoolOp() : Expr(ExprKind::BoolOp) {}
};

struct IfExp : Expr {
    ExprPtr test, body, orelse;
    IfExp() : Expr(ExprKind::IfExp) {}
};

struct Starred : Expr {
    ExprPtr value;
    Starred() : Expr(ExprKind::Starred) {}
};

// Scope information, computed by the parser as CPython's symtable does.
struct ScopeInfo {
    // Names bound in this scope (assignment, augassign, for and comprehension targets, except-as
    // names, nested def names, del targets, import names), minus names declared global or
    // nonlocal, in the order of CPython's locals(): the parameters first (positional ones, then
    // keyword-only, *args, **kwargs, as co_varnames), then the other locals in order of first
    // reference during compilation (co_varnames), then the other cell variables, sorted.
    std::vector<std::string> locals;
    std::vector<std::string> cellvars; // locals that a nested scope captures, sorted
    std::vector<std::string> freevars; // names taken from enclosing function scopes (including
                                       // nonlocal ones and names only passed through), sorted;
                                       // never `__class__` (see uses_class_cell)
    std::vector<std::string> globals_declared, nonlocals_declared; // in declaration order
    bool has_nested_scopes = false; // contains a def/lambda/comprehension
    // The scope (or a nested one) uses `super` or `__class__`: when the function is defined in a
    // class, CPython gives it the implicit __class__ cell that zero-argument super() needs.
    bool uses_class_cell = false;
};

struct CompFor {
    ExprPtr target;
    ExprPtr iter;
    std::vector<ExprPtr> ifs;
};

// ListComp and GeneratorExp use `elt`; DictComp uses `key` and `value`.
// As in CPython 3.11 a comprehension is its own scope: the iterable of the first clause is
// evaluated in the enclosing scope, everything else in the comprehension's scope.
struct Comp : Expr {
    ExprPtr elt;
    ExprPtr key, value;
    std::vector<CompFor> generators;
    ScopeInfo scope;
    explicit Comp(ExprKind k) : Expr(k) {}
};
using ListComp = Comp;
using DictComp = Comp;
using GeneratorExp = Comp;

// ---------------------------------------------------------------------------------------------
// Statements

enum class StmtKind {
    Expr,
    Assign, // targets (a = b = v), value
    AugAssign,
    Delete,
    Return,
    Pass,
    Break,
    Continue,
    If,
    While,
    For,
    Raise, // exc?, cause?
    Try,   // body, handlers{type?, name, body, pos}, orelse, finalbody
    Assert,
    FunctionDef,
    Global,
    Nonlocal,
    Import, // import a, b / from a import b, c: names only; the evaluator decides what exists
};

struct Stmt {
    StmtKind kind;
    Pos pos;
    Pos end;
    explicit Stmt(StmtKind k) : kind(k) {}
    virtual ~Stmt() = default;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    template <class T> T& as() { return static_cast<T&>(*this); }
    template <class T> const T& as() const { return static_cast<const T&>(*this); }
};

// Pass, Break and Continue are plain Stmt objects.

struct ExprStmt : Stmt {
    ExprPtr value;
    ExprStmt() : Stmt(StmtKind::Expr) {}
};

// Targets are Name, Attribute, Subscript, Tuple/List of targets, Starred (inside Tuple/List).
struct Assign : Stmt {
    std::vector<ExprPtr> targets; // a = b = v: [a, b], assigned left to right
    ExprPtr value;
    Assign() : Stmt(StmtKind::Assign) {}
};

struct AugAssign : Stmt {
    ExprPtr target; // Name, Attribute or Subscript
    BinOp op = BinOp::Add;
    ExprPtr value;
    AugAssign() : Stmt(StmtKind::AugAssign) {}
};

struct Delete : Stmt {
    std::vector<ExprPtr> targets; // Name, Attribute, Subscript, Tuple/List of those
    Delete() : Stmt(StmtKind::Delete) {}
};

struct Return : Stmt {
    ExprPtr value; // may be null
    Return() : Stmt(StmtKind::Return) {}
};

// If and While; `elif` is an If nested alone in orelse, as in CPython.
struct If : Stmt {
    ExprPtr test;
    StmtList body, orelse;
    If() : Stmt(StmtKind::If) {}
};

struct While : Stmt {
    ExprPtr test;
    StmtList body, orelse; // while ... else
    While() : Stmt(StmtKind::While) {}
};

struct For : Stmt {
    ExprPtr target, iter;
    StmtList body, orelse;
    For() : Stmt(StmtKind::For) {}
};

struct Raise : Stmt {
    ExprPtr exc;   // may be null (bare raise)
    ExprPtr cause; // raise exc from cause; may be null
    Raise() : Stmt(StmtKind::Raise) {}
};

struct ExceptHandler {
    ExprPtr type;     // may be null (bare except)
    std::string name; // `as` name, or empty (CPython deletes it when the handler ends)
    StmtList body;
    Pos pos;
};

struct Try : Stmt {
    StmtList body;
    std::vector<ExceptHandler> handlers;
    StmtList orelse;
    StmtList finalbody;
    Try() : Stmt(StmtKind::Try) {}
};

struct Assert : Stmt {
    ExprPtr test, msg; // msg may be null
    Assert() : Stmt(StmtKind::Assert) {}
};

struct Param {
    std::string name;
    ExprPtr default_value; // may be null
    ExprPtr annotation;    // may be null; kept, the evaluator may ignore it
    Pos pos;
};

struct Params {
    std::vector<Param> positional; // the first posonly_count are positional-only (before `/`)
    std::size_t posonly_count = 0;
    std::string varargs; // *args name or empty
    std::vector<Param> kwonly;
    std::string varkw; // **kwargs name or empty
    ExprPtr varargs_annotation, varkw_annotation;
    Pos varargs_pos, varkw_pos;
};

struct FunctionDef : ScopeInfo {
    std::string name;       // as written after `def` (not mangled), "<lambda>" for lambdas
    std::string local_name; // the variable a def statement binds: `name`, mangled inside a
                            // class (def __f in a method binds _C__f); empty for lambdas
    Params params;
    StmtList body;
    ExprPtr returns; // `-> annotation`, may be null
    Pos pos;         // of `def` / `lambda`
    Pos end;
    bool is_lambda = false;
};

struct Def : Stmt {
    FunctionPtr func;
    Def() : Stmt(StmtKind::FunctionDef) {}
};

// Global and Nonlocal.
struct NameList : Stmt {
    std::vector<std::string> names;
    explicit NameList(StmtKind k) : Stmt(k) {}
};
using Global = NameList;
using Nonlocal = NameList;

struct Alias {
    std::string name;   // dotted for `import a.b`
    std::string asname; // empty when no `as`
    Pos pos;
};

// `import a.b as c, d` (is_from false, module empty) or `from ..m import x as y, z`
// (is_from true, module "m", level 2). `from m import *` has one alias named "*".
struct Import : Stmt {
    bool is_from = false;
    std::string module;
    int level = 0;
    std::vector<Alias> names;
    Import() : Stmt(StmtKind::Import) {}
};

// ---------------------------------------------------------------------------------------------
// Debugging / tests: a compact one-line dump, e.g. `(Assign [(Name x)] (Int 1))`.

std::string dump(const Expr& e);
std::string dump(const Stmt& s);
std::string dump(const StmtList& body);
std::string dump(const FunctionDef& f);
const char* name_of(ExprKind k);
const char* name_of(StmtKind k);
const char* name_of(BinOp op);   // "Add" ...
const char* symbol_of(BinOp op); // "+" ...
const char* name_of(CmpOp op);
const char* symbol_of(CmpOp op); // "==", "is not", "not in" ...
const char* name_of(UnaryOp op);

} // namespace ds::ast

namespace ds {

// Thrown by the lexer and the parser. `message` is CPython 3.11's e.msg; `kind` is the exception
// class CPython would raise: "SyntaxError", "IndentationError" or "TabError".
struct SyntaxError : std::exception {
    std::string kind = "SyntaxError";
    std::string message;
    ast::Pos pos;
    ast::Pos end; // line 0 when unknown
    SyntaxError() = default;
    SyntaxError(std::string msg, ast::Pos p, std::string k = "SyntaxError")
        : kind(std::move(k)), message(std::move(msg)), pos(p), end{0, 0} {}
    const char* what() const noexcept override { return message.c_str(); }
};

} // namespace ds
