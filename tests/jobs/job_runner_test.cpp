// Background jobs on one store: due-time order, leases, takeover after a
// node dies, effects applied once, retries. Runs on SQLite and, in the
// PostgreSQL pass, with several "nodes" (store connections) at once.

#include "jobs/job_runner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "jobs/housekeeping.hpp"
#include "storage/channel_message_store.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt::jobs {
namespace {

using namespace std::chrono_literals;

// Records its effect in the store: one row per applied run.
class RecordingJob final : public JobHandler {
 public:
  std::atomic<int> external_calls{0};
  std::atomic<int> failures_left{0};
  Status PerformExternal(const storage::ClaimedJob&) override {
    ++external_calls;
    if (failures_left > 0) {
      --failures_left;
      return Error::Of(ErrorCode::kUnavailable, "error.unavailable");
    }
    return Ok();
  }
  Status Apply(storage::Connection& connection, const storage::ClaimedJob& job,
               TimestampMs now) override {
    LT_TRY(connection.Execute("INSERT INTO job_effects (job_key, applied_at) VALUES ($1, $2)",
                              {job.key, now}));
    return Ok();
  }
};

class JobRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_.database
                    ->Write([](storage::Connection& c) -> Status {
                      return c.ExecuteScript(
                          "CREATE TABLE job_effects (job_key TEXT NOT NULL, applied_at BIGINT)");
                    })
                    .ok());
  }

  std::unique_ptr<JobRunner> MakeRunner(storage::Database& database, const std::string& node,
                                        RecordingJob** handler = nullptr) {
    JobRunnerOptions options;
    options.node = node;
    options.lease = 30s;
    auto runner = std::make_unique<JobRunner>(database, store_.clock, options);
    auto recording = std::make_unique<RecordingJob>();
    if (handler) *handler = recording.get();
    runner->Register("test.record", std::move(recording));
    return runner;
  }

  void Schedule(const std::string& key, TimestampMs due_at, int max_attempts = 10) {
    ASSERT_TRUE(store_.database
                    ->Write([&](storage::Connection& c) {
                      return ScheduleJob(c, "test.record", key, "{}", due_at, store_.clock.NowMs(),
                                         max_attempts);
                    })
                    .ok());
  }

  std::int64_t Effects(const std::string& key) {
    std::int64_t count = -1;
    EXPECT_TRUE(store_.database
                    ->Read([&](storage::Connection& c) -> Status {
                      LT_TRY_ASSIGN(
                          count,
                          c.QueryInt("SELECT COUNT(*) FROM job_effects WHERE job_key = $1", {key}));
                      return Ok();
                    })
                    .ok());
    return count;
  }

  std::optional<storage::JobStatus> StatusOf(const std::string& key) {
    std::optional<storage::JobStatus> status;
    EXPECT_TRUE(store_.database
                    ->Read([&](storage::Connection& c) -> Status {
                      LT_TRY_ASSIGN(status, storage::JobStore(c).Find("test.record", key));
                      return Ok();
                    })
                    .ok());
    return status;
  }

  test::TestStore store_;
};

TEST_F(JobRunnerTest, RunsAJobOnceWhenItIsDueAndNotBefore) {
  auto runner = MakeRunner(*store_.database, "node-a");
  Schedule("k1", store_.clock.NowMs() + 60'000);
  Schedule("k1", store_.clock.NowMs() + 5'000);  // the same job again: ignored
  EXPECT_EQ(runner->RunDue().value_or(-1), 0);
  store_.clock.Advance(59'999);
  EXPECT_EQ(runner->RunDue().value_or(-1), 0);
  store_.clock.Advance(1);
  EXPECT_EQ(runner->RunDue().value_or(-1), 1);
  EXPECT_EQ(runner->RunDue().value_or(-1), 0);
  EXPECT_EQ(Effects("k1"), 1);
  const auto status = StatusOf("k1");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->state, storage::JobState::kDone);
  EXPECT_EQ(status->attempts, 1);
}

TEST_F(JobRunnerTest, AJobWhoseNodeDiedIsTakenOverAfterTheLeaseAndAppliedOnce) {
  Schedule("k2", store_.clock.NowMs());
  // Node A claims the job and dies before finishing it.
  storage::ClaimedJob abandoned;
  ASSERT_TRUE(store_.database
                  ->Write([&](storage::Connection& c) -> Status {
                    LT_TRY_ASSIGN(auto claimed, storage::JobStore(c).Claim(
                                                    "node-a", store_.clock.NowMs(), 30'000, 10));
                    if (claimed.size() != 1) return Error::Internal("expected one claim");
                    abandoned = claimed[0];
                    return Ok();
                  })
                  .ok());
  RecordingJob* handler_b = nullptr;
  auto node_b = MakeRunner(*store_.database, "node-b", &handler_b);
  EXPECT_EQ(node_b->RunDue().value_or(-1), 0);  // the lease holds
  store_.clock.Advance(30'000);
  EXPECT_EQ(node_b->RunDue().value_or(-1), 1);  // taken over
  EXPECT_EQ(Effects("k2"), 1);
  EXPECT_EQ(StatusOf("k2")->attempts, 2);

  // Node A was only slow, not dead: its late effect and completion are
  // refused together, so the effect stays applied once.
  const Status late = store_.database->Write([&](storage::Connection& c) -> Status {
    LT_TRY(c.Execute("INSERT INTO job_effects (job_key) VALUES ('k2')"));
    return storage::JobStore(c).Complete(abandoned, store_.clock.NowMs());
  });
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().key, "error.job_claim_lost");
  EXPECT_EQ(Effects("k2"), 1);
}

TEST_F(JobRunnerTest, RetriesAFailedRunWithBackoffAndGivesUpAfterTheLastAttempt) {
  RecordingJob* handler = nullptr;
  auto runner = MakeRunner(*store_.database, "node-a", &handler);
  handler->failures_left = 5;
  Schedule("k3", store_.clock.NowMs(), 3);
  EXPECT_EQ(runner->RunDue().value_or(-1), 0);  // attempt 1 fails; retry in 2 s
  EXPECT_EQ(StatusOf("k3")->state, storage::JobState::kPending);
  EXPECT_NE(StatusOf("k3")->last_error.value_or("").find("error.unavailable"), std::string::npos);
  store_.clock.Advance(1'999);
  EXPECT_EQ(runner->RunDue().value_or(-1), 0);
  EXPECT_EQ(handler->external_calls, 1);
  store_.clock.Advance(1);
  EXPECT_EQ(runner->RunDue().value_or(-1), 0);  // attempt 2 fails; retry in 4 s
  store_.clock.Advance(4'000);
  EXPECT_EQ(runner->RunDue().value_or(-1), 0);  // attempt 3 fails: the last
  EXPECT_EQ(handler->external_calls, 3);
  EXPECT_EQ(StatusOf("k3")->state, storage::JobState::kFailed);
  store_.clock.Advance(3600'000);
  EXPECT_EQ(runner->RunDue().value_or(-1), 0);
  EXPECT_EQ(handler->external_calls, 3);
  EXPECT_EQ(Effects("k3"), 0);
}

TEST_F(JobRunnerTest, HousekeepingPurgesOldRowsAndSchedulesItsNextRun) {
  auto runner = MakeRunner(*store_.database, "node-a");
  runner->Register(std::string(kHousekeepingKind), std::make_unique<HousekeepingJob>());
  Schedule("old", store_.clock.NowMs());
  ASSERT_EQ(runner->RunDue().value_or(-1), 1);
  // A webhook signature seen now, and one seen later, within the hour before the run.
  ASSERT_TRUE(store_.database
                  ->Write([&](storage::Connection& c) -> Status {
                    storage::WebhookReceiptStore receipts(c);
                    LT_TRY(receipts.Record("sms", "sha256=old", store_.clock.NowMs()));
                    LT_TRY(receipts.Record("sms", "sha256=recent",
                                           store_.clock.NowMs() + 8LL * 24 * 3600 * 1000 - 60000));
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(ScheduleHousekeeping(*store_.database, store_.clock.NowMs()).ok());
  ASSERT_TRUE(ScheduleHousekeeping(*store_.database, store_.clock.NowMs()).ok());  // no-op
  store_.clock.Advance(8LL * 24 * 3600 * 1000);  // a week and a day later
  EXPECT_EQ(runner->RunDue().value_or(-1), 1);   // one housekeeping run, not eight days' worth
  EXPECT_FALSE(StatusOf("old").has_value());     // the finished job is gone
  std::int64_t pending = 0;
  ASSERT_TRUE(store_.database
                  ->Read([&](storage::Connection& c) -> Status {
                    LT_TRY_ASSIGN(pending, c.QueryInt("SELECT COUNT(*) FROM jobs WHERE kind = $1 "
                                                      "AND state = 'pending' AND due_at > $2",
                                                      {std::string(kHousekeepingKind),
                                                       store_.clock.NowMs()}));
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(pending, 1);
  ASSERT_TRUE(store_.database
                  ->Read([&](storage::Connection& c) -> Status {
                    storage::WebhookReceiptStore receipts(c);
                    LT_TRY_ASSIGN(const bool old_seen, receipts.Seen("sms", "sha256=old"));
                    LT_TRY_ASSIGN(const bool recent_seen, receipts.Seen("sms", "sha256=recent"));
                    EXPECT_FALSE(old_seen);
                    EXPECT_TRUE(recent_seen);
                    return Ok();
                  })
                  .ok());
}

TEST_F(JobRunnerTest, ConcurrentNodesRunEveryJobExactlyOnce) {
  if (!test::UsingPostgres()) GTEST_SKIP() << "several nodes need PostgreSQL";
  constexpr int kJobs = 300;
  for (int i = 0; i < kJobs; ++i) Schedule("bulk-" + std::to_string(i), store_.clock.NowMs());
  std::vector<std::unique_ptr<storage::Database>> connections;
  std::vector<std::unique_ptr<JobRunner>> nodes;
  for (int node = 0; node < 3; ++node) {
    auto database = test::OpenTestDatabase(store_.directory.path());
    ASSERT_TRUE(database.ok());
    connections.push_back(std::move(database).value());
    nodes.push_back(MakeRunner(*connections.back(), "node-" + std::to_string(node)));
  }
  std::atomic<int> completed{0};
  std::vector<std::thread> threads;
  for (auto& node : nodes) {
    threads.emplace_back([&, runner = node.get()] { completed += runner->RunDue().value_or(0); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(completed, kJobs);
  std::int64_t effects = 0, distinct = 0;
  ASSERT_TRUE(store_.database
                  ->Read([&](storage::Connection& c) -> Status {
                    LT_TRY_ASSIGN(effects, c.QueryInt("SELECT COUNT(*) FROM job_effects"));
                    LT_TRY_ASSIGN(distinct,
                                  c.QueryInt("SELECT COUNT(DISTINCT job_key) FROM job_effects"));
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(effects, kJobs);
  EXPECT_EQ(distinct, kJobs);
}

TEST_F(JobRunnerTest, ARunningRunnerWakesWhenAnyNodeSchedulesAJob) {
  // A long poll interval: only the change-feed wake-up can make it prompt.
  JobRunnerOptions options;
  options.node = "node-a";
  options.poll_interval = 60s;
  SystemClock clock;
  JobRunner runner(*store_.database, clock, options);
  auto recording = std::make_unique<RecordingJob>();
  RecordingJob* handler = recording.get();
  runner.Register("test.record", std::move(recording));
  runner.Start();
  std::this_thread::sleep_for(100ms);  // now asleep for up to a minute
  ASSERT_TRUE(store_.database
                  ->Write([&](storage::Connection& c) {
                    return ScheduleJob(c, "test.record", "wake", "{}", clock.NowMs(),
                                       clock.NowMs());
                  })
                  .ok());
  for (int i = 0; i < 100 && handler->external_calls == 0; ++i) std::this_thread::sleep_for(50ms);
  runner.Stop();
  EXPECT_EQ(handler->external_calls, 1);
}

TEST_F(JobRunnerTest, OnlyJobsDueWithinTheWakeHorizonWakeTheRunners) {
  // An SLA deadline hours away must not wake every runner on every case
  // write: runners find it on a later pass anyway.
  std::atomic<int> wake_ups{0};
  const auto subscription = store_.database->Subscribe([&](std::string_view payload) {
    if (payload == storage::kJobScheduledPayload) ++wake_ups;
  });
  const TimestampMs now = store_.clock.NowMs();
  auto schedule = [&](const std::string& key, TimestampMs due_at) {
    ASSERT_TRUE(store_.database
                    ->Write([&](storage::Connection& c) {
                      return ScheduleJob(c, "test.record", key, "{}", due_at, now);
                    })
                    .ok());
  };
  schedule("later", now + storage::kJobWakeHorizonMs + 1);
  schedule("soon", now + storage::kJobWakeHorizonMs);
  for (int i = 0; i < 100 && wake_ups == 0; ++i) std::this_thread::sleep_for(20ms);
  std::this_thread::sleep_for(100ms);
  store_.database->Unsubscribe(subscription);
  EXPECT_EQ(wake_ups, 1);
}

}  // namespace
}  // namespace lt::jobs
