#include "http/json/interaction_wire.hpp"

#include "base/crypto.hpp"
#include "base/time_format.hpp"
#include "domain/mail_thread.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

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
  // An e-mail's quoted history (the earlier messages it carries below the
  // answer) is told apart, so that a timeline can fold it.
  json quoted = nullptr;
  if (interaction.channel == domain::Channel::kEmail) {
    const auto split = domain::SplitQuotedHistory(interaction.body);
    if (!split.quoted.empty()) quoted = {{"fresh", split.fresh}, {"history", split.quoted}};
  }
  return json{{"id", interaction.id},
              {"case_id", interaction.case_id},
              {"direction", domain::kDirectionCodes.ToCode(interaction.direction)},
              {"channel", domain::kChannelCodes.ToCode(interaction.channel)},
              {"visibility", domain::kVisibilityCodes.ToCode(interaction.visibility)},
              {"author_user_id", OptionalId(interaction.author_user_id)},
              {"author_customer_id", OptionalId(interaction.author_customer_id)},
              {"body", interaction.body},
              {"quoted", quoted},
              {"attachments", attachments},
              {"delivery", domain::kDeliveryCodes.ToCode(interaction.delivery)},
              {"occurred_at", FormatTimestamp(interaction.occurred_at)},
              {"created_at", FormatTimestamp(interaction.created_at)}};
}

std::vector<app::AttachmentInput> ParseAttachmentInputs(ObjectReader& reader, FieldErrors& errors) {
  std::vector<app::AttachmentInput> inputs;
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
      inputs.push_back(std::move(attachment));
    }
  }
  return inputs;
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
  input.attachments = ParseAttachmentInputs(reader, errors);
  return Finish(reader, errors, std::move(input));
}

}  // namespace lt::http::wire
