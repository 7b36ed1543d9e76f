// The `json` module: json.dumps, json.loads and json.JSONDecodeError, equal to CPython 3.11's
// (Lib/json and Modules/_json.c): same output text, same exceptions and messages.
#include "builtins.h"
#include "utf8.h"

#include "operations.h"

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <locale.h>
#include <unordered_set>

namespace ds {
namespace {



[[noreturn]] void type_error(World& w, const std::string& message) {
    w.raise(w.types.TypeError, message);
}

Value new_str(World& w, std::string s) {
    return Value(w.str(std::move(s)));
}

// The keyword arguments of a Python-level function `fname(first, *, names...)`, with the messages
// CPython gives for json.dumps/json.loads (unknown keywords reach JSONEncoder/JSONDecoder).
Value take_first(World& w, const char* fname, const char* first, CallArgs& a) {
    Value by_name = take_keyword(a, first);
    if (a.positional.size() > 1)
        type_error(w, std::string(fname) + "() takes 1 positional argument but " +
                          std::to_string(a.positional.size()) + " were given");
    if (a.positional.empty()) {
        if (by_name.empty())
            type_error(w, std::string(fname) + "() missing 1 required positional argument: '" +
                              first + "'");
        return by_name;
    }
    if (!by_name.empty())
        type_error(w, std::string(fname) + "() got multiple values for argument '" + first + "'");
    return a.positional[0];
}

void reject_unknown_keywords(World& w, const char* owner, const CallArgs& a) {
    if (!a.keywords.empty())
        type_error(w, std::string(owner) + ".__init__() got an unexpected keyword argument '" +
                          a.keywords.front().name + "'");
}

// ---- json.dumps --------------------------------------------------------------------------

struct Encoder {
    explicit Encoder(World& world) : w(world) {}
    World& w;
    bool skipkeys = false, ensure_ascii = true, check_circular = true, allow_nan = true;
    bool sort_keys = false;
    bool has_indent = false; // the pure-Python encoder (with newlines) rather than c_make_encoder
    std::string indent;
    std::string item_separator = ", ", key_separator = ": ";
    Value default_fn; // Empty: raise "not JSON serializable"
    std::unordered_set<const Object*> markers;
    int depth = 0;
    std::string out;

    void enter() {
        if (++depth > std::max(1, w.recursion_limit - w.call_depth))
            w.raise(w.types.RecursionError,
                    "maximum recursion depth exceeded while encoding a JSON object");
    }
    void leave() { --depth; }

    void mark(const Object* o) {
        if (!check_circular) return;
        if (!markers.insert(o).second) w.raise(w.types.ValueError, "Circular reference detected");
    }
    void unmark(const Object* o) {
        if (check_circular) markers.erase(o);
    }

    void encode_string(const std::string& s) {
        out += '"';
        for (size_t i = 0; i < s.size();) {
            char32_t c = next_cp(s, i);
            switch (c) {
            case '"':
                out += "\\\"";
                continue;
            case '\\':
                out += "\\\\";
                continue;
            case '\b':
                out += "\\b";
                continue;
            case '\f':
                out += "\\f";
                continue;
            case '\n':
                out += "\\n";
                continue;
            case '\r':
                out += "\\r";
                continue;
            case '\t':
                out += "\\t";
                continue;
            default:
                break;
            }
            bool plain = ensure_ascii ? (c >= ' ' && c <= '~') : c >= ' ';
            if (plain) {
                put_cp(out, c);
                continue;
            }
            char buf[16];
            if (c >= 0x10000) {
                char32_t v = c - 0x10000;
                std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x",
                              static_cast<unsigned>(0xD800 | (v >> 10)),
                              static_cast<unsigned>(0xDC00 | (v & 0x3FF)));
            } else {
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            }
            out += buf;
        }
        out += '"';
    }

    std::string float_text(double d) {
        if (!std::isfinite(d)) {
            if (!allow_nan)
                w.raise(w.types.ValueError, "Out of range float values are not JSON compliant");
            return d > 0 ? "Infinity" : d < 0 ? "-Infinity" : "NaN";
        }
        return format_value(w, Value::real(d), "");
    }

    void newline(int level) {
        out += '\n';
        for (int i = 0; i < level; ++i) out += indent;
    }

    void encode(const Value& v, int level) {
        w.check_allocation(out.size(), 1);
        if (v.is_none())
            out += "null";
        else if (v.is_bool())
            out += v.as_bool() ? "true" : "false";
        else if (auto* s = v.as<StrObject>())
            encode_string(s->text);
        else if (v.is_int())
            out += std::to_string(v.as_int());
        else if (v.is_float())
            out += float_text(v.as_float());
        else if (auto* l = v.as<ListObject>())
            encode_list(v, l->items, level);
        else if (auto* t = v.as<TupleObject>())
            encode_list(v, t->items, level);
        else if (auto* d = v.as<DictObject>())
            encode_dict(v, *d, level);
        else {
            const Object* o = v.object();
            if (o) mark(o);
            if (default_fn.empty())
                type_error(w,
                           "Object of type " + type_of(w, v)->name + " is not JSON serializable");
            Value replacement = call(w, default_fn, std::vector<Value>{v});
            enter();
            encode(replacement, level);
            leave();
            if (o) unmark(o);
        }
    }

    void encode_list(const Value& v, std::vector<Value> items, int level) {
        if (items.empty()) {
            out += "[]";
            return;
        }
        mark(v.object());
        enter();
        out += '[';
        if (has_indent) newline(++level);
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) {
                out += item_separator;
                if (has_indent) newline(level);
            }
            encode(items[i], level);
        }
        if (has_indent) newline(--level);
        out += ']';
        leave();
        unmark(v.object());
    }

    // list.sort on the (key, value) items: timsort's binary insertion for short lists.
    bool item_less(const std::pair<Value, Value>& a, const std::pair<Value, Value>& b) {
        if (!equal(w, a.first, b.first))
            return truthy(w, compare(w, CompareOp::Lt, a.first, b.first));
        return truthy(w, compare(w, CompareOp::Lt, a.second, b.second));
    }

    void sort_items(std::vector<std::pair<Value, Value>>& items) {
        size_t n = items.size();
        if (n < 2) return;
        if (n >= 64) {
            std::stable_sort(items.begin(), items.end(),
                             [&](const auto& a, const auto& b) { return item_less(a, b); });
            return;
        }
        // count_run
        size_t run = 2;
        if (item_less(items[1], items[0])) {
            while (run < n && item_less(items[run], items[run - 1])) ++run;
            std::reverse(items.begin(), items.begin() + static_cast<long>(run));
        } else {
            while (run < n && !item_less(items[run], items[run - 1])) ++run;
        }
        // binarysort
        for (size_t start = run; start < n; ++start) {
            size_t l = 0, r = start;
            auto pivot = items[start];
            while (l < r) {
                size_t p = l + ((r - l) >> 1);
                if (item_less(pivot, items[p]))
                    r = p;
                else
                    l = p + 1;
            }
            for (size_t p = start; p > l; --p) items[p] = items[p - 1];
            items[l] = pivot;
        }
    }

    void encode_dict(const Value& v, const DictObject& d, int level) {
        if (d.size() == 0) {
            out += "{}";
            return;
        }
        mark(v.object());
        enter();
        std::vector<std::pair<Value, Value>> items;
        d.for_each([&](const Value& k, const Value& val) { items.emplace_back(k, val); });
        if (sort_keys) sort_items(items);
        out += '{';
        if (has_indent) newline(++level);
        bool first = true;
        for (auto& [key, value] : items) {
            std::string key_text;
            if (auto* s = key.as<StrObject>())
                key_text = s->text;
            else if (key.is_float())
                key_text = float_text(key.as_float());
            else if (key.is_bool())
                key_text = key.as_bool() ? "true" : "false";
            else if (key.is_none())
                key_text = "null";
            else if (key.is_int())
                key_text = std::to_string(key.as_int());
            else if (skipkeys)
                continue;
            else
                type_error(w, "keys must be str, int, float, bool or None, not " +
                                  (has_indent ? type_of(w, key)->name : type_name(w, key)));
            if (!first) {
                out += item_separator;
                if (has_indent) newline(level);
            }
            first = false;
            encode_string(key_text);
            out += key_separator;
            encode(value, level);
        }
        if (has_indent) newline(--level);
        out += '}';
        leave();
        unmark(v.object());
    }
};

Value json_dumps(World& w, const Value&, CallArgs& a) {
    Value obj = take_first(w, "dumps", "obj", a);
    Encoder e(w);
    auto flag = [&](const char* name, bool& field) {
        Value v = take_keyword(a, name);
        if (!v.empty()) field = truthy(w, v);
    };
    flag("skipkeys", e.skipkeys);
    flag("ensure_ascii", e.ensure_ascii);
    flag("check_circular", e.check_circular);
    flag("allow_nan", e.allow_nan);
    flag("sort_keys", e.sort_keys);
    Value cls = take_keyword(a, "cls");
    Value indent = take_keyword(a, "indent");
    Value separators = take_keyword(a, "separators");
    Value default_fn = take_keyword(a, "default");
    reject_unknown_keywords(w, "JSONEncoder", a);
    if (!cls.empty() && !cls.is_none())
        type_error(w, "json.dumps(): a custom encoder class (cls) is not supported");
    if (!default_fn.empty() && !default_fn.is_none()) e.default_fn = default_fn;
    if (!indent.empty() && !indent.is_none()) {
        e.has_indent = true;
        e.item_separator = ",";
        if (auto* s = indent.as<StrObject>())
            e.indent = s->text;
        else if (indent.is_int() || indent.is_bool())
            e.indent = std::string(std::max<int64_t>(0, indent.as_int()), ' ');
        else
            type_error(w,
                       "can't multiply sequence by non-int of type '" + type_name(w, indent) + "'");
    }
    if (!separators.empty() && !separators.is_none()) {
        std::vector<Value> parts = to_vector(w, separators);
        if (parts.size() < 2)
            w.raise(w.types.ValueError, "not enough values to unpack (expected 2, got " +
                                            std::to_string(parts.size()) + ")");
        if (parts.size() > 2) w.raise(w.types.ValueError, "too many values to unpack (expected 2)");
        for (int i : {1, 0}) {
            if (!parts[i].as<StrObject>())
                type_error(w, std::string("make_encoder() argument ") + (i ? "5" : "6") +
                                  " must be str, not " + type_name(w, parts[i]));
        }
        e.item_separator = parts[0].as<StrObject>()->text;
        e.key_separator = parts[1].as<StrObject>()->text;
    }
    e.encode(obj, 0);
    return new_str(w, std::move(e.out));
}

// ---- json.loads ----------------------------------------------------------------------------

TypeObject* decode_error_type(World& w) {
    Value* m = w.builtins->find_str("json");
    auto* module = m ? m->as<ModuleObject>() : nullptr;
    Value* t = module ? module->dict->find_str("JSONDecodeError") : nullptr;
    auto* type = t ? t->as<TypeObject>() : nullptr;
    return type ? type : w.types.ValueError;
}

// JSONDecodeError.__init__'s work: args, msg, doc, pos, lineno, colno.
void fill_decode_error(World& w, InstanceObject* e, const std::string& msg, const Value& doc,
                       const std::u32string& text, int64_t pos) {
    int64_t lineno = 1, last_newline = -1;
    for (int64_t i = 0; i < pos && i < static_cast<int64_t>(text.size()); ++i)
        if (text[static_cast<size_t>(i)] == '\n') {
            ++lineno;
            last_newline = i;
        }
    int64_t colno = pos - last_newline;
    std::string errmsg = msg + ": line " + std::to_string(lineno) + " column " +
                         std::to_string(colno) + " (char " + std::to_string(pos) + ")";
    e->args = w.tuple({new_str(w, errmsg)});
    if (!e->dict) e->dict = w.dict();
    e->dict->set(new_str(w, "msg"), new_str(w, msg));
    e->dict->set(new_str(w, "doc"), doc);
    e->dict->set(new_str(w, "pos"), Value::integer(pos));
    e->dict->set(new_str(w, "lineno"), Value::integer(lineno));
    e->dict->set(new_str(w, "colno"), Value::integer(colno));
}

struct Decoder {
    Decoder(World& world, const std::u32string& text, Value document)
        : w(world), s(text), doc(std::move(document)) {}
    World& w;
    const std::u32string& s;
    Value doc;
    Value object_hook, object_pairs_hook, parse_float, parse_int, parse_constant;
    int depth = 0;

    [[noreturn]] void fail(const std::string& msg, int64_t pos) {
        Value exc = w.new_exception(decode_error_type(w), {});
        fill_decode_error(w, exc.as<InstanceObject>(), msg, doc, s, pos);
        throw PyError{exc};
    }

    int64_t size() const { return static_cast<int64_t>(s.size()); }
    char32_t at(int64_t i) const { return s[static_cast<size_t>(i)]; }
    bool is_ws(int64_t i) const {
        if (i >= size()) return false;
        char32_t c = at(i);
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
    int64_t skip_ws(int64_t i) const {
        while (is_ws(i)) ++i;
        return i;
    }
    bool matches(int64_t i, std::u32string_view word) const {
        return i + static_cast<int64_t>(word.size()) <= size() &&
               std::u32string_view(s).substr(static_cast<size_t>(i), word.size()) == word;
    }

    std::string utf8(int64_t from, int64_t to) const {
        std::string out;
        for (int64_t i = from; i < to; ++i) put_cp(out, at(i));
        return out;
    }

    int hex_value(char32_t c) const {
        if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
        if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
        if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
        return -1;
    }

    // scanstring_unicode: `end` is the index after the opening quote.
    std::string scan_string(int64_t end, int64_t& next_end) {
        int64_t begin = end - 1, len = size();
        std::string out;
        while (true) {
            int64_t next = end;
            char32_t c = 0;
            for (; next < len; ++next) {
                c = at(next);
                if (c == '"' || c == '\\') break;
                if (c <= 0x1f) fail("Invalid control character at", next);
            }
            if (next >= len) fail("Unterminated string starting at", begin);
            for (int64_t i = end; i < next; ++i) put_cp(out, at(i));
            ++next;
            if (c == '"') {
                next_end = next;
                return out;
            }
            if (next == len) fail("Unterminated string starting at", begin);
            c = at(next);
            if (c != 'u') {
                end = next + 1;
                switch (c) {
                case '"':
                case '\\':
                case '/':
                    break;
                case 'b':
                    c = '\b';
                    break;
                case 'f':
                    c = '\f';
                    break;
                case 'n':
                    c = '\n';
                    break;
                case 'r':
                    c = '\r';
                    break;
                case 't':
                    c = '\t';
                    break;
                default:
                    fail("Invalid \\escape", end - 2);
                }
            } else {
                ++next;
                end = next + 4;
                if (end >= len) fail("Invalid \\uXXXX escape", next - 1);
                c = 0;
                for (; next < end; ++next) {
                    int d = hex_value(at(next));
                    if (d < 0) fail("Invalid \\uXXXX escape", end - 5);
                    c = (c << 4) | static_cast<char32_t>(d);
                }
                if (c >= 0xD800 && c <= 0xDBFF && end + 6 < len && at(next) == '\\' &&
                    at(next + 1) == 'u') {
                    next += 2;
                    char32_t c2 = 0;
                    end += 6;
                    for (; next < end; ++next) {
                        int d = hex_value(at(next));
                        if (d < 0) fail("Invalid \\uXXXX escape", end - 5);
                        c2 = (c2 << 4) | static_cast<char32_t>(d);
                    }
                    if (c2 >= 0xDC00 && c2 <= 0xDFFF)
                        c = 0x10000 + (((c - 0xD800) << 10) | (c2 - 0xDC00));
                    else
                        end -= 6;
                }
            }
            put_cp(out, c);
        }
    }

    Value constant(const char* name, double value) {
        if (!parse_constant.empty())
            return call(w, parse_constant, std::vector<Value>{new_str(w, name)});
        return Value::real(value);
    }

    // scan_once_unicode; `ok` false means "no value here" (StopIteration in CPython).
    Value scan(int64_t idx, int64_t& next_idx) {
        if (idx >= size()) fail("Expecting value", idx);
        switch (at(idx)) {
        case '"':
            return new_str(w, scan_string(idx + 1, next_idx));
        case '{':
            return nested(idx, next_idx, true);
        case '[':
            return nested(idx, next_idx, false);
        case 'n':
            if (matches(idx, U"null")) {
                next_idx = idx + 4;
                return Value::none();
            }
            break;
        case 't':
            if (matches(idx, U"true")) {
                next_idx = idx + 4;
                return Value::boolean(true);
            }
            break;
        case 'f':
            if (matches(idx, U"false")) {
                next_idx = idx + 5;
                return Value::boolean(false);
            }
            break;
        case 'N':
            if (matches(idx, U"NaN")) {
                next_idx = idx + 3;
                return constant("NaN", std::nan(""));
            }
            break;
        case 'I':
            if (matches(idx, U"Infinity")) {
                next_idx = idx + 8;
                return constant("Infinity", HUGE_VAL);
            }
            break;
        case '-':
            if (matches(idx, U"-Infinity")) {
                next_idx = idx + 9;
                return constant("-Infinity", -HUGE_VAL);
            }
            break;
        default:
            break;
        }
        return number(idx, next_idx);
    }

    bool digit(int64_t i) const { return i < size() && at(i) >= '0' && at(i) <= '9'; }

    // _match_number_unicode
    Value number(int64_t start, int64_t& next_idx) {
        int64_t idx = start, end_idx = size() - 1;
        if (at(idx) == '-') {
            ++idx;
            if (idx > end_idx) fail("Expecting value", start);
        }
        if (at(idx) >= '1' && at(idx) <= '9') {
            ++idx;
            while (digit(idx)) ++idx;
        } else if (at(idx) == '0') {
            ++idx;
        } else {
            fail("Expecting value", start);
        }
        bool is_float = false;
        if (idx < end_idx && at(idx) == '.' && digit(idx + 1)) {
            is_float = true;
            idx += 2;
            while (digit(idx)) ++idx;
        }
        if (idx < end_idx && (at(idx) == 'e' || at(idx) == 'E')) {
            int64_t e_start = idx;
            ++idx;
            if (idx < end_idx && (at(idx) == '-' || at(idx) == '+')) ++idx;
            while (digit(idx)) ++idx;
            if (digit(idx - 1))
                is_float = true;
            else
                idx = e_start;
        }
        next_idx = idx;
        std::string text = utf8(start, idx);
        if (is_float) {
            if (!parse_float.empty())
                return call(w, parse_float, std::vector<Value>{new_str(w, text)});
            static locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
            return Value::real(strtod_l(text.c_str(), nullptr, c_locale));
        }
        if (!parse_int.empty()) return call(w, parse_int, std::vector<Value>{new_str(w, text)});
        bool negative = text[0] == '-';
        uint64_t magnitude = 0;
        bool overflow = false;
        for (size_t i = negative ? 1 : 0; i < text.size(); ++i) {
            uint64_t d = static_cast<uint64_t>(text[i] - '0');
            if (magnitude > (UINT64_MAX - d) / 10)
                overflow = true;
            else
                magnitude = magnitude * 10 + d;
        }
        uint64_t limit = negative ? uint64_t(1) << 63 : (uint64_t(1) << 63) - 1;
        if (overflow || magnitude > limit) return Value::integer(checked_int(w, true, 0));
        return Value::integer(negative ? static_cast<int64_t>(0 - magnitude)
                                       : static_cast<int64_t>(magnitude));
    }

    Value nested(int64_t idx, int64_t& next_idx, bool object) {
        if (++depth > std::max(1, w.recursion_limit - w.call_depth))
            w.raise(w.types.RecursionError,
                    std::string("maximum recursion depth exceeded while decoding a JSON ") +
                        (object ? "object" : "array") + " from a unicode string");
        Value v = object ? parse_object(idx + 1, next_idx) : parse_array(idx + 1, next_idx);
        --depth;
        return v;
    }

    Value parse_object(int64_t idx, int64_t& next_idx) {
        int64_t end_idx = size() - 1;
        std::vector<std::pair<Value, Value>> pairs;
        idx = skip_ws(idx);
        if (idx > end_idx || at(idx) != '}') {
            while (true) {
                if (idx > end_idx || at(idx) != '"')
                    fail("Expecting property name enclosed in double quotes", idx);
                int64_t after;
                Value key = new_str(w, scan_string(idx + 1, after));
                idx = skip_ws(after);
                if (idx > end_idx || at(idx) != ':') fail("Expecting ':' delimiter", idx);
                idx = skip_ws(idx + 1);
                Value val = scan(idx, after);
                pairs.emplace_back(key, val);
                idx = skip_ws(after);
                if (idx <= end_idx && at(idx) == '}') break;
                if (idx > end_idx || at(idx) != ',') fail("Expecting ',' delimiter", idx);
                idx = skip_ws(idx + 1);
            }
        }
        next_idx = idx + 1;
        if (!object_pairs_hook.empty()) {
            std::vector<Value> items;
            for (auto& [k, v] : pairs) items.push_back(w.tuple({k, v}));
            return call(w, object_pairs_hook, std::vector<Value>{Value(w.list(std::move(items)))});
        }
        auto d = w.dict();
        for (auto& [k, v] : pairs) d->set(k, v);
        if (!object_hook.empty()) return call(w, object_hook, std::vector<Value>{Value(d)});
        return Value(d);
    }

    Value parse_array(int64_t idx, int64_t& next_idx) {
        int64_t end_idx = size() - 1;
        auto list = w.list();
        idx = skip_ws(idx);
        if (idx > end_idx || at(idx) != ']') {
            while (true) {
                int64_t after;
                Value val = scan(idx, after);
                list->items.push_back(val);
                idx = skip_ws(after);
                if (idx <= end_idx && at(idx) == ']') break;
                if (idx > end_idx || at(idx) != ',') fail("Expecting ',' delimiter", idx);
                idx = skip_ws(idx + 1);
            }
        }
        next_idx = idx + 1;
        return Value(list);
    }
};

Value json_loads(World& w, const Value&, CallArgs& a) {
    Value s = take_first(w, "loads", "s", a);
    Value cls = take_keyword(a, "cls");
    Value hooks[5];
    const char* names[5] = {"object_hook", "parse_float", "parse_int", "parse_constant",
                            "object_pairs_hook"};
    for (int i = 0; i < 5; ++i) {
        hooks[i] = take_keyword(a, names[i]);
        if (hooks[i].is_none()) hooks[i] = Value();
    }
    reject_unknown_keywords(w, "JSONDecoder", a);
    if (!cls.empty() && !cls.is_none())
        type_error(w, "json.loads(): a custom decoder class (cls) is not supported");
    auto* text = s.as<StrObject>();
    if (!text)
        type_error(w,
                   "the JSON object must be str, bytes or bytearray, not " + type_of(w, s)->name);
    std::u32string u;
    for (size_t i = 0; i < text->text.size();) u += next_cp(text->text, i);
    Decoder d(w, u, s);
    d.object_hook = hooks[0];
    d.parse_float = hooks[1];
    d.parse_int = hooks[2];
    d.parse_constant = hooks[3];
    d.object_pairs_hook = hooks[4];
    if (!u.empty() && u[0] == 0xFEFF) d.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    int64_t end;
    Value result = d.scan(d.skip_ws(0), end);
    end = d.skip_ws(end);
    if (end != d.size()) d.fail("Extra data", end);
    return result;
}

// JSONDecodeError(msg, doc, pos), as json/decoder.py defines it.
Value decode_error_init(World& w, const Value& self, CallArgs& a) {
    static const char* params[3] = {"msg", "doc", "pos"};
    Value got[3];
    if (a.positional.size() > 3)
        type_error(w, "JSONDecodeError.__init__() takes 4 positional arguments but " +
                          std::to_string(a.positional.size() + 1) + " were given");
    for (size_t i = 0; i < a.positional.size(); ++i) got[i] = a.positional[i];
    for (int i = 0; i < 3; ++i) {
        Value kw = take_keyword(a, params[i]);
        if (kw.empty()) continue;
        if (!got[i].empty())
            type_error(
                w, std::string("JSONDecodeError.__init__() got multiple values for argument '") +
                       params[i] + "'");
        got[i] = kw;
    }
    if (!a.keywords.empty())
        type_error(w, "JSONDecodeError.__init__() got an unexpected keyword argument '" +
                          a.keywords.front().name + "'");
    std::vector<std::string> missing;
    for (int i = 0; i < 3; ++i)
        if (got[i].empty()) missing.push_back(std::string("'") + params[i] + "'");
    if (!missing.empty()) {
        std::string list;
        for (size_t i = 0; i < missing.size(); ++i) {
            if (i)
                list += missing.size() == 2 ? " and " : i + 1 == missing.size() ? ", and " : ", ";
            list += missing[i];
        }
        type_error(w, "JSONDecodeError.__init__() missing " + std::to_string(missing.size()) +
                          " required positional argument" + (missing.size() == 1 ? "" : "s") +
                          ": " + list);
    }
    auto* inst = self.as<InstanceObject>();
    auto* doc = got[1].as<StrObject>();
    if (!inst || !doc || !(got[2].is_int() || got[2].is_bool()))
        type_error(w, "JSONDecodeError(msg, doc, pos) needs a str doc and an int pos");
    std::u32string u;
    for (size_t i = 0; i < doc->text.size();) u += next_cp(doc->text, i);
    fill_decode_error(w, inst, str(w, got[0]), got[1], u, got[2].as_int());
    inst->dict->set(new_str(w, "msg"), got[0]);
    return Value::none();
}

// class JSONDecodeError(ValueError) of json.decoder: a heap exception type, built as
// type.__new__ would build it.
Ref<TypeObject> make_decode_error_type(World& w) {
    TypeObject* base = w.types.ValueError;
    auto t = make<TypeObject>(w.types.type);
    t->name = t->qualname = "JSONDecodeError";
    t->module = "json.decoder";
    t->heap = true;
    t->layout = base->layout;
    t->base = base;
    t->bases.emplace_back(base);
    t->solid_base = base->solid_base;
    t->slot_count = base->slot_count;
    t->has_dict = true;
    t->has_weakref = true;
    t->dict = w.dict();
    t->dict->set(new_str(w, "__module__"), new_str(w, "json.decoder"));
    t->dict->set(new_str(w, "__doc__"),
                 new_str(w, "Subclass of ValueError with the following additional properties:\n\n"
                            "    msg: The unformatted error message\n"
                            "    doc: The JSON document being parsed\n"
                            "    pos: The start index of doc where parsing failed\n"
                            "    lineno: The line corresponding to pos\n"
                            "    colno: The column corresponding to pos\n\n    "));
    t->mro.emplace_back(t.get());
    for (const auto& c : base->mro) t->mro.push_back(c);
    add_method(w, t.get(), "__init__", decode_error_init);
    return t;
}

} // namespace

void install_json_module(World& w) {
    auto d = w.dict();
    d->set(new_str(w, "__name__"), new_str(w, "json"));
    auto module = make<ModuleObject>(w.types.module, d);
    add_function(w, d.get(), "dumps", json_dumps);
    add_function(w, d.get(), "loads", json_loads);
    d->set(new_str(w, "JSONDecodeError"), Value(make_decode_error_type(w)));
    w.builtins->set(new_str(w, "json"), Value(module));
}

} // namespace ds
