#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

struct StoredAttachment {
  domain::Attachment attachment;
  domain::Id case_id = 0;
  domain::Visibility visibility = domain::Visibility::kInternal;
};

// The timeline of a case: interactions and their attachment references.
class InteractionStore {
 public:
  explicit InteractionStore(Connection& connection) : connection_(connection) {}

  // Inserts the interaction and its attachment rows; returns the new id and
  // fills in the attachment ids.
  Result<domain::Id> Insert(domain::Interaction& interaction);
  // Inserts interactions and their attachment rows, a statement per table
  // for many of them, and sets their ids and their attachments' ids.
  Status InsertMany(std::span<domain::Interaction> interactions);
  // Adds attachment rows to an interaction (one statement); fills in their ids.
  Status InsertAttachments(domain::Id interaction_id, std::vector<domain::Attachment>& attachments);
  // Oldest first. Internal notes only when `include_internal`.
  Result<std::vector<domain::Interaction>> ListByCase(domain::Id case_id, bool include_internal);
  // The latest `limit` interactions on the cases of a customer that `scope`
  // sees, newest first (staff: internal notes included).
  Result<std::vector<domain::Interaction>> ListByCustomer(domain::Id customer_id,
                                                          const domain::CaseScope& scope,
                                                          int limit);
  // One interaction with its attachments.
  Result<std::optional<domain::Interaction>> Find(domain::Id id);
  // Whether an outbound message went out (the outbox records each attempt).
  Status SetDelivery(domain::Id id, domain::Delivery delivery);
  // What `from` wrote on case `case_id` is `to`'s (a stand-in customer's
  // entries, once the customer behind them is known).
  Status MoveCustomerAuthor(domain::Id case_id, domain::Id from, domain::Id to);
  // The attachment, with the case and visibility of its interaction.
  Result<std::optional<StoredAttachment>> FindAttachment(domain::Id id);

 private:
  Result<std::vector<domain::Interaction>> Select(const std::string& where,
                                                  const SqlParams& params);
  Connection& connection_;
};

}  // namespace lt::storage
