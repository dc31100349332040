#include "base/utf8.hpp"

namespace lt {

bool IsValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t pos = 0;
  while (pos < size) {
    const unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      ++pos;
      continue;
    }
    std::size_t length = 0;
    char32_t code_point = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return false;
    }
    if (pos + length > size) return false;
    for (std::size_t i = 1; i < length; ++i) {
      if ((bytes[pos + i] & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (bytes[pos + i] & 0x3F);
    }
    if ((length == 2 && code_point < 0x80) || (length == 3 && code_point < 0x800) ||
        (length == 4 && code_point < 0x10000) || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    pos += length;
  }
  return true;
}

std::size_t CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (const char byte : text) {
    if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string TruncateCodePoints(std::string_view text, std::size_t max_code_points) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80 && count++ == max_code_points) {
      return std::string(text.substr(0, pos));
    }
  }
  return std::string(text);
}

bool HasControlCharacters(std::string_view text) {
  for (const char byte : text) {
    const auto value = static_cast<unsigned char>(byte);
    if ((value < 0x20 && value != '\t' && value != '\n' && value != '\r') || value == 0x7F) {
      return true;
    }
  }
  return false;
}

std::string TrimSpace(std::string_view text) {
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  bool changed = true;
  while (changed && !text.empty()) {
    changed = false;
    const char front = text.front();
    if (front == ' ' || front == '\t' || front == '\n' || front == '\r') {
      text.remove_prefix(1);
      changed = true;
    } else if (text.substr(0, 3) == kIdeographicSpace) {
      text.remove_prefix(3);
      changed = true;
    }
    if (text.empty()) break;
    const char back = text.back();
    if (back == ' ' || back == '\t' || back == '\n' || back == '\r') {
      text.remove_suffix(1);
      changed = true;
    } else if (text.size() >= 3 && text.substr(text.size() - 3) == kIdeographicSpace) {
      text.remove_suffix(3);
      changed = true;
    }
  }
  return std::string(text);
}

}  // namespace lt
