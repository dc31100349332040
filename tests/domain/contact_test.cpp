#include "domain/contact.hpp"

#include <gtest/gtest.h>

namespace lt::domain {
namespace {

TEST(NormalizePhone, RecognisesOneMobileNumberWrittenManyWays) {
  const char* ways[] = {
      "13812345678",       "138 1234 5678",          "138-1234-5678",
      "+86 138 1234 5678", "0086 13812345678",       "8613812345678",
      "(+86)13812345678",  "１３８１２３４５６７８", "＋８６　１３８１２３４５６７８"};
  for (const char* way : ways) EXPECT_EQ(NormalizePhone(way), "+8613812345678") << way;
}

TEST(NormalizePhone, ReadsMainlandLandlinesWithTrunkZero) {
  EXPECT_EQ(NormalizePhone("010-8888 6666"), "+861088886666");
  EXPECT_EQ(NormalizePhone("0755-26881234"), "+8675526881234");
  EXPECT_EQ(NormalizePhone("+86 10 8888 6666"), "+861088886666");
  EXPECT_EQ(NormalizePhone("+86 010 8888 6666"), "+861088886666");
}

TEST(NormalizePhone, KeepsOtherCountriesInInternationalForm) {
  EXPECT_EQ(NormalizePhone("+1 (415) 555-0100"), "+14155550100");
  EXPECT_EQ(NormalizePhone("+852 2345 6789"), "+85223456789");
  EXPECT_EQ(NormalizePhone("00886 2 2345 6789"), "+886223456789");
}

TEST(NormalizePhone, RejectsWhatIsNotAPhoneNumber) {
  for (const char* bad : {"", "12345", "call me", "138123456789012345", "+0 123 4567 890",
                          "1381234567a", "++8613812345678"}) {
    EXPECT_EQ(NormalizePhone(bad), std::nullopt) << bad;
  }
}

TEST(NormalizeEmail, CaseFoldsAndTrims) {
  EXPECT_EQ(NormalizeEmail("  Li.Wei@Example.COM "), "li.wei@example.com");
  EXPECT_EQ(NormalizeEmail("zhang@qq.com"), "zhang@qq.com");
}

TEST(NormalizeEmail, RejectsMalformedAddresses) {
  for (const char* bad : {"", "no-at-sign", "two@@example.com", "a@b", "a@.com", "a@example.",
                          "a b@example.com", "@example.com", "a@example..com", "x@y@z.com"}) {
    EXPECT_EQ(NormalizeEmail(bad), std::nullopt) << bad;
  }
}

TEST(MaskContact, HidesTheMiddleOfANumberAndMostOfAnAddress) {
  EXPECT_EQ(MaskPhone("+8613812345678"), "+86138****5678");
  EXPECT_EQ(MaskPhone("+861088886666"), "+8610****6666");
  EXPECT_EQ(MaskPhone("+4412345"), "+***2345");
  EXPECT_EQ(MaskPhone("123"), "***");
  EXPECT_EQ(MaskEmail("li.wei@example.com"), "l***@example.com");
  EXPECT_EQ(MaskEmail("nonsense"), "***");
}

}  // namespace
}  // namespace lt::domain
