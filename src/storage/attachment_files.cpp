#include "storage/attachment_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "base/crypto.hpp"
#include "base/file_contents.hpp"

namespace lt::storage {
namespace {

bool IsHex64(const std::string& text) {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status WriteFile(const std::filesystem::path& path, std::string_view content, FileSync sync) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0)
    return Error{ErrorCode::kUnavailable, "error.unavailable", {}, {}, "open " + path.string()};
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n <= 0) {
      ::close(fd);
      return Error{ErrorCode::kUnavailable, "error.unavailable", {}, {}, "write " + path.string()};
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = sync == FileSync::kDeferred || ::fsync(fd) == 0;
  ::close(fd);
  if (!synced)
    return Error{ErrorCode::kUnavailable, "error.unavailable", {}, {}, "fsync " + path.string()};
  return Ok();
}

}  // namespace

std::filesystem::path AttachmentFiles::PathOf(const std::string& sha256) const {
  return root_ / sha256.substr(0, 2) / sha256;
}

Result<std::string> AttachmentFiles::Put(std::string_view content, FileSync sync) {
  const std::string sha256 = Sha256Hex(content);
  const auto path = PathOf(sha256);
  std::error_code error;
  // A body already there is kept when it is whole: a crash before its flush
  // can leave the right size with the wrong bytes (zeros, say).
  if (std::filesystem::file_size(path, error) == content.size() && !error) {
    if (const auto stored = ReadFileContents(path); stored && *stored == content) return sha256;
  }
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    return Error{ErrorCode::kUnavailable,
                 "error.unavailable",
                 {},
                 {},
                 "mkdir " + path.parent_path().string()};
  }
  const auto temporary = path.string() + ".tmp-" + RandomHex(8);
  LT_TRY(WriteFile(temporary, content, sync));
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return Error{ErrorCode::kUnavailable, "error.unavailable", {}, {}, "rename " + path.string()};
  }
  return sha256;
}

Status AttachmentFiles::SyncAll() const {
  const int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    // Nothing was ever written here.
    if (errno == ENOENT) return Ok();
    return Error{ErrorCode::kUnavailable, "error.unavailable", {}, {}, "open " + root_.string()};
  }
  const bool synced = ::syncfs(fd) == 0;
  ::close(fd);
  if (!synced)
    return Error{ErrorCode::kUnavailable, "error.unavailable", {}, {}, "syncfs " + root_.string()};
  return Ok();
}

Result<std::string> AttachmentFiles::Get(const std::string& sha256) const {
  if (!IsHex64(sha256)) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  auto content = ReadFileContents(PathOf(sha256));
  // A body stored under the earlier layout, <root>/ab/cd/abcdef....
  if (!content)
    content = ReadFileContents(root_ / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256);
  if (!content)
    return Error{
        ErrorCode::kNotFound, "error.not_found", {}, {}, "attachment body missing: " + sha256};
  return std::move(*content);
}

}  // namespace lt::storage
