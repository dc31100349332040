#include "http/json/case_wire.hpp"

#include "base/time_format.hpp"
#include "http/json/customer_wire.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json PortalCaseToJson(const domain::Case& c, const std::vector<sla::SlaClock>& promised) {
  static constexpr const char* kPortalFields[] = {
      "id",    "number", "type",   "channel", "subject", "description", "customer_id", "product",
      "model", "batch",  "serial", "remedy",  "status",  "received_at", "updated_at",  "version"};
  const json whole = CaseToJson(c);
  json portal = json::object();
  for (const char* field : kPortalFields) portal[field] = whole.at(field);
  json deadlines = json::array();
  for (const auto& clock : promised) {
    deadlines.push_back({{"target", clock.target},
                         {"due_at", FormatTimestamp(clock.due_at)},
                         {"state", sla::kClockStateCodes.ToCode(clock.state)},
                         {"met_at", OptionalTime(clock.met_at)}});
  }
  portal["deadlines"] = std::move(deadlines);
  return portal;
}

json CaseToJson(const domain::Case& c) {
  return json{
      {"id", c.id},
      {"number", c.number},
      {"type", domain::kCaseTypeCodes.ToCode(c.type)},
      {"channel", domain::kChannelCodes.ToCode(c.channel)},
      {"subject", c.subject},
      {"description", c.description},
      {"customer_id", c.customer_id},
      {"category_id", OptionalId(c.category_id)},
      {"product", c.product},
      {"model", c.model},
      {"batch", c.batch},
      {"serial", c.serial},
      {"urgency", domain::kUrgencyCodes.ToCode(c.urgency)},
      {"origin_class", domain::kOriginClassCodes.ToCode(c.origin_class)},
      {"remedy", domain::kRemedyCodes.ToCode(c.remedy)},
      {"status", c.status},
      {"department_id", OptionalId(c.department_id)},
      {"assignee_id", OptionalId(c.assignee_id)},
      {"responsible_department_id", OptionalId(c.responsible_department_id)},
      {"received_at", FormatTimestamp(c.received_at)},
      {"sla_due_at", OptionalTime(c.sla_due_at)},
      {"created_at", FormatTimestamp(c.created_at)},
      {"updated_at", FormatTimestamp(c.updated_at)},
      {"created_by", c.created_by == 0 ? json(nullptr) : json(c.created_by)},
      {"version", c.version},
  };
}

json CaseEventToJson(const domain::CaseEvent& event) {
  json changes = json::array();
  for (const auto& change : event.changes) {
    changes.push_back({{"field", change.field},
                       {"before", change.before ? json(*change.before) : json(nullptr)},
                       {"after", change.after ? json(*change.after) : json(nullptr)}});
  }
  return json{{"id", event.id},
              {"entity", event.entity},
              {"entity_id", event.entity_id},
              {"action", event.action},
              {"actor_user_id", OptionalId(event.actor_user_id)},
              {"at", FormatTimestamp(event.at)},
              {"changes", changes}};
}

Result<app::CreateCaseInput> ParseCreateCase(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CreateCaseInput input;
  input.type = reader.Enum("type", domain::kCaseTypeCodes);
  input.channel = reader.Enum("channel", domain::kChannelCodes);
  input.subject =
      reader.String("subject").value_or("");  // required-ness is checked with the rest of the case
  input.description = reader.String("description").value_or("");
  input.customer_id = reader.Integer("customer_id", 1, INT64_MAX);
  if (const json* customer = reader.Object("customer")) {
    ObjectReader customer_reader(*customer, errors, "customer");
    app::CustomerInput customer_input;
    ReadCustomerFields(customer_reader, customer_input);
    customer_reader.RejectUnknown();
    input.customer = std::move(customer_input);
  }
  input.category_id = reader.Integer("category_id", 1, INT64_MAX);
  input.product = reader.String("product").value_or("");
  input.model = reader.String("model").value_or("");
  input.batch = reader.String("batch").value_or("");
  input.serial = reader.String("serial").value_or("");
  input.urgency = reader.Enum("urgency", domain::kUrgencyCodes);
  input.origin_class = reader.Enum("origin_class", domain::kOriginClassCodes);
  input.remedy = reader.Enum("remedy", domain::kRemedyCodes);
  input.department_id = reader.Integer("department_id", 1, INT64_MAX);
  input.assignee_id = reader.Integer("assignee_id", 1, INT64_MAX);
  input.received_at = reader.Timestamp("received_at");
  input.acknowledge = reader.Boolean("acknowledge").value_or(true);
  if (const json* referral = reader.Object("referral")) {
    ObjectReader referral_reader(*referral, errors, "referral");
    domain::Referral given;
    given.regulator = referral_reader.String("regulator").value_or("");
    given.referral_number = referral_reader.String("referral_number").value_or("");
    given.referred_at = referral_reader.Timestamp("referred_at");
    given.regulator_due_at = referral_reader.Timestamp("regulator_due_at");
    referral_reader.RejectUnknown();
    input.referral = std::move(given);
  }
  return Finish(reader, errors, std::move(input));
}

json ReferralToJson(const std::optional<domain::Referral>& referral) {
  if (!referral) return nullptr;
  return {{"regulator", referral->regulator},
          {"referral_number", referral->referral_number},
          {"referred_at", OptionalTime(referral->referred_at)},
          {"regulator_due_at", OptionalTime(referral->regulator_due_at)}};
}

Result<app::CasePatch> ParseCasePatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CasePatch patch;
  patch.type = reader.Enum("type", domain::kCaseTypeCodes);
  patch.channel = reader.Enum("channel", domain::kChannelCodes);
  patch.subject = reader.String("subject");
  patch.description = reader.String("description");
  patch.category_id = reader.NullableId("category_id");
  patch.product = reader.String("product");
  patch.model = reader.String("model");
  patch.batch = reader.String("batch");
  patch.serial = reader.String("serial");
  patch.urgency = reader.Enum("urgency", domain::kUrgencyCodes);
  patch.origin_class = reader.Enum("origin_class", domain::kOriginClassCodes);
  patch.remedy = reader.Enum("remedy", domain::kRemedyCodes);
  if (reader.Has("status")) {
    std::ignore = reader.String("status");  // read so it is not also reported as unknown
    errors.Add("status", "validation.status_via_transitions");
  }
  patch.department_id = reader.NullableId("department_id");
  patch.assignee_id = reader.NullableId("assignee_id");
  return Finish(reader, errors, std::move(patch));
}

}  // namespace lt::http::wire
