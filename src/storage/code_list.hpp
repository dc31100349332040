#pragma once

// Lists of codes stored in one text column, separated by spaces.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enum_codes.hpp"

namespace lt::storage {

// "a<separator>b<separator>c".
std::string Join(const std::vector<std::string>& parts, std::string_view separator);
inline std::string JoinCodes(const std::vector<std::string>& codes) { return Join(codes, " "); }
std::vector<std::string> SplitCodes(std::string_view text);

template <class E, std::size_t N>
std::string JoinEnumCodes(const std::vector<E>& values, const domain::EnumCodes<E, N>& codes) {
  std::vector<std::string> texts;
  for (const E value : values) texts.emplace_back(codes.ToCode(value));
  return JoinCodes(texts);
}

// Ids as a list of codes: "3 7 12".
std::string JoinIds(const std::vector<std::int64_t>& ids);
std::vector<std::int64_t> SplitIds(std::string_view text);

// Codes that are not in the table are skipped: a stored list never holds them
// unless a later version removed a code.
template <class E, std::size_t N>
std::vector<E> SplitEnumCodes(std::string_view text, const domain::EnumCodes<E, N>& codes) {
  std::vector<E> values;
  for (const auto& code : SplitCodes(text)) {
    if (auto value = codes.FromCode(code)) values.push_back(*value);
  }
  return values;
}

}  // namespace lt::storage
