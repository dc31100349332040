#include "support/smtp_server.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/process.hpp"

namespace lt::test {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void Chown(const fs::path& path, const char* user) {
  const passwd* entry = ::getpwnam(user);
  if (entry) std::ignore = ::chown(path.c_str(), entry->pw_uid, entry->pw_gid);
}

CommandResult Run(const std::vector<std::string>& args, const fs::path& directory) {
  return RunCommand(args, directory);
}

}  // namespace

SmtpServer::SmtpServer() {
  directory_ = fs::temp_directory_path() /
               ("lingting-smtp-" + std::to_string(::getpid()) + "-" + std::to_string(FreePort()));
  fs::remove_all(directory_);
  for (const char* sub : {"conf", "queue", "data", "sink/new", "sink/cur", "sink/tmp"}) {
    fs::create_directories(directory_ / sub);
  }
  Chown(directory_ / "data", "postfix");
  for (const char* sub : {"sink", "sink/new", "sink/cur", "sink/tmp"}) {
    Chown(directory_ / sub, "nobody");
  }
  const fs::path d = directory_;
  ca_file_ = d / "cert.pem";
  const CommandResult certificate =
      Run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
           "-keyout", (d / "key.pem").string(), "-out", ca_file_.string()},
          d);
  if (certificate.exit_code != 0) {
    throw std::runtime_error("openssl: " + certificate.err);
  }
  port_ = FreePort();
  WriteFile(d / "conf/main.cf",
            "compatibility_level = 3.6\n"
            "queue_directory = " +
                (d / "queue").string() +
                "\n"
                "data_directory = " +
                (d / "data").string() +
                "\n"
                "mail_owner = postfix\nsetgid_group = postdrop\n"
                "inet_interfaces = 127.0.0.1\ninet_protocols = ipv4\n"
                "myhostname = smtp.lingting.test\nmydomain = lingting.test\nmydestination =\n"
                "mynetworks = 127.0.0.0/8\nalias_maps =\nalias_database =\n"
                "smtpd_relay_restrictions = permit_mynetworks, reject\n"
                "smtpd_recipient_restrictions = check_recipient_access inline:{ "
                "{ refused@lingting.test = 550 5.1.1 no such person here }, "
                "{ later@lingting.test = 450 4.2.0 mailbox busy, try later } }, "
                "permit_mynetworks, reject\n"
                "smtpd_tls_security_level = may\n"
                "smtpd_tls_cert_file = " +
                ca_file_.string() +
                "\n"
                "smtpd_tls_key_file = " +
                (d / "key.pem").string() +
                "\n"
                "transport_maps = static:virtual\n"
                "virtual_mailbox_base = " +
                d.string() +
                "\n"
                "virtual_mailbox_maps = static:sink/\n"
                "virtual_uid_maps = static:65534\nvirtual_gid_maps = static:65534\n"
                "virtual_mailbox_limit = 0\nmessage_size_limit = 52428800\n"
                "maillog_file_prefixes = " +
                d.string() +
                "\n"
                "maillog_file = " +
                (d / "postfix.log").string() + "\n");
  WriteFile(d / "conf/master.cf", "127.0.0.1:" + std::to_string(port_) +
                                      " inet n - n - - smtpd\n"
                                      "cleanup unix n - n - 0 cleanup\n"
                                      "qmgr unix n - n 300 1 qmgr\n"
                                      "tlsmgr unix - - n 1000? 1 tlsmgr\n"
                                      "rewrite unix - - n - - trivial-rewrite\n"
                                      "bounce unix - - n - 0 bounce\n"
                                      "defer unix - - n - 0 bounce\n"
                                      "trace unix - - n - 0 bounce\n"
                                      "verify unix - - n - 1 verify\n"
                                      "flush unix n - n 1000? 0 flush\n"
                                      "proxymap unix - - n - - proxymap\n"
                                      "smtp unix - - n - - smtp\n"
                                      "showq unix n - n - - showq\n"
                                      "error unix - - n - - error\n"
                                      "retry unix - - n - - error\n"
                                      "discard unix - - n - - discard\n"
                                      "virtual unix - n n - - virtual\n"
                                      "anvil unix - - n - 1 anvil\n"
                                      "scache unix - - n - 1 scache\n"
                                      "postlog unix-dgram n - n - 1 postlogd\n");
  Start();
}

void SmtpServer::Start() {
  const CommandResult started =
      Run({"/usr/sbin/postfix", "-c", (directory_ / "conf").string(), "start"}, directory_);
  if (started.exit_code != 0) {
    throw std::runtime_error("postfix start failed (" + started.err +
                             "): " + ReadFile(directory_ / "postfix.log"));
  }
  running_ = true;
  // Ready once smtpd's port accepts connections.
  for (int i = 0; i < 100; ++i) {
    const CommandResult probe = Run(
        {"/usr/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(port_)}, directory_);
    if (probe.exit_code == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("postfix did not listen: " + ReadFile(directory_ / "postfix.log"));
}

void SmtpServer::Stop() {
  if (!running_) return;
  Run({"/usr/sbin/postfix", "-c", (directory_ / "conf").string(), "stop"}, directory_);
  running_ = false;
}

SmtpServer::~SmtpServer() {
  Stop();
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
}

std::vector<std::string> SmtpServer::Delivered() const {
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (const auto& entry : fs::directory_iterator(directory_ / "sink/new")) {
    files.emplace_back(entry.last_write_time(), entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> messages;
  for (const auto& [time, path] : files) messages.push_back(ReadFile(path));
  return messages;
}

std::vector<std::string> SmtpServer::WaitForDelivered(std::size_t count,
                                                      std::chrono::seconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto messages = Delivered();
    if (messages.size() >= count || std::chrono::steady_clock::now() > deadline) return messages;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace lt::test
