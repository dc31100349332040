#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace lt::test {

// A real Dovecot (Debian's package) on 127.0.0.1 with its configuration and
// mail in a temporary directory (tests/support/imap-sandbox.sh): IMAP with
// STARTTLS and IDLE, IMAPS, LMTP for a SmtpServer to deliver to, users
// service@ and support@mailbox.lingting.test (password "secret"). Needs
// root. Stopped when destroyed.
class ImapServer {
 public:
  ImapServer();
  ~ImapServer();
  ImapServer(const ImapServer&) = delete;
  ImapServer& operator=(const ImapServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::uint16_t tls_port() const { return tls_port_; }
  const std::filesystem::path& directory() const { return directory_; }
  std::filesystem::path ca_file() const { return directory_ / "cert.pem"; }
  // Numbers the user's INBOX afresh (a new UIDVALIDITY), as a server does
  // when its index is rebuilt.
  void RenumberInbox(const std::string& user);
  void Stop();
  void Start();

 private:
  std::filesystem::path directory_;
  std::uint16_t port_ = 0;
  std::uint16_t tls_port_ = 0;
  bool running_ = false;
};

}  // namespace lt::test
