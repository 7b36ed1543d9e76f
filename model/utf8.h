// UTF-8, as Python's str sees it: code points in, code points out.
#pragma once

#include <string>
#include <string_view>

namespace ds {

// One code point at s[i], advancing i. A byte that does not start a valid sequence decodes to
// U+DC80+byte (Python's surrogateescape) so that decoding then encoding gives the bytes back.
char32_t next_cp(std::string_view s, size_t& i);
// Appends code point c (a U+DC80..U+DCFF surrogate-escaped byte goes back as that byte).
void put_cp(std::string& out, char32_t c);

} // namespace ds
