// The error record of model loading, shared by both halves of the loader (reading the JSON
// file into a ModelSpec, and building the World from it).
#pragma once

#include <string>
#include <string_view>

namespace ds {

// Where a JSON value is in a model file: its JSON pointer (RFC 6901, "~0" for '~' and "~1" for
// '/') and the 1-based line and column (counted in code points; a UTF-8 BOM is not counted)
// where the value starts. line == 0 means "no position known". The pointer "" is the whole
// document.
struct SourcePlace {
    std::string pointer;
    int line = 0;
    int column = 0;
};

// One load error. code_line/code_column (1-based, code points) are set when the error is
// inside a code string (a `source`, `expr`, `new`, property part or script entry); then
// `place` is the place of that JSON string.
struct ModelError {
    std::string file;
    SourcePlace place;
    int code_line = 0;
    int code_column = 0;
    std::string message;

    // One line:
    //   FILE:LINE:COL: POINTER: MESSAGE
    //   FILE:LINE:COL: POINTER: code line L, column C: MESSAGE     (code_line > 0)
    //   FILE:LINE:COL: MESSAGE                                     (pointer "": whole file)
    //   FILE: MESSAGE                                              (line 0: no position)
    // Control characters in the pointer are escaped (\n, \t, \u001b...) so it stays one line.
    std::string format() const;
};

// RFC 6901 escaping of one reference token ('~' -> "~0", '/' -> "~1").
std::string json_pointer_escape(std::string_view token);

// `pointer` + "/" + escaped token.
std::string json_pointer_append(const std::string& pointer, std::string_view token);

// A user-given string for a message, quoted Python-style with single quotes: control
// characters, backslashes and quotes escaped, cut after 60 code points ("...").
std::string quote_for_message(std::string_view text);

} // namespace ds
