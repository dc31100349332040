#include "http/json/supplier_car_wire.hpp"

#include "http/json/wire_support.hpp"

namespace lt::http::wire {

using nlohmann::json;

namespace {

inline constexpr domain::EnumCodes<app::CarVerdict, 2> kCarVerdictCodes{{{
    {app::CarVerdict::kAccept, "accept"},
    {app::CarVerdict::kReturn, "return"},
}}};

}  // namespace

json SupplierCarToJson(const domain::SupplierCar& car) {
  return {{"id", car.id},
          {"case_id", car.case_id},
          {"supplier_id", car.supplier_id},
          {"request", car.request},
          {"requested_at", FormatTimestamp(car.requested_at)},
          {"initial_analysis", car.initial_analysis},
          {"initial_analysis_at", OptionalTime(car.initial_analysis_at)},
          {"root_cause", car.root_cause},
          {"countermeasures", car.countermeasures},
          {"answered_at", OptionalTime(car.answered_at)},
          {"status", domain::kCarStatusCodes.ToCode(car.status)},
          {"decision_note", car.decision_note},
          {"decided_at", OptionalTime(car.decided_at)},
          {"updated_at", FormatTimestamp(car.updated_at)}};
}

json CarViewToJson(const app::CarView& view) {
  json out = SupplierCarToJson(view.car);
  out["supplier_name"] = view.supplier_name;
  out["case"] = {{"number", view.case_number}, {"subject", view.subject},
                 {"product", view.product},    {"model", view.model},
                 {"batch", view.batch},        {"defect_description", view.defect_description}};
  return out;
}

Result<app::CarRequestInput> ParseCarRequest(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CarRequestInput input;
  if (auto id = reader.NullableId("supplier_id")) input.supplier_id = *id;
  if (!input.supplier_id) errors.Add("supplier_id", "validation.required");
  input.request = reader.RequiredString("request");
  return Finish(reader, errors, std::move(input));
}

Result<app::CarAnswerInput> ParseCarAnswer(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CarAnswerInput input;
  input.root_cause = reader.RequiredString("root_cause");
  input.countermeasures = reader.RequiredString("countermeasures");
  return Finish(reader, errors, std::move(input));
}

Result<CarDecisionInput> ParseCarDecision(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  CarDecisionInput input;
  const auto verdict = reader.Enum("verdict", kCarVerdictCodes);
  if (!verdict && !reader.Has("verdict")) errors.Add("verdict", "validation.required");
  input.verdict = verdict.value_or(app::CarVerdict::kAccept);
  input.note = reader.String("note").value_or("");
  return Finish(reader, errors, std::move(input));
}

}  // namespace lt::http::wire
