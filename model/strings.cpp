// The str type's methods, printf-style formatting (str % args), format() with the format-spec
// mini-language, and str.format: ports of CPython 3.11's unicodeobject.c, stringlib,
// formatter_unicode.c, unicode_format.h and pystrtod.c, with CPython's error messages.
//
// Strings are UTF-8; Python counts code points, so everything that measures or indexes a
// string works on code points (decoded to std::u32string where needed).
#include "builtins.h"
#include "utf8.h"

#include "attribute.h"
#include "operations.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>

namespace ds {
namespace {

using U32 = std::u32string;
using U32View = std::u32string_view;

// ---- Unicode character database (generated tables at the end of this file) ------------------

bool uni_alpha(char32_t c);
bool uni_decimal(char32_t c);
int uni_decimal_value(char32_t c); // -1 when not a decimal digit
bool uni_digit(char32_t c);
bool uni_numeric(char32_t c);
bool uni_xid_start(char32_t c);
bool uni_xid_continue(char32_t c);
bool uni_cased(char32_t c);
bool uni_case_ignorable(char32_t c);
enum class CaseKind { Lower, Upper, Title };
// The full case mapping of c (1 to 3 code points) appended to out.
void uni_map_case(CaseKind kind, char32_t c, U32& out);

// _PyUnicode_IsWhitespace
bool uni_space(char32_t c) {
    if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// _PyUnicode_IsLinebreak
bool uni_linebreak(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D ||
           c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// UTF-8: next_cp and put_cp are in utf8.h.


U32 to_u32(std::string_view s) {
    U32 out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) out += next_cp(s, i);
    return out;
}

std::string to_utf8(U32View s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) put_cp(out, c);
    return out;
}

bool is_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

int64_t cp_count(std::string_view s) {
    if (is_ascii(s)) return static_cast<int64_t>(s.size());
    int64_t n = 0;
    for (size_t i = 0; i < s.size();) {
        next_cp(s, i);
        ++n;
    }
    return n;
}

void append_fill(std::string& out, char32_t fill, int64_t n) {
    if (n <= 0) return;
    if (fill < 0x80) {
        out.append(static_cast<size_t>(n), static_cast<char>(fill));
        return;
    }
    std::string one;
    put_cp(one, fill);
    for (int64_t k = 0; k < n; ++k) out += one;
}

// ---- errors and argument checking, with CPython's messages ----------------------------------

[[noreturn]] void type_error(World& w, const std::string& message) {
    w.raise(w.types.TypeError, message);
}
[[noreturn]] void value_error(World& w, const std::string& message) {
    w.raise(w.types.ValueError, message);
}

std::string count_text(size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

const std::string& self_text(World& w, const Value& self, const char* name) {
    if (auto* s = self.as<StrObject>()) return s->text;
    type_error(w, std::string("descriptor '") + name + "' for 'str' objects doesn't apply to a '" +
                      type_name(w, self) + "' object");
}

void no_keywords(World& w, const char* name, const CallArgs& a) {
    if (!a.keywords.empty())
        type_error(w, std::string("str.") + name + "() takes no keyword arguments");
}

// METH_NOARGS
const std::string& noargs(World& w, const Value& self, const char* name, const CallArgs& a) {
    const std::string& s = self_text(w, self, name);
    no_keywords(w, name, a);
    if (!a.positional.empty())
        type_error(w, std::string("str.") + name + "() takes no arguments (" +
                          std::to_string(a.positional.size()) + " given)");
    return s;
}

// METH_O
const std::string& one_arg(World& w, const Value& self, const char* name, const CallArgs& a) {
    const std::string& s = self_text(w, self, name);
    no_keywords(w, name, a);
    if (a.positional.size() != 1)
        type_error(w, std::string("str.") + name + "() takes exactly one argument (" +
                          std::to_string(a.positional.size()) + " given)");
    return s;
}

// Argument Clinic, positional-only parameters (_PyArg_CheckPositional).
const std::string& clinic_args(World& w, const Value& self, const char* name, const CallArgs& a,
                               size_t min, size_t max) {
    const std::string& s = self_text(w, self, name);
    no_keywords(w, name, a);
    size_t n = a.positional.size();
    if (n < min)
        type_error(w, std::string(name) + " expected " + (min == max ? "" : "at least ") +
                          count_text(min, "argument") + ", got " + std::to_string(n));
    if (n > max)
        type_error(w, std::string(name) + " expected " + (min == max ? "" : "at most ") +
                          count_text(max, "argument") + ", got " + std::to_string(n));
    return s;
}

// PyArg_ParseTuple ("O|OO:find").
const std::string& parsetuple_args(World& w, const Value& self, const char* name, const CallArgs& a,
                                   size_t min, size_t max) {
    const std::string& s = self_text(w, self, name);
    no_keywords(w, name, a);
    size_t n = a.positional.size();
    if (n < min || n > max) {
        size_t bound = n < min ? min : max;
        type_error(w, std::string(name) + "() takes " +
                          (min == max ? "exactly"
                           : n < min  ? "at least"
                                      : "at most") +
                          " " + count_text(bound, "argument") + " (" + std::to_string(n) +
                          " given)");
    }
    return s;
}

// Argument Clinic with keyword parameters, all optional (_PyArg_UnpackKeywords).
const std::string& clinic_keywords(World& w, const Value& self, const char* name, const CallArgs& a,
                                   std::initializer_list<const char*> names,
                                   std::vector<Value>& out) {
    const std::string& s = self_text(w, self, name);
    size_t nargs = a.positional.size(), nkw = a.keywords.size(), max = names.size();
    if (nargs + nkw > max)
        type_error(w, std::string(name) + "() takes at most " + std::to_string(max) + " " +
                          (nargs == 0 ? "keyword " : "") + (max == 1 ? "argument" : "arguments") +
                          " (" + std::to_string(nargs + nkw) + " given)");
    out.assign(max, Value());
    for (size_t i = 0; i < nargs; ++i) out[i] = a.positional[i];
    size_t used = 0;
    size_t i = 0;
    for (const char* param : names) {
        if (i++ < nargs) continue;
        for (const KwArg& kw : a.keywords)
            if (kw.name == param) {
                out[i - 1] = kw.value;
                ++used;
            }
    }
    if (used < nkw) {
        i = 0;
        for (const char* param : names) {
            if (i++ >= nargs) break;
            for (const KwArg& kw : a.keywords)
                if (kw.name == param)
                    type_error(w, std::string("argument for ") + name + "() given by name ('" +
                                      param + "') and position (" + std::to_string(i) + ")");
        }
        for (const KwArg& kw : a.keywords) {
            bool known = false;
            for (const char* param : names) known = known || kw.name == param;
            if (!known)
                type_error(w,
                           "'" + kw.name + "' is an invalid keyword argument for " + name + "()");
        }
    }
    return s;
}

bool user_special(World& w, const Value& v, const char* name, Value* result);

// PyNumber_AsSsize_t through __index__: "'str' object cannot be interpreted as an integer".
int64_t as_index(World& w, const Value& v) {
    if (v.is_int() || v.is_bool()) return v.as_int();
    Value r;
    if (user_special(w, v, "__index__", &r)) {
        if (r.is_int() || r.is_bool()) return r.as_int();
        type_error(w, "__index__ returned non-int (type " + type_name(w, r) + ")");
    }
    type_error(w, "'" + type_name(w, v) + "' object cannot be interpreted as an integer");
}

// _PyEval_SliceIndex: None keeps the default.
int64_t slice_index(World& w, const Value& v, int64_t dflt) {
    if (v.empty() || v.is_none()) return dflt;
    if (v.is_int() || v.is_bool()) return v.as_int();
    Value r;
    if (user_special(w, v, "__index__", &r) && (r.is_int() || r.is_bool())) return r.as_int();
    type_error(w, "slice indices must be integers or None or have an __index__ method");
}

// A method the model defined on type(v) (a heap class), called with no arguments. Returns
// false when the class does not define it; the builtin types' own slots are never called here.
bool user_special(World& w, const Value& v, const char* name, Value* result) {
    if (!v.is_object()) return false;
    TypeObject* where = nullptr;
    Value found = type_lookup(type_of(w, v), name, &where);
    if (found.empty() || !where || !where->heap) return false;
    *result = call_special(w, v, name, {});
    return true;
}

Value new_str(World& w, std::string s) {
    return Value(w.str(std::move(s)));
}

const std::string& arg_str(World& w, const Value& v, const std::string& message_prefix) {
    if (auto* s = v.as<StrObject>()) return s->text;
    type_error(w, message_prefix + type_name(w, v));
}

// ADJUST_INDICES of stringlib.
void adjust_indices(int64_t& start, int64_t& end, int64_t len) {
    if (end > len)
        end = len;
    else if (end < 0) {
        end += len;
        if (end < 0) end = 0;
    }
    if (start < 0) {
        start += len;
        if (start < 0) start = 0;
    }
}

} // namespace

// ---- floats to text: pystrtod.c's PyOS_double_to_string ------------------------------------

namespace {

// _Py_dg_dtoa for a finite double: the decimal digits (no trailing zeros) and the position of
// the decimal point. mode 0: shortest repr; 2: `ndigits` significant digits; 3: `ndigits`
// digits after the point. std::to_chars rounds exactly (half-even on ties), as dtoa does.
struct Dtoa {
    std::string digits;
    int64_t decpt = 0;
    bool negative = false;
};

Dtoa dtoa(World& w, double d, int mode, int64_t ndigits) {
    Dtoa r;
    r.negative = std::signbit(d);
    double a = std::fabs(d);
    if (a == 0) {
        r.digits = "0";
        r.decpt = 1;
        return r;
    }
    size_t size = static_cast<size_t>(ndigits) + 400;
    w.check_allocation(size, 1);
    std::string buf(size, '\0');
    char* first = buf.data();
    char* last = buf.data() + buf.size();
    std::to_chars_result res;
    if (mode == 0)
        res = std::to_chars(first, last, a, std::chars_format::scientific);
    else if (mode == 2)
        res = std::to_chars(first, last, a, std::chars_format::scientific,
                            static_cast<int>(ndigits - 1));
    else
        res = std::to_chars(first, last, a, std::chars_format::fixed, static_cast<int>(ndigits));
    std::string_view s(first, static_cast<size_t>(res.ptr - first));
    if (mode != 3) {
        size_t e = s.find('e');
        std::string_view mantissa = s.substr(0, e);
        std::string_view exponent = s.substr(e + 1);
        bool exp_negative = exponent[0] == '-';
        if (exponent[0] == '-' || exponent[0] == '+') exponent.remove_prefix(1);
        int64_t x = 0;
        for (char c : exponent) x = x * 10 + (c - '0');
        for (char c : mantissa)
            if (c != '.') r.digits += c;
        r.decpt = (exp_negative ? -x : x) + 1;
    } else {
        size_t dot = s.find('.');
        std::string_view int_part = s.substr(0, dot);
        r.digits = std::string(int_part);
        if (dot != std::string_view::npos) r.digits += s.substr(dot + 1);
        r.decpt = static_cast<int64_t>(int_part.size());
        size_t zeros = 0;
        while (zeros < r.digits.size() && r.digits[zeros] == '0') ++zeros;
        r.digits.erase(0, zeros);
        r.decpt -= static_cast<int64_t>(zeros);
        if (r.digits.empty()) { // rounds to zero: dtoa's "no digits" result
            r.decpt = -ndigits;
            return r;
        }
    }
    while (r.digits.size() > 1 && r.digits.back() == '0') r.digits.pop_back();
    return r;
}

struct FloatFlags {
    bool add_sign = false;  // Py_DTSF_SIGN
    bool add_dot_0 = false; // Py_DTSF_ADD_DOT_0
    bool alt = false;       // Py_DTSF_ALT
    bool no_neg_0 = false;  // Py_DTSF_NO_NEG_0
};

// PyOS_double_to_string + format_float_short. code: e E f F g G r.
std::string double_to_string(World& w, double d, char code, int64_t precision, FloatFlags flags) {
    bool upper = code == 'E' || code == 'F' || code == 'G';
    int mode = 0;
    switch (code) {
    case 'E':
        code = 'e';
        [[fallthrough]];
    case 'e':
        mode = 2;
        ++precision;
        break;
    case 'F':
        code = 'f';
        [[fallthrough]];
    case 'f':
        mode = 3;
        break;
    case 'G':
        code = 'g';
        [[fallthrough]];
    case 'g':
        mode = 2;
        if (precision == 0) precision = 1;
        break;
    default:
        mode = 0;
        precision = 0;
        break; // 'r'
    }
    std::string out;
    if (!std::isfinite(d)) {
        if (std::isinf(d) && d < 0)
            out += '-';
        else if (flags.add_sign)
            out += '+';
        out += std::isinf(d) ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan");
        return out;
    }
    Dtoa r = dtoa(w, d, mode, precision);
    const std::string& digits = r.digits;
    int64_t digits_len = static_cast<int64_t>(digits.size());
    int64_t decpt = r.decpt;
    bool sign = r.negative;
    if (flags.no_neg_0 && sign && (digits_len == 0 || (digits_len == 1 && digits[0] == '0')))
        sign = false;

    int64_t vdigits_end = digits_len;
    bool use_exp = false;
    switch (code) {
    case 'e':
        use_exp = true;
        vdigits_end = precision;
        break;
    case 'f':
        vdigits_end = decpt + precision;
        break;
    case 'g':
        if (decpt <= -4 || decpt > (flags.add_dot_0 ? precision - 1 : precision)) use_exp = true;
        if (flags.alt) vdigits_end = precision;
        break;
    default: // 'r'
        if (decpt <= -4 || decpt > 16) use_exp = true;
        break;
    }
    int64_t exp = 0;
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    int64_t vdigits_start = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && flags.add_dot_0)
        vdigits_end = std::max(vdigits_end, decpt + 1);
    else
        vdigits_end = std::max(vdigits_end, decpt);

    w.check_allocation(static_cast<size_t>(vdigits_end - vdigits_start) + 32, 1);
    if (sign)
        out += '-';
    else if (flags.add_sign)
        out += '+';
    if (decpt <= 0) {
        out.append(static_cast<size_t>(decpt - vdigits_start), '0');
        out += '.';
        out.append(static_cast<size_t>(-decpt), '0');
    } else {
        out.append(static_cast<size_t>(-vdigits_start), '0');
    }
    if (0 < decpt && decpt <= digits_len) {
        out.append(digits, 0, static_cast<size_t>(decpt));
        out += '.';
        out.append(digits, static_cast<size_t>(decpt), std::string::npos);
    } else {
        out += digits;
    }
    if (digits_len < decpt) {
        out.append(static_cast<size_t>(decpt - digits_len), '0');
        out += '.';
        out.append(static_cast<size_t>(vdigits_end - decpt), '0');
    } else {
        out.append(static_cast<size_t>(vdigits_end - digits_len), '0');
    }
    if (out.back() == '.' && !flags.alt) out.pop_back();
    if (use_exp) {
        out += upper ? 'E' : 'e';
        out += exp < 0 ? '-' : '+';
        int64_t m = exp < 0 ? -exp : exp;
        if (m < 10) out += '0';
        out += std::to_string(m);
    }
    return out;
}

std::string float_repr_text(World& w, double d) {
    return double_to_string(w, d, 'r', 0, FloatFlags{.add_dot_0 = true});
}

// Digits of |x| in a base (lowercase), without sign or prefix.
std::string int_digits(int64_t x, int base) {
    uint64_t m = x < 0 ? uint64_t(0) - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
    char buf[80];
    auto res = std::to_chars(buf, buf + sizeof buf, m, base);
    return std::string(buf, res.ptr);
}

// ---- the format-spec mini-language: formatter_unicode.c -------------------------------------

struct Spec {
    char32_t fill = ' ';
    char32_t align = '>';
    bool alternate = false;
    bool no_neg_0 = false;
    char32_t sign = 0;
    int64_t width = -1;
    char thousands = 0;  // ',' or '_'
    bool group4 = false; // '_' with b, o, x, X: groups of four
    int64_t precision = -1;
    char32_t type = 0;
};

std::string code_text(char32_t c) {
    if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(c));
    return buf;
}

[[noreturn]] void unknown_presentation_type(World& w, char32_t type, const std::string& tp_name) {
    value_error(w, "Unknown format code '" + code_text(type) + "' for object of type '" + tp_name +
                       "'");
}

bool is_alignment(char32_t c) {
    return c == '<' || c == '>' || c == '=' || c == '^';
}

// get_integer: -1 digits consumed means overflow (raised).
int64_t spec_integer(World& w, U32View s, size_t& pos, int64_t& result) {
    int64_t accumulator = 0, consumed = 0;
    for (; pos < s.size(); ++pos, ++consumed) {
        int digit = uni_decimal_value(s[pos]);
        if (digit < 0) break;
        if (accumulator > (INT64_MAX - digit) / 10)
            value_error(w, "Too many decimal digits in format string");
        accumulator = accumulator * 10 + digit;
    }
    result = accumulator;
    return consumed;
}

[[noreturn]] void comma_and_underscore(World& w) {
    value_error(w, "Cannot specify both ',' and '_'.");
}

Spec parse_spec(World& w, std::string_view spec_text, char32_t default_type, char32_t default_align,
                const std::string& tp_name) {
    U32 s = to_u32(spec_text);
    Spec f;
    f.align = default_align;
    f.type = default_type;
    size_t pos = 0, end = s.size();
    bool align_specified = false, fill_specified = false;
    if (end - pos >= 2 && is_alignment(s[pos + 1])) {
        f.align = s[pos + 1];
        f.fill = s[pos];
        fill_specified = align_specified = true;
        pos += 2;
    } else if (end - pos >= 1 && is_alignment(s[pos])) {
        f.align = s[pos];
        align_specified = true;
        ++pos;
    }
    if (pos < end && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' ')) f.sign = s[pos++];
    if (pos < end && s[pos] == 'z') {
        f.no_neg_0 = true;
        ++pos;
    }
    if (pos < end && s[pos] == '#') {
        f.alternate = true;
        ++pos;
    }
    if (!fill_specified && pos < end && s[pos] == '0') {
        f.fill = '0';
        if (!align_specified && default_align == '>') f.align = '=';
        ++pos;
    }
    if (spec_integer(w, s, pos, f.width) == 0) f.width = -1;
    if (pos < end && s[pos] == ',') {
        f.thousands = ',';
        ++pos;
    }
    if (pos < end && s[pos] == '_') {
        if (f.thousands) comma_and_underscore(w);
        f.thousands = '_';
        ++pos;
    }
    if (pos < end && s[pos] == ',' && f.thousands == '_') comma_and_underscore(w);
    if (pos < end && s[pos] == '.') {
        ++pos;
        if (spec_integer(w, s, pos, f.precision) == 0)
            value_error(w, "Format specifier missing precision");
    }
    if (end - pos > 1)
        value_error(w, "Invalid format specifier '" + std::string(spec_text) +
                           "' for object of type '" + tp_name + "'");
    if (end - pos == 1) f.type = s[pos++];
    if (f.thousands) {
        switch (f.type) {
        case 'd':
        case 'e':
        case 'f':
        case 'g':
        case 'E':
        case 'G':
        case '%':
        case 'F':
        case 0:
            break;
        case 'b':
        case 'o':
        case 'x':
        case 'X':
            if (f.thousands == '_') {
                f.group4 = true;
                break;
            }
            [[fallthrough]];
        default:
            value_error(w, std::string("Cannot specify '") + f.thousands + "' with '" +
                               code_text(f.type) + "'.");
        }
    }
    return f;
}

// A number split as calc_number_widths sees it: sign, prefix, digits (grouped), decimal
// point, remainder (fraction, exponent, '%', or the character of 'c').
struct NumberParts {
    bool negative = false;
    std::string prefix;
    std::string digits;
    bool has_decimal = false;
    U32 remainder;
};

// _PyUnicode_InsertThousandsGrouping: digits grouped by `group` (0: no grouping), padded with
// zeros (themselves grouped) to min_width.
std::string group_digits(const std::string& digits, int64_t min_width, char sep, int group) {
    min_width = std::max<int64_t>(0, min_width);
    int64_t remaining = static_cast<int64_t>(digits.size());
    std::vector<std::string> pieces; // right to left
    bool use_separator = false;
    auto emit = [&](int64_t len) {
        int64_t n_zeros = std::max<int64_t>(0, len - remaining);
        int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
        std::string piece(static_cast<size_t>(n_zeros), '0');
        piece.append(digits, static_cast<size_t>(remaining - n_chars),
                     static_cast<size_t>(n_chars));
        if (use_separator) piece += sep;
        pieces.push_back(std::move(piece));
        use_separator = true;
        remaining -= n_chars;
    };
    if (group > 0) {
        while (true) {
            int64_t len =
                std::min<int64_t>(group, std::max<int64_t>(std::max(remaining, min_width), 1));
            emit(len);
            min_width -= len;
            if (remaining <= 0 && min_width <= 0) break;
            min_width -= 1;
        }
    } else {
        emit(std::max<int64_t>(std::max(remaining, min_width), 1));
    }
    std::string out;
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) out += *it;
    return out;
}

// calc_number_widths + fill_number.
std::string render_number(World& w, const Spec& f, const NumberParts& p, char sep, int group,
                          bool upper) {
    char sign = 0;
    if (f.sign == '+')
        sign = p.negative ? '-' : '+';
    else if (f.sign == ' ')
        sign = p.negative ? '-' : ' ';
    else if (p.negative)
        sign = '-';
    int64_t n_non_digit = (sign ? 1 : 0) + static_cast<int64_t>(p.prefix.size()) +
                          (p.has_decimal ? 1 : 0) + static_cast<int64_t>(p.remainder.size());
    if (f.width > 0) w.check_allocation(static_cast<size_t>(f.width), 4);
    int64_t min_width = f.fill == '0' && f.align == '=' ? f.width - n_non_digit : 0;
    std::string grouped =
        p.digits.empty() ? std::string() : group_digits(p.digits, min_width, sep, group);
    int64_t n_padding = f.width - (n_non_digit + static_cast<int64_t>(grouped.size()));
    int64_t lpad = 0, spad = 0, rpad = 0;
    if (n_padding > 0) {
        switch (f.align) {
        case '<':
            rpad = n_padding;
            break;
        case '^':
            lpad = n_padding / 2;
            rpad = n_padding - lpad;
            break;
        case '=':
            spad = n_padding;
            break;
        default:
            lpad = n_padding;
            break;
        }
    }
    std::string out;
    append_fill(out, f.fill, lpad);
    if (sign) out += sign;
    std::string prefix = p.prefix;
    if (upper) {
        for (char& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        for (char& c : grouped) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    out += prefix;
    append_fill(out, f.fill, spad);
    out += grouped;
    if (p.has_decimal) out += '.';
    for (char32_t c : p.remainder) put_cp(out, c);
    append_fill(out, f.fill, rpad);
    return out;
}

void locale_grouping(const Spec& f, char& sep, int& group) {
    sep = 0;
    group = 0;
    if (f.type == 'n' || !f.thousands) return; // the C locale: no grouping
    sep = f.thousands;
    group = f.group4 ? 4 : 3;
}

// format_float_internal
std::string format_float_spec(World& w, double val, const Spec& f) {
    if (f.precision > INT_MAX) value_error(w, "precision too big");
    char32_t type = f.type;
    int64_t default_precision = 6;
    FloatFlags flags;
    flags.alt = f.alternate;
    flags.no_neg_0 = f.no_neg_0;
    if (type == 0) {
        flags.add_dot_0 = true;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n') type = 'g';
    bool add_pct = false;
    if (type == '%') {
        type = 'f';
        val *= 100;
        add_pct = true;
    }
    int64_t precision = f.precision;
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    std::string buf = double_to_string(w, val, static_cast<char>(type), precision, flags);
    if (add_pct) buf += '%';
    NumberParts p;
    size_t i = 0;
    if (buf[0] == '-') {
        p.negative = true;
        i = 1;
    }
    size_t digits_end = i;
    while (digits_end < buf.size() && buf[digits_end] >= '0' && buf[digits_end] <= '9')
        ++digits_end;
    p.digits = buf.substr(i, digits_end - i);
    size_t rest = digits_end;
    if (rest < buf.size() && buf[rest] == '.') {
        p.has_decimal = true;
        ++rest;
    }
    for (size_t k = rest; k < buf.size(); ++k) p.remainder += static_cast<char32_t>(buf[k]);
    char sep;
    int group;
    locale_grouping(f, sep, group);
    return render_number(w, f, p, sep, group, false);
}

// format_long_internal
std::string format_int_spec(World& w, int64_t x, const Spec& f) {
    if (f.precision != -1) value_error(w, "Precision not allowed in integer format specifier");
    if (f.no_neg_0)
        value_error(w, "Negative zero coercion (z) not allowed in integer format specifier");
    NumberParts p;
    if (f.type == 'c') {
        if (f.sign) value_error(w, "Sign not allowed with integer format specifier 'c'");
        if (f.alternate)
            value_error(w, "Alternate form (#) not allowed with integer format specifier 'c'");
        if (x < 0 || x > 0x10FFFF) w.raise(w.types.OverflowError, "%c arg not in range(0x110000)");
        p.remainder = U32(1, static_cast<char32_t>(x));
    } else {
        int base = 10;
        const char* prefix = "";
        switch (f.type) {
        case 'b':
            base = 2;
            prefix = "0b";
            break;
        case 'o':
            base = 8;
            prefix = "0o";
            break;
        case 'x':
        case 'X':
            base = 16;
            prefix = "0x";
            break;
        default:
            break;
        }
        if (f.alternate) p.prefix = prefix;
        p.negative = x < 0;
        p.digits = int_digits(x, base);
    }
    char sep;
    int group;
    locale_grouping(f, sep, group);
    return render_number(w, f, p, sep, group, f.type == 'X');
}

std::string format_int(World& w, int64_t x, std::string_view spec, const std::string& tp_name) {
    Spec f = parse_spec(w, spec, 'd', '>', tp_name);
    switch (f.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
        return format_int_spec(w, x, f);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%':
        return format_float_spec(w, static_cast<double>(x), f);
    default:
        unknown_presentation_type(w, f.type, tp_name);
    }
}

std::string format_float(World& w, double d, std::string_view spec) {
    Spec f = parse_spec(w, spec, 0, '>', "float");
    switch (f.type) {
    case 0:
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
        return format_float_spec(w, d, f);
    default:
        unknown_presentation_type(w, f.type, "float");
    }
}

// format_string_internal
std::string format_str(World& w, const std::string& text, std::string_view spec) {
    Spec f = parse_spec(w, spec, 's', '<', "str");
    if (f.type != 's') unknown_presentation_type(w, f.type, "str");
    if (f.sign == ' ') value_error(w, "Space not allowed in string format specifier");
    if (f.sign) value_error(w, "Sign not allowed in string format specifier");
    if (f.no_neg_0)
        value_error(w, "Negative zero coercion (z) not allowed in string format specifier");
    if (f.alternate) value_error(w, "Alternate form (#) not allowed in string format specifier");
    if (f.align == '=') value_error(w, "'=' alignment not allowed in string format specifier");
    int64_t len = cp_count(text);
    if ((f.width == -1 || f.width <= len) && (f.precision == -1 || f.precision >= len)) return text;
    std::string body = text;
    if (f.precision >= 0 && len >= f.precision) {
        U32 u = to_u32(text);
        u.resize(static_cast<size_t>(f.precision));
        body = to_utf8(u);
        len = f.precision;
    }
    int64_t total = f.width >= 0 ? std::max(f.width, len) : len;
    w.check_allocation(static_cast<size_t>(total), 4);
    int64_t lpad = f.align == '>' ? total - len : f.align == '^' ? (total - len) / 2 : 0;
    int64_t rpad = total - len - lpad;
    std::string out;
    append_fill(out, f.fill, lpad);
    out += body;
    append_fill(out, f.fill, rpad);
    return out;
}

// ascii(): repr with the non-ASCII characters escaped.
std::string ascii_of(World& w, const Value& v) {
    std::string r = repr(w, v);
    if (is_ascii(r)) return r;
    std::string out;
    for (char32_t c : to_u32(r)) {
        char buf[16];
        if (c < 0x80)
            out += static_cast<char>(c);
        else {
            if (c < 0x100)
                std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
            else if (c < 0x10000)
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            else
                std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
            out += buf;
        }
    }
    return out;
}

} // namespace

// format(v, spec): the builtin types' __format__, a model class's own __format__, or
// object.__format__.
std::string format_value(World& w, const Value& v, std::string_view spec) {
    if (v.is_bool()) {
        if (spec.empty()) return v.as_bool() ? "True" : "False";
        return format_int(w, v.as_int(), spec, "bool");
    }
    if (v.is_int()) {
        if (spec.empty()) return std::to_string(v.as_int());
        return format_int(w, v.as_int(), spec, "int");
    }
    if (v.is_float()) {
        if (spec.empty()) return float_repr_text(w, v.as_float());
        return format_float(w, v.as_float(), spec);
    }
    if (auto* s = v.as<StrObject>()) {
        if (spec.empty()) return s->text;
        return format_str(w, s->text, spec);
    }
    TypeObject* where = nullptr;
    Value method = type_lookup(type_of(w, v), "__format__", &where);
    if (!method.empty() && where && where->heap) {
        Value r = call_special(w, v, "__format__", {new_str(w, std::string(spec))});
        auto* rs = r.as<StrObject>();
        if (!rs) type_error(w, "__format__ must return a str, not " + type_name(w, r));
        return rs->text;
    }
    if (!spec.empty())
        type_error(w, "unsupported format string passed to " + type_name(w, v) + ".__format__");
    return str(w, v);
}

// ---- str % args: PyUnicode_Format ----------------------------------------------------------

namespace {

enum PctFlags { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

struct PctArg {
    char32_t ch = 0;
    int flags = 0;
    int64_t width = -1;
    int64_t prec = -1;
    bool sign = false;
};

// PyMapping_Check, for the values the engine has: what `%(name)s` may index.
bool is_mapping(World& w, const Value& v) {
    if (!v.is_object() || v.as<StrObject>() || v.as<TupleObject>()) return false;
    if (v.as<DictObject>() || v.as<ListObject>() || v.as<MappingProxyObject>() ||
        v.as<RangeObject>())
        return true;
    TypeObject* where = nullptr;
    Value m = type_lookup(type_of(w, v), "__getitem__", &where);
    return !m.empty() && where && where->heap;
}

bool is_number(World& w, const Value& v) { // PyNumber_Check
    if (v.is_int() || v.is_bool() || v.is_float()) return true;
    if (!v.is_object()) return false;
    for (const char* name : {"__index__", "__int__", "__float__"}) {
        TypeObject* where = nullptr;
        Value m = type_lookup(type_of(w, v), name, &where);
        if (!m.empty() && where && where->heap) return true;
    }
    return false;
}

// PyFloat_AsDouble
double as_double(World& w, const Value& v) {
    if (v.is_float()) return v.as_float();
    if (v.is_int() || v.is_bool()) return static_cast<double>(v.as_int());
    Value r;
    if (user_special(w, v, "__float__", &r)) {
        if (r.is_float()) return r.as_float();
        type_error(w, type_name(w, v) + ".__float__ returned non-float (type " + type_name(w, r) +
                          ")");
    }
    if (user_special(w, v, "__index__", &r) && (r.is_int() || r.is_bool()))
        return static_cast<double>(r.as_int());
    type_error(w, "must be real number, not " + type_name(w, v));
}

// float -> int as int(x) does.
int64_t float_to_int(World& w, double d) {
    if (std::isinf(d)) w.raise(w.types.OverflowError, "cannot convert float infinity to integer");
    if (std::isnan(d)) value_error(w, "cannot convert float NaN to integer");
    double t = std::trunc(d);
    if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) return checked_int(w, true, 0);
    return static_cast<int64_t>(t);
}

// mainformatlong + _PyUnicode_FormatLong
std::string pct_format_long(World& w, const Value& v, const PctArg& arg) {
    char type = static_cast<char>(arg.ch);
    auto wrong_type = [&]() -> std::string {
        if (type == 'o' || type == 'x' || type == 'X')
            type_error(w, std::string("%") + type + " format: an integer is required, not " +
                              type_name(w, v));
        type_error(w, std::string("%") + type + " format: a real number is required, not " +
                          type_name(w, v));
    };
    if (!is_number(w, v)) return wrong_type();
    int64_t x;
    if (v.is_int() || v.is_bool()) {
        x = v.as_int();
    } else if (v.is_float()) {
        if (type == 'o' || type == 'x' || type == 'X') return wrong_type();
        x = float_to_int(w, v.as_float());
    } else {
        Value r;
        if (!user_special(w, v, "__index__", &r) &&
            !(type != 'o' && type != 'x' && type != 'X' && user_special(w, v, "__int__", &r)))
            return wrong_type();
        if (!r.is_int() && !r.is_bool())
            type_error(w, "__index__ returned non-int (type " + type_name(w, r) + ")");
        x = r.as_int();
    }
    int base = type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    std::string digits = int_digits(x, base);
    std::string out;
    if (x < 0) out += '-';
    if ((arg.flags & F_ALT) && base != 10) out += base == 8 ? "0o" : "0x";
    if (arg.prec > static_cast<int64_t>(digits.size())) {
        w.check_allocation(static_cast<size_t>(arg.prec), 1);
        out.append(static_cast<size_t>(arg.prec) - digits.size(), '0');
    }
    out += digits;
    if (type == 'X')
        for (char& c : out)
            if (c >= 'a' && c <= 'x') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// formatchar
char32_t pct_format_char(World& w, const Value& v) {
    if (auto* s = v.as<StrObject>()) {
        U32 u = to_u32(s->text);
        if (u.size() == 1) return u[0];
    } else {
        int64_t x = 0;
        bool ok = false;
        if (v.is_int() || v.is_bool()) {
            x = v.as_int();
            ok = true;
        } else {
            Value r;
            if (user_special(w, v, "__index__", &r) && (r.is_int() || r.is_bool())) {
                x = r.as_int();
                ok = true;
            }
        }
        if (ok) {
            if (x < 0 || x > 0x10FFFF)
                w.raise(w.types.OverflowError, "%c arg not in range(0x110000)");
            return static_cast<char32_t>(x);
        }
    }
    type_error(w, "%c requires int or char");
}

// unicode_format_arg_output
void pct_output(World& w, PctArg& arg, const std::string& text, std::string& out) {
    U32 str = to_u32(text);
    int64_t len = static_cast<int64_t>(str.size());
    char32_t fill = arg.sign && (arg.flags & F_ZERO) ? '0' : ' ';
    if ((arg.width == -1 || arg.width <= len) && (arg.prec == -1 || arg.prec >= len) &&
        !(arg.flags & (F_SIGN | F_BLANK))) {
        out += text;
        return;
    }
    if ((arg.ch == 's' || arg.ch == 'r' || arg.ch == 'a') && arg.prec >= 0 && len > arg.prec)
        len = arg.prec;
    size_t pindex = 0;
    char32_t signchar = 0;
    if (arg.sign) {
        char32_t ch = str.empty() ? 0 : str[0];
        if (ch == '-' || ch == '+') {
            signchar = ch;
            --len;
            ++pindex;
        } else if (arg.flags & F_SIGN) {
            signchar = '+';
        } else if (arg.flags & F_BLANK) {
            signchar = ' ';
        } else {
            arg.sign = false;
        }
    }
    if (arg.width < len) arg.width = len;
    w.check_allocation(static_cast<size_t>(arg.width), 4);
    if (arg.sign) {
        if (fill != ' ') put_cp(out, signchar);
        if (arg.width > len) --arg.width;
    }
    bool prefix = (arg.flags & F_ALT) && (arg.ch == 'x' || arg.ch == 'X' || arg.ch == 'o');
    if (prefix) {
        if (fill != ' ') {
            put_cp(out, '0');
            put_cp(out, arg.ch);
            pindex += 2;
        }
        arg.width -= 2;
        if (arg.width < 0) arg.width = 0;
        len -= 2;
    }
    if (arg.width > len && !(arg.flags & F_LJUST)) {
        append_fill(out, fill, arg.width - len);
        arg.width = len;
    }
    if (fill == ' ') {
        if (arg.sign) put_cp(out, signchar);
        if (prefix) {
            put_cp(out, '0');
            put_cp(out, arg.ch);
            pindex += 2;
        }
    }
    if (len > 0) out += to_utf8(U32View(str).substr(pindex, static_cast<size_t>(len)));
    if (arg.width > len) append_fill(out, ' ', arg.width - len);
}

} // namespace

std::string percent_format(World& w, const std::string& format, const Value& args) {
    U32 fmt = to_u32(format);
    size_t n = fmt.size();
    Value cur_args = args;
    auto* tuple = args.as<TupleObject>();
    int64_t arglen = tuple ? static_cast<int64_t>(tuple->items.size()) : -1;
    int64_t argidx = tuple ? 0 : -2;
    Value dict = is_mapping(w, args) ? args : Value();
    auto next_arg = [&]() -> Value {
        if (argidx < arglen) {
            int64_t i = argidx++;
            if (arglen < 0) return cur_args;
            return cur_args.as<TupleObject>()->items[static_cast<size_t>(i)];
        }
        type_error(w, "not enough arguments for format string");
    };
    auto incomplete = [&]() { value_error(w, "incomplete format"); };

    std::string out;
    size_t pos = 0;
    while (pos < n) {
        if (fmt[pos] != '%') {
            size_t start = pos;
            while (pos < n && fmt[pos] != '%') ++pos;
            out += to_utf8(U32View(fmt).substr(start, pos - start));
            continue;
        }
        ++pos; // past '%'
        if (pos < n && fmt[pos] == '%') {
            out += '%';
            ++pos;
            continue;
        }
        PctArg arg;
        if (pos < n && fmt[pos] == '(') {
            if (dict.empty()) type_error(w, "format requires a mapping");
            ++pos;
            size_t keystart = pos;
            int pcount = 1;
            while (pcount > 0 && pos < n) {
                if (fmt[pos] == ')')
                    --pcount;
                else if (fmt[pos] == '(')
                    ++pcount;
                ++pos;
            }
            if (pcount > 0) value_error(w, "incomplete format key");
            Value key = new_str(w, to_utf8(U32View(fmt).substr(keystart, pos - 1 - keystart)));
            cur_args = get_item(w, dict, key);
            arglen = -1;
            argidx = -2;
        }
        // flags
        while (pos < n) {
            char32_t c = fmt[pos];
            int flag = c == '-'   ? F_LJUST
                       : c == '+' ? F_SIGN
                       : c == ' ' ? F_BLANK
                       : c == '#' ? F_ALT
                       : c == '0' ? F_ZERO
                                  : 0;
            if (!flag) break;
            arg.flags |= flag;
            ++pos;
        }
        if (pos >= n) incomplete();
        // width
        if (fmt[pos] == '*') {
            Value v = next_arg();
            if (!v.is_int() && !v.is_bool()) type_error(w, "* wants int");
            arg.width = v.as_int();
            if (arg.width < 0) {
                arg.flags |= F_LJUST;
                arg.width = -arg.width;
            }
            ++pos;
        } else if (fmt[pos] >= '0' && fmt[pos] <= '9') {
            arg.width = 0;
            while (pos < n && fmt[pos] >= '0' && fmt[pos] <= '9') {
                int digit = static_cast<int>(fmt[pos] - '0');
                if (arg.width > (INT64_MAX - digit) / 10) value_error(w, "width too big");
                arg.width = arg.width * 10 + digit;
                ++pos;
            }
        }
        // precision
        if (pos < n && fmt[pos] == '.') {
            arg.prec = 0;
            ++pos;
            if (pos < n && fmt[pos] == '*') {
                Value v = next_arg();
                if (!v.is_int() && !v.is_bool()) type_error(w, "* wants int");
                if (v.as_int() > INT_MAX || v.as_int() < INT_MIN)
                    w.raise(w.types.OverflowError, "Python int too large to convert to C int");
                arg.prec = std::max<int64_t>(0, v.as_int());
                ++pos;
            } else {
                while (pos < n && fmt[pos] >= '0' && fmt[pos] <= '9') {
                    int digit = static_cast<int>(fmt[pos] - '0');
                    if (arg.prec > (INT_MAX - digit) / 10) value_error(w, "precision too big");
                    arg.prec = arg.prec * 10 + digit;
                    ++pos;
                }
            }
        }
        if (pos < n && (fmt[pos] == 'h' || fmt[pos] == 'l' || fmt[pos] == 'L')) ++pos;
        if (pos >= n) incomplete();
        arg.ch = fmt[pos++];

        Value v = next_arg();
        std::string text;
        switch (arg.ch) {
        case 's':
            if (auto* s = v.as<StrObject>())
                text = s->text;
            else
                text = str(w, v);
            break;
        case 'r':
            text = repr(w, v);
            break;
        case 'a':
            text = ascii_of(w, v);
            break;
        case 'i':
        case 'd':
        case 'u':
        case 'o':
        case 'x':
        case 'X':
            text = pct_format_long(w, v, arg);
            arg.sign = true;
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': {
            double d = as_double(w, v);
            FloatFlags flags;
            flags.alt = (arg.flags & F_ALT) != 0;
            text = double_to_string(w, d, static_cast<char>(arg.ch), arg.prec < 0 ? 6 : arg.prec,
                                    flags);
            arg.sign = true;
            break;
        }
        case 'c': {
            char32_t c = pct_format_char(w, v);
            put_cp(text, c);
            break;
        }
        default: {
            char buf[96];
            char shown = arg.ch >= 31 && arg.ch <= 126 ? static_cast<char>(arg.ch) : '?';
            std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu",
                          shown, static_cast<unsigned>(arg.ch), pos - 1);
            value_error(w, buf);
        }
        }
        pct_output(w, arg, text, out);
        if (!dict.empty() && argidx < arglen)
            type_error(w, "not all arguments converted during string formatting");
    }
    if (argidx < arglen && dict.empty())
        type_error(w, "not all arguments converted during string formatting");
    return out;
}

// ---- str.format and str.format_map: unicode_format.h ----------------------------------------

namespace {

struct FormatSource {
    const std::vector<Value>* positional = nullptr; // null for format_map
    const std::vector<KwArg>* keywords = nullptr;
    Value mapping; // format_map's argument
};

struct AutoNumber {
    enum { Init, Auto, Manual } state = Init;
    int64_t next = 0;
};

// get_integer: -1 when `s` is not all decimal digits (or empty).
int64_t field_integer(World& w, U32View s) {
    if (s.empty()) return -1;
    int64_t accumulator = 0;
    for (char32_t c : s) {
        int digit = uni_decimal_value(c);
        if (digit < 0) return -1;
        if (accumulator > (INT64_MAX - digit) / 10)
            value_error(w, "Too many decimal digits in format string");
        accumulator = accumulator * 10 + digit;
    }
    return accumulator;
}

Value get_field_object(World& w, U32View field, const FormatSource& src, AutoNumber& an) {
    size_t i = 0;
    while (i < field.size() && field[i] != '.' && field[i] != '[') ++i;
    U32View first = field.substr(0, i);
    int64_t index = field_integer(w, first);
    bool empty = first.empty();
    bool numeric = empty || index != -1;
    if (an.state == AutoNumber::Init && numeric)
        an.state = empty ? AutoNumber::Auto : AutoNumber::Manual;
    if (numeric) {
        if (an.state == AutoNumber::Manual && empty)
            value_error(
                w, "cannot switch from manual field specification to automatic field numbering");
        if (an.state == AutoNumber::Auto && !empty)
            value_error(
                w, "cannot switch from automatic field numbering to manual field specification");
    }
    if (empty) index = an.next++;

    Value obj;
    if (index == -1) {
        std::string key = to_utf8(first);
        if (src.keywords) {
            for (const KwArg& kw : *src.keywords)
                if (kw.name == key) obj = kw.value;
            if (obj.empty()) w.raise_value(w.types.KeyError, new_str(w, key));
        } else {
            obj = get_item(w, src.mapping, new_str(w, key));
        }
    } else {
        if (!src.positional) value_error(w, "Format string contains positional fields");
        if (index >= static_cast<int64_t>(src.positional->size()))
            w.raise(w.types.IndexError, "Replacement index " + std::to_string(index) +
                                            " out of range for positional args tuple");
        obj = (*src.positional)[static_cast<size_t>(index)];
    }

    // the rest: .name and [key]
    while (i < field.size()) {
        char32_t c = field[i++];
        U32View name;
        bool is_attribute = c == '.';
        if (c == '.') {
            size_t start = i;
            while (i < field.size() && field[i] != '.' && field[i] != '[') ++i;
            name = field.substr(start, i - start);
        } else if (c == '[') {
            size_t start = i;
            bool bracket = false;
            while (i < field.size()) {
                if (field[i++] == ']') {
                    bracket = true;
                    break;
                }
            }
            if (!bracket) value_error(w, "Missing ']' in format string");
            name = field.substr(start, i - 1 - start);
        } else {
            value_error(w, "Only '.' or '[' may follow ']' in format field specifier");
        }
        int64_t name_index = is_attribute ? -1 : field_integer(w, name);
        if (name.empty()) value_error(w, "Empty attribute in format string");
        if (is_attribute)
            obj = getattr(w, obj, to_utf8(name));
        else if (name_index == -1)
            obj = get_item(w, obj, new_str(w, to_utf8(name)));
        else
            obj = get_item(w, obj, Value::integer(name_index));
    }
    return obj;
}

std::string build_string(World& w, U32View fmt, const FormatSource& src, int depth,
                         AutoNumber& an) {
    if (depth <= 0) value_error(w, "Max string recursion exceeded");
    std::string out;
    size_t pos = 0, end = fmt.size();
    while (pos < end) {
        // MarkupIterator_next: literal text up to a '{' or '}'
        size_t start = pos;
        char32_t c = 0;
        bool markup = false;
        while (pos < end) {
            c = fmt[pos++];
            if (c == '{' || c == '}') {
                markup = true;
                break;
            }
        }
        bool at_end = pos >= end;
        size_t len = pos - start;
        if (c == '}' && markup && (at_end || fmt[pos] != '}'))
            value_error(w, "Single '}' encountered in format string");
        if (at_end && c == '{' && markup) value_error(w, "Single '{' encountered in format string");
        if (!at_end) {
            if (c == fmt[pos]) { // {{ or }}
                ++pos;
                markup = false;
            } else {
                --len;
            }
        }
        out += to_utf8(fmt.substr(start, len));
        if (!markup) continue;

        // parse_field
        size_t name_start = pos;
        c = 0;
        while (pos < end) {
            c = fmt[pos++];
            if (c == '{') value_error(w, "unexpected '{' in field name");
            if (c == '[') {
                while (pos < end && fmt[pos] != ']') ++pos;
                continue;
            }
            if (c == '}' || c == ':' || c == '!') break;
        }
        U32View field_name = fmt.substr(name_start, pos - 1 - name_start);
        char32_t conversion = 0;
        U32View spec;
        bool expand = false;
        if (c == '!' || c == ':') {
            bool done = false;
            if (c == '!') {
                if (pos >= end)
                    value_error(w, "end of string while looking for conversion specifier");
                conversion = fmt[pos++];
                if (pos < end) {
                    char32_t next = fmt[pos++];
                    if (next == '}')
                        done = true;
                    else if (next != ':')
                        value_error(w, "expected ':' after conversion specifier");
                }
            }
            if (!done) {
                size_t spec_start = pos;
                int count = 1;
                bool closed = false;
                while (pos < end) {
                    char32_t s = fmt[pos++];
                    if (s == '{') {
                        expand = true;
                        ++count;
                    } else if (s == '}') {
                        if (--count == 0) {
                            spec = fmt.substr(spec_start, pos - 1 - spec_start);
                            closed = true;
                            break;
                        }
                    }
                }
                if (!closed) value_error(w, "unmatched '{' in format spec");
            }
        } else if (c != '}') {
            value_error(w, "expected '}' before end of string");
        }

        // output_markup
        Value obj = get_field_object(w, field_name, src, an);
        if (conversion) {
            std::string converted;
            switch (conversion) {
            case 'r':
                converted = repr(w, obj);
                break;
            case 's':
                converted = str(w, obj);
                break;
            case 'a':
                converted = ascii_of(w, obj);
                break;
            default:
                if (conversion > 32 && conversion < 127)
                    value_error(w, std::string("Unknown conversion specifier ") +
                                       static_cast<char>(conversion));
                char buf[64];
                std::snprintf(buf, sizeof buf, "Unknown conversion specifier \\x%x",
                              static_cast<unsigned>(conversion));
                value_error(w, buf);
            }
            obj = new_str(w, std::move(converted));
        }
        std::string spec_text = expand ? build_string(w, spec, src, depth - 1, an) : to_utf8(spec);
        out += format_value(w, obj, spec_text);
    }
    return out;
}

} // namespace

// ---- the methods of str ---------------------------------------------------------------------

namespace {

Value list_of_strings(World& w, std::vector<std::string> parts) {
    std::vector<Value> items;
    items.reserve(parts.size());
    for (auto& p : parts) items.push_back(new_str(w, std::move(p)));
    return Value(w.list(std::move(items)));
}

Value str_join(World& w, const Value& self, CallArgs& a) {
    const std::string& sep = one_arg(w, self, "join", a);
    const Value& iterable = a.positional[0];
    std::vector<Value> items;
    if (auto* l = iterable.as<ListObject>())
        items = l->items;
    else if (auto* t = iterable.as<TupleObject>())
        items = t->items;
    else {
        Value it;
        try {
            it = iter(w, iterable);
        } catch (PyError& e) {
            if (isinstance(w, e.exc, w.types.TypeError)) type_error(w, "can only join an iterable");
            throw;
        }
        for (Value v = next(w, it); !v.empty(); v = next(w, it)) items.push_back(v);
    }
    size_t total = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        auto* s = items[i].as<StrObject>();
        if (!s)
            type_error(w, "sequence item " + std::to_string(i) + ": expected str instance, " +
                              type_name(w, items[i]) + " found");
        total += s->text.size() + (i ? sep.size() : 0);
    }
    w.check_allocation(total, 1);
    std::string out;
    out.reserve(total);
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += sep;
        out += items[i].as<StrObject>()->text;
    }
    return new_str(w, std::move(out));
}

// The separator argument of split/rsplit: Empty for None (split on whitespace).
const std::string* split_separator(World& w, const Value& v) {
    if (v.empty() || v.is_none()) return nullptr;
    auto* s = v.as<StrObject>();
    if (!s) type_error(w, "must be str or None, not " + type_name(w, v));
    if (s->text.empty()) value_error(w, "empty separator");
    return &s->text;
}

std::vector<std::string> split_whitespace(const std::string& s, int64_t maxcount) {
    U32 u = to_u32(s);
    int64_t n = static_cast<int64_t>(u.size()), i = 0, j;
    std::vector<std::string> out;
    while (maxcount-- > 0) {
        while (i < n && uni_space(u[i])) ++i;
        if (i == n) break;
        j = i++;
        while (i < n && !uni_space(u[i])) ++i;
        out.push_back(to_utf8(U32View(u).substr(j, i - j)));
    }
    if (i < n) {
        while (i < n && uni_space(u[i])) ++i;
        if (i != n) out.push_back(to_utf8(U32View(u).substr(i)));
    }
    return out;
}

std::vector<std::string> rsplit_whitespace(const std::string& s, int64_t maxcount) {
    U32 u = to_u32(s);
    int64_t i = static_cast<int64_t>(u.size()) - 1, j;
    std::vector<std::string> out;
    while (maxcount-- > 0) {
        while (i >= 0 && uni_space(u[i])) --i;
        if (i < 0) break;
        j = i--;
        while (i >= 0 && !uni_space(u[i])) --i;
        out.push_back(to_utf8(U32View(u).substr(i + 1, j - i)));
    }
    if (i >= 0) {
        while (i >= 0 && uni_space(u[i])) --i;
        if (i >= 0) out.push_back(to_utf8(U32View(u).substr(0, i + 1)));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

// Splitting on a separator works on the UTF-8 bytes: UTF-8 never matches inside a character.
std::vector<std::string> split_on(const std::string& s, const std::string& sep, int64_t maxcount) {
    std::vector<std::string> out;
    size_t i = 0;
    while (maxcount-- > 0) {
        size_t j = s.find(sep, i);
        if (j == std::string::npos) break;
        out.push_back(s.substr(i, j - i));
        i = j + sep.size();
    }
    out.push_back(s.substr(i));
    return out;
}

std::vector<std::string> rsplit_on(const std::string& s, const std::string& sep, int64_t maxcount) {
    std::vector<std::string> out;
    size_t end = s.size();
    while (maxcount-- > 0 && end >= sep.size()) {
        size_t j = s.rfind(sep, end - sep.size());
        if (j == std::string::npos) break;
        out.push_back(s.substr(j + sep.size(), end - j - sep.size()));
        end = j;
    }
    out.push_back(s.substr(0, end));
    std::reverse(out.begin(), out.end());
    return out;
}

Value do_split(World& w, const Value& self, CallArgs& a, bool right) {
    std::vector<Value> p;
    const std::string& s =
        clinic_keywords(w, self, right ? "rsplit" : "split", a, {"sep", "maxsplit"}, p);
    const std::string* sep = split_separator(w, p[0]);
    int64_t maxsplit = p[1].empty() ? -1 : as_index(w, p[1]);
    int64_t maxcount = maxsplit < 0 ? INT64_MAX : maxsplit;
    if (!sep)
        return list_of_strings(w, right ? rsplit_whitespace(s, maxcount)
                                        : split_whitespace(s, maxcount));
    return list_of_strings(w, right ? rsplit_on(s, *sep, maxcount) : split_on(s, *sep, maxcount));
}

Value str_split(World& w, const Value& self, CallArgs& a) {
    return do_split(w, self, a, false);
}
Value str_rsplit(World& w, const Value& self, CallArgs& a) {
    return do_split(w, self, a, true);
}

Value do_strip(World& w, const Value& self, CallArgs& a, const char* name, bool left, bool right) {
    const std::string& s = clinic_args(w, self, name, a, 0, 1);
    U32 u = to_u32(s);
    U32 chars;
    bool whitespace = a.positional.empty() || a.positional[0].is_none();
    if (!whitespace) {
        auto* c = a.positional[0].as<StrObject>();
        if (!c) type_error(w, std::string(name) + " arg must be None or str");
        chars = to_u32(c->text);
    }
    auto strip_me = [&](char32_t c) {
        return whitespace ? uni_space(c) : chars.find(c) != U32::npos;
    };
    size_t i = 0, j = u.size();
    if (left)
        while (i < j && strip_me(u[i])) ++i;
    if (right)
        while (j > i && strip_me(u[j - 1])) --j;
    if (i == 0 && j == u.size()) return self;
    return new_str(w, to_utf8(U32View(u).substr(i, j - i)));
}

Value str_strip(World& w, const Value& self, CallArgs& a) {
    return do_strip(w, self, a, "strip", true, true);
}
Value str_lstrip(World& w, const Value& self, CallArgs& a) {
    return do_strip(w, self, a, "lstrip", true, false);
}
Value str_rstrip(World& w, const Value& self, CallArgs& a) {
    return do_strip(w, self, a, "rstrip", false, true);
}

// handle_capital_sigma: U+03A3 lowercases to final sigma at the end of a word.
char32_t capital_sigma(const U32& u, size_t i) {
    int64_t j = static_cast<int64_t>(i) - 1;
    char32_t c = 0;
    while (j >= 0) {
        c = u[static_cast<size_t>(j)];
        if (!uni_case_ignorable(c)) break;
        --j;
    }
    bool final_sigma = j >= 0 && uni_cased(c);
    if (final_sigma && i + 1 < u.size()) {
        size_t k = i + 1;
        while (k < u.size()) {
            c = u[k];
            if (!uni_case_ignorable(c)) break;
            ++k;
        }
        final_sigma = k == u.size() || !uni_cased(c);
    }
    return final_sigma ? 0x3C2 : 0x3C3;
}

void lower_at(const U32& u, size_t i, U32& out) {
    if (u[i] == 0x3A3)
        out += capital_sigma(u, i);
    else
        uni_map_case(CaseKind::Lower, u[i], out);
}

enum class CaseOp { Lower, Upper, Title, Capitalize, Swapcase };

std::string change_case(const std::string& s, CaseOp op) {
    if (is_ascii(s)) {
        std::string out = s;
        bool previous_cased = false;
        for (size_t i = 0; i < out.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(out[i]);
            bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
            bool to_upper = false, to_lower = false;
            switch (op) {
            case CaseOp::Lower:
                to_lower = true;
                break;
            case CaseOp::Upper:
                to_upper = true;
                break;
            case CaseOp::Title:
                to_lower = previous_cased;
                to_upper = !previous_cased;
                break;
            case CaseOp::Capitalize:
                to_upper = i == 0;
                to_lower = i != 0;
                break;
            case CaseOp::Swapcase:
                to_lower = upper;
                to_upper = lower;
                break;
            }
            if (to_upper && lower) out[i] = static_cast<char>(c - 'a' + 'A');
            if (to_lower && upper) out[i] = static_cast<char>(c - 'A' + 'a');
            previous_cased = upper || lower;
        }
        return out;
    }
    U32 u = to_u32(s), out;
    bool previous_cased = false;
    for (size_t i = 0; i < u.size(); ++i) {
        char32_t c = u[i];
        switch (op) {
        case CaseOp::Lower:
            lower_at(u, i, out);
            break;
        case CaseOp::Upper:
            uni_map_case(CaseKind::Upper, c, out);
            break;
        case CaseOp::Title:
            if (previous_cased)
                lower_at(u, i, out);
            else
                uni_map_case(CaseKind::Title, c, out);
            previous_cased = uni_cased(c);
            break;
        case CaseOp::Capitalize:
            if (i == 0)
                uni_map_case(CaseKind::Title, c, out);
            else
                lower_at(u, i, out);
            break;
        case CaseOp::Swapcase: {
            // Uppercase letters go lower, lowercase ones upper; titlecase letters (which have
            // both forms) and uncased characters stay.
            U32 up, low;
            uni_map_case(CaseKind::Upper, c, up);
            lower_at(u, i, low);
            bool has_upper = up != U32(1, c), has_lower = low != U32(1, c);
            if (has_upper && !has_lower)
                out += up;
            else if (has_lower && !has_upper)
                out += low;
            else
                out += c;
            break;
        }
        }
    }
    return to_utf8(out);
}

Value str_lower(World& w, const Value& self, CallArgs& a) {
    return new_str(w, change_case(noargs(w, self, "lower", a), CaseOp::Lower));
}
Value str_upper(World& w, const Value& self, CallArgs& a) {
    return new_str(w, change_case(noargs(w, self, "upper", a), CaseOp::Upper));
}
Value str_title(World& w, const Value& self, CallArgs& a) {
    return new_str(w, change_case(noargs(w, self, "title", a), CaseOp::Title));
}
Value str_capitalize(World& w, const Value& self, CallArgs& a) {
    return new_str(w, change_case(noargs(w, self, "capitalize", a), CaseOp::Capitalize));
}
Value str_swapcase(World& w, const Value& self, CallArgs& a) {
    return new_str(w, change_case(noargs(w, self, "swapcase", a), CaseOp::Swapcase));
}

// tailmatch, on code points
bool tailmatch(const U32& s, const U32& sub, int64_t start, int64_t end, bool suffix) {
    int64_t len = static_cast<int64_t>(s.size()), sublen = static_cast<int64_t>(sub.size());
    adjust_indices(start, end, len);
    end -= sublen;
    if (end < start) return false;
    if (sublen == 0) return true;
    int64_t at = suffix ? end : start;
    return U32View(s).substr(static_cast<size_t>(at), static_cast<size_t>(sublen)) == sub;
}

Value do_startswith(World& w, const Value& self, CallArgs& a, const char* name, bool suffix) {
    const std::string& s = parsetuple_args(w, self, name, a, 1, 3);
    int64_t start = a.positional.size() > 1 ? slice_index(w, a.positional[1], 0) : 0;
    int64_t end = a.positional.size() > 2 ? slice_index(w, a.positional[2], INT64_MAX) : INT64_MAX;
    U32 u = to_u32(s);
    const Value& arg = a.positional[0];
    if (auto* t = arg.as<TupleObject>()) {
        for (const Value& item : t->items) {
            auto* p = item.as<StrObject>();
            if (!p)
                type_error(w, std::string("tuple for ") + name + " must only contain str, not " +
                                  type_name(w, item));
            if (tailmatch(u, to_u32(p->text), start, end, suffix)) return Value::boolean(true);
        }
        return Value::boolean(false);
    }
    auto* p = arg.as<StrObject>();
    if (!p)
        type_error(w, std::string(name) + " first arg must be str or a tuple of str, not " +
                          type_name(w, arg));
    return Value::boolean(tailmatch(u, to_u32(p->text), start, end, suffix));
}

Value str_startswith(World& w, const Value& self, CallArgs& a) {
    return do_startswith(w, self, a, "startswith", false);
}
Value str_endswith(World& w, const Value& self, CallArgs& a) {
    return do_startswith(w, self, a, "endswith", true);
}

Value str_replace(World& w, const Value& self, CallArgs& a) {
    const std::string& s = clinic_args(w, self, "replace", a, 2, 3);
    const std::string& old = arg_str(w, a.positional[0], "replace() argument 1 must be str, not ");
    const std::string& rep = arg_str(w, a.positional[1], "replace() argument 2 must be str, not ");
    int64_t count = a.positional.size() > 2 ? as_index(w, a.positional[2]) : -1;
    if (count < 0) count = INT64_MAX;
    std::string out;
    if (old.empty()) {
        U32 u = to_u32(s);
        int64_t inserts = std::min<int64_t>(count, static_cast<int64_t>(u.size()) + 1);
        w.check_allocation(s.size() + static_cast<size_t>(inserts) * rep.size(), 1);
        for (size_t i = 0; i <= u.size(); ++i) {
            if (static_cast<int64_t>(i) < inserts) out += rep;
            if (i < u.size()) put_cp(out, u[i]);
        }
        return new_str(w, std::move(out));
    }
    size_t i = 0;
    while (count-- > 0) {
        size_t j = s.find(old, i);
        if (j == std::string::npos) break;
        out.append(s, i, j - i);
        out += rep;
        w.check_allocation(out.size(), 1);
        i = j + old.size();
    }
    out.append(s, i, std::string::npos);
    return new_str(w, std::move(out));
}

// find/rfind/index/rindex/count: the substring and the adjusted [start, end) in code points.
struct FindArgs {
    U32 s, sub;
    int64_t start, end;
};

FindArgs find_args(World& w, const Value& self, CallArgs& a, const char* name) {
    const std::string& s = parsetuple_args(w, self, name, a, 1, 3);
    FindArgs f;
    f.sub = to_u32(arg_str(w, a.positional[0], "must be str, not "));
    f.start = a.positional.size() > 1 ? slice_index(w, a.positional[1], 0) : 0;
    f.end = a.positional.size() > 2 ? slice_index(w, a.positional[2], INT64_MAX) : INT64_MAX;
    f.s = to_u32(s);
    adjust_indices(f.start, f.end, static_cast<int64_t>(f.s.size()));
    return f;
}

int64_t find_in(const FindArgs& f, bool right) {
    int64_t sublen = static_cast<int64_t>(f.sub.size());
    if (f.end - f.start < sublen) return -1;
    U32View window =
        U32View(f.s).substr(static_cast<size_t>(f.start), static_cast<size_t>(f.end - f.start));
    size_t pos = right ? window.rfind(f.sub) : window.find(f.sub);
    return pos == U32View::npos ? -1 : f.start + static_cast<int64_t>(pos);
}

Value str_find(World& w, const Value& self, CallArgs& a) {
    return Value::integer(find_in(find_args(w, self, a, "find"), false));
}
Value str_rfind(World& w, const Value& self, CallArgs& a) {
    return Value::integer(find_in(find_args(w, self, a, "rfind"), true));
}
Value str_index(World& w, const Value& self, CallArgs& a) {
    int64_t r = find_in(find_args(w, self, a, "index"), false);
    if (r < 0) value_error(w, "substring not found");
    return Value::integer(r);
}
Value str_rindex(World& w, const Value& self, CallArgs& a) {
    int64_t r = find_in(find_args(w, self, a, "rindex"), true);
    if (r < 0) value_error(w, "substring not found");
    return Value::integer(r);
}

Value str_count(World& w, const Value& self, CallArgs& a) {
    FindArgs f = find_args(w, self, a, "count");
    int64_t sublen = static_cast<int64_t>(f.sub.size());
    if (f.end - f.start < sublen) return Value::integer(0);
    if (sublen == 0) return Value::integer(f.end - f.start + 1);
    U32View window =
        U32View(f.s).substr(static_cast<size_t>(f.start), static_cast<size_t>(f.end - f.start));
    int64_t n = 0;
    for (size_t pos = window.find(f.sub); pos != U32View::npos;
         pos = window.find(f.sub, pos + f.sub.size()))
        ++n;
    return Value::integer(n);
}

template <class Pred>
Value all_chars(World& w, const Value& self, CallArgs& a, const char* name, Pred pred) {
    const std::string& s = noargs(w, self, name, a);
    if (s.empty()) return Value::boolean(false);
    for (size_t i = 0; i < s.size();)
        if (!pred(next_cp(s, i))) return Value::boolean(false);
    return Value::boolean(true);
}

Value str_isdigit(World& w, const Value& self, CallArgs& a) {
    return all_chars(w, self, a, "isdigit", uni_digit);
}
Value str_isdecimal(World& w, const Value& self, CallArgs& a) {
    return all_chars(w, self, a, "isdecimal", uni_decimal);
}
Value str_isnumeric(World& w, const Value& self, CallArgs& a) {
    return all_chars(w, self, a, "isnumeric", uni_numeric);
}
Value str_isalpha(World& w, const Value& self, CallArgs& a) {
    return all_chars(w, self, a, "isalpha", uni_alpha);
}
Value str_isalnum(World& w, const Value& self, CallArgs& a) {
    return all_chars(w, self, a, "isalnum", [](char32_t c) {
        return uni_alpha(c) || uni_decimal(c) || uni_digit(c) || uni_numeric(c);
    });
}
Value str_isspace(World& w, const Value& self, CallArgs& a) {
    return all_chars(w, self, a, "isspace", uni_space);
}
Value str_isascii(World& w, const Value& self, CallArgs& a) {
    return Value::boolean(is_ascii(noargs(w, self, "isascii", a)));
}
Value str_isidentifier(World& w, const Value& self, CallArgs& a) {
    const std::string& s = noargs(w, self, "isidentifier", a);
    if (s.empty()) return Value::boolean(false);
    size_t i = 0;
    char32_t first = next_cp(s, i);
    if (first != '_' && !uni_xid_start(first)) return Value::boolean(false);
    while (i < s.size())
        if (!uni_xid_continue(next_cp(s, i))) return Value::boolean(false);
    return Value::boolean(true);
}

Value str_splitlines(World& w, const Value& self, CallArgs& a) {
    std::vector<Value> p;
    const std::string& s = clinic_keywords(w, self, "splitlines", a, {"keepends"}, p);
    bool keepends = !p[0].empty() && as_index(w, p[0]) != 0;
    U32 u = to_u32(s);
    std::vector<std::string> out;
    size_t i = 0, n = u.size();
    while (i < n) {
        size_t j = i;
        while (i < n && !uni_linebreak(u[i])) ++i;
        size_t eol = i;
        if (i < n) {
            if (u[i] == '\r' && i + 1 < n && u[i + 1] == '\n')
                i += 2;
            else
                ++i;
            if (keepends) eol = i;
        }
        out.push_back(to_utf8(U32View(u).substr(j, eol - j)));
    }
    return list_of_strings(w, std::move(out));
}

Value do_partition(World& w, const Value& self, CallArgs& a, bool right) {
    const std::string& s = one_arg(w, self, right ? "rpartition" : "partition", a);
    const std::string& sep = arg_str(w, a.positional[0], "must be str, not ");
    if (sep.empty()) value_error(w, "empty separator");
    size_t j = right ? s.rfind(sep) : s.find(sep);
    if (j == std::string::npos) {
        if (right) return w.tuple({new_str(w, ""), new_str(w, ""), self});
        return w.tuple({self, new_str(w, ""), new_str(w, "")});
    }
    return w.tuple(
        {new_str(w, s.substr(0, j)), a.positional[0], new_str(w, s.substr(j + sep.size()))});
}

Value str_partition(World& w, const Value& self, CallArgs& a) {
    return do_partition(w, self, a, false);
}
Value str_rpartition(World& w, const Value& self, CallArgs& a) {
    return do_partition(w, self, a, true);
}

// pad(): `left` and `right` fill characters around s.
std::string padded(World& w, const std::string& s, int64_t left, int64_t right, char32_t fill) {
    w.check_allocation(static_cast<size_t>(left + right) + s.size(), 4);
    std::string out;
    append_fill(out, fill, left);
    out += s;
    append_fill(out, fill, right);
    return out;
}

Value str_zfill(World& w, const Value& self, CallArgs& a) {
    const std::string& s = one_arg(w, self, "zfill", a);
    int64_t width = as_index(w, a.positional[0]);
    int64_t len = cp_count(s);
    if (len >= width) return self;
    int64_t fill = width - len;
    std::string out = padded(w, s, fill, 0, '0');
    size_t f = static_cast<size_t>(fill);
    if (out[f] == '+' || out[f] == '-') {
        out[0] = out[f];
        out[f] = '0';
    }
    return new_str(w, std::move(out));
}

enum class Justify { Left, Right, Center };

Value do_justify(World& w, const Value& self, CallArgs& a, const char* name, Justify how) {
    const std::string& s = clinic_args(w, self, name, a, 1, 2);
    int64_t width = as_index(w, a.positional[0]);
    char32_t fill = ' ';
    if (a.positional.size() > 1) {
        auto* f = a.positional[1].as<StrObject>();
        if (!f)
            type_error(w, "The fill character must be a unicode character, not " +
                              type_name(w, a.positional[1]));
        U32 u = to_u32(f->text);
        if (u.size() != 1) type_error(w, "The fill character must be exactly one character long");
        fill = u[0];
    }
    int64_t len = cp_count(s);
    if (len >= width) return self;
    int64_t marg = width - len;
    switch (how) {
    case Justify::Left:
        return new_str(w, padded(w, s, 0, marg, fill));
    case Justify::Right:
        return new_str(w, padded(w, s, marg, 0, fill));
    default: {
        int64_t left = marg / 2 + (marg & width & 1);
        return new_str(w, padded(w, s, left, marg - left, fill));
    }
    }
}

Value str_center(World& w, const Value& self, CallArgs& a) {
    return do_justify(w, self, a, "center", Justify::Center);
}
Value str_ljust(World& w, const Value& self, CallArgs& a) {
    return do_justify(w, self, a, "ljust", Justify::Left);
}
Value str_rjust(World& w, const Value& self, CallArgs& a) {
    return do_justify(w, self, a, "rjust", Justify::Right);
}

Value str_removeprefix(World& w, const Value& self, CallArgs& a) {
    const std::string& s = one_arg(w, self, "removeprefix", a);
    const std::string& p = arg_str(w, a.positional[0], "removeprefix() argument must be str, not ");
    if (!p.empty() && s.compare(0, p.size(), p) == 0) return new_str(w, s.substr(p.size()));
    return self;
}

Value str_removesuffix(World& w, const Value& self, CallArgs& a) {
    const std::string& s = one_arg(w, self, "removesuffix", a);
    const std::string& p = arg_str(w, a.positional[0], "removesuffix() argument must be str, not ");
    if (!p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0)
        return new_str(w, s.substr(0, s.size() - p.size()));
    return self;
}

Value str_expandtabs(World& w, const Value& self, CallArgs& a) {
    std::vector<Value> p;
    const std::string& s = clinic_keywords(w, self, "expandtabs", a, {"tabsize"}, p);
    int64_t tabsize = p[0].empty() ? 8 : as_index(w, p[0]);
    std::string out;
    int64_t column = 0;
    for (size_t i = 0; i < s.size();) {
        char32_t c = next_cp(s, i);
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t incr = tabsize - (column % tabsize);
                column += incr;
                w.check_allocation(out.size() + static_cast<size_t>(incr), 1);
                out.append(static_cast<size_t>(incr), ' ');
            }
        } else {
            ++column;
            put_cp(out, c);
            if (c == '\n' || c == '\r') column = 0;
        }
    }
    return new_str(w, std::move(out));
}

Value str_format(World& w, const Value& self, CallArgs& a) {
    const std::string& s = self_text(w, self, "format");
    FormatSource src;
    src.positional = &a.positional;
    src.keywords = &a.keywords;
    AutoNumber an;
    return new_str(w, build_string(w, to_u32(s), src, 2, an));
}

Value str_format_map(World& w, const Value& self, CallArgs& a) {
    const std::string& s = one_arg(w, self, "format_map", a);
    FormatSource src;
    src.mapping = a.positional[0];
    AutoNumber an;
    return new_str(w, build_string(w, to_u32(s), src, 2, an));
}

Value str_dunder_format(World& w, const Value& self, CallArgs& a) {
    const std::string& s = one_arg(w, self, "__format__", a);
    const std::string& spec =
        arg_str(w, a.positional[0], "__format__() argument must be str, not ");
    if (spec.empty()) return self;
    return new_str(w, format_str(w, s, spec));
}

} // namespace

void install_str_methods(World& w) {
    static const struct {
        const char* name;
        NativeFunction fn;
    } methods[] = {
        {"join", str_join},
        {"split", str_split},
        {"rsplit", str_rsplit},
        {"strip", str_strip},
        {"lstrip", str_lstrip},
        {"rstrip", str_rstrip},
        {"lower", str_lower},
        {"upper", str_upper},
        {"title", str_title},
        {"capitalize", str_capitalize},
        {"swapcase", str_swapcase},
        {"startswith", str_startswith},
        {"endswith", str_endswith},
        {"replace", str_replace},
        {"format", str_format},
        {"format_map", str_format_map},
        {"__format__", str_dunder_format},
        {"find", str_find},
        {"rfind", str_rfind},
        {"index", str_index},
        {"rindex", str_rindex},
        {"count", str_count},
        {"isdigit", str_isdigit},
        {"isdecimal", str_isdecimal},
        {"isnumeric", str_isnumeric},
        {"isalpha", str_isalpha},
        {"isalnum", str_isalnum},
        {"isspace", str_isspace},
        {"isascii", str_isascii},
        {"isidentifier", str_isidentifier},
        {"splitlines", str_splitlines},
        {"partition", str_partition},
        {"rpartition", str_rpartition},
        {"zfill", str_zfill},
        {"center", str_center},
        {"ljust", str_ljust},
        {"rjust", str_rjust},
        {"removeprefix", str_removeprefix},
        {"removesuffix", str_removesuffix},
        {"expandtabs", str_expandtabs},
    };
    for (const auto& m : methods) add_method(w, w.types.str, m.name, m.fn);
}

// ---- Unicode character database ------------------------------------------------------------
// Generated from CPython 3.11's unicodedata (Unicode 14.0.0) with python3: ranges of code points
// where str.isalpha(), isdecimal(), isdigit(), isnumeric(), str.isidentifier() as first
// character (XID_Start) and as a later one (XID_Continue) hold; cased characters (islower() or
// isupper() or istitle()); case-ignorable ones (those that leave a final sigma final); and the
// full case mappings of str.lower(), upper() and title() on one character: runs where
// c -> c + delta for every step-th code point, and the mappings to several code points.

namespace {

struct CpRange {
    char32_t lo, hi;
};
struct CaseRun {
    char32_t lo, hi;
    int step;
    int delta;
};
struct CaseSpecial {
    char32_t cp;
    char32_t out[3];
};

// clang-format off

const CpRange kAlpha[] = {
    {0x41,0x5A}, {0x61,0x7A}, {0xAA,0xAA}, {0xB5,0xB5}, {0xBA,0xBA}, {0xC0,0xD6}, {0xD8,0xF6},
    {0xF8,0x2C1}, {0x2C6,0x2D1}, {0x2E0,0x2E4}, {0x2EC,0x2EC}, {0x2EE,0x2EE}, {0x370,0x374},
    {0x376,0x377}, {0x37A,0x37D}, {0x37F,0x37F}, {0x386,0x386}, {0x388,0x38A}, {0x38C,0x38C},
    {0x38E,0x3A1}, {0x3A3,0x3F5}, {0x3F7,0x481}, {0x48A,0x52F}, {0x531,0x556}, {0x559,0x559},
    {0x560,0x588}, {0x5D0,0x5EA}, {0x5EF,0x5F2}, {0x620,0x64A}, {0x66E,0x66F}, {0x671,0x6D3},
    {0x6D5,0x6D5}, {0x6E5,0x6E6}, {0x6EE,0x6EF}, {0x6FA,0x6FC}, {0x6FF,0x6FF}, {0x710,0x710},
    {0x712,0x72F}, {0x74D,0x7A5}, {0x7B1,0x7B1}, {0x7CA,0x7EA}, {0x7F4,0x7F5}, {0x7FA,0x7FA},
    {0x800,0x815}, {0x81A,0x81A}, {0x824,0x824}, {0x828,0x828}, {0x840,0x858}, {0x860,0x86A},
    {0x870,0x887}, {0x889,0x88E}, {0x8A0,0x8C9}, {0x904,0x939}, {0x93D,0x93D}, {0x950,0x950},
    {0x958,0x961}, {0x971,0x980}, {0x985,0x98C}, {0x98F,0x990}, {0x993,0x9A8}, {0x9AA,0x9B0},
    {0x9B2,0x9B2}, {0x9B6,0x9B9}, {0x9BD,0x9BD}, {0x9CE,0x9CE}, {0x9DC,0x9DD}, {0x9DF,0x9E1},
    {0x9F0,0x9F1}, {0x9FC,0x9FC}, {0xA05,0xA0A}, {0xA0F,0xA10}, {0xA13,0xA28}, {0xA2A,0xA30},
    {0xA32,0xA33}, {0xA35,0xA36}, {0xA38,0xA39}, {0xA59,0xA5C}, {0xA5E,0xA5E}, {0xA72,0xA74},
    {0xA85,0xA8D}, {0xA8F,0xA91}, {0xA93,0xAA8}, {0xAAA,0xAB0}, {0xAB2,0xAB3}, {0xAB5,0xAB9},
    {0xABD,0xABD}, {0xAD0,0xAD0}, {0xAE0,0xAE1}, {0xAF9,0xAF9}, {0xB05,0xB0C}, {0xB0F,0xB10},
    {0xB13,0xB28}, {0xB2A,0xB30}, {0xB32,0xB33}, {0xB35,0xB39}, {0xB3D,0xB3D}, {0xB5C,0xB5D},
    {0xB5F,0xB61}, {0xB71,0xB71}, {0xB83,0xB83}, {0xB85,0xB8A}, {0xB8E,0xB90}, {0xB92,0xB95},
    {0xB99,0xB9A}, {0xB9C,0xB9C}, {0xB9E,0xB9F}, {0xBA3,0xBA4}, {0xBA8,0xBAA}, {0xBAE,0xBB9},
    {0xBD0,0xBD0}, {0xC05,0xC0C}, {0xC0E,0xC10}, {0xC12,0xC28}, {0xC2A,0xC39}, {0xC3D,0xC3D},
    {0xC58,0xC5A}, {0xC5D,0xC5D}, {0xC60,0xC61}, {0xC80,0xC80}, {0xC85,0xC8C}, {0xC8E,0xC90},
    {0xC92,0xCA8}, {0xCAA,0xCB3}, {0xCB5,0xCB9}, {0xCBD,0xCBD}, {0xCDD,0xCDE}, {0xCE0,0xCE1},
    {0xCF1,0xCF2}, {0xD04,0xD0C}, {0xD0E,0xD10}, {0xD12,0xD3A}, {0xD3D,0xD3D}, {0xD4E,0xD4E},
    {0xD54,0xD56}, {0xD5F,0xD61}, {0xD7A,0xD7F}, {0xD85,0xD96}, {0xD9A,0xDB1}, {0xDB3,0xDBB},
    {0xDBD,0xDBD}, {0xDC0,0xDC6}, {0xE01,0xE30}, {0xE32,0xE33}, {0xE40,0xE46}, {0xE81,0xE82},
    {0xE84,0xE84}, {0xE86,0xE8A}, {0xE8C,0xEA3}, {0xEA5,0xEA5}, {0xEA7,0xEB0}, {0xEB2,0xEB3},
    {0xEBD,0xEBD}, {0xEC0,0xEC4}, {0xEC6,0xEC6}, {0xEDC,0xEDF}, {0xF00,0xF00}, {0xF40,0xF47},
    {0xF49,0xF6C}, {0xF88,0xF8C}, {0x1000,0x102A}, {0x103F,0x103F}, {0x1050,0x1055},
    {0x105A,0x105D}, {0x1061,0x1061}, {0x1065,0x1066}, {0x106E,0x1070}, {0x1075,0x1081},
    {0x108E,0x108E}, {0x10A0,0x10C5}, {0x10C7,0x10C7}, {0x10CD,0x10CD}, {0x10D0,0x10FA},
    {0x10FC,0x1248}, {0x124A,0x124D}, {0x1250,0x1256}, {0x1258,0x1258}, {0x125A,0x125D},
    {0x1260,0x1288}, {0x128A,0x128D}, {0x1290,0x12B0}, {0x12B2,0x12B5}, {0x12B8,0x12BE},
    {0x12C0,0x12C0}, {0x12C2,0x12C5}, {0x12C8,0x12D6}, {0x12D8,0x1310}, {0x1312,0x1315},
    {0x1318,0x135A}, {0x1380,0x138F}, {0x13A0,0x13F5}, {0x13F8,0x13FD}, {0x1401,0x166C},
    {0x166F,0x167F}, {0x1681,0x169A}, {0x16A0,0x16EA}, {0x16F1,0x16F8}, {0x1700,0x1711},
    {0x171F,0x1731}, {0x1740,0x1751}, {0x1760,0x176C}, {0x176E,0x1770}, {0x1780,0x17B3},
    {0x17D7,0x17D7}, {0x17DC,0x17DC}, {0x1820,0x1878}, {0x1880,0x1884}, {0x1887,0x18A8},
    {0x18AA,0x18AA}, {0x18B0,0x18F5}, {0x1900,0x191E}, {0x1950,0x196D}, {0x1970,0x1974},
    {0x1980,0x19AB}, {0x19B0,0x19C9}, {0x1A00,0x1A16}, {0x1A20,0x1A54}, {0x1AA7,0x1AA7},
    {0x1B05,0x1B33}, {0x1B45,0x1B4C}, {0x1B83,0x1BA0}, {0x1BAE,0x1BAF}, {0x1BBA,0x1BE5},
    {0x1C00,0x1C23}, {0x1C4D,0x1C4F}, {0x1C5A,0x1C7D}, {0x1C80,0x1C88}, {0x1C90,0x1CBA},
    {0x1CBD,0x1CBF}, {0x1CE9,0x1CEC}, {0x1CEE,0x1CF3}, {0x1CF5,0x1CF6}, {0x1CFA,0x1CFA},
    {0x1D00,0x1DBF}, {0x1E00,0x1F15}, {0x1F18,0x1F1D}, {0x1F20,0x1F45}, {0x1F48,0x1F4D},
    {0x1F50,0x1F57}, {0x1F59,0x1F59}, {0x1F5B,0x1F5B}, {0x1F5D,0x1F5D}, {0x1F5F,0x1F7D},
    {0x1F80,0x1FB4}, {0x1FB6,0x1FBC}, {0x1FBE,0x1FBE}, {0x1FC2,0x1FC4}, {0x1FC6,0x1FCC},
    {0x1FD0,0x1FD3}, {0x1FD6,0x1FDB}, {0x1FE0,0x1FEC}, {0x1FF2,0x1FF4}, {0x1FF6,0x1FFC},
    {0x2071,0x2071}, {0x207F,0x207F}, {0x2090,0x209C}, {0x2102,0x2102}, {0x2107,0x2107},
    {0x210A,0x2113}, {0x2115,0x2115}, {0x2119,0x211D}, {0x2124,0x2124}, {0x2126,0x2126},
    {0x2128,0x2128}, {0x212A,0x212D}, {0x212F,0x2139}, {0x213C,0x213F}, {0x2145,0x2149},
    {0x214E,0x214E}, {0x2183,0x2184}, {0x2C00,0x2CE4}, {0x2CEB,0x2CEE}, {0x2CF2,0x2CF3},
    {0x2D00,0x2D25}, {0x2D27,0x2D27}, {0x2D2D,0x2D2D}, {0x2D30,0x2D67}, {0x2D6F,0x2D6F},
    {0x2D80,0x2D96}, {0x2DA0,0x2DA6}, {0x2DA8,0x2DAE}, {0x2DB0,0x2DB6}, {0x2DB8,0x2DBE},
    {0x2DC0,0x2DC6}, {0x2DC8,0x2DCE}, {0x2DD0,0x2DD6}, {0x2DD8,0x2DDE}, {0x2E2F,0x2E2F},
    {0x3005,0x3006}, {0x3031,0x3035}, {0x303B,0x303C}, {0x3041,0x3096}, {0x309D,0x309F},
    {0x30A1,0x30FA}, {0x30FC,0x30FF}, {0x3105,0x312F}, {0x3131,0x318E}, {0x31A0,0x31BF},
    {0x31F0,0x31FF}, {0x3400,0x4DBF}, {0x4E00,0xA48C}, {0xA4D0,0xA4FD}, {0xA500,0xA60C},
    {0xA610,0xA61F}, {0xA62A,0xA62B}, {0xA640,0xA66E}, {0xA67F,0xA69D}, {0xA6A0,0xA6E5},
    {0xA717,0xA71F}, {0xA722,0xA788}, {0xA78B,0xA7CA}, {0xA7D0,0xA7D1}, {0xA7D3,0xA7D3},
    {0xA7D5,0xA7D9}, {0xA7F2,0xA801}, {0xA803,0xA805}, {0xA807,0xA80A}, {0xA80C,0xA822},
    {0xA840,0xA873}, {0xA882,0xA8B3}, {0xA8F2,0xA8F7}, {0xA8FB,0xA8FB}, {0xA8FD,0xA8FE},
    {0xA90A,0xA925}, {0xA930,0xA946}, {0xA960,0xA97C}, {0xA984,0xA9B2}, {0xA9CF,0xA9CF},
    {0xA9E0,0xA9E4}, {0xA9E6,0xA9EF}, {0xA9FA,0xA9FE}, {0xAA00,0xAA28}, {0xAA40,0xAA42},
    {0xAA44,0xAA4B}, {0xAA60,0xAA76}, {0xAA7A,0xAA7A}, {0xAA7E,0xAAAF}, {0xAAB1,0xAAB1},
    {0xAAB5,0xAAB6}, {0xAAB9,0xAABD}, {0xAAC0,0xAAC0}, {0xAAC2,0xAAC2}, {0xAADB,0xAADD},
    {0xAAE0,0xAAEA}, {0xAAF2,0xAAF4}, {0xAB01,0xAB06}, {0xAB09,0xAB0E}, {0xAB11,0xAB16},
    {0xAB20,0xAB26}, {0xAB28,0xAB2E}, {0xAB30,0xAB5A}, {0xAB5C,0xAB69}, {0xAB70,0xABE2},
    {0xAC00,0xD7A3}, {0xD7B0,0xD7C6}, {0xD7CB,0xD7FB}, {0xF900,0xFA6D}, {0xFA70,0xFAD9},
    {0xFB00,0xFB06}, {0xFB13,0xFB17}, {0xFB1D,0xFB1D}, {0xFB1F,0xFB28}, {0xFB2A,0xFB36},
    {0xFB38,0xFB3C}, {0xFB3E,0xFB3E}, {0xFB40,0xFB41}, {0xFB43,0xFB44}, {0xFB46,0xFBB1},
    {0xFBD3,0xFD3D}, {0xFD50,0xFD8F}, {0xFD92,0xFDC7}, {0xFDF0,0xFDFB}, {0xFE70,0xFE74},
    {0xFE76,0xFEFC}, {0xFF21,0xFF3A}, {0xFF41,0xFF5A}, {0xFF66,0xFFBE}, {0xFFC2,0xFFC7},
    {0xFFCA,0xFFCF}, {0xFFD2,0xFFD7}, {0xFFDA,0xFFDC}, {0x10000,0x1000B}, {0x1000D,0x10026},
    {0x10028,0x1003A}, {0x1003C,0x1003D}, {0x1003F,0x1004D}, {0x10050,0x1005D}, {0x10080,0x100FA},
    {0x10280,0x1029C}, {0x102A0,0x102D0}, {0x10300,0x1031F}, {0x1032D,0x10340}, {0x10342,0x10349},
    {0x10350,0x10375}, {0x10380,0x1039D}, {0x103A0,0x103C3}, {0x103C8,0x103CF}, {0x10400,0x1049D},
    {0x104B0,0x104D3}, {0x104D8,0x104FB}, {0x10500,0x10527}, {0x10530,0x10563}, {0x10570,0x1057A},
    {0x1057C,0x1058A}, {0x1058C,0x10592}, {0x10594,0x10595}, {0x10597,0x105A1}, {0x105A3,0x105B1},
    {0x105B3,0x105B9}, {0x105BB,0x105BC}, {0x10600,0x10736}, {0x10740,0x10755}, {0x10760,0x10767},
    {0x10780,0x10785}, {0x10787,0x107B0}, {0x107B2,0x107BA}, {0x10800,0x10805}, {0x10808,0x10808},
    {0x1080A,0x10835}, {0x10837,0x10838}, {0x1083C,0x1083C}, {0x1083F,0x10855}, {0x10860,0x10876},
    {0x10880,0x1089E}, {0x108E0,0x108F2}, {0x108F4,0x108F5}, {0x10900,0x10915}, {0x10920,0x10939},
    {0x10980,0x109B7}, {0x109BE,0x109BF}, {0x10A00,0x10A00}, {0x10A10,0x10A13}, {0x10A15,0x10A17},
    {0x10A19,0x10A35}, {0x10A60,0x10A7C}, {0x10A80,0x10A9C}, {0x10AC0,0x10AC7}, {0x10AC9,0x10AE4},
    {0x10B00,0x10B35}, {0x10B40,0x10B55}, {0x10B60,0x10B72}, {0x10B80,0x10B91}, {0x10C00,0x10C48},
    {0x10C80,0x10CB2}, {0x10CC0,0x10CF2}, {0x10D00,0x10D23}, {0x10E80,0x10EA9}, {0x10EB0,0x10EB1},
    {0x10F00,0x10F1C}, {0x10F27,0x10F27}, {0x10F30,0x10F45}, {0x10F70,0x10F81}, {0x10FB0,0x10FC4},
    {0x10FE0,0x10FF6}, {0x11003,0x11037}, {0x11071,0x11072}, {0x11075,0x11075}, {0x11083,0x110AF},
    {0x110D0,0x110E8}, {0x11103,0x11126}, {0x11144,0x11144}, {0x11147,0x11147}, {0x11150,0x11172},
    {0x11176,0x11176}, {0x11183,0x111B2}, {0x111C1,0x111C4}, {0x111DA,0x111DA}, {0x111DC,0x111DC},
    {0x11200,0x11211}, {0x11213,0x1122B}, {0x11280,0x11286}, {0x11288,0x11288}, {0x1128A,0x1128D},
    {0x1128F,0x1129D}, {0x1129F,0x112A8}, {0x112B0,0x112DE}, {0x11305,0x1130C}, {0x1130F,0x11310},
    {0x11313,0x11328}, {0x1132A,0x11330}, {0x11332,0x11333}, {0x11335,0x11339}, {0x1133D,0x1133D},
    {0x11350,0x11350}, {0x1135D,0x11361}, {0x11400,0x11434}, {0x11447,0x1144A}, {0x1145F,0x11461},
    {0x11480,0x114AF}, {0x114C4,0x114C5}, {0x114C7,0x114C7}, {0x11580,0x115AE}, {0x115D8,0x115DB},
    {0x11600,0x1162F}, {0x11644,0x11644}, {0x11680,0x116AA}, {0x116B8,0x116B8}, {0x11700,0x1171A},
    {0x11740,0x11746}, {0x11800,0x1182B}, {0x118A0,0x118DF}, {0x118FF,0x11906}, {0x11909,0x11909},
    {0x1190C,0x11913}, {0x11915,0x11916}, {0x11918,0x1192F}, {0x1193F,0x1193F}, {0x11941,0x11941},
    {0x119A0,0x119A7}, {0x119AA,0x119D0}, {0x119E1,0x119E1}, {0x119E3,0x119E3}, {0x11A00,0x11A00},
    {0x11A0B,0x11A32}, {0x11A3A,0x11A3A}, {0x11A50,0x11A50}, {0x11A5C,0x11A89}, {0x11A9D,0x11A9D},
    {0x11AB0,0x11AF8}, {0x11C00,0x11C08}, {0x11C0A,0x11C2E}, {0x11C40,0x11C40}, {0x11C72,0x11C8F},
    {0x11D00,0x11D06}, {0x11D08,0x11D09}, {0x11D0B,0x11D30}, {0x11D46,0x11D46}, {0x11D60,0x11D65},
    {0x11D67,0x11D68}, {0x11D6A,0x11D89}, {0x11D98,0x11D98}, {0x11EE0,0x11EF2}, {0x11FB0,0x11FB0},
    {0x12000,0x12399}, {0x12480,0x12543}, {0x12F90,0x12FF0}, {0x13000,0x1342E}, {0x14400,0x14646},
    {0x16800,0x16A38}, {0x16A40,0x16A5E}, {0x16A70,0x16ABE}, {0x16AD0,0x16AED}, {0x16B00,0x16B2F},
    {0x16B40,0x16B43}, {0x16B63,0x16B77}, {0x16B7D,0x16B8F}, {0x16E40,0x16E7F}, {0x16F00,0x16F4A},
    {0x16F50,0x16F50}, {0x16F93,0x16F9F}, {0x16FE0,0x16FE1}, {0x16FE3,0x16FE3}, {0x17000,0x187F7},
    {0x18800,0x18CD5}, {0x18D00,0x18D08}, {0x1AFF0,0x1AFF3}, {0x1AFF5,0x1AFFB}, {0x1AFFD,0x1AFFE},
    {0x1B000,0x1B122}, {0x1B150,0x1B152}, {0x1B164,0x1B167}, {0x1B170,0x1B2FB}, {0x1BC00,0x1BC6A},
    {0x1BC70,0x1BC7C}, {0x1BC80,0x1BC88}, {0x1BC90,0x1BC99}, {0x1D400,0x1D454}, {0x1D456,0x1D49C},
    {0x1D49E,0x1D49F}, {0x1D4A2,0x1D4A2}, {0x1D4A5,0x1D4A6}, {0x1D4A9,0x1D4AC}, {0x1D4AE,0x1D4B9},
    {0x1D4BB,0x1D4BB}, {0x1D4BD,0x1D4C3}, {0x1D4C5,0x1D505}, {0x1D507,0x1D50A}, {0x1D50D,0x1D514},
    {0x1D516,0x1D51C}, {0x1D51E,0x1D539}, {0x1D53B,0x1D53E}, {0x1D540,0x1D544}, {0x1D546,0x1D546},
    {0x1D54A,0x1D550}, {0x1D552,0x1D6A5}, {0x1D6A8,0x1D6C0}, {0x1D6C2,0x1D6DA}, {0x1D6DC,0x1D6FA},
    {0x1D6FC,0x1D714}, {0x1D716,0x1D734}, {0x1D736,0x1D74E}, {0x1D750,0x1D76E}, {0x1D770,0x1D788},
    {0x1D78A,0x1D7A8}, {0x1D7AA,0x1D7C2}, {0x1D7C4,0x1D7CB}, {0x1DF00,0x1DF1E}, {0x1E100,0x1E12C},
    {0x1E137,0x1E13D}, {0x1E14E,0x1E14E}, {0x1E290,0x1E2AD}, {0x1E2C0,0x1E2EB}, {0x1E7E0,0x1E7E6},
    {0x1E7E8,0x1E7EB}, {0x1E7ED,0x1E7EE}, {0x1E7F0,0x1E7FE}, {0x1E800,0x1E8C4}, {0x1E900,0x1E943},
    {0x1E94B,0x1E94B}, {0x1EE00,0x1EE03}, {0x1EE05,0x1EE1F}, {0x1EE21,0x1EE22}, {0x1EE24,0x1EE24},
    {0x1EE27,0x1EE27}, {0x1EE29,0x1EE32}, {0x1EE34,0x1EE37}, {0x1EE39,0x1EE39}, {0x1EE3B,0x1EE3B},
    {0x1EE42,0x1EE42}, {0x1EE47,0x1EE47}, {0x1EE49,0x1EE49}, {0x1EE4B,0x1EE4B}, {0x1EE4D,0x1EE4F},
    {0x1EE51,0x1EE52}, {0x1EE54,0x1EE54}, {0x1EE57,0x1EE57}, {0x1EE59,0x1EE59}, {0x1EE5B,0x1EE5B},
    {0x1EE5D,0x1EE5D}, {0x1EE5F,0x1EE5F}, {0x1EE61,0x1EE62}, {0x1EE64,0x1EE64}, {0x1EE67,0x1EE6A},
    {0x1EE6C,0x1EE72}, {0x1EE74,0x1EE77}, {0x1EE79,0x1EE7C}, {0x1EE7E,0x1EE7E}, {0x1EE80,0x1EE89},
    {0x1EE8B,0x1EE9B}, {0x1EEA1,0x1EEA3}, {0x1EEA5,0x1EEA9}, {0x1EEAB,0x1EEBB}, {0x20000,0x2A6DF},
    {0x2A700,0x2B738}, {0x2B740,0x2B81D}, {0x2B820,0x2CEA1}, {0x2CEB0,0x2EBE0}, {0x2F800,0x2FA1D},
    {0x30000,0x3134A},
};

const CpRange kDecimal[] = {
    {0x30,0x39}, {0x660,0x669}, {0x6F0,0x6F9}, {0x7C0,0x7C9}, {0x966,0x96F}, {0x9E6,0x9EF},
    {0xA66,0xA6F}, {0xAE6,0xAEF}, {0xB66,0xB6F}, {0xBE6,0xBEF}, {0xC66,0xC6F}, {0xCE6,0xCEF},
    {0xD66,0xD6F}, {0xDE6,0xDEF}, {0xE50,0xE59}, {0xED0,0xED9}, {0xF20,0xF29}, {0x1040,0x1049},
    {0x1090,0x1099}, {0x17E0,0x17E9}, {0x1810,0x1819}, {0x1946,0x194F}, {0x19D0,0x19D9},
    {0x1A80,0x1A89}, {0x1A90,0x1A99}, {0x1B50,0x1B59}, {0x1BB0,0x1BB9}, {0x1C40,0x1C49},
    {0x1C50,0x1C59}, {0xA620,0xA629}, {0xA8D0,0xA8D9}, {0xA900,0xA909}, {0xA9D0,0xA9D9},
    {0xA9F0,0xA9F9}, {0xAA50,0xAA59}, {0xABF0,0xABF9}, {0xFF10,0xFF19}, {0x104A0,0x104A9},
    {0x10D30,0x10D39}, {0x11066,0x1106F}, {0x110F0,0x110F9}, {0x11136,0x1113F}, {0x111D0,0x111D9},
    {0x112F0,0x112F9}, {0x11450,0x11459}, {0x114D0,0x114D9}, {0x11650,0x11659}, {0x116C0,0x116C9},
    {0x11730,0x11739}, {0x118E0,0x118E9}, {0x11950,0x11959}, {0x11C50,0x11C59}, {0x11D50,0x11D59},
    {0x11DA0,0x11DA9}, {0x16A60,0x16A69}, {0x16AC0,0x16AC9}, {0x16B50,0x16B59}, {0x1D7CE,0x1D7FF},
    {0x1E140,0x1E149}, {0x1E2F0,0x1E2F9}, {0x1E950,0x1E959}, {0x1FBF0,0x1FBF9},
};

const CpRange kDigit[] = {
    {0x30,0x39}, {0xB2,0xB3}, {0xB9,0xB9}, {0x660,0x669}, {0x6F0,0x6F9}, {0x7C0,0x7C9},
    {0x966,0x96F}, {0x9E6,0x9EF}, {0xA66,0xA6F}, {0xAE6,0xAEF}, {0xB66,0xB6F}, {0xBE6,0xBEF},
    {0xC66,0xC6F}, {0xCE6,0xCEF}, {0xD66,0xD6F}, {0xDE6,0xDEF}, {0xE50,0xE59}, {0xED0,0xED9},
    {0xF20,0xF29}, {0x1040,0x1049}, {0x1090,0x1099}, {0x1369,0x1371}, {0x17E0,0x17E9},
    {0x1810,0x1819}, {0x1946,0x194F}, {0x19D0,0x19DA}, {0x1A80,0x1A89}, {0x1A90,0x1A99},
    {0x1B50,0x1B59}, {0x1BB0,0x1BB9}, {0x1C40,0x1C49}, {0x1C50,0x1C59}, {0x2070,0x2070},
    {0x2074,0x2079}, {0x2080,0x2089}, {0x2460,0x2468}, {0x2474,0x247C}, {0x2488,0x2490},
    {0x24EA,0x24EA}, {0x24F5,0x24FD}, {0x24FF,0x24FF}, {0x2776,0x277E}, {0x2780,0x2788},
    {0x278A,0x2792}, {0xA620,0xA629}, {0xA8D0,0xA8D9}, {0xA900,0xA909}, {0xA9D0,0xA9D9},
    {0xA9F0,0xA9F9}, {0xAA50,0xAA59}, {0xABF0,0xABF9}, {0xFF10,0xFF19}, {0x104A0,0x104A9},
    {0x10A40,0x10A43}, {0x10D30,0x10D39}, {0x10E60,0x10E68}, {0x11052,0x1105A}, {0x11066,0x1106F},
    {0x110F0,0x110F9}, {0x11136,0x1113F}, {0x111D0,0x111D9}, {0x112F0,0x112F9}, {0x11450,0x11459},
    {0x114D0,0x114D9}, {0x11650,0x11659}, {0x116C0,0x116C9}, {0x11730,0x11739}, {0x118E0,0x118E9},
    {0x11950,0x11959}, {0x11C50,0x11C59}, {0x11D50,0x11D59}, {0x11DA0,0x11DA9}, {0x16A60,0x16A69},
    {0x16AC0,0x16AC9}, {0x16B50,0x16B59}, {0x1D7CE,0x1D7FF}, {0x1E140,0x1E149}, {0x1E2F0,0x1E2F9},
    {0x1E950,0x1E959}, {0x1F100,0x1F10A}, {0x1FBF0,0x1FBF9},
};

const CpRange kNumeric[] = {
    {0x30,0x39}, {0xB2,0xB3}, {0xB9,0xB9}, {0xBC,0xBE}, {0x660,0x669}, {0x6F0,0x6F9},
    {0x7C0,0x7C9}, {0x966,0x96F}, {0x9E6,0x9EF}, {0x9F4,0x9F9}, {0xA66,0xA6F}, {0xAE6,0xAEF},
    {0xB66,0xB6F}, {0xB72,0xB77}, {0xBE6,0xBF2}, {0xC66,0xC6F}, {0xC78,0xC7E}, {0xCE6,0xCEF},
    {0xD58,0xD5E}, {0xD66,0xD78}, {0xDE6,0xDEF}, {0xE50,0xE59}, {0xED0,0xED9}, {0xF20,0xF33},
    {0x1040,0x1049}, {0x1090,0x1099}, {0x1369,0x137C}, {0x16EE,0x16F0}, {0x17E0,0x17E9},
    {0x17F0,0x17F9}, {0x1810,0x1819}, {0x1946,0x194F}, {0x19D0,0x19DA}, {0x1A80,0x1A89},
    {0x1A90,0x1A99}, {0x1B50,0x1B59}, {0x1BB0,0x1BB9}, {0x1C40,0x1C49}, {0x1C50,0x1C59},
    {0x2070,0x2070}, {0x2074,0x2079}, {0x2080,0x2089}, {0x2150,0x2182}, {0x2185,0x2189},
    {0x2460,0x249B}, {0x24EA,0x24FF}, {0x2776,0x2793}, {0x2CFD,0x2CFD}, {0x3007,0x3007},
    {0x3021,0x3029}, {0x3038,0x303A}, {0x3192,0x3195}, {0x3220,0x3229}, {0x3248,0x324F},
    {0x3251,0x325F}, {0x3280,0x3289}, {0x32B1,0x32BF}, {0x3405,0x3405}, {0x3483,0x3483},
    {0x382A,0x382A}, {0x3B4D,0x3B4D}, {0x4E00,0x4E00}, {0x4E03,0x4E03}, {0x4E07,0x4E07},
    {0x4E09,0x4E09}, {0x4E5D,0x4E5D}, {0x4E8C,0x4E8C}, {0x4E94,0x4E94}, {0x4E96,0x4E96},
    {0x4EBF,0x4EC0}, {0x4EDF,0x4EDF}, {0x4EE8,0x4EE8}, {0x4F0D,0x4F0D}, {0x4F70,0x4F70},
    {0x5104,0x5104}, {0x5146,0x5146}, {0x5169,0x5169}, {0x516B,0x516B}, {0x516D,0x516D},
    {0x5341,0x5341}, {0x5343,0x5345}, {0x534C,0x534C}, {0x53C1,0x53C4}, {0x56DB,0x56DB},
    {0x58F1,0x58F1}, {0x58F9,0x58F9}, {0x5E7A,0x5E7A}, {0x5EFE,0x5EFF}, {0x5F0C,0x5F0E},
    {0x5F10,0x5F10}, {0x62FE,0x62FE}, {0x634C,0x634C}, {0x67D2,0x67D2}, {0x6F06,0x6F06},
    {0x7396,0x7396}, {0x767E,0x767E}, {0x8086,0x8086}, {0x842C,0x842C}, {0x8CAE,0x8CAE},
    {0x8CB3,0x8CB3}, {0x8D30,0x8D30}, {0x9621,0x9621}, {0x9646,0x9646}, {0x964C,0x964C},
    {0x9678,0x9678}, {0x96F6,0x96F6}, {0xA620,0xA629}, {0xA6E6,0xA6EF}, {0xA830,0xA835},
    {0xA8D0,0xA8D9}, {0xA900,0xA909}, {0xA9D0,0xA9D9}, {0xA9F0,0xA9F9}, {0xAA50,0xAA59},
    {0xABF0,0xABF9}, {0xF96B,0xF96B}, {0xF973,0xF973}, {0xF978,0xF978}, {0xF9B2,0xF9B2},
    {0xF9D1,0xF9D1}, {0xF9D3,0xF9D3}, {0xF9FD,0xF9FD}, {0xFF10,0xFF19}, {0x10107,0x10133},
    {0x10140,0x10178}, {0x1018A,0x1018B}, {0x102E1,0x102FB}, {0x10320,0x10323}, {0x10341,0x10341},
    {0x1034A,0x1034A}, {0x103D1,0x103D5}, {0x104A0,0x104A9}, {0x10858,0x1085F}, {0x10879,0x1087F},
    {0x108A7,0x108AF}, {0x108FB,0x108FF}, {0x10916,0x1091B}, {0x109BC,0x109BD}, {0x109C0,0x109CF},
    {0x109D2,0x109FF}, {0x10A40,0x10A48}, {0x10A7D,0x10A7E}, {0x10A9D,0x10A9F}, {0x10AEB,0x10AEF},
    {0x10B58,0x10B5F}, {0x10B78,0x10B7F}, {0x10BA9,0x10BAF}, {0x10CFA,0x10CFF}, {0x10D30,0x10D39},
    {0x10E60,0x10E7E}, {0x10F1D,0x10F26}, {0x10F51,0x10F54}, {0x10FC5,0x10FCB}, {0x11052,0x1106F},
    {0x110F0,0x110F9}, {0x11136,0x1113F}, {0x111D0,0x111D9}, {0x111E1,0x111F4}, {0x112F0,0x112F9},
    {0x11450,0x11459}, {0x114D0,0x114D9}, {0x11650,0x11659}, {0x116C0,0x116C9}, {0x11730,0x1173B},
    {0x118E0,0x118F2}, {0x11950,0x11959}, {0x11C50,0x11C6C}, {0x11D50,0x11D59}, {0x11DA0,0x11DA9},
    {0x11FC0,0x11FD4}, {0x12400,0x1246E}, {0x16A60,0x16A69}, {0x16AC0,0x16AC9}, {0x16B50,0x16B59},
    {0x16B5B,0x16B61}, {0x16E80,0x16E96}, {0x1D2E0,0x1D2F3}, {0x1D360,0x1D378}, {0x1D7CE,0x1D7FF},
    {0x1E140,0x1E149}, {0x1E2F0,0x1E2F9}, {0x1E8C7,0x1E8CF}, {0x1E950,0x1E959}, {0x1EC71,0x1ECAB},
    {0x1ECAD,0x1ECAF}, {0x1ECB1,0x1ECB4}, {0x1ED01,0x1ED2D}, {0x1ED2F,0x1ED3D}, {0x1F100,0x1F10C},
    {0x1FBF0,0x1FBF9}, {0x20001,0x20001}, {0x20064,0x20064}, {0x200E2,0x200E2}, {0x20121,0x20121},
    {0x2092A,0x2092A}, {0x20983,0x20983}, {0x2098C,0x2098C}, {0x2099C,0x2099C}, {0x20AEA,0x20AEA},
    {0x20AFD,0x20AFD}, {0x20B19,0x20B19}, {0x22390,0x22390}, {0x22998,0x22998}, {0x23B1B,0x23B1B},
    {0x2626D,0x2626D}, {0x2F890,0x2F890},
};

const CpRange kXidStart[] = {
    {0x41,0x5A}, {0x61,0x7A}, {0xAA,0xAA}, {0xB5,0xB5}, {0xBA,0xBA}, {0xC0,0xD6}, {0xD8,0xF6},
    {0xF8,0x2C1}, {0x2C6,0x2D1}, {0x2E0,0x2E4}, {0x2EC,0x2EC}, {0x2EE,0x2EE}, {0x370,0x374},
    {0x376,0x377}, {0x37B,0x37D}, {0x37F,0x37F}, {0x386,0x386}, {0x388,0x38A}, {0x38C,0x38C},
    {0x38E,0x3A1}, {0x3A3,0x3F5}, {0x3F7,0x481}, {0x48A,0x52F}, {0x531,0x556}, {0x559,0x559},
    {0x560,0x588}, {0x5D0,0x5EA}, {0x5EF,0x5F2}, {0x620,0x64A}, {0x66E,0x66F}, {0x671,0x6D3},
    {0x6D5,0x6D5}, {0x6E5,0x6E6}, {0x6EE,0x6EF}, {0x6FA,0x6FC}, {0x6FF,0x6FF}, {0x710,0x710},
    {0x712,0x72F}, {0x74D,0x7A5}, {0x7B1,0x7B1}, {0x7CA,0x7EA}, {0x7F4,0x7F5}, {0x7FA,0x7FA},
    {0x800,0x815}, {0x81A,0x81A}, {0x824,0x824}, {0x828,0x828}, {0x840,0x858}, {0x860,0x86A},
    {0x870,0x887}, {0x889,0x88E}, {0x8A0,0x8C9}, {0x904,0x939}, {0x93D,0x93D}, {0x950,0x950},
    {0x958,0x961}, {0x971,0x980}, {0x985,0x98C}, {0x98F,0x990}, {0x993,0x9A8}, {0x9AA,0x9B0},
    {0x9B2,0x9B2}, {0x9B6,0x9B9}, {0x9BD,0x9BD}, {0x9CE,0x9CE}, {0x9DC,0x9DD}, {0x9DF,0x9E1},
    {0x9F0,0x9F1}, {0x9FC,0x9FC}, {0xA05,0xA0A}, {0xA0F,0xA10}, {0xA13,0xA28}, {0xA2A,0xA30},
    {0xA32,0xA33}, {0xA35,0xA36}, {0xA38,0xA39}, {0xA59,0xA5C}, {0xA5E,0xA5E}, {0xA72,0xA74},
    {0xA85,0xA8D}, {0xA8F,0xA91}, {0xA93,0xAA8}, {0xAAA,0xAB0}, {0xAB2,0xAB3}, {0xAB5,0xAB9},
    {0xABD,0xABD}, {0xAD0,0xAD0}, {0xAE0,0xAE1}, {0xAF9,0xAF9}, {0xB05,0xB0C}, {0xB0F,0xB10},
    {0xB13,0xB28}, {0xB2A,0xB30}, {0xB32,0xB33}, {0xB35,0xB39}, {0xB3D,0xB3D}, {0xB5C,0xB5D},
    {0xB5F,0xB61}, {0xB71,0xB71}, {0xB83,0xB83}, {0xB85,0xB8A}, {0xB8E,0xB90}, {0xB92,0xB95},
    {0xB99,0xB9A}, {0xB9C,0xB9C}, {0xB9E,0xB9F}, {0xBA3,0xBA4}, {0xBA8,0xBAA}, {0xBAE,0xBB9},
    {0xBD0,0xBD0}, {0xC05,0xC0C}, {0xC0E,0xC10}, {0xC12,0xC28}, {0xC2A,0xC39}, {0xC3D,0xC3D},
    {0xC58,0xC5A}, {0xC5D,0xC5D}, {0xC60,0xC61}, {0xC80,0xC80}, {0xC85,0xC8C}, {0xC8E,0xC90},
    {0xC92,0xCA8}, {0xCAA,0xCB3}, {0xCB5,0xCB9}, {0xCBD,0xCBD}, {0xCDD,0xCDE}, {0xCE0,0xCE1},
    {0xCF1,0xCF2}, {0xD04,0xD0C}, {0xD0E,0xD10}, {0xD12,0xD3A}, {0xD3D,0xD3D}, {0xD4E,0xD4E},
    {0xD54,0xD56}, {0xD5F,0xD61}, {0xD7A,0xD7F}, {0xD85,0xD96}, {0xD9A,0xDB1}, {0xDB3,0xDBB},
    {0xDBD,0xDBD}, {0xDC0,0xDC6}, {0xE01,0xE30}, {0xE32,0xE32}, {0xE40,0xE46}, {0xE81,0xE82},
    {0xE84,0xE84}, {0xE86,0xE8A}, {0xE8C,0xEA3}, {0xEA5,0xEA5}, {0xEA7,0xEB0}, {0xEB2,0xEB2},
    {0xEBD,0xEBD}, {0xEC0,0xEC4}, {0xEC6,0xEC6}, {0xEDC,0xEDF}, {0xF00,0xF00}, {0xF40,0xF47},
    {0xF49,0xF6C}, {0xF88,0xF8C}, {0x1000,0x102A}, {0x103F,0x103F}, {0x1050,0x1055},
    {0x105A,0x105D}, {0x1061,0x1061}, {0x1065,0x1066}, {0x106E,0x1070}, {0x1075,0x1081},
    {0x108E,0x108E}, {0x10A0,0x10C5}, {0x10C7,0x10C7}, {0x10CD,0x10CD}, {0x10D0,0x10FA},
    {0x10FC,0x1248}, {0x124A,0x124D}, {0x1250,0x1256}, {0x1258,0x1258}, {0x125A,0x125D},
    {0x1260,0x1288}, {0x128A,0x128D}, {0x1290,0x12B0}, {0x12B2,0x12B5}, {0x12B8,0x12BE},
    {0x12C0,0x12C0}, {0x12C2,0x12C5}, {0x12C8,0x12D6}, {0x12D8,0x1310}, {0x1312,0x1315},
    {0x1318,0x135A}, {0x1380,0x138F}, {0x13A0,0x13F5}, {0x13F8,0x13FD}, {0x1401,0x166C},
    {0x166F,0x167F}, {0x1681,0x169A}, {0x16A0,0x16EA}, {0x16EE,0x16F8}, {0x1700,0x1711},
    {0x171F,0x1731}, {0x1740,0x1751}, {0x1760,0x176C}, {0x176E,0x1770}, {0x1780,0x17B3},
    {0x17D7,0x17D7}, {0x17DC,0x17DC}, {0x1820,0x1878}, {0x1880,0x18A8}, {0x18AA,0x18AA},
    {0x18B0,0x18F5}, {0x1900,0x191E}, {0x1950,0x196D}, {0x1970,0x1974}, {0x1980,0x19AB},
    {0x19B0,0x19C9}, {0x1A00,0x1A16}, {0x1A20,0x1A54}, {0x1AA7,0x1AA7}, {0x1B05,0x1B33},
    {0x1B45,0x1B4C}, {0x1B83,0x1BA0}, {0x1BAE,0x1BAF}, {0x1BBA,0x1BE5}, {0x1C00,0x1C23},
    {0x1C4D,0x1C4F}, {0x1C5A,0x1C7D}, {0x1C80,0x1C88}, {0x1C90,0x1CBA}, {0x1CBD,0x1CBF},
    {0x1CE9,0x1CEC}, {0x1CEE,0x1CF3}, {0x1CF5,0x1CF6}, {0x1CFA,0x1CFA}, {0x1D00,0x1DBF},
    {0x1E00,0x1F15}, {0x1F18,0x1F1D}, {0x1F20,0x1F45}, {0x1F48,0x1F4D}, {0x1F50,0x1F57},
    {0x1F59,0x1F59}, {0x1F5B,0x1F5B}, {0x1F5D,0x1F5D}, {0x1F5F,0x1F7D}, {0x1F80,0x1FB4},
    {0x1FB6,0x1FBC}, {0x1FBE,0x1FBE}, {0x1FC2,0x1FC4}, {0x1FC6,0x1FCC}, {0x1FD0,0x1FD3},
    {0x1FD6,0x1FDB}, {0x1FE0,0x1FEC}, {0x1FF2,0x1FF4}, {0x1FF6,0x1FFC}, {0x2071,0x2071},
    {0x207F,0x207F}, {0x2090,0x209C}, {0x2102,0x2102}, {0x2107,0x2107}, {0x210A,0x2113},
    {0x2115,0x2115}, {0x2118,0x211D}, {0x2124,0x2124}, {0x2126,0x2126}, {0x2128,0x2128},
    {0x212A,0x2139}, {0x213C,0x213F}, {0x2145,0x2149}, {0x214E,0x214E}, {0x2160,0x2188},
    {0x2C00,0x2CE4}, {0x2CEB,0x2CEE}, {0x2CF2,0x2CF3}, {0x2D00,0x2D25}, {0x2D27,0x2D27},
    {0x2D2D,0x2D2D}, {0x2D30,0x2D67}, {0x2D6F,0x2D6F}, {0x2D80,0x2D96}, {0x2DA0,0x2DA6},
    {0x2DA8,0x2DAE}, {0x2DB0,0x2DB6}, {0x2DB8,0x2DBE}, {0x2DC0,0x2DC6}, {0x2DC8,0x2DCE},
    {0x2DD0,0x2DD6}, {0x2DD8,0x2DDE}, {0x3005,0x3007}, {0x3021,0x3029}, {0x3031,0x3035},
    {0x3038,0x303C}, {0x3041,0x3096}, {0x309D,0x309F}, {0x30A1,0x30FA}, {0x30FC,0x30FF},
    {0x3105,0x312F}, {0x3131,0x318E}, {0x31A0,0x31BF}, {0x31F0,0x31FF}, {0x3400,0x4DBF},
    {0x4E00,0xA48C}, {0xA4D0,0xA4FD}, {0xA500,0xA60C}, {0xA610,0xA61F}, {0xA62A,0xA62B},
    {0xA640,0xA66E}, {0xA67F,0xA69D}, {0xA6A0,0xA6EF}, {0xA717,0xA71F}, {0xA722,0xA788},
    {0xA78B,0xA7CA}, {0xA7D0,0xA7D1}, {0xA7D3,0xA7D3}, {0xA7D5,0xA7D9}, {0xA7F2,0xA801},
    {0xA803,0xA805}, {0xA807,0xA80A}, {0xA80C,0xA822}, {0xA840,0xA873}, {0xA882,0xA8B3},
    {0xA8F2,0xA8F7}, {0xA8FB,0xA8FB}, {0xA8FD,0xA8FE}, {0xA90A,0xA925}, {0xA930,0xA946},
    {0xA960,0xA97C}, {0xA984,0xA9B2}, {0xA9CF,0xA9CF}, {0xA9E0,0xA9E4}, {0xA9E6,0xA9EF},
    {0xA9FA,0xA9FE}, {0xAA00,0xAA28}, {0xAA40,0xAA42}, {0xAA44,0xAA4B}, {0xAA60,0xAA76},
    {0xAA7A,0xAA7A}, {0xAA7E,0xAAAF}, {0xAAB1,0xAAB1}, {0xAAB5,0xAAB6}, {0xAAB9,0xAABD},
    {0xAAC0,0xAAC0}, {0xAAC2,0xAAC2}, {0xAADB,0xAADD}, {0xAAE0,0xAAEA}, {0xAAF2,0xAAF4},
    {0xAB01,0xAB06}, {0xAB09,0xAB0E}, {0xAB11,0xAB16}, {0xAB20,0xAB26}, {0xAB28,0xAB2E},
    {0xAB30,0xAB5A}, {0xAB5C,0xAB69}, {0xAB70,0xABE2}, {0xAC00,0xD7A3}, {0xD7B0,0xD7C6},
    {0xD7CB,0xD7FB}, {0xF900,0xFA6D}, {0xFA70,0xFAD9}, {0xFB00,0xFB06}, {0xFB13,0xFB17},
    {0xFB1D,0xFB1D}, {0xFB1F,0xFB28}, {0xFB2A,0xFB36}, {0xFB38,0xFB3C}, {0xFB3E,0xFB3E},
    {0xFB40,0xFB41}, {0xFB43,0xFB44}, {0xFB46,0xFBB1}, {0xFBD3,0xFC5D}, {0xFC64,0xFD3D},
    {0xFD50,0xFD8F}, {0xFD92,0xFDC7}, {0xFDF0,0xFDF9}, {0xFE71,0xFE71}, {0xFE73,0xFE73},
    {0xFE77,0xFE77}, {0xFE79,0xFE79}, {0xFE7B,0xFE7B}, {0xFE7D,0xFE7D}, {0xFE7F,0xFEFC},
    {0xFF21,0xFF3A}, {0xFF41,0xFF5A}, {0xFF66,0xFF9D}, {0xFFA0,0xFFBE}, {0xFFC2,0xFFC7},
    {0xFFCA,0xFFCF}, {0xFFD2,0xFFD7}, {0xFFDA,0xFFDC}, {0x10000,0x1000B}, {0x1000D,0x10026},
    {0x10028,0x1003A}, {0x1003C,0x1003D}, {0x1003F,0x1004D}, {0x10050,0x1005D}, {0x10080,0x100FA},
    {0x10140,0x10174}, {0x10280,0x1029C}, {0x102A0,0x102D0}, {0x10300,0x1031F}, {0x1032D,0x1034A},
    {0x10350,0x10375}, {0x10380,0x1039D}, {0x103A0,0x103C3}, {0x103C8,0x103CF}, {0x103D1,0x103D5},
    {0x10400,0x1049D}, {0x104B0,0x104D3}, {0x104D8,0x104FB}, {0x10500,0x10527}, {0x10530,0x10563},
    {0x10570,0x1057A}, {0x1057C,0x1058A}, {0x1058C,0x10592}, {0x10594,0x10595}, {0x10597,0x105A1},
    {0x105A3,0x105B1}, {0x105B3,0x105B9}, {0x105BB,0x105BC}, {0x10600,0x10736}, {0x10740,0x10755},
    {0x10760,0x10767}, {0x10780,0x10785}, {0x10787,0x107B0}, {0x107B2,0x107BA}, {0x10800,0x10805},
    {0x10808,0x10808}, {0x1080A,0x10835}, {0x10837,0x10838}, {0x1083C,0x1083C}, {0x1083F,0x10855},
    {0x10860,0x10876}, {0x10880,0x1089E}, {0x108E0,0x108F2}, {0x108F4,0x108F5}, {0x10900,0x10915},
    {0x10920,0x10939}, {0x10980,0x109B7}, {0x109BE,0x109BF}, {0x10A00,0x10A00}, {0x10A10,0x10A13},
    {0x10A15,0x10A17}, {0x10A19,0x10A35}, {0x10A60,0x10A7C}, {0x10A80,0x10A9C}, {0x10AC0,0x10AC7},
    {0x10AC9,0x10AE4}, {0x10B00,0x10B35}, {0x10B40,0x10B55}, {0x10B60,0x10B72}, {0x10B80,0x10B91},
    {0x10C00,0x10C48}, {0x10C80,0x10CB2}, {0x10CC0,0x10CF2}, {0x10D00,0x10D23}, {0x10E80,0x10EA9},
    {0x10EB0,0x10EB1}, {0x10F00,0x10F1C}, {0x10F27,0x10F27}, {0x10F30,0x10F45}, {0x10F70,0x10F81},
    {0x10FB0,0x10FC4}, {0x10FE0,0x10FF6}, {0x11003,0x11037}, {0x11071,0x11072}, {0x11075,0x11075},
    {0x11083,0x110AF}, {0x110D0,0x110E8}, {0x11103,0x11126}, {0x11144,0x11144}, {0x11147,0x11147},
    {0x11150,0x11172}, {0x11176,0x11176}, {0x11183,0x111B2}, {0x111C1,0x111C4}, {0x111DA,0x111DA},
    {0x111DC,0x111DC}, {0x11200,0x11211}, {0x11213,0x1122B}, {0x11280,0x11286}, {0x11288,0x11288},
    {0x1128A,0x1128D}, {0x1128F,0x1129D}, {0x1129F,0x112A8}, {0x112B0,0x112DE}, {0x11305,0x1130C},
    {0x1130F,0x11310}, {0x11313,0x11328}, {0x1132A,0x11330}, {0x11332,0x11333}, {0x11335,0x11339},
    {0x1133D,0x1133D}, {0x11350,0x11350}, {0x1135D,0x11361}, {0x11400,0x11434}, {0x11447,0x1144A},
    {0x1145F,0x11461}, {0x11480,0x114AF}, {0x114C4,0x114C5}, {0x114C7,0x114C7}, {0x11580,0x115AE},
    {0x115D8,0x115DB}, {0x11600,0x1162F}, {0x11644,0x11644}, {0x11680,0x116AA}, {0x116B8,0x116B8},
    {0x11700,0x1171A}, {0x11740,0x11746}, {0x11800,0x1182B}, {0x118A0,0x118DF}, {0x118FF,0x11906},
    {0x11909,0x11909}, {0x1190C,0x11913}, {0x11915,0x11916}, {0x11918,0x1192F}, {0x1193F,0x1193F},
    {0x11941,0x11941}, {0x119A0,0x119A7}, {0x119AA,0x119D0}, {0x119E1,0x119E1}, {0x119E3,0x119E3},
    {0x11A00,0x11A00}, {0x11A0B,0x11A32}, {0x11A3A,0x11A3A}, {0x11A50,0x11A50}, {0x11A5C,0x11A89},
    {0x11A9D,0x11A9D}, {0x11AB0,0x11AF8}, {0x11C00,0x11C08}, {0x11C0A,0x11C2E}, {0x11C40,0x11C40},
    {0x11C72,0x11C8F}, {0x11D00,0x11D06}, {0x11D08,0x11D09}, {0x11D0B,0x11D30}, {0x11D46,0x11D46},
    {0x11D60,0x11D65}, {0x11D67,0x11D68}, {0x11D6A,0x11D89}, {0x11D98,0x11D98}, {0x11EE0,0x11EF2},
    {0x11FB0,0x11FB0}, {0x12000,0x12399}, {0x12400,0x1246E}, {0x12480,0x12543}, {0x12F90,0x12FF0},
    {0x13000,0x1342E}, {0x14400,0x14646}, {0x16800,0x16A38}, {0x16A40,0x16A5E}, {0x16A70,0x16ABE},
    {0x16AD0,0x16AED}, {0x16B00,0x16B2F}, {0x16B40,0x16B43}, {0x16B63,0x16B77}, {0x16B7D,0x16B8F},
    {0x16E40,0x16E7F}, {0x16F00,0x16F4A}, {0x16F50,0x16F50}, {0x16F93,0x16F9F}, {0x16FE0,0x16FE1},
    {0x16FE3,0x16FE3}, {0x17000,0x187F7}, {0x18800,0x18CD5}, {0x18D00,0x18D08}, {0x1AFF0,0x1AFF3},
    {0x1AFF5,0x1AFFB}, {0x1AFFD,0x1AFFE}, {0x1B000,0x1B122}, {0x1B150,0x1B152}, {0x1B164,0x1B167},
    {0x1B170,0x1B2FB}, {0x1BC00,0x1BC6A}, {0x1BC70,0x1BC7C}, {0x1BC80,0x1BC88}, {0x1BC90,0x1BC99},
    {0x1D400,0x1D454}, {0x1D456,0x1D49C}, {0x1D49E,0x1D49F}, {0x1D4A2,0x1D4A2}, {0x1D4A5,0x1D4A6},
    {0x1D4A9,0x1D4AC}, {0x1D4AE,0x1D4B9}, {0x1D4BB,0x1D4BB}, {0x1D4BD,0x1D4C3}, {0x1D4C5,0x1D505},
    {0x1D507,0x1D50A}, {0x1D50D,0x1D514}, {0x1D516,0x1D51C}, {0x1D51E,0x1D539}, {0x1D53B,0x1D53E},
    {0x1D540,0x1D544}, {0x1D546,0x1D546}, {0x1D54A,0x1D550}, {0x1D552,0x1D6A5}, {0x1D6A8,0x1D6C0},
    {0x1D6C2,0x1D6DA}, {0x1D6DC,0x1D6FA}, {0x1D6FC,0x1D714}, {0x1D716,0x1D734}, {0x1D736,0x1D74E},
    {0x1D750,0x1D76E}, {0x1D770,0x1D788}, {0x1D78A,0x1D7A8}, {0x1D7AA,0x1D7C2}, {0x1D7C4,0x1D7CB},
    {0x1DF00,0x1DF1E}, {0x1E100,0x1E12C}, {0x1E137,0x1E13D}, {0x1E14E,0x1E14E}, {0x1E290,0x1E2AD},
    {0x1E2C0,0x1E2EB}, {0x1E7E0,0x1E7E6}, {0x1E7E8,0x1E7EB}, {0x1E7ED,0x1E7EE}, {0x1E7F0,0x1E7FE},
    {0x1E800,0x1E8C4}, {0x1E900,0x1E943}, {0x1E94B,0x1E94B}, {0x1EE00,0x1EE03}, {0x1EE05,0x1EE1F},
    {0x1EE21,0x1EE22}, {0x1EE24,0x1EE24}, {0x1EE27,0x1EE27}, {0x1EE29,0x1EE32}, {0x1EE34,0x1EE37},
    {0x1EE39,0x1EE39}, {0x1EE3B,0x1EE3B}, {0x1EE42,0x1EE42}, {0x1EE47,0x1EE47}, {0x1EE49,0x1EE49},
    {0x1EE4B,0x1EE4B}, {0x1EE4D,0x1EE4F}, {0x1EE51,0x1EE52}, {0x1EE54,0x1EE54}, {0x1EE57,0x1EE57},
    {0x1EE59,0x1EE59}, {0x1EE5B,0x1EE5B}, {0x1EE5D,0x1EE5D}, {0x1EE5F,0x1EE5F}, {0x1EE61,0x1EE62},
    {0x1EE64,0x1EE64}, {0x1EE67,0x1EE6A}, {0x1EE6C,0x1EE72}, {0x1EE74,0x1EE77}, {0x1EE79,0x1EE7C},
    {0x1EE7E,0x1EE7E}, {0x1EE80,0x1EE89}, {0x1EE8B,0x1EE9B}, {0x1EEA1,0x1EEA3}, {0x1EEA5,0x1EEA9},
    {0x1EEAB,0x1EEBB}, {0x20000,0x2A6DF}, {0x2A700,0x2B738}, {0x2B740,0x2B81D}, {0x2B820,0x2CEA1},
    {0x2CEB0,0x2EBE0}, {0x2F800,0x2FA1D}, {0x30000,0x3134A},
};

const CpRange kXidContinue[] = {
    {0x30,0x39}, {0x41,0x5A}, {0x5F,0x5F}, {0x61,0x7A}, {0xAA,0xAA}, {0xB5,0xB5}, {0xB7,0xB7},
    {0xBA,0xBA}, {0xC0,0xD6}, {0xD8,0xF6}, {0xF8,0x2C1}, {0x2C6,0x2D1}, {0x2E0,0x2E4},
    {0x2EC,0x2EC}, {0x2EE,0x2EE}, {0x300,0x374}, {0x376,0x377}, {0x37B,0x37D}, {0x37F,0x37F},
    {0x386,0x38A}, {0x38C,0x38C}, {0x38E,0x3A1}, {0x3A3,0x3F5}, {0x3F7,0x481}, {0x483,0x487},
    {0x48A,0x52F}, {0x531,0x556}, {0x559,0x559}, {0x560,0x588}, {0x591,0x5BD}, {0x5BF,0x5BF},
    {0x5C1,0x5C2}, {0x5C4,0x5C5}, {0x5C7,0x5C7}, {0x5D0,0x5EA}, {0x5EF,0x5F2}, {0x610,0x61A},
    {0x620,0x669}, {0x66E,0x6D3}, {0x6D5,0x6DC}, {0x6DF,0x6E8}, {0x6EA,0x6FC}, {0x6FF,0x6FF},
    {0x710,0x74A}, {0x74D,0x7B1}, {0x7C0,0x7F5}, {0x7FA,0x7FA}, {0x7FD,0x7FD}, {0x800,0x82D},
    {0x840,0x85B}, {0x860,0x86A}, {0x870,0x887}, {0x889,0x88E}, {0x898,0x8E1}, {0x8E3,0x963},
    {0x966,0x96F}, {0x971,0x983}, {0x985,0x98C}, {0x98F,0x990}, {0x993,0x9A8}, {0x9AA,0x9B0},
    {0x9B2,0x9B2}, {0x9B6,0x9B9}, {0x9BC,0x9C4}, {0x9C7,0x9C8}, {0x9CB,0x9CE}, {0x9D7,0x9D7},
    {0x9DC,0x9DD}, {0x9DF,0x9E3}, {0x9E6,0x9F1}, {0x9FC,0x9FC}, {0x9FE,0x9FE}, {0xA01,0xA03},
    {0xA05,0xA0A}, {0xA0F,0xA10}, {0xA13,0xA28}, {0xA2A,0xA30}, {0xA32,0xA33}, {0xA35,0xA36},
    {0xA38,0xA39}, {0xA3C,0xA3C}, {0xA3E,0xA42}, {0xA47,0xA48}, {0xA4B,0xA4D}, {0xA51,0xA51},
    {0xA59,0xA5C}, {0xA5E,0xA5E}, {0xA66,0xA75}, {0xA81,0xA83}, {0xA85,0xA8D}, {0xA8F,0xA91},
    {0xA93,0xAA8}, {0xAAA,0xAB0}, {0xAB2,0xAB3}, {0xAB5,0xAB9}, {0xABC,0xAC5}, {0xAC7,0xAC9},
    {0xACB,0xACD}, {0xAD0,0xAD0}, {0xAE0,0xAE3}, {0xAE6,0xAEF}, {0xAF9,0xAFF}, {0xB01,0xB03},
    {0xB05,0xB0C}, {0xB0F,0xB10}, {0xB13,0xB28}, {0xB2A,0xB30}, {0xB32,0xB33}, {0xB35,0xB39},
    {0xB3C,0xB44}, {0xB47,0xB48}, {0xB4B,0xB4D}, {0xB55,0xB57}, {0xB5C,0xB5D}, {0xB5F,0xB63},
    {0xB66,0xB6F}, {0xB71,0xB71}, {0xB82,0xB83}, {0xB85,0xB8A}, {0xB8E,0xB90}, {0xB92,0xB95},
    {0xB99,0xB9A}, {0xB9C,0xB9C}, {0xB9E,0xB9F}, {0xBA3,0xBA4}, {0xBA8,0xBAA}, {0xBAE,0xBB9},
    {0xBBE,0xBC2}, {0xBC6,0xBC8}, {0xBCA,0xBCD}, {0xBD0,0xBD0}, {0xBD7,0xBD7}, {0xBE6,0xBEF},
    {0xC00,0xC0C}, {0xC0E,0xC10}, {0xC12,0xC28}, {0xC2A,0xC39}, {0xC3C,0xC44}, {0xC46,0xC48},
    {0xC4A,0xC4D}, {0xC55,0xC56}, {0xC58,0xC5A}, {0xC5D,0xC5D}, {0xC60,0xC63}, {0xC66,0xC6F},
    {0xC80,0xC83}, {0xC85,0xC8C}, {0xC8E,0xC90}, {0xC92,0xCA8}, {0xCAA,0xCB3}, {0xCB5,0xCB9},
    {0xCBC,0xCC4}, {0xCC6,0xCC8}, {0xCCA,0xCCD}, {0xCD5,0xCD6}, {0xCDD,0xCDE}, {0xCE0,0xCE3},
    {0xCE6,0xCEF}, {0xCF1,0xCF2}, {0xD00,0xD0C}, {0xD0E,0xD10}, {0xD12,0xD44}, {0xD46,0xD48},
    {0xD4A,0xD4E}, {0xD54,0xD57}, {0xD5F,0xD63}, {0xD66,0xD6F}, {0xD7A,0xD7F}, {0xD81,0xD83},
    {0xD85,0xD96}, {0xD9A,0xDB1}, {0xDB3,0xDBB}, {0xDBD,0xDBD}, {0xDC0,0xDC6}, {0xDCA,0xDCA},
    {0xDCF,0xDD4}, {0xDD6,0xDD6}, {0xDD8,0xDDF}, {0xDE6,0xDEF}, {0xDF2,0xDF3}, {0xE01,0xE3A},
    {0xE40,0xE4E}, {0xE50,0xE59}, {0xE81,0xE82}, {0xE84,0xE84}, {0xE86,0xE8A}, {0xE8C,0xEA3},
    {0xEA5,0xEA5}, {0xEA7,0xEBD}, {0xEC0,0xEC4}, {0xEC6,0xEC6}, {0xEC8,0xECD}, {0xED0,0xED9},
    {0xEDC,0xEDF}, {0xF00,0xF00}, {0xF18,0xF19}, {0xF20,0xF29}, {0xF35,0xF35}, {0xF37,0xF37},
    {0xF39,0xF39}, {0xF3E,0xF47}, {0xF49,0xF6C}, {0xF71,0xF84}, {0xF86,0xF97}, {0xF99,0xFBC},
    {0xFC6,0xFC6}, {0x1000,0x1049}, {0x1050,0x109D}, {0x10A0,0x10C5}, {0x10C7,0x10C7},
    {0x10CD,0x10CD}, {0x10D0,0x10FA}, {0x10FC,0x1248}, {0x124A,0x124D}, {0x1250,0x1256},
    {0x1258,0x1258}, {0x125A,0x125D}, {0x1260,0x1288}, {0x128A,0x128D}, {0x1290,0x12B0},
    {0x12B2,0x12B5}, {0x12B8,0x12BE}, {0x12C0,0x12C0}, {0x12C2,0x12C5}, {0x12C8,0x12D6},
    {0x12D8,0x1310}, {0x1312,0x1315}, {0x1318,0x135A}, {0x135D,0x135F}, {0x1369,0x1371},
    {0x1380,0x138F}, {0x13A0,0x13F5}, {0x13F8,0x13FD}, {0x1401,0x166C}, {0x166F,0x167F},
    {0x1681,0x169A}, {0x16A0,0x16EA}, {0x16EE,0x16F8}, {0x1700,0x1715}, {0x171F,0x1734},
    {0x1740,0x1753}, {0x1760,0x176C}, {0x176E,0x1770}, {0x1772,0x1773}, {0x1780,0x17D3},
    {0x17D7,0x17D7}, {0x17DC,0x17DD}, {0x17E0,0x17E9}, {0x180B,0x180D}, {0x180F,0x1819},
    {0x1820,0x1878}, {0x1880,0x18AA}, {0x18B0,0x18F5}, {0x1900,0x191E}, {0x1920,0x192B},
    {0x1930,0x193B}, {0x1946,0x196D}, {0x1970,0x1974}, {0x1980,0x19AB}, {0x19B0,0x19C9},
    {0x19D0,0x19DA}, {0x1A00,0x1A1B}, {0x1A20,0x1A5E}, {0x1A60,0x1A7C}, {0x1A7F,0x1A89},
    {0x1A90,0x1A99}, {0x1AA7,0x1AA7}, {0x1AB0,0x1ABD}, {0x1ABF,0x1ACE}, {0x1B00,0x1B4C},
    {0x1B50,0x1B59}, {0x1B6B,0x1B73}, {0x1B80,0x1BF3}, {0x1C00,0x1C37}, {0x1C40,0x1C49},
    {0x1C4D,0x1C7D}, {0x1C80,0x1C88}, {0x1C90,0x1CBA}, {0x1CBD,0x1CBF}, {0x1CD0,0x1CD2},
    {0x1CD4,0x1CFA}, {0x1D00,0x1F15}, {0x1F18,0x1F1D}, {0x1F20,0x1F45}, {0x1F48,0x1F4D},
    {0x1F50,0x1F57}, {0x1F59,0x1F59}, {0x1F5B,0x1F5B}, {0x1F5D,0x1F5D}, {0x1F5F,0x1F7D},
    {0x1F80,0x1FB4}, {0x1FB6,0x1FBC}, {0x1FBE,0x1FBE}, {0x1FC2,0x1FC4}, {0x1FC6,0x1FCC},
    {0x1FD0,0x1FD3}, {0x1FD6,0x1FDB}, {0x1FE0,0x1FEC}, {0x1FF2,0x1FF4}, {0x1FF6,0x1FFC},
    {0x203F,0x2040}, {0x2054,0x2054}, {0x2071,0x2071}, {0x207F,0x207F}, {0x2090,0x209C},
    {0x20D0,0x20DC}, {0x20E1,0x20E1}, {0x20E5,0x20F0}, {0x2102,0x2102}, {0x2107,0x2107},
    {0x210A,0x2113}, {0x2115,0x2115}, {0x2118,0x211D}, {0x2124,0x2124}, {0x2126,0x2126},
    {0x2128,0x2128}, {0x212A,0x2139}, {0x213C,0x213F}, {0x2145,0x2149}, {0x214E,0x214E},
    {0x2160,0x2188}, {0x2C00,0x2CE4}, {0x2CEB,0x2CF3}, {0x2D00,0x2D25}, {0x2D27,0x2D27},
    {0x2D2D,0x2D2D}, {0x2D30,0x2D67}, {0x2D6F,0x2D6F}, {0x2D7F,0x2D96}, {0x2DA0,0x2DA6},
    {0x2DA8,0x2DAE}, {0x2DB0,0x2DB6}, {0x2DB8,0x2DBE}, {0x2DC0,0x2DC6}, {0x2DC8,0x2DCE},
    {0x2DD0,0x2DD6}, {0x2DD8,0x2DDE}, {0x2DE0,0x2DFF}, {0x3005,0x3007}, {0x3021,0x302F},
    {0x3031,0x3035}, {0x3038,0x303C}, {0x3041,0x3096}, {0x3099,0x309A}, {0x309D,0x309F},
    {0x30A1,0x30FA}, {0x30FC,0x30FF}, {0x3105,0x312F}, {0x3131,0x318E}, {0x31A0,0x31BF},
    {0x31F0,0x31FF}, {0x3400,0x4DBF}, {0x4E00,0xA48C}, {0xA4D0,0xA4FD}, {0xA500,0xA60C},
    {0xA610,0xA62B}, {0xA640,0xA66F}, {0xA674,0xA67D}, {0xA67F,0xA6F1}, {0xA717,0xA71F},
    {0xA722,0xA788}, {0xA78B,0xA7CA}, {0xA7D0,0xA7D1}, {0xA7D3,0xA7D3}, {0xA7D5,0xA7D9},
    {0xA7F2,0xA827}, {0xA82C,0xA82C}, {0xA840,0xA873}, {0xA880,0xA8C5}, {0xA8D0,0xA8D9},
    {0xA8E0,0xA8F7}, {0xA8FB,0xA8FB}, {0xA8FD,0xA92D}, {0xA930,0xA953}, {0xA960,0xA97C},
    {0xA980,0xA9C0}, {0xA9CF,0xA9D9}, {0xA9E0,0xA9FE}, {0xAA00,0xAA36}, {0xAA40,0xAA4D},
    {0xAA50,0xAA59}, {0xAA60,0xAA76}, {0xAA7A,0xAAC2}, {0xAADB,0xAADD}, {0xAAE0,0xAAEF},
    {0xAAF2,0xAAF6}, {0xAB01,0xAB06}, {0xAB09,0xAB0E}, {0xAB11,0xAB16}, {0xAB20,0xAB26},
    {0xAB28,0xAB2E}, {0xAB30,0xAB5A}, {0xAB5C,0xAB69}, {0xAB70,0xABEA}, {0xABEC,0xABED},
    {0xABF0,0xABF9}, {0xAC00,0xD7A3}, {0xD7B0,0xD7C6}, {0xD7CB,0xD7FB}, {0xF900,0xFA6D},
    {0xFA70,0xFAD9}, {0xFB00,0xFB06}, {0xFB13,0xFB17}, {0xFB1D,0xFB28}, {0xFB2A,0xFB36},
    {0xFB38,0xFB3C}, {0xFB3E,0xFB3E}, {0xFB40,0xFB41}, {0xFB43,0xFB44}, {0xFB46,0xFBB1},
    {0xFBD3,0xFC5D}, {0xFC64,0xFD3D}, {0xFD50,0xFD8F}, {0xFD92,0xFDC7}, {0xFDF0,0xFDF9},
    {0xFE00,0xFE0F}, {0xFE20,0xFE2F}, {0xFE33,0xFE34}, {0xFE4D,0xFE4F}, {0xFE71,0xFE71},
    {0xFE73,0xFE73}, {0xFE77,0xFE77}, {0xFE79,0xFE79}, {0xFE7B,0xFE7B}, {0xFE7D,0xFE7D},
    {0xFE7F,0xFEFC}, {0xFF10,0xFF19}, {0xFF21,0xFF3A}, {0xFF3F,0xFF3F}, {0xFF41,0xFF5A},
    {0xFF66,0xFFBE}, {0xFFC2,0xFFC7}, {0xFFCA,0xFFCF}, {0xFFD2,0xFFD7}, {0xFFDA,0xFFDC},
    {0x10000,0x1000B}, {0x1000D,0x10026}, {0x10028,0x1003A}, {0x1003C,0x1003D}, {0x1003F,0x1004D},
    {0x10050,0x1005D}, {0x10080,0x100FA}, {0x10140,0x10174}, {0x101FD,0x101FD}, {0x10280,0x1029C},
    {0x102A0,0x102D0}, {0x102E0,0x102E0}, {0x10300,0x1031F}, {0x1032D,0x1034A}, {0x10350,0x1037A},
    {0x10380,0x1039D}, {0x103A0,0x103C3}, {0x103C8,0x103CF}, {0x103D1,0x103D5}, {0x10400,0x1049D},
    {0x104A0,0x104A9}, {0x104B0,0x104D3}, {0x104D8,0x104FB}, {0x10500,0x10527}, {0x10530,0x10563},
    {0x10570,0x1057A}, {0x1057C,0x1058A}, {0x1058C,0x10592}, {0x10594,0x10595}, {0x10597,0x105A1},
    {0x105A3,0x105B1}, {0x105B3,0x105B9}, {0x105BB,0x105BC}, {0x10600,0x10736}, {0x10740,0x10755},
    {0x10760,0x10767}, {0x10780,0x10785}, {0x10787,0x107B0}, {0x107B2,0x107BA}, {0x10800,0x10805},
    {0x10808,0x10808}, {0x1080A,0x10835}, {0x10837,0x10838}, {0x1083C,0x1083C}, {0x1083F,0x10855},
    {0x10860,0x10876}, {0x10880,0x1089E}, {0x108E0,0x108F2}, {0x108F4,0x108F5}, {0x10900,0x10915},
    {0x10920,0x10939}, {0x10980,0x109B7}, {0x109BE,0x109BF}, {0x10A00,0x10A03}, {0x10A05,0x10A06},
    {0x10A0C,0x10A13}, {0x10A15,0x10A17}, {0x10A19,0x10A35}, {0x10A38,0x10A3A}, {0x10A3F,0x10A3F},
    {0x10A60,0x10A7C}, {0x10A80,0x10A9C}, {0x10AC0,0x10AC7}, {0x10AC9,0x10AE6}, {0x10B00,0x10B35},
    {0x10B40,0x10B55}, {0x10B60,0x10B72}, {0x10B80,0x10B91}, {0x10C00,0x10C48}, {0x10C80,0x10CB2},
    {0x10CC0,0x10CF2}, {0x10D00,0x10D27}, {0x10D30,0x10D39}, {0x10E80,0x10EA9}, {0x10EAB,0x10EAC},
    {0x10EB0,0x10EB1}, {0x10F00,0x10F1C}, {0x10F27,0x10F27}, {0x10F30,0x10F50}, {0x10F70,0x10F85},
    {0x10FB0,0x10FC4}, {0x10FE0,0x10FF6}, {0x11000,0x11046}, {0x11066,0x11075}, {0x1107F,0x110BA},
    {0x110C2,0x110C2}, {0x110D0,0x110E8}, {0x110F0,0x110F9}, {0x11100,0x11134}, {0x11136,0x1113F},
    {0x11144,0x11147}, {0x11150,0x11173}, {0x11176,0x11176}, {0x11180,0x111C4}, {0x111C9,0x111CC},
    {0x111CE,0x111DA}, {0x111DC,0x111DC}, {0x11200,0x11211}, {0x11213,0x11237}, {0x1123E,0x1123E},
    {0x11280,0x11286}, {0x11288,0x11288}, {0x1128A,0x1128D}, {0x1128F,0x1129D}, {0x1129F,0x112A8},
    {0x112B0,0x112EA}, {0x112F0,0x112F9}, {0x11300,0x11303}, {0x11305,0x1130C}, {0x1130F,0x11310},
    {0x11313,0x11328}, {0x1132A,0x11330}, {0x11332,0x11333}, {0x11335,0x11339}, {0x1133B,0x11344},
    {0x11347,0x11348}, {0x1134B,0x1134D}, {0x11350,0x11350}, {0x11357,0x11357}, {0x1135D,0x11363},
    {0x11366,0x1136C}, {0x11370,0x11374}, {0x11400,0x1144A}, {0x11450,0x11459}, {0x1145E,0x11461},
    {0x11480,0x114C5}, {0x114C7,0x114C7}, {0x114D0,0x114D9}, {0x11580,0x115B5}, {0x115B8,0x115C0},
    {0x115D8,0x115DD}, {0x11600,0x11640}, {0x11644,0x11644}, {0x11650,0x11659}, {0x11680,0x116B8},
    {0x116C0,0x116C9}, {0x11700,0x1171A}, {0x1171D,0x1172B}, {0x11730,0x11739}, {0x11740,0x11746},
    {0x11800,0x1183A}, {0x118A0,0x118E9}, {0x118FF,0x11906}, {0x11909,0x11909}, {0x1190C,0x11913},
    {0x11915,0x11916}, {0x11918,0x11935}, {0x11937,0x11938}, {0x1193B,0x11943}, {0x11950,0x11959},
    {0x119A0,0x119A7}, {0x119AA,0x119D7}, {0x119DA,0x119E1}, {0x119E3,0x119E4}, {0x11A00,0x11A3E},
    {0x11A47,0x11A47}, {0x11A50,0x11A99}, {0x11A9D,0x11A9D}, {0x11AB0,0x11AF8}, {0x11C00,0x11C08},
    {0x11C0A,0x11C36}, {0x11C38,0x11C40}, {0x11C50,0x11C59}, {0x11C72,0x11C8F}, {0x11C92,0x11CA7},
    {0x11CA9,0x11CB6}, {0x11D00,0x11D06}, {0x11D08,0x11D09}, {0x11D0B,0x11D36}, {0x11D3A,0x11D3A},
    {0x11D3C,0x11D3D}, {0x11D3F,0x11D47}, {0x11D50,0x11D59}, {0x11D60,0x11D65}, {0x11D67,0x11D68},
    {0x11D6A,0x11D8E}, {0x11D90,0x11D91}, {0x11D93,0x11D98}, {0x11DA0,0x11DA9}, {0x11EE0,0x11EF6},
    {0x11FB0,0x11FB0}, {0x12000,0x12399}, {0x12400,0x1246E}, {0x12480,0x12543}, {0x12F90,0x12FF0},
    {0x13000,0x1342E}, {0x14400,0x14646}, {0x16800,0x16A38}, {0x16A40,0x16A5E}, {0x16A60,0x16A69},
    {0x16A70,0x16ABE}, {0x16AC0,0x16AC9}, {0x16AD0,0x16AED}, {0x16AF0,0x16AF4}, {0x16B00,0x16B36},
    {0x16B40,0x16B43}, {0x16B50,0x16B59}, {0x16B63,0x16B77}, {0x16B7D,0x16B8F}, {0x16E40,0x16E7F},
    {0x16F00,0x16F4A}, {0x16F4F,0x16F87}, {0x16F8F,0x16F9F}, {0x16FE0,0x16FE1}, {0x16FE3,0x16FE4},
    {0x16FF0,0x16FF1}, {0x17000,0x187F7}, {0x18800,0x18CD5}, {0x18D00,0x18D08}, {0x1AFF0,0x1AFF3},
    {0x1AFF5,0x1AFFB}, {0x1AFFD,0x1AFFE}, {0x1B000,0x1B122}, {0x1B150,0x1B152}, {0x1B164,0x1B167},
    {0x1B170,0x1B2FB}, {0x1BC00,0x1BC6A}, {0x1BC70,0x1BC7C}, {0x1BC80,0x1BC88}, {0x1BC90,0x1BC99},
    {0x1BC9D,0x1BC9E}, {0x1CF00,0x1CF2D}, {0x1CF30,0x1CF46}, {0x1D165,0x1D169}, {0x1D16D,0x1D172},
    {0x1D17B,0x1D182}, {0x1D185,0x1D18B}, {0x1D1AA,0x1D1AD}, {0x1D242,0x1D244}, {0x1D400,0x1D454},
    {0x1D456,0x1D49C}, {0x1D49E,0x1D49F}, {0x1D4A2,0x1D4A2}, {0x1D4A5,0x1D4A6}, {0x1D4A9,0x1D4AC},
    {0x1D4AE,0x1D4B9}, {0x1D4BB,0x1D4BB}, {0x1D4BD,0x1D4C3}, {0x1D4C5,0x1D505}, {0x1D507,0x1D50A},
    {0x1D50D,0x1D514}, {0x1D516,0x1D51C}, {0x1D51E,0x1D539}, {0x1D53B,0x1D53E}, {0x1D540,0x1D544},
    {0x1D546,0x1D546}, {0x1D54A,0x1D550}, {0x1D552,0x1D6A5}, {0x1D6A8,0x1D6C0}, {0x1D6C2,0x1D6DA},
    {0x1D6DC,0x1D6FA}, {0x1D6FC,0x1D714}, {0x1D716,0x1D734}, {0x1D736,0x1D74E}, {0x1D750,0x1D76E},
    {0x1D770,0x1D788}, {0x1D78A,0x1D7A8}, {0x1D7AA,0x1D7C2}, {0x1D7C4,0x1D7CB}, {0x1D7CE,0x1D7FF},
    {0x1DA00,0x1DA36}, {0x1DA3B,0x1DA6C}, {0x1DA75,0x1DA75}, {0x1DA84,0x1DA84}, {0x1DA9B,0x1DA9F},
    {0x1DAA1,0x1DAAF}, {0x1DF00,0x1DF1E}, {0x1E000,0x1E006}, {0x1E008,0x1E018}, {0x1E01B,0x1E021},
    {0x1E023,0x1E024}, {0x1E026,0x1E02A}, {0x1E100,0x1E12C}, {0x1E130,0x1E13D}, {0x1E140,0x1E149},
    {0x1E14E,0x1E14E}, {0x1E290,0x1E2AE}, {0x1E2C0,0x1E2F9}, {0x1E7E0,0x1E7E6}, {0x1E7E8,0x1E7EB},
    {0x1E7ED,0x1E7EE}, {0x1E7F0,0x1E7FE}, {0x1E800,0x1E8C4}, {0x1E8D0,0x1E8D6}, {0x1E900,0x1E94B},
    {0x1E950,0x1E959}, {0x1EE00,0x1EE03}, {0x1EE05,0x1EE1F}, {0x1EE21,0x1EE22}, {0x1EE24,0x1EE24},
    {0x1EE27,0x1EE27}, {0x1EE29,0x1EE32}, {0x1EE34,0x1EE37}, {0x1EE39,0x1EE39}, {0x1EE3B,0x1EE3B},
    {0x1EE42,0x1EE42}, {0x1EE47,0x1EE47}, {0x1EE49,0x1EE49}, {0x1EE4B,0x1EE4B}, {0x1EE4D,0x1EE4F},
    {0x1EE51,0x1EE52}, {0x1EE54,0x1EE54}, {0x1EE57,0x1EE57}, {0x1EE59,0x1EE59}, {0x1EE5B,0x1EE5B},
    {0x1EE5D,0x1EE5D}, {0x1EE5F,0x1EE5F}, {0x1EE61,0x1EE62}, {0x1EE64,0x1EE64}, {0x1EE67,0x1EE6A},
    {0x1EE6C,0x1EE72}, {0x1EE74,0x1EE77}, {0x1EE79,0x1EE7C}, {0x1EE7E,0x1EE7E}, {0x1EE80,0x1EE89},
    {0x1EE8B,0x1EE9B}, {0x1EEA1,0x1EEA3}, {0x1EEA5,0x1EEA9}, {0x1EEAB,0x1EEBB}, {0x1FBF0,0x1FBF9},
    {0x20000,0x2A6DF}, {0x2A700,0x2B738}, {0x2B740,0x2B81D}, {0x2B820,0x2CEA1}, {0x2CEB0,0x2EBE0},
    {0x2F800,0x2FA1D}, {0x30000,0x3134A}, {0xE0100,0xE01EF},
};

const CpRange kCased[] = {
    {0x41,0x5A}, {0x61,0x7A}, {0xAA,0xAA}, {0xB5,0xB5}, {0xBA,0xBA}, {0xC0,0xD6}, {0xD8,0xF6},
    {0xF8,0x1BA}, {0x1BC,0x1BF}, {0x1C4,0x293}, {0x295,0x2B8}, {0x2C0,0x2C1}, {0x2E0,0x2E4},
    {0x345,0x345}, {0x370,0x373}, {0x376,0x377}, {0x37A,0x37D}, {0x37F,0x37F}, {0x386,0x386},
    {0x388,0x38A}, {0x38C,0x38C}, {0x38E,0x3A1}, {0x3A3,0x3F5}, {0x3F7,0x481}, {0x48A,0x52F},
    {0x531,0x556}, {0x560,0x588}, {0x10A0,0x10C5}, {0x10C7,0x10C7}, {0x10CD,0x10CD},
    {0x10D0,0x10FA}, {0x10FD,0x10FF}, {0x13A0,0x13F5}, {0x13F8,0x13FD}, {0x1C80,0x1C88},
    {0x1C90,0x1CBA}, {0x1CBD,0x1CBF}, {0x1D00,0x1DBF}, {0x1E00,0x1F15}, {0x1F18,0x1F1D},
    {0x1F20,0x1F45}, {0x1F48,0x1F4D}, {0x1F50,0x1F57}, {0x1F59,0x1F59}, {0x1F5B,0x1F5B},
    {0x1F5D,0x1F5D}, {0x1F5F,0x1F7D}, {0x1F80,0x1FB4}, {0x1FB6,0x1FBC}, {0x1FBE,0x1FBE},
    {0x1FC2,0x1FC4}, {0x1FC6,0x1FCC}, {0x1FD0,0x1FD3}, {0x1FD6,0x1FDB}, {0x1FE0,0x1FEC},
    {0x1FF2,0x1FF4}, {0x1FF6,0x1FFC}, {0x2071,0x2071}, {0x207F,0x207F}, {0x2090,0x209C},
    {0x2102,0x2102}, {0x2107,0x2107}, {0x210A,0x2113}, {0x2115,0x2115}, {0x2119,0x211D},
    {0x2124,0x2124}, {0x2126,0x2126}, {0x2128,0x2128}, {0x212A,0x212D}, {0x212F,0x2134},
    {0x2139,0x2139}, {0x213C,0x213F}, {0x2145,0x2149}, {0x214E,0x214E}, {0x2160,0x217F},
    {0x2183,0x2184}, {0x24B6,0x24E9}, {0x2C00,0x2CE4}, {0x2CEB,0x2CEE}, {0x2CF2,0x2CF3},
    {0x2D00,0x2D25}, {0x2D27,0x2D27}, {0x2D2D,0x2D2D}, {0xA640,0xA66D}, {0xA680,0xA69D},
    {0xA722,0xA787}, {0xA78B,0xA78E}, {0xA790,0xA7CA}, {0xA7D0,0xA7D1}, {0xA7D3,0xA7D3},
    {0xA7D5,0xA7D9}, {0xA7F5,0xA7F6}, {0xA7F8,0xA7FA}, {0xAB30,0xAB5A}, {0xAB5C,0xAB68},
    {0xAB70,0xABBF}, {0xFB00,0xFB06}, {0xFB13,0xFB17}, {0xFF21,0xFF3A}, {0xFF41,0xFF5A},
    {0x10400,0x1044F}, {0x104B0,0x104D3}, {0x104D8,0x104FB}, {0x10570,0x1057A}, {0x1057C,0x1058A},
    {0x1058C,0x10592}, {0x10594,0x10595}, {0x10597,0x105A1}, {0x105A3,0x105B1}, {0x105B3,0x105B9},
    {0x105BB,0x105BC}, {0x10780,0x10780}, {0x10783,0x10785}, {0x10787,0x107B0}, {0x107B2,0x107BA},
    {0x10C80,0x10CB2}, {0x10CC0,0x10CF2}, {0x118A0,0x118DF}, {0x16E40,0x16E7F}, {0x1D400,0x1D454},
    {0x1D456,0x1D49C}, {0x1D49E,0x1D49F}, {0x1D4A2,0x1D4A2}, {0x1D4A5,0x1D4A6}, {0x1D4A9,0x1D4AC},
    {0x1D4AE,0x1D4B9}, {0x1D4BB,0x1D4BB}, {0x1D4BD,0x1D4C3}, {0x1D4C5,0x1D505}, {0x1D507,0x1D50A},
    {0x1D50D,0x1D514}, {0x1D516,0x1D51C}, {0x1D51E,0x1D539}, {0x1D53B,0x1D53E}, {0x1D540,0x1D544},
    {0x1D546,0x1D546}, {0x1D54A,0x1D550}, {0x1D552,0x1D6A5}, {0x1D6A8,0x1D6C0}, {0x1D6C2,0x1D6DA},
    {0x1D6DC,0x1D6FA}, {0x1D6FC,0x1D714}, {0x1D716,0x1D734}, {0x1D736,0x1D74E}, {0x1D750,0x1D76E},
    {0x1D770,0x1D788}, {0x1D78A,0x1D7A8}, {0x1D7AA,0x1D7C2}, {0x1D7C4,0x1D7CB}, {0x1DF00,0x1DF09},
    {0x1DF0B,0x1DF1E}, {0x1E900,0x1E943}, {0x1F130,0x1F149}, {0x1F150,0x1F169}, {0x1F170,0x1F189},
};

const CpRange kCaseIgnorable[] = {
    {0x27,0x27}, {0x2E,0x2E}, {0x3A,0x3A}, {0x5E,0x5E}, {0x60,0x60}, {0xA8,0xA8}, {0xAD,0xAD},
    {0xAF,0xAF}, {0xB4,0xB4}, {0xB7,0xB8}, {0x2B9,0x2BF}, {0x2C2,0x2DF}, {0x2E5,0x344},
    {0x346,0x36F}, {0x374,0x375}, {0x384,0x385}, {0x387,0x387}, {0x483,0x489}, {0x559,0x559},
    {0x55F,0x55F}, {0x591,0x5BD}, {0x5BF,0x5BF}, {0x5C1,0x5C2}, {0x5C4,0x5C5}, {0x5C7,0x5C7},
    {0x5F4,0x5F4}, {0x600,0x605}, {0x610,0x61A}, {0x61C,0x61C}, {0x640,0x640}, {0x64B,0x65F},
    {0x670,0x670}, {0x6D6,0x6DD}, {0x6DF,0x6E8}, {0x6EA,0x6ED}, {0x70F,0x70F}, {0x711,0x711},
    {0x730,0x74A}, {0x7A6,0x7B0}, {0x7EB,0x7F5}, {0x7FA,0x7FA}, {0x7FD,0x7FD}, {0x816,0x82D},
    {0x859,0x85B}, {0x888,0x888}, {0x890,0x891}, {0x898,0x89F}, {0x8C9,0x902}, {0x93A,0x93A},
    {0x93C,0x93C}, {0x941,0x948}, {0x94D,0x94D}, {0x951,0x957}, {0x962,0x963}, {0x971,0x971},
    {0x981,0x981}, {0x9BC,0x9BC}, {0x9C1,0x9C4}, {0x9CD,0x9CD}, {0x9E2,0x9E3}, {0x9FE,0x9FE},
    {0xA01,0xA02}, {0xA3C,0xA3C}, {0xA41,0xA42}, {0xA47,0xA48}, {0xA4B,0xA4D}, {0xA51,0xA51},
    {0xA70,0xA71}, {0xA75,0xA75}, {0xA81,0xA82}, {0xABC,0xABC}, {0xAC1,0xAC5}, {0xAC7,0xAC8},
    {0xACD,0xACD}, {0xAE2,0xAE3}, {0xAFA,0xAFF}, {0xB01,0xB01}, {0xB3C,0xB3C}, {0xB3F,0xB3F},
    {0xB41,0xB44}, {0xB4D,0xB4D}, {0xB55,0xB56}, {0xB62,0xB63}, {0xB82,0xB82}, {0xBC0,0xBC0},
    {0xBCD,0xBCD}, {0xC00,0xC00}, {0xC04,0xC04}, {0xC3C,0xC3C}, {0xC3E,0xC40}, {0xC46,0xC48},
    {0xC4A,0xC4D}, {0xC55,0xC56}, {0xC62,0xC63}, {0xC81,0xC81}, {0xCBC,0xCBC}, {0xCBF,0xCBF},
    {0xCC6,0xCC6}, {0xCCC,0xCCD}, {0xCE2,0xCE3}, {0xD00,0xD01}, {0xD3B,0xD3C}, {0xD41,0xD44},
    {0xD4D,0xD4D}, {0xD62,0xD63}, {0xD81,0xD81}, {0xDCA,0xDCA}, {0xDD2,0xDD4}, {0xDD6,0xDD6},
    {0xE31,0xE31}, {0xE34,0xE3A}, {0xE46,0xE4E}, {0xEB1,0xEB1}, {0xEB4,0xEBC}, {0xEC6,0xEC6},
    {0xEC8,0xECD}, {0xF18,0xF19}, {0xF35,0xF35}, {0xF37,0xF37}, {0xF39,0xF39}, {0xF71,0xF7E},
    {0xF80,0xF84}, {0xF86,0xF87}, {0xF8D,0xF97}, {0xF99,0xFBC}, {0xFC6,0xFC6}, {0x102D,0x1030},
    {0x1032,0x1037}, {0x1039,0x103A}, {0x103D,0x103E}, {0x1058,0x1059}, {0x105E,0x1060},
    {0x1071,0x1074}, {0x1082,0x1082}, {0x1085,0x1086}, {0x108D,0x108D}, {0x109D,0x109D},
    {0x10FC,0x10FC}, {0x135D,0x135F}, {0x1712,0x1714}, {0x1732,0x1733}, {0x1752,0x1753},
    {0x1772,0x1773}, {0x17B4,0x17B5}, {0x17B7,0x17BD}, {0x17C6,0x17C6}, {0x17C9,0x17D3},
    {0x17D7,0x17D7}, {0x17DD,0x17DD}, {0x180B,0x180F}, {0x1843,0x1843}, {0x1885,0x1886},
    {0x18A9,0x18A9}, {0x1920,0x1922}, {0x1927,0x1928}, {0x1932,0x1932}, {0x1939,0x193B},
    {0x1A17,0x1A18}, {0x1A1B,0x1A1B}, {0x1A56,0x1A56}, {0x1A58,0x1A5E}, {0x1A60,0x1A60},
    {0x1A62,0x1A62}, {0x1A65,0x1A6C}, {0x1A73,0x1A7C}, {0x1A7F,0x1A7F}, {0x1AA7,0x1AA7},
    {0x1AB0,0x1ACE}, {0x1B00,0x1B03}, {0x1B34,0x1B34}, {0x1B36,0x1B3A}, {0x1B3C,0x1B3C},
    {0x1B42,0x1B42}, {0x1B6B,0x1B73}, {0x1B80,0x1B81}, {0x1BA2,0x1BA5}, {0x1BA8,0x1BA9},
    {0x1BAB,0x1BAD}, {0x1BE6,0x1BE6}, {0x1BE8,0x1BE9}, {0x1BED,0x1BED}, {0x1BEF,0x1BF1},
    {0x1C2C,0x1C33}, {0x1C36,0x1C37}, {0x1C78,0x1C7D}, {0x1CD0,0x1CD2}, {0x1CD4,0x1CE0},
    {0x1CE2,0x1CE8}, {0x1CED,0x1CED}, {0x1CF4,0x1CF4}, {0x1CF8,0x1CF9}, {0x1DC0,0x1DFF},
    {0x1FBD,0x1FBD}, {0x1FBF,0x1FC1}, {0x1FCD,0x1FCF}, {0x1FDD,0x1FDF}, {0x1FED,0x1FEF},
    {0x1FFD,0x1FFE}, {0x200B,0x200F}, {0x2018,0x2019}, {0x2024,0x2024}, {0x2027,0x2027},
    {0x202A,0x202E}, {0x2060,0x2064}, {0x2066,0x206F}, {0x20D0,0x20F0}, {0x2CEF,0x2CF1},
    {0x2D6F,0x2D6F}, {0x2D7F,0x2D7F}, {0x2DE0,0x2DFF}, {0x2E2F,0x2E2F}, {0x3005,0x3005},
    {0x302A,0x302D}, {0x3031,0x3035}, {0x303B,0x303B}, {0x3099,0x309E}, {0x30FC,0x30FE},
    {0xA015,0xA015}, {0xA4F8,0xA4FD}, {0xA60C,0xA60C}, {0xA66F,0xA672}, {0xA674,0xA67D},
    {0xA67F,0xA67F}, {0xA69E,0xA69F}, {0xA6F0,0xA6F1}, {0xA700,0xA721}, {0xA788,0xA78A},
    {0xA7F2,0xA7F4}, {0xA802,0xA802}, {0xA806,0xA806}, {0xA80B,0xA80B}, {0xA825,0xA826},
    {0xA82C,0xA82C}, {0xA8C4,0xA8C5}, {0xA8E0,0xA8F1}, {0xA8FF,0xA8FF}, {0xA926,0xA92D},
    {0xA947,0xA951}, {0xA980,0xA982}, {0xA9B3,0xA9B3}, {0xA9B6,0xA9B9}, {0xA9BC,0xA9BD},
    {0xA9CF,0xA9CF}, {0xA9E5,0xA9E6}, {0xAA29,0xAA2E}, {0xAA31,0xAA32}, {0xAA35,0xAA36},
    {0xAA43,0xAA43}, {0xAA4C,0xAA4C}, {0xAA70,0xAA70}, {0xAA7C,0xAA7C}, {0xAAB0,0xAAB0},
    {0xAAB2,0xAAB4}, {0xAAB7,0xAAB8}, {0xAABE,0xAABF}, {0xAAC1,0xAAC1}, {0xAADD,0xAADD},
    {0xAAEC,0xAAED}, {0xAAF3,0xAAF4}, {0xAAF6,0xAAF6}, {0xAB5B,0xAB5B}, {0xAB69,0xAB6B},
    {0xABE5,0xABE5}, {0xABE8,0xABE8}, {0xABED,0xABED}, {0xFB1E,0xFB1E}, {0xFBB2,0xFBC2},
    {0xFE00,0xFE0F}, {0xFE13,0xFE13}, {0xFE20,0xFE2F}, {0xFE52,0xFE52}, {0xFE55,0xFE55},
    {0xFEFF,0xFEFF}, {0xFF07,0xFF07}, {0xFF0E,0xFF0E}, {0xFF1A,0xFF1A}, {0xFF3E,0xFF3E},
    {0xFF40,0xFF40}, {0xFF70,0xFF70}, {0xFF9E,0xFF9F}, {0xFFE3,0xFFE3}, {0xFFF9,0xFFFB},
    {0x101FD,0x101FD}, {0x102E0,0x102E0}, {0x10376,0x1037A}, {0x10781,0x10782}, {0x10A01,0x10A03},
    {0x10A05,0x10A06}, {0x10A0C,0x10A0F}, {0x10A38,0x10A3A}, {0x10A3F,0x10A3F}, {0x10AE5,0x10AE6},
    {0x10D24,0x10D27}, {0x10EAB,0x10EAC}, {0x10F46,0x10F50}, {0x10F82,0x10F85}, {0x11001,0x11001},
    {0x11038,0x11046}, {0x11070,0x11070}, {0x11073,0x11074}, {0x1107F,0x11081}, {0x110B3,0x110B6},
    {0x110B9,0x110BA}, {0x110BD,0x110BD}, {0x110C2,0x110C2}, {0x110CD,0x110CD}, {0x11100,0x11102},
    {0x11127,0x1112B}, {0x1112D,0x11134}, {0x11173,0x11173}, {0x11180,0x11181}, {0x111B6,0x111BE},
    {0x111C9,0x111CC}, {0x111CF,0x111CF}, {0x1122F,0x11231}, {0x11234,0x11234}, {0x11236,0x11237},
    {0x1123E,0x1123E}, {0x112DF,0x112DF}, {0x112E3,0x112EA}, {0x11300,0x11301}, {0x1133B,0x1133C},
    {0x11340,0x11340}, {0x11366,0x1136C}, {0x11370,0x11374}, {0x11438,0x1143F}, {0x11442,0x11444},
    {0x11446,0x11446}, {0x1145E,0x1145E}, {0x114B3,0x114B8}, {0x114BA,0x114BA}, {0x114BF,0x114C0},
    {0x114C2,0x114C3}, {0x115B2,0x115B5}, {0x115BC,0x115BD}, {0x115BF,0x115C0}, {0x115DC,0x115DD},
    {0x11633,0x1163A}, {0x1163D,0x1163D}, {0x1163F,0x11640}, {0x116AB,0x116AB}, {0x116AD,0x116AD},
    {0x116B0,0x116B5}, {0x116B7,0x116B7}, {0x1171D,0x1171F}, {0x11722,0x11725}, {0x11727,0x1172B},
    {0x1182F,0x11837}, {0x11839,0x1183A}, {0x1193B,0x1193C}, {0x1193E,0x1193E}, {0x11943,0x11943},
    {0x119D4,0x119D7}, {0x119DA,0x119DB}, {0x119E0,0x119E0}, {0x11A01,0x11A0A}, {0x11A33,0x11A38},
    {0x11A3B,0x11A3E}, {0x11A47,0x11A47}, {0x11A51,0x11A56}, {0x11A59,0x11A5B}, {0x11A8A,0x11A96},
    {0x11A98,0x11A99}, {0x11C30,0x11C36}, {0x11C38,0x11C3D}, {0x11C3F,0x11C3F}, {0x11C92,0x11CA7},
    {0x11CAA,0x11CB0}, {0x11CB2,0x11CB3}, {0x11CB5,0x11CB6}, {0x11D31,0x11D36}, {0x11D3A,0x11D3A},
    {0x11D3C,0x11D3D}, {0x11D3F,0x11D45}, {0x11D47,0x11D47}, {0x11D90,0x11D91}, {0x11D95,0x11D95},
    {0x11D97,0x11D97}, {0x11EF3,0x11EF4}, {0x13430,0x13438}, {0x16AF0,0x16AF4}, {0x16B30,0x16B36},
    {0x16B40,0x16B43}, {0x16F4F,0x16F4F}, {0x16F8F,0x16F9F}, {0x16FE0,0x16FE1}, {0x16FE3,0x16FE4},
    {0x1AFF0,0x1AFF3}, {0x1AFF5,0x1AFFB}, {0x1AFFD,0x1AFFE}, {0x1BC9D,0x1BC9E}, {0x1BCA0,0x1BCA3},
    {0x1CF00,0x1CF2D}, {0x1CF30,0x1CF46}, {0x1D167,0x1D169}, {0x1D173,0x1D182}, {0x1D185,0x1D18B},
    {0x1D1AA,0x1D1AD}, {0x1D242,0x1D244}, {0x1DA00,0x1DA36}, {0x1DA3B,0x1DA6C}, {0x1DA75,0x1DA75},
    {0x1DA84,0x1DA84}, {0x1DA9B,0x1DA9F}, {0x1DAA1,0x1DAAF}, {0x1E000,0x1E006}, {0x1E008,0x1E018},
    {0x1E01B,0x1E021}, {0x1E023,0x1E024}, {0x1E026,0x1E02A}, {0x1E130,0x1E13D}, {0x1E2AE,0x1E2AE},
    {0x1E2EC,0x1E2EF}, {0x1E8D0,0x1E8D6}, {0x1E944,0x1E94B}, {0x1F3FB,0x1F3FF}, {0xE0001,0xE0001},
    {0xE0020,0xE007F}, {0xE0100,0xE01EF},
};

const CaseRun kLowerRuns[] = {
    {0x41,0x5A,1,32}, {0xC0,0xD6,1,32}, {0xD8,0xDE,1,32}, {0x100,0x12E,2,1}, {0x132,0x136,2,1},
    {0x139,0x147,2,1}, {0x14A,0x176,2,1}, {0x178,0x178,1,-121}, {0x179,0x17D,2,1},
    {0x181,0x181,1,210}, {0x182,0x184,2,1}, {0x186,0x186,1,206}, {0x187,0x187,1,1},
    {0x189,0x18A,1,205}, {0x18B,0x18B,1,1}, {0x18E,0x18E,1,79}, {0x18F,0x18F,1,202},
    {0x190,0x190,1,203}, {0x191,0x191,1,1}, {0x193,0x193,1,205}, {0x194,0x194,1,207},
    {0x196,0x196,1,211}, {0x197,0x197,1,209}, {0x198,0x198,1,1}, {0x19C,0x19C,1,211},
    {0x19D,0x19D,1,213}, {0x19F,0x19F,1,214}, {0x1A0,0x1A4,2,1}, {0x1A6,0x1A6,1,218},
    {0x1A7,0x1A7,1,1}, {0x1A9,0x1A9,1,218}, {0x1AC,0x1AC,1,1}, {0x1AE,0x1AE,1,218},
    {0x1AF,0x1AF,1,1}, {0x1B1,0x1B2,1,217}, {0x1B3,0x1B5,2,1}, {0x1B7,0x1B7,1,219},
    {0x1B8,0x1B8,1,1}, {0x1BC,0x1BC,1,1}, {0x1C4,0x1C4,1,2}, {0x1C5,0x1C5,1,1}, {0x1C7,0x1C7,1,2},
    {0x1C8,0x1C8,1,1}, {0x1CA,0x1CA,1,2}, {0x1CB,0x1DB,2,1}, {0x1DE,0x1EE,2,1}, {0x1F1,0x1F1,1,2},
    {0x1F2,0x1F4,2,1}, {0x1F6,0x1F6,1,-97}, {0x1F7,0x1F7,1,-56}, {0x1F8,0x21E,2,1},
    {0x220,0x220,1,-130}, {0x222,0x232,2,1}, {0x23A,0x23A,1,10795}, {0x23B,0x23B,1,1},
    {0x23D,0x23D,1,-163}, {0x23E,0x23E,1,10792}, {0x241,0x241,1,1}, {0x243,0x243,1,-195},
    {0x244,0x244,1,69}, {0x245,0x245,1,71}, {0x246,0x24E,2,1}, {0x370,0x372,2,1},
    {0x376,0x376,1,1}, {0x37F,0x37F,1,116}, {0x386,0x386,1,38}, {0x388,0x38A,1,37},
    {0x38C,0x38C,1,64}, {0x38E,0x38F,1,63}, {0x391,0x3A1,1,32}, {0x3A3,0x3AB,1,32},
    {0x3CF,0x3CF,1,8}, {0x3D8,0x3EE,2,1}, {0x3F4,0x3F4,1,-60}, {0x3F7,0x3F7,1,1},
    {0x3F9,0x3F9,1,-7}, {0x3FA,0x3FA,1,1}, {0x3FD,0x3FF,1,-130}, {0x400,0x40F,1,80},
    {0x410,0x42F,1,32}, {0x460,0x480,2,1}, {0x48A,0x4BE,2,1}, {0x4C0,0x4C0,1,15},
    {0x4C1,0x4CD,2,1}, {0x4D0,0x52E,2,1}, {0x531,0x556,1,48}, {0x10A0,0x10C5,1,7264},
    {0x10C7,0x10C7,1,7264}, {0x10CD,0x10CD,1,7264}, {0x13A0,0x13EF,1,38864}, {0x13F0,0x13F5,1,8},
    {0x1C90,0x1CBA,1,-3008}, {0x1CBD,0x1CBF,1,-3008}, {0x1E00,0x1E94,2,1},
    {0x1E9E,0x1E9E,1,-7615}, {0x1EA0,0x1EFE,2,1}, {0x1F08,0x1F0F,1,-8}, {0x1F18,0x1F1D,1,-8},
    {0x1F28,0x1F2F,1,-8}, {0x1F38,0x1F3F,1,-8}, {0x1F48,0x1F4D,1,-8}, {0x1F59,0x1F5F,2,-8},
    {0x1F68,0x1F6F,1,-8}, {0x1F88,0x1F8F,1,-8}, {0x1F98,0x1F9F,1,-8}, {0x1FA8,0x1FAF,1,-8},
    {0x1FB8,0x1FB9,1,-8}, {0x1FBA,0x1FBB,1,-74}, {0x1FBC,0x1FBC,1,-9}, {0x1FC8,0x1FCB,1,-86},
    {0x1FCC,0x1FCC,1,-9}, {0x1FD8,0x1FD9,1,-8}, {0x1FDA,0x1FDB,1,-100}, {0x1FE8,0x1FE9,1,-8},
    {0x1FEA,0x1FEB,1,-112}, {0x1FEC,0x1FEC,1,-7}, {0x1FF8,0x1FF9,1,-128}, {0x1FFA,0x1FFB,1,-126},
    {0x1FFC,0x1FFC,1,-9}, {0x2126,0x2126,1,-7517}, {0x212A,0x212A,1,-8383},
    {0x212B,0x212B,1,-8262}, {0x2132,0x2132,1,28}, {0x2160,0x216F,1,16}, {0x2183,0x2183,1,1},
    {0x24B6,0x24CF,1,26}, {0x2C00,0x2C2F,1,48}, {0x2C60,0x2C60,1,1}, {0x2C62,0x2C62,1,-10743},
    {0x2C63,0x2C63,1,-3814}, {0x2C64,0x2C64,1,-10727}, {0x2C67,0x2C6B,2,1},
    {0x2C6D,0x2C6D,1,-10780}, {0x2C6E,0x2C6E,1,-10749}, {0x2C6F,0x2C6F,1,-10783},
    {0x2C70,0x2C70,1,-10782}, {0x2C72,0x2C72,1,1}, {0x2C75,0x2C75,1,1}, {0x2C7E,0x2C7F,1,-10815},
    {0x2C80,0x2CE2,2,1}, {0x2CEB,0x2CED,2,1}, {0x2CF2,0x2CF2,1,1}, {0xA640,0xA66C,2,1},
    {0xA680,0xA69A,2,1}, {0xA722,0xA72E,2,1}, {0xA732,0xA76E,2,1}, {0xA779,0xA77B,2,1},
    {0xA77D,0xA77D,1,-35332}, {0xA77E,0xA786,2,1}, {0xA78B,0xA78B,1,1}, {0xA78D,0xA78D,1,-42280},
    {0xA790,0xA792,2,1}, {0xA796,0xA7A8,2,1}, {0xA7AA,0xA7AA,1,-42308}, {0xA7AB,0xA7AB,1,-42319},
    {0xA7AC,0xA7AC,1,-42315}, {0xA7AD,0xA7AD,1,-42305}, {0xA7AE,0xA7AE,1,-42308},
    {0xA7B0,0xA7B0,1,-42258}, {0xA7B1,0xA7B1,1,-42282}, {0xA7B2,0xA7B2,1,-42261},
    {0xA7B3,0xA7B3,1,928}, {0xA7B4,0xA7C2,2,1}, {0xA7C4,0xA7C4,1,-48}, {0xA7C5,0xA7C5,1,-42307},
    {0xA7C6,0xA7C6,1,-35384}, {0xA7C7,0xA7C9,2,1}, {0xA7D0,0xA7D0,1,1}, {0xA7D6,0xA7D8,2,1},
    {0xA7F5,0xA7F5,1,1}, {0xFF21,0xFF3A,1,32}, {0x10400,0x10427,1,40}, {0x104B0,0x104D3,1,40},
    {0x10570,0x1057A,1,39}, {0x1057C,0x1058A,1,39}, {0x1058C,0x10592,1,39},
    {0x10594,0x10595,1,39}, {0x10C80,0x10CB2,1,64}, {0x118A0,0x118BF,1,32},
    {0x16E40,0x16E5F,1,32}, {0x1E900,0x1E921,1,34},
};
const CaseSpecial kLowerSpecial[] = {
    {0x130, {0x69, 0x307}},
};

const CaseRun kUpperRuns[] = {
    {0x61,0x7A,1,-32}, {0xB5,0xB5,1,743}, {0xE0,0xF6,1,-32}, {0xF8,0xFE,1,-32}, {0xFF,0xFF,1,121},
    {0x101,0x12F,2,-1}, {0x131,0x131,1,-232}, {0x133,0x137,2,-1}, {0x13A,0x148,2,-1},
    {0x14B,0x177,2,-1}, {0x17A,0x17E,2,-1}, {0x17F,0x17F,1,-300}, {0x180,0x180,1,195},
    {0x183,0x185,2,-1}, {0x188,0x188,1,-1}, {0x18C,0x18C,1,-1}, {0x192,0x192,1,-1},
    {0x195,0x195,1,97}, {0x199,0x199,1,-1}, {0x19A,0x19A,1,163}, {0x19E,0x19E,1,130},
    {0x1A1,0x1A5,2,-1}, {0x1A8,0x1A8,1,-1}, {0x1AD,0x1AD,1,-1}, {0x1B0,0x1B0,1,-1},
    {0x1B4,0x1B6,2,-1}, {0x1B9,0x1B9,1,-1}, {0x1BD,0x1BD,1,-1}, {0x1BF,0x1BF,1,56},
    {0x1C5,0x1C5,1,-1}, {0x1C6,0x1C6,1,-2}, {0x1C8,0x1C8,1,-1}, {0x1C9,0x1C9,1,-2},
    {0x1CB,0x1CB,1,-1}, {0x1CC,0x1CC,1,-2}, {0x1CE,0x1DC,2,-1}, {0x1DD,0x1DD,1,-79},
    {0x1DF,0x1EF,2,-1}, {0x1F2,0x1F2,1,-1}, {0x1F3,0x1F3,1,-2}, {0x1F5,0x1F5,1,-1},
    {0x1F9,0x21F,2,-1}, {0x223,0x233,2,-1}, {0x23C,0x23C,1,-1}, {0x23F,0x240,1,10815},
    {0x242,0x242,1,-1}, {0x247,0x24F,2,-1}, {0x250,0x250,1,10783}, {0x251,0x251,1,10780},
    {0x252,0x252,1,10782}, {0x253,0x253,1,-210}, {0x254,0x254,1,-206}, {0x256,0x257,1,-205},
    {0x259,0x259,1,-202}, {0x25B,0x25B,1,-203}, {0x25C,0x25C,1,42319}, {0x260,0x260,1,-205},
    {0x261,0x261,1,42315}, {0x263,0x263,1,-207}, {0x265,0x265,1,42280}, {0x266,0x266,1,42308},
    {0x268,0x268,1,-209}, {0x269,0x269,1,-211}, {0x26A,0x26A,1,42308}, {0x26B,0x26B,1,10743},
    {0x26C,0x26C,1,42305}, {0x26F,0x26F,1,-211}, {0x271,0x271,1,10749}, {0x272,0x272,1,-213},
    {0x275,0x275,1,-214}, {0x27D,0x27D,1,10727}, {0x280,0x280,1,-218}, {0x282,0x282,1,42307},
    {0x283,0x283,1,-218}, {0x287,0x287,1,42282}, {0x288,0x288,1,-218}, {0x289,0x289,1,-69},
    {0x28A,0x28B,1,-217}, {0x28C,0x28C,1,-71}, {0x292,0x292,1,-219}, {0x29D,0x29D,1,42261},
    {0x29E,0x29E,1,42258}, {0x345,0x345,1,84}, {0x371,0x373,2,-1}, {0x377,0x377,1,-1},
    {0x37B,0x37D,1,130}, {0x3AC,0x3AC,1,-38}, {0x3AD,0x3AF,1,-37}, {0x3B1,0x3C1,1,-32},
    {0x3C2,0x3C2,1,-31}, {0x3C3,0x3CB,1,-32}, {0x3CC,0x3CC,1,-64}, {0x3CD,0x3CE,1,-63},
    {0x3D0,0x3D0,1,-62}, {0x3D1,0x3D1,1,-57}, {0x3D5,0x3D5,1,-47}, {0x3D6,0x3D6,1,-54},
    {0x3D7,0x3D7,1,-8}, {0x3D9,0x3EF,2,-1}, {0x3F0,0x3F0,1,-86}, {0x3F1,0x3F1,1,-80},
    {0x3F2,0x3F2,1,7}, {0x3F3,0x3F3,1,-116}, {0x3F5,0x3F5,1,-96}, {0x3F8,0x3F8,1,-1},
    {0x3FB,0x3FB,1,-1}, {0x430,0x44F,1,-32}, {0x450,0x45F,1,-80}, {0x461,0x481,2,-1},
    {0x48B,0x4BF,2,-1}, {0x4C2,0x4CE,2,-1}, {0x4CF,0x4CF,1,-15}, {0x4D1,0x52F,2,-1},
    {0x561,0x586,1,-48}, {0x10D0,0x10FA,1,3008}, {0x10FD,0x10FF,1,3008}, {0x13F8,0x13FD,1,-8},
    {0x1C80,0x1C80,1,-6254}, {0x1C81,0x1C81,1,-6253}, {0x1C82,0x1C82,1,-6244},
    {0x1C83,0x1C84,1,-6242}, {0x1C85,0x1C85,1,-6243}, {0x1C86,0x1C86,1,-6236},
    {0x1C87,0x1C87,1,-6181}, {0x1C88,0x1C88,1,35266}, {0x1D79,0x1D79,1,35332},
    {0x1D7D,0x1D7D,1,3814}, {0x1D8E,0x1D8E,1,35384}, {0x1E01,0x1E95,2,-1}, {0x1E9B,0x1E9B,1,-59},
    {0x1EA1,0x1EFF,2,-1}, {0x1F00,0x1F07,1,8}, {0x1F10,0x1F15,1,8}, {0x1F20,0x1F27,1,8},
    {0x1F30,0x1F37,1,8}, {0x1F40,0x1F45,1,8}, {0x1F51,0x1F57,2,8}, {0x1F60,0x1F67,1,8},
    {0x1F70,0x1F71,1,74}, {0x1F72,0x1F75,1,86}, {0x1F76,0x1F77,1,100}, {0x1F78,0x1F79,1,128},
    {0x1F7A,0x1F7B,1,112}, {0x1F7C,0x1F7D,1,126}, {0x1FB0,0x1FB1,1,8}, {0x1FBE,0x1FBE,1,-7205},
    {0x1FD0,0x1FD1,1,8}, {0x1FE0,0x1FE1,1,8}, {0x1FE5,0x1FE5,1,7}, {0x214E,0x214E,1,-28},
    {0x2170,0x217F,1,-16}, {0x2184,0x2184,1,-1}, {0x24D0,0x24E9,1,-26}, {0x2C30,0x2C5F,1,-48},
    {0x2C61,0x2C61,1,-1}, {0x2C65,0x2C65,1,-10795}, {0x2C66,0x2C66,1,-10792},
    {0x2C68,0x2C6C,2,-1}, {0x2C73,0x2C73,1,-1}, {0x2C76,0x2C76,1,-1}, {0x2C81,0x2CE3,2,-1},
    {0x2CEC,0x2CEE,2,-1}, {0x2CF3,0x2CF3,1,-1}, {0x2D00,0x2D25,1,-7264}, {0x2D27,0x2D27,1,-7264},
    {0x2D2D,0x2D2D,1,-7264}, {0xA641,0xA66D,2,-1}, {0xA681,0xA69B,2,-1}, {0xA723,0xA72F,2,-1},
    {0xA733,0xA76F,2,-1}, {0xA77A,0xA77C,2,-1}, {0xA77F,0xA787,2,-1}, {0xA78C,0xA78C,1,-1},
    {0xA791,0xA793,2,-1}, {0xA794,0xA794,1,48}, {0xA797,0xA7A9,2,-1}, {0xA7B5,0xA7C3,2,-1},
    {0xA7C8,0xA7CA,2,-1}, {0xA7D1,0xA7D1,1,-1}, {0xA7D7,0xA7D9,2,-1}, {0xA7F6,0xA7F6,1,-1},
    {0xAB53,0xAB53,1,-928}, {0xAB70,0xABBF,1,-38864}, {0xFF41,0xFF5A,1,-32},
    {0x10428,0x1044F,1,-40}, {0x104D8,0x104FB,1,-40}, {0x10597,0x105A1,1,-39},
    {0x105A3,0x105B1,1,-39}, {0x105B3,0x105B9,1,-39}, {0x105BB,0x105BC,1,-39},
    {0x10CC0,0x10CF2,1,-64}, {0x118C0,0x118DF,1,-32}, {0x16E60,0x16E7F,1,-32},
    {0x1E922,0x1E943,1,-34},
};
const CaseSpecial kUpperSpecial[] = {
    {0xDF, {0x53, 0x53}},
    {0x149, {0x2BC, 0x4E}},
    {0x1F0, {0x4A, 0x30C}},
    {0x390, {0x399, 0x308, 0x301}},
    {0x3B0, {0x3A5, 0x308, 0x301}},
    {0x587, {0x535, 0x552}},
    {0x1E96, {0x48, 0x331}},
    {0x1E97, {0x54, 0x308}},
    {0x1E98, {0x57, 0x30A}},
    {0x1E99, {0x59, 0x30A}},
    {0x1E9A, {0x41, 0x2BE}},
    {0x1F50, {0x3A5, 0x313}},
    {0x1F52, {0x3A5, 0x313, 0x300}},
    {0x1F54, {0x3A5, 0x313, 0x301}},
    {0x1F56, {0x3A5, 0x313, 0x342}},
    {0x1F80, {0x1F08, 0x399}},
    {0x1F81, {0x1F09, 0x399}},
    {0x1F82, {0x1F0A, 0x399}},
    {0x1F83, {0x1F0B, 0x399}},
    {0x1F84, {0x1F0C, 0x399}},
    {0x1F85, {0x1F0D, 0x399}},
    {0x1F86, {0x1F0E, 0x399}},
    {0x1F87, {0x1F0F, 0x399}},
    {0x1F88, {0x1F08, 0x399}},
    {0x1F89, {0x1F09, 0x399}},
    {0x1F8A, {0x1F0A, 0x399}},
    {0x1F8B, {0x1F0B, 0x399}},
    {0x1F8C, {0x1F0C, 0x399}},
    {0x1F8D, {0x1F0D, 0x399}},
    {0x1F8E, {0x1F0E, 0x399}},
    {0x1F8F, {0x1F0F, 0x399}},
    {0x1F90, {0x1F28, 0x399}},
    {0x1F91, {0x1F29, 0x399}},
    {0x1F92, {0x1F2A, 0x399}},
    {0x1F93, {0x1F2B, 0x399}},
    {0x1F94, {0x1F2C, 0x399}},
    {0x1F95, {0x1F2D, 0x399}},
    {0x1F96, {0x1F2E, 0x399}},
    {0x1F97, {0x1F2F, 0x399}},
    {0x1F98, {0x1F28, 0x399}},
    {0x1F99, {0x1F29, 0x399}},
    {0x1F9A, {0x1F2A, 0x399}},
    {0x1F9B, {0x1F2B, 0x399}},
    {0x1F9C, {0x1F2C, 0x399}},
    {0x1F9D, {0x1F2D, 0x399}},
    {0x1F9E, {0x1F2E, 0x399}},
    {0x1F9F, {0x1F2F, 0x399}},
    {0x1FA0, {0x1F68, 0x399}},
    {0x1FA1, {0x1F69, 0x399}},
    {0x1FA2, {0x1F6A, 0x399}},
    {0x1FA3, {0x1F6B, 0x399}},
    {0x1FA4, {0x1F6C, 0x399}},
    {0x1FA5, {0x1F6D, 0x399}},
    {0x1FA6, {0x1F6E, 0x399}},
    {0x1FA7, {0x1F6F, 0x399}},
    {0x1FA8, {0x1F68, 0x399}},
    {0x1FA9, {0x1F69, 0x399}},
    {0x1FAA, {0x1F6A, 0x399}},
    {0x1FAB, {0x1F6B, 0x399}},
    {0x1FAC, {0x1F6C, 0x399}},
    {0x1FAD, {0x1F6D, 0x399}},
    {0x1FAE, {0x1F6E, 0x399}},
    {0x1FAF, {0x1F6F, 0x399}},
    {0x1FB2, {0x1FBA, 0x399}},
    {0x1FB3, {0x391, 0x399}},
    {0x1FB4, {0x386, 0x399}},
    {0x1FB6, {0x391, 0x342}},
    {0x1FB7, {0x391, 0x342, 0x399}},
    {0x1FBC, {0x391, 0x399}},
    {0x1FC2, {0x1FCA, 0x399}},
    {0x1FC3, {0x397, 0x399}},
    {0x1FC4, {0x389, 0x399}},
    {0x1FC6, {0x397, 0x342}},
    {0x1FC7, {0x397, 0x342, 0x399}},
    {0x1FCC, {0x397, 0x399}},
    {0x1FD2, {0x399, 0x308, 0x300}},
    {0x1FD3, {0x399, 0x308, 0x301}},
    {0x1FD6, {0x399, 0x342}},
    {0x1FD7, {0x399, 0x308, 0x342}},
    {0x1FE2, {0x3A5, 0x308, 0x300}},
    {0x1FE3, {0x3A5, 0x308, 0x301}},
    {0x1FE4, {0x3A1, 0x313}},
    {0x1FE6, {0x3A5, 0x342}},
    {0x1FE7, {0x3A5, 0x308, 0x342}},
    {0x1FF2, {0x1FFA, 0x399}},
    {0x1FF3, {0x3A9, 0x399}},
    {0x1FF4, {0x38F, 0x399}},
    {0x1FF6, {0x3A9, 0x342}},
    {0x1FF7, {0x3A9, 0x342, 0x399}},
    {0x1FFC, {0x3A9, 0x399}},
    {0xFB00, {0x46, 0x46}},
    {0xFB01, {0x46, 0x49}},
    {0xFB02, {0x46, 0x4C}},
    {0xFB03, {0x46, 0x46, 0x49}},
    {0xFB04, {0x46, 0x46, 0x4C}},
    {0xFB05, {0x53, 0x54}},
    {0xFB06, {0x53, 0x54}},
    {0xFB13, {0x544, 0x546}},
    {0xFB14, {0x544, 0x535}},
    {0xFB15, {0x544, 0x53B}},
    {0xFB16, {0x54E, 0x546}},
    {0xFB17, {0x544, 0x53D}},
};

const CaseRun kTitleRuns[] = {
    {0x61,0x7A,1,-32}, {0xB5,0xB5,1,743}, {0xE0,0xF6,1,-32}, {0xF8,0xFE,1,-32}, {0xFF,0xFF,1,121},
    {0x101,0x12F,2,-1}, {0x131,0x131,1,-232}, {0x133,0x137,2,-1}, {0x13A,0x148,2,-1},
    {0x14B,0x177,2,-1}, {0x17A,0x17E,2,-1}, {0x17F,0x17F,1,-300}, {0x180,0x180,1,195},
    {0x183,0x185,2,-1}, {0x188,0x188,1,-1}, {0x18C,0x18C,1,-1}, {0x192,0x192,1,-1},
    {0x195,0x195,1,97}, {0x199,0x199,1,-1}, {0x19A,0x19A,1,163}, {0x19E,0x19E,1,130},
    {0x1A1,0x1A5,2,-1}, {0x1A8,0x1A8,1,-1}, {0x1AD,0x1AD,1,-1}, {0x1B0,0x1B0,1,-1},
    {0x1B4,0x1B6,2,-1}, {0x1B9,0x1B9,1,-1}, {0x1BD,0x1BD,1,-1}, {0x1BF,0x1BF,1,56},
    {0x1C4,0x1C4,1,1}, {0x1C6,0x1C6,1,-1}, {0x1C7,0x1C7,1,1}, {0x1C9,0x1C9,1,-1},
    {0x1CA,0x1CA,1,1}, {0x1CC,0x1DC,2,-1}, {0x1DD,0x1DD,1,-79}, {0x1DF,0x1EF,2,-1},
    {0x1F1,0x1F1,1,1}, {0x1F3,0x1F5,2,-1}, {0x1F9,0x21F,2,-1}, {0x223,0x233,2,-1},
    {0x23C,0x23C,1,-1}, {0x23F,0x240,1,10815}, {0x242,0x242,1,-1}, {0x247,0x24F,2,-1},
    {0x250,0x250,1,10783}, {0x251,0x251,1,10780}, {0x252,0x252,1,10782}, {0x253,0x253,1,-210},
    {0x254,0x254,1,-206}, {0x256,0x257,1,-205}, {0x259,0x259,1,-202}, {0x25B,0x25B,1,-203},
    {0x25C,0x25C,1,42319}, {0x260,0x260,1,-205}, {0x261,0x261,1,42315}, {0x263,0x263,1,-207},
    {0x265,0x265,1,42280}, {0x266,0x266,1,42308}, {0x268,0x268,1,-209}, {0x269,0x269,1,-211},
    {0x26A,0x26A,1,42308}, {0x26B,0x26B,1,10743}, {0x26C,0x26C,1,42305}, {0x26F,0x26F,1,-211},
    {0x271,0x271,1,10749}, {0x272,0x272,1,-213}, {0x275,0x275,1,-214}, {0x27D,0x27D,1,10727},
    {0x280,0x280,1,-218}, {0x282,0x282,1,42307}, {0x283,0x283,1,-218}, {0x287,0x287,1,42282},
    {0x288,0x288,1,-218}, {0x289,0x289,1,-69}, {0x28A,0x28B,1,-217}, {0x28C,0x28C,1,-71},
    {0x292,0x292,1,-219}, {0x29D,0x29D,1,42261}, {0x29E,0x29E,1,42258}, {0x345,0x345,1,84},
    {0x371,0x373,2,-1}, {0x377,0x377,1,-1}, {0x37B,0x37D,1,130}, {0x3AC,0x3AC,1,-38},
    {0x3AD,0x3AF,1,-37}, {0x3B1,0x3C1,1,-32}, {0x3C2,0x3C2,1,-31}, {0x3C3,0x3CB,1,-32},
    {0x3CC,0x3CC,1,-64}, {0x3CD,0x3CE,1,-63}, {0x3D0,0x3D0,1,-62}, {0x3D1,0x3D1,1,-57},
    {0x3D5,0x3D5,1,-47}, {0x3D6,0x3D6,1,-54}, {0x3D7,0x3D7,1,-8}, {0x3D9,0x3EF,2,-1},
    {0x3F0,0x3F0,1,-86}, {0x3F1,0x3F1,1,-80}, {0x3F2,0x3F2,1,7}, {0x3F3,0x3F3,1,-116},
    {0x3F5,0x3F5,1,-96}, {0x3F8,0x3F8,1,-1}, {0x3FB,0x3FB,1,-1}, {0x430,0x44F,1,-32},
    {0x450,0x45F,1,-80}, {0x461,0x481,2,-1}, {0x48B,0x4BF,2,-1}, {0x4C2,0x4CE,2,-1},
    {0x4CF,0x4CF,1,-15}, {0x4D1,0x52F,2,-1}, {0x561,0x586,1,-48}, {0x13F8,0x13FD,1,-8},
    {0x1C80,0x1C80,1,-6254}, {0x1C81,0x1C81,1,-6253}, {0x1C82,0x1C82,1,-6244},
    {0x1C83,0x1C84,1,-6242}, {0x1C85,0x1C85,1,-6243}, {0x1C86,0x1C86,1,-6236},
    {0x1C87,0x1C87,1,-6181}, {0x1C88,0x1C88,1,35266}, {0x1D79,0x1D79,1,35332},
    {0x1D7D,0x1D7D,1,3814}, {0x1D8E,0x1D8E,1,35384}, {0x1E01,0x1E95,2,-1}, {0x1E9B,0x1E9B,1,-59},
    {0x1EA1,0x1EFF,2,-1}, {0x1F00,0x1F07,1,8}, {0x1F10,0x1F15,1,8}, {0x1F20,0x1F27,1,8},
    {0x1F30,0x1F37,1,8}, {0x1F40,0x1F45,1,8}, {0x1F51,0x1F57,2,8}, {0x1F60,0x1F67,1,8},
    {0x1F70,0x1F71,1,74}, {0x1F72,0x1F75,1,86}, {0x1F76,0x1F77,1,100}, {0x1F78,0x1F79,1,128},
    {0x1F7A,0x1F7B,1,112}, {0x1F7C,0x1F7D,1,126}, {0x1F80,0x1F87,1,8}, {0x1F90,0x1F97,1,8},
    {0x1FA0,0x1FA7,1,8}, {0x1FB0,0x1FB1,1,8}, {0x1FB3,0x1FB3,1,9}, {0x1FBE,0x1FBE,1,-7205},
    {0x1FC3,0x1FC3,1,9}, {0x1FD0,0x1FD1,1,8}, {0x1FE0,0x1FE1,1,8}, {0x1FE5,0x1FE5,1,7},
    {0x1FF3,0x1FF3,1,9}, {0x214E,0x214E,1,-28}, {0x2170,0x217F,1,-16}, {0x2184,0x2184,1,-1},
    {0x24D0,0x24E9,1,-26}, {0x2C30,0x2C5F,1,-48}, {0x2C61,0x2C61,1,-1}, {0x2C65,0x2C65,1,-10795},
    {0x2C66,0x2C66,1,-10792}, {0x2C68,0x2C6C,2,-1}, {0x2C73,0x2C73,1,-1}, {0x2C76,0x2C76,1,-1},
    {0x2C81,0x2CE3,2,-1}, {0x2CEC,0x2CEE,2,-1}, {0x2CF3,0x2CF3,1,-1}, {0x2D00,0x2D25,1,-7264},
    {0x2D27,0x2D27,1,-7264}, {0x2D2D,0x2D2D,1,-7264}, {0xA641,0xA66D,2,-1}, {0xA681,0xA69B,2,-1},
    {0xA723,0xA72F,2,-1}, {0xA733,0xA76F,2,-1}, {0xA77A,0xA77C,2,-1}, {0xA77F,0xA787,2,-1},
    {0xA78C,0xA78C,1,-1}, {0xA791,0xA793,2,-1}, {0xA794,0xA794,1,48}, {0xA797,0xA7A9,2,-1},
    {0xA7B5,0xA7C3,2,-1}, {0xA7C8,0xA7CA,2,-1}, {0xA7D1,0xA7D1,1,-1}, {0xA7D7,0xA7D9,2,-1},
    {0xA7F6,0xA7F6,1,-1}, {0xAB53,0xAB53,1,-928}, {0xAB70,0xABBF,1,-38864}, {0xFF41,0xFF5A,1,-32},
    {0x10428,0x1044F,1,-40}, {0x104D8,0x104FB,1,-40}, {0x10597,0x105A1,1,-39},
    {0x105A3,0x105B1,1,-39}, {0x105B3,0x105B9,1,-39}, {0x105BB,0x105BC,1,-39},
    {0x10CC0,0x10CF2,1,-64}, {0x118C0,0x118DF,1,-32}, {0x16E60,0x16E7F,1,-32},
    {0x1E922,0x1E943,1,-34},
};
const CaseSpecial kTitleSpecial[] = {
    {0xDF, {0x53, 0x73}},
    {0x149, {0x2BC, 0x4E}},
    {0x1F0, {0x4A, 0x30C}},
    {0x390, {0x399, 0x308, 0x301}},
    {0x3B0, {0x3A5, 0x308, 0x301}},
    {0x587, {0x535, 0x582}},
    {0x1E96, {0x48, 0x331}},
    {0x1E97, {0x54, 0x308}},
    {0x1E98, {0x57, 0x30A}},
    {0x1E99, {0x59, 0x30A}},
    {0x1E9A, {0x41, 0x2BE}},
    {0x1F50, {0x3A5, 0x313}},
    {0x1F52, {0x3A5, 0x313, 0x300}},
    {0x1F54, {0x3A5, 0x313, 0x301}},
    {0x1F56, {0x3A5, 0x313, 0x342}},
    {0x1FB2, {0x1FBA, 0x345}},
    {0x1FB4, {0x386, 0x345}},
    {0x1FB6, {0x391, 0x342}},
    {0x1FB7, {0x391, 0x342, 0x345}},
    {0x1FC2, {0x1FCA, 0x345}},
    {0x1FC4, {0x389, 0x345}},
    {0x1FC6, {0x397, 0x342}},
    {0x1FC7, {0x397, 0x342, 0x345}},
    {0x1FD2, {0x399, 0x308, 0x300}},
    {0x1FD3, {0x399, 0x308, 0x301}},
    {0x1FD6, {0x399, 0x342}},
    {0x1FD7, {0x399, 0x308, 0x342}},
    {0x1FE2, {0x3A5, 0x308, 0x300}},
    {0x1FE3, {0x3A5, 0x308, 0x301}},
    {0x1FE4, {0x3A1, 0x313}},
    {0x1FE6, {0x3A5, 0x342}},
    {0x1FE7, {0x3A5, 0x308, 0x342}},
    {0x1FF2, {0x1FFA, 0x345}},
    {0x1FF4, {0x38F, 0x345}},
    {0x1FF6, {0x3A9, 0x342}},
    {0x1FF7, {0x3A9, 0x342, 0x345}},
    {0xFB00, {0x46, 0x66}},
    {0xFB01, {0x46, 0x69}},
    {0xFB02, {0x46, 0x6C}},
    {0xFB03, {0x46, 0x66, 0x69}},
    {0xFB04, {0x46, 0x66, 0x6C}},
    {0xFB05, {0x53, 0x74}},
    {0xFB06, {0x53, 0x74}},
    {0xFB13, {0x544, 0x576}},
    {0xFB14, {0x544, 0x565}},
    {0xFB15, {0x544, 0x56B}},
    {0xFB16, {0x54E, 0x576}},
    {0xFB17, {0x544, 0x56D}},
};
// clang-format on

template <size_t N> bool in_table(const CpRange (&table)[N], char32_t c) {
    size_t lo = 0, hi = N;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (table[mid].hi < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < N && table[lo].lo <= c && c <= table[lo].hi;
}

template <size_t R, size_t S>
void map_with(const CaseRun (&runs)[R], const CaseSpecial (&special)[S], char32_t c, U32& out) {
    for (const CaseSpecial& sp : special)
        if (sp.cp == c) {
            for (char32_t o : sp.out)
                if (o) out += o;
            return;
        }
    size_t lo = 0, hi = R;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (runs[mid].hi < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < R && runs[lo].lo <= c &&
        (c - runs[lo].lo) % static_cast<char32_t>(runs[lo].step) == 0) {
        out += static_cast<char32_t>(static_cast<int64_t>(c) + runs[lo].delta);
        return;
    }
    out += c;
}

bool uni_alpha(char32_t c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return in_table(kAlpha, c);
}
bool uni_decimal(char32_t c) {
    return c < 0x80 ? c >= '0' && c <= '9' : in_table(kDecimal, c);
}
int uni_decimal_value(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9' ? static_cast<int>(c - '0') : -1;
    for (const CpRange& r : kDecimal)
        if (r.lo <= c && c <= r.hi) return static_cast<int>((c - r.lo) % 10);
    return -1;
}
bool uni_digit(char32_t c) {
    return c < 0x80 ? c >= '0' && c <= '9' : in_table(kDigit, c);
}
bool uni_numeric(char32_t c) {
    return c < 0x80 ? c >= '0' && c <= '9' : in_table(kNumeric, c);
}
bool uni_xid_start(char32_t c) {
    return in_table(kXidStart, c);
}
bool uni_xid_continue(char32_t c) {
    return in_table(kXidContinue, c);
}
bool uni_cased(char32_t c) {
    return in_table(kCased, c);
}
bool uni_case_ignorable(char32_t c) {
    return in_table(kCaseIgnorable, c);
}

void uni_map_case(CaseKind kind, char32_t c, U32& out) {
    switch (kind) {
    case CaseKind::Lower:
        map_with(kLowerRuns, kLowerSpecial, c, out);
        break;
    case CaseKind::Upper:
        map_with(kUpperRuns, kUpperSpecial, c, out);
        break;
    case CaseKind::Title:
        map_with(kTitleRuns, kTitleSpecial, c, out);
        break;
    }
}

} // namespace

} // namespace ds
