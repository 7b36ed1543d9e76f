// A model file read and validated: plain data, no engine objects yet. Produced by
// parse_model() (loader.h); the World is built from it. Every part carries the SourcePlace of
// its JSON value so that later errors (Python errors while building, syntax errors in code
// strings) can name the place.
#pragma once

#include "modelerror.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ds {

// One code string: a `source`, `expr`, `new`, property part or script entry. `place` is where
// the JSON string starts (its opening quote); code positions are counted inside `text`.
struct CodeSpec {
    std::string text;
    SourcePlace place;
};

// One entry of class `attrs`, module `dict`, instance `dict` or instance `slots`.
struct AttributeSpec {
    enum class Kind { Value, Expr, Function, Property, ClassMethod, StaticMethod, CachedProperty };

    std::string name;
    Kind kind = Kind::Value;
    nlohmann::ordered_json value; // Value: a plain JSON value, or the "value" of kind value
    CodeSpec expr;                // Expr
    CodeSpec source;              // Function, ClassMethod, StaticMethod, CachedProperty
    std::optional<CodeSpec> get, set, del; // Property (del is the JSON key "delete")
    std::optional<std::string> doc;        // Property
    SourcePlace place; // the attribute's JSON value (a plain value or the object)
    nlohmann::ordered_json extensions = nlohmann::ordered_json::object(); // its "x-" keys
};

struct StoreSpec {
    std::string name;
    std::vector<std::pair<std::string, std::string>> data; // file order
    double latency_ms = 0;
    bool down = false;
    std::vector<std::string> fail_keys;
    SourcePlace place;
    nlohmann::ordered_json extensions = nlohmann::ordered_json::object();
};

struct ClassSpec {
    std::string name;
    std::vector<std::string> bases;       // as written; empty means (object)
    std::vector<SourcePlace> base_places; // one per entry of bases
    std::optional<std::string> metaclass;
    SourcePlace metaclass_place;                        // set when metaclass is
    std::optional<std::vector<std::string>> slot_names; // JSON key "slots" (Qt reserves `slots`)
    std::optional<std::string> doc;
    std::vector<AttributeSpec> attrs; // file order
    SourcePlace place;
    nlohmann::ordered_json extensions = nlohmann::ordered_json::object();
};

struct ModuleSpec {
    std::string name;
    std::optional<std::string> class_name; // JSON key "class"
    SourcePlace class_place;               // set when class_name is
    std::vector<AttributeSpec> dict;
    SourcePlace place;
    nlohmann::ordered_json extensions = nlohmann::ordered_json::object();
};

struct InstanceSpec {
    std::string name;
    std::optional<CodeSpec> new_expr;      // JSON key "new"
    std::optional<std::string> class_name; // JSON key "class"
    SourcePlace class_place;               // set when class_name is
    std::vector<AttributeSpec> dict;
    std::vector<AttributeSpec> slot_values; // JSON key "slots" (Qt reserves `slots`)
    SourcePlace place;
    nlohmann::ordered_json extensions = nlohmann::ordered_json::object();
};

struct ModelSpec {
    std::string file;
    std::string title, notes;
    std::vector<StoreSpec> stores;
    std::vector<ClassSpec> classes;
    std::vector<ModuleSpec> modules;
    std::vector<InstanceSpec> instances;
    std::vector<CodeSpec> script;
    nlohmann::ordered_json extensions = nlohmann::ordered_json::object(); // top-level "x-" keys
};

} // namespace ds
