#include "http/json/mailbox_wire.hpp"

#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json MailboxToJson(const app::MailboxView& view) {
  const domain::Mailbox& mailbox = view.mailbox;
  const domain::MailServer& server = mailbox.server;
  return {{"id", mailbox.id},
          {"name", mailbox.name},
          {"host", server.host},
          {"port", server.port},
          {"security", domain::kMailSecurityCodes.ToCode(server.security)},
          {"verify_certificate", server.verify_certificate},
          {"ca_file", server.ca_file},
          {"username", server.username},
          {"password_set", view.password_set},
          {"timeout_seconds", server.timeout_seconds},
          {"folder", mailbox.folder},
          {"department_id", OptionalId(mailbox.department_id)},
          {"category_id", OptionalId(mailbox.category_id)},
          {"language", mailbox.language},
          {"active", mailbox.active},
          {"uid_validity", mailbox.uid_validity},
          {"last_uid", mailbox.last_uid},
          {"last_fetch_at", OptionalTime(mailbox.last_fetch_at)},
          {"last_error", mailbox.last_error},
          {"created_at", FormatTimestamp(mailbox.created_at)},
          {"updated_at", FormatTimestamp(mailbox.updated_at)}};
}

Result<app::MailboxInput> ParseMailbox(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::MailboxInput input;
  input.name = reader.RequiredString("name");
  input.server.host = reader.RequiredString("host");
  input.server.port = static_cast<int>(reader.Integer("port", 1, 65535).value_or(993));
  input.server.security =
      reader.Enum("security", domain::kMailSecurityCodes).value_or(domain::MailSecurity::kTls);
  input.server.verify_certificate = reader.Boolean("verify_certificate").value_or(true);
  input.server.ca_file = reader.String("ca_file").value_or("");
  input.server.username = reader.RequiredString("username");
  input.password = reader.String("password");
  input.server.timeout_seconds =
      static_cast<int>(reader.Integer("timeout_seconds", 1, 300).value_or(30));
  input.folder = reader.String("folder").value_or("INBOX");
  input.department_id = reader.NullableId("department_id").value_or(std::nullopt);
  input.category_id = reader.NullableId("category_id").value_or(std::nullopt);
  input.language = reader.String("language").value_or("zh-CN");
  input.active = reader.Boolean("active").value_or(true);
  return Finish(reader, errors, std::move(input));
}

}  // namespace lt::http::wire
