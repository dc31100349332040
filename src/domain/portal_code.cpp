#include "domain/portal_code.hpp"

#include "base/crypto.hpp"
#include "domain/contact.hpp"

namespace lt::domain {

std::optional<Contact> ParseSignInAddress(std::string_view text) {
  if (text.find('@') != std::string_view::npos) {
    if (auto email = NormalizeEmail(text)) return Contact{ContactKind::kEmail, *email};
    return std::nullopt;
  }
  if (auto phone = NormalizePhone(text); phone && CanReceiveSms(*phone)) {
    return Contact{ContactKind::kPhone, *phone};
  }
  return std::nullopt;
}

std::string PortalCodeHash(PortalCodePurpose purpose, std::string_view address,
                           std::string_view code) {
  std::string material(kPortalCodePurposeCodes.ToCode(purpose));
  material.append(":").append(address).append(":").append(code);
  return HashToken(material);
}

bool PortalCodeUsable(const PortalCode& code, TimestampMs now) {
  return !code.used_at && now < code.expires_at && code.failed_attempts < kPortalCodeMaxFailures;
}

std::optional<std::string> BindingCodeIn(std::string_view message) {
  // Digits (ASCII or full-width) after the keyword; spaces anywhere.
  static constexpr std::string_view kKeywords[] = {"绑定", "bind", "BIND", "Bind"};
  std::string_view rest = message;
  auto skip_spaces = [&rest] {
    while (!rest.empty()) {
      if (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '\n' ||
          rest.front() == '\r') {
        rest.remove_prefix(1);
      } else if (rest.starts_with("\u3000")) {  // ideographic space
        rest.remove_prefix(3);
      } else {
        break;
      }
    }
  };
  skip_spaces();
  bool keyword_seen = false;
  for (std::string_view keyword : kKeywords) {
    if (rest.starts_with(keyword)) {
      rest.remove_prefix(keyword.size());
      keyword_seen = true;
      break;
    }
  }
  if (!keyword_seen) return std::nullopt;
  std::string digits;
  while (true) {
    skip_spaces();
    if (rest.empty()) break;
    const auto byte = static_cast<unsigned char>(rest.front());
    if (byte >= '0' && byte <= '9') {
      digits += static_cast<char>(byte);
      rest.remove_prefix(1);
    } else if (rest.size() >= 3 && static_cast<unsigned char>(rest[0]) == 0xEF &&
               static_cast<unsigned char>(rest[1]) == 0xBC &&
               static_cast<unsigned char>(rest[2]) >= 0x90 &&
               static_cast<unsigned char>(rest[2]) <= 0x99) {
      digits += static_cast<char>('0' + (static_cast<unsigned char>(rest[2]) - 0x90));
      rest.remove_prefix(3);
    } else {
      return std::nullopt;
    }
  }
  if (digits.size() != kBindingCodeDigits) return std::nullopt;
  return digits;
}

}  // namespace lt::domain
