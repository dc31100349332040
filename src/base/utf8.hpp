#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lt {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Number of code points in well-formed UTF-8 text.
std::size_t CountCodePoints(std::string_view text);

// The first `max_code_points` code points of well-formed UTF-8 text (all of
// it when shorter), never cutting a character in two.
std::string TruncateCodePoints(std::string_view text, std::size_t max_code_points);

// True when the text holds a C0 control character other than tab, CR and LF.
bool HasControlCharacters(std::string_view text);

// Trims ASCII and ideographic (U+3000) white space from both ends.
std::string TrimSpace(std::string_view text);

}  // namespace lt
