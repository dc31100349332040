#pragma once

// E-mail out (issue 16): what Lingting hands to an SMTP server, and the port
// the mail adapter (mail/smtp_sender) implements, so that the use cases and
// the outbox know no mail library. The adapter composes the MIME message
// (GMime) and talks SMTP.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/enum_codes.hpp"
#include "domain/send_outcome.hpp"

namespace lt::domain {

// How the connection to a mail server (SMTP, IMAP) is protected.
enum class MailSecurity {
  kStartTls,  // plain connection upgraded with STARTTLS, which the server must offer
  kTls,       // TLS from the first byte (ports 465, 993)
  kNone,      // no TLS: only for a server on the same host or network
};
inline constexpr EnumCodes<MailSecurity, 3> kMailSecurityCodes{{{
    {MailSecurity::kStartTls, "starttls"},
    {MailSecurity::kTls, "tls"},
    {MailSecurity::kNone, "none"},
}}};

// Where a mail server is and how to log in to it.
struct MailServer {
  std::string host;
  int port = 587;
  MailSecurity security = MailSecurity::kStartTls;
  bool verify_certificate = true;
  std::string ca_file;   // PEM bundle to trust instead of the system's; "" for the system's
  std::string username;  // "" for no authentication (SMTP only)
  std::string password;
  int timeout_seconds = 30;

  bool operator==(const MailServer&) const = default;
};

// The SMTP server replies and acknowledgements go through (kept by admins).
struct SmtpSettings : MailServer {
  std::string from_address;  // also the envelope sender
  std::string from_name;     // "某某公司客户服务中心"

  bool operator==(const SmtpSettings&) const = default;
};

struct MailFile {
  std::string filename;
  std::string content_type;
  std::string data;
};

// One message as Lingting writes it.
struct OutgoingMail {
  std::string from_name;
  std::string from_address;
  std::string to_name;
  std::string to_address;
  std::string subject;
  std::string text;        // the plain-text part (UTF-8)
  std::string html;        // the HTML alternative; "" for text only
  std::string message_id;  // without angle brackets; stable across retries
  std::string in_reply_to;
  std::vector<std::string> references;
  std::string case_number;  // X-Lingting-Case
  // Acknowledgements and notices say so (RFC 3834 "auto-replied"), so that
  // the customer's own auto-responder does not answer them.
  bool automatic = false;
  TimestampMs date = 0;
  std::vector<MailFile> attachments;
};

class MailSender {
 public:
  virtual ~MailSender() = default;
  // `on_accepted` runs the moment the server has accepted the message (its
  // reply to the end of the data), before the goodbye: the caller records
  // the message as sent there, so that a process dying afterwards does not
  // send it again.
  virtual SendOutcome Send(
      const SmtpSettings& settings, const OutgoingMail& mail,
      const std::function<void(const std::string& reply)>& on_accepted = {}) = 0;
  // Connects, greets, upgrades to TLS and authenticates as a send would, and
  // hangs up. Errors: kUnavailable with the server's answer as the detail.
  virtual Status TestConnection(const SmtpSettings& settings) = 0;
};

}  // namespace lt::domain
