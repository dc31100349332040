#include "runtime/console_location.hpp"

#include <system_error>

namespace lt::runtime {

std::string ConsoleRoot(const config::ServerOptions& options,
                        const std::filesystem::path& executable) {
  if (!options.console) return {};
  if (!options.console_dir.empty()) return options.console_dir;
  if (executable.empty()) return {};
  const std::filesystem::path installed =
      executable.parent_path().parent_path() / "share" / "lingting" / "console";
  std::error_code error;
  if (!std::filesystem::is_regular_file(installed / "index.html", error)) return {};
  return installed.string();
}

std::filesystem::path RunningExecutable() {
  std::error_code error;
  auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : path;
}

}  // namespace lt::runtime
