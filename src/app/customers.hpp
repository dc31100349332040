#pragma once

#include <span>

// Use cases on customers: create, change, read, list, look up by contact.

#include <optional>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/queries.hpp"

namespace lt::app {

struct CustomerPage {
  std::vector<domain::Customer> customers;
  std::optional<Id> next_after_id;
};

// Validates a customer input into a Customer (not stored). Field names are
// prefixed with `field_prefix` ("customer" when embedded in a case).
domain::Customer BuildCustomer(const CustomerInput& input, std::string_view field_prefix,
                               TimestampMs now, FieldErrors& errors);

// Inserts customers none of whose contacts anybody owns (checked in this
// transaction), with their audit records, one statement per table; sets
// their ids. Runs inside the caller's write transaction.
struct CustomerToCreate {
  domain::Customer customer;
  std::optional<domain::Id> actor_user_id;
  TimestampMs at = 0;
};
Status CreateCheckedCustomers(storage::Connection& connection,
                              std::span<CustomerToCreate> customers);

// Finds the customer owning any of `customer`'s contacts and adds the
// contacts it does not have yet; otherwise inserts `customer`. Runs inside the
// caller's write transaction. Returns the customer as stored.
Result<domain::Customer> MatchOrCreateCustomer(storage::Connection& connection,
                                               domain::Customer customer,
                                               const domain::Principal& principal, TimestampMs now);

Result<domain::Customer> CreateCustomer(AppContext& context, const domain::Principal& principal,
                                        const CustomerInput& input);
Result<domain::Customer> UpdateCustomer(AppContext& context, const domain::Principal& principal,
                                        Id id, const CustomerPatch& patch);
// Staff, or the customer themself. Staff without domain::Permission::
// kSeeContactDetails (department members) get the contacts masked
// (domain::MaskPhone, domain::MaskEmail); so does ListCustomers.
Result<domain::Customer> GetCustomer(AppContext& context, const domain::Principal& principal,
                                     Id id);
// The latest `limit` interactions on the customer's cases the principal may
// see, newest first: the customer's side of the 360° view (staff who read
// customers; kNotFound for an unknown customer).
Result<std::vector<domain::Interaction>> ListCustomerInteractions(
    AppContext& context, const domain::Principal& principal, Id customer_id, int limit);

// filter.contact may be given as raw phone/e-mail text in `phone` / `email`,
// and filter.phone_prefix as the first digits typed in `phone_prefix`.
Result<CustomerPage> ListCustomers(AppContext& context, const domain::Principal& principal,
                                   domain::CustomerFilter filter,
                                   const std::optional<std::string>& phone,
                                   const std::optional<std::string>& email,
                                   const std::optional<std::string>& phone_prefix = std::nullopt);

}  // namespace lt::app
