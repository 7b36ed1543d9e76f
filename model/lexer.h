// Tokenizer for Dunderscope's Python subset, modelled on CPython 3.11's Parser/tokenizer.c
// (same tokens, same INDENT/DEDENT rules, same error messages and error positions).
//
// The whole input is tokenized up front. A tokenizer error does not throw: it ends the token
// vector with a Tok::Error token and is kept in LexResult::error; the parser throws it when it
// reaches that token, or earlier when CPython's precedence rules say so (see ErrorSeverity).
#pragma once

#include "ast.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ds::lex {

enum class Tok : uint8_t {
    EndMarker,
    Name,
    Number,
    String,
    Newline,
    Indent,
    Dedent,
    // operators
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
    BadOp, // any other character CPython tokenizes as a lone OP: $ ? ` ! <>
    // keywords
    KwFalse,
    KwNone,
    KwTrue,
    KwAnd,
    KwAs,
    KwAssert,
    KwAsync,
    KwAwait,
    KwBreak,
    KwClass,
    KwContinue,
    KwDef,
    KwDel,
    KwElif,
    KwElse,
    KwExcept,
    KwFinally,
    KwFor,
    KwFrom,
    KwGlobal,
    KwIf,
    KwImport,
    KwIn,
    KwIs,
    KwLambda,
    KwNonlocal,
    KwNot,
    KwOr,
    KwPass,
    KwRaise,
    KwReturn,
    KwTry,
    KwWhile,
    KwWith,
    KwYield,
    Error, // a tokenizer error happened here; see LexResult::error
};

struct Token {
    Tok type = Tok::EndMarker;
    uint32_t start = 0, end = 0; // byte offsets in the source
    int line = 1, col = 1;       // 1-based, code points
    int end_line = 1, end_col = 1;
    int level = 0; // bracket nesting level after this token (as CPython's token->level)
    ast::Pos pos() const { return {line, col}; }
    ast::Pos end_pos() const { return {end_line, end_col}; }
};

// How a tokenizer error competes with a parser error found earlier in the token stream
// (CPython tokenizes the rest of the input after a parser error, see
// _PyPegen_tokenize_full_source_to_check_for_errors):
enum class ErrorSeverity {
    Hard, // raised by the tokenizer itself: replaces any parser error
    Soft, // tok->done errors (indentation, continuation, EOF): raised when the parser reaches
          // them; inside brackets they make "'(' was never closed" replace a parser error
          // whose furthest token is on a later line than the innermost open bracket
};

struct LexError {
    SyntaxError error;
    ErrorSeverity severity = ErrorSeverity::Hard;
    bool in_brackets = false; // a bracket was open when the error happened
    char bracket = 0;         // the innermost open bracket and its position
    ast::Pos bracket_pos;
};

enum class Mode {
    File,    // statements: NEWLINE, INDENT, DEDENT
    Eval,    // one expression: no INDENT/DEDENT, indentation ignored
    FString, // expression inside an f-string replacement field: newlines are whitespace
};

struct LexResult {
    std::vector<Token> tokens; // always ends with EndMarker or Error
    std::optional<LexError> error;
};

// Tokenizes src[begin, end). `start` is the position of src[begin]. The source must already
// have its newlines normalised to '\n' (see normalize_newlines).
LexResult tokenize(std::string_view src, Mode mode, std::size_t begin, std::size_t end,
                   ast::Pos start = {});
inline LexResult tokenize(std::string_view src, Mode mode = Mode::File) {
    return tokenize(src, mode, 0, src.size());
}

// "\r\n" and "\r" become "\n" (CPython translates newlines before tokenizing). Returns false and
// leaves `out` untouched when there is nothing to translate.
bool normalize_newlines(std::string_view src, std::string& out);

// Unicode helpers shared with the parser.
bool is_xid_start(char32_t c);
bool is_xid_continue(char32_t c);
bool is_printable(char32_t c);
// Decodes one UTF-8 sequence at s[i]; returns the code point and sets `len` (1..4). Invalid
// sequences return 0xFFFFFFFF with len 1.
char32_t decode_utf8(std::string_view s, std::size_t i, int& len);
void append_utf8(std::string& out, char32_t c);

const char* token_text(Tok t); // "(" ... "if" ... for keywords and operators; "" otherwise

} // namespace ds::lex
