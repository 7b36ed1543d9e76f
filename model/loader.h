// Reading a model file (JSON text, spec/model-format.md) into a validated ModelSpec. This is
// the first half of loading: it checks the format (JSON syntax, keys, types, names, references
// between names) and reports every error of the file at once, each naming its place. Building
// the World from the spec, and parsing the code strings, is the second half.
#pragma once

#include "modelerror.h"
#include "modelspec.h"

#include <string>
#include <string_view>
#include <vector>

namespace ds {

struct ParsedModel {
    ModelSpec spec;                 // complete only when ok(); otherwise best effort
    std::vector<ModelError> errors; // in document order (sorted by line, then column)
    bool ok() const { return errors.empty(); }
};

// Never throws. `file` is the name used in errors and ModelSpec::file.
ParsedModel parse_model(std::string_view text, const std::string& file);

// Reads the file (an unreadable, missing or oversized file is one error) and parses it.
// Errors name the file as `path` is given. Never throws.
ParsedModel read_model_file(const std::string& path);

// Python 3.11's str.isidentifier() (exactly, for every code point), on UTF-8 text; false for
// text that is not valid UTF-8.
bool is_python_identifier(std::string_view text);

// One of Python 3.11's 35 keywords (keyword.kwlist): False, None, class, ...
bool is_python_keyword(std::string_view text);

} // namespace ds
