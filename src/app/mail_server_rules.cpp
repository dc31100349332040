#include "app/mail_server_rules.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "base/utf8.hpp"

namespace lt::app {
namespace {

bool IsHostName(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
}

}  // namespace

void CheckMailServer(const domain::MailServer& server, const std::optional<std::string>& password,
                     FieldErrors& errors) {
  if (!IsHostName(server.host)) errors.Add("host", "validation.hostname");
  if (server.port < 1 || server.port > 65535) {
    errors.Add("port", "validation.range", {{"min", "1"}, {"max", "65535"}});
  }
  if (server.timeout_seconds < 1 || server.timeout_seconds > 300) {
    errors.Add("timeout_seconds", "validation.range", {{"min", "1"}, {"max", "300"}});
  }
  if (CountCodePoints(server.username) > 200) {
    errors.Add("username", "validation.too_long", {{"max", "200"}});
  }
  if (password && password->size() > 200) {
    errors.Add("password", "validation.too_long", {{"max", "200"}});
  }
  if (!server.ca_file.empty()) {
    std::error_code ignored;
    if (!std::filesystem::path(server.ca_file).is_absolute() ||
        !std::filesystem::is_regular_file(server.ca_file, ignored)) {
      errors.Add("ca_file", "validation.file_missing", {{"path", server.ca_file}});
    }
  }
}

}  // namespace lt::app
