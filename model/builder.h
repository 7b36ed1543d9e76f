// The second half of loading: building the World from a validated ModelSpec, exactly as
// CPython runs the spec's reference translation (stores, classes, modules, instances, in
// file order), after parsing every code string of the model.
#pragma once

#include "ast.h"
#include "modelerror.h"
#include "modelspec.h"
#include "world.h"

#include <optional>
#include <string>
#include <vector>

namespace ds {

struct BuildResult {
    // Syntax errors in code strings (all of them), as ModelErrors naming their place.
    std::vector<ModelError> errors;
    // The Python exception that stopped the build, when one did (errors then has one entry
    // naming the place, with message "Type: message").
    std::string exception_type, exception_message;
    // The script, parsed: one statement list per entry.
    std::vector<std::shared_ptr<ast::StmtList>> script;
    bool ok() const { return errors.empty(); }
};

// Builds into `w` (a fresh World). Never throws a Python error: it is reported in the result.
BuildResult build_world(World& w, const ModelSpec& spec);

// A JSON value as a Python value (null, bool, int, float, str, list, dict).
Value json_to_value(World& w, const nlohmann::ordered_json& j);

} // namespace ds
