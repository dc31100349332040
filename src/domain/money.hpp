#pragma once

// Amounts of money as integers of the currency's hundredth (分, cents), so
// sums and comparisons are exact. Every currency Lingting handles is written
// with two decimals.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lt::domain {

struct Money {
  std::int64_t minor = 0;  // 1234.50 CNY is 123450
  std::string currency;    // ISO 4217, "CNY"

  bool operator==(const Money&) const = default;
};

// Reads "1234", "1234.5" or "1234.50" (no sign, no grouping, at most two
// decimals, at most 1e13). nullopt when malformed.
std::optional<std::int64_t> ParseAmount(std::string_view text);
// "1234.50".
std::string FormatAmount(std::int64_t minor);
// Three upper-case letters.
bool IsCurrencyCode(std::string_view code);

}  // namespace lt::domain
