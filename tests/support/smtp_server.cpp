#include "support/smtp_server.hpp"

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

const std::string kSmtpSandbox =
    std::string(LINGTING_SOURCE_DIR) + "/tests/support/smtp-sandbox.sh";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

SmtpServer::SmtpServer(const fs::path& dovecot_directory) : dovecot_directory_(dovecot_directory) {
  directory_ = fs::temp_directory_path() /
               ("lingting-smtp-" + std::to_string(::getpid()) + "-" + std::to_string(FreePort()));
  fs::remove_all(directory_);
  fs::create_directories(directory_);
  ca_file_ = directory_ / "cert.pem";
  Start();
}

void SmtpServer::Start() {
  std::vector<std::string> args = {kSmtpSandbox, "start", directory_.string()};
  if (!dovecot_directory_.empty()) args.push_back(dovecot_directory_.string());
  const CommandResult started = RunCommand(args, directory_);
  if (started.exit_code != 0) throw std::runtime_error("smtp-sandbox.sh: " + started.err);
  port_ = static_cast<std::uint16_t>(std::stoi(started.out));
  running_ = true;
}

void SmtpServer::Stop() {
  if (!running_) return;
  RunCommand({kSmtpSandbox, "stop", directory_.string()}, directory_);
  running_ = false;
}

void SmtpServer::Send(const std::string& to, const std::string& raw) const {
  const CommandResult sent = RunCommand(
      {"/usr/bin/swaks", "--silent", "2", "--server", "127.0.0.1:" + std::to_string(port_), "--to",
       to, "--from", "customer@example.com", "--data", "-"},
      directory_, raw);
  if (sent.exit_code != 0) throw std::runtime_error("swaks: " + sent.out + sent.err);
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
