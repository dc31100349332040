#include "http/json/customer_wire.hpp"

#include "base/time_format.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
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

json CustomerToJson(const domain::Customer& customer) {
  json phones = json::array(), emails = json::array(), openids = json::array(),
       others = json::array();
  for (const auto& contact : customer.contacts) {
    (contact.kind == domain::ContactKind::kPhone    ? phones
     : contact.kind == domain::ContactKind::kEmail  ? emails
     : contact.kind == domain::ContactKind::kWechat ? openids
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
              {"wechat_openids", openids},
              {"created_at", FormatTimestamp(customer.created_at)},
              {"updated_at", FormatTimestamp(customer.updated_at)}};
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

}  // namespace lt::http::wire
