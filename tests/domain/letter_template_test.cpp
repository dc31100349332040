#include "domain/letter_template.hpp"

#include <gtest/gtest.h>

#include "i18n/i18n.hpp"

namespace lt::domain {
namespace {

LetterFields Fields() {
  LetterFields fields;
  fields.customer = "钱伟";
  fields.number = "TS-2026-000123";
  fields.subject = "电饭煲内胆涂层脱落";
  fields.cause = "喷涂温度偏低";
  fields.countermeasures = "- 喷涂温度提高到 180℃\n- 增加附着力抽检";
  fields.reply = "我们将为您免费更换内胆。";
  return fields;
}

TEST(LetterTemplate, FillsEveryPlaceholderAndKeepsParagraphs) {
  const std::string letter = FillLetterTemplate(
      "尊敬的{customer}：\n\n关于“{subject}”（{number}）：\n\n原因：{cause}\n\n{countermeasures}"
      "\n\n"
      "{reply}",
      Fields());
  EXPECT_EQ(letter,
            "尊敬的钱伟：\n\n关于“电饭煲内胆涂层脱落”（TS-2026-000123）：\n\n原因：喷涂温度偏低\n\n"
            "- 喷涂温度提高到 180℃\n- 增加附着力抽检\n\n我们将为您免费更换内胆。");
}

TEST(LetterTemplate, LeavesOutAParagraphWhoseCauseOrCountermeasuresAreMissing) {
  LetterFields fields = Fields();
  fields.cause.clear();
  fields.countermeasures.clear();
  EXPECT_EQ(FillLetterTemplate("您好 {customer}\n\n原因：{cause}\n  \n改善对策：\n{countermeasures}"
                               "\n\n\n{reply}\n\n此致",
                               fields),
            "您好 钱伟\n\n我们将为您免费更换内胆。\n\n此致");
}

TEST(LetterTemplate, WritesDoubledBracesAsBraces) {
  EXPECT_EQ(FillLetterTemplate("{{编号}} {number}: {reply}", Fields()),
            "{编号} TS-2026-000123: 我们将为您免费更换内胆。");
  EXPECT_TRUE(CheckLetterTemplate("{{编号}} {reply}").ok());
}

TEST(LetterTemplate, RefusesUnknownPlaceholdersStrayBracesAndATemplateWithoutTheReply) {
  struct Bad {
    const char* body;
    const char* key;
  };
  for (const Bad& bad : {Bad{"", "validation.required"}, Bad{" \n ", "validation.required"},
                         Bad{"{customer} {amount} {reply}", "validation.letter_placeholder"},
                         Bad{"{reply} {customer", "validation.letter_placeholder"},
                         Bad{"{reply} }", "validation.letter_placeholder"},
                         Bad{"尊敬的{customer}：", "validation.letter_needs_reply"}}) {
    const Status checked = CheckLetterTemplate(bad.body);
    ASSERT_FALSE(checked.ok()) << bad.body;
    ASSERT_EQ(checked.error().fields.size(), 1u);
    EXPECT_EQ(checked.error().fields[0].key, bad.key) << bad.body;
    EXPECT_EQ(checked.error().fields[0].field, "body");
  }
  EXPECT_FALSE(CheckLetterTemplate(std::string(kMaxLetterTemplateChars + 1, 'x') + "{reply}").ok());
  // Characters, not bytes: a long Chinese template within the limit is fine.
  std::string chinese;
  for (std::size_t i = 0; i < kMaxLetterTemplateChars - 10; ++i) chinese += "字";
  EXPECT_TRUE(CheckLetterTemplate(chinese + "{reply}").ok());
}

TEST(LetterTemplate, TheShippedTemplatesAreValidInBothLanguages) {
  for (const auto& [kind, code] : kLetterKindCodes.entries) {
    for (const auto locale : {i18n::Locale::kZhCn, i18n::Locale::kEn}) {
      const std::string body = i18n::Translate(locale, "letter.template." + std::string(code));
      EXPECT_TRUE(CheckLetterTemplate(body).ok()) << body;
    }
  }
}

TEST(LetterTemplate, EnvironmentalComplaintsGetTheEnvironmentalLetter) {
  Case a_case;
  a_case.origin_class = OriginClass::kEnvironmental;
  EXPECT_EQ(LetterKindOf(a_case), LetterKind::kEnvironmental);
  a_case.origin_class = OriginClass::kOtherFactory;
  EXPECT_EQ(LetterKindOf(a_case), LetterKind::kQuality);
}

}  // namespace
}  // namespace lt::domain
