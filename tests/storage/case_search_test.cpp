// The q search over subjects and descriptions, with real Chinese review text.

#include <gtest/gtest.h>

#include <fstream>

#include "app/cases.hpp"
#include "app/customers.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

class CaseSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"空调外壳开裂", "客户反映新买的空调外壳开裂，要求换货。"},
        {"断路器频繁跳闸", "家里的断路器一开空调就跳闸。"},
        {"热水器漏电", "洗澡时热水器外壳漏电，非常危险！"},
        {"Washer LEAKS water", "The washing machine leaks water after the spin cycle."},
        {"ＫＦＲ－35GW 噪音大", "室外机噪音大，邻居投诉。"},
        {"冰箱裂了", "冰箱门裂开一条缝。"},
    };
    for (const auto& [subject, description] : cases) Create(subject, description);
  }

  void Create(const std::string& subject, const std::string& description) {
    app::CreateCaseInput input;
    input.subject = subject;
    input.description = description;
    input.customer = app::CustomerInput{
        "张伟", domain::CustomerKind::kConsumer, {"13800000001"}, {}, "", "", {}};
    auto created =
        app::CreateCase(*store_.context, domain::Principal::System(), input, std::nullopt);
    ASSERT_TRUE(created.ok()) << test::Describe(created.error());
  }

  std::vector<std::string> Search(const std::string& query) {
    domain::CaseFilter filter;
    filter.query = query;
    filter.limit = 100;
    auto page = app::ListCases(*store_.context, domain::Principal::System(), filter);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : test::Describe(page.error()));
    std::vector<std::string> subjects;
    if (page.ok()) {
      for (const auto& c : page->cases) subjects.push_back(c.subject);
      std::sort(subjects.begin(), subjects.end());
    }
    return subjects;
  }

  test::TestStore store_;
};

using Subjects = std::vector<std::string>;

TEST_F(CaseSearchTest, FindsTwoCharacterChineseWords) {
  EXPECT_EQ(Search("开裂"), (Subjects{"空调外壳开裂"}));
  EXPECT_EQ(Search("跳闸"), (Subjects{"断路器频繁跳闸"}));
  EXPECT_EQ(Search("漏电"), (Subjects{"热水器漏电"}));
}

TEST_F(CaseSearchTest, FindsSingleCharactersAndLongerPhrasesAsSubstrings) {
  EXPECT_EQ(Search("裂"),
            (Subjects{"冰箱裂了", "空调外壳开裂"}));  // inside a bigram, and a run's end
  EXPECT_EQ(Search("冷"), Subjects{});
  EXPECT_EQ(Search("跳"), (Subjects{"断路器频繁跳闸"}));  // only ever the start of a bigram
  EXPECT_EQ(Search("繁跳闸"), (Subjects{"断路器频繁跳闸"}));
  EXPECT_EQ(Search("35GW噪"), (Subjects{"ＫＦＲ－35GW 噪音大"}));
  EXPECT_EQ(Search("外壳开裂"), (Subjects{"空调外壳开裂"}));
  EXPECT_EQ(Search("裂空"), Subjects{});  // both characters occur, but never next to each other
}

TEST_F(CaseSearchTest, RequiresEveryWordAndSearchesDescriptions) {
  EXPECT_EQ(Search("空调 跳闸"), (Subjects{"断路器频繁跳闸"}));
  EXPECT_EQ(Search("邻居"), (Subjects{"ＫＦＲ－35GW 噪音大"}));
}

TEST_F(CaseSearchTest, IgnoresCaseAndFullWidthInLatinText) {
  EXPECT_EQ(Search("leaks"), (Subjects{"Washer LEAKS water"}));
  EXPECT_EQ(Search("kfr"), (Subjects{"ＫＦＲ－35GW 噪音大"}));
  EXPECT_EQ(Search("ＷＡＳＨＥＲ"), (Subjects{"Washer LEAKS water"}));
}

TEST_F(CaseSearchTest, SeesEditedSubjects) {
  domain::CaseFilter filter;
  filter.query = "冰箱";
  auto page = app::ListCases(*store_.context, domain::Principal::System(), filter);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->cases.size(), 1u);
  app::CasePatch patch;
  patch.subject = "冷柜门变形";
  patch.description = "门封条变形";
  ASSERT_TRUE(app::UpdateCase(*store_.context, domain::Principal::System(), page->cases[0].id,
                              patch, std::nullopt)
                  .ok());
  EXPECT_EQ(Search("冰箱"), Subjects{});
  EXPECT_EQ(Search("变形"), (Subjects{"冷柜门变形"}));
}

TEST_F(CaseSearchTest, RefusesAQueryWithNothingToSearch) {
  domain::CaseFilter filter;
  filter.query = "！？，";
  auto page = app::ListCases(*store_.context, domain::Principal::System(), filter);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().fields.at(0).field, "q");
}

// Over 2,000 matches the store walks the received_at index instead of sorting
// the matches; both plans must return exactly the newest matching cases.
TEST(CaseSearchPlans, FrequentWordsReturnTheNewestMatchesWithAndWithoutFilters) {
  test::TestStore store;
  const auto east = store.AddDepartment("EAST", "华东");
  const auto west = store.AddDepartment("WEST", "华西");
  const domain::Id customer = [&] {
    app::CustomerInput input;
    input.name = "批量客户";
    input.phones = {"13800000077"};
    return app::CreateCustomer(*store.context, domain::Principal::System(), input)->id;
  }();
  constexpr int kCases = 2300;
  for (int i = 0; i < kCases; ++i) {
    app::CreateCaseInput input;
    input.subject = (i % 10 == 9 ? "断路器跳闸 " : "外壳开裂 ") + std::to_string(i);
    input.customer_id = customer;
    input.department_id = i % 2 ? east.id : west.id;
    // Received out of filing order, so id order and received order differ.
    input.received_at = test::kTestNow - ((i * 7919) % kCases) * 1000;
    ASSERT_TRUE(
        app::CreateCase(*store.context, domain::Principal::System(), input, std::nullopt).ok());
  }
  auto expected = [&](std::optional<domain::Id> department) {
    std::vector<std::pair<TimestampMs, int>> matches;
    for (int i = 0; i < kCases; ++i) {
      if (i % 10 == 9) continue;
      if (department && (i % 2 ? east.id : west.id) != *department) continue;
      matches.emplace_back(test::kTestNow - ((i * 7919) % kCases) * 1000, i);
    }
    std::sort(matches.rbegin(), matches.rend());
    std::vector<std::string> subjects;
    for (std::size_t k = 0; k < 60 && k < matches.size(); ++k)
      subjects.push_back("外壳开裂 " + std::to_string(matches[k].second));
    return subjects;
  };
  auto search = [&](std::optional<domain::Id> department) {
    domain::CaseFilter filter;
    filter.query = "开裂";
    filter.department_id = department;
    filter.limit = 50;
    std::vector<std::string> subjects;
    for (int page = 0; page < 2; ++page) {
      auto result = app::ListCases(*store.context, domain::Principal::System(), filter);
      EXPECT_TRUE(result.ok());
      if (!result.ok()) break;
      for (const auto& c : result->cases) subjects.push_back(c.subject);
      filter.after = result->next;
      filter.limit = 10;
    }
    return subjects;
  };
  EXPECT_EQ(search(std::nullopt), expected(std::nullopt));  // 2,070 matches: the index walk
  EXPECT_EQ(search(east.id), expected(east.id));            // the walk, also checking the filter
}

// Real negative product reviews (SophonPlus online_shopping_10_cats, see
// tests/fixtures/README.md): every one that contains 死机 is found by it.
TEST_F(CaseSearchTest, MatchesSubstringSearchOnRealReviews) {
  std::ifstream in(LINGTING_SOURCE_DIR "/tests/fixtures/reviews_zh_sample.txt");
  ASSERT_TRUE(in) << "fixture missing";
  std::string line;
  int expected = 0;
  int lines = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::size_t cut = std::min<std::size_t>(line.size(), 60);
    while (cut < line.size() && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
      --cut;  // whole characters
    Create(line.substr(0, cut), line);
    if (line.find("死机") != std::string::npos) ++expected;
    ++lines;
  }
  ASSERT_GT(lines, 50);
  ASSERT_GT(expected, 0);
  EXPECT_EQ(static_cast<int>(Search("死机").size()), expected);
}

}  // namespace
}  // namespace lt
