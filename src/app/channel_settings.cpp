#include "app/channel_settings.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "app/mail_server_rules.hpp"
#include "base/utf8.hpp"
#include "domain/contact.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_store.hpp"

namespace lt::app {
namespace {

// The settings as they will be stored: checked, the address normalised and
// the password resolved against the stored one.
Result<domain::SmtpSettings> Checked(const SmtpSettingsInput& input,
                                     const std::optional<domain::SmtpSettings>& stored) {
  domain::SmtpSettings settings = input.settings;
  FieldErrors errors;
  CheckMailServer(settings, input.password, errors);
  const auto from = domain::NormalizeEmail(settings.from_address);
  if (!from) {
    errors.Add("from_address", "validation.email");
  } else {
    settings.from_address = *from;
  }
  settings.from_name = CheckText(settings.from_name, "from_name", 100, Presence::kOptional, errors);
  settings.username = TrimSpace(settings.username);
  if (!errors.empty()) return errors.ToError();
  settings.password = input.password ? *input.password : (stored ? stored->password : "");
  return settings;
}

SmtpSettingsView ViewOf(domain::SmtpSettings settings) {
  SmtpSettingsView view;
  view.password_set = !settings.password.empty();
  settings.password.clear();
  view.settings = std::move(settings);
  return view;
}

std::string Describe(const domain::SmtpSettings& settings) {
  return settings.host + ":" + std::to_string(settings.port) + " " +
         std::string(domain::kMailSecurityCodes.ToCode(settings.security)) +
         (settings.verify_certificate ? "" : " unverified") + " user=" + settings.username +
         " from=" + settings.from_name + " <" + settings.from_address + ">";
}

}  // namespace

Result<std::optional<SmtpSettingsView>> GetSmtpSettings(AppContext& context,
                                                        const domain::Principal& principal) {
  LT_TRY(RequireAdmin(principal));
  std::optional<domain::SmtpSettings> stored;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(stored, storage::ChannelSettingsStore(connection).FindSmtp());
    return Ok();
  }));
  if (!stored) return std::optional<SmtpSettingsView>();
  return std::optional<SmtpSettingsView>(ViewOf(*stored));
}

Result<SmtpSettingsView> SaveSmtpSettings(AppContext& context, const domain::Principal& principal,
                                          const SmtpSettingsInput& input) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  domain::SmtpSettings saved;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::ChannelSettingsStore store(connection);
    LT_TRY_ASSIGN(const auto stored, store.FindSmtp());
    LT_TRY_ASSIGN(saved, Checked(input, stored));
    LT_TRY(store.SaveSmtp(saved, now, principal.user_id));
    ChangeList changes;
    changes.Record("smtp", stored ? std::optional<std::string>(Describe(*stored)) : std::nullopt,
                   std::optional<std::string>(Describe(saved)));
    if (input.password) changes.Record("password", std::nullopt, std::string("(changed)"));
    return storage::AuditStore(connection)
        .Append(MakeEvent("channel_settings", 0, "update", principal.user_id, now, changes.Take()));
  }));
  return ViewOf(saved);
}

Result<SmtpTestResult> TestSmtpSettings(AppContext& context, const domain::Principal& principal,
                                        const std::optional<SmtpSettingsInput>& input) {
  LT_TRY(RequireAdmin(principal));
  std::optional<domain::SmtpSettings> stored;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(stored, storage::ChannelSettingsStore(connection).FindSmtp());
    return Ok();
  }));
  domain::SmtpSettings settings;
  if (input) {
    LT_TRY_ASSIGN(settings, Checked(*input, stored));
  } else if (stored) {
    settings = *stored;
  } else {
    return Error::Of(ErrorCode::kNotFound, "error.not_found");
  }
  if (!context.mail_sender) return SmtpTestResult{false, "this node cannot send e-mail"};
  const Status tested = context.mail_sender->TestConnection(settings);
  if (tested.ok()) return SmtpTestResult{true, ""};
  return SmtpTestResult{false, tested.error().detail};
}

}  // namespace lt::app
