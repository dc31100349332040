#pragma once

// A complaint the market regulator referred to the company (issue 16): the
// 12315 platform or a local 市场监管局 forwards what a consumer filed with it
// and expects contact and negotiation within its deadline (10 working days
// unless it sets another). Such a case comes by the "regulator" channel and
// carries the regulator's own number, so that the same referral is entered
// once and can be reported back under that number.

#include <optional>
#include <string>

#include "base/clock.hpp"
#include "domain/entities.hpp"

namespace lt::domain {

struct Referral {
  std::string regulator;                   // "12315", "上海市浦东新区市场监督管理局"
  std::string referral_number;             // the regulator's number of the complaint
  std::optional<TimestampMs> referred_at;  // when the regulator referred it
  std::optional<TimestampMs> regulator_due_at;  // the date the regulator set, if any
};

}  // namespace lt::domain
