#pragma once

// Samples on their way to the company (domain/sample_shipment.hpp): the
// customer records the carrier and waybill on the portal, or staff do for
// them. Each is on the case's audit trail and tells the case's watchers.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/sample_shipment.hpp"

namespace lt::app {

struct SampleShipmentInput {
  std::optional<std::string> carrier;
  std::optional<std::string> tracking_number;
  std::optional<std::string> shipped_on;  // YYYY-MM-DD, not after today
  std::optional<std::int64_t> quantity;   // 1 to 10,000; default 1
  std::optional<std::string> note;
};

// Errors: kNotFound (case absent or not visible), kInvalidArgument (fields),
// kConflict "error.case_closed" (the case is closed).
Result<domain::SampleShipment> RecordSampleShipment(AppContext& context,
                                                    const domain::Principal& principal,
                                                    domain::Id case_id,
                                                    const SampleShipmentInput& input);

Result<std::vector<domain::SampleShipment>> ListSampleShipments(AppContext& context,
                                                                const domain::Principal& principal,
                                                                domain::Id case_id);

}  // namespace lt::app
