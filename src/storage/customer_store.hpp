#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "domain/queries.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Customers and their contacts. A contact (kind, value) belongs to at most
// one customer; the store refuses a second owner with kConflict.
class CustomerStore {
 public:
  explicit CustomerStore(Connection& connection) : connection_(connection) {}

  // A contact owned by another customer is refused with error.contact_taken.
  Result<domain::Id> Insert(const domain::Customer& customer);
  // Inserts customers whose contacts the caller has just found unowned in
  // this transaction, one statement per table, and sets their ids. The
  // contacts' insert needs no answer of its own (Connection::Send): a
  // concurrent insert of the same contact still fails the transaction,
  // which the store runs again.
  Status InsertMany(std::span<domain::Customer> customers);
  // Writes name, kind, organization, region, segment and replaces the contacts.
  Status Update(const domain::Customer& customer);
  Result<std::optional<domain::Customer>> Find(domain::Id id);
  // The customers of these ids that exist, with their contacts, by id.
  Result<std::map<domain::Id, domain::Customer>> FindMany(std::span<const domain::Id> ids);
  // The names of several customers (those a page of cases names), by id.
  Result<std::map<domain::Id, std::string>> NamesOf(std::span<const domain::Id> ids);
  // Just the segment (SLA policies look at it); nullopt when absent.
  Result<std::optional<domain::Segment>> SegmentOf(domain::Id id);
  // The customer that owns this normalised contact, if any.
  Result<std::optional<domain::Id>> FindByContact(const domain::Contact& contact);
  // The owner of each contact, in the order given, in one query.
  Result<std::vector<std::optional<domain::Id>>> FindByContacts(
      std::span<const domain::Contact> contacts);
  // Up to filter.limit + 1 customers ordered by id.
  Result<std::vector<domain::Customer>> List(const domain::CustomerFilter& filter);

  // Gives the contact to `customer_id`, taking it from whoever had it;
  // returns the customer who had it, if anyone did.
  Result<std::optional<domain::Id>> MoveContact(const domain::Contact& contact,
                                                domain::Id customer_id);

 private:
  Status InsertContacts(domain::Id customer_id, const std::vector<domain::Contact>& contacts);
  Status LoadContacts(std::vector<domain::Customer>& customers);
  // Inserts the customer rows; returns their ids in the order given.
  Result<std::vector<domain::Id>> InsertRows(std::span<const domain::Customer> customers);
  Connection& connection_;
};

}  // namespace lt::storage
