#include "jsonpositions.h"

#include <charconv>
#include <cstdio>
#include <unordered_map>

namespace ds {

// ---- JsonIndex -------------------------------------------------------------------------------

size_t JsonIndex::size(Node n) const {
    return n < nodes_.size() ? nodes_[n].child_count : 0;
}

JsonIndex::Node JsonIndex::child(Node n, size_t i) const {
    if (n >= nodes_.size() || i >= nodes_[n].child_count) return npos;
    return children_[nodes_[n].first_child + i];
}

JsonPos JsonIndex::value_pos(Node n) const {
    return n < nodes_.size() ? nodes_[n].value : JsonPos{};
}

JsonPos JsonIndex::key_pos(Node n) const {
    if (n >= nodes_.size()) return {};
    return nodes_[n].key.line > 0 ? nodes_[n].key : nodes_[n].value;
}

std::string_view JsonIndex::key(Node n) const {
    if (n >= nodes_.size()) return {};
    return std::string_view(keys_).substr(nodes_[n].key_offset, nodes_[n].key_length);
}

JsonIndex::Node JsonIndex::find(std::string_view pointer) const {
    Node n = root();
    if (n == npos) return npos;
    if (pointer.empty()) return n;
    if (pointer.front() != '/') return npos;
    size_t pos = 1;
    while (true) {
        size_t end = pointer.find('/', pos);
        std::string_view raw = pointer.substr(pos, end == std::string_view::npos ? end : end - pos);
        std::string token;
        for (size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
                token += raw[i + 1] == '0' ? '~' : '/';
                ++i;
            } else {
                token += raw[i];
            }
        }
        const size_t count = size(n);
        Node found = npos;
        if (count > 0 && nodes_[child(n, 0)].key.line > 0) { // an object
            for (size_t i = 0; i < count && found == npos; ++i)
                if (key(child(n, i)) == token) found = child(n, i);
        } else if (!token.empty() && (token == "0" || token[0] != '0')) { // an array index
            size_t index = 0;
            auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
            if (ec == std::errc() && p == token.data() + token.size()) found = child(n, index);
        }
        if (found == npos) return npos;
        n = found;
        if (end == std::string_view::npos) return n;
        pos = end + 1;
    }
}

SourcePlace JsonIndex::place(std::string_view pointer) const {
    SourcePlace p;
    p.pointer = std::string(pointer);
    JsonPos pos = value_pos(find(pointer));
    p.line = pos.line;
    p.column = pos.column;
    return p;
}

// ---- the scanner -----------------------------------------------------------------------------

namespace {

bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}
bool is_number_char(char c) {
    return is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Length of the well-formed UTF-8 sequence at s (Unicode table 3-7), 0 when ill-formed.
size_t utf8_length(std::string_view s, size_t i) {
    auto b = [&](size_t k) -> unsigned {
        return k < s.size() ? static_cast<unsigned char>(s[k]) : 0x100;
    };
    auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        unsigned c = b(k);
        return c >= lo && c <= hi;
    };
    unsigned c = b(i);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (c == 0xE0) return cont(i + 1, 0xA0, 0xBF) && cont(i + 2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        return cont(i + 1) && cont(i + 2) ? 3 : 0;
    if (c == 0xED) return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0;
    if (c == 0xF0) return cont(i + 1, 0x90, 0xBF) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3) return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    if (c == 0xF4) return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    return 0;
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string hex_code(uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

std::string byte_hex(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return buf;
}

uint32_t decode_utf8(std::string_view s, size_t i, size_t len) {
    auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
    switch (len) {
    case 1:
        return b(0);
    case 2:
        return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
        return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
        return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
}

// "'}'", "character U+0000", "character 'é' (U+00E9)" or "invalid UTF-8 byte 0xFF".
std::string describe_char(std::string_view s, size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\'') return "\"'\"";
    if (c > 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
    if (c < 0x80) return "character " + hex_code(c);
    size_t len = utf8_length(s, i);
    if (len == 0) return "invalid UTF-8 byte " + byte_hex(c);
    return "character '" + std::string(s.substr(i, len)) + "' (" +
           hex_code(decode_utf8(s, i, len)) + ")";
}

// The decimal exponent of the first significant digit of a valid JSON number (saturating), used
// to tell overflow from underflow when from_chars reports result_out_of_range.
long long decimal_magnitude(std::string_view tok) {
    size_t p = tok[0] == '-' ? 1 : 0;
    long long int_digits = 0;
    long long lead = 0; // exponent of the first nonzero digit, relative to the decimal point
    bool seen = false;
    while (p < tok.size() && is_digit(tok[p])) {
        if (tok[p] != '0' && !seen) seen = true;
        if (seen) ++int_digits;
        ++p;
    }
    if (seen) lead = int_digits - 1;
    if (p < tok.size() && tok[p] == '.') {
        ++p;
        long long k = 0;
        while (p < tok.size() && is_digit(tok[p])) {
            ++k;
            if (!seen && tok[p] != '0') {
                seen = true;
                lead = -k;
            }
            ++p;
        }
    }
    long long exponent = 0;
    if (p < tok.size() && (tok[p] == 'e' || tok[p] == 'E')) {
        ++p;
        bool negative = false;
        if (tok[p] == '+' || tok[p] == '-') negative = tok[p++] == '-';
        while (p < tok.size()) {
            if (exponent < 1000000) exponent = exponent * 10 + (tok[p] - '0');
            ++p;
        }
        if (negative) exponent = -exponent;
    }
    return lead + exponent;
}

std::string shorten(std::string_view s) {
    if (s.size() <= 40) return std::string(s);
    return std::string(s.substr(0, 40)) + "...";
}

} // namespace

class JsonScanner {
  public:
    JsonScanner(std::string_view text, const std::string& file) : t_(text), file_(file) {}

    JsonIndex run() {
        if (t_.size() >= 3 && t_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
        if (t_.size() > 0xF0000000u) {
            fatal("the file is too large");
        } else {
            scan();
        }
        index_.ok_ = !failed_;
        return std::move(index_);
    }

  private:
    enum class Expect { Value, FirstValueOrEnd, FirstKeyOrEnd, Key, Colon, CommaOrEnd, End };

    struct Frame {
        JsonIndex::Node node;
        bool object;
        bool after_comma = false;
        size_t index_in_parent = 0;
        std::vector<uint32_t> kids;
        std::unordered_map<std::string, size_t> key_slots; // objects with many keys only
    };

    std::string_view t_;
    const std::string& file_;
    JsonIndex index_;
    size_t i_ = 0;
    int line_ = 1;
    int col_ = 1;
    bool failed_ = false;
    std::vector<Frame> stack_;
    std::string key_; // the last key read
    JsonPos key_pos_;

    JsonPos pos() const { return {line_, col_}; }

    void fatal(const std::string& message, JsonPos at = {}) {
        if (failed_) return;
        failed_ = true;
        if (at.line == 0) at = pos();
        index_.errors_.clear();
        index_.errors_.push_back(
            ModelError{file_, SourcePlace{"", at.line, at.column}, 0, 0, message});
    }

    // Move over one character of `len` bytes that is not a line break.
    void step(size_t len = 1) {
        i_ += len;
        ++col_;
    }

    void skip_ws() {
        while (i_ < t_.size() && is_ws(t_[i_])) {
            char c = t_[i_++];
            if (c == '\n' || (c == '\r' && (i_ >= t_.size() || t_[i_] != '\n'))) {
                ++line_;
                col_ = 1;
            } else {
                ++col_;
            }
        }
    }

    // The JSON pointer of the value about to be added to the top frame.
    std::string current_pointer() const {
        std::string p;
        for (size_t k = 1; k < stack_.size(); ++k) {
            if (stack_[k - 1].object)
                p = json_pointer_append(p, index_.key(stack_[k].node));
            else
                p = json_pointer_append(p, std::to_string(stack_[k].index_in_parent));
        }
        if (!stack_.empty()) {
            if (stack_.back().object)
                p = json_pointer_append(p, key_);
            else
                p = json_pointer_append(p, std::to_string(stack_.back().kids.size()));
        }
        return p;
    }

    // "unexpected '}'", "unexpected character U+0000" or "invalid UTF-8 byte 0xFF".
    std::string unexpected_text() const {
        std::string what = describe_char(t_, i_);
        return what.rfind("invalid", 0) == 0 ? what : "unexpected " + what;
    }

    void unexpected(const std::string& expected) {
        if (i_ >= t_.size()) {
            fatal("syntax error: unexpected end of file (expected " + expected + ")");
            return;
        }
        std::string what = unexpected_text();
        std::string hint;
        if (t_[i_] == '\'') hint = "; strings use double quotes";
        if (t_[i_] == '/') hint = "; JSON has no comments";
        fatal("syntax error: " + what + " (expected " + expected + hint + ")");
    }

    void scan() {
        const bool empty = i_ == t_.size(); // nothing, or only a BOM
        skip_ws();
        if (i_ >= t_.size()) {
            fatal(empty ? "syntax error: the file is empty"
                        : "syntax error: the file holds no JSON value (only whitespace)",
                  JsonPos{1, 1});
            return;
        }
        Expect expect = Expect::Value;
        while (!failed_) {
            skip_ws();
            if (i_ >= t_.size() && expect == Expect::End) break;
            switch (expect) {
            case Expect::End:
                fatal("syntax error: " + unexpected_text() + " after the end of the JSON document");
                break;
            case Expect::FirstKeyOrEnd:
            case Expect::Key:
                if (i_ < t_.size() && t_[i_] == '"') {
                    key_pos_ = pos();
                    key_.clear();
                    if (scan_string(&key_)) expect = Expect::Colon;
                } else if (i_ < t_.size() && t_[i_] == '}') {
                    if (expect == Expect::Key) {
                        fatal("syntax error: unexpected '}' after ',' (trailing commas are not "
                              "allowed)");
                    } else {
                        close_container();
                        expect = stack_.empty() ? Expect::End : Expect::CommaOrEnd;
                    }
                } else if (i_ < t_.size() && is_word(t_[i_])) {
                    size_t end = i_;
                    while (end < t_.size() && is_word(t_[end])) ++end;
                    fatal("syntax error: object keys must be strings in double quotes, got " +
                          shorten(t_.substr(i_, end - i_)));
                } else {
                    unexpected(expect == Expect::Key ? "a string key" : "a string key or '}'");
                }
                break;
            case Expect::Colon:
                if (i_ < t_.size() && t_[i_] == ':') {
                    step();
                    expect = Expect::Value;
                } else {
                    unexpected("':' after the key");
                }
                break;
            case Expect::CommaOrEnd: {
                Frame& f = stack_.back();
                char close = f.object ? '}' : ']';
                if (i_ < t_.size() && t_[i_] == ',') {
                    step();
                    f.after_comma = true;
                    expect = f.object ? Expect::Key : Expect::Value;
                } else if (i_ < t_.size() && t_[i_] == close) {
                    close_container();
                    expect = stack_.empty() ? Expect::End : Expect::CommaOrEnd;
                } else {
                    unexpected(f.object ? "',' or '}'" : "',' or ']'");
                }
                break;
            }
            case Expect::FirstValueOrEnd:
                if (i_ < t_.size() && t_[i_] == ']') {
                    close_container();
                    expect = stack_.empty() ? Expect::End : Expect::CommaOrEnd;
                    break;
                }
                [[fallthrough]];
            case Expect::Value:
                if (i_ < t_.size() && t_[i_] == ']' && !stack_.empty() && !stack_.back().object &&
                    stack_.back().after_comma) {
                    fatal(
                        "syntax error: unexpected ']' after ',' (trailing commas are not allowed)");
                    break;
                }
                expect = scan_value();
                break;
            }
        }
    }

    // Starts a value at i_: a scalar is read whole, a container is opened.
    Expect scan_value() {
        if (i_ >= t_.size()) {
            unexpected(expect_text_for_value());
            return Expect::End;
        }
        const char c = t_[i_];
        const bool container = c == '{' || c == '[';
        if (!(container || c == '"' || c == '-' || is_digit(c) || is_word(c))) {
            unexpected(expect_text_for_value());
            return Expect::End;
        }
        if (container && static_cast<int>(stack_.size()) >= max_json_depth) {
            fatal("nesting deeper than " + std::to_string(max_json_depth) + " levels");
            return Expect::End;
        }
        const JsonIndex::Node node = add_node();
        if (container) {
            Frame f;
            f.node = node;
            f.object = c == '{';
            if (!stack_.empty()) f.index_in_parent = stack_.back().kids.size() - 1;
            step();
            stack_.push_back(std::move(f));
            return c == '{' ? Expect::FirstKeyOrEnd : Expect::FirstValueOrEnd;
        }
        if (c == '"')
            scan_string(nullptr);
        else if (c == '-' || is_digit(c))
            scan_number();
        else
            scan_literal();
        return stack_.empty() ? Expect::End : Expect::CommaOrEnd;
    }

    std::string expect_text_for_value() const {
        if (!stack_.empty() && !stack_.back().object && stack_.back().kids.empty() &&
            !stack_.back().after_comma)
            return "a value or ']'";
        return "a value";
    }

    // Records a node for the value starting here and attaches it to the open container.
    JsonIndex::Node add_node() {
        auto node = static_cast<JsonIndex::Node>(index_.nodes_.size());
        JsonIndex::NodeData d;
        d.value = pos();
        if (!stack_.empty() && stack_.back().object) {
            d.key = key_pos_;
            d.key_offset = static_cast<uint32_t>(index_.keys_.size());
            d.key_length = static_cast<uint32_t>(key_.size());
            index_.keys_ += key_;
        }
        index_.nodes_.push_back(d);
        if (stack_.empty()) return node;
        Frame& f = stack_.back();
        f.after_comma = false;
        if (!f.object) {
            f.kids.push_back(node);
            return node;
        }
        // nlohmann::ordered_json keeps a duplicated key in its first slot with the last value.
        size_t slot = f.kids.size();
        if (!f.key_slots.empty()) {
            auto it = f.key_slots.find(key_);
            if (it != f.key_slots.end()) slot = it->second;
        } else {
            for (size_t k = 0; k < f.kids.size(); ++k)
                if (index_.key(f.kids[k]) == key_) slot = k;
        }
        if (slot < f.kids.size()) {
            JsonPos first = index_.key_pos(f.kids[slot]);
            index_.errors_.push_back(ModelError{
                file_, SourcePlace{current_pointer(), key_pos_.line, key_pos_.column}, 0, 0,
                "duplicate key " + quote_for_message(key_) + " (first at " +
                    std::to_string(first.line) + ":" + std::to_string(first.column) + ")"});
            f.kids[slot] = node;
            return node;
        }
        f.kids.push_back(node);
        if (!f.key_slots.empty()) {
            f.key_slots.emplace(key_, slot);
        } else if (f.kids.size() > 8) {
            for (size_t k = 0; k < f.kids.size(); ++k)
                f.key_slots.emplace(std::string(index_.key(f.kids[k])), k);
        }
        return node;
    }

    void close_container() {
        step();
        Frame& f = stack_.back();
        JsonIndex::NodeData& d = index_.nodes_[f.node];
        d.first_child = static_cast<uint32_t>(index_.children_.size());
        d.child_count = static_cast<uint32_t>(f.kids.size());
        index_.children_.insert(index_.children_.end(), f.kids.begin(), f.kids.end());
        stack_.pop_back();
    }

    // Reads a string at i_ (the opening quote); decodes it into `out` when given.
    bool scan_string(std::string* out) {
        const JsonPos start = pos();
        step();
        while (true) {
            if (i_ >= t_.size()) {
                fatal("syntax error: unterminated string", start);
                return false;
            }
            const auto c = static_cast<unsigned char>(t_[i_]);
            if (c == '"') {
                step();
                return true;
            }
            if (c == '\\') {
                if (!scan_escape(out, start)) return false;
                continue;
            }
            if (c == '\n' || c == '\r') {
                fatal("syntax error: unterminated string (a line break inside a string must be "
                      "written \\n)",
                      start);
                return false;
            }
            if (c < 0x20) {
                fatal("syntax error: control character " + hex_code(c) +
                      " in a string (write it as an escape such as \\t or \\u0000)");
                return false;
            }
            size_t len = utf8_length(t_, i_);
            if (len == 0) {
                fatal("syntax error: invalid UTF-8 byte " + byte_hex(c) + " in a string");
                return false;
            }
            if (out) out->append(t_.substr(i_, len));
            step(len);
        }
    }

    bool read_hex4(size_t at, uint32_t& value) const {
        if (at + 4 > t_.size()) return false;
        value = 0;
        for (size_t k = 0; k < 4; ++k) {
            char h = t_[at + k];
            value <<= 4;
            if (is_digit(h))
                value |= static_cast<uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f')
                value |= static_cast<uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                value |= static_cast<uint32_t>(h - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    bool scan_escape(std::string* out, JsonPos string_start) {
        const JsonPos at = pos();
        if (i_ + 1 >= t_.size()) {
            fatal("syntax error: unterminated string", string_start);
            return false;
        }
        const char e = t_[i_ + 1];
        char simple = 0;
        switch (e) {
        case '"':
            simple = '"';
            break;
        case '\\':
            simple = '\\';
            break;
        case '/':
            simple = '/';
            break;
        case 'b':
            simple = '\b';
            break;
        case 'f':
            simple = '\f';
            break;
        case 'n':
            simple = '\n';
            break;
        case 'r':
            simple = '\r';
            break;
        case 't':
            simple = '\t';
            break;
        case 'u':
            break;
        default:
            if (e == '\n' || e == '\r') {
                fatal("syntax error: unterminated string (a line break inside a string must be "
                      "written \\n)",
                      string_start);
            } else {
                step();
                fatal("syntax error: invalid escape: backslash followed by " +
                          describe_char(t_, i_) +
                          " (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                      at);
            }
            return false;
        }
        if (simple) {
            if (out) *out += simple;
            step();
            step();
            return true;
        }
        uint32_t cp = 0;
        if (!read_hex4(i_ + 2, cp)) {
            fatal("syntax error: invalid \\u escape (expected 4 hex digits)", at);
            return false;
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fatal("syntax error: invalid \\u escape: a low surrogate \\u" +
                      std::string(t_.substr(i_ + 2, 4)) + " must follow a high surrogate",
                  at);
            return false;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (i_ + 7 < t_.size() && t_[i_ + 6] == '\\' && t_[i_ + 7] == 'u' &&
                read_hex4(i_ + 8, low) && low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                for (int k = 0; k < 12; ++k) step();
            } else {
                fatal("syntax error: invalid \\u escape: the high surrogate \\u" +
                          std::string(t_.substr(i_ + 2, 4)) +
                          " must be followed by a low surrogate \\uDC00..\\uDFFF",
                      at);
                return false;
            }
        } else {
            for (int k = 0; k < 6; ++k) step();
        }
        if (out) append_utf8(*out, cp);
        return true;
    }

    void scan_number() {
        const JsonPos start = pos();
        size_t end = i_;
        while (end < t_.size() && is_number_char(t_[end])) ++end;
        const std::string_view tok = t_.substr(i_, end - i_);
        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        size_t p = 0;
        bool valid = true;
        bool integer = true;
        auto digits = [&] {
            size_t s = p;
            while (p < tok.size() && is_digit(tok[p])) ++p;
            return p > s;
        };
        if (p < tok.size() && tok[p] == '-') ++p;
        if (p < tok.size() && tok[p] == '0')
            ++p;
        else
            valid = digits();
        if (valid && p < tok.size() && tok[p] == '.') {
            ++p;
            integer = false;
            valid = digits();
        }
        if (valid && p < tok.size() && (tok[p] == 'e' || tok[p] == 'E')) {
            ++p;
            integer = false;
            if (p < tok.size() && (tok[p] == '+' || tok[p] == '-')) ++p;
            valid = digits();
        }
        if (!valid || p != tok.size()) {
            fatal("syntax error: invalid number " + quote_for_message(shorten(tok)), start);
            return;
        }
        const char* b = tok.data();
        const char* e = tok.data() + tok.size();
        bool big_integer = false;
        if (integer) {
            int64_t v = 0;
            big_integer = std::from_chars(b, e, v).ec == std::errc::result_out_of_range;
        }
        if (big_integer || !integer) {
            double d = 0;
            if (std::from_chars(b, e, d).ec == std::errc::result_out_of_range &&
                decimal_magnitude(tok) > 0) {
                fatal("number out of range: " + shorten(tok) + " is too large for a 64-bit float",
                      start);
                return;
            }
        }
        if (big_integer) {
            index_.errors_.push_back(ModelError{
                file_, SourcePlace{current_value_pointer(), start.line, start.column}, 0, 0,
                "integer out of range: " + shorten(tok) +
                    " does not fit in 64 bits (-9223372036854775808 to 9223372036854775807)"});
        }
        for (size_t k = 0; k < tok.size(); ++k) step();
    }

    // The pointer of the scalar just added (it is the last child of the top frame).
    std::string current_value_pointer() const {
        if (stack_.empty()) return "";
        std::string p;
        for (size_t k = 1; k < stack_.size(); ++k) {
            if (stack_[k - 1].object)
                p = json_pointer_append(p, index_.key(stack_[k].node));
            else
                p = json_pointer_append(p, std::to_string(stack_[k].index_in_parent));
        }
        if (stack_.back().object) return json_pointer_append(p, key_);
        return json_pointer_append(p, std::to_string(stack_.back().kids.size() - 1));
    }

    void scan_literal() {
        size_t end = i_;
        while (end < t_.size() && is_word(t_[end])) ++end;
        const std::string_view word = t_.substr(i_, end - i_);
        if (word != "true" && word != "false" && word != "null") {
            fatal("syntax error: invalid literal " + quote_for_message(shorten(word)) +
                  " (expected true, false, null, a number, or a string in double quotes)");
            return;
        }
        for (size_t k = 0; k < word.size(); ++k) step();
    }
};

JsonIndex index_json(std::string_view text, const std::string& file) {
    JsonScanner scanner(text, file);
    JsonIndex index = scanner.run();
    return index;
}

JsonPos json_position_at(std::string_view text, size_t offset) {
    size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    JsonPos p{1, 1};
    for (; i < offset && i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
            ++p.line;
            p.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++p.column;
        }
    }
    return p;
}

} // namespace ds
