#pragma once

// Hands messages to an SMTP server with libcurl: STARTTLS or TLS from the
// start, certificate checks, AUTH when a user name is set. The server's last
// reply is kept as the outcome's answer, so the timeline can say why a
// message waits or failed. Thread-safe; one connection per message.

#include "domain/outbound_mail.hpp"

namespace lt::mail {

class SmtpSender final : public domain::MailSender {
 public:
  SmtpSender();
  domain::SendOutcome Send(
      const domain::SmtpSettings& settings, const domain::OutgoingMail& mail,
      const std::function<void(const std::string& reply)>& on_accepted = {}) override;
  Status TestConnection(const domain::SmtpSettings& settings) override;
};

}  // namespace lt::mail
