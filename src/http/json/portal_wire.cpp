#include "http/json/portal_wire.hpp"

#include <limits>

#include "base/time_format.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json SignInCodeSentToJson(const app::SignInCodeSent& sent) {
  return {{"channel", sent.channel == domain::ContactKind::kEmail ? "email" : "sms"},
          {"expires_at", FormatTimestamp(sent.expires_at)},
          {"resend_at", FormatTimestamp(sent.resend_at)}};
}

Result<app::SignInWithCodeInput> ParseSignInWithCode(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::SignInWithCodeInput input;
  input.address = reader.RequiredString("address");
  input.code = reader.RequiredString("code");
  input.name = reader.String("name");
  reader.RejectUnknown();
  if (!errors.empty()) return errors.ToError();
  return input;
}

Result<app::SampleShipmentInput> ParseSampleShipment(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::SampleShipmentInput input;
  input.carrier = reader.String("carrier");
  input.tracking_number = reader.String("tracking_number");
  input.shipped_on = reader.String("shipped_on");
  // The range is the use case's to check, beside the other fields.
  input.quantity = reader.Integer("quantity", std::numeric_limits<std::int64_t>::min(),
                                  std::numeric_limits<std::int64_t>::max());
  input.note = reader.String("note");
  reader.RejectUnknown();
  if (!errors.empty()) return errors.ToError();
  return input;
}

json SampleShipmentToJson(const domain::SampleShipment& shipment) {
  return {{"id", shipment.id},
          {"case_id", shipment.case_id},
          {"carrier", shipment.carrier},
          {"tracking_number", shipment.tracking_number},
          {"shipped_on", shipment.shipped_on},
          {"quantity", shipment.quantity},
          {"note", shipment.note},
          {"recorded_by", shipment.recorded_by ? json(*shipment.recorded_by) : json()},
          {"created_at", FormatTimestamp(shipment.created_at)}};
}

Result<app::CaseRatingInput> ParseCaseRating(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CaseRatingInput input;
  input.level = reader.Enum("level", domain::kRatingLevelCodes);
  input.solved = reader.Boolean("solved");
  input.comment = reader.String("comment");
  if (!reader.Has("level")) errors.Add("level", "validation.required");
  if (!reader.Has("solved")) errors.Add("solved", "validation.required");
  reader.RejectUnknown();
  if (!errors.empty()) return errors.ToError();
  return input;
}

json CaseRatingToJson(const domain::CaseRating& rating) {
  return {{"case_id", rating.case_id},
          {"level", domain::kRatingLevelCodes.ToCode(rating.level)},
          {"score", domain::RatingScore(rating.level)},
          {"solved", rating.solved},
          {"comment", rating.comment},
          {"rated_at", FormatTimestamp(rating.rated_at)}};
}

json CaseRatingViewToJson(const app::CaseRatingView& view) {
  return {{"rating", view.rating ? CaseRatingToJson(*view.rating) : json()},
          {"may_rate", view.may_rate}};
}

json WechatBindingCodeToJson(const app::WechatBindingCode& code) {
  return {{"code", code.code}, {"expires_at", FormatTimestamp(code.expires_at)}};
}

json PortalStatesToJson(const domain::Workflow& workflow) {
  json states = json::array();
  for (const auto& state : workflow.states) {
    states.push_back({{"code", state.code}, {"kind", domain::kStateKindCodes.ToCode(state.kind)}});
  }
  return {{"initial_state", workflow.initial_state}, {"states", std::move(states)}};
}

}  // namespace lt::http::wire
