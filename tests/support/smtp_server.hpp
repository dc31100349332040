#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace lt::test {

// A real Postfix (Debian's package) on 127.0.0.1 and a free port, with its
// configuration, queue and mail in a temporary directory of its own. It
// accepts mail for any address from loopback and delivers all of it into
// one Maildir, so a test reads what Lingting sent. It offers STARTTLS with a
// certificate made for 127.0.0.1 (ca_file() trusts it), and answers two
// addresses specially:
//   refused@lingting.test  550 5.1.1 (refused for good)
//   later@lingting.test    450 4.2.0 (try again later)
// Needs root, as Postfix's master does. Stopped when destroyed.
// (tests/support/smtp-sandbox.sh does the work; the browser tests use it too.)
class SmtpServer {
 public:
  // With `dovecot_directory` (an ImapServer's), mail for
  // @mailbox.lingting.test goes to that Dovecot, and logins are its users.
  explicit SmtpServer(const std::filesystem::path& dovecot_directory = {});
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  std::uint16_t port() const { return port_; }
  const std::filesystem::path& ca_file() const { return ca_file_; }

  // The raw messages delivered so far, oldest first.
  std::vector<std::string> Delivered() const;
  // Waits until at least `count` messages are delivered (or the timeout).
  std::vector<std::string> WaitForDelivered(
      std::size_t count, std::chrono::seconds timeout = std::chrono::seconds(20)) const;

  void Stop();
  void Start();
  // Hands `raw` to this server as a mail client would (swaks), for `to`.
  void Send(const std::string& to, const std::string& raw) const;

 private:
  std::filesystem::path directory_;
  std::filesystem::path dovecot_directory_;
  std::filesystem::path ca_file_;
  std::uint16_t port_ = 0;
  bool running_ = false;
};

}  // namespace lt::test
