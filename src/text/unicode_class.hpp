#pragma once

// Unicode character classes that input rules look at (ICU's character
// database). Pure.

#include <string_view>

namespace lt::text {

// Whether valid UTF-8 `text` holds a format character (general category Cf):
// bidirectional controls such as U+202E RIGHT-TO-LEFT OVERRIDE, zero-width
// spaces and joiners, the byte order mark, soft hyphens. They are invisible
// and can make "\u202Egnp.exe" display as "exe.png".
bool HasFormatCharacters(std::string_view text);

}  // namespace lt::text
