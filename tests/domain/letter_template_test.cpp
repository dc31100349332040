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
      LetterKind::kQuality,
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
  EXPECT_EQ(FillLetterTemplate(LetterKind::kQuality,
                               "您好 {customer}\n\n原因：{cause}\n  \n改善对策：\n{countermeasures}"
                               "\n\n\n{reply}\n\n此致",
                               fields),
            "您好 钱伟\n\n我们将为您免费更换内胆。\n\n此致");
}

TEST(LetterTemplate, WritesDoubledBracesAsBraces) {
  EXPECT_EQ(FillLetterTemplate(LetterKind::kQuality, "{{编号}} {number}: {reply}", Fields()),
            "{编号} TS-2026-000123: 我们将为您免费更换内胆。");
  EXPECT_TRUE(CheckLetterTemplate(LetterKind::kQuality, "{{编号}} {reply}").ok());
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
                         Bad{"尊敬的{customer}：", "validation.letter_needs"}}) {
    const Status checked = CheckLetterTemplate(LetterKind::kQuality, bad.body);
    ASSERT_FALSE(checked.ok()) << bad.body;
    ASSERT_EQ(checked.error().fields.size(), 1u);
    EXPECT_EQ(checked.error().fields[0].key, bad.key) << bad.body;
    EXPECT_EQ(checked.error().fields[0].field, "body");
  }
  EXPECT_FALSE(CheckLetterTemplate(LetterKind::kQuality,
                                   std::string(kMaxLetterTemplateChars + 1, 'x') + "{reply}")
                   .ok());
  // Characters, not bytes: a long Chinese template within the limit is fine.
  std::string chinese;
  for (std::size_t i = 0; i < kMaxLetterTemplateChars - 10; ++i) chinese += "字";
  EXPECT_TRUE(CheckLetterTemplate(LetterKind::kQuality, chinese + "{reply}").ok());
}

TEST(LetterTemplate, TheShippedTemplatesAreValidInBothLanguages) {
  for (const auto& [kind, code] : kLetterKindCodes.entries) {
    for (const auto locale : {i18n::Locale::kZhCn, i18n::Locale::kEn}) {
      const std::string body = i18n::Translate(locale, "letter.template." + std::string(code));
      EXPECT_TRUE(CheckLetterTemplate(kind, body).ok()) << body;
    }
  }
}

TEST(LetterTemplate, TheAcknowledgementNeedsTheCaseNumberAndKnowsTheDeadline) {
  EXPECT_TRUE(
      CheckLetterTemplate(LetterKind::kAcknowledgement,
                          "{customer}您好，案件 {number} 已受理，{first_contact_due} 前联系您。")
          .ok());
  const Status without_number =
      CheckLetterTemplate(LetterKind::kAcknowledgement, "{customer}您好，已受理。");
  ASSERT_FALSE(without_number.ok());
  EXPECT_EQ(without_number.error().fields[0].key, "validation.letter_needs");
  EXPECT_EQ(without_number.error().fields[0].args[0].value, "{number}");
  // The reply and the cause belong to the feedback letter, not the acknowledgement...
  const Status with_reply = CheckLetterTemplate(LetterKind::kAcknowledgement, "{number} {reply}");
  ASSERT_FALSE(with_reply.ok());
  EXPECT_EQ(with_reply.error().fields[0].key, "validation.letter_placeholder");
  EXPECT_EQ(with_reply.error().fields[0].args[1].value,
            "{customer}, {number}, {subject}, {first_contact_due}");
  // ...and the deadline to the acknowledgement only.
  EXPECT_FALSE(CheckLetterTemplate(LetterKind::kQuality, "{reply} {first_contact_due}").ok());
  LetterFields fields;
  fields.number = "TS-2026-000123";
  fields.first_contact_due = "2026-03-02 21:30";
  EXPECT_EQ(FillLetterTemplate(LetterKind::kAcknowledgement,
                               "案件 {number}，{first_contact_due} 前联系。", fields),
            "案件 TS-2026-000123，2026-03-02 21:30 前联系。");
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
