// GET /api/v1/events: live updates, each client told only of cases it may see.

#include <gtest/gtest.h>

#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json NewCase(const std::string& subject, std::optional<domain::Id> department = std::nullopt) {
  json body = {{"subject", subject}, {"customer", {{"name", "周芷若"}, {"phone", "13611112222"}}}};
  if (department) body["department_id"] = *department;
  return body;
}

class EventsApiTest : public ::testing::Test {
 protected:
  test::ApiHarness harness_;
};

TEST_F(EventsApiTest, StreamsChangesToCasesTheClientMaySeeAndNothingElse) {
  const auto service = harness_.store.AddDepartment("SVC", "售后服务部");
  const auto sales = harness_.store.AddDepartment("SAL", "销售部");
  const std::string agent = harness_.TokenFor(
      harness_.store.AddUser("member@example.cn", domain::Role::kDepartmentMember, {service.id}));
  auto admin_stream = harness_.OpenEventStream(harness_.AdminToken());
  auto agent_stream = harness_.OpenEventStream(agent);
  ASSERT_TRUE(admin_stream && agent_stream);
  EXPECT_NE(admin_stream->Received().find("retry: 3000"), std::string::npos);

  auto theirs = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                  NewCase("销售部的投诉", sales.id));
  auto ours = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                NewCase("服务部的投诉", service.id));
  ASSERT_EQ(ours.status, 201);
  const std::string ours_number = ours.body["number"];
  const std::string theirs_number = theirs.body["number"];
  EXPECT_TRUE(agent_stream->WaitFor(ours_number, 5s)) << agent_stream->Received();
  EXPECT_TRUE(admin_stream->WaitFor(ours_number, 5s));
  EXPECT_NE(admin_stream->Received().find(theirs_number), std::string::npos);
  EXPECT_EQ(agent_stream->Received().find(theirs_number), std::string::npos);

  // An update and an interaction arrive as events of their own.
  const std::string path = "/api/v1/cases/" + std::to_string(ours.body["id"].get<int>());
  ASSERT_EQ(harness_.CallJson("PATCH", path, agent, {{"urgency", "urgent"}}).status, 200);
  ASSERT_EQ(harness_
                .CallJson("POST", path + "/interactions", agent,
                          {{"body", "已电话联系客户"}, {"direction", "outbound"}})
                .status,
            201);
  EXPECT_TRUE(agent_stream->WaitFor("\"action\":\"add_interaction\"", 5s))
      << agent_stream->Received();
  const std::string received = agent_stream->Received();
  EXPECT_NE(received.find("event: case\ndata: {"), std::string::npos) << received;
  EXPECT_NE(received.find("\"action\":\"update\""), std::string::npos) << received;
  EXPECT_NE(received.find("\"version\":2"), std::string::npos) << received;
}

TEST_F(EventsApiTest, SendsHeartbeatsAndForgetsClientsThatWentAway) {
  auto stream = harness_.OpenEventStream(harness_.AdminToken());
  ASSERT_TRUE(stream);
  EXPECT_TRUE(stream->WaitFor(": ping", 5s));  // the harness beats every 200 ms
  EXPECT_EQ(harness_.live_updates.subscribers(), 1u);
  stream->Close();
  for (int i = 0; i < 50 && harness_.live_updates.subscribers() > 0; ++i)
    std::this_thread::sleep_for(100ms);
  EXPECT_EQ(harness_.live_updates.subscribers(), 0u);
}

TEST_F(EventsApiTest, RequiresAuthentication) {
  auto anonymous = harness_.Call("GET", "/api/v1/events");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.body["status"], 401);
}

}  // namespace
}  // namespace lt
