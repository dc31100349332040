#pragma once

#include <span>
#include <string_view>

namespace lt::i18n {

// One message in both languages. Arguments are written {name}.
struct CatalogEntry {
  std::string_view key;
  std::string_view zh_cn;
  std::string_view en;
};

// All messages meant for people: errors, CLI output, field messages.
std::span<const CatalogEntry> Catalog();

}  // namespace lt::i18n
