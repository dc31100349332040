#include "support/china_calendar.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace lt::test {

sla::BusinessCalendar ChinaOffice2026() {
  const std::vector<sla::WorkingPeriod> day = {{510, 720}, {810, 1050}};
  std::ifstream in(std::string(LINGTING_SOURCE_DIR) + "/data/holidays-cn/2026.json");
  std::stringstream json;
  json << in.rdbuf();
  auto exceptions = sla::ParseChinaHolidays(json.str());
  EXPECT_TRUE(exceptions.ok());
  auto calendar = sla::BusinessCalendar::Make(
      "Asia/Shanghai", {{{}, day, day, day, day, day, {}}}, day,
      exceptions.ok() ? *exceptions : std::vector<sla::CalendarException>{});
  EXPECT_TRUE(calendar.ok());
  return std::move(calendar).value();
}

}  // namespace lt::test
