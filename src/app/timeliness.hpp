#pragma once

// The monthly timeliness attainment rate (时效达标率): of the SLA clocks due
// in a month, the share stopped by their deadline (a deadline moved with
// the customer's agreement counts as the deadline), per department, per
// target and per person. Clocks not yet due are pending and left out of the
// rate.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"

namespace lt::app {

struct Attainment {
  std::int64_t on_time = 0;
  std::int64_t late = 0;
  std::int64_t pending = 0;
  // on_time / (on_time + late); nullopt when nothing was due yet.
  std::optional<double> Rate() const {
    const std::int64_t decided = on_time + late;
    if (decided == 0) return std::nullopt;
    return static_cast<double>(on_time) / static_cast<double>(decided);
  }
};

struct TimelinessFigures {
  struct Group {
    std::optional<Id> id;  // department or user; nullopt: none assigned
    std::string code;      // target code (targets) or display name
    Attainment attainment;
  };
  Attainment overall;
  std::vector<Group> departments;  // id, code = department name
  std::vector<Group> targets;      // code = target
  std::vector<Group> people;       // id, code = user name
};

// Staff only; those who do not see every case get their departments' clocks
// only. `month` is "YYYY-MM" in the business time zone.
// Errors: kForbidden, kInvalidArgument (month).
Result<TimelinessFigures> CountTimelinessFigures(AppContext& context,
                                                 const domain::Principal& principal,
                                                 std::string_view month);

}  // namespace lt::app
