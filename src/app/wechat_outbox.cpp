#include "app/wechat_outbox.hpp"

#include "app/department_calendars.hpp"
#include "domain/contact.hpp"
#include "storage/case_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/outbox_store.hpp"
#include "storage/wechat_follower_store.hpp"

namespace lt::app {
namespace {

using Outcome = domain::SendOutcome;
using Route = domain::WechatRoute;

struct WechatFacts {
  std::optional<domain::WechatAccount> account;
  std::optional<domain::WechatFollower> follower;
  std::optional<domain::Case> a_case;
  std::optional<MailRecipient> mobile;  // for the SMS route, when the gateway is set up
  std::string local_time;               // now, as the case's department reads it
};

Result<WechatFacts> FactsOf(AppContext& context, const domain::OutboxMessage& message,
                            TimestampMs now) {
  WechatFacts facts;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    storage::ChannelSettingsStore settings(connection);
    LT_TRY_ASSIGN(facts.account, settings.FindWechat());
    LT_TRY_ASSIGN(facts.follower, storage::WechatFollowerStore(connection).Find(message.recipient));
    if (message.case_id) {
      LT_TRY_ASSIGN(facts.a_case, storage::CaseStore(connection).Find(*message.case_id));
    }
    LT_TRY_ASSIGN(const auto sms, settings.FindSms());
    if (facts.a_case && sms && !sms->url.empty()) {
      LT_TRY_ASSIGN(facts.mobile, SmsRecipientOf(connection, *facts.a_case));
    }
    LT_TRY_ASSIGN(const auto calendar,
                  CalendarForDepartment(connection,
                                        facts.a_case ? facts.a_case->department_id : std::nullopt));
    facts.local_time = calendar->FormatLocal(now).substr(0, 16);
    return Ok();
  }));
  return facts;
}

Status Record(AppContext& context, Id id, Route route) {
  return context.database.Write([&](storage::Connection& connection) {
    return storage::OutboxStore(connection).RecordRoute(id, route);
  });
}

}  // namespace

Result<std::optional<MailRecipient>> WechatRecipientOf(storage::Connection& connection,
                                                       const domain::Case& a_case) {
  LT_TRY_ASSIGN(const auto customer, storage::CustomerStore(connection).Find(a_case.customer_id));
  if (!customer) return std::optional<MailRecipient>();
  std::optional<MailRecipient> latest;
  for (const auto& contact : customer->contacts) {
    if (contact.kind == domain::ContactKind::kWechat) latest = {customer->name, contact.value};
  }
  return latest;
}

Result<std::optional<Outcome>> AttemptWechat(AppContext& context,
                                             const domain::OutboxMessage& message) {
  const TimestampMs now = context.clock.NowMs();
  LT_TRY_ASSIGN(const WechatFacts facts, FactsOf(context, message, now));
  if (!facts.account || facts.account->app_id.empty()) {
    return std::optional<Outcome>(
        Outcome{Outcome::Kind::kTemporary, "no WeChat account is set up (Settings, WeChat)"});
  }
  if (!context.wechat_sender) {
    return std::optional<Outcome>(
        Outcome{Outcome::Kind::kTemporary, "this node cannot reach WeChat"});
  }
  const domain::WechatAccount& account = *facts.account;
  Route route = message.route;
  std::string closed_answer;

  if (route == Route::kNone || route == Route::kCustomerService) {
    if (facts.follower && domain::InWechatWindow(*facts.follower, account, now)) {
      if (route == Route::kNone) LT_TRY(Record(context, message.id, Route::kCustomerService));
      const domain::WechatOutcome sent =
          context.wechat_sender->SendText(account, message.recipient, message.body);
      if (sent.outcome.kind == Outcome::Kind::kSent) {
        LT_TRY(context.database.Write([&](storage::Connection& connection) {
          return storage::WechatFollowerStore(connection).RecordSent(message.recipient, now);
        }));
      }
      if (!sent.window_closed) return std::optional<Outcome>(sent.outcome);
      closed_answer = sent.outcome.answer + "; ";
    }
    route = account.template_id.empty() ? Route::kSms : Route::kTemplate;
  }

  if (route == Route::kTemplate) {
    if (message.route != Route::kTemplate) LT_TRY(Record(context, message.id, Route::kTemplate));
    const std::string data = domain::FillWechatTemplate(
        account.template_data,
        {facts.a_case ? facts.a_case->number : std::string(), message.body, facts.local_time});
    domain::WechatOutcome sent =
        context.wechat_sender->SendTemplate(account, message.recipient, data, "");
    sent.outcome.answer = closed_answer + sent.outcome.answer;
    // A follower who unfollowed cannot get a template message either.
    if (!sent.window_closed || !facts.mobile) return std::optional<Outcome>(sent.outcome);
    closed_answer = sent.outcome.answer + "; ";
  }

  if (!facts.mobile) {
    return std::optional<Outcome>(Outcome{
        Outcome::Kind::kPermanent,
        closed_answer + "outside WeChat's 48-hour window, with no template message set up and no "
                        "mobile number to text"});
  }
  LT_TRY(context.database.Write([&](storage::Connection& connection) {
    return storage::OutboxStore(connection)
        .Reroute(message.id, domain::OutboxChannel::kSms, facts.mobile->address, Route::kSms);
  }));
  return std::optional<Outcome>();
}

}  // namespace lt::app
