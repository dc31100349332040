#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace lt::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a program to completion with `input` on its standard input.
CommandResult RunCommand(const std::vector<std::string>& args,
                         const std::filesystem::path& directory, const std::string& input = "",
                         const std::map<std::string, std::string>& environment = {});

// The lingting binary under test, serving on a free loopback port from its
// own directory. Stopped with SIGTERM when destroyed.
class ServerProcess {
 public:
  // Starts `lingting serve --listen 127.0.0.1:PORT` plus `extra_args` and
  // waits (up to 15 s) until /healthz answers.
  ServerProcess(const std::filesystem::path& directory,
                const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  std::uint16_t port() const { return port_; }
  bool running() const { return ready_; }
  // Stops the server with SIGTERM and returns its exit status.
  int Stop();
  // Kills the server with SIGKILL, as a crash or the OOM killer would.
  void Kill();
  std::string Output() const;  // what it printed on stdout

 private:
  std::filesystem::path directory_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  bool ready_ = false;
};

std::uint16_t FreePort();

}  // namespace lt::test
