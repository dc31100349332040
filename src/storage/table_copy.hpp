#pragma once

#include <cstdint>
#include <string>

namespace lt::storage {

// One table moved from one store to another (storage::CopyStore): its rows
// as read from the source and as counted in the target after the commit.
struct TableCopy {
  std::string table;
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;
};

}  // namespace lt::storage
