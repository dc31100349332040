// SMS lengths as networks and gateways count them, the split of long texts,
// and the gateway's request template.

#include "domain/sms.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/utf8.hpp"

namespace lt::domain {
namespace {

std::string Repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(SmsLength, GsmTextsTake160AloneAnd153PerPart) {
  EXPECT_EQ(MeasureSms("").parts, 0u);
  const SmsLength short_text = MeasureSms(Repeat("a", 160));
  EXPECT_EQ(short_text.alphabet, SmsAlphabet::kGsm7);
  EXPECT_EQ(short_text.units, 160u);
  EXPECT_EQ(short_text.parts, 1u);
  EXPECT_EQ(MeasureSms(Repeat("a", 161)).parts, 2u);
  EXPECT_EQ(MeasureSms(Repeat("a", 306)).parts, 2u);
  EXPECT_EQ(MeasureSms(Repeat("a", 307)).parts, 3u);
  // The extension table takes an escape and a character; é and £ are basic.
  EXPECT_EQ(MeasureSms("{€}").units, 6u);
  EXPECT_EQ(MeasureSms("café £5").alphabet, SmsAlphabet::kGsm7);
  EXPECT_EQ(MeasureSms("café £5").units, 7u);
}

TEST(SmsLength, ChineseTextsTake70AloneAnd67PerPart) {
  const SmsLength one = MeasureSms(Repeat("空", 70));
  EXPECT_EQ(one.alphabet, SmsAlphabet::kUcs2);
  EXPECT_EQ(one.units, 70u);
  EXPECT_EQ(one.parts, 1u);
  EXPECT_EQ(MeasureSms(Repeat("空", 71)).parts, 2u);
  EXPECT_EQ(MeasureSms(Repeat("空", 134)).parts, 2u);
  EXPECT_EQ(MeasureSms(Repeat("空", 135)).parts, 3u);
  // One Chinese character turns a Latin text into UCS-2.
  EXPECT_EQ(MeasureSms(Repeat("a", 100) + "。").parts, 2u);
  // A character outside the BMP is a surrogate pair: two units, never split.
  EXPECT_EQ(MeasureSms("👍").units, 2u);
  EXPECT_EQ(MeasureSms(Repeat("空", 66) + "👍").parts, 1u);
  EXPECT_EQ(MeasureSms(Repeat("空", 69) + "👍").parts, 2u);
}

TEST(SmsSplit, ALongTextBecomesSeveralThatEachFitAndLoseNothing) {
  const std::string sentence = "您的空调维修已安排，师傅明天上午九点上门，请保持电话畅通。";
  const std::string text = Repeat(sentence, 20);  // 580 characters
  EXPECT_EQ(SplitSms(text, 10), std::vector<std::string>{text});
  const auto pieces = SplitSms(text, 2);
  ASSERT_GT(pieces.size(), 4u);
  std::string joined;
  for (const auto& piece : pieces) {
    EXPECT_LE(MeasureSms(piece).parts, 2u) << piece;
    EXPECT_TRUE(IsValidUtf8(piece));
    joined += piece;
  }
  EXPECT_EQ(joined, text);
  // Cut at the end of a sentence where one is near the limit.
  for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
    EXPECT_EQ(pieces[i].substr(pieces[i].size() - 3), "。") << pieces[i];
  }
}

TEST(SmsSplit, NeverCutsACharacterOrAPairAndKeepsSingleTextsWhole) {
  const std::string emoji = Repeat("好👍", 100);
  for (const auto& piece : SplitSms(emoji, 1)) {
    EXPECT_TRUE(IsValidUtf8(piece));
    EXPECT_EQ(MeasureSms(piece).parts, 1u);
  }
  const auto words = SplitSms(Repeat("word ", 100), 1);
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[0].back(), 'd');  // cut at a space, which is dropped
  EXPECT_LE(MeasureSms(words[0]).units, 160u);
}

TEST(SmsBodyTemplate, IsCheckedForPlaceholdersAndJson) {
  EXPECT_TRUE(CheckSmsBodyTemplate(SmsBodyFormat::kJson, SmsGateway{}.body_template).ok());
  EXPECT_TRUE(CheckSmsBodyTemplate(SmsBodyFormat::kForm,
                                   "PhoneNumbers=${to_national}&SignName=聆听&Text=${text}")
                  .ok());
  const auto key_of = [](SmsBodyFormat format, const std::string& body) {
    const Status checked = CheckSmsBodyTemplate(format, body);
    return checked.ok() ? std::string("ok") : checked.error().fields.at(0).key;
  };
  EXPECT_EQ(key_of(SmsBodyFormat::kJson, "  "), "validation.required");
  EXPECT_EQ(key_of(SmsBodyFormat::kJson, R"({"to":"${to}","text":"${body}"})"),
            "validation.sms_placeholder");
  EXPECT_EQ(key_of(SmsBodyFormat::kJson, R"({"to":"${to}","text":"${text")"),
            "validation.sms_placeholder");
  EXPECT_EQ(key_of(SmsBodyFormat::kJson, R"({"text":"${text}"})"), "validation.sms_needs");
  EXPECT_EQ(key_of(SmsBodyFormat::kJson, R"({"to":"${to}"})"), "validation.sms_needs");
  // A placeholder outside quotes does not make JSON.
  EXPECT_EQ(key_of(SmsBodyFormat::kJson, R"({"to":${to},"text":"${text}"})"),
            "validation.sms_json");
}

TEST(SmsBodyTemplate, FillsValuesEscapedForTheFormat) {
  const SmsFields fields{"+8613812345678", "王先生：\n师傅\"明天\"到 & 修好",
                         "lt-TS-2026-000001-7"};
  const std::string json = FillSmsBody(
      SmsBodyFormat::kJson,
      R"({"mobile":"${to_national}","to":"${to}","content":"${text}","id":"${reference}"})",
      fields);
  const auto parsed = nlohmann::json::parse(json);
  EXPECT_EQ(parsed["mobile"], "13812345678");
  EXPECT_EQ(parsed["to"], "+8613812345678");
  EXPECT_EQ(parsed["content"], fields.text);
  EXPECT_EQ(parsed["id"], "lt-TS-2026-000001-7");
  EXPECT_EQ(
      FillSmsBody(SmsBodyFormat::kForm, "to=${to}&text=${text}", {"+14155550100", "a b&c=好", ""}),
      "to=%2B14155550100&text=a+b%26c%3D%E5%A5%BD");
  EXPECT_EQ(FillSmsBody(SmsBodyFormat::kForm, "n=${to_national}", {"+14155550100", "", ""}),
            "n=14155550100");
}

}  // namespace
}  // namespace lt::domain
