// Recursive-descent parser for Dunderscope's Python subset; see parser.h.
//
// Error reporting follows CPython 3.11's pegen: a first pass parses the valid grammar; when it
// fails, the failing top-level statement is parsed again with the "invalid_" rules of
// Grammar/python.gram switched on (diag_), which raise the specialised messages. When none
// applies, the error is "invalid syntax" at the furthest token the first pass looked at.
// A tokenizer error found later in the input may replace a parser error (see lexer.h).
#include "parser.h"

#include "lexer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace ds {

std::string mangle(std::string_view cls, std::string_view name) {
    if (cls.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_')
        return std::string(name);
    if (name.substr(name.size() - 2) == "__" || name.find('.') != std::string_view::npos)
        return std::string(name);
    const std::size_t k = cls.find_first_not_of('_');
    if (k == std::string_view::npos) return std::string(name);
    std::string r = "_";
    r += cls.substr(k);
    r += name;
    return r;
}

namespace {

using namespace ast;
using lex::Tok;
using lex::Token;

// A parser error. `specific` errors come from invalid_ rules or actions; a generic one means
// "invalid syntax" at the furthest token (computed by the caller).
struct ParseFail {
    SyntaxError err;
    bool specific = false;
    bool final = false; // not replaced by a later tokenizer error
};

// The diagnostic pass ran out of budget: report the first pass's generic error.
struct DiagAbort {};

constexpr long kDiagBudget = 2'000'000;

const char* unsupported_suffix = " not supported in model code";

bool starts_expression(Tok t) {
    switch (t) {
    case Tok::Name:
    case Tok::Number:
    case Tok::String:
    case Tok::LPar:
    case Tok::LSqb:
    case Tok::LBrace:
    case Tok::Minus:
    case Tok::Plus:
    case Tok::Tilde:
    case Tok::KwNot:
    case Tok::KwLambda:
    case Tok::KwTrue:
    case Tok::KwFalse:
    case Tok::KwNone:
    case Tok::Ellipsis:
    case Tok::KwAwait:
        return true;
    default:
        return false;
    }
}

std::optional<BinOp> augassign_op(Tok t) {
    switch (t) {
    case Tok::PlusEqual:
        return BinOp::Add;
    case Tok::MinEqual:
        return BinOp::Sub;
    case Tok::StarEqual:
        return BinOp::Mul;
    case Tok::SlashEqual:
        return BinOp::Div;
    case Tok::DoubleSlashEqual:
        return BinOp::FloorDiv;
    case Tok::PercentEqual:
        return BinOp::Mod;
    case Tok::DoubleStarEqual:
        return BinOp::Pow;
    case Tok::AmperEqual:
        return BinOp::BitAnd;
    case Tok::VBarEqual:
        return BinOp::BitOr;
    case Tok::CircumflexEqual:
        return BinOp::BitXor;
    case Tok::LeftShiftEqual:
        return BinOp::LShift;
    case Tok::RightShiftEqual:
        return BinOp::RShift;
    default:
        return std::nullopt;
    }
}

bool is_augassign(Tok t) {
    return augassign_op(t).has_value() || t == Tok::AtEqual;
}

// CPython's _PyPegen_get_expr_name.
const char* expr_name(const Expr& e) {
    switch (e.kind) {
    case ExprKind::Attribute:
        return "attribute";
    case ExprKind::Subscript:
        return "subscript";
    case ExprKind::Starred:
        return "starred";
    case ExprKind::Name:
        return "name";
    case ExprKind::List:
        return "list";
    case ExprKind::Tuple:
        return "tuple";
    case ExprKind::Lambda:
        return "lambda";
    case ExprKind::Call:
        return "function call";
    case ExprKind::BoolOp:
    case ExprKind::Binary:
    case ExprKind::Unary:
        return "expression";
    case ExprKind::GeneratorExp:
        return "generator expression";
    case ExprKind::ListComp:
        return "list comprehension";
    case ExprKind::DictComp:
        return "dict comprehension";
    case ExprKind::Dict:
        return "dict literal";
    case ExprKind::FString:
        return "f-string expression";
    case ExprKind::Constant:
        switch (e.as<Constant>().value) {
        case ConstantKind::None:
            return "None";
        case ConstantKind::False:
            return "False";
        case ConstantKind::True:
            return "True";
        case ConstantKind::Ellipsis:
            return "ellipsis";
        }
        return "literal";
    case ExprKind::Int:
    case ExprKind::Float:
    case ExprKind::Str:
        return "literal";
    case ExprKind::Compare:
        return "comparison";
    case ExprKind::IfExp:
        return "conditional expression";
    case ExprKind::Slice:
        return "slice";
    }
    return "expression";
}

enum class TargetsType { Star, Del, For };

// CPython's _PyPegen_get_invalid_target.
const Expr* invalid_target(const Expr* e, TargetsType type) {
    if (!e) return nullptr;
    switch (e->kind) {
    case ExprKind::List:
    case ExprKind::Tuple:
        for (const auto& x : e->as<Sequence>().elts)
            if (const Expr* c = invalid_target(x.get(), type)) return c;
        return nullptr;
    case ExprKind::Starred:
        if (type == TargetsType::Del) return e;
        return invalid_target(e->as<Starred>().value.get(), type);
    case ExprKind::Compare:
        if (type == TargetsType::For) {
            const auto& c = e->as<Compare>();
            if (c.ops[0].op == CmpOp::In) return invalid_target(c.left.get(), type);
            return nullptr;
        }
        return e;
    case ExprKind::Name:
    case ExprKind::Subscript:
    case ExprKind::Attribute:
        return nullptr;
    default:
        return e;
    }
}

// The star_targets grammar, checked on an expression (Starred only inside Tuple/List, except at
// the top where the compiler rejects it later).
bool valid_star_target(const Expr& e) {
    switch (e.kind) {
    case ExprKind::Name:
    case ExprKind::Attribute:
    case ExprKind::Subscript:
        return true;
    case ExprKind::Tuple:
    case ExprKind::List:
        for (const auto& x : e.as<Sequence>().elts)
            if (!valid_star_target(*x)) return false;
        return true;
    case ExprKind::Starred: {
        const Expr& v = *e.as<Starred>().value;
        return v.kind != ExprKind::Starred && valid_star_target(v);
    }
    default:
        return false;
    }
}

bool valid_del_target(const Expr& e) {
    switch (e.kind) {
    case ExprKind::Name:
    case ExprKind::Attribute:
    case ExprKind::Subscript:
        return true;
    case ExprKind::Tuple:
    case ExprKind::List:
        for (const auto& x : e.as<Sequence>().elts)
            if (!valid_del_target(*x)) return false;
        return true;
    default:
        return false;
    }
}

bool is_hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_val(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
}

// ---------------------------------------------------------------------------------------------

class Parser {
  public:
    Parser(std::string_view src, const lex::LexResult& lr, std::string_view class_name, int depth,
           bool fstring)
        : src_(src), toks_(lr.tokens), lexerr_(lr.error), class_name_(class_name), depth_(depth),
          fstring_(fstring), depth0_(depth) {}

    int furthest_line() const { return toks_[furthest_].line; }

    // file: [statements] ENDMARKER
    StmtList parse_file() {
        StmtList out;
        while (!check(Tok::EndMarker)) {
            const std::size_t start = i_;
            two_pass(start, [&] { statement(out); });
        }
        return out;
    }

    // expressions NEWLINE* ENDMARKER (indentation is ignored by the lexer in Eval mode)
    ExprPtr parse_eval() {
        ExprPtr e;
        two_pass(0, [&] {
            e = expressions();
            while (accept(Tok::Newline)) {
            }
            if (!check(Tok::EndMarker)) fail_generic();
        });
        return e;
    }

    // fstring: star_expressions
    ExprPtr parse_fstring_expr() {
        ExprPtr e;
        two_pass(0, [&] {
            e = star_expressions();
            if (!check(Tok::EndMarker)) fail_generic();
        });
        return e; // the caller takes over unsupported_
    }

    std::vector<SyntaxError>& unsupported_list() { return unsupported_; }

  private:
    std::string_view src_;
    const std::vector<Token>& toks_;
    const std::optional<lex::LexError>& lexerr_;
    std::string class_name_;
    std::size_t i_ = 0;
    std::size_t furthest_ = 0;
    int depth_ = 0;
    bool fstring_ = false;
    int depth0_ = 0;
    bool diag_ = false;  // second pass: invalid_ rules enabled
    int no_invalid_ = 0; // inside an *_without_invalid rule
    long diag_steps_ = 0;
    std::unordered_set<std::size_t> brace_fail_;
    std::vector<SyntaxError> unsupported_;

    // invalid_ rules are active: second pass, and not inside an *_without_invalid rule
    bool inv() const { return diag_ && !no_invalid_; }

    // pegen memoizes expression, disjunction and bitwise_or: when one of them is parsed again
    // at the same place in the second pass, the memo is used and its invalid_ rules do not run
    // again (in particular when it was first parsed inside expression_without_invalid).
    enum MemoRule : uint64_t { MemoExpression = 1, MemoDisjunction = 2, MemoBitwiseOr = 3 };
    std::unordered_set<uint64_t> memo_seen_;
    // Positions where expression_body failed (with the state that decides it: depth, invalid_
    // rules on, inside an f-string). pegen memoizes `expression`; without it a nested bracket
    // that fails as a list display is parsed again as a comprehension, at every level: time
    // exponential in the nesting.
    std::unordered_set<uint64_t> expression_failed_;
    // Positions where invalid_named_expression found nothing (pegen memoizes that rule too).
    std::unordered_set<std::size_t> invalid_named_done_;
    uint64_t expression_key() const {
        return (static_cast<uint64_t>(i_) << 13) | (static_cast<uint64_t>(depth_) << 2) |
               (uint64_t(inv()) << 1) | uint64_t(fstring_);
    }
    struct Memo {
        Parser& p;
        bool suppressed = false;
        Memo(Parser& parser, MemoRule rule) : p(parser) {
            if (!p.diag_) return;
            const uint64_t key = (static_cast<uint64_t>(p.i_) << 2) | rule;
            if (!p.memo_seen_.insert(key).second) {
                ++p.no_invalid_;
                suppressed = true;
            }
        }
        ~Memo() {
            if (suppressed) --p.no_invalid_;
        }
        Memo(const Memo&) = delete;
        Memo& operator=(const Memo&) = delete;
    };

    // ---------------------------------------------------------------- tokens

    const Token& tok(std::size_t k = 0) {
        std::size_t idx = std::min(i_ + k, toks_.size() - 1);
        if (idx > furthest_) furthest_ = idx;
        const Token& t = toks_[idx];
        if (t.type == Tok::Error) throw lexerr_->error; // the parser reached a tokenizer error
        return t;
    }
    Tok type(std::size_t k = 0) { return tok(k).type; }
    bool check(Tok t) { return type() == t; }
    const Token& advance() {
        const Token& t = tok();
        if (i_ < toks_.size() - 1) ++i_;
        if (diag_ && ++diag_steps_ > kDiagBudget) throw DiagAbort{};
        return t;
    }
    bool accept(Tok t) {
        if (!check(t)) return false;
        advance();
        return true;
    }
    const Token& expect(Tok t) {
        if (!check(t)) fail_generic();
        return advance();
    }
    // &&'x' in the grammar: raised at once, in the first pass.
    const Token& expect_forced(Tok t) {
        if (!check(t)) raise_tok(tok(), std::string("expected '") + lex::token_text(t) + "'");
        return advance();
    }
    const Token& prev() const { return toks_[i_ > 0 ? i_ - 1 : 0]; }
    Pos prev_end() const { return prev().end_pos(); }
    std::string_view text(const Token& t) const { return src_.substr(t.start, t.end - t.start); }
    std::string ident(const Token& t) const { return mangle(class_name_, text(t)); }

    // ---------------------------------------------------------------- errors

    [[noreturn]] void fail_generic() { throw ParseFail{{}, false}; }
    [[noreturn]] void raise_at(Pos p, const std::string& msg, Pos end = {0, 0},
                               const char* kind = "SyntaxError") {
        SyntaxError e(msg, p, kind);
        e.end = end;
        throw ParseFail{std::move(e), true};
    }
    [[noreturn]] void raise_tok(const Token& t, const std::string& msg,
                                const char* kind = "SyntaxError") {
        raise_at(t.pos(), msg, t.end_pos(), kind);
    }
    [[noreturn]] void raise_expr(const Expr& e, const std::string& msg) {
        raise_at(e.pos, msg, e.end);
    }
    // RAISE_SYNTAX_ERROR without a location: at the last token the parser fetched.
    [[noreturn]] void raise_last(const std::string& msg, const char* kind = "SyntaxError") {
        const Token& t = toks_[furthest_];
        raise_at(t.pos(), msg, t.end_pos(), kind);
    }
    // A construct CPython accepts but the engine does not: reported only when the whole input
    // parses (a real syntax error elsewhere wins, as CPython would report that one).
    void note_unsupported(Pos p, const std::string& what) {
        unsupported_.push_back(SyntaxError(what + unsupported_suffix, p));
    }
    void note_unsupported(const Token& t, const std::string& what) {
        note_unsupported(t.pos(), what);
    }

    // Runs `f` (one top-level statement) with CPython's two passes.
    template <class F> void two_pass(std::size_t start, F f) {
        try {
            f();
            return;
        } catch (ParseFail& pf) {
            if (pf.specific) throw;
        }
        const std::size_t first_furthest = furthest_;
        depth_ = depth0_;
        no_invalid_ = 0;
        memo_seen_.clear();
        expression_failed_.clear(); // the second pass registers its own memo_seen_ entries
        invalid_named_done_.clear();
        diag_ = true;
        diag_steps_ = 0;
        i_ = start;
        try {
            f();
        } catch (ParseFail& pf) {
            if (pf.specific) {
                diag_ = false;
                throw;
            }
        } catch (DiagAbort&) {
            // the second pass gave up: the first pass's generic error stands
        }
        diag_ = false;
        expression_failed_.clear();
        invalid_named_done_.clear();
        furthest_ = std::max(furthest_, first_furthest);
        match_statement(start);
        const Token& t = toks_[first_furthest];
        if (t.type == Tok::Indent || t.type == Tok::Dedent) {
            SyntaxError e(t.type == Tok::Indent ? "unexpected indent" : "unexpected unindent",
                          t.pos(), "IndentationError");
            e.end = t.end_pos();
            throw ParseFail{std::move(e), true, true};
        }
        SyntaxError e("invalid syntax", t.pos(), "SyntaxError");
        e.end = t.end_pos();
        if (t.type == Tok::EndMarker && !fstring_) { // no column: col_offset -1, offset 0
            e.pos.col = 0;
            e.end = {t.line, 0};
        }
        throw ParseFail{std::move(e), true};
    }

    // `match subject:` NEWLINE INDENT `case`: a match statement (not supported; CPython would
    // parse it).
    void match_statement(std::size_t start) {
        const Token& m = toks_[start];
        if (m.type != Tok::Name || text(m) != "match") return;
        for (std::size_t k = start + 1; k + 2 < toks_.size(); ++k) {
            const Tok t = toks_[k].type;
            if (t == Tok::Error || t == Tok::EndMarker) return;
            if (t != Tok::Newline) continue;
            if (toks_[k - 1].type == Tok::Colon && toks_[k + 1].type == Tok::Indent &&
                toks_[k + 2].type == Tok::Name && text(toks_[k + 2]) == "case")
                raise_tok(m, std::string("match statements are") + unsupported_suffix);
            return;
        }
    }

    // Speculation (lookahead or an invalid_ alternative): restores the position when `f`
    // fails generically; specific errors propagate.
    template <class F> bool speculate(F f) {
        const std::size_t save = i_;
        const int save_depth = depth_;
        const std::size_t save_unsupported = unsupported_.size();
        try {
            f();
            return true;
        } catch (ParseFail& pf) {
            if (pf.specific) throw;
            i_ = save;
            depth_ = save_depth;
            unsupported_.resize(save_unsupported);
            return false;
        }
    }

    struct Deeper {
        Parser& p;
        int n;
        Deeper(Parser& parser, int amount = 1) : p(parser), n(amount) {
            if (p.depth_ + n > kMaxNestingDepth) p.too_deep();
            p.depth_ += n;
        }
        ~Deeper() { p.depth_ -= n; }
        Deeper(const Deeper&) = delete;
        Deeper& operator=(const Deeper&) = delete;
    };
    [[noreturn]] void too_deep() {
        if (diag_) throw DiagAbort{}; // the second pass only refines messages: give up on it
        raise_tok(tok(), "too many nested expressions");
    }

    // Depth added by a left-associative chain (a + b + c, a.b.c): one level per link.
    struct ChainDepth {
        Parser& p;
        int n = 0;
        explicit ChainDepth(Parser& parser) : p(parser) {}
        void add() {
            if (p.depth_ + 1 > kMaxNestingDepth) p.too_deep();
            ++p.depth_;
            ++n;
        }
        ~ChainDepth() { p.depth_ -= n; }
        ChainDepth(const ChainDepth&) = delete;
        ChainDepth& operator=(const ChainDepth&) = delete;
    };

    template <class T, class... A> std::unique_ptr<T> make(Pos pos, A&&... a) {
        auto n = std::make_unique<T>(std::forward<A>(a)...);
        n->pos = pos;
        n->end = pos;
        return n;
    }

    // ---------------------------------------------------------------- statements

    void statement(StmtList& out) {
        const Token& t = tok();
        if (inv() && t.type == Tok::Name && text(t) == "match") invalid_match_stmt(t);
        switch (t.type) {
        case Tok::KwDef:
            out.push_back(def_stmt());
            return;
        case Tok::KwIf:
            out.push_back(if_stmt(false));
            return;
        case Tok::KwWhile:
            out.push_back(while_stmt());
            return;
        case Tok::KwFor:
            out.push_back(for_stmt());
            return;
        case Tok::KwTry:
            out.push_back(try_stmt());
            return;
        case Tok::KwClass:
            out.push_back(class_stmt());
            return;
        case Tok::KwWith:
            out.push_back(with_stmt());
            return;
        case Tok::KwAsync:
            note_unsupported(t, "async functions and statements are");
            advance();
            if (check(Tok::KwDef))
                out.push_back(def_stmt());
            else if (check(Tok::KwFor))
                out.push_back(for_stmt());
            else if (check(Tok::KwWith))
                out.push_back(with_stmt());
            else
                fail_generic();
            return;
        case Tok::At: {
            // decorators: ('@' named_expression NEWLINE)+ then a def or a class
            note_unsupported(t, "decorators are");
            while (accept(Tok::At)) {
                named_expression();
                expect(Tok::Newline);
            }
            if (check(Tok::KwAsync) && type(1) == Tok::KwDef) advance();
            if (check(Tok::KwDef))
                out.push_back(def_stmt());
            else if (check(Tok::KwClass))
                out.push_back(class_stmt());
            else
                fail_generic();
            return;
        }
        default:
            simple_stmts(out);
            return;
        }
    }

    // match_stmt is tried before simple statements: "match" subject_expr ':' NEWLINE INDENT ...
    // (only its invalid_ rules matter here: match statements are not supported)
    void invalid_match_stmt(const Token& kw) {
        const std::size_t save = i_;
        speculate([&] {
            advance();
            // subject_expr: star_named_expression ',' star_named_expressions? | named_expression
            if (check(Tok::Star)) {
                star_named_expression();
                expect(Tok::Comma);
                while (starts_expression(type()) || check(Tok::Star)) {
                    star_named_expression();
                    if (!accept(Tok::Comma)) break;
                }
            } else {
                named_expression();
                if (accept(Tok::Comma)) {
                    while (starts_expression(type()) || check(Tok::Star)) {
                        star_named_expression();
                        if (!accept(Tok::Comma)) break;
                    }
                }
            }
            if (check(Tok::Newline)) raise_last("expected ':'");
            expect(Tok::Colon);
            if (check(Tok::Newline) && type(1) != Tok::Indent) {
                tok(1);
                raise_last("expected an indented block after 'match' statement on line " +
                               std::to_string(kw.line),
                           "IndentationError");
            }
            fail_generic();
        });
        i_ = save;
    }

    void simple_stmts(StmtList& out) {
        for (;;) {
            out.push_back(simple_stmt());
            if (accept(Tok::Semi)) {
                if (check(Tok::Newline)) break;
                continue;
            }
            break;
        }
        expect(Tok::Newline);
    }

    StmtPtr simple_stmt() {
        const Token& t = tok();
        const Pos p = t.pos();
        switch (t.type) {
        case Tok::KwReturn: {
            advance();
            auto s = make<Return>(p);
            if (starts_expression(type()) || check(Tok::Star)) s->value = star_expressions();
            s->end = prev_end();
            return s;
        }
        case Tok::KwImport:
        case Tok::KwFrom:
            return import_stmt();
        case Tok::KwRaise: {
            advance();
            auto s = make<Raise>(p);
            if (starts_expression(type())) {
                s->exc = expression();
                if (accept(Tok::KwFrom)) s->cause = expression();
            }
            s->end = prev_end();
            return s;
        }
        case Tok::KwPass:
        case Tok::KwBreak:
        case Tok::KwContinue: {
            advance();
            auto s = make<Stmt>(p, t.type == Tok::KwPass    ? StmtKind::Pass
                                   : t.type == Tok::KwBreak ? StmtKind::Break
                                                            : StmtKind::Continue);
            s->end = prev_end();
            return s;
        }
        case Tok::KwDel:
            return del_stmt();
        case Tok::KwYield: {
            auto s = make<ExprStmt>(p);
            s->value = yield_expr();
            s->end = prev_end();
            return s;
        }
        case Tok::KwAssert: {
            advance();
            auto s = make<Assert>(p);
            s->test = expression();
            if (accept(Tok::Comma)) s->msg = expression();
            s->end = prev_end();
            return s;
        }
        case Tok::KwGlobal:
        case Tok::KwNonlocal: {
            advance();
            auto s =
                make<NameList>(p, t.type == Tok::KwGlobal ? StmtKind::Global : StmtKind::Nonlocal);
            for (;;) {
                s->names.push_back(ident(expect(Tok::Name)));
                if (!accept(Tok::Comma)) break;
            }
            s->end = prev_end();
            return s;
        }
        default:
            return expr_or_assign();
        }
    }

    StmtPtr import_stmt() {
        const Token& kw = advance();
        auto s = make<Import>(kw.pos());
        if (kw.type == Tok::KwImport) {
            for (;;) {
                Alias a;
                a.pos = tok().pos();
                a.name = dotted_name();
                if (accept(Tok::KwAs)) a.asname = std::string(text(expect(Tok::Name)));
                s->names.push_back(std::move(a));
                if (!accept(Tok::Comma)) break;
            }
            s->end = prev_end();
            return s;
        }
        s->is_from = true;
        for (;;) {
            if (accept(Tok::Dot))
                s->level += 1;
            else if (accept(Tok::Ellipsis))
                s->level += 3;
            else
                break;
        }
        if (check(Tok::Name))
            s->module = dotted_name();
        else if (s->level == 0)
            fail_generic();
        expect(Tok::KwImport);
        if (check(Tok::Star)) {
            Alias a;
            a.pos = tok().pos();
            a.name = "*";
            advance();
            s->names.push_back(std::move(a));
        } else {
            const bool paren = accept(Tok::LPar);
            for (;;) {
                Alias a;
                a.pos = tok().pos();
                a.name = std::string(text(expect(Tok::Name)));
                if (accept(Tok::KwAs)) a.asname = std::string(text(expect(Tok::Name)));
                s->names.push_back(std::move(a));
                if (!accept(Tok::Comma)) break;
                if (paren && check(Tok::RPar)) break;
                if (!paren && check(Tok::Newline)) {
                    if (inv())
                        raise_last("trailing comma not allowed without surrounding parentheses");
                    fail_generic();
                }
            }
            if (paren) expect(Tok::RPar);
        }
        s->end = prev_end();
        return s;
    }

    std::string dotted_name() {
        std::string n(text(expect(Tok::Name)));
        while (check(Tok::Dot) && type(1) == Tok::Name) {
            advance();
            n += '.';
            n += text(advance());
        }
        return n;
    }

    StmtPtr del_stmt() {
        const Token& kw = advance();
        auto s = make<Delete>(kw.pos());
        const std::size_t start = i_;
        bool ok = speculate([&] {
            for (;;) {
                ExprPtr e = del_target_expr();
                s->targets.push_back(std::move(e));
                if (!accept(Tok::Comma)) break;
                if (!starts_expression(type())) break;
            }
            if (!check(Tok::Semi) && !check(Tok::Newline)) fail_generic();
        });
        if (!ok) {
            if (inv()) {
                // invalid_del_stmt: 'del' star_expressions
                i_ = start;
                s->targets.clear();
                ExprPtr a;
                if (speculate([&] { a = star_expressions(); }))
                    if (const Expr* bad = invalid_target(a.get(), TargetsType::Del))
                        raise_expr(*bad, std::string("cannot delete ") + expr_name(*bad));
            }
            fail_generic();
        }
        s->end = prev_end();
        return s;
    }

    // One del target: an expression that must be a valid del target.
    ExprPtr del_target_expr() {
        ExprPtr e = primary();
        if (!valid_del_target(*e)) fail_generic();
        return e;
    }

    StmtPtr expr_or_assign() {
        const std::size_t start = i_;
        const Pos p = tok().pos();
        ExprPtr e = star_expressions();
        const Tok nt = type();
        if (inv() && (nt == Tok::Equal || is_augassign(nt))) {
            // a failure in the rest of an assignment: pegen then tries invalid_assignment
            const std::size_t save = i_;
            StmtPtr r;
            try {
                i_ = save;
                r = assignment_rest(std::move(e), start, p, nt);
                return r;
            } catch (ParseFail& pf) {
                if (pf.specific) throw;
            }
            invalid_assignment(start);
        }
        return assignment_rest(std::move(e), start, p, nt);
    }

    StmtPtr assignment_rest(ExprPtr e, std::size_t start, Pos p, Tok nt) {
        if (nt == Tok::Equal) {
            auto s = make<Assign>(p);
            if (!valid_star_target(*e)) invalid_assignment(start);
            s->targets.push_back(std::move(e));
            while (accept(Tok::Equal)) {
                ExprPtr v = check(Tok::KwYield) ? yield_expr() : star_expressions();
                if (check(Tok::Equal)) {
                    if (!valid_star_target(*v)) invalid_assignment(start);
                    s->targets.push_back(std::move(v));
                } else {
                    s->value = std::move(v);
                }
            }
            s->end = prev_end();
            return s;
        }
        if (is_augassign(nt)) {
            const Token& opt = tok();
            if (nt == Tok::AtEqual) note_unsupported(opt, "the @ operator is");
            if (e->kind != ExprKind::Name && e->kind != ExprKind::Attribute &&
                e->kind != ExprKind::Subscript)
                invalid_assignment(start);
            advance();
            auto s = make<AugAssign>(p);
            s->target = std::move(e);
            s->op = nt == Tok::AtEqual ? BinOp::Mul : *augassign_op(nt);
            s->value = check(Tok::KwYield) ? yield_expr() : star_expressions();
            s->end = prev_end();
            return s;
        }
        if (nt == Tok::Colon) {
            // annotated assignment: NAME ':' expression or a single attribute/subscript target
            const bool single = e->kind == ExprKind::Name || e->kind == ExprKind::Attribute ||
                                e->kind == ExprKind::Subscript;
            if (!single) invalid_assignment(start);
            note_unsupported(p, "annotated assignments are");
            advance();
            expression();
            if (accept(Tok::Equal)) {
                if (check(Tok::KwYield))
                    yield_expr();
                else
                    star_expressions();
            }
            auto s = make<Stmt>(p, StmtKind::Pass);
            s->end = prev_end();
            return s;
        }
        if (inv()) {
            // the assignment rule failed: pegen tries invalid_assignment before the expression
            // statement
            const std::size_t save = i_;
            try {
                invalid_assignment(start);
            } catch (ParseFail& pf) {
                if (pf.specific) throw;
            }
            i_ = save;
        }
        auto s = make<ExprStmt>(p);
        s->value = std::move(e);
        s->end = prev_end();
        return s;
    }

    // invalid_assignment (second pass only); fails generically when no alternative applies.
    [[noreturn]] void invalid_assignment(std::size_t start) {
        if (!inv()) fail_generic();
        // alt 1: invalid_ann_assign_target ':' expression
        i_ = start;
        speculate([&] {
            ExprPtr a = atom();
            bool ok = (a->kind == ExprKind::List) ||
                      (a->kind == ExprKind::Tuple && a->as<Sequence>().parenthesized);
            if (!ok || !accept(Tok::Colon)) fail_generic();
            expression();
            raise_expr(*a, std::string("only single target (not ") + expr_name(*a) +
                               ") can be annotated");
        });
        // alt 2: star_named_expression ',' star_named_expressions* ':' expression
        i_ = start;
        speculate([&] {
            ExprPtr a = star_named_expression();
            expect(Tok::Comma);
            while (starts_expression(type()) || check(Tok::Star)) {
                if (!speculate([&] { star_named_expression(); })) break;
                accept(Tok::Comma);
            }
            expect(Tok::Colon);
            expression();
            raise_expr(*a, "only single target (not tuple) can be annotated");
        });
        // alt 3: expression ':' expression
        i_ = start;
        speculate([&] {
            ExprPtr a = expression();
            expect(Tok::Colon);
            expression();
            raise_expr(*a, "illegal target for annotation");
        });
        // alt 4: (star_targets '=')* a=star_expressions '='
        i_ = start;
        speculate([&] {
            for (;;) {
                const std::size_t save = i_;
                ExprPtr t;
                bool ok = speculate([&] {
                    t = star_expressions();
                    if (!valid_star_target(*t) || !check(Tok::Equal)) fail_generic();
                    advance();
                });
                if (!ok) {
                    i_ = save;
                    break;
                }
            }
            ExprPtr a = star_expressions();
            expect(Tok::Equal);
            if (const Expr* bad = invalid_target(a.get(), TargetsType::Star))
                raise_expr(*bad, std::string("cannot assign to ") + expr_name(*bad));
            fail_generic();
        });
        // alt 6: star_expressions augassign (yield_expr | star_expressions)
        i_ = start;
        speculate([&] {
            ExprPtr a = star_expressions();
            if (!is_augassign(type())) fail_generic();
            advance();
            star_expressions();
            raise_expr(*a, std::string("'") + expr_name(*a) +
                               "' is an illegal expression for augmented assignment");
        });
        fail_generic();
    }

    // block: NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block
    StmtList block() {
        StmtList body;
        if (accept(Tok::Newline)) {
            if (!check(Tok::Indent)) {
                if (inv()) raise_last("expected an indented block", "IndentationError");
                fail_generic();
            }
            advance();
            while (!check(Tok::Dedent) && !check(Tok::EndMarker)) statement(body);
            expect(Tok::Dedent);
        } else {
            simple_stmts(body);
        }
        return body;
    }

    // "expected an indented block after X on line N" / "expected ':'" checks shared by the
    // invalid_X_stmt rules: the keyword has been consumed, `header` parses what follows it.
    template <class H>
    void invalid_compound(const Token& kw, const std::string& what, bool colon_check, H header) {
        if (!inv()) return;
        const std::size_t save = i_;
        speculate([&] {
            header();
            if (colon_check && check(Tok::Newline)) raise_last("expected ':'");
            expect(Tok::Colon);
            if (check(Tok::Newline) && type(1) != Tok::Indent) {
                tok(1);
                raise_last("expected an indented block after " + what + " on line " +
                               std::to_string(kw.line),
                           "IndentationError");
            }
            fail_generic();
        });
        i_ = save;
    }

    StmtPtr if_stmt(bool is_elif) {
        const Token& kw = advance();
        const char* name = is_elif ? "'elif' statement" : "'if' statement";
        invalid_compound(kw, name, true, [&] { named_expression(); });
        auto s = make<If>(kw.pos());
        s->test = named_expression();
        expect(Tok::Colon);
        s->body = block();
        if (check(Tok::KwElif)) {
            s->orelse.push_back(if_stmt(true));
        } else if (check(Tok::KwElse)) {
            s->orelse = else_block();
        }
        s->end = s->orelse.empty() ? s->body.back()->end : s->orelse.back()->end;
        return s;
    }

    StmtList else_block() {
        const Token& kw = advance();
        invalid_compound(kw, "'else' statement", false, [] {});
        expect_forced(Tok::Colon);
        return block();
    }

    StmtPtr while_stmt() {
        const Token& kw = advance();
        invalid_compound(kw, "'while' statement", true, [&] { named_expression(); });
        auto s = make<While>(kw.pos());
        s->test = named_expression();
        expect(Tok::Colon);
        s->body = block();
        if (check(Tok::KwElse)) s->orelse = else_block();
        s->end = s->orelse.empty() ? s->body.back()->end : s->orelse.back()->end;
        return s;
    }

    StmtPtr for_stmt() {
        const Token& kw = advance();
        const std::size_t after_kw = i_;
        invalid_compound(kw, "'for' statement", true, [&] {
            star_targets();
            expect(Tok::KwIn);
            star_expressions();
        });
        auto s = make<For>(kw.pos());
        bool ok = speculate([&] {
            s->target = star_targets();
            expect(Tok::KwIn);
        });
        if (!ok) {
            invalid_for_target(after_kw);
            fail_generic();
        }
        // cut: from here on no other alternative
        s->iter = star_expressions();
        expect(Tok::Colon);
        s->body = block();
        if (check(Tok::KwElse)) s->orelse = else_block();
        s->end = s->orelse.empty() ? s->body.back()->end : s->orelse.back()->end;
        return s;
    }

    // invalid_for_target: 'for' star_expressions (raises "cannot assign to X" when applicable)
    void invalid_for_target(std::size_t after_for) {
        if (!inv()) return;
        const std::size_t save = i_;
        i_ = after_for;
        ExprPtr a;
        if (speculate([&] { a = star_expressions(); }))
            if (const Expr* bad = invalid_target(a.get(), TargetsType::For))
                raise_expr(*bad, std::string("cannot assign to ") + expr_name(*bad));
        i_ = save;
    }

    StmtPtr try_stmt() {
        const Token& kw = advance();
        if (inv()) {
            const std::size_t save = i_;
            // 'try' ':' NEWLINE !INDENT
            if (check(Tok::Colon) && type(1) == Tok::Newline && type(2) != Tok::Indent)
                raise_last("expected an indented block after 'try' statement on line " +
                               std::to_string(kw.line),
                           "IndentationError");
            // 'try' ':' block !('except' | 'finally')
            speculate([&] {
                expect(Tok::Colon);
                block();
                if (!check(Tok::KwExcept) && !check(Tok::KwFinally))
                    raise_last("expected 'except' or 'finally' block");
                fail_generic();
            });
            i_ = save;
        }
        auto s = make<Try>(kw.pos());
        expect_forced(Tok::Colon);
        s->body = block();
        if (check(Tok::KwFinally)) {
            s->finalbody = finally_block();
        } else {
            if (!check(Tok::KwExcept)) fail_generic();
            while (check(Tok::KwExcept)) s->handlers.push_back(except_block());
            if (check(Tok::KwElse)) s->orelse = else_block();
            if (check(Tok::KwFinally)) s->finalbody = finally_block();
        }
        const StmtList& last = !s->finalbody.empty()  ? s->finalbody
                               : !s->orelse.empty()   ? s->orelse
                               : !s->handlers.empty() ? s->handlers.back().body
                                                      : s->body;
        s->end = last.back()->end;
        return s;
    }

    ExceptHandler except_block() {
        const Token& kw = advance();
        if (check(Tok::Star)) {
            note_unsupported(kw, "except* is");
            advance();
            if (inv() && (check(Tok::Newline) || check(Tok::Colon)))
                raise_last("expected one or more exception types");
        }
        if (inv()) {
            // invalid_except_stmt_indent
            const std::size_t save = i_;
            speculate([&] {
                if (!check(Tok::Colon)) {
                    expression();
                    if (accept(Tok::KwAs)) expect(Tok::Name);
                }
                expect(Tok::Colon);
                if (check(Tok::Newline) && type(1) != Tok::Indent) {
                    tok(1);
                    raise_last("expected an indented block after 'except' statement on line " +
                                   std::to_string(kw.line),
                               "IndentationError");
                }
                fail_generic();
            });
            i_ = save;
        }
        ExceptHandler h;
        h.pos = kw.pos();
        const std::size_t save = i_;
        bool ok = speculate([&] {
            if (!check(Tok::Colon)) {
                h.type = expression();
                if (accept(Tok::KwAs)) h.name = ident(expect(Tok::Name));
            }
            expect(Tok::Colon);
            h.body = block();
        });
        if (!ok) {
            if (inv()) {
                // invalid_except_stmt
                i_ = save;
                speculate([&] {
                    ExprPtr a = expression();
                    expect(Tok::Comma);
                    expressions();
                    if (accept(Tok::KwAs)) expect(Tok::Name);
                    expect(Tok::Colon);
                    raise_at(a->pos, "multiple exception types must be parenthesized");
                });
                i_ = save;
                speculate([&] {
                    expression();
                    if (accept(Tok::KwAs)) expect(Tok::Name);
                    if (check(Tok::Newline)) raise_last("expected ':'");
                    fail_generic();
                });
                i_ = save;
                if (check(Tok::Newline)) raise_last("expected ':'");
            }
            fail_generic();
        }
        return h;
    }

    StmtList finally_block() {
        const Token& kw = advance();
        invalid_compound(kw, "'finally' statement", false, [] {});
        expect_forced(Tok::Colon);
        return block();
    }

    // class_def_raw (not supported: parsed so that syntax errors are CPython's)
    StmtPtr class_stmt() {
        const Token& kw = advance();
        note_unsupported(kw, "class statements are");
        invalid_compound(kw, "class definition", true, [&] {
            expect(Tok::Name);
            if (check(Tok::LPar)) call(make<Name>(kw.pos()), kw.pos());
        });
        expect(Tok::Name);
        if (check(Tok::LPar)) call(make<Name>(kw.pos()), kw.pos());
        expect(Tok::Colon);
        StmtList body = block();
        auto s = make<Stmt>(kw.pos(), StmtKind::Pass);
        s->end = body.back()->end;
        return s;
    }

    // with_stmt (not supported: parsed so that syntax errors are CPython's)
    StmtPtr with_stmt() {
        const Token& kw = advance();
        note_unsupported(kw, "with statements are");
        invalid_compound(kw, "'with' statement", true, [&] {
            for (;;) {
                expression();
                if (accept(Tok::KwAs)) star_target();
                if (!accept(Tok::Comma)) break;
            }
        });
        bool ok = false;
        if (check(Tok::LPar)) {
            ok = speculate([&] {
                advance();
                for (;;) {
                    with_item();
                    if (!accept(Tok::Comma) || check(Tok::RPar)) break;
                }
                expect(Tok::RPar);
                if (!check(Tok::Colon)) fail_generic();
            });
        }
        if (!ok) {
            for (;;) {
                with_item();
                if (!accept(Tok::Comma)) break;
            }
        }
        expect(Tok::Colon);
        StmtList body = block();
        auto s = make<Stmt>(kw.pos(), StmtKind::Pass);
        s->end = body.back()->end;
        return s;
    }

    // with_item: expression 'as' star_target &(',' | ')' | ':') | invalid_with_item | expression
    void with_item() {
        expression();
        if (!check(Tok::KwAs)) return;
        const std::size_t save = i_;
        bool ok = speculate([&] {
            advance();
            star_target();
            if (!check(Tok::Comma) && !check(Tok::RPar) && !check(Tok::Colon)) fail_generic();
        });
        if (ok) return;
        if (inv()) {
            speculate([&] {
                advance();
                ExprPtr a = expression();
                if (!check(Tok::Comma) && !check(Tok::RPar) && !check(Tok::Colon)) fail_generic();
                if (const Expr* bad = invalid_target(a.get(), TargetsType::Star))
                    raise_expr(*bad, std::string("cannot assign to ") + expr_name(*bad));
                fail_generic();
            });
        }
        i_ = save; // 'as' not consumed: the caller fails on it
    }

    // yield_expr (not supported): 'yield' 'from' expression | 'yield' [star_expressions]
    ExprPtr yield_expr() {
        const Token& kw = advance();
        note_unsupported(kw, "yield expressions are");
        if (accept(Tok::KwFrom))
            expression();
        else if (starts_expression(type()) || check(Tok::Star))
            star_expressions();
        auto c = make<Constant>(kw.pos());
        c->end = prev_end();
        return c;
    }

    StmtPtr def_stmt() {
        const Token& kw = advance();
        if (inv()) {
            // invalid_def_raw: 'def' NAME '(' [params] ')' ['->' expression] ':' NEWLINE !INDENT
            const std::size_t save = i_;
            speculate([&] {
                expect(Tok::Name);
                expect(Tok::LPar);
                Params ps;
                params(ps, Tok::RPar, true);
                expect(Tok::RPar);
                if (accept(Tok::RArrow)) expression();
                expect(Tok::Colon);
                if (check(Tok::Newline) && type(1) != Tok::Indent) {
                    tok(1);
                    raise_last("expected an indented block after function definition on line " +
                                   std::to_string(kw.line),
                               "IndentationError");
                }
                fail_generic();
            });
            i_ = save;
        }
        const Token& name = expect(Tok::Name);
        auto f = std::make_shared<FunctionDef>();
        f->name = std::string(text(name));
        f->local_name = ident(name);
        f->pos = kw.pos();
        expect_forced(Tok::LPar);
        params(f->params, Tok::RPar, true);
        expect(Tok::RPar);
        if (check(Tok::RArrow))
            speculate([&] {
                advance();
                f->returns = expression();
            });
        expect_forced(Tok::Colon);
        f->body = block();
        f->end = f->body.back()->end;
        auto s = make<Def>(kw.pos());
        s->end = f->end;
        s->func = std::move(f);
        return s;
    }

    // Parameters of a def (closing ')', annotations allowed) or a lambda (closing ':').
    void params(Params& ps, Tok closing, bool is_def) {
        bool seen_default = false, seen_star = false, seen_slash = false;
        const Token* star_tok = nullptr;
        while (!check(closing)) {
            const Token& t = tok();
            if (ps.varkw.size()) {
                // anything after **kwargs
                if (inv() && (t.type == Tok::Name || t.type == Tok::Star ||
                              t.type == Tok::DoubleStar || t.type == Tok::Slash))
                    raise_tok(t, "arguments cannot follow var-keyword argument");
                fail_generic();
            }
            if (t.type == Tok::Slash) {
                if (inv()) {
                    if (ps.positional.empty() && !seen_star && type(1) == Tok::Comma)
                        raise_tok(t, "at least one argument must precede /");
                    if (seen_slash) raise_tok(t, "/ may appear only once");
                    if (seen_star) raise_tok(t, "/ must be ahead of *");
                }
                if (ps.positional.empty() || seen_slash || seen_star) fail_generic();
                advance();
                seen_slash = true;
                ps.posonly_count = ps.positional.size();
                if (check(Tok::Star)) {
                    if (inv()) raise_tok(tok(), "expected comma between / and *");
                    fail_generic();
                }
            } else if (t.type == Tok::Star) {
                if (seen_star) {
                    if (!inv()) fail_generic();
                    // ... a='*' (param_no_default | ',')
                    const Tok n1 = type(1);
                    const bool follows =
                        n1 == Tok::Comma ||
                        (n1 == Tok::Name && (type(2) == Tok::Comma || type(2) == closing ||
                                             (is_def && type(2) == Tok::Colon)));
                    if (inv() && follows) raise_tok(t, "* argument may appear only once");
                    fail_generic();
                }
                advance();
                seen_star = true;
                star_tok = &t;
                if (check(Tok::Name)) {
                    const Token& n = advance();
                    ps.varargs = ident(n);
                    ps.varargs_pos = n.pos();
                    if (is_def && accept(Tok::Colon)) {
                        if (check(Tok::Star)) {
                            advance();
                            ps.varargs_annotation = make<Starred>(prev().pos());
                            ps.varargs_annotation->as<Starred>().value = expression();
                        } else {
                            ps.varargs_annotation = expression();
                        }
                    }
                    if (check(Tok::Equal)) {
                        if (inv())
                            raise_tok(tok(), "var-positional argument cannot have default value");
                        fail_generic();
                    }
                } else {
                    if (check(closing) ||
                        (check(Tok::Comma) && (type(1) == closing || type(1) == Tok::DoubleStar))) {
                        if (inv()) {
                            if (is_def) raise_tok(t, "named arguments must follow bare *");
                            if (check(Tok::Comma)) tok(1);
                            raise_last("named arguments must follow bare *");
                        }
                        fail_generic();
                    }
                    if (!check(Tok::Comma)) fail_generic();
                }
            } else if (t.type == Tok::DoubleStar) {
                advance();
                const Token& n = expect(Tok::Name);
                ps.varkw = ident(n);
                ps.varkw_pos = n.pos();
                if (is_def && accept(Tok::Colon)) ps.varkw_annotation = expression();
                if (check(Tok::Equal)) {
                    if (inv()) raise_tok(tok(), "var-keyword argument cannot have default value");
                    fail_generic();
                }
            } else if (t.type == Tok::Name) {
                advance();
                Param p;
                p.name = ident(t);
                p.pos = t.pos();
                if (is_def && accept(Tok::Colon)) p.annotation = expression();
                if (check(Tok::Equal)) {
                    const Token& eq = advance();
                    if (check(Tok::Comma) || check(closing)) {
                        if (inv() && is_def) raise_tok(eq, "expected default value expression");
                        if (inv() && !is_def && check(Tok::Comma))
                            raise_tok(eq, "expected default value expression");
                        fail_generic();
                    }
                    p.default_value = expression();
                }
                if (seen_star) {
                    ps.kwonly.push_back(std::move(p));
                } else {
                    if (p.default_value) {
                        seen_default = true;
                    } else if (seen_default) {
                        // param_no_default: param ',' | param &')'
                        if (inv() && (check(Tok::Comma) || check(closing)))
                            raise_tok(t, "non-default argument follows default argument");
                        fail_generic();
                    }
                    ps.positional.push_back(std::move(p));
                }
            } else if (t.type == Tok::LPar) {
                if (inv() && !seen_star && !seen_default && !seen_slash) {
                    // param_no_default* a='(' param_no_default+ ','? b=')' (lambda: plain names)
                    const std::size_t save = i_;
                    speculate([&] {
                        advance();
                        for (;;) {
                            expect(Tok::Name);
                            if (is_def && accept(Tok::Colon)) expression();
                            if (!accept(Tok::Comma) || check(Tok::RPar)) break;
                        }
                        const Token& rp = expect(Tok::RPar);
                        raise_at(t.pos(),
                                 is_def ? "Function parameters cannot be parenthesized"
                                        : "Lambda expression parameters cannot be parenthesized",
                                 rp.end_pos());
                    });
                    i_ = save;
                }
                fail_generic();
            } else {
                fail_generic();
            }
            if (!accept(Tok::Comma)) break;
            if (seen_star && ps.varargs.empty() && ps.kwonly.empty() &&
                (check(closing) || check(Tok::DoubleStar))) {
                // "*," followed by ** or the end
                if (inv() && star_tok) {
                    if (is_def) raise_tok(*star_tok, "named arguments must follow bare *");
                    raise_last("named arguments must follow bare *");
                }
                fail_generic();
            }
        }
        if (seen_star && ps.varargs.empty() && ps.kwonly.empty()) {
            if (inv() && star_tok) {
                if (is_def) raise_tok(*star_tok, "named arguments must follow bare *");
                raise_last("named arguments must follow bare *");
            }
            fail_generic();
        }
    }

    // ---------------------------------------------------------------- targets

    // star_targets: for `for` loops and comprehensions (stops before `in`).
    ExprPtr star_targets() {
        const Pos start = tok().pos();
        ExprPtr first = star_target();
        if (!check(Tok::Comma)) return first;
        auto t = make<Sequence>(start, ExprKind::Tuple);
        t->parenthesized = false;
        t->elts.push_back(std::move(first));
        while (accept(Tok::Comma)) {
            if (!check(Tok::Name) && !check(Tok::LPar) && !check(Tok::LSqb) && !check(Tok::Star))
                break;
            t->elts.push_back(star_target());
        }
        t->end = prev_end();
        return t;
    }

    ExprPtr star_target() {
        Deeper d(*this);
        if (check(Tok::Star)) {
            const Token& st = advance();
            if (check(Tok::Star)) fail_generic();
            auto s = make<Starred>(st.pos());
            s->value = star_target();
            s->end = prev_end();
            return s;
        }
        ExprPtr e = primary();
        if (!valid_star_target(*e) || e->kind == ExprKind::Starred) fail_generic();
        return e;
    }

    // ---------------------------------------------------------------- expressions

    // expressions (eval input): expression (',' expression)* [',']
    ExprPtr expressions() {
        const Pos start = tok().pos();
        ExprPtr first = expression();
        if (!check(Tok::Comma)) return first;
        auto t = make<Sequence>(start, ExprKind::Tuple);
        t->parenthesized = false;
        t->elts.push_back(std::move(first));
        while (accept(Tok::Comma)) {
            if (!starts_expression(type())) break;
            t->elts.push_back(expression());
        }
        t->end = prev_end();
        return t;
    }

    ExprPtr star_expressions() {
        const Pos start = tok().pos();
        ExprPtr first = star_expression();
        if (!check(Tok::Comma)) return first;
        auto t = make<Sequence>(start, ExprKind::Tuple);
        t->parenthesized = false;
        t->elts.push_back(std::move(first));
        while (accept(Tok::Comma)) {
            if (!starts_expression(type()) && !check(Tok::Star)) break;
            t->elts.push_back(star_expression());
        }
        t->end = prev_end();
        return t;
    }

    ExprPtr star_expression() {
        if (check(Tok::Star)) {
            const Token& st = advance();
            auto s = make<Starred>(st.pos());
            s->value = bitwise_or();
            s->end = prev_end();
            return s;
        }
        return expression();
    }

    ExprPtr star_named_expression() {
        if (check(Tok::Star)) {
            const Token& st = advance();
            auto s = make<Starred>(st.pos());
            s->value = bitwise_or();
            s->end = prev_end();
            return s;
        }
        return named_expression();
    }

    ExprPtr named_expression() {
        if (check(Tok::Name) && type(1) == Tok::ColonEqual) return walrus();
        if (inv()) invalid_named_expression();
        ExprPtr e = expression();
        if (check(Tok::ColonEqual)) {
            if (inv()) {
                const std::size_t save = i_;
                speculate([&] {
                    advance();
                    expression();
                    raise_expr(*e, std::string("cannot use assignment expressions with ") +
                                       expr_name(*e));
                });
                i_ = save;
            }
            fail_generic();
        }
        return e;
    }

    // assignment_expression (not supported): NAME ':=' ~ expression
    ExprPtr walrus() {
        note_unsupported(tok(), "assignment expressions (:=) are");
        advance();
        advance();
        return expression();
    }

    // invalid_named_expression alternatives 2 and 3 (alternative 1 is handled after parsing).
    void invalid_named_expression() {
        const std::size_t save = i_;
        if (!invalid_named_done_.insert(save).second) return; // found nothing here before
        // a=NAME '=' b=bitwise_or !('='|':=')
        if (check(Tok::Name) && type(1) == Tok::Equal) {
            const Token& a = tok();
            speculate([&] {
                advance();
                advance();
                ExprPtr b = bitwise_or();
                if (check(Tok::Equal) || check(Tok::ColonEqual)) fail_generic();
                raise_at(a.pos(), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                         b->end);
            });
            i_ = save;
        }
        // !(list|tuple|genexp|'True'|'None'|'False') a=bitwise_or b='=' bitwise_or !('='|':=')
        if (check(Tok::KwTrue) || check(Tok::KwNone) || check(Tok::KwFalse)) return;
        if (check(Tok::LSqb) || check(Tok::LPar)) {
            bool excluded = false;
            speculate([&] {
                ExprPtr a = atom();
                excluded = a->kind == ExprKind::List ||
                           (a->kind == ExprKind::Tuple && a->as<Sequence>().parenthesized) ||
                           a->kind == ExprKind::GeneratorExp;
            });
            i_ = save;
            if (excluded) return;
        }
        speculate([&] {
            ExprPtr a = bitwise_or();
            if (!check(Tok::Equal)) fail_generic();
            advance();
            bitwise_or();
            if (check(Tok::Equal) || check(Tok::ColonEqual)) fail_generic();
            raise_expr(*a, std::string("cannot assign to ") + expr_name(*a) +
                               " here. Maybe you meant '==' instead of '='?");
        });
        i_ = save;
    }

    ExprPtr expression() {
        Memo memo(*this, MemoExpression);
        return expression_body();
    }

    // expression_without_invalid: the same alternatives, no invalid_ rules beneath (and, not
    // being the memoized `expression` rule, it leaves no memo at this position)
    ExprPtr expression_without_invalid() {
        ++no_invalid_;
        try {
            ExprPtr e = expression_body();
            --no_invalid_;
            return e;
        } catch (...) {
            --no_invalid_;
            throw;
        }
    }

    ExprPtr expression_body() {
        Deeper d(*this);
        const uint64_t key = expression_key();
        if (expression_failed_.count(key)) fail_generic();
        try {
            return expression_alternatives();
        } catch (ParseFail& pf) {
            if (!pf.specific) expression_failed_.insert(key);
            throw;
        }
    }

    ExprPtr expression_alternatives() {
        if (check(Tok::KwLambda)) return lambdef();
        const std::size_t start = i_;
        const Pos start_pos = tok().pos();
        ExprPtr a = disjunction();
        if (inv()) invalid_expression(*a, start);
        if (check(Tok::KwIf)) {
            // disjunction 'if' disjunction 'else' expression | disjunction (PEG: backtrack)
            ExprPtr test, orelse;
            if (speculate([&] {
                    advance();
                    test = disjunction();
                    expect(Tok::KwElse);
                    orelse = expression();
                })) {
                auto e = make<IfExp>(start_pos);
                e->test = std::move(test);
                e->orelse = std::move(orelse);
                e->body = std::move(a);
                e->end = prev_end();
                return e;
            }
        }
        return a;
    }

    bool is_legacy_name(const Expr& a, std::size_t start) {
        if (a.kind != ExprKind::Name) return false;
        if (i_ != start + 1) return false;
        const auto& id = a.as<Name>().id;
        return id == "print" || id == "exec";
    }

    // invalid_expression and invalid_legacy_expression, after `a=disjunction` was parsed.
    void invalid_expression(const Expr& a, std::size_t start) {
        const std::size_t save = i_;
        const bool legacy = is_legacy_name(a, start);
        // !(NAME STRING | SOFT_KEYWORD) a=disjunction b=expression_without_invalid
        const Token& first = toks_[start];
        bool excluded = false;
        if (first.type == Tok::Name) {
            const Tok second = toks_[std::min(start + 1, toks_.size() - 1)].type;
            std::string_view t = text(first);
            // CPython 3.11 compares soft keywords with strncmp(keyword, name, len(name)): any
            // prefix of "match", "case" or "_" counts as one
            auto prefix_of = [&](std::string_view kw) {
                return t.size() <= kw.size() && kw.substr(0, t.size()) == t;
            };
            excluded =
                second == Tok::String || prefix_of("match") || prefix_of("case") || prefix_of("_");
        }
        if (!excluded && !legacy && starts_expression(type())) {
            speculate([&] {
                ExprPtr b = expression_without_invalid();
                if (prev().level == 0) fail_generic();
                raise_at(a.pos, "invalid syntax. Perhaps you forgot a comma?", b->end);
            });
            i_ = save;
        }
        // a=disjunction 'if' b=disjunction !('else'|':')
        if (check(Tok::KwIf)) {
            speculate([&] {
                advance();
                ExprPtr b = disjunction();
                if (check(Tok::KwElse) || check(Tok::Colon)) fail_generic();
                raise_at(a.pos, "expected 'else' after 'if' expression", b->end);
            });
            i_ = save;
        }
        // invalid_legacy_expression: a=NAME !'(' b=star_expressions (b is parsed for any name,
        // with the invalid_ rules on, before the name is checked)
        if (first.type == Tok::Name && start + 1 < toks_.size() &&
            toks_[start + 1].type != Tok::LPar) {
            i_ = start + 1;
            speculate([&] {
                if (!starts_expression(type()) && !check(Tok::Star)) fail_generic();
                ExprPtr b = star_expressions();
                const std::string id(text(first));
                if (id != "print" && id != "exec") fail_generic();
                raise_at(first.pos(),
                         "Missing parentheses in call to '" + id + "'. Did you mean " + id +
                             "(...)?",
                         b->end);
            });
            i_ = save;
        }
    }

    ExprPtr lambdef() {
        const Token& kw = advance();
        auto f = std::make_shared<FunctionDef>();
        f->name = "<lambda>";
        f->is_lambda = true;
        f->pos = kw.pos();
        params(f->params, Tok::Colon, false);
        expect(Tok::Colon);
        ExprPtr body = expression();
        auto r = make<Return>(body->pos);
        r->end = body->end;
        f->end = prev_end();
        r->value = std::move(body);
        f->body.push_back(std::move(r));
        auto e = make<Lambda>(kw.pos());
        e->end = f->end;
        e->func = std::move(f);
        return e;
    }

    ExprPtr disjunction() {
        Memo memo(*this, MemoDisjunction);
        return boolop(Tok::KwOr);
    }

    ExprPtr boolop(Tok op) {
        const Pos start = tok().pos();
        ExprPtr first = op == Tok::KwOr ? boolop(Tok::KwAnd) : inversion();
        if (!check(op)) return first;
        auto e = make<BoolOp>(start);
        e->op = op == Tok::KwOr ? BoolOpKind::Or : BoolOpKind::And;
        e->values.push_back(std::move(first));
        while (check(op)) {
            ExprPtr v;
            if (!speculate([&] {
                    advance();
                    v = op == Tok::KwOr ? boolop(Tok::KwAnd) : inversion();
                }))
                break;
            e->values.push_back(std::move(v));
        }
        if (e->values.size() == 1) return std::move(e->values.front());
        e->end = prev_end();
        return e;
    }

    ExprPtr inversion() {
        if (check(Tok::KwNot)) {
            Deeper d(*this);
            const Token& kw = advance();
            auto e = make<Unary>(kw.pos());
            e->op = UnaryOp::Not;
            e->operand = inversion();
            e->end = prev_end();
            return e;
        }
        return comparison();
    }

    std::optional<CmpOp> comp_op() {
        switch (type()) {
        case Tok::EqEqual:
            advance();
            return CmpOp::Eq;
        case Tok::NotEqual:
            advance();
            return CmpOp::NotEq;
        case Tok::Less:
            advance();
            return CmpOp::Lt;
        case Tok::LessEqual:
            advance();
            return CmpOp::LtE;
        case Tok::Greater:
            advance();
            return CmpOp::Gt;
        case Tok::GreaterEqual:
            advance();
            return CmpOp::GtE;
        case Tok::KwIn:
            advance();
            return CmpOp::In;
        case Tok::KwNot:
            if (type(1) != Tok::KwIn) return std::nullopt;
            advance();
            advance();
            return CmpOp::NotIn;
        case Tok::KwIs:
            advance();
            if (accept(Tok::KwNot)) return CmpOp::IsNot;
            return CmpOp::Is;
        default:
            return std::nullopt;
        }
    }

    ExprPtr comparison() {
        const Pos start = tok().pos();
        ExprPtr first = bitwise_or();
        std::unique_ptr<Compare> e;
        for (;;) {
            const Tok t = type();
            const bool is_op = t == Tok::EqEqual || t == Tok::NotEqual || t == Tok::Less ||
                               t == Tok::LessEqual || t == Tok::Greater || t == Tok::GreaterEqual ||
                               t == Tok::KwIn || t == Tok::KwIs ||
                               (t == Tok::KwNot && type(1) == Tok::KwIn);
            if (!is_op) break;
            const std::size_t save = i_;
            std::optional<CmpOp> op;
            ExprPtr right;
            if (!speculate([&] {
                    op = comp_op();
                    if (!op) fail_generic();
                    right = bitwise_or();
                })) {
                i_ = save;
                break;
            }
            if (!e) {
                e = make<Compare>(start);
                e->left = std::move(first);
            }
            Comparison c;
            c.op = *op;
            c.right = std::move(right);
            e->end = prev_end();
            e->ops.push_back(std::move(c));
        }
        if (!e) return first;
        return e;
    }

    static std::optional<BinOp> binop_of(Tok t, int level) {
        switch (level) {
        case 0:
            return t == Tok::VBar ? std::optional(BinOp::BitOr) : std::nullopt;
        case 1:
            return t == Tok::Circumflex ? std::optional(BinOp::BitXor) : std::nullopt;
        case 2:
            return t == Tok::Amper ? std::optional(BinOp::BitAnd) : std::nullopt;
        case 3:
            return t == Tok::LeftShift    ? std::optional(BinOp::LShift)
                   : t == Tok::RightShift ? std::optional(BinOp::RShift)
                                          : std::nullopt;
        case 4:
            return t == Tok::Plus    ? std::optional(BinOp::Add)
                   : t == Tok::Minus ? std::optional(BinOp::Sub)
                                     : std::nullopt;
        case 5:
            switch (t) {
            case Tok::Star:
                return BinOp::Mul;
            case Tok::Slash:
                return BinOp::Div;
            case Tok::DoubleSlash:
                return BinOp::FloorDiv;
            case Tok::Percent:
                return BinOp::Mod;
            default:
                return std::nullopt;
            }
        default:
            return std::nullopt;
        }
    }

    ExprPtr bitwise_or() {
        Memo memo(*this, MemoBitwiseOr);
        return binary(0);
    }

    // Left-associative binary levels: 0 |, 1 ^, 2 &, 3 << >>, 4 + -, 5 * / // % (@)
    ExprPtr binary(int level) {
        const Pos start = tok().pos();
        ExprPtr left = level == 5 ? factor() : binary(level + 1);
        ChainDepth chain(*this);
        for (;;) {
            const Tok t = type();
            auto op = binop_of(t, level);
            const std::size_t before_op = i_;
            const std::size_t unsupported_before = unsupported_.size();
            if (level == 5 && t == Tok::At) {
                note_unsupported(tok(), "the @ operator is");
                op = BinOp::Mul;
            }
            if (!op) break;
            ExprPtr right;
            chain.add(); // the tree gets one level deeper
            if (!speculate([&] {
                    advance();
                    right = level == 5 ? factor() : binary(level + 1);
                })) {
                i_ = before_op;
                unsupported_.resize(unsupported_before);
                break;
            }
            auto e = make<Binary>(start);
            e->op = *op;
            e->end = prev_end();
            e->left = std::move(left);
            e->right = std::move(right);
            left = std::move(e);
        }
        return left;
    }

    ExprPtr factor() {
        const Tok t = type();
        if (t == Tok::Plus || t == Tok::Minus || t == Tok::Tilde) {
            Deeper d(*this);
            const Token& optok = advance();
            ExprPtr operand = factor();
            // -9223372036854775808 is an int64: fold it (the literal alone is too big)
            if (t == Tok::Minus && operand->kind == ExprKind::Int) {
                auto& in = operand->as<Int>();
                if (in.too_big && in.value == std::numeric_limits<int64_t>::min()) {
                    in.too_big = false;
                    in.pos = optok.pos();
                    in.end = prev_end();
                    return operand;
                }
            }
            auto e = make<Unary>(optok.pos());
            e->op = t == Tok::Plus    ? UnaryOp::Pos
                    : t == Tok::Minus ? UnaryOp::Neg
                                      : UnaryOp::Invert;
            e->end = prev_end();
            e->operand = std::move(operand);
            return e;
        }
        return power();
    }

    ExprPtr power() {
        const Pos start = tok().pos();
        if (check(Tok::KwAwait)) {
            note_unsupported(tok(), "await expressions are");
            advance();
        }
        ExprPtr base = primary();
        ExprPtr exp;
        if (check(Tok::DoubleStar) && speculate([&] {
                advance();
                Deeper d(*this);
                exp = factor();
            })) {
            Deeper d(*this);
            auto e = make<Binary>(start);
            e->op = BinOp::Pow;
            e->end = prev_end();
            e->left = std::move(base);
            e->right = std::move(exp);
            return e;
        }
        return base;
    }

    ExprPtr primary() {
        const Pos start = tok().pos();
        ExprPtr e = atom();
        ChainDepth chain(*this);
        for (;;) {
            const Tok t = type();
            if (t == Tok::LBrace && inv()) {
                // `primary genexp` tries invalid_comprehension, which accepts '{'
                const std::size_t save = i_;
                invalid_comprehension();
                i_ = save;
            }
            if (t != Tok::Dot && t != Tok::LPar && t != Tok::LSqb) break;
            chain.add();
            // a trailer that does not parse leaves the shorter primary (PEG backtracking)
            ExprPtr next;
            if (!speculate([&] {
                    if (t == Tok::Dot) {
                        advance();
                        const Token& n = expect(Tok::Name);
                        auto a = make<Attribute>(start);
                        a->attr = ident(n);
                        a->end = n.end_pos();
                        next = std::move(a);
                    } else if (t == Tok::LPar) {
                        next = call(nullptr, start);
                    } else {
                        advance();
                        auto s = make<Subscript>(start);
                        s->index = slices();
                        s->end = expect(Tok::RSqb).end_pos();
                        next = std::move(s);
                    }
                }))
                break;
            if (t == Tok::Dot)
                next->as<Attribute>().value = std::move(e);
            else if (t == Tok::LPar)
                next->as<Call>().func = std::move(e);
            else
                next->as<Subscript>().value = std::move(e);
            e = std::move(next);
        }
        return e;
    }

    ExprPtr slices() {
        const Token& first_tok = tok();
        ExprPtr first = slice_item();
        if (!check(Tok::Comma)) {
            if (first->kind != ExprKind::Starred) return first;
            auto t = make<Sequence>(first_tok.pos(), ExprKind::Tuple);
            t->parenthesized = false;
            t->end = first->end;
            t->elts.push_back(std::move(first));
            return t;
        }
        auto t = make<Sequence>(first_tok.pos(), ExprKind::Tuple);
        t->parenthesized = false;
        t->elts.push_back(std::move(first));
        while (accept(Tok::Comma)) {
            if (check(Tok::RSqb)) break;
            t->elts.push_back(slice_item());
        }
        t->end = prev_end();
        return t;
    }

    // slice | starred_expression
    ExprPtr slice_item() {
        const Token& first = tok();
        if (first.type == Tok::Star) {
            advance();
            auto s = make<Starred>(first.pos());
            s->value = expression();
            s->end = prev_end();
            return s;
        }
        ExprPtr lower;
        if (!check(Tok::Colon)) {
            // [expression] ':' ... | named_expression
            if (check(Tok::Name) && type(1) == Tok::ColonEqual) return walrus();
            if (inv()) invalid_named_expression();
            ExprPtr e = expression();
            if (!check(Tok::Colon)) {
                if (check(Tok::ColonEqual)) fail_generic();
                return e;
            }
            lower = std::move(e);
        }
        auto s = make<Slice>(first.pos());
        s->lower = std::move(lower);
        expect(Tok::Colon);
        if (starts_expression(type())) s->upper = expression();
        if (accept(Tok::Colon)) {
            if (starts_expression(type())) s->step = expression();
        }
        s->end = prev_end();
        return s;
    }

    ExprPtr call(ExprPtr func, Pos start) {
        const Token& lpar = advance();
        auto c = make<Call>(start);
        c->func = std::move(func);
        bool seen_kw = false, seen_kwunpack = false;
        while (!check(Tok::RPar)) {
            const Token& t = tok();
            if (t.type == Tok::Star) {
                auto s = make<Starred>(t.pos());
                bool after_args = !c->keywords.empty(); // a starred argument or a keyword before
                for (const auto& a : c->args)
                    if (a->kind == ExprKind::Starred) after_args = true;
                if (!speculate([&] {
                        advance();
                        s->value = expression();
                    })) {
                    // invalid_arguments: a=args ',' '*'
                    if (inv() && after_args)
                        raise_tok(t, "iterable argument unpacking follows keyword argument "
                                     "unpacking");
                    fail_generic();
                }
                s->end = prev_end();
                if (seen_kwunpack) {
                    if (inv())
                        raise_tok(t, "iterable argument unpacking follows keyword argument "
                                     "unpacking");
                    fail_generic();
                }
                c->args.push_back(std::move(s));
            } else if (t.type == Tok::DoubleStar) {
                advance();
                Keyword k;
                k.pos = t.pos();
                k.value = expression();
                c->keywords.push_back(std::move(k));
                seen_kwunpack = true;
            } else if (t.type == Tok::Name && type(1) == Tok::Equal) {
                advance();
                const Token& eq = advance();
                Keyword k;
                k.pos = t.pos();
                k.name = std::string(text(t)); // keyword names are not mangled
                k.value = expression();
                if (check(Tok::KwFor)) {
                    if (inv()) {
                        speculate([&] {
                            std::vector<CompFor> gens;
                            comprehension_clauses(gens);
                            raise_at(t.pos(),
                                     "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                                     eq.end_pos());
                        });
                    }
                    fail_generic();
                }
                c->keywords.push_back(std::move(k));
                seen_kw = true;
            } else if ((t.type == Tok::KwTrue || t.type == Tok::KwFalse || t.type == Tok::KwNone) &&
                       type(1) == Tok::Equal) {
                if (inv())
                    raise_at(t.pos(), std::string("cannot assign to ") + std::string(text(t)),
                             tok(1).end_pos());
                fail_generic();
            } else {
                // after keywords the grammar only accepts *x, **x and name=x: a positional
                // argument is parsed only by the invalid_arguments rule (second pass)
                if ((seen_kw || seen_kwunpack) && !inv()) fail_generic();
                // (assignment_expression | expression !':=') !'='
                ExprPtr e =
                    check(Tok::Name) && type(1) == Tok::ColonEqual ? walrus() : expression();
                if (check(Tok::ColonEqual)) fail_generic();
                if (check(Tok::Equal)) {
                    if (inv())
                        raise_at(e->pos,
                                 "expression cannot contain assignment, perhaps you meant "
                                 "\"==\"?",
                                 tok().end_pos());
                    fail_generic();
                }
                if (check(Tok::KwFor)) {
                    // outside the second pass a comprehension is only parsed as the single
                    // argument (`primary genexp`)
                    if (!inv() && (!c->args.empty() || !c->keywords.empty())) fail_generic();
                    auto g = make<Comp>(lpar.pos(), ExprKind::GeneratorExp);
                    g->elt = std::move(e);
                    comprehension_clauses(g->generators);
                    const bool first = c->args.empty() && c->keywords.empty();
                    if (!first || !check(Tok::RPar)) {
                        if (inv() && (!first || check(Tok::Comma))) {
                            const Expr& last = last_comprehension_item(g->generators);
                            raise_at(g->elt->pos, "Generator expression must be parenthesized",
                                     last.end);
                        }
                        fail_generic();
                    }
                    g->end = tok().end_pos();
                    c->args.push_back(std::move(g));
                    break;
                }
                if (seen_kw || seen_kwunpack) {
                    if (inv()) {
                        // the rest of the arguments are parsed before the error is raised
                        while (check(Tok::Comma) && type(1) != Tok::RPar) {
                            const bool ok = speculate([&] {
                                advance();
                                if (accept(Tok::Star) || accept(Tok::DoubleStar)) {
                                    expression();
                                } else {
                                    if (check(Tok::Name) && type(1) == Tok::Equal) {
                                        advance();
                                        advance();
                                    }
                                    expression();
                                }
                            });
                            if (!ok) break;
                        }
                        tok(); // the lookahead after the arguments
                        raise_last(seen_kwunpack
                                       ? "positional argument follows keyword argument unpacking"
                                       : "positional argument follows keyword argument");
                    }
                    fail_generic();
                }
                c->args.push_back(std::move(e));
            }
            if (!accept(Tok::Comma)) break;
        }
        c->end = expect(Tok::RPar).end_pos();
        return c;
    }

    const Expr& last_comprehension_item(const std::vector<CompFor>& gens) {
        const CompFor& last = gens.back();
        if (!last.ifs.empty()) return *last.ifs.back();
        return *last.iter;
    }

    // for_if_clauses: ('for' star_targets 'in' ~ disjunction ('if' disjunction)*)+
    void comprehension_clauses(std::vector<CompFor>& out) {
        while (check(Tok::KwFor) || check(Tok::KwAsync)) {
            if (check(Tok::KwAsync)) {
                note_unsupported(tok(), "async comprehensions are");
                advance();
                if (!check(Tok::KwFor)) fail_generic();
            }
            advance();
            const std::size_t after_for = i_;
            CompFor c;
            bool ok = speculate([&] {
                c.target = star_targets();
                expect(Tok::KwIn);
            });
            if (!ok) {
                invalid_for_target(after_for);
                fail_generic();
            }
            c.iter = disjunction();
            while (accept(Tok::KwIf)) c.ifs.push_back(disjunction());
            out.push_back(std::move(c));
        }
    }

    ExprPtr atom() {
        const Token& t = tok();
        switch (t.type) {
        case Tok::Name: {
            advance();
            auto n = make<Name>(t.pos());
            n->id = ident(t);
            n->end = t.end_pos();
            return n;
        }
        case Tok::KwTrue:
        case Tok::KwFalse:
        case Tok::KwNone:
        case Tok::Ellipsis: {
            advance();
            auto c = make<Constant>(t.pos());
            c->value = t.type == Tok::KwTrue    ? ConstantKind::True
                       : t.type == Tok::KwFalse ? ConstantKind::False
                       : t.type == Tok::KwNone  ? ConstantKind::None
                                                : ConstantKind::Ellipsis;
            c->end = t.end_pos();
            return c;
        }
        case Tok::Number:
            advance();
            return number(t);
        case Tok::String:
            return strings();
        case Tok::LPar:
            return paren_atom();
        case Tok::LSqb:
            return list_atom();
        case Tok::LBrace:
            return brace_atom();
        default:
            fail_generic();
        }
    }

    // '(' / '[' atoms: in the second pass a failure tries invalid_comprehension (genexp and
    // listcomp alternatives) before giving up.
    ExprPtr paren_atom() {
        if (!inv()) return paren_atom_body();
        const std::size_t start = i_;
        ExprPtr r;
        if (speculate([&] { r = paren_atom_body(); })) return r;
        // invalid_group: '(' a=starred_expression ')' | '(' a='**' expression ')'
        i_ = start;
        speculate([&] {
            advance();
            const Token& st = tok();
            if (st.type != Tok::Star && st.type != Tok::DoubleStar) fail_generic();
            advance();
            auto a = make<Starred>(st.pos());
            a->value = expression();
            a->end = prev_end();
            expect(Tok::RPar);
            if (st.type == Tok::Star) raise_expr(*a, "cannot use starred expression here");
            raise_tok(st, "cannot use double starred expression here");
        });
        i_ = start;
        invalid_comprehension();
        fail_generic();
    }

    ExprPtr list_atom() {
        if (!inv()) return list_atom_body();
        const std::size_t start = i_;
        ExprPtr r;
        if (speculate([&] { r = list_atom_body(); })) return r;
        i_ = start;
        invalid_comprehension();
        fail_generic();
    }

    ExprPtr paren_atom_body() {
        Deeper d(*this);
        const Token& lp = advance();
        if (check(Tok::RPar)) {
            auto t = make<Sequence>(lp.pos(), ExprKind::Tuple);
            t->end = advance().end_pos();
            return t;
        }
        if (check(Tok::KwYield)) {
            ExprPtr y = yield_expr();
            expect(Tok::RPar);
            return y;
        }
        if (check(Tok::DoubleStar)) {
            // invalid_group: '(' a='**' expression ')'
            if (inv()) {
                const Token& ds = tok();
                speculate([&] {
                    advance();
                    expression();
                    expect(Tok::RPar);
                    raise_tok(ds, "cannot use double starred expression here");
                });
            }
            fail_generic();
        }
        ExprPtr e = star_named_expression();
        if (check(Tok::KwFor)) {
            if (e->kind == ExprKind::Starred) {
                if (inv()) {
                    speculate([&] {
                        std::vector<CompFor> gens;
                        comprehension_clauses(gens);
                        raise_expr(*e, "iterable unpacking cannot be used in comprehension");
                    });
                }
                fail_generic();
            }
            auto g = make<Comp>(lp.pos(), ExprKind::GeneratorExp);
            g->elt = std::move(e);
            comprehension_clauses(g->generators);
            g->end = expect(Tok::RPar).end_pos();
            return g;
        }
        if (check(Tok::Comma)) {
            auto t = make<Sequence>(lp.pos(), ExprKind::Tuple);
            t->elts.push_back(std::move(e));
            while (accept(Tok::Comma)) {
                if (check(Tok::RPar)) break;
                t->elts.push_back(star_named_expression());
            }
            t->end = expect(Tok::RPar).end_pos();
            return t;
        }
        if (!check(Tok::RPar)) fail_generic();
        if (e->kind == ExprKind::Starred) {
            // invalid_group: '(' a=starred_expression ')'
            if (inv()) raise_expr(*e, "cannot use starred expression here");
            fail_generic();
        }
        advance();
        return e; // a group keeps the positions of its content, as in CPython
    }

    ExprPtr list_atom_body() {
        Deeper d(*this);
        const Token& lb = advance();
        auto l = make<Sequence>(lb.pos(), ExprKind::List);
        if (accept(Tok::RSqb)) {
            l->end = prev_end();
            return l;
        }
        ExprPtr e = star_named_expression();
        if (check(Tok::KwFor)) {
            if (e->kind == ExprKind::Starred) {
                if (inv()) {
                    speculate([&] {
                        std::vector<CompFor> gens;
                        comprehension_clauses(gens);
                        raise_expr(*e, "iterable unpacking cannot be used in comprehension");
                    });
                }
                fail_generic();
            }
            auto c = make<Comp>(lb.pos(), ExprKind::ListComp);
            c->elt = std::move(e);
            comprehension_clauses(c->generators);
            c->end = expect(Tok::RSqb).end_pos();
            return c;
        }
        l->elts.push_back(std::move(e));
        while (accept(Tok::Comma)) {
            if (check(Tok::RSqb)) break;
            if (check(Tok::KwFor)) comprehension_target_error(*l, true);
            l->elts.push_back(star_named_expression());
        }
        if (check(Tok::KwFor) && l->elts.size() > 1) comprehension_target_error(*l, false);
        l->end = expect(Tok::RSqb).end_pos();
        return l;
    }

    // invalid_comprehension at a '[', '(' or '{' (the current token)
    void invalid_comprehension() {
        const bool paren = check(Tok::LPar);
        const std::size_t save = i_;
        // ('[' | '(' | '{') a=starred_expression for_if_clauses
        speculate([&] {
            advance();
            if (!check(Tok::Star)) fail_generic();
            const Token& st = advance();
            auto a = make<Starred>(st.pos());
            a->value = expression();
            a->end = prev_end();
            std::vector<CompFor> gens;
            comprehension_clauses(gens);
            if (gens.empty()) fail_generic();
            raise_expr(*a, "iterable unpacking cannot be used in comprehension");
        });
        i_ = save;
        if (paren) return;
        // ('[' | '{') a=star_named_expression ',' b=star_named_expressions for_if_clauses
        // ('[' | '{') a=star_named_expression b=',' for_if_clauses
        speculate([&] {
            advance();
            ExprPtr a = star_named_expression();
            const Token& comma = expect(Tok::Comma);
            Pos last_end = comma.end_pos();
            bool more = false;
            while (starts_expression(type()) || check(Tok::Star)) {
                last_end = star_named_expression()->end;
                more = true;
                if (!accept(Tok::Comma)) break;
            }
            std::vector<CompFor> gens;
            comprehension_clauses(gens);
            if (gens.empty()) fail_generic();
            raise_at(a->pos, "did you forget parentheses around the comprehension target?",
                     more ? last_end : comma.end_pos());
        });
        i_ = save;
    }

    // invalid_comprehension alternatives 2 and 3: "[a, b for ...]" and "[a, for ...]"
    void comprehension_target_error(const Sequence& l, bool trailing_comma) {
        if (inv()) {
            const Token& comma = prev();
            speculate([&] {
                std::vector<CompFor> gens;
                comprehension_clauses(gens);
                if (trailing_comma && l.elts.size() == 1)
                    raise_at(l.elts.front()->pos,
                             "did you forget parentheses around the comprehension target?",
                             comma.end_pos());
                raise_at(l.elts.front()->pos,
                         "did you forget parentheses around the comprehension target?",
                         l.elts.back()->end);
            });
        }
        fail_generic();
    }

    ExprPtr brace_atom() {
        Deeper d(*this);
        const std::size_t key = i_ * 4 + (diag_ ? 2 : 0) + (no_invalid_ ? 1 : 0);
        if (brace_fail_.count(key)) fail_generic(); // known to fail here (avoids re-parsing)
        const Token& lb = advance();
        const std::size_t after = i_;
        ExprPtr r;
        if (speculate([&] { r = brace_body(lb); })) return r;
        // '{' invalid_double_starred_kvpairs '}': not guarded, runs in the first pass too
        i_ = after;
        invalid_double_starred_kvpairs();
        if (inv()) {
            // the set alternative: '{' star_named_expressions '}' (its invalid_ rules may apply)
            i_ = after;
            speculate([&] {
                for (;;) {
                    star_named_expression();
                    if (!accept(Tok::Comma) || check(Tok::RBrace)) break;
                }
            });
            // setcomp: ... | invalid_comprehension
            i_ = after - 1;
            invalid_comprehension();
        }
        brace_fail_.insert(key);
        fail_generic();
    }

    void invalid_double_starred_kvpairs() {
        const std::size_t start = i_;
        auto kvpair = [&] {
            if (accept(Tok::DoubleStar)) {
                bitwise_or();
                return;
            }
            expression();
            expect(Tok::Colon);
            expression();
        };
        // ','.double_starred_kvpair+ ',' invalid_kvpair
        speculate([&] {
            kvpair();
            for (;;) {
                const std::size_t save = i_;
                if (!speculate([&] {
                        expect(Tok::Comma);
                        kvpair();
                    })) {
                    i_ = save;
                    break;
                }
            }
            expect(Tok::Comma);
            invalid_kvpair();
            fail_generic();
        });
        i_ = start;
        // expression ':' a='*' bitwise_or | expression a=':' &('}'|',')
        speculate([&] {
            expression();
            const Token& colon = expect(Tok::Colon);
            if (check(Tok::Star)) {
                const Token& st = advance();
                bitwise_or();
                raise_at(st.pos(), "cannot use a starred expression in a dictionary value");
            }
            if (check(Tok::RBrace) || check(Tok::Comma))
                raise_tok(colon, "expression expected after dictionary key and ':'");
            fail_generic();
        });
        i_ = start;
    }

    void invalid_kvpair() {
        const std::size_t start = i_;
        // a=expression !(':')
        speculate([&] {
            ExprPtr a = expression();
            if (check(Tok::Colon)) fail_generic();
            raise_at({a->pos.line, a->end.col - 1}, "':' expected after dictionary key",
                     {a->end.line, 0});
        });
        i_ = start;
        speculate([&] {
            expression();
            const Token& colon = expect(Tok::Colon);
            if (check(Tok::Star)) {
                const Token& st = advance();
                bitwise_or();
                raise_at(st.pos(), "cannot use a starred expression in a dictionary value");
            }
            if (check(Tok::RBrace) || check(Tok::Comma))
                raise_tok(colon, "expression expected after dictionary key and ':'");
            fail_generic();
        });
        i_ = start;
    }

    // After '{': dict, dict comprehension, set display or set comprehension.
    ExprPtr brace_body(const Token& lb) {
        auto dict = make<Dict>(lb.pos());
        if (accept(Tok::RBrace)) {
            dict->end = prev_end();
            return dict;
        }
        if (check(Tok::DoubleStar)) {
            const Token& ds = advance();
            DictItem it;
            it.value = bitwise_or();
            if (check(Tok::KwFor)) {
                if (inv()) {
                    speculate([&] {
                        std::vector<CompFor> gens;
                        comprehension_clauses(gens);
                        expect(Tok::RBrace);
                        raise_tok(ds, "dict unpacking cannot be used in dict comprehension");
                    });
                }
                fail_generic();
            }
            dict->items.push_back(std::move(it));
        } else {
            ExprPtr key;
            if (check(Tok::Star) || (check(Tok::Name) && type(1) == Tok::ColonEqual)) {
                key = star_named_expression();
            } else {
                key = expression();
            }
            if (!check(Tok::Colon) || key->kind == ExprKind::Starred) {
                // set display or set comprehension (not supported)
                if (check(Tok::KwFor) && key->kind != ExprKind::Starred) {
                    note_unsupported(lb, "set comprehensions are");
                    std::vector<CompFor> gens;
                    comprehension_clauses(gens);
                } else {
                    note_unsupported(lb, "set displays are");
                    while (accept(Tok::Comma)) {
                        if (check(Tok::RBrace)) break;
                        star_named_expression();
                    }
                }
                dict->end = expect(Tok::RBrace).end_pos();
                return dict;
            }
            advance();
            ExprPtr value = dict_value(*key);
            if (check(Tok::KwFor)) {
                auto c = make<Comp>(lb.pos(), ExprKind::DictComp);
                c->key = std::move(key);
                c->value = std::move(value);
                comprehension_clauses(c->generators);
                c->end = expect(Tok::RBrace).end_pos();
                return c;
            }
            DictItem it;
            it.key = std::move(key);
            it.value = std::move(value);
            dict->items.push_back(std::move(it));
        }
        while (accept(Tok::Comma)) {
            if (check(Tok::RBrace)) break;
            DictItem it;
            if (accept(Tok::DoubleStar)) {
                it.value = bitwise_or();
            } else {
                it.key = expression();
                expect(Tok::Colon);
                it.value = dict_value(*it.key);
            }
            dict->items.push_back(std::move(it));
        }
        dict->end = expect(Tok::RBrace).end_pos();
        return dict;
    }

    ExprPtr dict_value(const Expr&) { return expression(); }

    // ---------------------------------------------------------------- literals

    ExprPtr number(const Token& t) {
        std::string_view raw = text(t);
        std::string s;
        s.reserve(raw.size());
        for (char c : raw)
            if (c != '_') s += c;
        const char last = s.back();
        if (last == 'j' || last == 'J') {
            note_unsupported(t, "complex numbers are");
            auto f = make<Float>(t.pos());
            f->end = t.end_pos();
            return f;
        }
        int base = 10;
        std::size_t digits = 0;
        if (s.size() > 1 && s[0] == '0') {
            const char x = s[1];
            if (x == 'x' || x == 'X') base = 16, digits = 2;
            if (x == 'o' || x == 'O') base = 8, digits = 2;
            if (x == 'b' || x == 'B') base = 2, digits = 2;
        }
        if (base == 10 && s.find_first_of(".eE") != std::string::npos) {
            auto f = make<Float>(t.pos());
            f->end = t.end_pos();
            f->value = parse_float(s);
            return f;
        }
        auto n = make<Int>(t.pos());
        n->end = t.end_pos();
        const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1;
        uint64_t v = 0;
        bool over = false;
        for (std::size_t k = digits; k < s.size(); ++k) {
            const int d = hex_val(static_cast<unsigned char>(s[k]));
            if (v > (limit - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) {
                over = true;
                break;
            }
            v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
        }
        if (over || v > limit) {
            n->too_big = true;
        } else if (v == limit) {
            n->too_big = true; // 2**63: only valid negated (see factor)
            n->value = std::numeric_limits<int64_t>::min();
        } else {
            n->value = static_cast<int64_t>(v);
        }
        return n;
    }

    static double parse_float(const std::string& s) {
        double d = 0.0;
        if (std::from_chars(s.data(), s.data() + s.size(), d).ec ==
            std::errc::result_out_of_range) {
            // estimate the decimal magnitude: overflow gives inf, underflow 0.0
            long exp = 0;
            std::size_t epos = s.find_first_of("eE");
            std::string mant = s.substr(0, epos);
            if (epos != std::string::npos) {
                const char* b = s.data() + epos + 1;
                const char* e = s.data() + s.size();
                if (*b == '+') ++b;
                long long ev = 0;
                auto r = std::from_chars(b, e, ev);
                if (r.ec == std::errc::result_out_of_range) ev = (*b == '-') ? -1000000 : 1000000;
                exp = static_cast<long>(std::clamp<long long>(ev, -10000000, 10000000));
            }
            std::size_t dot = mant.find('.');
            std::string ip = mant.substr(0, dot);
            std::string fp = dot == std::string::npos ? "" : mant.substr(dot + 1);
            std::size_t nz = ip.find_first_not_of('0');
            long mag;
            if (nz != std::string::npos) {
                mag = static_cast<long>(ip.size() - nz) + exp;
            } else {
                std::size_t fz = fp.find_first_not_of('0');
                if (fz == std::string::npos) return 0.0;
                mag = -static_cast<long>(fz) + exp;
            }
            return mag > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        }
        return d;
    }

    struct StrTok {
        const Token* tok;
        bool bytes = false, raw = false, f = false;
        std::size_t body_begin = 0, body_end = 0;
    };

    static StrTok split_string(std::string_view src, const Token& t) {
        StrTok st;
        st.tok = &t;
        std::size_t p = t.start;
        while (src[p] != '\'' && src[p] != '"') {
            const char c = src[p];
            if (c == 'b' || c == 'B') st.bytes = true;
            if (c == 'r' || c == 'R') st.raw = true;
            if (c == 'f' || c == 'F') st.f = true;
            ++p;
        }
        const char q = src[p];
        std::size_t qs = 1;
        if (p + 2 < t.end && src[p + 1] == q && src[p + 2] == q && t.end - p >= 6) qs = 3;
        st.body_begin = p + qs;
        st.body_end = t.end - qs;
        return st;
    }

    // Error while building the strings node: CPython raises it at the token after the strings.
    [[noreturn]] void string_error(const std::string& msg) { raise_last(msg); }

    ExprPtr strings() {
        std::vector<StrTok> parts;
        while (check(Tok::String)) parts.push_back(split_string(src_, advance()));
        tok(); // the lookahead that ended STRING+
        const Pos pos = parts.front().tok->pos();
        const Pos end = parts.back().tok->end_pos();
        bool any_f = false;
        bool bytesmode = false;
        std::string value;
        std::vector<FStringPart> fparts;
        for (std::size_t k = 0; k < parts.size(); ++k) {
            const StrTok& st = parts[k];
            std::string decoded;
            if (!st.f && !st.bytes) decode_literal(st.body_begin, st.body_end, st.raw, decoded);
            if (k != 0 && bytesmode != st.bytes)
                string_error("cannot mix bytes and nonbytes literals");
            bytesmode = st.bytes;
            if (st.bytes)
                for (std::size_t q = st.body_begin; q < st.body_end; ++q)
                    if (static_cast<unsigned char>(src_[q]) >= 0x80)
                        raise_tok(*st.tok, "bytes can only contain ASCII literal characters");
            if (st.f) {
                any_f = true;
                Cursor cur{st.tok->start, st.tok->line, st.tok->col};
                std::size_t s = st.body_begin;
                fstring_body(*st.tok, s, st.body_end, st.raw, 0, fparts, cur);
            } else if (!st.bytes) {
                if (any_f) {
                    append_literal(fparts, decoded, st.tok->pos());
                } else {
                    value += decoded;
                }
            }
        }
        if (bytesmode) note_unsupported(*parts.front().tok, "bytes literals are");
        if (!any_f) {
            auto s = make<Str>(pos);
            s->end = end;
            s->value = std::move(value);
            return s;
        }
        auto f = make<FString>(pos);
        f->end = end;
        // literal text of plain strings before the first f-string
        if (!value.empty()) {
            FStringPart p;
            p.literal = std::move(value);
            p.pos = pos;
            fparts.insert(fparts.begin(), std::move(p));
            // merge with a following literal
            if (fparts.size() > 1 && !fparts[1].value) {
                fparts[0].literal += fparts[1].literal;
                fparts.erase(fparts.begin() + 1);
            }
        }
        f->parts = std::move(fparts);
        return f;
    }

    static void append_literal(std::vector<FStringPart>& parts, const std::string& s, Pos pos) {
        if (s.empty()) return;
        if (!parts.empty() && !parts.back().value) {
            parts.back().literal += s;
            return;
        }
        FStringPart p;
        p.literal = s;
        p.pos = pos;
        parts.push_back(std::move(p));
    }

    // Decodes the body of a (non-bytes) string literal, CPython's decode_unicode_with_escapes.
    void decode_literal(std::size_t b, std::size_t e, bool raw, std::string& out) {
        out.reserve(e - b);
        if (raw) {
            out.append(src_.substr(b, e - b));
            return;
        }
        // `toff` is the offset CPython reports in "(unicode error)" messages: it counts a
        // non-ASCII character as the 10 bytes of its \UXXXXXXXX form.
        std::size_t toff = 0;
        std::size_t i = b;
        auto uerr = [&](std::size_t start, std::size_t stop, const char* what) {
            std::string m =
                "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                std::to_string(start) + "-" + std::to_string(stop - 1) + ": " + what;
            string_error(m);
        };
        while (i < e) {
            const unsigned char c = static_cast<unsigned char>(src_[i]);
            if (c != '\\') {
                if (c < 0x80) {
                    out += static_cast<char>(c);
                    ++i;
                    ++toff;
                } else {
                    int len = 1;
                    lex::decode_utf8(src_, i, len);
                    out.append(src_.substr(i, len));
                    i += len;
                    toff += 10;
                }
                continue;
            }
            const std::size_t esc_start = toff;
            ++i;
            ++toff;
            if (i >= e) {
                out += '\\';
                break;
            }
            const unsigned char n = static_cast<unsigned char>(src_[i]);
            if (n >= 0x80) { // backslash before a non-ASCII character: kept
                out += '\\';
                toff += 5;
                continue;
            }
            ++i;
            ++toff;
            switch (n) {
            case '\n':
                break;
            case '\\':
                out += '\\';
                break;
            case '\'':
                out += '\'';
                break;
            case '"':
                out += '"';
                break;
            case 'a':
                out += '\a';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'v':
                out += '\v';
                break;
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7': {
                char32_t v = n - '0';
                for (int k = 0; k < 2 && i < e && src_[i] >= '0' && src_[i] <= '7'; ++k) {
                    v = v * 8 + static_cast<char32_t>(src_[i] - '0');
                    ++i;
                    ++toff;
                }
                lex::append_utf8(out, v);
                break;
            }
            case 'x':
            case 'u':
            case 'U': {
                const int count = n == 'x' ? 2 : n == 'u' ? 4 : 8;
                const char* msg = n == 'x'   ? "truncated \\xXX escape"
                                  : n == 'u' ? "truncated \\uXXXX escape"
                                             : "truncated \\UXXXXXXXX escape";
                char32_t v = 0;
                for (int k = 0; k < count; ++k) {
                    if (i >= e || !is_hex(static_cast<unsigned char>(src_[i])))
                        uerr(esc_start, toff, msg);
                    v = v * 16 +
                        static_cast<char32_t>(hex_val(static_cast<unsigned char>(src_[i])));
                    ++i;
                    ++toff;
                }
                if (v > 0x10FFFF) uerr(esc_start, toff, "illegal Unicode character");
                if (v >= 0xD800 && v <= 0xDFFF) {
                    note_unsupported(prev(), "lone surrogates in strings are");
                    v = 0xFFFD;
                }
                lex::append_utf8(out, v);
                break;
            }
            case 'N':
                if (i < e && src_[i] == '{') {
                    std::size_t close = i;
                    while (close < e && src_[close] != '}') ++close;
                    if (close < e) {
                        note_unsupported(prev(), "\\N{...} escapes are");
                        toff += close + 1 - i;
                        i = close + 1;
                        break;
                    }
                }
                uerr(esc_start, toff, "malformed \\N character escape");
                break;
            default:
                out += '\\'; // invalid escape: kept (CPython only warns)
                out += static_cast<char>(n);
            }
        }
    }

    // Position inside a string token, moving forward only.
    struct Cursor {
        std::size_t off;
        int line, col;
    };
    Pos pos_in(Cursor& c, std::size_t off) {
        while (c.off < off) {
            const unsigned char b = static_cast<unsigned char>(src_[c.off]);
            if (b == '\n') {
                ++c.line;
                c.col = 1;
            } else if ((b & 0xC0) != 0x80) {
                ++c.col;
            }
            ++c.off;
        }
        // a continuation byte never starts a position we ask for
        return {c.line, c.col};
    }

    // The f-string parser of CPython 3.11 (Parser/string_parser.c): fstring_find_literal,
    // fstring_find_expr and _PyPegen_FstringParser_ConcatFstring.
    // Returns the position where parsing stopped (end, or a '}' when recurse_lvl > 0).
    std::size_t fstring_body(const Token& t, std::size_t s, std::size_t end, bool raw,
                             int recurse_lvl, std::vector<FStringPart>& out, Cursor& cur) {
        for (;;) {
            // literal
            const std::size_t literal_start = s;
            std::size_t literal_end = s;
            bool doubled = false;
            while (s < end) {
                char ch = src_[s++];
                if (!raw && ch == '\\' && s < end) {
                    ch = src_[s++];
                    if (ch == 'N') {
                        if (s < end && src_[s++] == '{') {
                            while (s < end && src_[s++] != '}') {
                            }
                        }
                        continue;
                    }
                }
                if (ch == '{' || ch == '}') {
                    if (recurse_lvl == 0) {
                        if (s < end && src_[s] == ch) {
                            literal_end = s;
                            s = s + 1;
                            doubled = true;
                            break;
                        }
                        if (ch == '}') string_error("f-string: single '}' is not allowed");
                    }
                    --s;
                    break;
                }
            }
            if (!doubled) literal_end = s;
            if (literal_end > literal_start) {
                std::string lit;
                const Pos lp = pos_in(cur, literal_start);
                decode_literal(literal_start, literal_end, raw, lit);
                append_literal(out, lit, lp);
            }
            if (doubled) continue;
            if (s >= end || src_[s] == '}') break;
            // expression at '{'
            s = fstring_expr(t, s, end, raw, recurse_lvl, out, cur);
        }
        if (recurse_lvl != 0 && (s >= end || src_[s] != '}'))
            string_error("f-string: expecting '}'");
        return s;
    }

    std::size_t fstring_expr(const Token& t, std::size_t s, std::size_t end, bool raw,
                             int recurse_lvl, std::vector<FStringPart>& out, Cursor& cur) {
        if (recurse_lvl >= 2) string_error("f-string: expressions nested too deeply");
        ++s; // '{'
        const std::size_t expr_start = s;
        char quote_char = 0;
        int string_type = 0;
        std::vector<char> parens;
        for (; s < end; ++s) {
            const char ch = src_[s];
            if (ch == '\\') string_error("f-string expression part cannot include a backslash");
            if (quote_char) {
                if (ch == quote_char) {
                    if (string_type == 3) {
                        if (s + 2 < end && src_[s + 1] == ch && src_[s + 2] == ch) {
                            s += 2;
                            string_type = 0;
                            quote_char = 0;
                            continue;
                        }
                    } else {
                        string_type = 0;
                        quote_char = 0;
                        continue;
                    }
                }
                continue;
            }
            if (ch == '\'' || ch == '"') {
                if (s + 2 < end && src_[s + 1] == ch && src_[s + 2] == ch) {
                    string_type = 3;
                    s += 2;
                } else {
                    string_type = 1;
                }
                quote_char = ch;
            } else if (ch == '[' || ch == '{' || ch == '(') {
                if (parens.size() >= 200) string_error("f-string: too many nested parenthesis");
                parens.push_back(ch);
            } else if (ch == '#') {
                string_error("f-string expression part cannot include '#'");
            } else if (parens.empty() && (ch == '!' || ch == ':' || ch == '}' || ch == '=' ||
                                          ch == '>' || ch == '<')) {
                if (s + 1 < end) {
                    const char next = src_[s + 1];
                    if ((ch == '!' && next == '=') || (ch == '=' && next == '=') ||
                        (ch == '<' && next == '=') || (ch == '>' && next == '=')) {
                        ++s;
                        continue;
                    }
                }
                if (ch == '>' || ch == '<') continue;
                break;
            } else if (ch == ']' || ch == '}' || ch == ')') {
                if (parens.empty()) string_error(std::string("f-string: unmatched '") + ch + "'");
                const char opening = parens.back();
                parens.pop_back();
                if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']') ||
                      (opening == '{' && ch == '}')))
                    string_error(std::string("f-string: closing parenthesis '") + ch +
                                 "' does not match opening parenthesis '" + opening + "'");
            }
        }
        const std::size_t expr_end = s;
        if (quote_char) string_error("f-string: unterminated string");
        if (!parens.empty())
            string_error(std::string("f-string: unmatched '") + parens.back() + "'");
        if (s >= end) string_error("f-string: expecting '}'");

        // fstring_compile_expr
        std::size_t w = expr_start;
        while (w < expr_end &&
               (src_[w] == ' ' || src_[w] == '\t' || src_[w] == '\n' || src_[w] == '\f'))
            ++w;
        if (w == expr_end) {
            const char c = src_[expr_end];
            if (c == '!' || c == ':' || c == '=')
                string_error(std::string("f-string: expression required before '") + c + "'");
            string_error("f-string: empty expression not allowed");
        }
        const Pos epos = pos_in(cur, expr_start);
        ExprPtr value = fstring_subexpr(expr_start, expr_end, epos);

        FStringPart part;
        part.pos = value->pos;
        part.value = std::move(value);
        bool self_doc = false;
        if (src_[s] == '=') {
            ++s;
            while (s < end && (src_[s] == ' ' || src_[s] == '\t' || src_[s] == '\n' ||
                               src_[s] == '\r' || src_[s] == '\f' || src_[s] == '\v'))
                ++s;
            if (s >= end) string_error("f-string: expecting '}'");
            self_doc = true;
            append_literal(out, std::string(src_.substr(expr_start, s - expr_start)),
                           pos_in(cur, expr_start));
        }
        int conversion = -1;
        if (src_[s] == '!') {
            ++s;
            if (s >= end) string_error("f-string: expecting '}'");
            conversion = static_cast<unsigned char>(src_[s]);
            ++s;
            if (!(conversion == 's' || conversion == 'r' || conversion == 'a'))
                string_error("f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
        bool has_spec = false;
        if (s < end && src_[s] == ':') {
            ++s;
            if (s >= end) string_error("f-string: expecting '}'");
            has_spec = true;
            std::vector<FStringPart> spec;
            s = fstring_body(t, s, end, raw, recurse_lvl + 1, spec, cur);
            bool literal_only = true;
            for (const auto& p : spec)
                if (p.value) literal_only = false;
            if (literal_only) {
                for (const auto& p : spec) part.format_spec += p.literal;
            } else {
                auto fs = make<FString>(spec.front().pos);
                fs->end = fs->pos;
                fs->parts = std::move(spec);
                part.format_spec_expr = std::move(fs);
            }
        }
        if (s >= end || src_[s] != '}') string_error("f-string: expecting '}'");
        ++s;
        if (self_doc && !has_spec && conversion == -1) conversion = 'r';
        part.conversion = conversion == -1 ? 0 : static_cast<char>(conversion);
        out.push_back(std::move(part));
        return s;
    }

    ExprPtr fstring_subexpr(std::size_t b, std::size_t e, Pos pos) {
        lex::LexResult lr = lex::tokenize(src_, lex::Mode::FString, b, e, pos);
        Parser sub(src_, lr, class_name_, depth_ + 1, true);
        // CPython 3.11 parses "(" + expression + ")" on its own and reports columns inside
        // that string on the expression's first line.
        auto relocate = [&](SyntaxError& err) {
            if (err.pos.line == pos.line) err.pos.col = err.pos.col - pos.col + 2;
            if (err.end.line == pos.line) err.end.col = err.end.col - pos.col + 2;
        };
        try {
            ExprPtr r = sub.parse_fstring_expr();
            for (auto& u : sub.unsupported_list()) unsupported_.push_back(std::move(u));
            return r;
        } catch (ParseFail& pf) {
            SyntaxError err = pf.err;
            bool from_parser = true;
            if (lr.error) { // a tokenizer error later in the expression wins, as in CPython
                const lex::LexError& le = *lr.error;
                if (le.severity == lex::ErrorSeverity::Hard) {
                    err = le.error;
                    from_parser = false;
                }
            }
            if (from_parser && err.message.rfind("f-string", 0) != 0)
                err.message = "f-string: " + err.message;
            relocate(err);
            throw ParseFail{std::move(err), true};
        } catch (SyntaxError& se) {
            SyntaxError err = se;
            relocate(err);
            throw ParseFail{std::move(err), true};
        }
    }
};

// ---------------------------------------------------------------------------------------------
// Scope analysis (CPython's symtable) and compile-time checks (CPython's compiler errors).

enum SymFlag : unsigned {
    DefLocal = 1,
    DefParam = 2,
    Use = 4,
    DefGlobal = 8,
    DefNonlocal = 16,
    DefImport = 32,
};

struct Scope {
    enum Kind { Module, Function, Comprehension } kind = Module;
    ScopeInfo* info = nullptr;
    std::vector<std::string> order; // first appearance
    std::unordered_map<std::string, unsigned> flags;
    std::unordered_map<std::string, Pos> directive_pos; // global/nonlocal statements
    std::vector<std::unique_ptr<Scope>> children;
    Scope* parent = nullptr;
    bool uses_class = false;
    std::vector<std::string> params; // in CPython's order
};

class SymtableBuilder {
  public:
    void run_module(const StmtList& body) {
        root_.kind = Scope::Module;
        cur_ = &root_;
        for (const auto& s : body) stmt(*s);
    }
    void run_expr(const Expr& e) {
        root_.kind = Scope::Module;
        cur_ = &root_;
        expr(e);
    }
    void analyze() { analyze_scope(root_, nullptr); }

  private:
    Scope root_;
    Scope* cur_ = nullptr;

    [[noreturn]] static void error(const std::string& msg, Pos p, Pos end = {0, 0}) {
        SyntaxError e(msg, p);
        e.end = end;
        throw e;
    }

    void add(const std::string& name, unsigned flag, Pos pos) {
        auto it = cur_->flags.find(name);
        if (it == cur_->flags.end()) {
            cur_->order.push_back(name);
            it = cur_->flags.emplace(name, 0u).first;
        }
        if ((flag & DefParam) && (it->second & DefParam))
            error("duplicate argument '" + name + "' in function definition", pos);
        it->second |= flag;
        if (flag & DefParam) cur_->params.push_back(name);
    }

    unsigned lookup(const std::string& name) {
        auto it = cur_->flags.find(name);
        return it == cur_->flags.end() ? 0u : it->second;
    }

    Scope* enter(Scope::Kind kind, ScopeInfo* info) {
        auto s = std::make_unique<Scope>();
        s->kind = kind;
        s->info = info;
        s->parent = cur_;
        Scope* raw = s.get();
        cur_->children.push_back(std::move(s));
        if (cur_->info) cur_->info->has_nested_scopes = true;
        cur_ = raw;
        return raw;
    }
    void leave() { cur_ = cur_->parent; }

    void body(const StmtList& b) {
        for (const auto& s : b) stmt(*s);
    }

    void target(const Expr& e) {
        switch (e.kind) {
        case ExprKind::Name:
            add(e.as<Name>().id, DefLocal, e.pos);
            break;
        case ExprKind::Tuple:
        case ExprKind::List:
            for (const auto& x : e.as<Sequence>().elts) target(*x);
            break;
        case ExprKind::Starred:
            target(*e.as<Starred>().value);
            break;
        default:
            expr(e);
            break; // Attribute / Subscript: their parts are loads
        }
    }

    void function(FunctionDef& f) {
        // defaults and annotations are evaluated in the enclosing scope
        for (const auto& p : f.params.positional)
            if (p.default_value) expr(*p.default_value);
        for (const auto& p : f.params.kwonly)
            if (p.default_value) expr(*p.default_value);
        for (const auto& p : f.params.positional)
            if (p.annotation) expr(*p.annotation);
        if (f.params.varargs_annotation) expr(*f.params.varargs_annotation);
        for (const auto& p : f.params.kwonly)
            if (p.annotation) expr(*p.annotation);
        if (f.params.varkw_annotation) expr(*f.params.varkw_annotation);
        if (f.returns) expr(*f.returns);
        enter(Scope::Function, &f);
        for (const auto& p : f.params.positional) add(p.name, DefParam, p.pos);
        for (const auto& p : f.params.kwonly) add(p.name, DefParam, p.pos);
        if (!f.params.varargs.empty()) add(f.params.varargs, DefParam, f.params.varargs_pos);
        if (!f.params.varkw.empty()) add(f.params.varkw, DefParam, f.params.varkw_pos);
        body(f.body);
        leave();
    }

    void stmt(const Stmt& s) {
        switch (s.kind) {
        case StmtKind::Expr:
            expr(*s.as<ExprStmt>().value);
            break;
        case StmtKind::Assign: {
            const auto& a = s.as<Assign>();
            for (const auto& t : a.targets) target(*t);
            expr(*a.value);
            break;
        }
        case StmtKind::AugAssign: {
            const auto& a = s.as<AugAssign>();
            target(*a.target);
            expr(*a.value);
            break;
        }
        case StmtKind::Delete:
            for (const auto& t : s.as<Delete>().targets) target(*t);
            break;
        case StmtKind::Return:
            if (s.as<Return>().value) expr(*s.as<Return>().value);
            break;
        case StmtKind::Pass:
        case StmtKind::Break:
        case StmtKind::Continue:
            break;
        case StmtKind::If: {
            const auto& x = s.as<If>();
            expr(*x.test);
            body(x.body);
            body(x.orelse);
            break;
        }
        case StmtKind::While: {
            const auto& x = s.as<While>();
            expr(*x.test);
            body(x.body);
            body(x.orelse);
            break;
        }
        case StmtKind::For: {
            const auto& x = s.as<For>();
            target(*x.target);
            expr(*x.iter);
            body(x.body);
            body(x.orelse);
            break;
        }
        case StmtKind::Raise: {
            const auto& x = s.as<Raise>();
            if (x.exc) expr(*x.exc);
            if (x.cause) expr(*x.cause);
            break;
        }
        case StmtKind::Try: {
            const auto& x = s.as<Try>();
            body(x.body);
            body(x.orelse);
            for (const auto& h : x.handlers) {
                if (h.type) expr(*h.type);
                if (!h.name.empty()) add(h.name, DefLocal, h.pos);
                body(h.body);
            }
            body(x.finalbody);
            break;
        }
        case StmtKind::Assert: {
            const auto& x = s.as<Assert>();
            expr(*x.test);
            if (x.msg) expr(*x.msg);
            break;
        }
        case StmtKind::FunctionDef: {
            FunctionDef& f = *s.as<Def>().func;
            add(f.local_name, DefLocal, s.pos);
            function(f);
            break;
        }
        case StmtKind::Global:
        case StmtKind::Nonlocal: {
            const bool global = s.kind == StmtKind::Global;
            for (const auto& name : s.as<NameList>().names) {
                const unsigned cur = lookup(name);
                if (cur & (DefParam | DefLocal | Use)) {
                    std::string msg;
                    if (cur & DefParam)
                        msg = "name '" + name + "' is parameter and " +
                              (global ? "global" : "nonlocal");
                    else if (cur & Use)
                        msg = "name '" + name + "' is used prior to " +
                              (global ? "global" : "nonlocal") + " declaration";
                    else
                        msg = "name '" + name + "' is assigned to before " +
                              (global ? "global" : "nonlocal") + " declaration";
                    error(msg, s.pos, s.end);
                }
                add(name, global ? DefGlobal : DefNonlocal, s.pos);
                cur_->directive_pos.emplace(name, s.pos);
                if (cur_->info) {
                    auto& v =
                        global ? cur_->info->globals_declared : cur_->info->nonlocals_declared;
                    if (std::find(v.begin(), v.end(), name) == v.end()) v.push_back(name);
                }
            }
            break;
        }
        case StmtKind::Import: {
            const auto& x = s.as<Import>();
            for (const auto& a : x.names) {
                if (a.name == "*") {
                    if (cur_->kind != Scope::Module)
                        error("import * only allowed at module level", a.pos, a.pos);
                    continue;
                }
                std::string bound =
                    !a.asname.empty() ? a.asname : a.name.substr(0, a.name.find('.'));
                add(bound, DefLocal | DefImport, a.pos);
            }
            break;
        }
        }
    }

    void comprehension(const Comp& c) {
        expr(*c.generators.front().iter);
        enter(Scope::Comprehension, const_cast<ScopeInfo*>(&c.scope));
        bool first = true;
        for (const auto& g : c.generators) {
            target(*g.target);
            if (!first) expr(*g.iter);
            for (const auto& i : g.ifs) expr(*i);
            first = false;
        }
        if (c.kind == ExprKind::DictComp) {
            expr(*c.value);
            expr(*c.key);
        } else {
            expr(*c.elt);
        }
        leave();
    }

    void expr(const Expr& e) {
        switch (e.kind) {
        case ExprKind::Name: {
            const std::string& id = e.as<Name>().id;
            add(id, Use, e.pos);
            if (id == "super" && cur_->kind != Scope::Module) add("__class__", Use, e.pos);
            break;
        }
        case ExprKind::Constant:
        case ExprKind::Int:
        case ExprKind::Float:
        case ExprKind::Str:
            break;
        case ExprKind::FString:
            for (const auto& p : e.as<FString>().parts) {
                if (p.value) expr(*p.value);
                if (p.format_spec_expr) expr(*p.format_spec_expr);
            }
            break;
        case ExprKind::List:
        case ExprKind::Tuple:
            for (const auto& x : e.as<Sequence>().elts) expr(*x);
            break;
        case ExprKind::Dict:
            for (const auto& it : e.as<Dict>().items) {
                if (it.key) expr(*it.key);
                expr(*it.value);
            }
            break;
        case ExprKind::Attribute:
            expr(*e.as<Attribute>().value);
            break;
        case ExprKind::Subscript:
            expr(*e.as<Subscript>().value);
            expr(*e.as<Subscript>().index);
            break;
        case ExprKind::Slice: {
            const auto& s = e.as<Slice>();
            if (s.lower) expr(*s.lower);
            if (s.upper) expr(*s.upper);
            if (s.step) expr(*s.step);
            break;
        }
        case ExprKind::Call: {
            const auto& c = e.as<Call>();
            expr(*c.func);
            for (const auto& a : c.args) expr(*a);
            for (const auto& k : c.keywords) expr(*k.value);
            break;
        }
        case ExprKind::Lambda: {
            FunctionDef& f = *e.as<Lambda>().func;
            function(f);
            break;
        }
        case ExprKind::Unary:
            expr(*e.as<Unary>().operand);
            break;
        case ExprKind::Binary:
            expr(*e.as<Binary>().left);
            expr(*e.as<Binary>().right);
            break;
        case ExprKind::Compare:
            expr(*e.as<Compare>().left);
            for (const auto& c : e.as<Compare>().ops) expr(*c.right);
            break;
        case ExprKind::BoolOp:
            for (const auto& v : e.as<BoolOp>().values) expr(*v);
            break;
        case ExprKind::IfExp: {
            const auto& x = e.as<IfExp>();
            expr(*x.test);
            expr(*x.body);
            expr(*x.orelse);
            break;
        }
        case ExprKind::Starred:
            expr(*e.as<Starred>().value);
            break;
        case ExprKind::ListComp:
        case ExprKind::DictComp:
        case ExprKind::GeneratorExp:
            comprehension(e.as<Comp>());
            break;
        }
    }

    // analyze_block: `bound` holds the names bound in enclosing function scopes (null at module
    // level). Returns the free names of this scope (to be resolved by the parent).
    std::unordered_set<std::string> analyze_scope(Scope& s,
                                                  const std::unordered_set<std::string>* bound) {
        std::unordered_set<std::string> local, free, global_here;
        std::unordered_set<std::string> newbound;
        if (bound) newbound = *bound;
        for (const auto& name : s.order) {
            const unsigned f = s.flags[name];
            const Pos dpos = s.directive_pos.count(name) ? s.directive_pos[name] : Pos{};
            if ((f & DefGlobal) && (f & DefNonlocal))
                error("name '" + name + "' is nonlocal and global", dpos);
            if (f & DefNonlocal) {
                if (!bound) error("nonlocal declaration not allowed at module level", dpos);
                if (!bound->count(name))
                    error("no binding for nonlocal '" + name + "' found", dpos);
                free.insert(name);
            } else if (f & DefGlobal) {
                global_here.insert(name);
                newbound.erase(name);
            } else if (f & (DefLocal | DefParam)) {
                local.insert(name);
            } else if (bound && bound->count(name)) {
                free.insert(name);
            }
        }
        if (s.kind != Scope::Module)
            for (const auto& n : local) newbound.insert(n);
        // children
        std::unordered_set<std::string> child_free;
        bool child_uses_class = false;
        for (auto& c : s.children) {
            auto cf = analyze_scope(*c, &newbound);
            child_free.insert(cf.begin(), cf.end());
            child_uses_class = child_uses_class || c->uses_class;
        }
        std::vector<std::string> cells;
        for (const auto& n : child_free) {
            if (local.count(n)) {
                cells.push_back(n);
            } else if (s.kind != Scope::Module && !global_here.count(n)) {
                free.insert(n);
            }
        }
        const bool uses_class_here = (s.flags.count("__class__") && !local.count("__class__"));
        s.uses_class = (uses_class_here || child_uses_class) && !local.count("__class__");
        if (s.info) {
            ScopeInfo& info = *s.info;
            info.locals.clear();
            // parameters first, then other bound names in order of first appearance
            for (const auto& p : s.params) info.locals.push_back(p);
            for (const auto& name : s.order)
                if (local.count(name) &&
                    std::find(s.params.begin(), s.params.end(), name) == s.params.end())
                    info.locals.push_back(name);
            info.cellvars.clear();
            for (const auto& name : info.locals)
                if (std::find(cells.begin(), cells.end(), name) != cells.end())
                    info.cellvars.push_back(name);
            info.freevars.clear();
            // order: first appearance in this scope, then names only passed through
            for (const auto& name : s.order)
                if (free.count(name)) info.freevars.push_back(name);
            std::vector<std::string> rest;
            for (const auto& n : free)
                if (!s.flags.count(n)) rest.push_back(n);
            std::sort(rest.begin(), rest.end());
            for (auto& n : rest) info.freevars.push_back(n);
            info.uses_class_cell = s.uses_class;
            if (!s.children.empty()) info.has_nested_scopes = true;
        }
        return free;
    }
};

// CPython's future.c (run before the symbol table): returns the line of the last
// `from __future__ import` at the beginning of the module, or -1.
int check_future(const StmtList& body) {
    static const char* const features[] = {
        "nested_scopes",  "generators",       "division",       "absolute_import", "with_statement",
        "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop",  "annotations"};
    int ff_lineno = -1;
    std::size_t i = 0;
    if (!body.empty() && body[0]->kind == StmtKind::Expr &&
        body[0]->as<ExprStmt>().value->kind == ExprKind::Str)
        i = 1; // docstring
    bool done = false;
    int prev_line = 0;
    for (; i < body.size(); ++i) {
        const Stmt& s = *body[i];
        if (done && s.pos.line > prev_line) return ff_lineno;
        prev_line = s.pos.line;
        const bool future = s.kind == StmtKind::Import && s.as<Import>().is_from &&
                            s.as<Import>().level == 0 && s.as<Import>().module == "__future__";
        if (!future) {
            done = true;
            continue;
        }
        if (done) {
            // (this one is reported with CPython's 0-based col_offset)
            throw SyntaxError("from __future__ imports must occur at the beginning of the file",
                              {s.pos.line, s.pos.col - 1});
        }
        for (const auto& a : s.as<Import>().names) {
            bool known = false;
            for (const char* f : features)
                if (a.name == f) known = true;
            if (known) continue;
            if (a.name == "braces") throw SyntaxError("not a chance", s.pos);
            throw SyntaxError("future feature " + a.name + " is not defined", s.pos);
        }
        ff_lineno = s.pos.line;
    }
    return ff_lineno;
}

// The compiler's checks, in compilation order.
class CompileChecker {
  public:
    explicit CompileChecker(int future_lineno = -1) : future_lineno_(future_lineno) {}
    void run(const StmtList& b) { body(b); }
    void run_expr(const Expr& e) { expr(e); }

  private:
    int loops_ = 0;
    int blocks_ = 0;
    bool in_function_ = false;
    int future_lineno_ = -1;

    // Names referenced in each function scope, in compilation order: CPython numbers its fast
    // locals (co_varnames) in that order, which is the order of locals().
    struct Recorder {
        ScopeInfo* info;
        std::vector<std::string> params;
        std::vector<std::string> order;
        std::unordered_set<std::string> seen;
    };
    std::vector<Recorder> recs_;

    // Active `finally` bodies: CPython compiles a finally body again where a return, break or
    // continue leaves its try (which matters for the order of first references).
    struct Finally {
        const StmtList* body;
        int loops;
    };
    std::vector<Finally> finally_;
    std::unordered_set<const StmtList*> finally_walked_;

    void unwind(bool to_loop) {
        for (std::size_t k = finally_.size(); k-- > 0;) {
            if (to_loop && finally_[k].loops < loops_) break;
            const StmtList* b = finally_[k].body;
            if (!finally_walked_.insert(b).second) continue;
            std::vector<Finally> saved = finally_;
            finally_.resize(k); // the block is popped while its body is compiled
            body(*b);
            finally_ = std::move(saved);
        }
    }

    void ref(const std::string& name) {
        if (recs_.empty()) return;
        Recorder& r = recs_.back();
        if (r.seen.insert(name).second) r.order.push_back(name);
    }

    void begin_scope(ScopeInfo& info, std::vector<std::string> params) {
        recs_.push_back(Recorder{&info, std::move(params), {}, {}});
    }

    // locals = parameters, then the other non-cell locals in compilation order (co_varnames),
    // then the other cell variables sorted (co_cellvars); cellvars and freevars sorted.
    void end_scope() {
        Recorder r = std::move(recs_.back());
        recs_.pop_back();
        ScopeInfo& info = *r.info;
        std::unordered_set<std::string> local(info.locals.begin(), info.locals.end());
        std::vector<std::string> cells = info.cellvars;
        std::sort(cells.begin(), cells.end());
        std::unordered_set<std::string> cellset(cells.begin(), cells.end());
        std::unordered_set<std::string> params(r.params.begin(), r.params.end());
        std::vector<std::string> out = r.params;
        for (const auto& n : r.order)
            if (local.count(n) && !cellset.count(n) && !params.count(n)) out.push_back(n);
        for (const auto& n : cells)
            if (!params.count(n)) out.push_back(n);
        // anything not referenced in compilation order (should not happen) keeps its place
        for (const auto& n : info.locals)
            if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
        info.locals = std::move(out);
        info.cellvars = std::move(cells);
        std::sort(info.freevars.begin(), info.freevars.end());
    }

    static std::vector<std::string> param_names(const FunctionDef& f) {
        std::vector<std::string> v;
        for (const auto& p : f.params.positional) v.push_back(p.name);
        for (const auto& p : f.params.kwonly) v.push_back(p.name);
        if (!f.params.varargs.empty()) v.push_back(f.params.varargs);
        if (!f.params.varkw.empty()) v.push_back(f.params.varkw);
        return v;
    }

    [[noreturn]] static void error(const std::string& msg, Pos p, Pos end = {0, 0}) {
        SyntaxError e(msg, p);
        e.end = end;
        throw e;
    }

    void body(const StmtList& b) {
        for (const auto& s : b) stmt(*s);
    }

    // CPython's CO_MAXBLOCKS
    void push_block(Pos p, Pos end) {
        if (++blocks_ > 20) error("too many statically nested blocks", p, end);
    }
    void push_block(const Stmt& s) { push_block(s.pos, s.end); }

    void forbidden(const std::string& name, Pos p, Pos end, bool del) {
        if (name == "__debug__")
            error(del ? "cannot delete __debug__" : "cannot assign to __debug__", p, end);
    }

    void store(const Expr& e, bool del = false) {
        switch (e.kind) {
        case ExprKind::Name:
            forbidden(e.as<Name>().id, e.pos, e.end, del);
            ref(e.as<Name>().id);
            break;
        case ExprKind::Attribute:
            expr(*e.as<Attribute>().value);
            forbidden(e.as<Attribute>().attr, e.pos, e.end, del);
            break;
        case ExprKind::Subscript:
            expr(*e.as<Subscript>().value);
            expr(*e.as<Subscript>().index);
            break;
        case ExprKind::Tuple:
        case ExprKind::List: {
            const auto& elts = e.as<Sequence>().elts;
            int stars = 0;
            for (const auto& x : elts)
                if (x->kind == ExprKind::Starred) ++stars;
            if (stars > 1 && !del)
                error("multiple starred expressions in assignment", e.pos, e.end);
            for (const auto& x : elts) {
                if (x->kind == ExprKind::Starred)
                    store(*x->as<Starred>().value, del);
                else
                    store(*x, del);
            }
            break;
        }
        case ExprKind::Starred:
            error("starred assignment target must be in a list or tuple", e.pos, e.end);
        default:
            expr(e);
            break;
        }
    }

    // (a parameter named __debug__ is reported at the def or lambda, as in CPython)
    void params(const FunctionDef& f) {
        for (const auto& p : f.params.positional) forbidden(p.name, f.pos, f.end, false);
        if (!f.params.varargs.empty()) forbidden(f.params.varargs, f.pos, f.end, false);
        for (const auto& p : f.params.kwonly) forbidden(p.name, f.pos, f.end, false);
        if (!f.params.varkw.empty()) forbidden(f.params.varkw, f.pos, f.end, false);
        for (const auto& p : f.params.positional)
            if (p.default_value) expr(*p.default_value);
        for (const auto& p : f.params.kwonly)
            if (p.default_value) expr(*p.default_value);
    }

    void function_body(const FunctionDef& f) {
        const int saved_loops = loops_, saved_blocks = blocks_;
        const bool saved_fn = in_function_;
        loops_ = 0;
        blocks_ = 0;
        in_function_ = true;
        std::vector<Finally> saved_finally = std::move(finally_);
        finally_.clear();
        begin_scope(const_cast<FunctionDef&>(f), param_names(f));
        body(f.body);
        end_scope();
        finally_ = std::move(saved_finally);
        loops_ = saved_loops;
        blocks_ = saved_blocks;
        in_function_ = saved_fn;
    }

    void stmt(const Stmt& s) {
        switch (s.kind) {
        case StmtKind::Expr:
            expr(*s.as<ExprStmt>().value);
            break;
        case StmtKind::Assign: {
            const auto& a = s.as<Assign>();
            expr(*a.value);
            for (const auto& t : a.targets) store(*t);
            break;
        }
        case StmtKind::AugAssign: {
            const auto& a = s.as<AugAssign>();
            const Expr& t = *a.target;
            if (t.kind == ExprKind::Name) {
                forbidden(t.as<Name>().id, t.pos, t.end, false);
                ref(t.as<Name>().id);
            } else if (t.kind == ExprKind::Attribute) {
                expr(*t.as<Attribute>().value);
                forbidden(t.as<Attribute>().attr, t.pos, t.end, false);
            } else if (t.kind == ExprKind::Subscript) {
                expr(*t.as<Subscript>().value);
                expr(*t.as<Subscript>().index);
            }
            expr(*a.value);
            break;
        }
        case StmtKind::Delete:
            for (const auto& t : s.as<Delete>().targets) store(*t, true);
            break;
        case StmtKind::Return:
            if (!in_function_) error("'return' outside function", s.pos, s.end);
            if (s.as<Return>().value) expr(*s.as<Return>().value);
            unwind(false);
            break;
        case StmtKind::Pass:
            break;
        case StmtKind::Break:
            if (loops_ == 0) error("'break' outside loop", s.pos, s.end);
            unwind(true);
            break;
        case StmtKind::Continue:
            if (loops_ == 0) error("'continue' not properly in loop", s.pos, s.end);
            unwind(true);
            break;
        case StmtKind::If: {
            const auto& x = s.as<If>();
            expr(*x.test);
            body(x.body);
            body(x.orelse);
            break;
        }
        case StmtKind::While: {
            const auto& x = s.as<While>();
            expr(*x.test);
            push_block(s);
            ++loops_;
            body(x.body);
            --loops_;
            --blocks_;
            body(x.orelse);
            break;
        }
        case StmtKind::For: {
            const auto& x = s.as<For>();
            expr(*x.iter);
            push_block(s);
            store(*x.target);
            ++loops_;
            body(x.body);
            --loops_;
            --blocks_;
            body(x.orelse);
            break;
        }
        case StmtKind::Raise: {
            const auto& x = s.as<Raise>();
            if (x.exc) expr(*x.exc);
            if (x.cause) expr(*x.cause);
            break;
        }
        case StmtKind::Try: {
            // CPython's order: body, else, handlers, finally; and its frame blocks:
            // FINALLY_TRY and TRY_EXCEPT around the body, EXCEPTION_HANDLER and HANDLER_CLEANUP
            // around a handler, FINALLY_END around the finally body
            const auto& x = s.as<Try>();
            const bool fin = !x.finalbody.empty(), exc = !x.handlers.empty();
            if (fin) finally_.push_back({&x.finalbody, loops_});
            if (fin) push_block(s.pos, s.end);
            if (exc) push_block(s.pos, s.end);
            body(x.body);
            if (exc) --blocks_;
            body(x.orelse);
            if (exc) {
                push_block(x.handlers.front().pos, x.handlers.front().pos);
                for (std::size_t i = 0; i < x.handlers.size(); ++i) {
                    const auto& h = x.handlers[i];
                    if (!h.type && i + 1 < x.handlers.size())
                        error("default 'except:' must be last", h.pos, h.pos);
                    if (h.type) expr(*h.type);
                    forbidden(h.name, h.pos, h.pos, false);
                    if (!h.name.empty()) ref(h.name);
                    push_block(h.pos, h.pos);
                    body(h.body);
                    --blocks_;
                }
                --blocks_;
            }
            if (fin) {
                --blocks_;
                finally_.pop_back();
                push_block(s.pos, s.end);
                body(x.finalbody);
                --blocks_;
            }
            break;
        }
        case StmtKind::Assert: {
            const auto& x = s.as<Assert>();
            expr(*x.test);
            if (x.msg) expr(*x.msg);
            break;
        }
        case StmtKind::FunctionDef: {
            const FunctionDef& f = *s.as<Def>().func;
            params(f);
            forbidden(f.local_name, s.pos, s.end, false);
            function_body(f);
            ref(f.local_name);
            break;
        }
        case StmtKind::Import: {
            const auto& im = s.as<Import>();
            if (im.is_from && im.level == 0 && im.module == "__future__" &&
                s.pos.line > future_lineno_)
                error("from __future__ imports must occur at the beginning of the file", s.pos,
                      s.end);
            for (const auto& a : im.names)
                if (a.name != "*")
                    ref(!a.asname.empty() ? a.asname : a.name.substr(0, a.name.find('.')));
            break;
        }
        case StmtKind::Global:
        case StmtKind::Nonlocal:
            break;
        }
    }

    // Starred is only valid directly inside List/Tuple displays and call arguments.
    void expr_allow_star(const Expr& e) {
        if (e.kind == ExprKind::Starred)
            expr(*e.as<Starred>().value);
        else
            expr(e);
    }

    void comprehension(const Comp& c) {
        bool first = true;
        const int saved_loops = loops_, saved_blocks = blocks_;
        for (const auto& g : c.generators) {
            if (first) {
                expr(*g.iter); // in the enclosing scope
                begin_scope(const_cast<ScopeInfo&>(c.scope), {});
            }
            store(*g.target);
            if (!first) expr(*g.iter);
            for (const auto& i : g.ifs) expr(*i);
            first = false;
        }
        if (c.kind == ExprKind::DictComp) {
            expr(*c.key);
            expr(*c.value);
        } else {
            expr(*c.elt);
        }
        end_scope();
        loops_ = saved_loops;
        blocks_ = saved_blocks;
    }

    void expr(const Expr& e) {
        switch (e.kind) {
        case ExprKind::Name:
            ref(e.as<Name>().id);
            break;
        case ExprKind::Constant:
        case ExprKind::Int:
        case ExprKind::Float:
        case ExprKind::Str:
            break;
        case ExprKind::FString:
            for (const auto& p : e.as<FString>().parts) {
                if (p.value) expr(*p.value);
                if (p.format_spec_expr) expr(*p.format_spec_expr);
            }
            break;
        case ExprKind::List:
        case ExprKind::Tuple:
            for (const auto& x : e.as<Sequence>().elts) expr_allow_star(*x);
            break;
        case ExprKind::Dict:
            for (const auto& it : e.as<Dict>().items) {
                if (it.key) expr(*it.key);
                expr(*it.value);
            }
            break;
        case ExprKind::Attribute:
            expr(*e.as<Attribute>().value);
            break;
        case ExprKind::Subscript:
            expr(*e.as<Subscript>().value);
            expr(*e.as<Subscript>().index);
            break;
        case ExprKind::Slice: {
            const auto& s = e.as<Slice>();
            if (s.lower) expr(*s.lower);
            if (s.upper) expr(*s.upper);
            if (s.step) expr(*s.step);
            break;
        }
        case ExprKind::Call: {
            const auto& c = e.as<Call>();
            expr(*c.func);
            for (std::size_t i = 0; i < c.keywords.size(); ++i) {
                const auto& k = c.keywords[i];
                if (k.name.empty()) continue;
                forbidden(k.name, e.pos, e.end, false);
                for (std::size_t j = i + 1; j < c.keywords.size(); ++j)
                    if (c.keywords[j].name == k.name)
                        error("keyword argument repeated: " + k.name, c.keywords[j].pos,
                              c.keywords[j].value->end);
            }
            for (const auto& a : c.args) expr_allow_star(*a);
            for (const auto& k : c.keywords) expr(*k.value);
            break;
        }
        case ExprKind::Lambda: {
            const FunctionDef& f = *e.as<Lambda>().func;
            params(f);
            function_body(f);
            break;
        }
        case ExprKind::Unary:
            expr(*e.as<Unary>().operand);
            break;
        case ExprKind::Binary:
            expr(*e.as<Binary>().left);
            expr(*e.as<Binary>().right);
            break;
        case ExprKind::Compare:
            expr(*e.as<Compare>().left);
            for (const auto& c : e.as<Compare>().ops) expr(*c.right);
            break;
        case ExprKind::BoolOp:
            for (const auto& v : e.as<BoolOp>().values) expr(*v);
            break;
        case ExprKind::IfExp: {
            const auto& x = e.as<IfExp>();
            expr(*x.test);
            expr(*x.body);
            expr(*x.orelse);
            break;
        }
        case ExprKind::Starred:
            error("can't use starred expression here", e.pos, e.end);
        case ExprKind::ListComp:
        case ExprKind::DictComp:
        case ExprKind::GeneratorExp:
            comprehension(e.as<Comp>());
            break;
        }
    }
};

// ---------------------------------------------------------------------------------------------
// Entry points

struct Source {
    std::string storage;
    std::string_view text;
};

Pos pos_of_offset(std::string_view s, std::size_t off) {
    Pos p;
    for (std::size_t i = 0; i < off && i < s.size(); ++i) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        if (b == '\n') {
            ++p.line;
            p.col = 1;
        } else if ((b & 0xC0) != 0x80) {
            ++p.col;
        }
    }
    return p;
}

Source prepare(std::string_view code) {
    // NUL bytes and invalid UTF-8 (CPython's compile() of a str never sees the latter)
    const std::size_t nul = code.find('\0');
    if (nul != std::string_view::npos)
        throw SyntaxError("source code string cannot contain null bytes", pos_of_offset(code, nul));
    for (std::size_t i = 0; i < code.size();) {
        const unsigned char b = static_cast<unsigned char>(code[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        int len = 1;
        if (lex::decode_utf8(code, i, len) == 0xFFFFFFFF) {
            char buf[160];
            std::snprintf(buf, sizeof buf,
                          "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position "
                          "%zu: invalid %s byte",
                          b, i, (b & 0xC0) == 0x80 || b >= 0xF8 ? "start" : "continuation");
            throw SyntaxError(buf, pos_of_offset(code, i));
        }
        i += len;
    }
    Source s;
    if (lex::normalize_newlines(code, s.storage))
        s.text = s.storage;
    else
        s.text = code;
    return s;
}

// Runs a parse with CPython's rule for competing parser and tokenizer errors.
template <class R, class F>
R run(std::string_view text, const lex::LexResult& lr, std::string_view class_name, F f) {
    Parser p(text, lr, class_name, 0, false);
    try {
        return f(p);
    } catch (ParseFail& pf) {
        if (lr.error && !pf.final) {
            const lex::LexError& le = *lr.error;
            if (le.severity == lex::ErrorSeverity::Hard) throw le.error;
            if (le.in_brackets && le.bracket_pos.line < p.furthest_line()) {
                SyntaxError e(std::string("'") + le.bracket + "' was never closed", le.bracket_pos);
                e.end = {le.bracket_pos.line, 0};
                throw e;
            }
        }
        throw pf.err;
    }
}

} // namespace

std::vector<ast::StmtPtr> parse_statements(std::string_view code, std::string_view class_name) {
    Source src = prepare(code);
    lex::LexResult lr = lex::tokenize(src.text, lex::Mode::File);
    std::vector<SyntaxError> unsupported;
    StmtList body = run<StmtList>(src.text, lr, class_name, [&](Parser& p) {
        StmtList b = p.parse_file();
        unsupported = p.unsupported_list();
        return b;
    });
    const int future_lineno = check_future(body);
    SymtableBuilder st;
    st.run_module(body);
    st.analyze();
    CompileChecker cc(future_lineno);
    cc.run(body);
    if (!unsupported.empty()) throw unsupported.front();
    return body;
}

ast::ExprPtr parse_expression(std::string_view code, std::string_view class_name) {
    Source src = prepare(code);
    lex::LexResult lr = lex::tokenize(src.text, lex::Mode::Eval);
    std::vector<SyntaxError> unsupported;
    ExprPtr e = run<ExprPtr>(src.text, lr, class_name, [&](Parser& p) {
        ExprPtr r = p.parse_eval();
        unsupported = p.unsupported_list();
        return r;
    });
    SymtableBuilder st;
    st.run_expr(*e);
    st.analyze();
    CompileChecker cc;
    cc.run_expr(*e);
    if (!unsupported.empty()) throw unsupported.front();
    return e;
}

std::shared_ptr<ast::FunctionDef> parse_function(std::string_view code,
                                                 std::string_view class_name) {
    StmtList body = parse_statements(code, class_name);
    const char* msg = "expected a single function definition ('def')";
    if (body.empty()) {
        Source src = prepare(code);
        std::string_view t = src.text;
        throw SyntaxError(msg, pos_of_offset(t, t.size()));
    }
    if (body.front()->kind != StmtKind::FunctionDef) throw SyntaxError(msg, body.front()->pos);
    if (body.size() > 1) throw SyntaxError(msg, body[1]->pos);
    return body.front()->as<Def>().func;
}

} // namespace ds
