#include "app/sms_intake.hpp"

#include "app/field_rules.hpp"
#include "app/outbox.hpp"
#include "domain/contact.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxSmsChars = 2000;
constexpr std::size_t kMaxIdChars = 200;

}  // namespace

Result<IngestedSms> IngestSms(AppContext& context, const IncomingSms& sms,
                              const std::string& signature) {
  FieldErrors errors;
  const auto phone = domain::NormalizePhone(sms.from);
  if (!phone) errors.Add("from", "validation.phone");
  const std::string text = CheckText(sms.text, "text", kMaxSmsChars, Presence::kRequired, errors);
  const std::string id = CheckText(sms.id, "id", kMaxIdChars, Presence::kRequired, errors);
  if (!errors.empty()) return errors.ToError();

  ChatMessageIn message;
  message.channel = domain::Channel::kSms;
  message.sender = {domain::ContactKind::kPhone, *phone};
  message.text = text;
  message.external_id = id;
  message.sent_at = sms.sent_at;
  message.signature = signature;
  LT_TRY_ASSIGN(const auto delivered, FindDeliveredChat(context, message));
  if (delivered) return *delivered;

  // A new case needs the gateway's settings: its department, and whether
  // the acknowledgement can go out.
  message.new_case = [&]() -> Result<NewChatCase> {
    std::optional<domain::SmsGateway> gateway;
    LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(gateway, storage::ChannelSettingsStore(connection).FindSms());
      return Ok();
    }));
    NewChatCase settings;
    settings.customer_name = *phone;
    if (gateway) settings.department_id = gateway->department_id;
    if (gateway && !gateway->url.empty()) {
      settings.acknowledge = [number = *phone](storage::Connection& connection,
                                               const domain::Case& a_case, TimestampMs now) {
        return QueueSmsAcknowledgement(connection, a_case, {"", number}, now);
      };
    }
    return settings;
  };
  return IngestChatMessage(context, message);
}

}  // namespace lt::app
