#pragma once

// The WeChat Official Account (domain/wechat.hpp) as administrators keep it:
// AppID, AppSecret and the server configuration's Token (both secrets never
// read back, each kept unless a new one is given), the department of cases
// opened by WeChat, the template message for answers outside the 48-hour
// window, and a connection test that fetches an access token. Audited
// ("channel_settings", without the secrets).

#include <optional>
#include <string>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/wechat.hpp"

namespace lt::app {

struct WechatAccountView {
  domain::WechatAccount account;  // secrets blank
  bool app_secret_set = false;
  bool token_set = false;
};

struct WechatAccountInput {
  domain::WechatAccount account;          // secrets ignored
  std::optional<std::string> app_secret;  // nullopt: keep the stored one
  std::optional<std::string> token;       // nullopt: keep; 3 to 32 letters or digits
};

// The stored account with its secrets, for the intake and the outbox (no
// permission check: never hand it to a person). nullopt while none is set.
Result<std::optional<domain::WechatAccount>> LoadWechatAccount(AppContext& context);

// Admins only. nullopt while none is set.
Result<std::optional<WechatAccountView>> GetWechatAccount(AppContext& context,
                                                          const domain::Principal& principal);
// Errors: kForbidden; kInvalidArgument naming the field (app_id, app_secret,
// token, api_base, template_id, template_data, window_messages, department_id).
Result<WechatAccountView> SaveWechatAccount(AppContext& context, const domain::Principal& principal,
                                            const WechatAccountInput& input);

// Fetches an access token with the stored account now. Errors: kForbidden,
// kNotFound when none is stored.
struct WechatTestResult {
  bool ok = false;
  std::string answer;
};
Result<WechatTestResult> TestWechatAccount(AppContext& context, const domain::Principal& principal);

}  // namespace lt::app
