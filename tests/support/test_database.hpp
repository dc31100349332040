#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "storage/database.hpp"

namespace lt::test {

// Which store the suite runs on. scripts/with-postgres.sh starts a throwaway
// PostgreSQL cluster and sets LINGTING_TEST_POSTGRES to its server URL
// (postgresql://postgres@127.0.0.1:PORT); without it every test uses SQLite.
bool UsingPostgres();

// The store URL for a test working in `directory`: on SQLite a file inside
// it, on PostgreSQL a fresh database (cloned from a migrated template) named
// after the directory, created on first use. The same directory always gets
// the same store, so a restarted server finds its data again.
std::string TestStoreUrl(const std::filesystem::path& directory);

// Drops the PostgreSQL database of `directory`, if one was made. TempDir
// calls this when it goes away.
void DropTestDatabase(const std::filesystem::path& directory);

// Opens the test store of `directory` (SQLite or PostgreSQL).
Result<std::unique_ptr<storage::Database>> OpenTestDatabase(const std::filesystem::path& directory);

}  // namespace lt::test
