#include "app/wechat_account.hpp"

#include <cctype>

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "app/references.hpp"
#include "base/utf8.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_store.hpp"

namespace lt::app {
namespace {

bool IsAlnum(const std::string& text, std::size_t min, std::size_t max) {
  if (text.size() < min || text.size() > max) return false;
  for (const char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Result<domain::WechatAccount> Checked(const WechatAccountInput& input,
                                      const std::optional<domain::WechatAccount>& stored) {
  domain::WechatAccount account = input.account;
  FieldErrors errors;
  account.app_id = TrimSpace(account.app_id);
  if (!IsAlnum(account.app_id, 1, 64)) errors.Add("app_id", "validation.wechat_app_id");
  account.api_base = TrimSpace(account.api_base);
  while (!account.api_base.empty() && account.api_base.back() == '/') account.api_base.pop_back();
  if (!IsHttpUrl(account.api_base) || account.api_base.size() > 500) {
    errors.Add("api_base", "validation.http_url");
  }
  if (input.app_secret && !IsAlnum(*input.app_secret, 1, 128)) {
    errors.Add("app_secret", "validation.wechat_app_secret");
  }
  // WeChat's own rule for the Token: 3 to 32 English letters or digits.
  if (input.token && !IsAlnum(*input.token, 3, 32)) errors.Add("token", "validation.wechat_token");
  account.template_id = TrimSpace(account.template_id);
  if (account.template_id.size() > 128 || HasControlCharacters(account.template_id)) {
    errors.Add("template_id", "validation.wechat_template_id");
  }
  if (!account.template_id.empty()) {
    const Status data = domain::CheckWechatTemplate(account.template_data);
    if (!data.ok()) {
      for (const auto& field : data.error().fields) errors.Add(field.field, field.key, field.args);
    }
  }
  if (!errors.empty()) return errors.ToError();
  account.app_secret = input.app_secret ? *input.app_secret : (stored ? stored->app_secret : "");
  account.token = input.token ? *input.token : (stored ? stored->token : "");
  if (account.app_secret.empty()) return Error::Invalid("app_secret", "validation.required");
  if (account.token.empty()) return Error::Invalid("token", "validation.required");
  return account;
}

WechatAccountView ViewOf(domain::WechatAccount account) {
  WechatAccountView view;
  view.app_secret_set = !account.app_secret.empty();
  view.token_set = !account.token.empty();
  account.app_secret.clear();
  account.token.clear();
  view.account = std::move(account);
  return view;
}

std::string Describe(const domain::WechatAccount& account) {
  return account.app_id + " " + account.api_base +
         " department=" + (account.department_id ? std::to_string(*account.department_id) : "-") +
         " template=" + (account.template_id.empty() ? "-" : account.template_id) +
         " window=" + std::to_string(account.window_messages);
}

}  // namespace

Result<std::optional<domain::WechatAccount>> LoadWechatAccount(AppContext& context) {
  std::optional<domain::WechatAccount> stored;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(stored, storage::ChannelSettingsStore(connection).FindWechat());
    return Ok();
  }));
  return stored;
}

Result<std::optional<WechatAccountView>> GetWechatAccount(AppContext& context,
                                                          const domain::Principal& principal) {
  LT_TRY(RequireAdmin(principal));
  LT_TRY_ASSIGN(const auto stored, LoadWechatAccount(context));
  if (!stored) return std::optional<WechatAccountView>();
  return std::optional<WechatAccountView>(ViewOf(*stored));
}

Result<WechatAccountView> SaveWechatAccount(AppContext& context, const domain::Principal& principal,
                                            const WechatAccountInput& input) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  domain::WechatAccount saved;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::ChannelSettingsStore store(connection);
    LT_TRY_ASSIGN(const auto stored, store.FindWechat());
    LT_TRY_ASSIGN(saved, Checked(input, stored));
    FieldErrors errors;
    LT_TRY(CheckReference(connection, Reference::kDepartment, saved.department_id, "department_id",
                          errors));
    if (!errors.empty()) return errors.ToError();
    LT_TRY(store.SaveWechat(saved, now, principal.user_id));
    ChangeList changes;
    changes.Record("wechat", stored ? std::optional<std::string>(Describe(*stored)) : std::nullopt,
                   std::optional<std::string>(Describe(saved)));
    if (input.app_secret) changes.Record("app_secret", std::nullopt, std::string("(changed)"));
    if (input.token) changes.Record("token", std::nullopt, std::string("(changed)"));
    return storage::AuditStore(connection)
        .Append(MakeEvent("channel_settings", 0, "update", principal.user_id, now, changes.Take()));
  }));
  return ViewOf(saved);
}

Result<WechatTestResult> TestWechatAccount(AppContext& context,
                                           const domain::Principal& principal) {
  LT_TRY(RequireAdmin(principal));
  LT_TRY_ASSIGN(const auto stored, LoadWechatAccount(context));
  if (!stored) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  if (!context.wechat_sender) return WechatTestResult{false, "this node cannot reach WeChat"};
  const domain::SendOutcome outcome = context.wechat_sender->CheckAccount(*stored);
  return WechatTestResult{outcome.kind == domain::SendOutcome::Kind::kSent, outcome.answer};
}

}  // namespace lt::app
