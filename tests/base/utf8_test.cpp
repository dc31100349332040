#include "base/utf8.hpp"

#include <gtest/gtest.h>

namespace lt {
namespace {

TEST(IsValidUtf8, AcceptsChineseAndRejectsMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8("产品外壳开裂，要求退货"));
  EXPECT_TRUE(IsValidUtf8("emoji 😀 ok"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE4\xBA"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xB2\xFA\xC6\xB7"));  // GBK bytes for 产品
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST(TruncateCodePoints, CutsBetweenCharactersNeverInside) {
  EXPECT_EQ(TruncateCodePoints("冰箱不制冷", 2), "冰箱");
  EXPECT_EQ(TruncateCodePoints("a冰b", 2), "a冰");
  EXPECT_EQ(TruncateCodePoints("冰箱", 5), "冰箱");
  EXPECT_EQ(TruncateCodePoints("冰箱", 0), "");
}

TEST(CountCodePoints, CountsCharactersNotBytes) {
  EXPECT_EQ(CountCodePoints("开裂"), 2u);
  EXPECT_EQ(CountCodePoints("ab开"), 3u);
}

TEST(TrimSpace, TrimsIdeographicSpaceToo) {
  EXPECT_EQ(TrimSpace("\u3000 漏水 \u3000\n"), "漏水");
  EXPECT_EQ(TrimSpace("   "), "");
}

TEST(HasControlCharacters, AllowsLineBreaksAndTabs) {
  EXPECT_FALSE(HasControlCharacters("line one\r\nline two\tend"));
  EXPECT_TRUE(HasControlCharacters(std::string("nul\0here", 8)));
  EXPECT_TRUE(HasControlCharacters("bell\a"));
}

}  // namespace
}  // namespace lt
