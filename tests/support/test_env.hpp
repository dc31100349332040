#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "app/app_context.hpp"
#include "app/authentication.hpp"
#include "app/categories.hpp"
#include "app/departments.hpp"
#include "app/users.hpp"
#include "base/clock.hpp"
#include "gateways/group_robot_sender.hpp"
#include "gateways/sms_gateway_sender.hpp"
#include "gateways/wechat_api_sender.hpp"
#include "mail/imap_client.hpp"
#include "mail/smtp_sender.hpp"
#include "runtime/mail_reading.hpp"
#include "storage/attachment_files.hpp"
#include "storage/database.hpp"

namespace lt::test {

// A temporary directory removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// 2026-03-02T01:30:00Z (a Monday, 09:30 in Shanghai).
inline constexpr TimestampMs kTestNow = 1772415000000;

// A real store (SQLite in a temporary directory, or a fresh PostgreSQL
// database when the suite runs on PostgreSQL) with a manual clock, and the
// use-case context over it. Each test gets a fresh one.
struct TestStore {
  TestStore();
  TempDir directory;
  ManualClock clock{kTestNow};
  std::unique_ptr<storage::Database> database;
  std::unique_ptr<storage::AttachmentFiles> files;
  mail::SmtpSender mail_sender;
  runtime::MimeMailReader mail_reader;
  gateways::SmsGatewaySender sms_sender;
  gateways::GroupRobotSender robot_sender;
  gateways::WechatApiSender wechat_sender;
  mail::ImapConnector mailbox_connector;
  std::unique_ptr<app::AppContext> context;

  // Helpers that fail the test on error.
  domain::Department AddDepartment(const std::string& code, const std::string& name);
  domain::User AddUser(const std::string& email, domain::Role role,
                       std::vector<domain::Id> departments = {},
                       std::optional<domain::Id> customer_id = std::nullopt,
                       const std::string& password = "correct horse");
  domain::Principal PrincipalOf(const domain::User& user) const;
};

// Fails the current test with the error's key and fields.
std::string Describe(const Error& error);

}  // namespace lt::test
