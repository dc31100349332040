#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace lt::storage {

class Database;

// When a body written is on disk for good: at once (an fsync each), or
// once SyncAll() returns (many bodies, one flush).
enum class FileSync { kEach, kDeferred };

// Attachment bodies on disk, addressed by the SHA-256 of their content.
//
// A body stored alone is a file, <root>/ab/abcdef...: 256 directories, made
// once, rather than one for nearly every body (creating a directory costs
// the file system more than the file in it). Bodies stored under the
// earlier layout, <root>/ab/cd/abcdef..., are still read. Put() writes to a
// temporary file, fsyncs it and renames it into place, so a body is either
// whole or absent; an orphaned body (its row rolled back) is harmless.
//
// Many bodies stored at once (PutPacked: a batch of e-mail) are appended to
// a pack, <root>/packs/<random>.pack, of this process alone, flushed once,
// and then recorded in the database's packed_bodies: a file each would cost
// the file system more than the bytes. A pack holds, for each body, "LTB1",
// its SHA-256 (32 bytes) and its length (8 bytes, little-endian) before it,
// so that a pack says what it holds without the database.
//
// Every read checks the bytes against the SHA-256: a body damaged on disk
// is never handed out. A body is stored once, but for a race: two nodes
// packing the same body at the same moment each write it, and the place
// recorded first is the one read. Thread-safe.
class AttachmentFiles {
 public:
  // A pack is closed, and the next one begun, once it holds this much.
  static constexpr std::int64_t kPackBytes = std::int64_t{256} * 1024 * 1024;

  // `database` records and finds packed bodies; without one there are none.
  explicit AttachmentFiles(std::filesystem::path root, Database* database = nullptr,
                           std::int64_t pack_bytes = kPackBytes);
  ~AttachmentFiles();
  AttachmentFiles(const AttachmentFiles&) = delete;
  AttachmentFiles& operator=(const AttachmentFiles&) = delete;

  // Stores `content` and returns its SHA-256 (hex). A body already there
  // whole is not written again (one cut short by a crash before its flush is).
  Result<std::string> Put(std::string_view content, FileSync sync = FileSync::kEach);
  // Flushes every body written so far (the file system's, syncfs), for the
  // bodies Put with FileSync::kDeferred: call it before the rows that refer
  // to them commit.
  Status SyncAll() const;
  // Stores `contents` in a pack, on disk for good and recorded when it
  // returns, and gives their SHA-256s in the same order. Bodies in a pack
  // already are not written again. Without a database, each is Put alone.
  Result<std::vector<std::string>> PutPacked(std::span<const std::string_view> contents);
  // Reads the body stored under `sha256`, alone or in a pack.
  Result<std::string> Get(const std::string& sha256) const;
  // Where Put() stores the body of `sha256`.
  std::filesystem::path PathOf(const std::string& sha256) const;
  // The directory of the packs.
  std::filesystem::path PacksDirectory() const { return root_ / "packs"; }

 private:
  // Appends the records of `bodies` (SHA-256, content) to the open pack,
  // opening one first, and flushes it; gives where each body begins.
  Result<std::vector<std::int64_t>> Append(
      std::span<const std::pair<std::string, std::string_view>> bodies, std::string& pack);
  Status OpenPack();
  void ClosePack();

  std::filesystem::path root_;
  Database* database_;
  std::int64_t pack_bytes_;
  std::mutex pack_mutex_;
  int pack_fd_ = -1;            // the open pack, or -1
  std::string pack_name_;       // its file name in PacksDirectory()
  std::int64_t pack_size_ = 0;  // bytes written to it whole
};

}  // namespace lt::storage
