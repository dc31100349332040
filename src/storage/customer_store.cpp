#include "storage/customer_store.hpp"

#include <unordered_map>

namespace lt::storage {
namespace {

using domain::Customer;

constexpr std::string_view kColumns =
    "id, kind, name, organization, region, segment, created_at, updated_at, language";

Customer CustomerFromRow(const Row& row) {
  Customer customer;
  customer.id = row.Int(0);
  customer.kind =
      domain::kCustomerKindCodes.FromCode(row.Text(1)).value_or(domain::CustomerKind::kConsumer);
  customer.name = row.Text(2);
  customer.organization = row.Text(3);
  customer.region = row.Text(4);
  customer.segment = domain::kSegmentCodes.FromCode(row.Text(5)).value_or(domain::Segment::kNormal);
  customer.created_at = row.Int(6);
  customer.updated_at = row.Int(7);
  customer.language = row.Text(8);
  return customer;
}

}  // namespace

Status CustomerStore::InsertContacts(domain::Id customer_id,
                                     const std::vector<domain::Contact>& contacts, Contacts check) {
  static constexpr std::string_view kInsert =
      "INSERT INTO customer_contacts (customer_id, kind, value) VALUES ($1, $2, $3)";
  for (const auto& contact : contacts) {
    SqlParams params = {customer_id, std::string(domain::kContactKindCodes.ToCode(contact.kind)),
                        contact.value};
    if (check == Contacts::kCheckedFree) {
      LT_TRY(connection_.Send(kInsert, params));
      continue;
    }
    auto inserted = connection_.Execute(kInsert, params);
    if (!inserted.ok()) {
      Error error = std::move(inserted).error();
      if (error.code == ErrorCode::kConflict) {
        return Error::Of(ErrorCode::kConflict, "error.contact_taken", {{"contact", contact.value}});
      }
      return error;
    }
  }
  return Ok();
}

Result<domain::Id> CustomerStore::Insert(const Customer& customer, Contacts contacts) {
  LT_TRY_ASSIGN(domain::Id id,
                connection_.QueryInt(
                    "INSERT INTO customers (kind, name, organization, region, segment, "
                    "created_at, updated_at, language) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                    "RETURNING id",
                    {std::string(domain::kCustomerKindCodes.ToCode(customer.kind)), customer.name,
                     customer.organization, customer.region,
                     std::string(domain::kSegmentCodes.ToCode(customer.segment)),
                     customer.created_at, customer.updated_at, customer.language}));
  LT_TRY(InsertContacts(id, customer.contacts, contacts));
  return id;
}

Status CustomerStore::Update(const Customer& customer) {
  LT_TRY(connection_.Execute(
      "UPDATE customers SET kind = $1, name = $2, organization = $3, region = $4, segment = $5, "
      "updated_at = $6, language = $7 WHERE id = $8",
      {std::string(domain::kCustomerKindCodes.ToCode(customer.kind)), customer.name,
       customer.organization, customer.region,
       std::string(domain::kSegmentCodes.ToCode(customer.segment)), customer.updated_at,
       customer.language, customer.id}));
  LT_TRY(
      connection_.Execute("DELETE FROM customer_contacts WHERE customer_id = $1", {customer.id}));
  return InsertContacts(customer.id, customer.contacts, Contacts::kMayBeTaken);
}

Status CustomerStore::LoadContacts(std::vector<Customer>& customers) {
  if (customers.empty()) return Ok();
  std::unordered_map<domain::Id, Customer*> by_id;
  SqlParams params;
  std::string list;
  for (auto& customer : customers) {
    by_id[customer.id] = &customer;
    params.push_back(customer.id);
    if (!list.empty()) list += ", ";
    list += "$" + std::to_string(params.size());
  }
  return connection_.Query(
      "SELECT customer_id, kind, value FROM customer_contacts WHERE customer_id IN (" + list +
          ") ORDER BY id",
      params, [&](const Row& row) {
        domain::Contact contact;
        contact.kind =
            domain::kContactKindCodes.FromCode(row.Text(1)).value_or(domain::ContactKind::kOther);
        contact.value = row.Text(2);
        by_id[row.Int(0)]->contacts.push_back(std::move(contact));
      });
}

Result<std::optional<Customer>> CustomerStore::Find(domain::Id id) {
  std::vector<Customer> found;
  LT_TRY(connection_.Query("SELECT " + std::string(kColumns) + " FROM customers WHERE id = $1",
                           {id}, [&](const Row& row) { found.push_back(CustomerFromRow(row)); }));
  if (found.empty()) return std::optional<Customer>();
  LT_TRY(LoadContacts(found));
  return std::optional<Customer>(std::move(found.front()));
}

Result<std::optional<domain::Id>> CustomerStore::FindByContact(const domain::Contact& contact) {
  return connection_.QueryOptionalInt(
      "SELECT customer_id FROM customer_contacts WHERE kind = $1 AND value = $2",
      {std::string(domain::kContactKindCodes.ToCode(contact.kind)), contact.value});
}

Result<std::vector<Customer>> CustomerStore::List(const CustomerFilter& filter) {
  SqlParams params;
  std::string where = "1 = 1";
  auto param = [&](SqlValue value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  if (!filter.name_contains.empty()) {
    const std::string needle = param(filter.name_contains);
    const Dialect& dialect = connection_.dialect();
    where += " AND (" + dialect.ContainsCondition("name", needle) + " OR " +
             dialect.ContainsCondition("organization", needle) + ")";
  }
  if (filter.kind) {
    where += " AND kind = " + param(std::string(domain::kCustomerKindCodes.ToCode(*filter.kind)));
  }
  if (filter.contact) {
    where += " AND id IN (SELECT customer_id FROM customer_contacts WHERE kind = " +
             param(std::string(domain::kContactKindCodes.ToCode(filter.contact->kind))) +
             " AND value = " + param(filter.contact->value) + ")";
  }
  if (filter.after_id) where += " AND id > " + param(*filter.after_id);
  std::vector<Customer> customers;
  LT_TRY(connection_.Query("SELECT " + std::string(kColumns) + " FROM customers WHERE " + where +
                               " ORDER BY id LIMIT " + param(std::int64_t{filter.limit + 1}),
                           params,
                           [&](const Row& row) { customers.push_back(CustomerFromRow(row)); }));
  LT_TRY(LoadContacts(customers));
  return customers;
}

Result<std::optional<domain::Segment>> CustomerStore::SegmentOf(domain::Id id) {
  std::optional<domain::Segment> segment;
  LT_TRY(
      connection_.Query("SELECT segment FROM customers WHERE id = $1", {id}, [&](const Row& row) {
        segment = domain::kSegmentCodes.FromCode(row.Text(0)).value_or(domain::Segment::kNormal);
      }));
  return segment;
}

}  // namespace lt::storage
