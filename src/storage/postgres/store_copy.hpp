#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "storage/database.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/table_copy.hpp"

namespace lt::storage {

// Copies every row of every table (kStoreTables) from `source` (any engine,
// usually SQLite) into `target`, which must be migrated to the same schema
// version and hold no data. Reads one snapshot of the source; writes the
// target in one transaction with COPY, so a failure leaves it empty. Fills in
// PostgreSQL's search vectors from the same tokenizer, moves identity
// sequences past the copied ids, and counts every table on both sides.
// `progress` gets (rows copied, rows in all) now and then.
// Errors: kConflict (target not empty, or schema versions differ),
// kUnavailable, kInternal.
Result<std::vector<TableCopy>> CopyStore(
    Database& source, PgDatabase& target,
    const std::function<void(std::int64_t done, std::int64_t total)>& progress);

}  // namespace lt::storage
