#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "app/store_access.hpp"
#include "base/clock.hpp"
#include "domain/group_robot.hpp"
#include "domain/mailbox_reader.hpp"
#include "domain/outbound_mail.hpp"
#include "domain/sms.hpp"
#include "domain/wechat.hpp"

namespace lt::app {

// Business limits the use cases enforce. Filled from the config file.
struct AppOptions {
  std::string case_number_prefix = "TS";
  int timeliness_target_percent = 95;  // the attainment aimed at, for the monthly figures
  // How far back a reply without threading headers looks for its sender's
  // open case of the same subject.
  std::int64_t mail_thread_window_ms = 30LL * 24 * 3600 * 1000;
  std::int64_t max_attachment_bytes = 20 * 1024 * 1024;
  int max_attachments_per_interaction = 20;
  std::set<std::string> allowed_content_types = {
      "image/jpeg",
      "image/png",
      "image/gif",
      "image/webp",
      "application/pdf",
      "text/plain",
      "text/csv",
      "audio/mpeg",
      "audio/wav",
      "video/mp4",
      "application/zip",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/msword",
      "application/vnd.ms-excel",
      "message/rfc822",
      "image/tiff",  // faxes that arrive by e-mail
      "audio/amr",   // voicemail
      "audio/ogg",
      "application/octet-stream"};
  std::int64_t session_ttl_ms = 12LL * 3600 * 1000;
  int login_max_failures = 5;                     // per e-mail from one address...
  std::int64_t login_window_ms = 15 * 60 * 1000;  // ...within this window
  std::size_t min_password_length = 8;
  std::int64_t max_clock_skew_ms = 5 * 60 * 1000;  // how far in the future received_at may be
  // How people reach the console (server.public_url): the links in notices.
  std::string public_url = "http://127.0.0.1:8080";
  // A demonstration (serve --demo), which has no SMS gateway or mail server
  // to send the portal's sign-in codes: each code's text is also written to
  // the server's log, so that the portal can be tried.
  bool demo = false;
};

class CaseIntake;  // app/case_intake.hpp
class MailReader;  // app/mail_intake.hpp
std::shared_ptr<CaseIntake> MakeCaseIntake();

// What every use case works with. Owned by server/wiring; outlives requests.
struct AppContext {
  storage::Database& database;
  const Clock& clock;
  storage::AttachmentFiles& files;
  AppOptions options;
  // Gathers concurrent case creations (shared by copies of the context).
  std::shared_ptr<CaseIntake> case_intake = MakeCaseIntake();
  // Hands e-mail to SMTP servers (mail/smtp_sender); none where this process
  // sends nothing (the CLI's one-off commands).
  domain::MailSender* mail_sender = nullptr;
  // Reads raw e-mail (mail/mime_reader behind app::MailReader) and mailboxes
  // over IMAP (mail/imap_client).
  const MailReader* mail_reader = nullptr;
  domain::MailboxConnector* mailbox_connector = nullptr;
  // Hands texts to the SMS gateway (gateways/sms_gateway_sender).
  domain::SmsSender* sms_sender = nullptr;
  // Posts staff notices to chat groups' robots (gateways/group_robot_sender).
  domain::RobotSender* robot_sender = nullptr;
  // Talks to WeChat's API for the Official Account (gateways/wechat_api_sender).
  domain::WechatSender* wechat_sender = nullptr;
};

// The same context on another database (another node on the same store),
// filing cases with a case intake of its own, so that they are never
// grouped with the other database's.
AppContext ContextOn(const AppContext& context, storage::Database& database);

}  // namespace lt::app
