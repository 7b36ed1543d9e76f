#include "modelerror.h"

#include <cstdio>

namespace ds {

namespace {

void append_escaped_control(std::string& out, unsigned char c) {
    switch (c) {
    case '\n':
        out += "\\n";
        break;
    case '\r':
        out += "\\r";
        break;
    case '\t':
        out += "\\t";
        break;
    default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
    }
    }
}

} // namespace

std::string ModelError::format() const {
    std::string out = file;
    if (place.line > 0) {
        out += ':';
        out += std::to_string(place.line);
        out += ':';
        out += std::to_string(place.column);
    }
    out += ": ";
    if (!place.pointer.empty()) {
        for (char ch : place.pointer) {
            auto c = static_cast<unsigned char>(ch);
            if (c < 0x20 || c == 0x7f)
                append_escaped_control(out, c);
            else
                out += ch;
        }
        out += ": ";
    }
    if (code_line > 0) {
        out += "code line ";
        out += std::to_string(code_line);
        out += ", column ";
        out += std::to_string(code_column);
        out += ": ";
    }
    out += message;
    return out;
}

std::string json_pointer_escape(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string json_pointer_append(const std::string& pointer, std::string_view token) {
    std::string out = pointer;
    out += '/';
    out += json_pointer_escape(token);
    return out;
}

std::string quote_for_message(std::string_view text) {
    constexpr int max_code_points = 60;
    std::string out = "'";
    int count = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80) {
            if (count == max_code_points) {
                out += "...";
                break;
            }
            ++count;
        }
        if (c < 0x20 || c == 0x7f)
            append_escaped_control(out, c);
        else if (c == '\\')
            out += "\\\\";
        else if (c == '\'')
            out += "\\'";
        else
            out += static_cast<char>(c);
    }
    out += '\'';
    return out;
}

} // namespace ds
