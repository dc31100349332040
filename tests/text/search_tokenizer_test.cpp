#include "text/search_tokenizer.hpp"

#include <gtest/gtest.h>

namespace lt::text {
namespace {

using Tokens = std::vector<std::string>;

TEST(Tokenize, IndexesChineseAsBigramsAndTheLastCharacterOfEachRun) {
  EXPECT_EQ(TokenTexts("外壳开裂", TokenizeMode::kIndex), (Tokens{"外壳", "壳开", "开裂", "裂"}));
  EXPECT_EQ(TokenTexts("纸A4纸张", TokenizeMode::kIndex), (Tokens{"纸", "a4", "纸张", "张"}));
  std::vector<SearchToken> tokens;
  Tokenize("外壳", TokenizeMode::kIndex,
           [&](const SearchToken& token) { tokens.push_back(token); });
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].start, 0);
  EXPECT_EQ(tokens[0].end, 6);
  EXPECT_EQ(tokens[1].start, 3);
}

TEST(IsSingleCjkCharacter, MarksTokensThatMayBeginABigram) {
  EXPECT_TRUE(IsSingleCjkCharacter("裂"));
  EXPECT_FALSE(IsSingleCjkCharacter("开裂"));
  EXPECT_FALSE(IsSingleCjkCharacter("a"));
  EXPECT_FALSE(IsSingleCjkCharacter(""));
  EXPECT_FALSE(IsSingleCjkCharacter("\xE8\xA3"));  // truncated UTF-8
}

TEST(Tokenize, QueriesChineseAsTheBigramSequence) {
  EXPECT_EQ(TokenTexts("开裂", TokenizeMode::kQuery), (Tokens{"开裂"}));
  EXPECT_EQ(TokenTexts("外壳开裂", TokenizeMode::kQuery), (Tokens{"外壳", "壳开", "开裂"}));
  EXPECT_EQ(TokenTexts("裂", TokenizeMode::kQuery), (Tokens{"裂"}));
}

TEST(Tokenize, FoldsCaseAndFullWidthForms) {
  EXPECT_EQ(TokenTexts("ＫＦＲ－35GW Noise", TokenizeMode::kQuery),
            (Tokens{"kfr", "35gw", "noise"}));
  EXPECT_EQ(TokenTexts("DZ47-63跳闸", TokenizeMode::kQuery), (Tokens{"dz47", "63", "跳闸"}));
}

TEST(Tokenize, SplitsMixedScriptsAndSkipsPunctuation) {
  EXPECT_EQ(TokenTexts("空调A4，漏水！", TokenizeMode::kQuery), (Tokens{"空调", "a4", "漏水"}));
  EXPECT_TRUE(TokenTexts("，。！？ --", TokenizeMode::kQuery).empty());
}

TEST(Tokenize, SkipsInvalidUtf8) {
  EXPECT_EQ(TokenTexts("ab\xFF\xFE"
                       "cd",
                       TokenizeMode::kQuery),
            (Tokens{"ab", "cd"}));
}

}  // namespace
}  // namespace lt::text
