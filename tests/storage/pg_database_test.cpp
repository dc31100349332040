// The PostgreSQL store's own behaviour: transactions, retries, a pool that
// survives dropped connections, and migrations when nodes start together.
// Runs in the PostgreSQL pass of the suite (scripts/with-postgres.sh).

#include "storage/postgres/pg_database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/workflow_store.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt::storage {
namespace {

class PgDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::UsingPostgres()) GTEST_SKIP() << "runs in the PostgreSQL pass";
    PgOptions options;
    options.url = test::TestStoreUrl(directory_.path());
    options.max_connections = 4;
    auto opened = PgDatabase::Open(options);
    ASSERT_TRUE(opened.ok()) << test::Describe(opened.error());
    database_ = std::move(opened).value();
    ASSERT_TRUE(database_
                    ->Write([](Connection& c) -> Status {
                      return c.ExecuteScript("CREATE TABLE t (v BIGINT UNIQUE, note TEXT)");
                    })
                    .ok());
  }

  std::int64_t Count() {
    std::int64_t count = -1;
    EXPECT_TRUE(database_
                    ->Read([&](Connection& c) -> Status {
                      LT_TRY_ASSIGN(count, c.QueryInt("SELECT COUNT(*) FROM t"));
                      return Ok();
                    })
                    .ok());
    return count;
  }

  test::TempDir directory_;
  std::unique_ptr<PgDatabase> database_;
};

TEST_F(PgDatabaseTest, AFailedWriteLeavesNothingHalfWritten) {
  const Status failed = database_->Write([](Connection& c) -> Status {
    LT_TRY(c.Execute("INSERT INTO t (v) VALUES ($1)", {std::int64_t{1}}));
    return Error::Invalid("v", "validation.required");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(Count(), 0);
}

TEST_F(PgDatabaseTest, AWriteWhoseStatementFailedIsNotReportedAsCommitted) {
  // PostgreSQL aborts the transaction at the first failed statement and then
  // answers COMMIT with a quiet ROLLBACK; work that ignores the error must
  // not be told its write succeeded.
  const Status result = database_->Write([](Connection& c) -> Status {
    LT_TRY(c.Execute("INSERT INTO t (v) VALUES ($1)", {std::int64_t{1}}));
    std::ignore = c.Execute("INSERT INTO no_such_table VALUES (1)");  // deliberately ignored
    return Ok();
  });
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(Count(), 0);
}

// Writes, alone or grouped, plan no parallel workers (starting them cost
// more than the lookups they served); reads, reports among them, keep the
// server's setting, and a write's setting ends with it.
TEST_F(PgDatabaseTest, WritesRunWithoutParallelWorkersAndReadsWithTheServersSetting) {
  const std::string workers = "SELECT current_setting('max_parallel_workers_per_gather')::int";
  std::atomic<int> writes_with_workers{0}, writes{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < 8; ++i) {
    writers.emplace_back([&] {
      const Status written = database_->Write([&](Connection& c) -> Status {
        LT_TRY_ASSIGN(const auto allowed, c.QueryInt(workers));
        if (allowed != 0) ++writes_with_workers;
        return Ok();
      });
      if (written.ok()) ++writes;
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(writes, 8);
  EXPECT_EQ(writes_with_workers, 0);
  for (int i = 0; i < 4; ++i) {  // every pooled connection, one after another
    std::int64_t allowed = -1;
    ASSERT_TRUE(database_
                    ->Read([&](Connection& c) -> Status {
                      LT_TRY_ASSIGN(allowed, c.QueryInt(workers));
                      return Ok();
                    })
                    .ok());
    EXPECT_GT(allowed, 0);
  }
}

TEST_F(PgDatabaseTest, StatementsSentWithoutWaitingAreWrittenAndSeenByLaterReads) {
  // More than the pipeline keeps unread at once, and a read in between.
  std::int64_t seen = -1;
  const Status written = database_->Write([&](Connection& c) -> Status {
    for (std::int64_t v = 1; v <= 500; ++v) LT_TRY(c.Send("INSERT INTO t (v) VALUES ($1)", {v}));
    LT_TRY_ASSIGN(seen, c.QueryInt("SELECT COUNT(*) FROM t"));
    for (std::int64_t v = 501; v <= 1000; ++v) {
      LT_TRY(c.Send("INSERT INTO t (v) VALUES ($1)", {v}));
    }
    return Ok();
  });
  ASSERT_TRUE(written.ok()) << test::Describe(written.error());
  EXPECT_EQ(seen, 500);
  EXPECT_EQ(Count(), 1000);
}

TEST_F(PgDatabaseTest, ASentStatementThatFailsFailsTheNextReadAndNothingIsWritten) {
  bool read_failed = false;
  const Status result = database_->Write([&](Connection& c) -> Status {
    LT_TRY(c.Send("INSERT INTO t (v) VALUES ($1)", {std::int64_t{1}}));
    // Fails as it runs (division by zero), not as it is prepared.
    LT_TRY(c.Send("INSERT INTO t (v) VALUES (1 / $1::bigint)", {std::int64_t{0}}));
    auto count = c.QueryInt("SELECT COUNT(*) FROM t");
    read_failed = !count.ok();
    if (!count.ok()) return std::move(count).error();
    return Ok();
  });
  EXPECT_TRUE(read_failed);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().detail.find("division by zero"), std::string::npos)
      << result.error().detail;
  EXPECT_EQ(Count(), 0);
}

TEST_F(PgDatabaseTest, ASentStatementThatFailsFailsTheCommit) {
  const Status result = database_->Write([](Connection& c) -> Status {
    LT_TRY(c.Send("INSERT INTO t (v) VALUES ($1)", {std::int64_t{1}}));
    LT_TRY(c.Send("INSERT INTO t (v) VALUES (1 / $1::bigint)", {std::int64_t{0}}));
    LT_TRY(c.Send("INSERT INTO t (v) VALUES ($1)", {std::int64_t{2}}));
    return Ok();  // nothing read: the commit is the first to hear of it
  });
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().detail.find("division by zero"), std::string::npos)
      << result.error().detail;
  EXPECT_EQ(Count(), 0);
  // The connection went back to the pool in good order.
  EXPECT_TRUE(database_
                  ->Write([](Connection& c) -> Status {
                    return c.Send("INSERT INTO t (v) VALUES ($1)", {std::int64_t{3}});
                  })
                  .ok());
  EXPECT_EQ(Count(), 1);
}

TEST_F(PgDatabaseTest, AConflictInASentStatementRunsTheWriteAgain) {
  // Two writers insert the same key without reading: the loser's conflict
  // shows at its commit, and it runs again, this time finding the row.
  std::atomic<int> attempts{0};
  std::atomic<int> past_look_up{0};
  auto writer = [&] {
    bool first_attempt = true;
    return database_->Write([&](Connection& c) -> Status {
      ++attempts;
      LT_TRY_ASSIGN(auto found, c.QueryOptionalInt("SELECT v FROM t WHERE v = 7"));
      if (found) return Ok();
      if (std::exchange(first_attempt, false)) {
        // Both writers get past the look-up before either inserts.
        ++past_look_up;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (past_look_up < 2 && std::chrono::steady_clock::now() < until) {
          std::this_thread::yield();
        }
      }
      return c.Send("INSERT INTO t (v) VALUES (7)");
    });
  };
  Status first = Ok(), second = Ok();
  std::thread other([&] { second = writer(); });
  first = writer();
  other.join();
  EXPECT_TRUE(first.ok()) << test::Describe(first.error());
  EXPECT_TRUE(second.ok()) << test::Describe(second.error());
  EXPECT_EQ(past_look_up.load(), 2);
  EXPECT_EQ(Count(), 1);
  EXPECT_EQ(attempts.load(), 3);  // the loser ran once more
}

TEST_F(PgDatabaseTest, RunsAWriteAgainWhenAConcurrentInsertOfTheSameKeyWon) {
  // Look-up-or-insert from 8 threads at once: the losers of the race hit the
  // unique index, are run again, and find the winner's row.
  constexpr int kThreads = 8;
  std::atomic<int> ready{0};
  std::vector<std::int64_t> ids(kThreads, 0);
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreads; ++thread) {
    threads.emplace_back([&, thread] {
      ++ready;
      while (ready < kThreads) std::this_thread::yield();
      const Status status = database_->Write([&](Connection& c) -> Status {
        LT_TRY_ASSIGN(auto found, c.QueryOptionalInt("SELECT v FROM t WHERE v = 42"));
        if (found) {
          ids[thread] = *found;
          return Ok();
        }
        LT_TRY(c.Execute("SELECT pg_sleep(0.05)"));  // widen the race
        LT_TRY_ASSIGN(ids[thread], c.QueryInt("INSERT INTO t (v) VALUES (42) RETURNING v"));
        return Ok();
      });
      EXPECT_TRUE(status.ok()) << test::Describe(status.error());
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto id : ids) EXPECT_EQ(id, 42);
  EXPECT_EQ(Count(), 1);
}

TEST_F(PgDatabaseTest, ReconnectsWhenTheServerDroppedPooledConnections) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(database_
                    ->Write([&](Connection& c) -> Status {
                      return c.Execute("INSERT INTO t (v) VALUES ($1)", {std::int64_t{i}}).ok()
                                 ? Ok()
                                 : Status(Error::Internal("insert"));
                    })
                    .ok());
  }
  // As a server restart or failover would: end every session on this database.
  auto admin = database_->OpenConnection();
  ASSERT_TRUE(admin.ok());
  ASSERT_TRUE((*admin)
                  ->Execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()",
                            {})
                  .ok());
  EXPECT_EQ(Count(), 4);
  EXPECT_TRUE(database_
                  ->Write([](Connection& c) -> Status {
                    return c.Execute("INSERT INTO t (v) VALUES (99)").ok()
                               ? Ok()
                               : Status(Error::Internal("insert"));
                  })
                  .ok());
  EXPECT_EQ(Count(), 5);
}

// Runs `works` as one group commit: each waits behind a write that holds the
// only write transaction until all of them are queued. Returns their results.
std::vector<Status> WriteAsOneGroup(PgDatabase& database,
                                    const std::vector<Database::Work>& works) {
  std::atomic<bool> holding{false}, release{false};
  Status held = Ok();
  std::thread holder([&] {
    held = database.Write([&](Connection& c) -> Status {
      holding = true;
      while (!release) std::this_thread::yield();
      return c.Send("INSERT INTO t (v) VALUES (0)");
    });
  });
  while (!holding) std::this_thread::yield();
  std::vector<Status> results(works.size(), Ok());
  std::vector<std::thread> writers;
  for (std::size_t index = 0; index < works.size(); ++index) {
    // One at a time, so that the group keeps their order.
    writers.emplace_back([&, index] { results[index] = database.Write(works[index]); });
    while (database.waiting_writes() < index + 1) std::this_thread::yield();
  }
  release = true;
  holder.join();
  for (auto& writer : writers) writer.join();
  EXPECT_TRUE(held.ok()) << test::Describe(held.error());
  return results;
}

class PgGroupCommitTest : public PgDatabaseTest {
 protected:
  void SetUp() override {
    PgDatabaseTest::SetUp();
    if (IsSkipped()) return;
    PgOptions options;
    options.url = test::TestStoreUrl(directory_.path());
    options.max_write_transactions = 1;
    auto opened = PgDatabase::Open(options);
    ASSERT_TRUE(opened.ok()) << test::Describe(opened.error());
    grouped_ = std::move(opened).value();
  }

  std::unique_ptr<PgDatabase> grouped_;
};

Database::Work Insert(std::int64_t v) {
  return [v](Connection& c) -> Status { return c.Send("INSERT INTO t (v) VALUES ($1)", {v}); };
}

TEST_F(PgGroupCommitTest, WritesThatArriveTogetherCommitInOneTransactionEachIsolated) {
  const auto before = grouped_->stats();
  const auto results = WriteAsOneGroup(
      *grouped_, {Insert(1),
                  [](Connection& c) -> Status {  // fails by itself after writing
                    LT_TRY(c.Execute("INSERT INTO t (v) VALUES (2)"));
                    return Error::Invalid("v", "validation.required");
                  },
                  [](Connection& c) -> Status {  // a sent statement fails after the work returned
                    LT_TRY(c.Send("INSERT INTO t (v) VALUES (3)"));
                    return c.Send("INSERT INTO t (v) VALUES (1 / $1::bigint)", {std::int64_t{0}});
                  },
                  Insert(4)});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_TRUE(results[0].ok()) << test::Describe(results[0].error());
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].error().code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(results[2].ok());
  EXPECT_NE(results[2].error().detail.find("division by zero"), std::string::npos)
      << results[2].error().detail;
  EXPECT_TRUE(results[3].ok()) << test::Describe(results[3].error());
  std::string rows;
  ASSERT_TRUE(database_
                  ->Read([&](Connection& c) -> Status {
                    return c.Query("SELECT v FROM t ORDER BY v", {}, [&](const Row& row) {
                      rows += std::to_string(row.Int(0)) + " ";
                    });
                  })
                  .ok());
  EXPECT_EQ(rows, "0 1 4 ");
  // The holder alone, then the four in one transaction.
  const auto after = grouped_->stats();
  EXPECT_EQ(after.write_transactions - before.write_transactions, 2u);
  EXPECT_EQ(after.write_jobs - before.write_jobs, 3u);
  EXPECT_EQ(after.write_failures - before.write_failures, 2u);
}

TEST_F(PgGroupCommitTest, AWriteThatLostARaceInAGroupRunsAgainAlone) {
  ASSERT_TRUE(database_->Write(Insert(9)).ok());  // committed by "another node"
  std::atomic<int> attempts{0};
  const auto results = WriteAsOneGroup(
      *grouped_, {Insert(1),
                  [&](Connection& c) -> Status {
                    // Inserts without looking first, then looks up when run again.
                    if (++attempts == 1) return c.Send("INSERT INTO t (v) VALUES (9)");
                    LT_TRY_ASSIGN(auto found, c.QueryOptionalInt("SELECT v FROM t WHERE v = 9"));
                    return found ? Ok() : Status(Error::Internal("9 is gone"));
                  },
                  Insert(2)});
  for (const auto& result : results) EXPECT_TRUE(result.ok()) << test::Describe(result.error());
  EXPECT_EQ(attempts.load(), 2);
  EXPECT_EQ(Count(), 4);  // 0, 1, 2 and 9 once
}

TEST_F(PgGroupCommitTest, AGroupWhoseCommitFailsRunsEachWriteAgainAlone) {
  // A deferred unique constraint is checked only at COMMIT.
  ASSERT_TRUE(database_
                  ->Write([](Connection& c) -> Status {
                    return c.ExecuteScript(
                        "CREATE TABLE d (v BIGINT UNIQUE DEFERRABLE INITIALLY DEFERRED)");
                  })
                  .ok());
  std::atomic<int> first_attempts{0}, second_attempts{0};
  const auto results = WriteAsOneGroup(*grouped_, {[&](Connection& c) -> Status {
                                                     ++first_attempts;
                                                     return c.Send("INSERT INTO d (v) VALUES (5)");
                                                   },
                                                   [&](Connection& c) -> Status {
                                                     // The same key, but only the first time: alone
                                                     // it gives way.
                                                     if (++second_attempts > 1) return Ok();
                                                     return c.Send("INSERT INTO d (v) VALUES (5)");
                                                   }});
  for (const auto& result : results) EXPECT_TRUE(result.ok()) << test::Describe(result.error());
  EXPECT_EQ(first_attempts.load(), 2);
  EXPECT_EQ(second_attempts.load(), 2);
  std::int64_t rows = -1;
  ASSERT_TRUE(database_
                  ->Read([&](Connection& c) -> Status {
                    LT_TRY_ASSIGN(rows, c.QueryInt("SELECT COUNT(*) FROM d"));
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(rows, 1);
}

TEST_F(PgGroupCommitTest, AWriteUndoneInAGroupLeavesNothingKeptForTheNext) {
  const std::size_t shipped = domain::DefaultWorkflow().states.size();
  std::size_t seen = 0;
  const auto results = WriteAsOneGroup(
      *grouped_, {[&](Connection& c) -> Status {
                    domain::Workflow changed = domain::DefaultWorkflow();
                    changed.states.pop_back();
                    WorkflowStore store(c);
                    LT_TRY(store.Replace(changed));
                    LT_TRY(store.Load());  // kept for the transaction, then undone
                    return Error::Invalid("workflow", "validation.required");
                  },
                  [&](Connection& c) -> Status {
                    LT_TRY_ASSIGN(const WorkflowPtr workflow, WorkflowStore(c).Load());
                    seen = workflow->states.size();
                    return Ok();
                  }});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(results[0].ok());
  EXPECT_TRUE(results[1].ok()) << test::Describe(results[1].error());
  EXPECT_EQ(seen, shipped);
}

TEST_F(PgDatabaseTest, StreamsLargeResultsRowByRow) {
  ASSERT_TRUE(database_
                  ->Write([](Connection& c) -> Status {
                    return c.Execute(
                                "INSERT INTO t (v, note) SELECT g, repeat('x', 100) "
                                "FROM generate_series(1, 20000) AS g")
                                   .ok()
                               ? Ok()
                               : Status(Error::Internal("insert"));
                  })
                  .ok());
  std::int64_t rows = 0, sum = 0;
  ASSERT_TRUE(database_
                  ->Read([&](Connection& c) -> Status {
                    return c.Query("SELECT v, note FROM t ORDER BY v", {}, [&](const Row& row) {
                      ++rows;
                      sum += row.Int(0);
                    });
                  })
                  .ok());
  EXPECT_EQ(rows, 20000);
  EXPECT_EQ(sum, 20000LL * 20001 / 2);
}

TEST_F(PgDatabaseTest, AStatementsPlanFollowsATableThatGrewLongAfterItWasPrepared) {
  // All on one connection: its prepared statement is used while the table
  // is nearly empty and known to be (autovacuum analyses a new table early;
  // a scan of its one page is the best plan then), and again and again
  // once it holds 50,000 rows.
  const std::string lookup = "SELECT note FROM t WHERE v = $1";
  std::string plan;
  const Status done = database_->Write([&](Connection& c) -> Status {
    LT_TRY(c.Execute("INSERT INTO t (v) SELECT g FROM generate_series(1, 5) AS g"));
    LT_TRY(c.ExecuteScript("ANALYZE t"));
    for (std::int64_t v = 1; v <= 10; ++v) LT_TRY(c.Query(lookup, {v}, [](const Row&) {}));
    LT_TRY(c.Execute("INSERT INTO t (v) SELECT g FROM generate_series(6, 50000) AS g"));
    for (std::int64_t v = 1; v <= 500; ++v) LT_TRY(c.Query(lookup, {v}, [](const Row&) {}));
    std::string name;
    LT_TRY(c.Query("SELECT name FROM pg_prepared_statements WHERE statement = $1", {lookup},
                   [&](const Row& row) { name = row.Text(0); }));
    if (name.empty()) return Error::Internal("the statement is not prepared");
    return c.Query("EXPLAIN EXECUTE " + name + "(7)", {},
                   [&](const Row& row) { plan += row.Text(0) + "\n"; });
  });
  ASSERT_TRUE(done.ok()) << test::Describe(done.error());
  EXPECT_NE(plan.find("Index"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << plan;
}

TEST(PgMigrations, NodesStartingTogetherMigrateOnce) {
  if (!test::UsingPostgres()) GTEST_SKIP() << "runs in the PostgreSQL pass";
  // An empty database, not the migrated template.
  const std::string server = std::getenv("LINGTING_TEST_POSTGRES");
  auto admin = PgConnection::Open(server + "/postgres");
  ASSERT_TRUE(admin.ok());
  const std::string name = "lt_empty_" + std::to_string(::getpid());
  ASSERT_TRUE((*admin)->ExecuteScript("CREATE DATABASE " + name).ok());
  {
    std::vector<std::thread> nodes;
    std::atomic<int> opened{0};
    for (int node = 0; node < 3; ++node) {
      nodes.emplace_back([&] {
        PgOptions options;
        options.url = server + "/" + name;
        auto database = PgDatabase::Open(options);
        EXPECT_TRUE(database.ok()) << (database.ok() ? "" : test::Describe(database.error()));
        if (database.ok()) ++opened;
      });
    }
    for (auto& node : nodes) node.join();
    EXPECT_EQ(opened, 3);
    auto check = PgConnection::Open(server + "/" + name);
    ASSERT_TRUE(check.ok());
    auto applied = (*check)->QueryInt("SELECT COUNT(*) FROM schema_migrations");
    ASSERT_TRUE(applied.ok());
    EXPECT_EQ(*applied, static_cast<std::int64_t>(PostgresMigrations().size()));
  }
  EXPECT_TRUE((*admin)->ExecuteScript("DROP DATABASE " + name + " WITH (FORCE)").ok());
}

}  // namespace
}  // namespace lt::storage
