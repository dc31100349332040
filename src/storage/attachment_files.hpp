#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace lt::storage {

// Attachment bodies on disk, addressed by the SHA-256 of their content:
// <root>/ab/cd/abcdef.... The same body is stored once. Put() writes to a
// temporary file, fsyncs it and renames it into place, so a body is either
// whole or absent; an orphaned body (its row rolled back) is harmless.
// Thread-safe.
class AttachmentFiles {
 public:
  explicit AttachmentFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // Stores `content` and returns its SHA-256 (hex).
  Result<std::string> Put(std::string_view content);
  // Reads the body stored under `sha256`.
  Result<std::string> Get(const std::string& sha256) const;
  std::filesystem::path PathOf(const std::string& sha256) const;

 private:
  std::filesystem::path root_;
};

}  // namespace lt::storage
