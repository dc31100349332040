#include "http/json/wire.hpp"

#include "base/crypto.hpp"
#include "base/time_format.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
namespace {

using nlohmann::json;

void ReadCustomerFields(ObjectReader& reader, app::CustomerInput& input) {
  input.name = reader.String("name").value_or("");
  input.kind = reader.Enum("kind", domain::kCustomerKindCodes);
  if (auto phone = reader.String("phone")) input.phones.push_back(*phone);
  if (auto phones = reader.StringList("phones"))
    input.phones.insert(input.phones.end(), phones->begin(), phones->end());
  if (auto email = reader.String("email")) input.emails.push_back(*email);
  if (auto emails = reader.StringList("emails"))
    input.emails.insert(input.emails.end(), emails->begin(), emails->end());
  input.organization = reader.String("organization").value_or("");
  input.region = reader.String("region").value_or("");
  input.language = reader.String("language");
  input.segment = reader.Enum("segment", domain::kSegmentCodes);
}

}  // namespace

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

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

json CustomerToJson(const domain::Customer& customer) {
  json phones = json::array(), emails = json::array(), others = json::array();
  for (const auto& contact : customer.contacts) {
    (contact.kind == domain::ContactKind::kPhone   ? phones
     : contact.kind == domain::ContactKind::kEmail ? emails
                                                   : others)
        .push_back(contact.value);
  }
  return json{{"id", customer.id},
              {"kind", domain::kCustomerKindCodes.ToCode(customer.kind)},
              {"name", customer.name},
              {"organization", customer.organization},
              {"region", customer.region},
              {"language", customer.language},
              {"segment", domain::kSegmentCodes.ToCode(customer.segment)},
              {"phones", phones},
              {"emails", emails},
              {"created_at", FormatTimestamp(customer.created_at)},
              {"updated_at", FormatTimestamp(customer.updated_at)}};
}

json InteractionToJson(const domain::Interaction& interaction) {
  json attachments = json::array();
  for (const auto& attachment : interaction.attachments) {
    attachments.push_back({{"id", attachment.id},
                           {"filename", attachment.filename},
                           {"content_type", attachment.content_type},
                           {"size_bytes", attachment.size_bytes},
                           {"sha256", attachment.sha256},
                           {"url", "/api/v1/attachments/" + std::to_string(attachment.id)}});
  }
  return json{{"id", interaction.id},
              {"case_id", interaction.case_id},
              {"direction", domain::kDirectionCodes.ToCode(interaction.direction)},
              {"channel", domain::kChannelCodes.ToCode(interaction.channel)},
              {"visibility", domain::kVisibilityCodes.ToCode(interaction.visibility)},
              {"author_user_id", OptionalId(interaction.author_user_id)},
              {"author_customer_id", OptionalId(interaction.author_customer_id)},
              {"body", interaction.body},
              {"attachments", attachments},
              {"delivery", domain::kDeliveryCodes.ToCode(interaction.delivery)},
              {"occurred_at", FormatTimestamp(interaction.occurred_at)},
              {"created_at", FormatTimestamp(interaction.created_at)}};
}

json DepartmentToJson(const domain::Department& department) {
  return json{{"id", department.id},
              {"code", department.code},
              {"name", department.name},
              {"parent_id", OptionalId(department.parent_id)},
              {"calendar_id", OptionalId(department.calendar_id)},
              {"created_at", FormatTimestamp(department.created_at)}};
}

json UserToJson(const domain::User& user) {
  return json{{"id", user.id},
              {"email", user.email},
              {"name", user.name},
              {"role", domain::kRoleCodes.ToCode(user.role)},
              {"department_ids", user.department_ids},
              {"customer_id", OptionalId(user.customer_id)},
              {"locale", user.locale},
              {"active", user.active},
              {"created_at", FormatTimestamp(user.created_at)}};
}

json CategoryToJson(const domain::Category& category) {
  return json{{"id", category.id},
              {"code", category.code},
              {"name", category.name},
              {"parent_id", OptionalId(category.parent_id)},
              {"active", category.active}};
}

json TokenToJson(const domain::ApiToken& token) {
  return json{{"id", token.id},
              {"user_id", token.user_id},
              {"name", token.name},
              {"prefix", token.prefix},
              {"created_at", FormatTimestamp(token.created_at)},
              {"last_used_at", OptionalTime(token.last_used_at)},
              {"revoked_at", OptionalTime(token.revoked_at)}};
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
  return Finish(reader, errors, std::move(input));
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

Result<app::CustomerInput> ParseCustomerInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CustomerInput input;
  ReadCustomerFields(reader, input);
  return Finish(reader, errors, std::move(input));
}

Result<app::CustomerPatch> ParseCustomerPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CustomerPatch patch;
  patch.name = reader.String("name");
  patch.kind = reader.Enum("kind", domain::kCustomerKindCodes);
  patch.phones = reader.StringList("phones");
  patch.emails = reader.StringList("emails");
  patch.organization = reader.String("organization");
  patch.region = reader.String("region");
  patch.language = reader.String("language");
  patch.segment = reader.Enum("segment", domain::kSegmentCodes);
  return Finish(reader, errors, std::move(patch));
}

Result<app::InteractionInput> ParseInteractionInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::InteractionInput input;
  input.direction = reader.Enum("direction", domain::kDirectionCodes);
  input.channel = reader.Enum("channel", domain::kChannelCodes);
  input.visibility = reader.Enum("visibility", domain::kVisibilityCodes);
  input.body = reader.RequiredString("body");
  input.occurred_at = reader.Timestamp("occurred_at");
  if (const json* attachments = reader.Array("attachments")) {
    for (std::size_t i = 0; i < attachments->size(); ++i) {
      const std::string path = "attachments[" + std::to_string(i) + "]";
      const json& item = (*attachments)[i];
      if (!item.is_object()) {
        errors.Add(path, "validation.type_object");
        continue;
      }
      ObjectReader item_reader(item, errors, path);
      app::AttachmentInput attachment;
      attachment.filename = item_reader.RequiredString("filename");
      attachment.content_type = item_reader.RequiredString("content_type");
      const std::string encoded = item_reader.RequiredString("content_base64");
      item_reader.RejectUnknown();
      auto decoded = DecodeBase64(encoded);
      if (!decoded.ok()) {
        errors.Add(path + ".content_base64", "validation.base64");
      } else {
        attachment.content = std::move(*decoded);
      }
      input.attachments.push_back(std::move(attachment));
    }
  }
  return Finish(reader, errors, std::move(input));
}

Result<app::DepartmentInput> ParseDepartmentInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::DepartmentInput input;
  input.code = reader.RequiredString("code");
  input.name = reader.RequiredString("name");
  input.parent_id = reader.Integer("parent_id", 1, INT64_MAX);
  input.calendar_id = reader.Integer("calendar_id", 1, INT64_MAX);
  return Finish(reader, errors, std::move(input));
}

Result<app::DepartmentPatch> ParseDepartmentPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::DepartmentPatch patch;
  patch.code = reader.String("code");
  patch.name = reader.String("name");
  patch.parent_id = reader.NullableId("parent_id");
  patch.calendar_id = reader.NullableId("calendar_id");
  return Finish(reader, errors, std::move(patch));
}

Result<app::UserInput> ParseUserInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::UserInput input;
  input.email = reader.RequiredString("email");
  input.name = reader.RequiredString("name");
  input.role = reader.Enum("role", domain::kRoleCodes);
  if (!reader.Has("role")) errors.Add("role", "validation.required");
  input.department_ids = reader.IdList("department_ids").value_or(std::vector<std::int64_t>{});
  input.customer_id = reader.Integer("customer_id", 1, INT64_MAX);
  input.locale = reader.String("locale").value_or("zh-CN");
  input.password = reader.String("password");
  return Finish(reader, errors, std::move(input));
}

Result<app::UserPatch> ParseUserPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::UserPatch patch;
  patch.email = reader.String("email");
  patch.name = reader.String("name");
  patch.role = reader.Enum("role", domain::kRoleCodes);
  patch.department_ids = reader.IdList("department_ids");
  patch.customer_id = reader.NullableId("customer_id");
  patch.locale = reader.String("locale");
  patch.active = reader.Boolean("active");
  patch.password = reader.String("password");
  return Finish(reader, errors, std::move(patch));
}

Result<app::CategoryInput> ParseCategoryInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CategoryInput input;
  input.code = reader.RequiredString("code");
  input.name = reader.RequiredString("name");
  input.parent_id = reader.Integer("parent_id", 1, INT64_MAX);
  return Finish(reader, errors, std::move(input));
}

Result<app::CategoryPatch> ParseCategoryPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CategoryPatch patch;
  patch.code = reader.String("code");
  patch.name = reader.String("name");
  patch.parent_id = reader.NullableId("parent_id");
  patch.active = reader.Boolean("active");
  return Finish(reader, errors, std::move(patch));
}

}  // namespace lt::http::wire
