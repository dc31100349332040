// The queues of the web console (GET /api/v1/queues, GET /api/v1/cases?queue=)
// with the list filters a queue page offers, the staff directory and the
// customer look-up as a number is typed.

#include <gtest/gtest.h>

#include "base/time_format.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class QueuesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = harness_.store.AddDepartment("CS", "客服中心");
    plant_ = harness_.store.AddDepartment("MFG", "制造部");
    agent_ = harness_.store.AddUser("agent@example.com", domain::Role::kAgent, {service_.id});
    colleague_ = harness_.store.AddUser("colleague@example.com", domain::Role::kAgent, {plant_.id});
    agent_token_ = harness_.TokenFor(agent_);
  }

  json File(json fields) {
    json body = {{"subject", "空调外壳开裂"},
                 {"customer", {{"name", "王芳"}, {"phone", "13800138000"}}}};
    if (fields.is_object()) body.update(fields);
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.body;
  }

  std::map<std::string, std::int64_t> Counts(const std::string& token) {
    auto answer = harness_.Call("GET", "/api/v1/queues", token);
    EXPECT_EQ(answer.status, 200) << answer.raw;
    std::map<std::string, std::int64_t> counts;
    for (const auto& item : answer.body["items"]) {
      EXPECT_EQ(item["more"], false);
      counts[item["queue"]] = item["count"];
    }
    return counts;
  }

  std::vector<std::string> Numbers(const std::string& query, const std::string& token) {
    auto answer = harness_.Call("GET", "/api/v1/cases?" + query, token);
    EXPECT_EQ(answer.status, 200) << answer.raw;
    std::vector<std::string> numbers;
    for (const auto& item : answer.body["items"]) numbers.push_back(item["number"]);
    return numbers;
  }

  test::ApiHarness harness_;
  domain::Department service_;
  domain::Department plant_;
  domain::User agent_;
  domain::User colleague_;
  std::string agent_token_;
};

TEST_F(QueuesApiTest, EachQueueHoldsItsOpenCasesAndCountsThem) {
  const json mine = File({{"assignee_id", agent_.id}, {"department_id", service_.id}});
  const json ours = File({{"department_id", service_.id}, {"subject", "冰箱异响"}});
  const json theirs = File({{"department_id", plant_.id}, {"assignee_id", colleague_.id}});
  const std::string m = mine["number"], o = ours["number"], t = theirs["number"];

  EXPECT_EQ(Numbers("queue=mine", agent_token_), (std::vector<std::string>{m}));
  EXPECT_EQ(Numbers("queue=department&sort=received_at", agent_token_),
            (std::vector<std::string>{m, o}));
  EXPECT_EQ(Numbers("queue=unassigned", agent_token_), (std::vector<std::string>{o}));
  EXPECT_EQ(Numbers("queue=all&sort=received_at", agent_token_),
            (std::vector<std::string>{m, o, t}));
  EXPECT_EQ(Counts(agent_token_), (std::map<std::string, std::int64_t>{{"mine", 1},
                                                                       {"department", 2},
                                                                       {"unassigned", 1},
                                                                       {"breaching", 0},
                                                                       {"breached", 0},
                                                                       {"all", 3}}));

  // Each row names its customer and the state of its SLA clocks.
  auto listed = harness_.Call("GET", "/api/v1/cases?queue=mine", agent_token_);
  EXPECT_EQ(listed.body["items"][0]["customer_name"], "王芳");
  EXPECT_EQ(listed.body["items"][0]["sla_state"], "running");

  // Past the first contact's warning time the cases are breaching soon;
  // past its due time, breached.
  const json clock = harness_.ClockOf("/api/v1/cases/" + mine["id"].dump(), "first_contact");
  ASSERT_TRUE(clock.is_object()) << clock;
  const auto warn_at = ParseTimestamp(clock["warn_at"].get<std::string>());
  const auto due_at = ParseTimestamp(clock["due_at"].get<std::string>());
  ASSERT_TRUE(warn_at && due_at);
  harness_.store.clock.Set(*warn_at + 1000);
  EXPECT_EQ(Counts(agent_token_)["breaching"], 3);
  harness_.store.clock.Set(*due_at + 1000);
  EXPECT_EQ(Counts(agent_token_)["breaching"], 0);
  EXPECT_EQ(Counts(agent_token_)["breached"], 3);
  listed = harness_.Call(
      "GET", "/api/v1/cases?queue=breached&department=" + std::to_string(plant_.id), agent_token_);
  ASSERT_EQ(listed.body["items"].size(), 1u) << listed.raw;
  EXPECT_EQ(listed.body["items"][0]["sla_state"], "breached");

  // Asked for other states, a queue shows those instead of the open ones.
  EXPECT_EQ(Numbers("queue=unassigned&status=closed", agent_token_), std::vector<std::string>{});
  EXPECT_EQ(Numbers("queue=unassigned&status=received", agent_token_),
            (std::vector<std::string>{o}));
}

TEST_F(QueuesApiTest, QueuesFollowTheReader) {
  // Without a department there is no department queue, and asking for it is refused.
  const auto loner = harness_.store.AddUser("qa@example.com", domain::Role::kQa);
  const auto token = harness_.TokenFor(loner);
  EXPECT_EQ(Counts(token).count("department"), 0u);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/cases?queue=department", token).status, 403);
  // Portal customers have no queues.
  const json filed = File(json::object());
  const auto customer = harness_.store.AddUser("wang@example.com", domain::Role::kCustomer, {},
                                               filed["customer_id"].get<domain::Id>());
  auto answer = harness_.Call("GET", "/api/v1/queues", harness_.TokenFor(customer));
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body["items"], json::array());
}

TEST_F(QueuesApiTest, TheListFiltersByTypeChannelUrgencyOriginAndProduct) {
  const json a = File({{"type", "complaint"},
                       {"channel", "phone"},
                       {"urgency", "urgent"},
                       {"origin_class", "own_factory"},
                       {"product", "变频空调"}});
  const json b = File({{"type", "inquiry"}, {"channel", "email"}, {"product", "冰箱"}});
  const json c = File({{"type", "grumble"}, {"channel", "visit"}, {"product", "变频空调"}});
  const std::string na = a["number"], nb = b["number"], nc = c["number"];
  const auto numbers = [&](const std::string& query) {
    return Numbers("sort=received_at&" + query, agent_token_);
  };
  EXPECT_EQ(numbers("type=inquiry,grumble"), (std::vector<std::string>{nb, nc}));
  EXPECT_EQ(numbers("channel=phone,visit"), (std::vector<std::string>{na, nc}));
  EXPECT_EQ(numbers("urgency=urgent"), (std::vector<std::string>{na}));
  EXPECT_EQ(numbers("origin_class=own_factory"), (std::vector<std::string>{na}));
  EXPECT_EQ(numbers("product=%E5%8F%98%E9%A2%91%E7%A9%BA%E8%B0%83"),
            (std::vector<std::string>{na, nc}));
  EXPECT_EQ(numbers("queue=all&type=complaint&product=%E5%86%B0%E7%AE%B1"),
            std::vector<std::string>{});

  for (const std::string bad : {"type=complaint,shouting", "channel=pigeon", "urgency=soon",
                                "origin_class=mars", "queue=yesterday"}) {
    auto refused = harness_.Call("GET", "/api/v1/cases?" + bad, agent_token_);
    EXPECT_EQ(refused.status, 422) << bad;
    EXPECT_EQ(refused.body["errors"][0]["field"], bad.substr(0, bad.find('='))) << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["code"], "validation.enum") << refused.raw;
  }
}

TEST_F(QueuesApiTest, StaffSeeTheirColleaguesWithoutTheirAddresses) {
  auto staff = harness_.Call("GET", "/api/v1/staff", agent_token_);
  ASSERT_EQ(staff.status, 200) << staff.raw;
  bool found = false;
  for (const auto& member : staff.body["items"]) {
    EXPECT_FALSE(member.contains("email")) << member;
    if (member["id"] == colleague_.id) {
      found = true;
      EXPECT_EQ(member["role"], "agent");
      EXPECT_EQ(member["department_ids"], json::array({plant_.id}));
    }
  }
  EXPECT_TRUE(found);
  const json filed = File(json::object());
  const auto customer = harness_.store.AddUser("wang@example.com", domain::Role::kCustomer, {},
                                               filed["customer_id"].get<domain::Id>());
  EXPECT_EQ(harness_.Call("GET", "/api/v1/staff", harness_.TokenFor(customer)).status, 403);
}

TEST_F(QueuesApiTest, ACallerIsFoundByTheFirstDigitsOfTheirNumber) {
  File({{"customer", {{"name", "王芳"}, {"phone", "138 0013 8000"}}}});
  File({{"customer", {{"name", "深圳门店"}, {"phone", "0755-8888 1234"}}}});
  const auto names = [&](const std::string& typed) {
    auto answer = harness_.Call("GET", "/api/v1/customers?phone_prefix=" + typed, agent_token_);
    EXPECT_EQ(answer.status, 200) << answer.raw;
    std::vector<std::string> found;
    for (const auto& customer : answer.body["items"]) found.push_back(customer["name"]);
    return found;
  };
  EXPECT_EQ(names("138%200013"), (std::vector<std::string>{"王芳"}));
  EXPECT_EQ(names("%2B86138"), (std::vector<std::string>{"王芳"}));
  EXPECT_EQ(names("0755-88"), (std::vector<std::string>{"深圳门店"}));
  EXPECT_EQ(names("139"), std::vector<std::string>{});
  auto refused = harness_.Call("GET", "/api/v1/customers?phone_prefix=13", agent_token_);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body["errors"][0]["field"], "phone_prefix");
  EXPECT_EQ(harness_.Call("GET", "/api/v1/customers?phone_prefix=138abc", agent_token_).status,
            422);
}

TEST_F(QueuesApiTest, ACustomersInteractionsAcrossTheirCasesNewestFirst) {
  const json first = File({{"department_id", service_.id}});
  const json second = File({{"department_id", plant_.id}, {"subject", "冰箱异响"}});
  ASSERT_EQ(first["customer_id"], second["customer_id"]) << "the same caller by phone";
  const std::string customer = first["customer_id"].dump();
  for (const auto& [a_case, body] :
       {std::pair{first, "第一次来电"}, std::pair{second, "第二次来电"}}) {
    harness_.store.clock.Advance(60'000);
    auto added = harness_.CallJson(
        "POST", "/api/v1/cases/" + a_case["id"].dump() + "/interactions", harness_.AdminToken(),
        {{"body", body}, {"direction", "inbound"}, {"channel", "phone"}});
    ASSERT_EQ(added.status, 201) << added.raw;
  }
  auto all = harness_.Call("GET", "/api/v1/customers/" + customer + "/interactions",
                           harness_.AdminToken());
  ASSERT_EQ(all.status, 200) << all.raw;
  ASSERT_GE(all.body["items"].size(), 2u);
  EXPECT_EQ(all.body["items"][0]["body"], "第二次来电");
  EXPECT_EQ(all.body["items"][1]["body"], "第一次来电");
  // A sales colleague of the service department sees only that department's case.
  const auto seller =
      harness_.store.AddUser("sales@example.com", domain::Role::kSales, {service_.id});
  auto seen = harness_.Call("GET", "/api/v1/customers/" + customer + "/interactions?limit=10",
                            harness_.TokenFor(seller));
  ASSERT_EQ(seen.status, 200) << seen.raw;
  for (const auto& item : seen.body["items"]) EXPECT_EQ(item["case_id"], first["id"]) << item;
  EXPECT_EQ(
      harness_.Call("GET", "/api/v1/customers/999999/interactions", harness_.AdminToken()).status,
      404);
  EXPECT_EQ(harness_
                .Call("GET", "/api/v1/customers/" + customer + "/interactions?limit=0",
                      harness_.AdminToken())
                .status,
            422);
}

}  // namespace
}  // namespace lt
