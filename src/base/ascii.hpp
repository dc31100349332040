#pragma once

// ASCII case folding, for protocol tokens (MIME types and parameters, HTML
// tag names, language tags, e-mail subjects' prefixes): bytes from 'A' to
// 'Z' become lower case, every other byte (UTF-8 included) stays as it is,
// whatever the C locale says.

#include <string>
#include <string_view>

namespace lt {

inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace lt
