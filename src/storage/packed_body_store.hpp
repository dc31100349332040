#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>

#include "base/result.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Where an attachment body stored in a pack lies: the pack's file name, and
// the body's first byte and length in it.
struct PackedBody {
  std::string sha256;
  std::string pack;
  std::int64_t position = 0;
  std::int64_t size = 0;
};

// The bodies kept in packs (migrations/*/0026_packed_bodies.sql).
class PackedBodyStore {
 public:
  explicit PackedBodyStore(Connection& connection) : connection_(connection) {}

  // Which of `sha256s` are in a pack already.
  Result<std::set<std::string>> Known(std::span<const std::string> sha256s);
  // Records where bodies lie; a body recorded already keeps its first place.
  Status Record(std::span<const PackedBody> bodies);
  Result<std::optional<PackedBody>> Find(const std::string& sha256);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
