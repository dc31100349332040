#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include "base/crypto.hpp"
#include "support/test_database.hpp"

namespace lt::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "lingting-test-XXXXXX").string();
  path_ = ::mkdtemp(pattern.data());
}

TempDir::~TempDir() {
  DropTestDatabase(path_);
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

TestStore::TestStore() {
  EXPECT_TRUE(InitCrypto().ok());
  auto opened = OpenTestDatabase(directory.path());
  if (!opened.ok()) {
    ADD_FAILURE() << "cannot open test store: " << Describe(opened.error());
    return;
  }
  database = std::move(opened).value();
  files =
      std::make_unique<storage::AttachmentFiles>(directory.path() / "attachments", database.get());
  app::AppOptions app_options;
  app_options.max_attachment_bytes = 1024 * 1024;
  context =
      std::make_unique<app::AppContext>(app::AppContext{*database, clock, *files, app_options});
  // The real mail adapters, as the runtime wires them.
  context->mail_sender = &mail_sender;
  context->mail_reader = &mail_reader;
  context->mailbox_connector = &mailbox_connector;
  context->sms_sender = &sms_sender;
  context->robot_sender = &robot_sender;
  context->wechat_sender = &wechat_sender;
}

domain::Department TestStore::AddDepartment(const std::string& code, const std::string& name) {
  auto created =
      app::CreateDepartment(*context, domain::Principal::System(), {code, name, std::nullopt});
  EXPECT_TRUE(created.ok()) << (created.ok() ? "" : Describe(created.error()));
  return created.ok() ? *created : domain::Department{};
}

domain::User TestStore::AddUser(const std::string& email, domain::Role role,
                                std::vector<domain::Id> departments,
                                std::optional<domain::Id> customer_id,
                                const std::string& password) {
  app::UserInput input;
  input.email = email;
  input.name = email.substr(0, email.find('@'));
  input.role = role;
  input.department_ids = std::move(departments);
  input.customer_id = customer_id;
  input.password = password;
  auto created = app::CreateUser(*context, domain::Principal::System(), input);
  EXPECT_TRUE(created.ok()) << (created.ok() ? "" : Describe(created.error()));
  return created.ok() ? *created : domain::User{};
}

domain::Principal TestStore::PrincipalOf(const domain::User& user) const {
  domain::Principal principal;
  principal.user_id = user.id;
  principal.role = user.role;
  principal.department_ids = user.department_ids;
  principal.customer_id = user.customer_id;
  return principal;
}

std::string Describe(const Error& error) {
  std::string out = error.key;
  for (const auto& field : error.fields) out += " [" + field.field + ": " + field.key + "]";
  if (!error.detail.empty()) out += " (" + error.detail + ")";
  return out;
}

}  // namespace lt::test
