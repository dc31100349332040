#include "app/sample_shipments.hpp"

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "sla/business_calendar.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/sample_shipment_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxCarrierChars = 50;
constexpr std::size_t kMaxTrackingChars = 40;
constexpr std::size_t kMaxNoteChars = 1000;
constexpr std::int64_t kMaxQuantity = 10000;
constexpr TimestampMs kDayMs = 24LL * 3600 * 1000;

}  // namespace

Result<domain::SampleShipment> RecordSampleShipment(AppContext& context,
                                                    const domain::Principal& principal,
                                                    domain::Id case_id,
                                                    const SampleShipmentInput& input) {
  const TimestampMs now = context.clock.NowMs();
  FieldErrors errors;
  domain::SampleShipment shipment;
  shipment.case_id = case_id;
  shipment.carrier = CheckText(input.carrier.value_or(""), "carrier", kMaxCarrierChars,
                               Presence::kRequired, errors);
  shipment.tracking_number = CheckText(input.tracking_number.value_or(""), "tracking_number",
                                       kMaxTrackingChars, Presence::kRequired, errors);
  shipment.note =
      CheckText(input.note.value_or(""), "note", kMaxNoteChars, Presence::kOptional, errors);
  if (!input.shipped_on) {
    errors.Add("shipped_on", "validation.required");
  } else if (const auto day = sla::ParseLocalDay(*input.shipped_on); !day) {
    errors.Add("shipped_on", "validation.date");
  } else if (*day > (now + context.options.max_clock_skew_ms) / kDayMs + 1) {
    // A day of slack: the customer's today may be tomorrow in UTC.
    errors.Add("shipped_on", "validation.future_time");
  } else {
    shipment.shipped_on = *input.shipped_on;
  }
  const std::int64_t quantity = input.quantity.value_or(1);
  if (quantity < 1 || quantity > kMaxQuantity) {
    errors.Add("quantity", "validation.range",
               {{"min", "1"}, {"max", std::to_string(kMaxQuantity)}});
  }
  shipment.quantity = static_cast<int>(quantity);
  shipment.recorded_by = principal.user_id;
  shipment.created_at = now;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const domain::Case a_case, LoadVisibleCase(connection, principal, case_id));
    if (!errors.empty()) return errors.ToError();
    LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
    const auto* state = workflow->FindState(a_case.status);
    if (state && state->kind == domain::StateKind::kClosed) {
      return Error::Of(ErrorCode::kConflict, "error.case_closed");
    }
    LT_TRY(storage::SampleShipmentStore(connection).Insert(shipment));
    LT_TRY(storage::CaseStore(connection).Touch(case_id, now));
    LT_TRY(storage::AuditStore(connection)
               .Append(MakeEvent("case", case_id, "sample_shipped", principal.user_id, now,
                                 {{"carrier", std::nullopt, shipment.carrier},
                                  {"tracking_number", std::nullopt, shipment.tracking_number},
                                  {"shipped_on", std::nullopt, shipment.shipped_on}})));
    return storage::PublishCaseChange(connection,
                                      ChangeOf(a_case, "sample_shipped", principal.user_id, now));
  }));
  return shipment;
}

Result<std::vector<domain::SampleShipment>> ListSampleShipments(AppContext& context,
                                                                const domain::Principal& principal,
                                                                domain::Id case_id) {
  std::vector<domain::SampleShipment> shipments;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY_ASSIGN(shipments, storage::SampleShipmentStore(connection).ListByCase(case_id));
    return Ok();
  }));
  return shipments;
}

}  // namespace lt::app
