#pragma once

// How Lingting reaches its channels, kept by administrators (issue 16). So
// far the SMTP server replies and acknowledgements go out through. The
// password is never read back: it is kept unless a new one is given. Every
// change is audited ("channel_settings", without the password).

#include <optional>
#include <string>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/outbound_mail.hpp"

namespace lt::app {

struct SmtpSettingsView {
  domain::SmtpSettings settings;  // password blank
  bool password_set = false;
};

struct SmtpSettingsInput {
  domain::SmtpSettings settings;
  std::optional<std::string> password;  // nullopt: keep the stored one
};

// Admins only. nullopt while none are set.
Result<std::optional<SmtpSettingsView>> GetSmtpSettings(AppContext& context,
                                                        const domain::Principal& principal);
// Errors: kForbidden; kInvalidArgument naming the field (host, port,
// from_address, from_name, username, password, ca_file, timeout_seconds).
Result<SmtpSettingsView> SaveSmtpSettings(AppContext& context, const domain::Principal& principal,
                                          const SmtpSettingsInput& input);

// Connects as a send would (greeting, TLS, login) with `input` (the stored
// password when none is given), or with the stored settings. The answer is
// the server's, or what went wrong. Errors: kForbidden, kInvalidArgument as
// SaveSmtpSettings, kNotFound when nothing is stored and no input given.
struct SmtpTestResult {
  bool ok = false;
  std::string answer;
};
Result<SmtpTestResult> TestSmtpSettings(AppContext& context, const domain::Principal& principal,
                                        const std::optional<SmtpSettingsInput>& input);

}  // namespace lt::app
