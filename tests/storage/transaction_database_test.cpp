// A Database inside one open write transaction (TransactionDatabase), as a
// batch of e-mail uses it: each nested Write is undone alone when it fails,
// a Read sees what the transaction wrote so far, the whole commits with the
// outer Write, and what was published goes out only then. Runs on both stores.

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "storage/transaction_database.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt::storage {
namespace {

using namespace std::chrono_literals;

// A row of the store's smallest table, to write and count.
Status AddCounter(Connection& connection, const std::string& prefix) {
  return connection
                 .Execute(
                     "INSERT INTO case_number_sequences (prefix, year, last_value) VALUES ($1, "
                     "2026, 1)",
                     {prefix})
                 .ok()
             ? Ok()
             : Status(Error::Internal("insert failed"));
}

Result<std::int64_t> CountCounters(Connection& connection, const std::string& prefix) {
  return connection.QueryInt("SELECT COUNT(*) FROM case_number_sequences WHERE prefix = $1",
                             {prefix});
}

// What a subscriber has received.
class Received {
 public:
  void Add(std::string_view payload) {
    std::lock_guard lock(mutex_);
    payloads_.emplace_back(payload);
  }
  std::vector<std::string> Get() const {
    std::lock_guard lock(mutex_);
    return payloads_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> payloads_;
};

// A store of its own, and what its subscriber receives.
class TransactionDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test::OpenTestDatabase(directory_.path());
    ASSERT_TRUE(opened.ok()) << test::Describe(opened.error());
    database_ = std::move(opened).value();
    subscription_ =
        database_->Subscribe([this](std::string_view payload) { received_.Add(payload); });
  }
  void TearDown() override {
    if (database_) database_->Unsubscribe(subscription_);
  }

  test::TempDir directory_;
  std::unique_ptr<Database> database_;
  Received received_;
  std::uint64_t subscription_ = 0;
};

// The rows each work of the first test leaves, in the batch and after it.
Status ExpectWhatTheBatchKept(Connection& connection) {
  for (const auto& [prefix, expected] :
       std::vector<std::pair<std::string, std::int64_t>>{{"KEPT", 1},
                                                         {"UNDONE", 0},
                                                         {"THROWN", 0},
                                                         {"OUTER", 0},
                                                         {"INNER", 0},
                                                         {"AFTER_INNER", 0},
                                                         {"READ_FAILED", 0}}) {
    LT_TRY_ASSIGN(const auto count, CountCounters(connection, prefix));
    EXPECT_EQ(count, expected) << prefix;
  }
  return Ok();
}

TEST_F(TransactionDatabaseTest, AFailedWorkIsUndoneAloneAndTheRestCommitsWithTheOuterWrite) {
  Database& database = *database_;
  Received& received = received_;

  std::vector<Status> outcomes;
  const Status written = database.Write([&](Connection& connection) -> Status {
    TransactionDatabase batch(connection, database);
    outcomes.push_back(batch.Write([](Connection& c) -> Status {
      LT_TRY(AddCounter(c, "KEPT"));
      return c.Notify("batch:kept");
    }));
    outcomes.push_back(batch.Write([](Connection& c) -> Status {
      LT_TRY(AddCounter(c, "UNDONE"));
      LT_TRY(c.Notify("batch:undone"));
      return Error::Invalid("field", "validation.required");
    }));
    outcomes.push_back(batch.Write([](Connection& c) -> Status {
      LT_TRY(AddCounter(c, "THROWN"));
      throw std::runtime_error("a bug in one work");
    }));
    // A write inside a write is part of it: its failure fails the outer
    // write, undone whole, though the outer work goes on and returns Ok;
    // what the outer work tries after the failure fails at once.
    Status after_inner = Ok();
    outcomes.push_back(batch.Write([&](Connection& c) -> Status {
      LT_TRY(AddCounter(c, "OUTER"));
      const Status inner = batch.Write([](Connection& c2) -> Status {
        LT_TRY(AddCounter(c2, "INNER"));
        return Error::Internal("inner");
      });
      EXPECT_FALSE(inner.ok());
      after_inner = batch.Write([](Connection& c2) { return AddCounter(c2, "AFTER_INNER"); });
      return Ok();
    }));
    EXPECT_EQ(after_inner.error().detail, "inner");
    // So is a read inside a write.
    outcomes.push_back(batch.Write([&](Connection& c) -> Status {
      LT_TRY(AddCounter(c, "READ_FAILED"));
      const Status read = batch.Read([](Connection& c2) -> Status {
        LT_TRY(c2.QueryInt("SELECT no_such_column FROM case_number_sequences"));
        return Ok();
      });
      EXPECT_FALSE(read.ok());
      return Ok();
    }));
    // A read that fails leaves the transaction usable (on PostgreSQL a
    // failed statement would abort it).
    const Status bad_read = batch.Read([](Connection& c) -> Status {
      LT_TRY(c.QueryInt("SELECT no_such_column FROM case_number_sequences"));
      return Ok();
    });
    EXPECT_FALSE(bad_read.ok());
    // A read in the batch sees what it wrote so far, and only that.
    outcomes.push_back(batch.Read(ExpectWhatTheBatchKept));
    EXPECT_TRUE(received.Get().empty()) << "published before the commit";
    EXPECT_FALSE(batch.Backup((directory_.path() / "copy.db").string()).ok());
    return Ok();
  });
  ASSERT_TRUE(written.ok()) << test::Describe(written.error());
  ASSERT_EQ(outcomes.size(), 6u);
  EXPECT_TRUE(outcomes[0].ok());
  EXPECT_EQ(outcomes[1].error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(outcomes[2].error().code, ErrorCode::kInternal);
  EXPECT_EQ(outcomes[3].error().detail, "inner");
  EXPECT_FALSE(outcomes[4].ok());
  EXPECT_TRUE(outcomes[5].ok());

  const Status read = database.Read(ExpectWhatTheBatchKept);
  ASSERT_TRUE(read.ok()) << test::Describe(read.error());
  // PostgreSQL delivers through LISTEN, a moment after the commit.
  for (int i = 0; i < 100 && received.Get().empty(); ++i) std::this_thread::sleep_for(20ms);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(received.Get(), std::vector<std::string>{"batch:kept"});
}

TEST_F(TransactionDatabaseTest, WhenTheOuterWriteFailsNothingOfTheBatchIsStoredOrPublished) {
  Database& database = *database_;
  Received& received = received_;
  const Status written = database.Write([&](Connection& connection) -> Status {
    TransactionDatabase batch(connection, database);
    EXPECT_TRUE(batch
                    .Write([](Connection& c) -> Status {
                      LT_TRY(AddCounter(c, "GONE"));
                      return c.Notify("batch:gone");
                    })
                    .ok());
    return Error::Of(ErrorCode::kConflict, "error.conflict");
  });
  EXPECT_EQ(written.error().code, ErrorCode::kConflict);
  const Status read = database.Read([](Connection& c) -> Status {
    LT_TRY_ASSIGN(const auto count, CountCounters(c, "GONE"));
    EXPECT_EQ(count, 0);
    return Ok();
  });
  ASSERT_TRUE(read.ok()) << test::Describe(read.error());
  std::this_thread::sleep_for(200ms);
  EXPECT_TRUE(received.Get().empty());
}

}  // namespace
}  // namespace lt::storage
