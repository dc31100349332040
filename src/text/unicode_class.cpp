#include "text/unicode_class.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace lt::text {

bool HasFormatCharacters(std::string_view text) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t offset = 0;
  while (offset < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, offset, length, c);
    if (c >= 0 && u_charType(c) == U_FORMAT_CHAR) return true;
  }
  return false;
}

}  // namespace lt::text
