#include "app/wechat_binding.hpp"

#include "app/audit_trail.hpp"
#include "app/live_updates.hpp"
#include "base/crypto.hpp"
#include "domain/portal_code.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/interaction_store.hpp"
#include "storage/outbox_store.hpp"
#include "storage/portal_code_store.hpp"
#include "storage/wechat_follower_store.hpp"

namespace lt::app {
namespace {

constexpr auto kPurpose = domain::PortalCodePurpose::kWechatBinding;
constexpr int kMaxStandInCases = 200;

// The binding codes of one customer are counted under this address.
std::string CustomerKey(domain::Id customer_id) {
  return "customer:" + std::to_string(customer_id);
}

// The follower's first message made a stand-in customer with the OpenID as
// its only contact: its cases, and what it wrote on them, are the bound
// customer's now (a customer known otherwise keeps theirs).
Status TakeStandInCases(storage::Connection& connection, domain::Id stand_in,
                        domain::Id customer_id, TimestampMs now) {
  LT_TRY_ASSIGN(const auto holder, storage::CustomerStore(connection).Find(stand_in));
  if (!holder || !holder->contacts.empty()) return Ok();
  domain::CaseFilter filter;
  filter.customer_id = stand_in;
  filter.limit = kMaxStandInCases;
  domain::CaseScope everything;
  everything.all = true;
  storage::CaseStore cases(connection);
  LT_TRY_ASSIGN(const auto found, cases.List(filter, everything));
  for (const auto& before : found) {
    domain::Case moved = before;
    moved.customer_id = customer_id;
    moved.updated_at = now;
    LT_TRY(cases.Update(moved, before));
    LT_TRY(
        storage::InteractionStore(connection).MoveCustomerAuthor(before.id, stand_in, customer_id));
    LT_TRY(storage::AuditStore(connection)
               .Append(MakeEvent(
                   "case", before.id, "update", std::nullopt, now,
                   {{"customer_id", std::to_string(stand_in), std::to_string(customer_id)}})));
    LT_TRY(storage::PublishCaseChange(connection, ChangeOf(moved, "update", std::nullopt, now)));
  }
  return Ok();
}

}  // namespace

Result<WechatBindingCode> CreateWechatBindingCode(AppContext& context,
                                                  const domain::Principal& principal,
                                                  const std::string& client_address) {
  if (domain::IsStaff(principal) || !principal.customer_id) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  const domain::Id customer_id = *principal.customer_id;
  const TimestampMs now = context.clock.NowMs();
  WechatBindingCode result;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto account, storage::ChannelSettingsStore(connection).FindWechat());
    if (!account || account->token.empty()) {
      return Error::Of(ErrorCode::kConflict, "error.wechat_not_set_up");
    }
    storage::PortalCodeStore codes(connection);
    LT_TRY(codes.LockRequests());
    LT_TRY_ASSIGN(const auto asked, codes.CountForAddress(kPurpose, CustomerKey(customer_id),
                                                          now - domain::kPortalCodeWindowMs));
    if (asked >= domain::kPortalCodesPerAddress) {
      return Error::Of(ErrorCode::kRateLimited, "error.rate_limited",
                       {{"retry_after", std::to_string(domain::kPortalCodeWindowMs / 1000)}});
    }
    // A code is found by itself: choose one no live code has.
    std::string code;
    for (int attempt = 0; attempt < 8 && code.empty(); ++attempt) {
      std::string candidate = RandomDigits(domain::kBindingCodeDigits);
      LT_TRY_ASSIGN(const auto taken,
                    codes.FindByHash(domain::PortalCodeHash(kPurpose, "", candidate)));
      if (!taken || !domain::PortalCodeUsable(*taken, now)) code = std::move(candidate);
    }
    if (code.empty()) return Error::Internal("no free WeChat binding code");
    domain::PortalCode stored;
    stored.purpose = kPurpose;
    stored.address = CustomerKey(customer_id);
    stored.customer_id = customer_id;
    stored.code_hash = domain::PortalCodeHash(kPurpose, "", code);
    stored.client_address = client_address;
    stored.created_at = now;
    stored.expires_at = now + domain::kPortalCodeLifetimeMs;
    LT_TRY(codes.Insert(stored));
    result = {code, stored.expires_at};
    return Ok();
  }));
  return result;
}

Result<bool> HasWechatBinding(AppContext& context, const domain::Principal& principal) {
  if (!principal.customer_id) return false;
  bool bound = false;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto customer,
                  storage::CustomerStore(connection).Find(*principal.customer_id));
    if (!customer) return Ok();
    for (const auto& contact : customer->contacts) {
      bound = bound || contact.kind == domain::ContactKind::kWechat;
    }
    return Ok();
  }));
  return bound;
}

Result<WechatBindingOutcome> BindWechatFollower(AppContext& context, const std::string& openid,
                                                const std::string& code) {
  const TimestampMs now = context.clock.NowMs();
  WechatBindingOutcome outcome = WechatBindingOutcome::kWrongCode;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::WechatFollowerStore followers(connection);
    LT_TRY_ASSIGN(const auto follower, followers.Find(openid));
    int failures = 0;
    if (follower && follower->binding_failed_at &&
        now < *follower->binding_failed_at + domain::kWechatBindingLockMs) {
      failures = follower->binding_failures;
    }
    if (failures >= domain::kWechatBindingMaxFailures) {
      outcome = WechatBindingOutcome::kLocked;
      return Ok();
    }
    storage::PortalCodeStore codes(connection);
    LT_TRY_ASSIGN(const auto found, codes.FindByHash(domain::PortalCodeHash(kPurpose, "", code)));
    const domain::Contact contact{domain::ContactKind::kWechat, openid};
    storage::CustomerStore customers(connection);
    bool bound = false;
    if (found && found->customer_id && domain::PortalCodeUsable(*found, now)) {
      LT_TRY_ASSIGN(bound, codes.MarkUsed(found->id, now));
    } else if (found && found->customer_id && found->used_at) {
      // WeChat sent the message again (it had no answer in time): bound.
      LT_TRY_ASSIGN(const auto holder, customers.FindByContact(contact));
      if (holder == found->customer_id) {
        outcome = WechatBindingOutcome::kBound;
        return Ok();
      }
    }
    if (!bound) {
      outcome = failures + 1 >= domain::kWechatBindingMaxFailures
                    ? WechatBindingOutcome::kLocked
                    : WechatBindingOutcome::kWrongCode;
      return followers.RecordBindingFailure(openid, failures + 1, now);
    }
    LT_TRY_ASSIGN(const auto before, customers.MoveContact(contact, *found->customer_id));
    if (before) LT_TRY(TakeStandInCases(connection, *before, *found->customer_id, now));
    LT_TRY(followers.RecordBindingFailure(openid, 0, now));
    outcome = WechatBindingOutcome::kBound;
    return storage::AuditStore(connection)
        .Append(
            MakeEvent("customer", *found->customer_id, "wechat_bound", std::nullopt, now,
                      {{"contacts.wechat",
                        before ? std::optional<std::string>("customer " + std::to_string(*before))
                               : std::nullopt,
                        openid}}));
  }));
  return outcome;
}

}  // namespace lt::app
