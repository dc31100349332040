#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace lt::i18n {

enum class Locale { kZhCn, kEn };

inline constexpr Locale kDefaultLocale = Locale::kZhCn;

// "zh-CN" or "en".
std::string_view LocaleTag(Locale locale);

// Parses "zh-CN", "zh", "en-US", "en"...; nullopt-like false for others.
bool ParseLocaleTag(std::string_view tag, Locale& out);

// Chooses a locale from an Accept-Language header value, honouring q-values;
// falls back to `fallback` when nothing offered is supported.
Locale NegotiateLocale(std::string_view accept_language, Locale fallback = kDefaultLocale);

// Renders the message `key` in `locale`, substituting {name} by each argument.
// An unknown key renders as the key itself (and the catalog test catches it).
std::string Translate(Locale locale, std::string_view key,
                      const std::vector<MessageArg>& args = {});

// Every key in the catalog, for tests that check completeness.
std::vector<std::string_view> CatalogKeys();

// True when the catalog has `key` with a non-empty text in every locale.
bool HasKey(std::string_view key);

}  // namespace lt::i18n
