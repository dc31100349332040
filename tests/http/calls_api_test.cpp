// Phone calls through the API: the telephony system's signed events create
// and end a call, look the caller up by number and tell the console of the
// agent it rings for (and only them) at once; the agent reads the screen pop
// (customer and open cases) and adds the call to a case, where it lands on
// the timeline at hang-up; agents record calls with their recording; wrong
// events and records are refused by field and write nothing.

#include <gtest/gtest.h>

#include "domain/webhook_signature.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kTelephonySecret = "telephony-webhook-secret-1";

class CallsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    department_ = harness_.store.AddDepartment("HOTLINE", "热线");
    agent_user_ =
        harness_.store.AddUser("hotline@example.com", domain::Role::kAgent, {department_.id});
    agent_ = harness_.TokenFor(agent_user_);
    other_ = harness_.TokenFor(
        harness_.store.AddUser("other@example.com", domain::Role::kAgent, {department_.id}));
    const auto saved = harness_.CallJson("PUT", "/api/v1/admin/telephony", harness_.AdminToken(),
                                         {{"webhook_secret", kTelephonySecret}});
    ASSERT_EQ(saved.status, 200) << saved.raw;
    auto created = harness_.CallJson("POST", "/api/v1/cases", agent_,
                                     {{"subject", "燃气灶点不着"},
                                      {"channel", "phone"},
                                      {"department_id", department_.id},
                                      {"customer", {{"name", "郑洁"}, {"phone", "13800005555"}}}});
    ASSERT_EQ(created.status, 201) << created.raw;
    case_ = created.body;
  }

  test::ApiResult Event(const json& event, const std::string& secret = kTelephonySecret) {
    const std::string body = event.dump();
    const std::int64_t at = harness_.store.clock.NowMs() / 1000;
    return harness_.Call("POST", "/api/v1/webhooks/telephony", "", body,
                         {{"X-Lingting-Timestamp", std::to_string(at)},
                          {"X-Lingting-Signature", domain::SignWebhook(secret, at, body)}});
  }

  std::size_t CallCount() {
    return harness_.Call("GET", "/api/v1/calls", harness_.AdminToken()).body["items"].size();
  }

  test::ApiHarness harness_;
  domain::Department department_;
  domain::User agent_user_;
  std::string agent_;
  std::string other_;
  json case_;
};

TEST_F(CallsApiTest, ARingingCallPopsUpForItsAgentAndLandsOnTheCaseAtHangUp) {
  auto mine = harness_.OpenEventStream(agent_);
  auto theirs = harness_.OpenEventStream(other_);
  ASSERT_TRUE(mine && theirs);
  auto rang = Event({{"call_id", "pbx-1"},
                     {"event", "ringing"},
                     {"number", "138 0000 5555"},
                     {"agent", "Hotline@Example.com"}});
  ASSERT_EQ(rang.status, 200) << rang.raw;
  EXPECT_EQ(rang.body["state"], "ringing");
  EXPECT_EQ(rang.body["number"], "+8613800005555");
  EXPECT_EQ(rang.body["agent_user_id"], agent_user_.id);
  const std::int64_t call_id = rang.body["id"];
  // Only the agent it rings for hears of it.
  EXPECT_TRUE(mine->WaitFor("event: call\ndata: {\"call_id\":" + std::to_string(call_id), 5s))
      << mine->Received();
  EXPECT_FALSE(theirs->WaitFor("event: call", 300ms));

  // The screen pop: the customer and their open case.
  const auto view = harness_.Call("GET", "/api/v1/calls/" + std::to_string(call_id), agent_);
  ASSERT_EQ(view.status, 200) << view.raw;
  EXPECT_EQ(view.body["customer"]["name"], "郑洁");
  ASSERT_EQ(view.body["open_cases"].size(), 1u);
  EXPECT_EQ(view.body["open_cases"][0]["id"], case_["id"]);

  ASSERT_EQ(Event({{"call_id", "pbx-1"}, {"event", "answered"}}).status, 200);
  harness_.store.clock.Advance(200 * 1000);
  const auto linked =
      harness_.CallJson("POST", "/api/v1/calls/" + std::to_string(call_id) + "/link", agent_,
                        {{"case_id", case_["id"]}});
  ASSERT_EQ(linked.status, 200) << linked.raw;
  EXPECT_EQ(linked.body["case_id"], case_["id"]);
  EXPECT_EQ(linked.body["interaction_id"], nullptr);  // on the timeline at hang-up
  const std::string timeline_path = "/api/v1/cases/" + case_["id"].dump() + "/interactions";
  EXPECT_TRUE(harness_.Call("GET", timeline_path, agent_).body["items"].empty());

  const auto ended = Event({{"call_id", "pbx-1"}, {"event", "hangup"}});
  ASSERT_EQ(ended.status, 200) << ended.raw;
  EXPECT_EQ(ended.body["state"], "ended");
  EXPECT_EQ(ended.body["duration_seconds"], 200);
  EXPECT_NE(ended.body["interaction_id"], nullptr);
  const auto timeline = harness_.Call("GET", timeline_path, agent_);
  ASSERT_EQ(timeline.body["items"].size(), 1u);
  EXPECT_EQ(timeline.body["items"][0]["channel"], "phone");
  EXPECT_EQ(timeline.body["items"][0]["body"], "来电 +8613800005555，通话 3:20");
  // The same request again is a replay; a hang-up delivered again (signed
  // anew) changes nothing.
  EXPECT_EQ(Event({{"call_id", "pbx-1"}, {"event", "hangup"}}).status, 409);
  harness_.store.clock.Advance(1000);
  EXPECT_EQ(Event({{"call_id", "pbx-1"}, {"event", "hangup"}}).status, 200);
  EXPECT_EQ(harness_.Call("GET", timeline_path, agent_).body["items"].size(), 1u);
  // Linking it again is refused.
  EXPECT_EQ(harness_
                .CallJson("POST", "/api/v1/calls/" + std::to_string(call_id) + "/link", agent_,
                          {{"case_id", case_["id"]}})
                .status,
            409);
}

TEST_F(CallsApiTest, ACallFromAnUnknownNumberForNobodyPopsUpForEveryAgentAndWaitsForACase) {
  auto mine = harness_.OpenEventStream(agent_);
  auto theirs = harness_.OpenEventStream(other_);
  ASSERT_TRUE(mine && theirs);
  const auto rang = Event({{"call_id", "pbx-2"}, {"event", "ringing"}, {"number", "02155556666"}});
  ASSERT_EQ(rang.status, 200) << rang.raw;
  EXPECT_TRUE(mine->WaitFor("event: call", 5s));
  EXPECT_TRUE(theirs->WaitFor("event: call", 5s));
  const std::string path = "/api/v1/calls/" + rang.body["id"].dump();
  EXPECT_EQ(harness_.Call("GET", path, agent_).body["customer"], nullptr);
  ASSERT_EQ(Event({{"call_id", "pbx-2"}, {"event", "hangup"}, {"duration_seconds", 45}}).status,
            200);
  const auto unlinked = harness_.Call("GET", "/api/v1/calls?unlinked=true&mine=true", agent_);
  ASSERT_EQ(unlinked.body["items"].size(), 1u);
  EXPECT_EQ(unlinked.body["items"][0]["duration_seconds"], 45);
  // Added to a case after it ended: on the timeline at once.
  const auto linked = harness_.CallJson("POST", path + "/link", agent_, {{"case_id", case_["id"]}});
  ASSERT_EQ(linked.status, 200) << linked.raw;
  EXPECT_NE(linked.body["interaction_id"], nullptr);
  EXPECT_TRUE(harness_.Call("GET", "/api/v1/calls?unlinked=true", agent_).body["items"].empty());
}

TEST_F(CallsApiTest, AgentsRecordCallsWithTheirRecording) {
  const auto recorded = harness_.CallJson(
      "POST", "/api/v1/calls", agent_,
      {{"direction", "outbound"},
       {"number", "13800005555"},
       {"duration_seconds", 95},
       {"notes", "约好周六上午上门检查燃气阀。"},
       {"case_id", case_["id"]},
       {"attachments",
        json::array({{{"filename", "通话录音.mp3"},
                      {"content_type", "audio/mpeg"},
                      {"content_base64",
                       "SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjU4Ljc2LjEwMAAAAAAAAAAAAAAA"}}})}});
  ASSERT_EQ(recorded.status, 201) << recorded.raw;
  EXPECT_EQ(recorded.body["state"], "ended");
  EXPECT_EQ(recorded.body["agent_user_id"], agent_user_.id);
  EXPECT_NE(recorded.body["customer_id"], nullptr);
  const auto timeline =
      harness_.Call("GET", "/api/v1/cases/" + case_["id"].dump() + "/interactions", agent_);
  ASSERT_EQ(timeline.body["items"].size(), 1u);
  const json entry = timeline.body["items"][0];
  EXPECT_EQ(entry["direction"], "outbound");
  EXPECT_EQ(entry["body"], "去电 +8613800005555，通话 1:35\n\n约好周六上午上门检查燃气阀。");
  ASSERT_EQ(entry["attachments"].size(), 1u);
  EXPECT_EQ(entry["attachments"][0]["filename"], "通话录音.mp3");
}

TEST_F(CallsApiTest, WrongEventsAndRecordsAreRefusedAndWriteNothing) {
  EXPECT_EQ(Event({{"call_id", "x"}, {"event", "ringing"}, {"number", "13800005555"}},
                  "not-the-telephony-secret")
                .status,
            401);
  struct Bad {
    json body;
    std::string field;
  };
  for (const Bad& bad : {
           Bad{{{"event", "ringing"}, {"number", "13800005555"}}, "call_id"},
           Bad{{{"call_id", "x"}, {"event", "transferred"}, {"number", "13800005555"}}, "event"},
           Bad{{{"call_id", "x"}, {"event", "ringing"}, {"number", "hello"}}, "number"},
           Bad{{{"call_id", "x"}, {"event", "ringing"}}, "number"},
           Bad{{{"call_id", "x"},
                {"event", "ringing"},
                {"number", "13800005555"},
                {"agent", "nobody@example.com"}},
               "agent"},
           Bad{{{"call_id", "x"}, {"event", "ringing"}, {"number", "13800005555"}, {"line", 3}},
               "line"},
       }) {
    const auto refused = Event(bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body.dump() << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["field"], bad.field) << refused.raw;
  }
  for (const Bad& bad : {
           Bad{{{"number", "no"}}, "number"},
           Bad{{{"number", "13800005555"}, {"direction", "internal"}}, "direction"},
           Bad{{{"number", "13800005555"}, {"duration_seconds", -1}}, "duration_seconds"},
           Bad{{{"number", "13800005555"}, {"started_at", "2030-01-01T00:00:00Z"}}, "started_at"},
           Bad{{{"number", "13800005555"}, {"agent_user_id", 999999}}, "agent_user_id"},
           Bad{{{"number", "13800005555"},
                {"attachments", json::array({{{"filename", "a.mp3"},
                                              {"content_type", "audio/mpeg"},
                                              {"content_base64", "AA=="}}})}},
               "attachments"},
       }) {
    const auto refused = harness_.CallJson("POST", "/api/v1/calls", agent_, bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body.dump() << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["field"], bad.field) << refused.raw;
  }
  EXPECT_EQ(CallCount(), 0u);
  // Only staff see calls, only admins set the secret.
  EXPECT_EQ(harness_
                .CallJson("PUT", "/api/v1/admin/telephony", agent_,
                          {{"webhook_secret", kTelephonySecret}})
                .status,
            403);
  EXPECT_EQ(harness_
                .CallJson("PUT", "/api/v1/admin/telephony", harness_.AdminToken(),
                          {{"webhook_secret", "short"}})
                .status,
            422);
}

}  // namespace
}  // namespace lt
