// Several lingting nodes on one PostgreSQL database, directly and behind the
// nginx configuration we ship (deploy/nginx/lingting.conf). Runs in the
// PostgreSQL pass of the suite.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "base/time_format.hpp"

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json NewCase(const std::string& subject) {
  return {{"subject", subject}, {"customer", {{"name", "郭靖"}, {"phone", "13700001111"}}}};
}

// Three nodes on the database of `directory_`; the first loads demo data.
class ThreeNodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::UsingPostgres()) GTEST_SKIP() << "several nodes need PostgreSQL";
    url_ = test::TestStoreUrl(directory_.path());
    StartNodes({});
  }

  // Starts the three nodes, each with `extra_args`.
  void StartNodes(const std::vector<std::string>& extra_args) {
    for (int node = 0; node < 3; ++node) {
      const auto home = directory_.path() / ("node" + std::to_string(node));
      std::filesystem::create_directories(home);
      std::vector<std::string> args = {"--db", url_};
      args.insert(args.end(), extra_args.begin(), extra_args.end());
      if (node == 0) args.insert(args.end(), {"--demo", "--demo-cases", "20"});
      nodes_.push_back(std::make_unique<test::ServerProcess>(home, args));
      ASSERT_TRUE(nodes_.back()->running()) << "node " << node;
    }
    // Sessions live in the store: a login on one node holds on all.
    session_ = test::LoginAsDemoAdmin(nodes_[0]->port());
    ASSERT_FALSE(session_.cookie.empty());
  }

  test::TempDir directory_;
  std::string url_;
  std::vector<std::unique_ptr<test::ServerProcess>> nodes_;
  test::WebSession session_;
};

TEST_F(ThreeNodesTest, AClientOnOneNodeSeesChangesMadeThroughTheOthers) {
  test::EventStreamClient stream(nodes_[0]->port(), "/api/v1/events", session_.Headers());
  ASSERT_TRUE(stream.WaitFor(": connected", 5s)) << stream.Received();

  auto created = test::HttpCall(nodes_[1]->port(), "POST", "/api/v1/cases",
                                NewCase("冰箱不制冷").dump(), session_.Headers(true));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto body = json::parse(created.body);
  const std::string number = body["number"];
  EXPECT_TRUE(stream.WaitFor(number, 5s)) << stream.Received();

  const std::string path = "/api/v1/cases/" + std::to_string(body["id"].get<std::int64_t>());
  auto updated = test::HttpCall(nodes_[2]->port(), "PATCH", path,
                                json{{"urgency", "urgent"}}.dump(), session_.Headers(true));
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_TRUE(stream.WaitFor("\"action\":\"update\"", 5s)) << stream.Received();
}

// nginx started on a free port with the shipped site configuration, its
// upstream pointed at `ports`.
class NginxProcess {
 public:
  NginxProcess(const std::filesystem::path& directory, const std::vector<std::uint16_t>& ports)
      : port_(test::FreePort()), child_(directory, "nginx", Args(directory, ports, port_), [this] {
          return test::HttpCall(port_, "GET", "/livez").status == 200;
        }) {}
  std::uint16_t port() const { return port_; }
  bool running() const { return child_.running(); }

 private:
  static std::vector<std::string> Args(const std::filesystem::path& directory,
                                       const std::vector<std::uint16_t>& ports,
                                       std::uint16_t port) {
    std::ifstream in(std::string(LINGTING_SOURCE_DIR) + "/deploy/nginx/lingting.conf");
    std::stringstream site;
    site << in.rdbuf();
    std::string servers;
    for (const auto node : ports) {
      servers +=
          "    server 127.0.0.1:" + std::to_string(node) + " max_fails=1 fail_timeout=10s;\n";
    }
    std::string conf = std::regex_replace(
        site.str(), std::regex(R"(( *server 10\.0\.0\.\d+:8080[^\n]*\n)+)"), servers);
    conf = std::regex_replace(conf, std::regex(R"(listen 80;)"),
                              "listen 127.0.0.1:" + std::to_string(port) + ";");
    const std::string dir = directory.string();
    std::ofstream(directory / "nginx.conf")
        << "worker_processes 1;\npid " << dir << "/nginx.pid;\nerror_log " << dir
        << "/nginx.error.log;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n"
        << "  client_body_temp_path " << dir << "/body;\n  proxy_temp_path " << dir
        << "/proxy;\n  fastcgi_temp_path " << dir << "/fastcgi;\n  uwsgi_temp_path " << dir
        << "/uwsgi;\n  scgi_temp_path " << dir << "/scgi;\n"
        << conf << "}\n";
    return {"/usr/sbin/nginx", "-p", dir, "-c", dir + "/nginx.conf", "-g", "daemon off;"};
  }

  std::uint16_t port_;
  test::ChildProcess child_;
};

TEST_F(ThreeNodesTest, BehindNginxEveryRequestSucceedsWhenANodeIsKilled) {
  std::vector<std::uint16_t> ports;
  for (const auto& node : nodes_) ports.push_back(node->port());
  const auto proxy_home = directory_.path() / "nginx";
  std::filesystem::create_directories(proxy_home);
  NginxProcess proxy(proxy_home, ports);
  ASSERT_TRUE(proxy.running());

  const auto session = test::LoginAsDemoAdmin(proxy.port());
  ASSERT_FALSE(session.cookie.empty());
  test::EventStreamClient stream(proxy.port(), "/api/v1/events", session.Headers());
  ASSERT_TRUE(stream.WaitFor(": connected", 5s)) << stream.Received();  // not buffered

  std::vector<std::string> numbers;
  for (int i = 0; i < 12; ++i) {
    if (i == 6) nodes_[2]->Kill();  // no warning, mid-way
    auto created =
        test::HttpCall(proxy.port(), "POST", "/api/v1/cases",
                       NewCase("热水器漏水 " + std::to_string(i)).dump(), session.Headers(true));
    ASSERT_EQ(created.status, 201) << "request " << i << ": " << created.body;
    numbers.push_back(json::parse(created.body)["number"]);
  }
  // The stream may have been on the killed node; then it ended, as a browser
  // would see, and the changes made before are what it got.
  EXPECT_TRUE(stream.WaitFor(numbers[0], 5s)) << stream.Received();

  test::EventStreamClient again(proxy.port(), "/api/v1/events", session.Headers());
  ASSERT_TRUE(again.WaitFor(": connected", 5s));
  auto created = test::HttpCall(proxy.port(), "POST", "/api/v1/cases",
                                NewCase("重新连接之后").dump(), session.Headers(true));
  ASSERT_EQ(created.status, 201);
  EXPECT_TRUE(again.WaitFor(json::parse(created.body)["number"].get<std::string>(), 5s));
}

// Issue 3: a breach that falls due while one of the nodes is killed is given
// by the others, exactly once, whichever node would have given it.
TEST_F(ThreeNodesTest, ABreachDueWhileANodeIsKilledIsGivenOnceByTheOthers) {
  const auto admin = session_.Headers(true);
  // First contact within one calendar hour, so a case received 59 minutes
  // and some seconds ago breaches within seconds.
  auto policies = test::HttpCall(nodes_[0]->port(), "GET", "/api/v1/admin/sla-policies", "",
                                 session_.Headers());
  ASSERT_EQ(policies.status, 200) << policies.body;
  json edited = json::parse(policies.body);
  for (auto& policy : edited["policies"]) {
    for (auto& target : policy["targets"]) {
      if (target["code"] == "first_contact") {
        target["amount"] = 1;
        target["unit"] = "calendar_hours";
      }
    }
  }
  ASSERT_EQ(
      test::HttpCall(nodes_[0]->port(), "PUT", "/api/v1/admin/sla-policies", edited.dump(), admin)
          .status,
      200);
  auto user = test::HttpCall(
      nodes_[1]->port(), "POST", "/api/v1/users",
      json{{"email", "owner@node.test"}, {"name", "负责人"}, {"role", "sales"}}.dump(), admin);
  ASSERT_EQ(user.status, 201) << user.body;
  const auto owner = json::parse(user.body)["id"].get<std::int64_t>();

  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  json body = NewCase("断路器跳闸");
  body["received_at"] = FormatTimestamp(now - 3600 * 1000 + 6000);  // breach due in 6 s
  body["assignee_id"] = owner;
  auto created = test::HttpCall(nodes_[1]->port(), "POST", "/api/v1/cases", body.dump(), admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto case_id = json::parse(created.body)["id"].get<std::int64_t>();
  nodes_[0]->Kill();  // SIGKILL, before the breach is due

  auto opened = test::OpenTestDatabase(directory_.path());
  ASSERT_TRUE(opened.ok());
  auto& database = *opened.value();
  std::int64_t breaches = 0;
  std::optional<std::int64_t> breached_at;
  auto read = [&] {
    ASSERT_TRUE(database
                    .Read([&](storage::Connection& connection) -> Status {
                      LT_TRY_ASSIGN(breaches,
                                    connection.QueryInt("SELECT COUNT(*) FROM notifications WHERE "
                                                        "case_id = $1 AND kind = 'sla_breach' AND "
                                                        "user_id = $2",
                                                        {case_id, owner}));
                      LT_TRY_ASSIGN(breached_at,
                                    connection.QueryOptionalInt(
                                        "SELECT breached_at FROM sla_clocks WHERE case_id = $1 "
                                        "AND target = 'first_contact'",
                                        {case_id}));
                      return Ok();
                    })
                    .ok());
  };
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (breaches == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(250ms);
    read();
  }
  // Both remaining nodes sweep every second at most: give them time to err.
  std::this_thread::sleep_for(3s);
  read();
  EXPECT_EQ(breaches, 1);  // given, and by one node only, though two were sweeping
  ASSERT_TRUE(breached_at.has_value());
  EXPECT_GE(*breached_at, now - 3600 * 1000 + 6000);
}

// Nodes that lose a job quickly, on a store with a thousand open cases.
class ThreeNodesWithShortLeasesTest : public ThreeNodesTest {
 protected:
  void SetUp() override {
    if (!test::UsingPostgres()) GTEST_SKIP() << "several nodes need PostgreSQL";
    url_ = test::TestStoreUrl(directory_.path());
    auto demo = test::RunCommand(
        {LINGTING_BINARY, "demo", "--db", url_, "--cases", "1000", "--all-open", "--threads", "4"},
        directory_.path());
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    std::ofstream(directory_.path() / "jobs.toml")
        << "[jobs]\nlease_seconds = 8\npoll_ms = 100\nsla_recompute_batch = 600\n";
    StartNodes({"--config", (directory_.path() / "jobs.toml").string()});
  }
};

// Issue 3: a job claimed by a node that dies mid-way is finished by another,
// and its effect is applied once. The job is the walk that recomputes every
// open case's clocks after the SLA policies change: 600 cases a run, each
// run one transaction that also schedules the next.
TEST_F(ThreeNodesWithShortLeasesTest, AJobWhoseNodeDiesMidWayIsFinishedOnceByAnother) {
  auto opened = test::OpenTestDatabase(directory_.path());
  ASSERT_TRUE(opened.ok());
  auto& database = *opened.value();
  auto query_int = [&](const std::string& sql) {
    std::int64_t value = -1;
    EXPECT_TRUE(database
                    .Read([&](storage::Connection& connection) -> Status {
                      LT_TRY_ASSIGN(value, connection.QueryInt(sql));
                      return Ok();
                    })
                    .ok());
    return value;
  };
  const std::int64_t open_cases =
      query_int("SELECT COUNT(*) FROM cases WHERE status NOT IN ('resolved', 'closed')");
  ASSERT_GE(open_cases, 1000);

  // First contact within 500 calendar hours from now on.
  auto policies = test::HttpCall(nodes_[0]->port(), "GET", "/api/v1/admin/sla-policies", "",
                                 session_.Headers());
  ASSERT_EQ(policies.status, 200) << policies.body;
  json edited = json::parse(policies.body);
  for (auto& policy : edited["policies"]) {
    for (auto& target : policy["targets"]) {
      if (target["code"] == "first_contact") {
        target["amount"] = 500;
        target["unit"] = "calendar_hours";
      }
    }
  }
  ASSERT_EQ(test::HttpCall(nodes_[1]->port(), "PUT", "/api/v1/admin/sla-policies", edited.dump(),
                           session_.Headers(true))
                .status,
            200);

  // Kill whichever node claims the first run, while it runs.
  std::string killed_node;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (killed_node.empty() && std::chrono::steady_clock::now() < deadline) {
    std::optional<std::string> holder;
    ASSERT_TRUE(database
                    .Read([&](storage::Connection& connection) -> Status {
                      return connection.Query(
                          "SELECT locked_by FROM jobs WHERE kind = 'sla.recompute' AND "
                          "key LIKE 'all 0 0 %' AND state = 'running'",
                          {}, [&](const storage::Row& row) { holder = row.Text(0); });
                    })
                    .ok());
    if (!holder) {
      std::this_thread::sleep_for(5ms);
      continue;
    }
    for (auto& node : nodes_) {
      // Node names are host:pid:suffix.
      if (node->running() &&
          holder->find(":" + std::to_string(node->pid()) + ":") != std::string::npos) {
        node->Kill();
        killed_node = *holder;
      }
    }
    ASSERT_FALSE(killed_node.empty()) << "held by " << *holder;
  }
  ASSERT_FALSE(killed_node.empty()) << "no node ran the job";

  // The others take the run over once its lease has run out, and walk on.
  const std::int64_t runs = open_cases / 600 + 1;
  const auto finished = std::chrono::steady_clock::now() + 40s;
  while (query_int("SELECT COUNT(*) FROM jobs WHERE kind = 'sla.recompute' AND state = 'done'") <
             runs &&
         std::chrono::steady_clock::now() < finished) {
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM jobs WHERE kind = 'sla.recompute'"), runs);
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM jobs WHERE kind = 'sla.recompute' AND state = 'done'"),
            runs);
  std::string first_run;
  ASSERT_TRUE(database
                  .Read([&](storage::Connection& connection) -> Status {
                    return connection.Query(
                        "SELECT locked_by, attempts FROM jobs WHERE kind = 'sla.recompute' AND "
                        "key LIKE 'all 0 0 %'",
                        {}, [&](const storage::Row& row) {
                          first_run = row.Text(0) + " attempt " + std::to_string(row.Int(1));
                        });
                  })
                  .ok());
  EXPECT_EQ(first_run.find(killed_node), std::string::npos) << first_run;
  EXPECT_NE(first_run.find(" attempt 2"), std::string::npos) << first_run;
  // Every open case's first-contact clock not yet met follows the new policy.
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM sla_clocks k JOIN cases c ON c.id = k.case_id "
                      "WHERE k.target = 'first_contact' AND k.met_at IS NULL AND "
                      "c.status NOT IN ('resolved', 'closed') AND "
                      "k.due_at <> k.started_at + 1800000000 + k.paused_ms"),
            0);
  EXPECT_GE(query_int("SELECT COUNT(*) FROM sla_clocks WHERE target = 'first_contact' AND "
                      "met_at IS NULL AND due_at = started_at + 1800000000 + paused_ms"),
            open_cases / 2);
}

}  // namespace
}  // namespace lt
