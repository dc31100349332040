#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/entities.hpp"

namespace lt::app {

// Checks shared by every use case that takes text from people: trims it,
// requires it when asked, bounds its length in characters and refuses control
// characters. Problems are added to `errors` under `field`.
enum class Presence { kRequired, kOptional };

// A language Lingting writes in ("zh-CN" or "en"); adds "validation.language"
// otherwise. Returns the canonical tag.
std::string CheckLanguage(std::string_view value, std::string_view field, FieldErrors& errors);
std::string CheckText(std::string_view value, std::string_view field, std::size_t max_chars,
                      Presence presence, FieldErrors& errors);

// Normalises phones and e-mail addresses into contacts, reporting bad ones as
// field[index].
std::vector<domain::Contact> CheckContacts(const std::vector<std::string>& phones,
                                           const std::vector<std::string>& emails,
                                           std::string_view field_prefix, FieldErrors& errors);

// An http:// or https:// URL with a host part and no white space: where
// Lingting posts to a gateway or a robot.
bool IsHttpUrl(std::string_view url);

// A plain file name: no path separators, no "..", no leading dot, no control
// characters, at most 255 bytes.
bool IsSafeFilename(std::string_view filename);

// True when the first bytes of `content` agree with the declared type (for
// types with a well-known signature; others are accepted as declared).
bool ContentMatchesType(std::string_view content, std::string_view content_type);

}  // namespace lt::app
