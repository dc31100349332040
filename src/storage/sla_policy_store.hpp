#pragma once

#include <memory>
#include <vector>

#include "base/result.hpp"
#include "sla/sla_policy.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Shared and immutable: the shipped defaults are built once.
using SlaPoliciesPtr = std::shared_ptr<const std::vector<sla::SlaPolicy>>;

// SLA policies (migrations/*/0004_sla.sql). While none are stored the
// procedure's defaults apply.
class SlaPolicyStore {
 public:
  explicit SlaPolicyStore(Connection& connection) : connection_(connection) {}

  // Read once per transaction (Connection::Recall).
  Result<SlaPoliciesPtr> Load();
  Result<bool> IsCustomised();
  // Replaces every policy (already validated by the caller).
  Status Replace(const std::vector<sla::SlaPolicy>& policies);

 private:
  Result<SlaPoliciesPtr> LoadStored();
  Connection& connection_;
};

}  // namespace lt::storage
