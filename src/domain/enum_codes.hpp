#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace lt::domain {

// A fixed table that maps an enum to the stable code used in the API, the
// database and CSV files. Codes never change once shipped.
template <class E, std::size_t N>
struct EnumCodes {
  std::array<std::pair<E, std::string_view>, N> entries;

  constexpr std::string_view ToCode(E value) const {
    for (const auto& [candidate, code] : entries) {
      if (candidate == value) return code;
    }
    return {};
  }
  std::optional<E> FromCode(std::string_view code) const {
    for (const auto& [candidate, candidate_code] : entries) {
      if (candidate_code == code) return candidate;
    }
    return std::nullopt;
  }
  // "a, b, c": for error messages that list what is allowed.
  std::string AllowedList() const {
    std::string out;
    for (const auto& [candidate, code] : entries) {
      if (!out.empty()) out += ", ";
      out += code;
    }
    return out;
  }
};

}  // namespace lt::domain
