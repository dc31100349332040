#include "support/imap_server.hpp"

#include <unistd.h>

#include <sstream>
#include <stdexcept>

#include "support/process.hpp"

namespace lt::test {
namespace {

namespace fs = std::filesystem;
const std::string kImapSandbox =
    std::string(LINGTING_SOURCE_DIR) + "/tests/support/imap-sandbox.sh";

}  // namespace

ImapServer::ImapServer() {
  directory_ = fs::temp_directory_path() /
               ("lingting-imap-" + std::to_string(::getpid()) + "-" + std::to_string(FreePort()));
  fs::remove_all(directory_);
  fs::create_directories(directory_);
  Start();
}

void ImapServer::Start() {
  const CommandResult started =
      RunCommand({kImapSandbox, "start", directory_.string()}, directory_);
  if (started.exit_code != 0) throw std::runtime_error("imap-sandbox.sh: " + started.err);
  std::istringstream ports(started.out);
  int imap = 0, imaps = 0;
  ports >> imap >> imaps;
  port_ = static_cast<std::uint16_t>(imap);
  tls_port_ = static_cast<std::uint16_t>(imaps);
  running_ = true;
}

void ImapServer::Stop() {
  if (!running_) return;
  RunCommand({kImapSandbox, "stop", directory_.string()}, directory_);
  running_ = false;
}

void ImapServer::RenumberInbox(const std::string& user) {
  const fs::path maildir = directory_ / "mail" / user / "Maildir";
  std::error_code ignored;
  for (const char* file : {"dovecot-uidlist", "dovecot.index", "dovecot.index.cache",
                           "dovecot.index.log", "dovecot-uidvalidity"}) {
    fs::remove(maildir / file, ignored);
  }
  for (const auto& entry : fs::directory_iterator(maildir, ignored)) {
    if (entry.path().filename().string().rfind("dovecot-uidvalidity.", 0) == 0) {
      fs::remove(entry.path(), ignored);
    }
  }
}

ImapServer::~ImapServer() {
  Stop();
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
}

}  // namespace lt::test
