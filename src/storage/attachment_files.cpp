#include "storage/attachment_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <set>

#include "base/crypto.hpp"
#include "base/file_contents.hpp"
#include "storage/database.hpp"
#include "storage/packed_body_store.hpp"

namespace lt::storage {
namespace {

constexpr std::string_view kRecordMagic = "LTB1";
constexpr std::size_t kRecordHeaderBytes = 4 + 32 + 8;

bool IsHex(std::string_view text, std::size_t size) {
  if (text.size() != size) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// A pack's file name as this class makes them (<32 hex>.pack): nothing read
// from the database can name a file elsewhere.
bool IsPackName(std::string_view name) {
  return name.size() == 37 && name.substr(32) == ".pack" && IsHex(name.substr(0, 32), 32);
}

Error Unavailable(const std::string& what) {
  return Error{ErrorCode::kUnavailable, "error.unavailable", {}, {}, what};
}

Status WriteFile(const std::filesystem::path& path, std::string_view content, FileSync sync) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Unavailable("open " + path.string());
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n <= 0) {
      ::close(fd);
      return Unavailable("write " + path.string());
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = sync == FileSync::kDeferred || ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Unavailable("fsync " + path.string());
  return Ok();
}

// Writes all of `buffer` at the end of `fd`.
bool WriteAll(int fd, std::string_view buffer) {
  while (!buffer.empty()) {
    const ssize_t n = ::write(fd, buffer.data(), buffer.size());
    if (n <= 0) return false;
    buffer.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// A record's header: the magic, the SHA-256's 32 bytes, the length.
std::string RecordHeader(const std::string& sha256, std::size_t size) {
  std::string header(kRecordMagic);
  for (std::size_t i = 0; i < 64; i += 2) {
    header.push_back(static_cast<char>(std::stoi(sha256.substr(i, 2), nullptr, 16)));
  }
  for (int byte = 0; byte < 8; ++byte) {
    header.push_back(static_cast<char>((static_cast<std::uint64_t>(size) >> (8 * byte)) & 0xff));
  }
  return header;
}

// `content`, when it is the body of `sha256`.
std::optional<std::string> Checked(std::optional<std::string> content, const std::string& sha256) {
  if (content && Sha256Hex(*content) == sha256) return content;
  return std::nullopt;
}

// `size` bytes of `path` from `position`.
std::optional<std::string> ReadRange(const std::filesystem::path& path, std::int64_t position,
                                     std::int64_t size) {
  if (position < 0 || size < 0) return std::nullopt;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string content(static_cast<std::size_t>(size), '\0');
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::pread(fd, content.data() + done, content.size() - done,
                              static_cast<off_t>(position + static_cast<std::int64_t>(done)));
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (done != content.size()) return std::nullopt;
  return content;
}

}  // namespace

AttachmentFiles::AttachmentFiles(std::filesystem::path root, Database* database,
                                 std::int64_t pack_bytes)
    : root_(std::move(root)), database_(database), pack_bytes_(pack_bytes) {}

AttachmentFiles::~AttachmentFiles() { ClosePack(); }

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
  if (error) return Unavailable("mkdir " + path.parent_path().string());
  const auto temporary = path.string() + ".tmp-" + RandomHex(8);
  LT_TRY(WriteFile(temporary, content, sync));
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return Unavailable("rename " + path.string());
  }
  return sha256;
}

Status AttachmentFiles::SyncAll() const {
  const int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    // Nothing was ever written here.
    if (errno == ENOENT) return Ok();
    return Unavailable("open " + root_.string());
  }
  const bool synced = ::syncfs(fd) == 0;
  ::close(fd);
  if (!synced) return Unavailable("syncfs " + root_.string());
  return Ok();
}

Result<std::vector<std::string>> AttachmentFiles::PutPacked(
    std::span<const std::string_view> contents) {
  std::vector<std::string> sha256s;
  sha256s.reserve(contents.size());
  if (database_ == nullptr) {
    for (const std::string_view content : contents) {
      LT_TRY_ASSIGN(std::string sha256, Put(content, FileSync::kDeferred));
      sha256s.push_back(std::move(sha256));
    }
    LT_TRY(SyncAll());
    return sha256s;
  }
  for (const std::string_view content : contents) sha256s.push_back(Sha256Hex(content));
  std::set<std::string> known;
  LT_TRY(database_->Read([&](Connection& connection) -> Status {
    LT_TRY_ASSIGN(known, PackedBodyStore(connection).Known(sha256s));
    return Ok();
  }));
  // Each body not stored yet, once.
  std::vector<std::pair<std::string, std::string_view>> fresh;
  for (std::size_t i = 0; i < contents.size(); ++i) {
    if (known.insert(sha256s[i]).second) fresh.emplace_back(sha256s[i], contents[i]);
  }
  if (fresh.empty()) return sha256s;
  std::string pack;
  LT_TRY_ASSIGN(const auto positions, Append(fresh, pack));
  std::vector<PackedBody> bodies;
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    bodies.push_back(
        {fresh[i].first, pack, positions[i], static_cast<std::int64_t>(fresh[i].second.size())});
  }
  LT_TRY(database_->Write(
      [&](Connection& connection) { return PackedBodyStore(connection).Record(bodies); }));
  return sha256s;
}

Status AttachmentFiles::OpenPack() {
  const auto directory = PacksDirectory();
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) return Unavailable("mkdir " + directory.string());
  const std::string name = RandomHex(16) + ".pack";
  const int fd = ::open((directory / name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return Unavailable("open " + (directory / name).string());
  // The pack's name, and the directories made for it, on disk before any
  // body in it is recorded: once a pack.
  if (Status synced = SyncAll(); !synced.ok()) {
    ::close(fd);
    return synced;
  }
  pack_fd_ = fd;
  pack_name_ = name;
  pack_size_ = 0;
  return Ok();
}

void AttachmentFiles::ClosePack() {
  if (pack_fd_ >= 0) ::close(pack_fd_);
  pack_fd_ = -1;
  pack_name_.clear();
  pack_size_ = 0;
}

Result<std::vector<std::int64_t>> AttachmentFiles::Append(
    std::span<const std::pair<std::string, std::string_view>> bodies, std::string& pack) {
  std::lock_guard lock(pack_mutex_);
  if (pack_fd_ < 0) LT_TRY(OpenPack());
  // A pack that failed is closed: what was written of it is never followed
  // nor recorded, and the next bodies go into a new one.
  auto fail = [&](const std::string& what) {
    const std::string failed = (PacksDirectory() / pack_name_).string();
    ClosePack();
    return Unavailable(what + " " + failed);
  };
  std::vector<std::int64_t> positions;
  std::int64_t at = pack_size_;
  for (const auto& [sha256, content] : bodies) {
    const std::string header = RecordHeader(sha256, content.size());
    if (!WriteAll(pack_fd_, header) || !WriteAll(pack_fd_, content)) return fail("write");
    positions.push_back(at + static_cast<std::int64_t>(header.size()));
    at += static_cast<std::int64_t>(header.size() + content.size());
  }
  if (::fdatasync(pack_fd_) != 0) return fail("fdatasync");
  pack_size_ = at;
  pack = pack_name_;
  if (pack_size_ >= pack_bytes_) ClosePack();
  return positions;
}

Result<std::string> AttachmentFiles::Get(const std::string& sha256) const {
  if (!IsHex(sha256, 64)) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  auto content = Checked(ReadFileContents(PathOf(sha256)), sha256);
  // A body stored under the earlier layout, <root>/ab/cd/abcdef....
  if (!content) {
    content = Checked(ReadFileContents(root_ / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256),
                      sha256);
  }
  if (!content && database_ != nullptr) {
    std::optional<PackedBody> packed;
    LT_TRY(database_->Read([&](Connection& connection) -> Status {
      LT_TRY_ASSIGN(packed, PackedBodyStore(connection).Find(sha256));
      return Ok();
    }));
    if (packed && IsPackName(packed->pack)) {
      content = Checked(ReadRange(PacksDirectory() / packed->pack, packed->position, packed->size),
                        sha256);
    }
  }
  if (!content)
    return Error{
        ErrorCode::kNotFound, "error.not_found", {}, {}, "attachment body missing: " + sha256};
  return std::move(*content);
}

}  // namespace lt::storage
