#include "base/file_contents.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace lt {

std::optional<std::string> ReadFileContents(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat status {};
  std::string content;
  if (::fstat(fd, &status) == 0 && status.st_size > 0) {
    content.resize(static_cast<std::size_t>(status.st_size));
  }
  std::size_t filled = 0;
  char more[4096];  // what is past the size fstat gave, should the file grow
  for (;;) {
    const bool sized = filled < content.size();
    char* into = sized ? content.data() + filled : more;
    const std::size_t room = sized ? content.size() - filled : sizeof more;
    const ssize_t got = ::read(fd, into, room);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (got == 0) break;
    if (!sized) content.append(more, static_cast<std::size_t>(got));
    filled += static_cast<std::size_t>(got);
  }
  ::close(fd);
  content.resize(filled);  // a file that shrank while it was read
  return content;
}

}  // namespace lt
