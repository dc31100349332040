// Every report is cut down to the cases its reader sees, exactly as the case
// list is: a sales user of one department sees that department's figures, a
// department member who sees no case sees none, managers and QA see all,
// general affairs the environmental cases besides their own.

#include <gtest/gtest.h>

#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class ReportScopingApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    north_ = harness_.store.AddDepartment("NORTH", "华北营业部");
    south_ = harness_.store.AddDepartment("SOUTH", "华南营业部");
    general_affairs_department_ = harness_.store.AddDepartment("GA", "总务课");
    manufacturing_ = harness_.store.AddDepartment("MFG", "制造部");
    qa_user_ = harness_.store.AddUser("qa@example.com", domain::Role::kQa);
    tokens_["north sales"] = harness_.TokenFor(
        harness_.store.AddUser("north@example.com", domain::Role::kSales, {north_.id}));
    tokens_["south sales"] = harness_.TokenFor(
        harness_.store.AddUser("south@example.com", domain::Role::kSales, {south_.id}));
    tokens_["member"] = harness_.TokenFor(harness_.store.AddUser(
        "mfg@example.com", domain::Role::kDepartmentMember, {manufacturing_.id}));
    tokens_["general affairs"] = harness_.TokenFor(harness_.store.AddUser(
        "ga@example.com", domain::Role::kGeneralAffairs, {general_affairs_department_.id}));
    tokens_["manager"] =
        harness_.TokenFor(harness_.store.AddUser("boss@example.com", domain::Role::kManager));
    tokens_["qa"] = harness_.TokenFor(qa_user_);

    // One complaint in each sales department and an environmental one, each
    // with a claim and an improvement proposal of its own amount.
    File(north_.id, "own_factory", "13800000001", "1000");
    File(south_.id, "own_factory", "13800000002", "20000");
    environmental_ = File(north_.id, "environmental", "13800000003", "300");
  }

  // Files the case and returns its path.
  std::string File(domain::Id department, const std::string& origin, const std::string& phone,
                   const std::string& amount) {
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                     {{"subject", "冰箱异响 " + amount},
                                      {"type", "complaint"},
                                      {"origin_class", origin},
                                      {"department_id", department},
                                      {"customer", {{"name", "客户" + amount}, {"phone", phone}}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string path = created.Header("Location");
    auto claim =
        harness_.CallJson("POST", path + "/claims", harness_.AdminToken(),
                          {{"amount", amount}, {"currency", "CNY"}, {"reason", "补偿上门费用"}});
    EXPECT_EQ(claim.status, 201) << claim.raw;
    auto proposal = harness_.CallJson("POST", path + "/proposals", harness_.AdminToken(),
                                      {{"title", "改进 " + amount},
                                       {"idea", "加装减震垫"},
                                       {"owner_id", qa_user_.id},
                                       {"estimated_savings", amount}});
    EXPECT_EQ(proposal.status, 201) << proposal.raw;
    return path;
  }

  // Takes an environmental case through the procedure to closed, the
  // manufacturing department named responsible.
  void CloseEnvironmental(const std::string& path) {
    const std::string admin = harness_.AdminToken();
    for (const json& step :
         {json{{"to", "environmental_handling"}, {"defect_description", "夜间噪音"}},
          json{{"to", "environmental_solution"},
               {"root_cause_occurrence", "风机轴承磨损"},
               {"responsible_department_id", manufacturing_.id}},
          json{{"to", "replying"}, {"solution", "更换轴承"}},
          json{{"to", "following_up"}, {"reply", "已整改"}},
          json{{"to", "closed"}, {"customer_decision", "accepted"}}}) {
      auto taken = harness_.CallJson("POST", path + "/transitions", admin, step);
      ASSERT_EQ(taken.status, 200) << step.dump() << " " << taken.raw;
    }
  }

  std::size_t LedgerRows(const std::string& reader) {
    return Report("/api/v1/reports/quality-ledger?from=2026-03", reader)["items"].size();
  }

  // The report at `target` as `reader` gets it.
  json Report(const std::string& target, const std::string& reader) {
    auto report = harness_.Call("GET", target, tokens_.at(reader));
    EXPECT_EQ(report.status, 200) << reader << " " << report.raw;
    return report.body;
  }

  // The claimed amount the reader's claims report shows ("" for none).
  std::string ClaimedAmount(const std::string& reader) {
    const json items = Report("/api/v1/reports/claims?month=2026-03", reader)["items"];
    return items.empty() ? "" : items[0]["proposed"]["amount"].get<std::string>();
  }

  std::string EstimatedSavings(const std::string& reader) {
    const json items = Report("/api/v1/reports/proposals?period=2026", reader)["items"];
    return items.empty() ? "" : items[0]["estimated_savings"].get<std::string>();
  }

  // How many first-contact clocks due in March the reader's timeliness report counts.
  int ClocksCounted(const std::string& reader) {
    const json overall = Report("/api/v1/reports/timeliness?month=2026-03", reader)["overall"];
    return overall["on_time"].get<int>() + overall["late"].get<int>() +
           overall["pending"].get<int>();
  }

  test::ApiHarness harness_;
  domain::Department north_, south_, general_affairs_department_, manufacturing_;
  std::string environmental_;
  domain::User qa_user_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(ReportScopingApiTest, TheClaimsReportCountsOnlyTheClaimsOnCasesTheReaderSees) {
  // Before: every reader got the company-wide 21,300.00.
  EXPECT_EQ(ClaimedAmount("north sales"), "1300.00");
  EXPECT_EQ(ClaimedAmount("south sales"), "20000.00");
  EXPECT_EQ(ClaimedAmount("member"), "");
  EXPECT_EQ(ClaimedAmount("general affairs"), "300.00");
  EXPECT_EQ(ClaimedAmount("manager"), "21300.00");
  EXPECT_EQ(ClaimedAmount("qa"), "21300.00");
}

TEST_F(ReportScopingApiTest, TheProposalsReportCountsOnlyTheProposalsOnCasesTheReaderSees) {
  EXPECT_EQ(EstimatedSavings("north sales"), "1300.00");
  EXPECT_EQ(EstimatedSavings("south sales"), "20000.00");
  EXPECT_EQ(EstimatedSavings("member"), "");
  EXPECT_EQ(EstimatedSavings("general affairs"), "300.00");
  EXPECT_EQ(EstimatedSavings("manager"), "21300.00");
  EXPECT_EQ(EstimatedSavings("qa"), "21300.00");
}

TEST_F(ReportScopingApiTest, TheTimelinessReportCountsOnlyTheClocksOfCasesTheReaderSees) {
  EXPECT_EQ(ClocksCounted("north sales"), 2);
  EXPECT_EQ(ClocksCounted("south sales"), 1);
  EXPECT_EQ(ClocksCounted("member"), 0);
  // Before: general affairs saw none of the environmental case's clocks.
  EXPECT_EQ(ClocksCounted("general affairs"), 1);
  EXPECT_EQ(ClocksCounted("manager"), 3);
  EXPECT_EQ(ClocksCounted("qa"), 3);
}

TEST_F(ReportScopingApiTest, TheQualityLedgerListsOnlyTheReportsOfCasesTheReaderSees) {
  CloseEnvironmental(environmental_);
  CloseEnvironmental(File(south_.id, "environmental", "13800000004", "40"));
  EXPECT_EQ(LedgerRows("north sales"), 1u);
  EXPECT_EQ(LedgerRows("south sales"), 1u);
  // The responsible department sees the reports that name it.
  EXPECT_EQ(LedgerRows("member"), 2u);
  EXPECT_EQ(LedgerRows("general affairs"), 2u);
  EXPECT_EQ(LedgerRows("manager"), 2u);
  EXPECT_EQ(LedgerRows("qa"), 2u);
}

}  // namespace
}  // namespace lt
