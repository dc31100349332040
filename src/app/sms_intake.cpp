#include "app/sms_intake.hpp"

#include <algorithm>
#include <cctype>

#include "app/cases.hpp"
#include "app/field_rules.hpp"
#include "app/interactions.hpp"
#include "app/outbox.hpp"
#include "base/utf8.hpp"
#include "domain/case_number.hpp"
#include "domain/contact.hpp"
#include "domain/queue.hpp"
#include "storage/case_store.hpp"
#include "storage/channel_message_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/outbox_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxTextChars = 2000;
constexpr std::size_t kMaxIdChars = 200;
constexpr std::size_t kSubjectChars = 40;

std::string ChannelCode(domain::Channel channel) {
  return std::string(domain::kChannelCodes.ToCode(channel));
}

// The case numbers written in a text, in upper case ("ts-2026-000123" too).
std::vector<std::string> CaseNumbersIn(const std::string& text, const std::string& prefix) {
  std::vector<std::string> numbers;
  std::string token;
  const auto flush = [&] {
    if (domain::LooksLikeCaseNumber(token) && token.rfind(prefix + "-", 0) == 0) {
      numbers.push_back(token);
    }
    token.clear();
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-') {
      token += static_cast<char>(std::toupper(byte));
    } else {
      flush();
    }
  }
  flush();
  return numbers;
}

// The customer's case the text belongs to: one it names, else the latest
// open one received within the window.
Result<std::optional<domain::Case>> FindCase(AppContext& context, const std::string& phone,
                                             const std::string& text, TimestampMs now) {
  std::optional<domain::Case> found;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(
        const auto customer,
        storage::CustomerStore(connection).FindByContact({domain::ContactKind::kPhone, phone}));
    if (!customer) return Ok();
    storage::CaseStore cases(connection);
    LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
    const auto open = domain::OpenStates(*workflow);
    for (const auto& number : CaseNumbersIn(text, context.options.case_number_prefix)) {
      LT_TRY_ASSIGN(const auto named, cases.FindByNumber(number));
      // Only the sender's own case: a number typed by someone else opens nothing of theirs.
      if (named && named->customer_id == *customer) {
        found = named;
        return Ok();
      }
    }
    if (context.options.mail_thread_window_ms <= 0) return Ok();
    domain::CaseFilter filter;
    filter.customer_id = *customer;
    filter.statuses = open;
    filter.received_from = now - context.options.mail_thread_window_ms;
    filter.sort = {domain::CaseSortField::kReceivedAt, true};
    filter.limit = 1;
    domain::CaseScope everything;
    everything.all = true;
    LT_TRY_ASSIGN(const auto latest, cases.List(filter, everything));
    if (!latest.empty()) found = latest.front();
    return Ok();
  }));
  return found;
}

// A new case for the text, in the department the gateway's settings name.
Result<domain::Case> OpenCase(AppContext& context, const std::string& phone, const IncomingSms& sms,
                              const std::optional<domain::SmsGateway>& gateway) {
  CreateCaseInput input;
  input.type = domain::CaseType::kComplaint;
  input.channel = domain::Channel::kSms;
  // The first line that says something ("\n\n漏水" too).
  std::string first_line;
  for (std::size_t at = 0; first_line.empty() && at < sms.text.size();) {
    const std::size_t end = std::min(sms.text.find('\n', at), sms.text.size());
    first_line = TrimSpace(std::string_view(sms.text).substr(at, end - at));
    at = end + 1;
  }
  std::string subject = TruncateCodePoints(first_line, kSubjectChars);
  if (subject.size() < first_line.size()) subject += "…";
  input.subject = subject;
  input.description = sms.text;
  if (gateway) input.department_id = gateway->department_id;
  CustomerInput customer;
  customer.name = phone;
  customer.phones = {phone};
  input.customer = customer;
  const IdempotencyKey key{"sms:" + sms.id, "sms:" + sms.id};
  LT_TRY_ASSIGN(auto created, CreateCase(context, domain::Principal::System(), input, key));
  return std::move(created.a_case);
}

}  // namespace

Result<IngestedSms> IngestSms(AppContext& context, const IncomingSms& sms,
                              const std::string& signature) {
  const TimestampMs now = context.clock.NowMs();
  FieldErrors errors;
  const auto phone = domain::NormalizePhone(sms.from);
  if (!phone) errors.Add("from", "validation.phone");
  const std::string text = CheckText(sms.text, "text", kMaxTextChars, Presence::kRequired, errors);
  const std::string id = CheckText(sms.id, "id", kMaxIdChars, Presence::kRequired, errors);
  if (!errors.empty()) return errors.ToError();
  const std::string channel = ChannelCode(domain::Channel::kSms);

  IngestedSms outcome;
  std::optional<storage::ChannelMessage> earlier;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(earlier, storage::ChannelMessageStore(connection).Find(channel, id));
    if (!earlier || !earlier->case_id) return Ok();
    LT_TRY_ASSIGN(const auto a_case, storage::CaseStore(connection).Find(*earlier->case_id));
    if (a_case) outcome.case_number = a_case->number;
    return Ok();
  }));
  if (earlier) {
    outcome.case_id = earlier->case_id.value_or(0);
    outcome.interaction_id = earlier->interaction_id.value_or(0);
    outcome.duplicate = true;
    LT_TRY(context.database.Write([&](storage::Connection& connection) {
      return RecordWebhookReceipt(connection, domain::Channel::kSms, signature, now);
    }));
    return outcome;
  }

  IncomingSms checked = sms;
  checked.text = text;
  checked.id = id;
  LT_TRY_ASSIGN(std::optional<domain::Case> a_case, FindCase(context, *phone, text, now));
  // A new case needs the gateway's settings: its department, and whether
  // the acknowledgement can go out.
  std::optional<domain::SmsGateway> gateway;
  if (!a_case) {
    LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(gateway, storage::ChannelSettingsStore(connection).FindSms());
      return Ok();
    }));
    LT_TRY_ASSIGN(a_case, OpenCase(context, *phone, checked, gateway));
    outcome.new_case = true;
  }
  InteractionInput input;
  input.direction = domain::Direction::kInbound;
  input.channel = domain::Channel::kSms;
  input.visibility = domain::Visibility::kPublic;
  input.author_customer_id = a_case->customer_id;
  input.occurred_at = std::min(sms.sent_at.value_or(now), now);
  input.body = text;
  // The text, its record and the request's signature land together: a
  // delivery of the same text racing this one finds it stored.
  LT_TRY_ASSIGN(
      const domain::Interaction added,
      AddInteraction(context, domain::Principal::System(), a_case->id, input,
                     [&](storage::Connection& connection, const domain::Case& landed,
                         const domain::Interaction& interaction) -> Status {
                       LT_TRY(
                           RecordWebhookReceipt(connection, domain::Channel::kSms, signature, now));
                       storage::ChannelMessage message;
                       message.channel = channel;
                       message.external_id = id;
                       message.sender = *phone;
                       message.case_id = landed.id;
                       message.interaction_id = interaction.id;
                       message.received_at = now;
                       LT_TRY_ASSIGN(const bool stored,
                                     storage::ChannelMessageStore(connection).Insert(message));
                       if (!stored) return Error::Of(ErrorCode::kConflict, "error.webhook_replay");
                       // The acknowledgement of a new case, when the gateway can send.
                       if (!outcome.new_case || !gateway || gateway->url.empty()) return Ok();
                       return QueueSmsAcknowledgement(connection, landed, {"", *phone}, now);
                     }));
  outcome.case_id = a_case->id;
  outcome.case_number = a_case->number;
  outcome.interaction_id = added.id;
  return outcome;
}

}  // namespace lt::app
