#include "app/portal_sign_in.hpp"

#include "app/audit_trail.hpp"
#include "app/customers.hpp"
#include "app/field_rules.hpp"
#include "app/outbox.hpp"
#include "base/crypto.hpp"
#include "domain/portal_code.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"
#include "storage/portal_code_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxCustomerNameChars = 100;

Error RateLimited(TimestampMs wait_ms) {
  const std::int64_t seconds = std::max<std::int64_t>(1, (wait_ms + 999) / 1000);
  return Error::Of(ErrorCode::kRateLimited, "error.rate_limited",
                   {{"retry_after", std::to_string(seconds)}});
}

Error WrongCode() { return Error::Of(ErrorCode::kUnauthenticated, "error.sign_in_code"); }

// The message that carries the code.
domain::OutboxMessage CodeMessage(const domain::Contact& to, const std::string& code,
                                  i18n::Locale locale) {
  const std::vector<MessageArg> args = {
      {"code", code}, {"minutes", std::to_string(domain::kPortalCodeLifetimeMs / 60000)}};
  domain::OutboxMessage message;
  message.purpose = domain::OutboxPurpose::kSignInCode;
  message.recipient = to.value;
  if (to.kind == domain::ContactKind::kEmail) {
    message.channel = domain::OutboxChannel::kEmail;
    message.subject = i18n::Translate(locale, "portal.code_subject", args);
    message.body = i18n::Translate(locale, "portal.code_mail", args);
  } else {
    message.channel = domain::OutboxChannel::kSms;
    message.body = i18n::Translate(locale, "portal.code_text", args);
  }
  return message;
}

}  // namespace

Result<SignInCodeSent> RequestSignInCode(AppContext& context, const SignInCodeRequest& request) {
  const auto address = domain::ParseSignInAddress(request.address);
  if (!address) return Error::Invalid("address", "validation.sign_in_address");
  const TimestampMs now = context.clock.NowMs();
  SignInCodeSent sent;
  sent.channel = address->kind;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::PortalCodeStore codes(connection);
    LT_TRY(codes.LockRequests());
    const auto purpose = domain::PortalCodePurpose::kSignIn;
    LT_TRY_ASSIGN(const auto latest, codes.FindLatest(purpose, address->value));
    if (latest && now < latest->created_at + domain::kPortalCodeResendMs) {
      return RateLimited(latest->created_at + domain::kPortalCodeResendMs - now);
    }
    const TimestampMs window_start = now - domain::kPortalCodeWindowMs;
    LT_TRY_ASSIGN(const auto for_address,
                  codes.CountForAddress(purpose, address->value, window_start));
    LT_TRY_ASSIGN(const auto for_client,
                  codes.CountForClient(request.client_address, window_start));
    if (for_address >= domain::kPortalCodesPerAddress ||
        for_client >= domain::kPortalCodesPerClient) {
      return RateLimited(domain::kPortalCodeWindowMs);
    }
    LT_TRY_ASSIGN(const auto reach, ReachOfCustomers(connection));
    // A demonstration writes the code to the log when it cannot send it.
    if (!context.options.demo &&
        !(address->kind == domain::ContactKind::kEmail ? reach.mail : reach.text)) {
      return Error::Invalid("address", "validation.sign_in_unreachable");
    }
    const std::string code = RandomDigits(domain::kSignInCodeDigits);
    domain::PortalCode stored;
    stored.purpose = purpose;
    stored.address = address->value;
    stored.code_hash = domain::PortalCodeHash(purpose, address->value, code);
    stored.client_address = request.client_address;
    stored.created_at = now;
    stored.expires_at = now + domain::kPortalCodeLifetimeMs;
    LT_TRY(codes.Insert(stored));
    LT_TRY(QueueMessageWithoutCase(connection, CodeMessage(*address, code, request.locale), now));
    sent.expires_at = stored.expires_at;
    sent.resend_at = now + domain::kPortalCodeResendMs;
    return Ok();
  }));
  return sent;
}

Result<domain::User> PortalUserOf(storage::Connection& connection, const domain::Customer& customer,
                                  TimestampMs now) {
  storage::DirectoryStore directory(connection);
  LT_TRY_ASSIGN(auto users, directory.CustomerUsers(customer.id));
  for (const auto& user : users) {
    if (user.active) return user;
  }
  if (!users.empty()) return Error::Of(ErrorCode::kForbidden, "error.portal_user_inactive");
  domain::User user;
  // The portal user signs in with codes only; the e-mail column, which is
  // the password login's, holds an address that can never be delivered.
  user.email = "customer-" + std::to_string(customer.id) + "@portal.invalid";
  user.name = customer.name;
  user.role = domain::Role::kCustomer;
  user.customer_id = customer.id;
  user.locale = customer.language;
  user.created_at = now;
  LT_TRY_ASSIGN(user.id, directory.InsertUser(user, std::nullopt));
  LT_TRY(storage::AuditStore(connection)
             .Append(MakeEvent("user", user.id, "create", std::nullopt, now,
                               {{"role", std::nullopt, std::string("customer")},
                                {"customer_id", std::nullopt, std::to_string(customer.id)}})));
  return user;
}

Result<domain::User> SignInWithCode(AppContext& context, const SignInWithCodeInput& input) {
  FieldErrors errors;
  const auto address = domain::ParseSignInAddress(input.address);
  if (!address) errors.Add("address", "validation.sign_in_address");
  const std::string code = input.code;
  if (code.size() != domain::kSignInCodeDigits ||
      code.find_first_not_of("0123456789") != std::string::npos) {
    errors.Add("code", "validation.sign_in_code_format",
               {{"digits", std::to_string(domain::kSignInCodeDigits)}});
  }
  const std::string name = CheckText(input.name.value_or(""), "name", kMaxCustomerNameChars,
                                     Presence::kOptional, errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  bool wrong = false;
  domain::User user;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::PortalCodeStore codes(connection);
    LT_TRY_ASSIGN(const auto latest,
                  codes.FindLatest(domain::PortalCodePurpose::kSignIn, address->value));
    if (!latest || !domain::PortalCodeUsable(*latest, now)) return WrongCode();
    const std::string hash =
        domain::PortalCodeHash(domain::PortalCodePurpose::kSignIn, address->value, code);
    if (!ConstantTimeEquals(hash, latest->code_hash)) {
      wrong = true;  // counted: the transaction commits, the caller is refused
      return codes.RecordFailure(latest->id);
    }
    LT_TRY_ASSIGN(const bool first, codes.MarkUsed(latest->id, now));
    if (!first) return WrongCode();
    domain::Customer customer;
    customer.kind = domain::CustomerKind::kConsumer;
    customer.name = name.empty() ? address->value : name;
    customer.language = std::string(i18n::LocaleTag(input.locale));
    customer.contacts = {*address};
    customer.created_at = now;
    customer.updated_at = now;
    LT_TRY_ASSIGN(customer, MatchOrCreateCustomer(connection, std::move(customer),
                                                  domain::Principal::System(), now));
    LT_TRY_ASSIGN(user, PortalUserOf(connection, customer, now));
    return Ok();
  }));
  if (wrong) return WrongCode();
  return user;
}

}  // namespace lt::app
