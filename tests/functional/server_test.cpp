// The built binary, started as a user would, over real HTTP on loopback.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

using nlohmann::json;

TEST(Server, StartsWithDemoDataPrintsItsUrlAndLoginAndServesTheApi) {
  test::TempDir directory;
  test::ServerProcess server(directory.path(), {"--demo", "--demo-cases", "40"});
  ASSERT_TRUE(server.running());
  // The server answers /healthz as soon as it listens and prints its
  // address just after: under the sanitizers the print may come a moment later.
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port());
  std::string output = server.Output();
  for (int i = 0; i < 100 && output.find("admin@lingting.demo") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    output = server.Output();
  }
  EXPECT_NE(output.find(url), std::string::npos) << output;
  EXPECT_NE(output.find("admin@lingting.demo"), std::string::npos) << output;
  if (!test::UsingPostgres()) {
    EXPECT_TRUE(std::filesystem::exists(directory.path() / "var" / "lingting.db"));
  }

  const test::WebSession session = test::LoginAsDemoAdmin(server.port());
  ASSERT_FALSE(session.cookie.empty());
  auto list = test::HttpCall(server.port(), "GET", "/api/v1/cases?limit=5", "", session.Headers());
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json::parse(list.body)["items"].size(), 5u);

  const json body = {
      {"subject", "燃气热水器点不着火"},
      {"customer",
       {{"name", "钱多多"}, {"phone", "+86 186 0000 1111"}, {"email", "QIAN@example.cn"}}}};
  auto created =
      test::HttpCall(server.port(), "POST", "/api/v1/cases", body.dump(), session.Headers(true));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("content-type"), "application/json");
  auto search = test::HttpCall(server.port(), "GET", "/api/v1/cases?q=%E7%82%B9%E4%B8%8D%E7%9D%80",
                               "",  // 点不着
                               session.Headers());
  ASSERT_EQ(search.status, 200);
  EXPECT_EQ(json::parse(search.body)["items"].size(), 1u);
  EXPECT_EQ(server.Stop(), 0);
}

TEST(Server, AnswersOversizeBodiesWith413AndUnknownPathsWithProblemJson) {
  test::TempDir directory;
  ::setenv("LINGTING_SERVER_MAX_BODY_BYTES", "65536", 1);
  test::ServerProcess server(directory.path());
  ::unsetenv("LINGTING_SERVER_MAX_BODY_BYTES");
  ASSERT_TRUE(server.running());
  auto big = test::HttpCall(server.port(), "POST", "/api/v1/cases", std::string(100000, 'x'),
                            {{"Content-Type", "application/json"}});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.Header("content-type"), "application/problem+json");
  auto missing =
      test::HttpCall(server.port(), "GET", "/api/v2/whatever", "", {{"Accept-Language", "en"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("There is no endpoint"), std::string::npos);
  auto metrics = test::HttpCall(server.port(), "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("process_resident_memory_bytes"), std::string::npos);
}

TEST(Server, RefusesToStartOnABadConfigurationWithAClearMessage) {
  test::TempDir directory;
  std::ofstream(directory.path() / "bad.toml") << "[server]\nlisten = 8080\n";
  auto result = test::RunCommand({LINGTING_BINARY, "serve", "--config", "bad.toml", "--lang", "en"},
                                 directory.path());
  EXPECT_EQ(result.exit_code, 78);
  EXPECT_NE(result.err.find("server.listen"), std::string::npos) << result.err;
}

// A demonstration has no SMS gateway: the portal's sign-in codes are
// written to the log, so that the portal can be tried with any number.
TEST(Server, ADemoNamesThePortalAndWritesItsSignInCodesToTheLog) {
  test::TempDir directory;
  test::ServerProcess server(directory.path(), {"--demo", "--demo-cases", "1"});
  ASSERT_TRUE(server.running());
  const std::string portal = "http://127.0.0.1:" + std::to_string(server.port()) + "/portal";
  std::string output = server.Output();
  for (int i = 0; i < 100 && output.find(portal) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    output = server.Output();
  }
  EXPECT_NE(output.find(portal), std::string::npos) << output;

  const std::map<std::string, std::string> json_type = {{"Content-Type", "application/json"}};
  const json ask = {{"address", "139 0013 9001"}};
  const auto asked =
      test::HttpCall(server.port(), "POST", "/api/v1/portal/sign-in-codes", ask.dump(), json_type);
  ASSERT_EQ(asked.status, 202) << asked.body;
  // The outbox's job writes the text to the log once it would send it.
  std::string code;
  for (int i = 0; i < 200 && code.empty(); ++i) {
    const std::string log = server.ErrorOutput();
    const auto line = log.find("demo: the sign-in code text to +8613900139001: ");
    if (line != std::string::npos) {
      const auto digits = log.find_first_of("0123456789", log.find(": ", line + 6) + 2);
      code = log.substr(digits, 6);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ASSERT_EQ(code.size(), 6u) << server.ErrorOutput();
  const json sign_in = {{"address", "13900139001"}, {"code", code}};
  const auto signed_in =
      test::HttpCall(server.port(), "POST", "/api/v1/portal/session", sign_in.dump(), json_type);
  EXPECT_EQ(signed_in.status, 201) << signed_in.body;  // a new customer, signed up
  EXPECT_EQ(server.Stop(), 0);
}

TEST(Server, KeepsEveryAcknowledgedCaseWhenKilled) {
  test::TempDir directory;
  int acknowledged = 0;
  {
    test::ServerProcess server(directory.path(), {"--demo", "--demo-cases", "1"});
    ASSERT_TRUE(server.running());
    const test::WebSession session = test::LoginAsDemoAdmin(server.port());
    for (int i = 0; i < 30; ++i) {
      const json body = {{"subject", "断电测试 " + std::to_string(i)},
                         {"customer", {{"name", "x"}, {"phone", "13100000000"}}}};
      auto created = test::HttpCall(server.port(), "POST", "/api/v1/cases", body.dump(),
                                    session.Headers(true));
      if (created.status == 201) ++acknowledged;
    }
    server.Kill();  // no clean shutdown: only what was committed survives
  }
  ASSERT_EQ(acknowledged, 30);
  test::ServerProcess again(directory.path());
  ASSERT_TRUE(again.running());
  auto found = test::HttpCall(again.port(), "GET", "/api/v1/cases?q=%E6%96%AD%E7%94%B5&limit=100",
                              "",  // 断电
                              test::LoginAsDemoAdmin(again.port()).Headers());
  EXPECT_EQ(json::parse(found.body)["items"].size(), 30u);
}

}  // namespace
}  // namespace lt
