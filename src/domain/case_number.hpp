#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lt::domain {

// "TS-2026-000123": prefix, year of receipt, per-year sequence (at least six digits).
std::string FormatCaseNumber(std::string_view prefix, int year, std::int64_t sequence);

// Whether `text` has the shape of a case number (letters or digits, a year,
// at least six digits: "TS-2026-000123", "ts-2026-000123").
bool LooksLikeCaseNumber(std::string_view text);

}  // namespace lt::domain
