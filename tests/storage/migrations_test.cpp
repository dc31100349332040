#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/store_tables.hpp"
#include "support/test_env.hpp"

namespace lt::storage {
namespace {

TEST(Migrations, SqliteAndPostgresHaveTheSameNumbersAndNames) {
  std::vector<std::string> sqlite, postgres;
  for (const auto& migration : SqliteMigrations()) sqlite.emplace_back(migration.name);
  for (const auto& migration : PostgresMigrations()) postgres.emplace_back(migration.name);
  EXPECT_FALSE(sqlite.empty());
  EXPECT_EQ(sqlite, postgres);
  for (std::size_t i = 0; i < sqlite.size(); ++i)
    EXPECT_EQ(SqliteMigrations()[i].version, static_cast<int>(i + 1));
}

TEST(Migrations, ApplyOnceAndAreIdempotent) {
  test::TempDir directory;
  auto connection =
      SqliteConnection::Open((directory.path() / "m.db").string(), SqliteMode::kReadWrite);
  ASSERT_TRUE(connection.ok());
  auto first = ApplyMigrations(**connection, SqliteMigrations());
  ASSERT_TRUE(first.ok()) << test::Describe(first.error());
  EXPECT_EQ(first->applied, static_cast<int>(SqliteMigrations().size()));
  auto second = ApplyMigrations(**connection, SqliteMigrations());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->applied, 0);
  EXPECT_EQ(second->current_version, first->current_version);
}

TEST(Migrations, RefuseAStoreNewerThanTheBinary) {
  test::TempDir directory;
  auto connection =
      SqliteConnection::Open((directory.path() / "m.db").string(), SqliteMode::kReadWrite);
  ASSERT_TRUE(connection.ok());
  ASSERT_TRUE(ApplyMigrations(**connection, SqliteMigrations()).ok());
  ASSERT_TRUE((*connection)
                  ->Execute("INSERT INTO schema_migrations VALUES (999, '0999_future', 0)", {})
                  .ok());
  auto again = ApplyMigrations(**connection, SqliteMigrations());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "error.store_too_new");
}

TEST(Migrations, AFailingMigrationLeavesNothingBehind) {
  test::TempDir directory;
  auto connection =
      SqliteConnection::Open((directory.path() / "m.db").string(), SqliteMode::kReadWrite);
  ASSERT_TRUE(connection.ok());
  const Migration broken[] = {
      {1, "0001_broken", "CREATE TABLE half (id INTEGER); CREATE TABLE nonsense syntax"}};
  EXPECT_FALSE(ApplyMigrations(**connection, broken).ok());
  auto tables = (*connection)->QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'");
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(*tables, 0);
}

TEST(Migrations, TheProcedureAsRegulatedKeepsTheResponsibleUnitAndRecomputesOpenCases) {
  test::TempDir directory;
  auto connection =
      SqliteConnection::Open((directory.path() / "m.db").string(), SqliteMode::kReadWrite);
  ASSERT_TRUE(connection.ok());
  Connection& store = **connection;
  // A store of the schema before 0014 with a case under investigation.
  const auto all = SqliteMigrations();
  ASSERT_GE(all.size(), 14u);
  ASSERT_TRUE(ApplyMigrations(store, all.first(13)).ok());
  ASSERT_TRUE(store
                  .ExecuteScript(
                      "INSERT INTO departments (id, code, name, created_at) VALUES "
                      "(7, 'MFG', '制造部', 0);"
                      "INSERT INTO customers (id, kind, name, created_at, updated_at) VALUES "
                      "(1, 'consumer', '王芳', 0, 0);"
                      "INSERT INTO cases (id, number, type, channel, subject, customer_id, "
                      "urgency, origin_class, remedy, status, received_at, created_at, "
                      "updated_at) VALUES (1, 'TS-2026-000001', 'complaint', 'phone', '外壳开裂', "
                      "1, 'normal', 'own_factory', 'none', 'countermeasures', 0, 0, 0);"
                      "INSERT INTO quality_reports (case_id, kind, responsible_department_id, "
                      "created_at, updated_at) VALUES (1, 'quality', 7, 0, 0);")
                  .ok());
  auto migrated = ApplyMigrations(store, all);
  ASSERT_TRUE(migrated.ok()) << test::Describe(migrated.error());
  EXPECT_EQ(migrated->applied, static_cast<int>(all.size()) - 13);
  auto responsible = store.QueryInt("SELECT responsible_department_id FROM cases WHERE id = 1");
  ASSERT_TRUE(responsible.ok());
  EXPECT_EQ(*responsible, 7);
  auto walks = store.QueryInt(
      "SELECT COUNT(*) FROM jobs WHERE kind = 'sla.recompute' AND key LIKE 'all 0 0 %' AND "
      "state = 'pending'");
  ASSERT_TRUE(walks.ok());
  EXPECT_EQ(*walks, 1);
  auto analysis =
      store.QueryInt("SELECT COUNT(*) FROM quality_reports WHERE preliminary_analysis = ''");
  ASSERT_TRUE(analysis.ok());
  EXPECT_EQ(*analysis, 1);

  // A new, empty store has nothing to walk.
  auto fresh =
      SqliteConnection::Open((directory.path() / "fresh.db").string(), SqliteMode::kReadWrite);
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE(ApplyMigrations(**fresh, all).ok());
  auto none = (*fresh)->QueryInt("SELECT COUNT(*) FROM jobs");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
}

TEST(Migrations, TheStoreTableListNamesEveryTableOfTheSchema) {
  // migrate-store copies exactly kStoreTables: a table missing from it would
  // be lost in the move.
  test::TestStore store;
  const std::string sql = store.database->engine() == Engine::kSqlite
                              ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                "LIKE 'case_search%' AND name NOT LIKE 'sqlite_%'"
                              : "SELECT table_name FROM information_schema.tables WHERE "
                                "table_schema = current_schema()";
  std::set<std::string> tables;
  ASSERT_TRUE(store.database
                  ->Read([&](Connection& connection) -> Status {
                    return connection.Query(sql, {}, [&](const Row& row) {
                      if (row.Text(0) != "schema_migrations") tables.insert(row.Text(0));
                    });
                  })
                  .ok());
  const std::set<std::string> listed(kStoreTables.begin(), kStoreTables.end());
  EXPECT_EQ(listed.size(), kStoreTables.size());
  EXPECT_EQ(tables, listed);
}

}  // namespace
}  // namespace lt::storage
