#pragma once

// A sample the customer sends for investigation (the procedure's step 2:
// "otherwise a sample is collected"): recorded by the customer on the
// portal or by staff, with the carrier and tracking number, so that sales
// and QA know it is on its way. Its arrival is the workflow's own event
// ("sample_received"), recorded by staff.

#include <optional>
#include <string>

#include "domain/entities.hpp"

namespace lt::domain {

struct SampleShipment {
  Id id = 0;
  Id case_id = 0;
  std::string carrier;          // 顺丰速运, EMS, ...
  std::string tracking_number;  // the carrier's waybill number
  std::string shipped_on;       // YYYY-MM-DD
  int quantity = 1;
  std::string note;
  std::optional<Id> recorded_by;
  TimestampMs created_at = 0;
};

}  // namespace lt::domain
