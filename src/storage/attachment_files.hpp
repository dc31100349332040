#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace lt::storage {

// When a body written is on disk for good: at once (an fsync each), or
// once SyncAll() returns (many bodies, one flush).
enum class FileSync { kEach, kDeferred };

// Attachment bodies on disk, addressed by the SHA-256 of their content:
// <root>/ab/abcdef...: 256 directories, made once, rather than one for
// nearly every body (creating a directory costs the file system more than
// the file in it). Bodies stored under the earlier layout,
// <root>/ab/cd/abcdef..., are still read. The same body is stored once. Put() writes to a
// temporary file, fsyncs it and renames it into place, so a body is either
// whole or absent; an orphaned body (its row rolled back) is harmless.
// Thread-safe.
class AttachmentFiles {
 public:
  explicit AttachmentFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // Stores `content` and returns its SHA-256 (hex). A body already there
  // whole is not written again (one cut short by a crash before its flush is).
  Result<std::string> Put(std::string_view content, FileSync sync = FileSync::kEach);
  // Flushes every body written so far (the file system's, syncfs), for the
  // bodies Put with FileSync::kDeferred: call it before the rows that refer
  // to them commit.
  Status SyncAll() const;
  // Reads the body stored under `sha256`.
  Result<std::string> Get(const std::string& sha256) const;
  // Where Put() stores the body of `sha256`.
  std::filesystem::path PathOf(const std::string& sha256) const;

 private:
  std::filesystem::path root_;
};

}  // namespace lt::storage
