#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lt::domain {

// "TS-2026-000123": prefix, year of receipt, per-year sequence (at least six digits).
std::string FormatCaseNumber(std::string_view prefix, int year, std::int64_t sequence);

}  // namespace lt::domain
