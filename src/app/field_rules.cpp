#include "app/field_rules.hpp"

#include "base/utf8.hpp"
#include "domain/contact.hpp"
#include "i18n/i18n.hpp"
#include "text/unicode_class.hpp"

namespace lt::app {

std::string CheckLanguage(std::string_view value, std::string_view field, FieldErrors& errors) {
  i18n::Locale locale;
  if (!i18n::ParseLocaleTag(value, locale)) {
    errors.Add(std::string(field), "validation.language");
    return "zh-CN";
  }
  return std::string(i18n::LocaleTag(locale));
}

std::string CheckText(std::string_view value, std::string_view field, std::size_t max_chars,
                      Presence presence, FieldErrors& errors) {
  std::string text = TrimSpace(value);
  if (text.empty()) {
    if (presence == Presence::kRequired) errors.Add(std::string(field), "validation.required");
    return text;
  }
  if (!IsValidUtf8(text)) {
    errors.Add(std::string(field), "error.invalid_utf8");
  } else if (CountCodePoints(text) > max_chars) {
    errors.Add(std::string(field), "validation.too_long", {{"max", std::to_string(max_chars)}});
  } else if (HasControlCharacters(text)) {
    errors.Add(std::string(field), "validation.control_characters");
  }
  return text;
}

std::vector<domain::Contact> CheckContacts(const std::vector<std::string>& phones,
                                           const std::vector<std::string>& emails,
                                           std::string_view field_prefix, FieldErrors& errors) {
  std::vector<domain::Contact> contacts;
  auto add_unique = [&](domain::ContactKind kind, std::string value) {
    for (const auto& existing : contacts) {
      if (existing.kind == kind && existing.value == value) return;
    }
    contacts.push_back(domain::Contact{kind, std::move(value)});
  };
  const std::string prefix = field_prefix.empty() ? "" : std::string(field_prefix) + ".";
  for (std::size_t i = 0; i < phones.size(); ++i) {
    if (auto phone = domain::NormalizePhone(phones[i])) {
      add_unique(domain::ContactKind::kPhone, std::move(*phone));
    } else {
      errors.Add(prefix + (phones.size() == 1 ? "phone" : "phones[" + std::to_string(i) + "]"),
                 "validation.phone");
    }
  }
  for (std::size_t i = 0; i < emails.size(); ++i) {
    if (auto email = domain::NormalizeEmail(emails[i])) {
      add_unique(domain::ContactKind::kEmail, std::move(*email));
    } else {
      errors.Add(prefix + (emails.size() == 1 ? "email" : "emails[" + std::to_string(i) + "]"),
                 "validation.email");
    }
  }
  return contacts;
}

bool IsHttpUrl(std::string_view url) {
  for (const std::string_view scheme : {"http://", "https://"}) {
    if (url.starts_with(scheme) && url.size() > scheme.size() &&
        url.find_first_of(" \t\r\n") == std::string_view::npos) {
      return true;
    }
  }
  return false;
}

bool IsSafeFilename(std::string_view filename) {
  if (filename.empty() || filename.size() > 255 || filename.front() == '.' ||
      filename.front() == ' ' || !IsValidUtf8(filename)) {
    return false;
  }
  for (const char c : filename) {
    const auto value = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || c == ':' || value < 0x20 || value == 0x7F) return false;
  }
  // Invisible and direction-changing characters make a name display as
  // another ("\u202Egnp.exe" as "exe.png").
  return filename.find("..") == std::string_view::npos && !text::HasFormatCharacters(filename);
}

bool ContentMatchesType(std::string_view content, std::string_view content_type) {
  auto starts = [&](std::string_view magic) { return content.substr(0, magic.size()) == magic; };
  if (content_type == "image/png") return starts("\x89PNG\r\n\x1a\n");
  if (content_type == "image/jpeg") return starts("\xFF\xD8\xFF");
  if (content_type == "image/gif") return starts("GIF87a") || starts("GIF89a");
  if (content_type == "application/pdf") return starts("%PDF-");
  if (content_type == "application/zip" ||
      content_type.rfind("application/vnd.openxmlformats", 0) == 0) {
    return starts("PK\x03\x04");
  }
  if (content_type == "image/webp") return starts("RIFF") && content.substr(8, 4) == "WEBP";
  if (content_type == "text/plain" || content_type == "text/csv") {
    return content.find('\0') == std::string_view::npos;
  }
  return true;
}

}  // namespace lt::app
