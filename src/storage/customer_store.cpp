#include "storage/customer_store.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "storage/case_scope_sql.hpp"
#include "storage/multi_row.hpp"

namespace lt::storage {
namespace {

using domain::Customer;

constexpr std::string_view kCustomerColumns =
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

Result<std::optional<domain::Id>> CustomerStore::MoveContact(const domain::Contact& contact,
                                                             domain::Id customer_id) {
  LT_TRY_ASSIGN(const auto holder, FindByContact(contact));
  if (holder == customer_id) return holder;
  if (holder) {
    LT_TRY(connection_.Execute(
        "UPDATE customer_contacts SET customer_id = $1 WHERE kind = $2 AND value = $3",
        {customer_id, std::string(domain::kContactKindCodes.ToCode(contact.kind)), contact.value}));
  } else {
    LT_TRY(InsertContacts(customer_id, {contact}));
  }
  return holder;
}

Status CustomerStore::InsertContacts(domain::Id customer_id,
                                     const std::vector<domain::Contact>& contacts) {
  for (const auto& contact : contacts) {
    auto inserted = connection_.Execute(
        "INSERT INTO customer_contacts (customer_id, kind, value) VALUES ($1, $2, $3)",
        {customer_id, std::string(domain::kContactKindCodes.ToCode(contact.kind)), contact.value});
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

Result<std::vector<domain::Id>> CustomerStore::InsertRows(std::span<const Customer> customers) {
  SqlParams params;
  params.reserve(customers.size() * 8);
  for (const auto& customer : customers) {
    params.insert(params.end(), {std::string(domain::kCustomerKindCodes.ToCode(customer.kind)),
                                 customer.name, customer.organization, customer.region,
                                 std::string(domain::kSegmentCodes.ToCode(customer.segment)),
                                 customer.created_at, customer.updated_at, customer.language});
  }
  std::vector<domain::Id> ids;
  LT_TRY(
      connection_.Query("INSERT INTO customers (kind, name, organization, region, segment, "
                        "created_at, updated_at, language) VALUES " +
                            RowsOfParameters(8, customers.size()) + " RETURNING id",
                        params, [&](const Row& row) { ids.push_back(row.Int(0)); }));
  if (ids.size() != customers.size()) return Error::Internal("customers not all inserted");
  // Ids are drawn row by row in the order of VALUES, whatever order
  // RETURNING gives them back in.
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<domain::Id> CustomerStore::Insert(const Customer& customer) {
  LT_TRY_ASSIGN(const auto ids, InsertRows({&customer, 1}));
  LT_TRY(InsertContacts(ids.front(), customer.contacts));
  return ids.front();
}

Status CustomerStore::InsertMany(std::span<Customer> customers) {
  if (customers.empty()) return Ok();
  LT_TRY_ASSIGN(const auto ids, InsertRows(customers));
  SqlParams params;
  std::size_t rows = 0;
  for (std::size_t index = 0; index < customers.size(); ++index) {
    customers[index].id = ids[index];
    for (const auto& contact : customers[index].contacts) {
      params.insert(
          params.end(),
          {ids[index], std::string(domain::kContactKindCodes.ToCode(contact.kind)), contact.value});
      ++rows;
    }
  }
  if (rows == 0) return Ok();
  return connection_.Send("INSERT INTO customer_contacts (customer_id, kind, value) VALUES " +
                              RowsOfParameters(3, rows),
                          params);
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
  return InsertContacts(customer.id, customer.contacts);
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

Result<std::map<domain::Id, std::string>> CustomerStore::NamesOf(std::span<const domain::Id> ids) {
  std::map<domain::Id, std::string> names;
  if (ids.empty()) return names;
  SqlParams params;
  std::string in;
  for (const domain::Id id : ids) in += (in.empty() ? "" : ", ") + Param(params, id);
  LT_TRY(connection_.Query("SELECT id, name FROM customers WHERE id IN (" + in + ")", params,
                           [&](const Row& row) { names[row.Int(0)] = row.Text(1); }));
  return names;
}

Result<std::optional<Customer>> CustomerStore::Find(domain::Id id) {
  LT_TRY_ASSIGN(auto found, FindMany({&id, 1}));
  if (found.empty()) return std::optional<Customer>();
  return std::optional<Customer>(std::move(found.begin()->second));
}

Result<std::map<domain::Id, Customer>> CustomerStore::FindMany(std::span<const domain::Id> ids) {
  std::map<domain::Id, Customer> by_id;
  if (ids.empty()) return by_id;
  SqlParams params;
  const std::string in = ParameterList(params, ids);
  std::vector<Customer> found;
  LT_TRY(connection_.Query(
      "SELECT " + std::string(kCustomerColumns) + " FROM customers WHERE id IN (" + in + ")",
      params, [&](const Row& row) { found.push_back(CustomerFromRow(row)); }));
  if (found.empty()) return by_id;
  LT_TRY(LoadContacts(found));
  for (auto& customer : found) by_id.emplace(customer.id, std::move(customer));
  return by_id;
}

Result<std::optional<domain::Id>> CustomerStore::FindByContact(const domain::Contact& contact) {
  return connection_.QueryOptionalInt(
      "SELECT customer_id FROM customer_contacts WHERE kind = $1 AND value = $2",
      {std::string(domain::kContactKindCodes.ToCode(contact.kind)), contact.value});
}

Result<std::vector<std::optional<domain::Id>>> CustomerStore::FindByContacts(
    std::span<const domain::Contact> contacts) {
  std::vector<std::optional<domain::Id>> owners(contacts.size());
  if (contacts.empty()) return owners;
  SqlParams params;
  std::string where;
  for (const auto& contact : contacts) {
    if (!where.empty()) where += " OR ";
    params.emplace_back(std::string(domain::kContactKindCodes.ToCode(contact.kind)));
    params.emplace_back(contact.value);
    where += "(kind = $" + std::to_string(params.size() - 1) + " AND value = $" +
             std::to_string(params.size()) + ")";
  }
  std::map<std::pair<std::string, std::string>, domain::Id> found;
  LT_TRY(connection_.Query("SELECT kind, value, customer_id FROM customer_contacts WHERE " + where,
                           params, [&](const Row& row) {
                             found[{row.Text(0), row.Text(1)}] = row.Int(2);
                           }));
  for (std::size_t index = 0; index < contacts.size(); ++index) {
    const auto owner =
        found.find({std::string(domain::kContactKindCodes.ToCode(contacts[index].kind)),
                    contacts[index].value});
    if (owner != found.end()) owners[index] = owner->second;
  }
  return owners;
}

Result<std::vector<Customer>> CustomerStore::List(const domain::CustomerFilter& filter) {
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
  if (!filter.phone_prefix.empty()) {
    where +=
        " AND id IN (SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND "
        "value LIKE " +
        param(filter.phone_prefix + "%") + ")";
  }
  if (filter.after_id) where += " AND id > " + param(*filter.after_id);
  std::vector<Customer> customers;
  LT_TRY(connection_.Query(
      "SELECT " + std::string(kCustomerColumns) + " FROM customers WHERE " + where +
          " ORDER BY id LIMIT " + param(std::int64_t{filter.limit + 1}),
      params, [&](const Row& row) { customers.push_back(CustomerFromRow(row)); }));
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
