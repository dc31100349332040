// The command line, run as an operator would, with exit codes checked.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "support/process.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

class CliTest : public ::testing::Test {
 protected:
  test::CommandResult Run(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), LINGTING_BINARY);
    args.push_back("--db");
    args.push_back(test::TestStoreUrl(directory_.path()));
    return test::RunCommand(args, directory_.path(), input, {{"LANG", "en_US.UTF-8"}});
  }
  std::string Read(const std::string& name) {
    std::ifstream in(directory_.path() / name, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  test::TempDir directory_;
};

TEST_F(CliTest, MigrateReportsTheSchemaVersion) {
  auto result = Run({"migrate"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("schema version 26"), std::string::npos) << result.out;
}

TEST_F(CliTest, AddsAUserWithAPasswordFromStdinAndCreatesATokenForIt) {
  auto added = Run({"user", "add", "--email", "Li.Na@Example.com", "--name", "李娜", "--role",
                    "agent", "--password-stdin"},
                   "a-strong-password\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("li.na@example.com"), std::string::npos);
  auto token = Run({"token", "create", "--user", "li.na@example.com", "--name", "ERP"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  EXPECT_EQ(token.out.rfind("lt_", 0), 0u) << token.out;
  auto duplicate =
      Run({"user", "add", "--email", "li.na@example.com", "--name", "x", "--role", "agent"});
  EXPECT_EQ(duplicate.exit_code, 65);
  EXPECT_NE(duplicate.err.find("in use"), std::string::npos) << duplicate.err;
}

TEST_F(CliTest, RefusesBadUserInputWithExitCodesAndMessages) {
  auto bad_role =
      Run({"user", "add", "--email", "x@example.com", "--name", "x", "--role", "wizard"});
  EXPECT_EQ(bad_role.exit_code, 65);
  EXPECT_NE(bad_role.err.find("--role"), std::string::npos);
  EXPECT_EQ(Run({"user", "add", "--name", "x", "--role", "qa"}).exit_code, 64);
  EXPECT_EQ(Run({"user", "add", "--email", "y@example.com", "--name", "y", "--role", "qa",
                 "--password-stdin"},
                "")
                .exit_code,
            65);
  EXPECT_EQ(Run({"user", "add", "--email", "z@example.com", "--name", "z", "--role", "qa",
                 "--department", "NOPE"})
                .exit_code,
            65);
  auto unknown = Run({"token", "create", "--user", "ghost@example.com"});
  EXPECT_EQ(unknown.exit_code, 66);
  EXPECT_NE(unknown.err.find("ghost@example.com"), std::string::npos);
  EXPECT_EQ(Run({"frobnicate"}).exit_code, 64);
}

TEST_F(CliTest, SpeaksChineseByDefault) {
  auto result = test::RunCommand(
      {LINGTING_BINARY, "migrate", "--db", "sqlite:" + (directory_.path() / "zh.db").string()},
      directory_.path(), "", {{"LANG", "C"}, {"LC_ALL", ""}});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("数据库结构为版本"), std::string::npos) << result.out;
}

TEST_F(CliTest, RefusesUnknownDatabaseUrls) {
  auto result = test::RunCommand({LINGTING_BINARY, "migrate", "--db", "mysql://x", "--lang", "en"},
                                 directory_.path());
  EXPECT_EQ(result.exit_code, 65);
  EXPECT_NE(result.err.find("Unrecognised database URL"), std::string::npos);
}

TEST_F(CliTest, ImportsRealCfpbComplaintsAndExportsThemAgain) {
  auto imported = Run({"import",
                       "cases",
                       LINGTING_SOURCE_DIR "/tests/fixtures/cfpb_sample.csv",
                       "--map",
                       "subject=Issue",
                       "--map",
                       "description=Consumer complaint narrative",
                       "--map",
                       "received_at=Date received",
                       "--map",
                       "product=Product",
                       "--map",
                       "channel=Submitted via",
                       "--map-value",
                       "channel:Web=web",
                       "--map-value",
                       "channel:Phone=phone",
                       "--map-value",
                       "channel:Email=email",
                       "--map-value",
                       "channel:Fax=fax",
                       "--map-value",
                       "channel:Postal mail=letter",
                       "--map-value",
                       "channel:Referral=api",
                       "--anonymous-customer",
                       "CFPB consumer"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("Imported 300 rows, skipped 0"), std::string::npos) << imported.out;
  auto csv = Run({"export", "cases", "--format", "csv", "--output", "cases.csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const std::string exported = Read("cases.csv");
  EXPECT_EQ(exported.rfind("\xEF\xBB\xBFid,number,type", 0), 0u);
  EXPECT_EQ(std::count(exported.begin(), exported.end(), '\n') >= 301, true);
  auto jsonl = Run({"export", "cases", "--format", "jsonl"});
  ASSERT_EQ(jsonl.exit_code, 0);
  std::istringstream lines(jsonl.out);
  std::string line;
  int records = 0;
  std::string first_received;
  while (std::getline(lines, line)) {
    const auto record = nlohmann::json::parse(line);
    if (records == 0) first_received = record["received_at"];
    ++records;
  }
  EXPECT_EQ(records, 300);
  EXPECT_EQ(first_received,
            "2016-06-29T00:00:00.000Z");  // oldest first; the dates come from the file
  EXPECT_EQ(Run({"export", "cases", "--output", "cases.csv"}).exit_code, 65);  // never overwrites
}

TEST_F(CliTest, ImportsComcastTicketsWithADayMonthYearDateFormat) {
  auto imported =
      Run({"import", "cases", LINGTING_SOURCE_DIR "/tests/fixtures/comcast_sample.csv", "--map",
           "subject=Customer Complaint", "--map", "received_at=Date", "--date-format", "%d-%m-%y",
           "--map", "channel=Received Via", "--map-value", "channel:Customer Care Call=phone",
           "--map-value", "channel:Internet=web", "--map", "customer_region=State"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err.substr(0, 2000);
  EXPECT_NE(imported.out.find("Imported 200 rows"), std::string::npos);
}

TEST_F(CliTest, ReadsColumnAndValueMappingsFromAFile) {
  std::ofstream(directory_.path() / "tickets.csv") << "标题,客户,电话,渠道,紧急\n"
                                                   << "插座外壳开裂,张伟,13800000011,电话,是\n"
                                                   << "开关接触不良,李娜,13800000012,微信,否\n";
  std::ofstream(directory_.path() / "mapping.toml") << "[columns]\n"
                                                    << "subject = \"标题\"\n"
                                                    << "customer_name = \"客户\"\n"
                                                    << "customer_phone = \"电话\"\n"
                                                    << "channel = \"渠道\"\n"
                                                    << "urgency = \"紧急\"\n"
                                                    << "[values.channel]\n"
                                                    << "\"电话\" = \"phone\"\n"
                                                    << "\"微信\" = \"social\"\n"
                                                    << "[values.urgency]\n"
                                                    << "\"是\" = \"urgent\"\n"
                                                    << "\"否\" = \"normal\"\n";
  auto imported = Run({"import", "cases", "tickets.csv", "--mapping", "mapping.toml"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto exported = Run({"export", "cases", "--format", "jsonl"});
  std::istringstream lines(exported.out);
  std::string line;
  std::map<std::string, nlohmann::json> by_subject;
  while (std::getline(lines, line)) {
    const auto record = nlohmann::json::parse(line);
    by_subject[record["subject"]] = record;
  }
  ASSERT_EQ(by_subject.size(), 2u);
  EXPECT_EQ(by_subject["插座外壳开裂"]["channel"], "phone");
  EXPECT_EQ(by_subject["插座外壳开裂"]["urgency"], "urgent");
  EXPECT_EQ(by_subject["开关接触不良"]["channel"], "social");
  EXPECT_EQ(by_subject["开关接触不良"]["urgency"], "normal");
  std::ofstream(directory_.path() / "bad.toml") << "[columns]\nsubjekt = \"标题\"\n";
  auto bad = Run({"import", "cases", "tickets.csv", "--mapping", "bad.toml"});
  EXPECT_EQ(bad.exit_code, 65);
  EXPECT_NE(bad.err.find("subjekt"), std::string::npos) << bad.err;
}

TEST_F(CliTest, ReportsBadRowsByLineAndKeepsTheGoodOnes) {
  std::ofstream(directory_.path() / "mixed.csv")
      << "subject,customer_name,customer_phone,urgency,received_at\n"
      << "漏水,张三,13800000001,urgent,2026-01-05\n"
      << ",李四,13800000002,normal,2026-01-05\n"
      << "跳闸,王五,12345,normal,2026-01-05\n"
      << "开裂,赵六,13800000004,extreme,2026-01-05\n"
      << "异响,钱七,13800000005,normal,05/01/2026\n"
      << "\"multi\nline\",孙八,13800000006,normal,2026-01-06\n"
      << "\"never closed,周九,13800000007,normal,2026-01-07\n";
  auto imported = Run({"import", "cases", "mixed.csv"});
  EXPECT_EQ(imported.exit_code, 65);
  EXPECT_NE(imported.out.find("Imported 2 rows, skipped 5"), std::string::npos)
      << imported.out << imported.err;
  for (const char* expected :
       {"Row 3 skipped: ", "subject", "Row 4 skipped", "customer.phone", "Row 5 skipped", "urgency",
        "Row 6 skipped", "received_at", "Row 9 skipped", "never closed"}) {
    EXPECT_NE(imported.err.find(expected), std::string::npos) << expected << "\n" << imported.err;
  }
}

TEST_F(CliTest, ImportsRegulatorReferralsOnceEach) {
  // A 12315 platform export: each row a referral, its number the key.
  std::ofstream(directory_.path() / "12315.csv")
      << "工单编号,投诉人,联系电话,诉求,转办日期,办结期限\n"
      << "3101150020261201001,钱进,13800000021,电热毯漏电,2026-12-01,2026-12-15\n"
      << "3101150020261201002,吴芳,13800000022,充电宝鼓包,2026-12-01,\n"
      << "3101150020261201001,钱进,13800000021,电热毯漏电,2026-12-01,2026-12-15\n";
  const std::vector<std::string> mapping = {
      "--map", "referral_number=工单编号", "--map", "customer_name=投诉人",
      "--map", "customer_phone=联系电话",  "--map", "subject=诉求",
      "--map", "referred_at=转办日期",     "--map", "regulator_due_at=办结期限"};
  std::vector<std::string> args = {"import", "cases", "12315.csv"};
  args.insert(args.end(), mapping.begin(), mapping.end());
  auto imported = Run(args);
  // The third row repeats the first referral: skipped, naming the case.
  EXPECT_EQ(imported.exit_code, 65) << imported.err;
  EXPECT_NE(imported.out.find("Imported 2 rows, skipped 1"), std::string::npos) << imported.out;
  EXPECT_NE(imported.err.find("Row 4 skipped"), std::string::npos) << imported.err;
  auto exported = Run({"export", "cases", "--format", "jsonl"});
  std::istringstream lines(exported.out);
  int referrals = 0;
  for (std::string line; std::getline(lines, line);) {
    const auto record = nlohmann::json::parse(line);
    EXPECT_EQ(record["channel"], "regulator") << line;
    ++referrals;
  }
  EXPECT_EQ(referrals, 2);
}

TEST_F(CliTest, RefusesImportsThatCannotStart) {
  EXPECT_EQ(Run({"import", "cases", "missing.csv"}).exit_code, 66);
  std::ofstream(directory_.path() / "x.csv") << "a,b\n1,2\n";
  auto no_subject = Run({"import", "cases", "x.csv"});
  EXPECT_EQ(no_subject.exit_code, 65);
  EXPECT_NE(no_subject.err.find("subject"), std::string::npos);
  EXPECT_EQ(Run({"import", "cases", "x.csv", "--map", "colour=a"}).exit_code, 65);
  EXPECT_EQ(Run({"import", "cases", "x.csv", "--map", "subject=missing column"}).exit_code, 65);
  EXPECT_EQ(Run({"import", "planets", "x.csv"}).exit_code, 64);
}

TEST_F(CliTest, ImportsCustomers) {
  std::ofstream(directory_.path() / "customers.csv")
      << "name,kind,phone,email,region\n"
      << "华强电器,dealer,0755-88881234,buy@huaqiang.example.cn,广东省深圳市\n"
      << "Ada Lovelace,consumer,+44 20 7946 0958,ada@example.com,London\n"
      << "重复,consumer,0755-8888 1234,,\n";
  auto imported = Run({"import", "customers", "customers.csv"});
  EXPECT_EQ(imported.exit_code, 65);
  EXPECT_NE(imported.out.find("Imported 2 rows, skipped 1"), std::string::npos) << imported.out;
  EXPECT_NE(imported.err.find("belongs to another customer"), std::string::npos) << imported.err;
}

TEST_F(CliTest, BacksUpAConsistentCopyAndGeneratesDemoData) {
  auto demo = Run({"demo", "--cases", "60", "--seed", "7"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_NE(demo.out.find("Generated 60 demo cases"), std::string::npos);
  auto backup = Run({"backup", "--to", "copy.db"});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  // The copy must be a whole store: restore it where needed and read it back.
  std::string copy_url = "sqlite:copy.db";
  test::TempDir restored;
  if (test::UsingPostgres()) {
    copy_url = test::TestStoreUrl(restored.path());
    auto restore = test::RunCommand({"/usr/bin/pg_restore", "--clean", "--if-exists", "--no-owner",
                                     "--dbname=" + copy_url, "copy.db"},
                                    directory_.path());
    ASSERT_EQ(restore.exit_code, 0) << restore.err;
  }
  auto exported =
      test::RunCommand({LINGTING_BINARY, "export", "cases", "--db", copy_url}, directory_.path());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(std::count(exported.out.begin(), exported.out.end(), '\n'), 60);
  EXPECT_EQ(Run({"backup", "--to", "copy.db"}).exit_code, 65);
}

TEST_F(CliTest, DemoDataForBenchmarksLeavesEveryCaseOpen) {
  ASSERT_EQ(Run({"demo", "--cases", "200", "--seed", "7", "--all-open"}).exit_code, 0);
  auto exported = Run({"export", "cases"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(std::count(exported.out.begin(), exported.out.end(), '\n'), 200);
  EXPECT_EQ(exported.out.find(R"("status":"closed")"), std::string::npos);
  EXPECT_EQ(exported.out.find(R"("status":"resolved")"), std::string::npos);
  // Without the flag, most cases older than 45 days are settled.
  ASSERT_EQ(Run({"demo", "--cases", "200", "--seed", "7"}).exit_code, 0);
  EXPECT_NE(Run({"export", "cases"}).out.find(R"("status":"closed")"), std::string::npos);
}

}  // namespace
}  // namespace lt
