#pragma once

// Binding a WeChat follower to a customer (issue 16): a customer signed in
// to the portal asks for a binding code and sends "绑定 <code>" to the
// Official Account; the follower's OpenID then becomes that customer's
// contact (taken from the stand-in customer the follower's first message
// made, whose cases become theirs), so that what they write on WeChat lands on their cases and
// answers reach them there. Codes are those of domain/portal_code.hpp; a
// follower who sent kWechatBindingMaxFailures wrong codes is refused for
// kWechatBindingLockMs.

#include <string>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"

namespace lt::app {

struct WechatBindingCode {
  std::string code;
  TimestampMs expires_at = 0;
};

// Errors: kForbidden (not a portal customer), kConflict
// "error.wechat_not_set_up" (no Official Account), kRateLimited
// (retry_after; kPortalCodesPerAddress an hour per customer).
Result<WechatBindingCode> CreateWechatBindingCode(AppContext& context,
                                                  const domain::Principal& principal,
                                                  const std::string& client_address);

// Whether the customer's contacts include a WeChat OpenID.
Result<bool> HasWechatBinding(AppContext& context, const domain::Principal& principal);

enum class WechatBindingOutcome { kBound, kWrongCode, kLocked };

// A follower sent a binding code. Records a wrong one against them.
Result<WechatBindingOutcome> BindWechatFollower(AppContext& context, const std::string& openid,
                                                const std::string& code);

}  // namespace lt::app
