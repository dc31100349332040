// The SMTP adapter against a real Postfix on loopback (tests/support/
// smtp_server): STARTTLS with the server's certificate checked, the message
// as delivered, and each way a hand-over fails told apart by what the server
// answered.

#include "mail/smtp_sender.hpp"

#include <gtest/gtest.h>

#include "mail/mime_reader.hpp"
#include "support/imap_server.hpp"
#include "support/smtp_server.hpp"

namespace lt::mail {
namespace {

class SmtpSenderTest : public ::testing::Test {
 protected:
  domain::SmtpSettings Settings() const {
    domain::SmtpSettings settings;
    settings.host = "127.0.0.1";
    settings.port = server_.port();
    settings.security = domain::MailSecurity::kStartTls;
    settings.ca_file = server_.ca_file().string();
    settings.from_address = "service@lingting.test";
    settings.from_name = "聆听客户服务中心";
    settings.timeout_seconds = 10;
    return settings;
  }
  static domain::OutgoingMail Mail(const std::string& to) {
    domain::OutgoingMail mail;
    mail.from_name = "聆听客户服务中心";
    mail.from_address = "service@lingting.test";
    mail.to_name = "王小明";
    mail.to_address = to;
    mail.subject = "您的投诉已受理 [TS-2026-000123]";
    mail.text = "王先生您好：我们已收到您的投诉。";
    mail.message_id = "lt.1.test@lingting.test";
    mail.automatic = true;
    mail.date = 1772415000000;
    return mail;
  }

  test::SmtpServer server_;
  SmtpSender sender_;
};

TEST_F(SmtpSenderTest, AMessageIsDeliveredOverStartTls) {
  std::vector<std::string> accepted;
  const auto outcome = sender_.Send(Settings(), Mail("wang@example.com"),
                                    [&](const std::string& reply) { accepted.push_back(reply); });
  ASSERT_EQ(outcome.kind, domain::SendOutcome::Kind::kSent) << outcome.answer;
  // Told once, with the server's acceptance ("250 2.0.0 Ok: queued as ...").
  ASSERT_EQ(accepted.size(), 1u);
  EXPECT_NE(accepted[0].find("queued as"), std::string::npos) << accepted[0];
  EXPECT_EQ(outcome.answer.substr(0, 3), "250");
  const auto delivered = server_.WaitForDelivered(1);
  ASSERT_EQ(delivered.size(), 1u);
  const ReadMail read = ReadMailMessage(delivered[0]);
  EXPECT_EQ(read.subject, "您的投诉已受理 [TS-2026-000123]");
  EXPECT_EQ(read.text, "王先生您好：我们已收到您的投诉。");
  EXPECT_EQ(read.message_id, "lt.1.test@lingting.test");
  EXPECT_EQ(read.origin.auto_submitted, "auto-replied");
  // Postfix writes "ESMTPS" in its Received header when TLS protected the hand-over.
  EXPECT_NE(delivered[0].find(" with ESMTPS "), std::string::npos) << delivered[0];
}

TEST_F(SmtpSenderTest, ARefusedRecipientFailsForGoodWithTheServersAnswer) {
  bool accepted = false;
  const auto outcome = sender_.Send(Settings(), Mail("refused@lingting.test"),
                                    [&](const std::string&) { accepted = true; });
  EXPECT_FALSE(accepted);
  EXPECT_EQ(outcome.kind, domain::SendOutcome::Kind::kPermanent);
  EXPECT_NE(outcome.answer.find("550 5.1.1"), std::string::npos) << outcome.answer;
  EXPECT_NE(outcome.answer.find("no such person here"), std::string::npos) << outcome.answer;
}

TEST_F(SmtpSenderTest, ABusyRecipientIsTriedAgainLater) {
  const auto outcome = sender_.Send(Settings(), Mail("later@lingting.test"));
  EXPECT_EQ(outcome.kind, domain::SendOutcome::Kind::kTemporary);
  EXPECT_NE(outcome.answer.find("450 4.2.0"), std::string::npos) << outcome.answer;
}

TEST_F(SmtpSenderTest, AServerThatIsDownIsTriedAgainLater) {
  server_.Stop();
  const auto outcome = sender_.Send(Settings(), Mail("wang@example.com"));
  EXPECT_EQ(outcome.kind, domain::SendOutcome::Kind::kTemporary);
  EXPECT_FALSE(outcome.answer.empty());
  EXPECT_FALSE(sender_.TestConnection(Settings()).ok());
}

TEST_F(SmtpSenderTest, AnUntrustedCertificateIsRefusedUnlessCheckingIsOff) {
  domain::SmtpSettings settings = Settings();
  settings.ca_file.clear();  // the system's CAs do not know the test certificate
  const auto outcome = sender_.Send(settings, Mail("wang@example.com"));
  EXPECT_EQ(outcome.kind, domain::SendOutcome::Kind::kTemporary);
  const Status tested = sender_.TestConnection(settings);
  ASSERT_FALSE(tested.ok());
  EXPECT_EQ(tested.error().key, "error.smtp_unreachable");
  settings.verify_certificate = false;
  EXPECT_TRUE(sender_.TestConnection(settings).ok());
  EXPECT_EQ(sender_.Send(settings, Mail("wang@example.com")).kind,
            domain::SendOutcome::Kind::kSent);
  EXPECT_EQ(server_.WaitForDelivered(1).size(), 1u);
}

TEST_F(SmtpSenderTest, TestConnectionGreetsAndUpgradesWithoutSending) {
  EXPECT_TRUE(sender_.TestConnection(Settings()).ok());
  domain::SmtpSettings plain = Settings();
  plain.security = domain::MailSecurity::kNone;
  EXPECT_TRUE(sender_.TestConnection(plain).ok());
  domain::SmtpSettings implicit = Settings();
  implicit.security = domain::MailSecurity::kTls;  // Postfix's port speaks plain SMTP first
  EXPECT_FALSE(sender_.TestConnection(implicit).ok());
  EXPECT_TRUE(server_.Delivered().empty());
}

}  // namespace
}  // namespace lt::mail

namespace lt::mail {
namespace {

// Logging in: a Postfix that checks its users through a Dovecot's SASL.
class SmtpLoginTest : public ::testing::Test {
 protected:
  domain::SmtpSettings Settings(const std::string& password) const {
    domain::SmtpSettings settings;
    settings.host = "127.0.0.1";
    settings.port = smtp_.port();
    settings.security = domain::MailSecurity::kStartTls;
    settings.ca_file = smtp_.ca_file().string();
    settings.username = "service@mailbox.lingting.test";
    settings.password = password;
    settings.from_address = "service@mailbox.lingting.test";
    settings.timeout_seconds = 10;
    return settings;
  }
  static domain::OutgoingMail Mail() {
    domain::OutgoingMail mail;
    mail.from_address = "service@mailbox.lingting.test";
    mail.to_address = "wang@example.com";
    mail.subject = "登录后发送";
    mail.text = "您好";
    mail.message_id = "lt.login.test@lingting.test";
    mail.date = 1772415000000;
    return mail;
  }

  test::ImapServer imap_;
  test::SmtpServer smtp_{imap_.directory()};
  SmtpSender sender_;
};

TEST_F(SmtpLoginTest, TheRightPasswordSendsAndAWrongOneWaitsWithTheServersAnswer) {
  EXPECT_TRUE(sender_.TestConnection(Settings("secret")).ok());
  const auto sent = sender_.Send(Settings("secret"), Mail());
  ASSERT_EQ(sent.kind, domain::SendOutcome::Kind::kSent) << sent.answer;
  EXPECT_NE(
      smtp_.WaitForDelivered(1)[0].find("(Authenticated sender: service@mailbox.lingting.test)"),
      std::string::npos);

  // A refused login is the settings' fault: the message waits for them to be mended.
  const auto refused = sender_.Send(Settings("wrong"), Mail());
  EXPECT_EQ(refused.kind, domain::SendOutcome::Kind::kTemporary);
  EXPECT_NE(refused.answer.find("535"), std::string::npos) << refused.answer;
  const Status tested = sender_.TestConnection(Settings("wrong"));
  ASSERT_FALSE(tested.ok());
  EXPECT_NE(tested.error().detail.find("535"), std::string::npos) << tested.error().detail;
}

}  // namespace
}  // namespace lt::mail
