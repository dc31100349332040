// Cases filed together (app/case_intake.hpp): each gets its own outcome,
// the writes of all go to the store in one statement per table, and a group
// whose write fails is filed again case by case. Runs on both stores.

#include "app/case_intake.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "app/cases.hpp"
#include "app/customers.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt::app {
namespace {

CreateCaseInput ByPhone(std::string subject, std::string phone) {
  CreateCaseInput input;
  input.subject = std::move(subject);
  CustomerInput customer;
  customer.name = "李娜";
  customer.phones.push_back(std::move(phone));
  input.customer = std::move(customer);
  return input;
}

class CaseIntakeTest : public ::testing::Test {
 protected:
  // What a NewCase points at, kept alive for it.
  struct Request {
    CreateCaseInput input;
    std::optional<IdempotencyKey> key;
  };

  std::vector<NewCase> Prepare(const std::vector<Request>& requests) {
    std::vector<NewCase> cases;
    for (const auto& request : requests) {
      auto prepared = PrepareNewCase(*store_.context, principal_, request.input, request.key);
      EXPECT_TRUE(prepared.ok()) << test::Describe(prepared.error());
      if (prepared.ok()) cases.push_back(std::move(prepared).value());
    }
    return cases;
  }

  static std::vector<NewCase*> GroupOf(std::vector<NewCase>& cases) {
    std::vector<NewCase*> group;
    for (auto& new_case : cases) group.push_back(&new_case);
    return group;
  }

  domain::Principal principal_ = domain::Principal::System();
  test::TestStore store_;
};

TEST_F(CaseIntakeTest, CasesFiledTogetherEachGetTheirOwnOutcome) {
  auto earlier =
      CreateCase(*store_.context, principal_, ByPhone("早先的投诉", "13900000001"), std::nullopt);
  ASSERT_TRUE(earlier.ok()) << test::Describe(earlier.error());
  const domain::Id known = earlier->a_case.customer_id;
  std::vector<Request> requests(6);
  requests[0].input = ByPhone("插座外壳开裂", "13900000002");      // a new customer
  requests[1].input = ByPhone("插座又坏了", "+86 139 0000 0002");  // the same person again
  requests[2].input = ByPhone("热水器漏电", "13900000001");        // a known customer
  requests[3].input = ByPhone("断路器跳闸", "13900000003");
  requests[3].input.department_id = 404;  // refused: no such department
  requests[4].input.subject = "洗衣机漏水";
  requests[4].input.customer_id = known;
  requests[5].input = ByPhone("空调外机异响", "13900000004");
  requests[5].key = IdempotencyKey{"intake-1", "hash-1"};
  auto cases = Prepare(requests);
  ASSERT_EQ(cases.size(), requests.size());
  const auto group = GroupOf(cases);
  ASSERT_TRUE(
      store_.database
          ->Write([&](storage::Connection& connection) { return FileCases(connection, group); })
          .ok());

  for (std::size_t index = 0; index < cases.size(); ++index) {
    ASSERT_TRUE(cases[index].outcome.has_value()) << index;
    EXPECT_EQ(cases[index].outcome->ok(), index != 3) << index;
  }
  EXPECT_EQ(cases[3].outcome->error().fields.at(0).field, "department_id");
  auto filed = [&](std::size_t index) -> const domain::Case& {
    return (*cases[index].outcome)->a_case;
  };
  // Numbered in the order they came, after the earlier case; the refused
  // one takes no number.
  EXPECT_EQ(filed(0).number, "TS-2026-000002");
  EXPECT_EQ(filed(1).number, "TS-2026-000003");
  EXPECT_EQ(filed(2).number, "TS-2026-000004");
  EXPECT_EQ(filed(4).number, "TS-2026-000005");
  EXPECT_EQ(filed(5).number, "TS-2026-000006");
  // One new customer for the two cases that bring the same phone number.
  EXPECT_NE(filed(0).customer_id, known);
  EXPECT_EQ(filed(1).customer_id, filed(0).customer_id);
  EXPECT_EQ(filed(2).customer_id, known);
  EXPECT_EQ(filed(4).customer_id, known);
  EXPECT_NE(filed(5).customer_id, filed(0).customer_id);
  auto customer = GetCustomer(*store_.context, principal_, filed(0).customer_id);
  ASSERT_TRUE(customer.ok());
  EXPECT_EQ(customer->contacts.size(), 1u);
  // Each stored as returned, with its deadline and its audit record.
  for (const std::size_t index : {0u, 1u, 2u, 4u, 5u}) {
    auto stored = GetCase(*store_.context, principal_, filed(index).id);
    ASSERT_TRUE(stored.ok()) << index;
    EXPECT_EQ(stored->number, filed(index).number);
    EXPECT_EQ(stored->subject, requests[index].input.subject);
    EXPECT_EQ(stored->customer_id, filed(index).customer_id);
    EXPECT_TRUE(stored->sla_due_at.has_value());
    EXPECT_EQ(stored->sla_due_at, filed(index).sla_due_at);
    auto events = ListCaseEvents(*store_.context, principal_, filed(index).id);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 1u);
    EXPECT_EQ(events->front().action, "create");
  }
  auto page = ListCases(*store_.context, principal_, domain::CaseFilter{});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->cases.size(), 6u);  // the earlier case and five of the six
  // The idempotency key was kept with its case.
  auto again = CreateCase(*store_.context, principal_, requests[5].input, requests[5].key);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->a_case.id, filed(5).id);
}

TEST_F(CaseIntakeTest, AGroupWhoseWriteFailsIsFiledCaseByCase) {
  // A client retrying while its first request is still in flight: the same
  // key twice in one group fails the group's write at the key's insert.
  std::vector<Request> requests(3);
  requests[0].input = ByPhone("漏水", "13700000001");
  requests[0].key = IdempotencyKey{"retry-7", "hash-7"};
  requests[1] = requests[0];
  requests[2].input = ByPhone("跳闸", "13700000002");
  auto cases = Prepare(requests);
  ASSERT_EQ(cases.size(), 3u);
  FileGroup(*store_.database, GroupOf(cases));
  for (const auto& new_case : cases) {
    ASSERT_TRUE(new_case.outcome && new_case.outcome->ok())
        << (new_case.outcome ? test::Describe(new_case.outcome->error()) : "no outcome");
  }
  EXPECT_FALSE((*cases[0].outcome)->replayed);
  EXPECT_TRUE((*cases[1].outcome)->replayed);
  EXPECT_EQ((*cases[1].outcome)->a_case.id, (*cases[0].outcome)->a_case.id);
  EXPECT_FALSE((*cases[2].outcome)->replayed);
  EXPECT_NE((*cases[2].outcome)->a_case.number, (*cases[0].outcome)->a_case.number);
  // (On PostgreSQL the numbers drawn by the failed write are gaps: the
  // counter commits on its own connection.)
  auto page = ListCases(*store_.context, principal_, domain::CaseFilter{});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->cases.size(), 2u);
}

TEST_F(CaseIntakeTest, CasesCreatedAtOnceAreAllFiledOnceWithTheirCustomers) {
  constexpr int kCases = 24;  // eight callers, each calling three times at once
  std::vector<Result<CreatedCase>> results(kCases, Error::Internal("not run"));
  std::vector<std::thread> callers;
  for (int index = 0; index < kCases; ++index) {
    callers.emplace_back([&, index] {
      const std::string phone = "1360000000" + std::to_string(index % 8);
      results[index] =
          CreateCase(*store_.context, principal_,
                     ByPhone("同时来电 #" + std::to_string(index), phone), std::nullopt);
    });
  }
  for (auto& caller : callers) caller.join();
  std::set<std::string> numbers;
  std::vector<std::set<domain::Id>> customers_of_phone(8);
  for (int index = 0; index < kCases; ++index) {
    ASSERT_TRUE(results[index].ok()) << test::Describe(results[index].error());
    numbers.insert(results[index]->a_case.number);
    customers_of_phone[index % 8].insert(results[index]->a_case.customer_id);
  }
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kCases));
  if (!test::UsingPostgres()) {
    // On PostgreSQL a write that lost a race for a new customer runs again
    // and draws new numbers: the first ones are gaps.
    EXPECT_EQ(*numbers.begin(), "TS-2026-000001");
    EXPECT_EQ(*numbers.rbegin(), "TS-2026-000024");
  }
  std::set<domain::Id> customers;
  for (const auto& of_phone : customers_of_phone) {
    EXPECT_EQ(of_phone.size(), 1u);  // the three calls of a phone number: one customer
    customers.insert(of_phone.begin(), of_phone.end());
  }
  EXPECT_EQ(customers.size(), 8u);
}

}  // namespace
}  // namespace lt::app
