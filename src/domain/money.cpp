#include "domain/money.hpp"

namespace lt::domain {
namespace {

constexpr std::int64_t kMaxWholeUnits = 10'000'000'000'000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::int64_t> ParseAmount(std::string_view text) {
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (whole.empty() || whole.size() > 14) return std::nullopt;
  if (point != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) {
    return std::nullopt;
  }
  std::int64_t units = 0;
  for (const char c : whole) {
    if (!IsDigit(c)) return std::nullopt;
    units = units * 10 + (c - '0');
  }
  if (units > kMaxWholeUnits) return std::nullopt;
  std::int64_t hundredths = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (!IsDigit(c)) return std::nullopt;
    hundredths = hundredths * 10 + (c - '0');
  }
  return units * 100 + hundredths;
}

std::string FormatAmount(std::int64_t minor) {
  const bool negative = minor < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(minor + 1)) + 1 : static_cast<std::uint64_t>(minor);
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

bool IsCurrencyCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (const char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace lt::domain
