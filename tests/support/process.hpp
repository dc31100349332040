#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
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

// A child process started in `directory` with its standard output and error
// in <name>.out and <name>.err there. Stopped with SIGTERM when destroyed.
class ChildProcess {
 public:
  // Starts `args` (args[0] a path) and waits up to 15 s until `ready()`
  // returns true or the child exits.
  ChildProcess(const std::filesystem::path& directory, const std::string& name,
               const std::vector<std::string>& args, const std::function<bool()>& ready);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  bool running() const { return ready_ && pid_ > 0; }
  pid_t pid() const { return pid_; }
  // Stops it with SIGTERM and returns its exit status.
  int Stop();
  // Kills it with SIGKILL, as a crash or the OOM killer would.
  void Kill();
  std::string Output() const;       // what it printed on stdout
  std::string ErrorOutput() const;  // and on stderr (its log)

 private:
  std::filesystem::path directory_;
  std::string name_;
  pid_t pid_ = -1;
  bool ready_ = false;
};

// The lingting binary under test, serving on a free loopback port from its
// own directory (on the suite's store: --db is added in the PostgreSQL pass).
class ServerProcess {
 public:
  // Starts `lingting serve --listen 127.0.0.1:PORT` plus `extra_args` and
  // waits (up to 15 s) until /healthz answers.
  ServerProcess(const std::filesystem::path& directory,
                const std::vector<std::string>& extra_args = {});
  std::uint16_t port() const { return port_; }
  bool running() const { return child_.running(); }
  pid_t pid() const { return child_.pid(); }
  int Stop() { return child_.Stop(); }
  void Kill() { child_.Kill(); }
  std::string Output() const { return child_.Output(); }
  std::string ErrorOutput() const { return child_.ErrorOutput(); }

 private:
  std::uint16_t port_;
  ChildProcess child_;
};

std::uint16_t FreePort();

}  // namespace lt::test
