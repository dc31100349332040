#pragma once

// Filing new cases: each case's own checks and outcome, and the writes of
// cases that arrive together in one transaction with one statement per table
// (PostgreSQL's cost is per statement far more than per row; a node under
// load files dozens of cases at once).

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "app/inputs.hpp"
#include "app/store_access.hpp"
#include "base/group_queue.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"

namespace lt::app {

struct IdempotencyKey {
  std::string key;           // the client's Idempotency-Key header
  std::string request_hash;  // hash of the request body, to detect reuse for another request
};

struct CreatedCase {
  domain::Case a_case;
  bool replayed = false;  // true when an earlier request with the same key created it
};

// A case to file: its fields validated, not yet numbered or stored.
struct NewCase {
  const domain::Principal* principal = nullptr;
  const CreateCaseInput* input = nullptr;
  const std::optional<IdempotencyKey>* key = nullptr;
  std::string number_prefix;
  std::string public_url;  // the links in the assignee's notice
  TimestampMs now = 0;
  domain::Case a_case;                           // no id, number or status yet
  std::optional<domain::Customer> new_customer;  // matched by contacts, or created
  std::optional<domain::Referral> referral;      // checked, trimmed
  // Set by FileCases: the case filed, the earlier case of the same
  // idempotency key, or why it was refused.
  std::optional<Result<CreatedCase>> outcome;
};

// Files `cases` in the caller's write transaction. A case refused by its
// own checks (idempotency key reused for another request, a reference or
// status that does not exist) gets that error as its outcome and writes
// nothing; the others are written together. An error returned fails the
// transaction, and with it every case given.
Status FileCases(storage::Connection& connection, std::span<NewCase* const> cases);

// Files `group` in one write; when that write fails, each case alone, so
// that an error is only ever the case's own.
void FileGroup(storage::Database& database, std::span<NewCase* const> group);

// Gathers the cases that arrive together on this node and files each group
// in one write. Thread-safe.
class CaseIntake {
 public:
  static constexpr std::size_t kMaxFilings = 2;  // groups being written at once
  static constexpr std::size_t kMaxGroup = 32;   // cases in one write

  CaseIntake() : queue_(kMaxFilings, kMaxGroup) {}
  // Files `new_case`, perhaps with others (FileGroup), and returns its outcome.
  Result<CreatedCase> File(storage::Database& database, NewCase& new_case);

 private:
  GroupQueue<NewCase> queue_;
};

}  // namespace lt::app
