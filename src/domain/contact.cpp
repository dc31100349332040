#include "domain/contact.hpp"

#include <algorithm>
#include <cctype>

#include "base/utf8.hpp"

namespace lt::domain {
namespace {

// Collects ASCII digits and a leading '+', accepting full-width digits
// (U+FF10..U+FF19) and full-width plus (U+FF0B); separators are dropped.
std::optional<std::string> ExtractDigits(std::string_view text, bool& has_plus) {
  std::string digits;
  has_plus = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c >= '0' && c <= '9') {
      digits += static_cast<char>(c);
      ++pos;
    } else if (c == '+') {
      if (!digits.empty() || has_plus) return std::nullopt;
      has_plus = true;
      ++pos;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t') {
      ++pos;
    } else if (c == 0xEF && pos + 2 < text.size()) {
      const unsigned char c1 = static_cast<unsigned char>(text[pos + 1]);
      const unsigned char c2 = static_cast<unsigned char>(text[pos + 2]);
      if (c1 == 0xBC && c2 >= 0x90 && c2 <= 0x99) {  // ０..９
        digits += static_cast<char>('0' + (c2 - 0x90));
      } else if (c1 == 0xBC && c2 == 0x8B) {  // ＋
        if (!digits.empty() || has_plus) return std::nullopt;
        has_plus = true;
      } else if (c1 == 0xBC && (c2 == 0x8D || c2 == 0x88 || c2 == 0x89)) {  // －（）
      } else {
        return std::nullopt;
      }
      pos += 3;
    } else if (c == 0xE3 && pos + 2 < text.size() &&
               static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
               static_cast<unsigned char>(text[pos + 2]) == 0x80) {  // ideographic space
      pos += 3;
    } else {
      return std::nullopt;
    }
  }
  return digits;
}

bool IsChineseMobile(std::string_view national) {
  return national.size() == 11 && national[0] == '1' && national[1] >= '3' && national[1] <= '9';
}

}  // namespace

std::optional<std::string> NormalizePhone(std::string_view text) {
  const std::string trimmed = TrimSpace(text);
  if (trimmed.empty() || trimmed.size() > 64) return std::nullopt;
  bool has_plus = false;
  auto extracted = ExtractDigits(trimmed, has_plus);
  if (!extracted) return std::nullopt;
  std::string digits = std::move(*extracted);
  if (!has_plus && digits.rfind("00", 0) == 0) {
    digits.erase(0, 2);
    has_plus = true;
  }
  if (has_plus) {
    // International form: country code and subscriber number, 8..15 digits (E.164).
    if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') return std::nullopt;
    if (digits.rfind("86", 0) == 0 && digits.size() > 2 && digits[2] == '0') {
      digits.erase(2, 1);  // "+86 010 ..." written with the trunk zero
    }
    return "+" + digits;
  }
  if (IsChineseMobile(digits)) return "+86" + digits;
  if (digits.size() == 13 && digits.rfind("86", 0) == 0 && IsChineseMobile(digits.substr(2))) {
    return "+" + digits;
  }
  // Mainland landline with trunk zero: 0 + area code (2-3 digits) + 7-8 digits.
  if (digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0' && digits[1] != '0') {
    return "+86" + digits.substr(1);
  }
  return std::nullopt;
}

std::optional<std::string> PhonePrefix(std::string_view text) {
  const std::string trimmed = TrimSpace(text);
  if (trimmed.empty() || trimmed.size() > 64) return std::nullopt;
  bool has_plus = false;
  auto extracted = ExtractDigits(trimmed, has_plus);
  if (!extracted || extracted->size() < 3) return std::nullopt;
  std::string digits = std::move(*extracted);
  if (!has_plus && digits.rfind("00", 0) == 0) {
    digits.erase(0, 2);
    has_plus = true;
  }
  if (has_plus) {
    if (digits.empty() || digits[0] == '0') return std::nullopt;
    return "+" + digits;
  }
  if (digits[0] == '0') return "+86" + digits.substr(1);  // trunk zero of a landline
  return "+86" + digits;
}

std::optional<std::string> NormalizeEmail(std::string_view text) {
  std::string email = TrimSpace(text);
  if (email.size() < 3 || email.size() > 254) return std::nullopt;
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
    return std::nullopt;
  }
  const std::string_view domain = std::string_view(email).substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  for (const char c : email) {
    const auto value = static_cast<unsigned char>(c);
    if (value <= 0x20 || value == 0x7F || c == ',' || c == ';' || c == '<' || c == '>')
      return std::nullopt;
  }
  if (!IsValidUtf8(email)) return std::nullopt;
  std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) {
    return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
  });
  return email;
}

std::string MaskPhone(std::string_view phone) {
  // Keep the last four digits and what comes before the four hidden ones.
  std::string masked(phone);
  if (masked.size() <= 4) return std::string(masked.size(), '*');
  const std::size_t last_hidden = masked.size() - 4;
  const std::size_t first_hidden = last_hidden >= 4 ? last_hidden - 4 : 0;
  for (std::size_t index = std::max<std::size_t>(first_hidden, masked[0] == '+' ? 1 : 0);
       index < last_hidden; ++index) {
    masked[index] = '*';
  }
  return masked;
}

std::string MaskEmail(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0) return "***";
  return std::string(email.substr(0, 1)) + "***" + std::string(email.substr(at));
}

bool CanReceiveSms(std::string_view e164) {
  if (e164.rfind("+86", 0) != 0) return e164.size() > 1 && e164[0] == '+';
  return e164.size() == 14 && e164[3] == '1' && e164[4] >= '3' && e164[4] <= '9';
}

}  // namespace lt::domain
