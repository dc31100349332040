#include "domain/case_number.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace lt::domain {

std::string FormatCaseNumber(std::string_view prefix, int year, std::int64_t sequence) {
  return fmt::format("{}-{:04d}-{:06d}", prefix, year, sequence);
}

bool LooksLikeCaseNumber(std::string_view text) {
  const auto first = text.find('-');
  const auto second = first == std::string_view::npos ? first : text.find('-', first + 1);
  if (first == 0 || first == std::string_view::npos || second == std::string_view::npos) {
    return false;
  }
  const auto all = [](std::string_view part, auto accept) {
    return !part.empty() && std::all_of(part.begin(), part.end(), accept);
  };
  const auto digit = [](unsigned char c) { return std::isdigit(c) != 0; };
  return all(text.substr(0, first), [](unsigned char c) { return std::isalnum(c) != 0; }) &&
         second - first - 1 == 4 && all(text.substr(first + 1, 4), digit) &&
         text.size() - second - 1 >= 6 && all(text.substr(second + 1), digit);
}

}  // namespace lt::domain
