// What a store keeps for the rest of a transaction (Connection::Recall): the
// workflow and the SLA policies are read once per transaction, a change in
// the same transaction is seen at once, and the next transaction reads the
// store again. Runs on both stores.

#include <gtest/gtest.h>

#include "sla/sla_policy.hpp"
#include "storage/sla_policy_store.hpp"
#include "storage/workflow_store.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt::storage {
namespace {

// The shipped workflow with one more open state.
domain::Workflow WorkflowWithExtraState() {
  domain::Workflow workflow = domain::DefaultWorkflow();
  domain::WorkflowState extra = workflow.states.front();
  extra.code = "awaiting_parts";
  workflow.states.push_back(extra);
  return workflow;
}

TEST(TransactionCache, TheWorkflowIsReadOnceAndAChangeInTheTransactionIsSeenAtOnce) {
  test::TempDir directory;
  auto database = test::OpenTestDatabase(directory.path());
  ASSERT_TRUE(database.ok()) << test::Describe(database.error());
  const std::size_t shipped = domain::DefaultWorkflow().states.size();
  const Status written = (*database)->Write([&](Connection& c) -> Status {
    WorkflowStore store(c);
    LT_TRY_ASSIGN(const WorkflowPtr first, store.Load());
    LT_TRY_ASSIGN(const WorkflowPtr again, store.Load());
    EXPECT_EQ(first.get(), again.get());  // kept, not read again
    EXPECT_EQ(first->states.size(), shipped);
    LT_TRY(store.Replace(WorkflowWithExtraState()));
    LT_TRY_ASSIGN(const WorkflowPtr changed, store.Load());
    EXPECT_EQ(changed->states.size(), shipped + 1);
    return Ok();
  });
  ASSERT_TRUE(written.ok()) << test::Describe(written.error());
  const Status read = (*database)->Read([&](Connection& c) -> Status {
    LT_TRY_ASSIGN(const WorkflowPtr stored, WorkflowStore(c).Load());
    EXPECT_EQ(stored->states.size(), shipped + 1);
    return Ok();
  });
  ASSERT_TRUE(read.ok()) << test::Describe(read.error());
}

TEST(TransactionCache, AWriteRolledBackLeavesNothingKept) {
  test::TempDir directory;
  auto database = test::OpenTestDatabase(directory.path());
  ASSERT_TRUE(database.ok()) << test::Describe(database.error());
  ASSERT_GT(sla::DefaultSlaPolicies().size(), 1u);
  const Status failed = (*database)->Write([&](Connection& c) -> Status {
    WorkflowStore store(c);
    LT_TRY(store.Replace(WorkflowWithExtraState()));
    LT_TRY(store.Load());  // kept, then undone below
    std::vector<sla::SlaPolicy> one = sla::DefaultSlaPolicies();
    one.resize(1);
    LT_TRY(SlaPolicyStore(c).Replace(one));
    LT_TRY(SlaPolicyStore(c).Load());
    return Error::Invalid("workflow", "validation.required");
  });
  ASSERT_FALSE(failed.ok());
  const Status written = (*database)->Write([&](Connection& c) -> Status {
    LT_TRY_ASSIGN(const WorkflowPtr workflow, WorkflowStore(c).Load());
    EXPECT_EQ(workflow->states.size(), domain::DefaultWorkflow().states.size());
    LT_TRY_ASSIGN(const SlaPoliciesPtr policies, SlaPolicyStore(c).Load());
    EXPECT_EQ(policies->size(), sla::DefaultSlaPolicies().size());
    return Ok();
  });
  ASSERT_TRUE(written.ok()) << test::Describe(written.error());
}

}  // namespace
}  // namespace lt::storage
