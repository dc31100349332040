#include "base/time_format.hpp"

#include <date/date.h>

#include <cctype>
#include <charconv>
#include <sstream>

namespace lt {
namespace {

using Millis = std::chrono::milliseconds;

bool ReadInt(std::string_view text, std::size_t& pos, std::size_t digits, int& out) {
  if (pos + digits > text.size()) return false;
  for (std::size_t i = 0; i < digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[pos + i]))) return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + digits, out);
  pos += digits;
  return true;
}

bool Expect(std::string_view text, std::size_t& pos, char expected) {
  if (pos >= text.size() || text[pos] != expected) return false;
  ++pos;
  return true;
}

}  // namespace

std::string FormatTimestamp(TimestampMs at_ms) {
  date::sys_time<Millis> at{Millis{at_ms}};
  return date::format("%FT%TZ", at);
}

std::optional<TimestampMs> ParseTimestamp(std::string_view text) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!ReadInt(text, pos, 4, year) || !Expect(text, pos, '-') || !ReadInt(text, pos, 2, month) ||
      !Expect(text, pos, '-') || !ReadInt(text, pos, 2, day)) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  std::int64_t ms =
      std::chrono::duration_cast<Millis>(date::sys_days{ymd}.time_since_epoch()).count();
  if (pos == text.size()) return ms;
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
  ++pos;
  int hour = 0, minute = 0, second = 0;
  if (!ReadInt(text, pos, 2, hour) || !Expect(text, pos, ':') || !ReadInt(text, pos, 2, minute)) {
    return std::nullopt;
  }
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadInt(text, pos, 2, second)) return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  int fraction_ms = 0;
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    ++pos;
    int digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (digits < 3) fraction_ms = fraction_ms * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 3; ++i) fraction_ms *= 10;
  }
  ms += ((hour * 60LL + minute) * 60 + second) * 1000 + fraction_ms;
  if (pos == text.size()) return ms;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    return pos + 1 == text.size() ? std::optional<TimestampMs>(ms) : std::nullopt;
  }
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const int sign = text[pos] == '+' ? 1 : -1;
  ++pos;
  int offset_hours = 0, offset_minutes = 0;
  if (!ReadInt(text, pos, 2, offset_hours)) return std::nullopt;
  if (pos < text.size() && text[pos] == ':') ++pos;
  if (!ReadInt(text, pos, 2, offset_minutes) || pos != text.size()) return std::nullopt;
  if (offset_hours > 23 || offset_minutes > 59) return std::nullopt;
  return ms - sign * (offset_hours * 60LL + offset_minutes) * 60 * 1000;
}

std::optional<TimestampMs> ParseTimestampWithFormat(std::string_view text,
                                                    const std::string& format) {
  std::istringstream in{std::string(text)};
  date::sys_time<Millis> at;
  in >> date::parse(format, at);
  if (in.fail()) return std::nullopt;
  in >> std::ws;
  if (!in.eof()) return std::nullopt;
  return at.time_since_epoch().count();
}

int YearOf(TimestampMs at_ms) {
  const auto days = date::floor<date::days>(date::sys_time<Millis>{Millis{at_ms}});
  return static_cast<int>(date::year_month_day{days}.year());
}

}  // namespace lt
