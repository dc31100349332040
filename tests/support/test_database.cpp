#include "support/test_database.hpp"

#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "storage/postgres/pg_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace lt::test {
namespace {

constexpr std::string_view kTemplate = "lt_template";
constexpr std::int64_t kTemplateLockKey = 0x74656d706c617465;  // "template"

std::string ServerUrl() {
  const char* url = std::getenv("LINGTING_TEST_POSTGRES");
  return url ? url : "";
}

std::string DatabaseName(const std::filesystem::path& directory) {
  return "lt_" + directory.filename().string();
}

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

std::mutex created_mutex;
std::set<std::string> created;  // databases made by this process; guarded by created_mutex

Result<std::unique_ptr<storage::PgConnection>> ConnectToServer() {
  return storage::PgConnection::Open(ServerUrl() + "/postgres");
}

// Creates the migrated template once per cluster, whichever test process
// comes first.
Status EnsureTemplate(storage::PgConnection& server) {
  LT_TRY(server.Execute("SELECT pg_advisory_lock($1)", {kTemplateLockKey}));
  auto exists = server.QueryOptionalInt("SELECT 1 FROM pg_database WHERE datname = $1",
                                        {std::string(kTemplate)});
  Status made = exists.ok() ? Ok() : Status(exists.error());
  if (made.ok() && !*exists) {
    made = server.ExecuteScript("CREATE DATABASE " + std::string(kTemplate));
    if (made.ok()) {
      storage::PgOptions options;
      options.url = ServerUrl() + "/" + std::string(kTemplate);
      auto migrated = storage::PgDatabase::Open(options);  // closed again at once
      if (!migrated.ok()) made = std::move(migrated).error();
    }
  }
  std::ignore = server.Execute("SELECT pg_advisory_unlock($1)", {kTemplateLockKey});  // or at exit
  return made;
}

Status CreateDatabase(const std::string& name) {
  LT_TRY_ASSIGN(auto server, ConnectToServer());
  LT_TRY(EnsureTemplate(*server));
  // Another process cloning the template at the same moment makes
  // CREATE DATABASE fail briefly ("being accessed by other users").
  Status made = Ok();
  for (int attempt = 0; attempt < 50; ++attempt) {
    made = server->ExecuteScript("CREATE DATABASE " + Quoted(name) + " TEMPLATE " +
                                 std::string(kTemplate));
    if (made.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return made;
}

}  // namespace

bool UsingPostgres() { return !ServerUrl().empty(); }

std::string TestStoreUrl(const std::filesystem::path& directory) {
  if (!UsingPostgres()) return "sqlite:" + (directory / "store.db").string();
  const std::string name = DatabaseName(directory);
  std::lock_guard lock(created_mutex);
  if (!created.contains(name)) {
    const Status made = CreateDatabase(name);
    if (!made.ok()) {
      std::fprintf(stderr, "cannot create test database %s: %s\n", name.c_str(),
                   made.error().detail.c_str());
      std::abort();  // every later step of the test would fail less clearly
    }
    created.insert(name);
  }
  return ServerUrl() + "/" + name;
}

void DropTestDatabase(const std::filesystem::path& directory) {
  const std::string name = DatabaseName(directory);
  {
    std::lock_guard lock(created_mutex);
    if (created.erase(name) == 0) return;
  }
  auto server = ConnectToServer();
  if (!server.ok()) return;  // the cluster itself is removed after the run
  std::ignore = (*server)->ExecuteScript("DROP DATABASE IF EXISTS " + Quoted(name) +
                                         " WITH (FORCE)");  // best effort, as above
}

Result<std::unique_ptr<storage::Database>> OpenTestDatabase(
    const std::filesystem::path& directory) {
  const std::string url = TestStoreUrl(directory);
  if (UsingPostgres()) {
    storage::PgOptions options;
    options.url = url;
    LT_TRY_ASSIGN(auto database, storage::PgDatabase::Open(options));
    return std::unique_ptr<storage::Database>(std::move(database));
  }
  storage::SqliteOptions options;
  options.path = url.substr(7);
  LT_TRY_ASSIGN(auto database, storage::SqliteDatabase::Open(options));
  return std::unique_ptr<storage::Database>(std::move(database));
}

}  // namespace lt::test
