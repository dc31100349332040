#include "i18n/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <unordered_map>

#include "base/ascii.hpp"
#include "i18n/catalog.hpp"

namespace lt::i18n {
namespace {

const std::unordered_map<std::string_view, const CatalogEntry*>& Index() {
  static const auto* index = [] {
    auto* map = new std::unordered_map<std::string_view, const CatalogEntry*>();
    for (const CatalogEntry& entry : Catalog()) map->emplace(entry.key, &entry);
    return map;
  }();
  return *index;
}

}  // namespace

std::string_view LocaleTag(Locale locale) { return locale == Locale::kEn ? "en" : "zh-CN"; }

bool ParseLocaleTag(std::string_view tag, Locale& out) {
  const std::string lower = AsciiLower(tag);
  if (lower == "zh" || lower.rfind("zh-", 0) == 0 || lower.rfind("zh_", 0) == 0) {
    out = Locale::kZhCn;
    return true;
  }
  if (lower == "en" || lower.rfind("en-", 0) == 0 || lower.rfind("en_", 0) == 0) {
    out = Locale::kEn;
    return true;
  }
  return false;
}

Locale NegotiateLocale(std::string_view accept_language, Locale fallback) {
  double best_quality = 0.0;
  Locale best = fallback;
  std::size_t pos = 0;
  while (pos <= accept_language.size()) {
    std::size_t comma = accept_language.find(',', pos);
    if (comma == std::string_view::npos) comma = accept_language.size();
    std::string_view item = accept_language.substr(pos, comma - pos);
    pos = comma + 1;
    double quality = 1.0;
    if (const auto semicolon = item.find(';'); semicolon != std::string_view::npos) {
      std::string_view parameters = item.substr(semicolon + 1);
      item = item.substr(0, semicolon);
      if (const auto q = parameters.find("q="); q != std::string_view::npos) {
        quality = std::strtod(std::string(parameters.substr(q + 2)).c_str(), nullptr);
      }
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    Locale locale;
    if (quality > best_quality && ParseLocaleTag(item, locale)) {
      best_quality = quality;
      best = locale;
    }
  }
  return best;
}

std::string Translate(Locale locale, std::string_view key, const std::vector<MessageArg>& args) {
  const auto& index = Index();
  const auto found = index.find(key);
  if (found == index.end()) return std::string(key);
  const std::string_view pattern = locale == Locale::kEn ? found->second->en : found->second->zh_cn;
  std::string out;
  out.reserve(pattern.size() + 16);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      const auto close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = pattern.substr(i + 1, close - i - 1);
        const auto arg = std::find_if(args.begin(), args.end(), [&](const MessageArg& candidate) {
          return candidate.name == name;
        });
        if (arg != args.end()) {
          out += arg->value;
          i = close;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

std::vector<std::string_view> CatalogKeys() {
  std::vector<std::string_view> keys;
  for (const CatalogEntry& entry : Catalog()) keys.push_back(entry.key);
  return keys;
}

bool HasKey(std::string_view key) {
  const auto& index = Index();
  const auto found = index.find(key);
  return found != index.end() && !found->second->zh_cn.empty() && !found->second->en.empty();
}

}  // namespace lt::i18n
