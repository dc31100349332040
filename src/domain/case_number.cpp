#include "domain/case_number.hpp"

#include <fmt/format.h>

namespace lt::domain {

std::string FormatCaseNumber(std::string_view prefix, int year, std::int64_t sequence) {
  return fmt::format("{}-{:04d}-{:06d}", prefix, year, sequence);
}

}  // namespace lt::domain
