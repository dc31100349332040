#include "text/search_tokenizer.hpp"

#include <gtest/gtest.h>

namespace lt::text {
namespace {

using Tokens = std::vector<std::string>;

TEST(Tokenize, IndexesChineseAsBigramsWithColocatedSingleCharacters) {
  std::vector<SearchToken> tokens;
  Tokenize("外壳开裂", TokenizeMode::kIndex,
           [&](const SearchToken& token) { tokens.push_back(token); });
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].text, "外壳");
  EXPECT_FALSE(tokens[0].colocated);
  EXPECT_EQ(tokens[1].text, "外");
  EXPECT_TRUE(tokens[1].colocated);
  EXPECT_EQ(tokens[4].text, "开裂");
  EXPECT_EQ(tokens[6].text, "裂");
  EXPECT_FALSE(tokens[6].colocated);
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
