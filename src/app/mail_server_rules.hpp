#pragma once

// What a mail server's settings must be, for SMTP (channel_settings) and IMAP
// (mailboxes) alike: a host name or address, a port, a timeout, a CA file
// that exists on this server when one is named, a user name and password of
// sane length.

#include <optional>
#include <string>

#include "base/error.hpp"
#include "domain/outbound_mail.hpp"

namespace lt::app {

// Adds a field error for each wrong setting ("host", "port", ...).
void CheckMailServer(const domain::MailServer& server, const std::optional<std::string>& password,
                     FieldErrors& errors);

}  // namespace lt::app
