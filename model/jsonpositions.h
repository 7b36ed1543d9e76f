// Where every value of a JSON text starts. nlohmann::json records no positions, so this small
// iterative scanner reads the text once more: it checks the syntax itself (with messages that
// name the place), reports duplicate object keys (which nlohmann silently merges) and 64-bit
// integer overflow, and builds a position tree shaped exactly like the nlohmann::ordered_json
// that parsing the same text gives: the i-th child of a node is the i-th element or member in
// ordered_json iteration order (for a duplicated key: the first key's slot, the last value).
#pragma once

#include "modelerror.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ds {

struct JsonPos {
    int line = 0;   // 1-based; 0 = unknown
    int column = 0; // 1-based, in code points
};

// Containers nested deeper than this are an error (and never reach nlohmann's recursive code).
inline constexpr int max_json_depth = 512;

class JsonIndex {
  public:
    using Node = uint32_t;
    static constexpr Node npos = UINT32_MAX;

    // False when the text is not JSON that nlohmann accepts (syntax error, nesting too deep,
    // a number that overflows a double): then errors() holds exactly that one error, with
    // pointer "". When true, errors() holds the non-fatal problems: duplicate keys, integers
    // outside int64.
    bool ok() const { return ok_; }
    const std::vector<ModelError>& errors() const { return errors_; }

    Node root() const { return nodes_.empty() ? npos : 0; }
    size_t size(Node n) const;          // number of elements or members; 0 for scalars and npos
    Node child(Node n, size_t i) const; // npos when out of range
    JsonPos value_pos(Node n) const;    // where the value starts; {0,0} for npos
    JsonPos key_pos(Node n) const;      // where an object member's key starts, else value_pos
    std::string_view key(Node n) const; // the decoded key of an object member, else ""

    // RFC 6901 lookup (npos when absent), and the place of a pointer (line 0 when absent).
    Node find(std::string_view pointer) const;
    SourcePlace place(std::string_view pointer) const;

  private:
    friend class JsonScanner;
    struct NodeData {
        JsonPos value;
        JsonPos key;
        uint32_t first_child = 0;
        uint32_t child_count = 0;
        uint32_t key_offset = 0;
        uint32_t key_length = 0;
    };
    bool ok_ = false;
    std::vector<ModelError> errors_;
    std::vector<NodeData> nodes_;
    std::vector<uint32_t> children_;
    std::string keys_;
};

// Index a JSON text (UTF-8; a leading BOM is skipped and not counted in columns). `file` only
// fills ModelError::file. Never throws except std::bad_alloc.
JsonIndex index_json(std::string_view text, const std::string& file);

// The line:column of a byte offset, counted as index_json counts them.
JsonPos json_position_at(std::string_view text, size_t offset);

} // namespace ds
