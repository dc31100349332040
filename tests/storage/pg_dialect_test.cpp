#include "storage/postgres/pg_dialect.hpp"

#include <gtest/gtest.h>

namespace lt::storage {
namespace {

TEST(BuildSearchVector, StoresBigramsWithPositionsAndKeepsSubjectAndDescriptionApart) {
  // 开裂 (subject) → 开裂:1 裂:2; gap at 3; 漏电 (description) → 漏电:4 电:5.
  EXPECT_EQ(BuildSearchVector("开裂", "漏电"), "'开裂':1 '漏电':4 '电':5 '裂':2");
}

TEST(BuildSearchVector, MergesRepeatedTokensIntoOnePositionList) {
  EXPECT_EQ(BuildSearchVector("it's it", ""), "'it':1,3 's':2");
  EXPECT_EQ(BuildSearchVector("O'Brien", ""), "'brien':2 'o':1");
}

TEST(BuildSearchQuery, MakesEachWordAPhraseAndASingleCjkCharacterAPrefix) {
  EXPECT_EQ(BuildSearchQuery("开裂"), "('开裂')");
  EXPECT_EQ(BuildSearchQuery("产品开裂 裂"), "('产品' <-> '品开' <-> '开裂') & ('裂':*)");
  EXPECT_EQ(BuildSearchQuery("E-Mail"), "('e' <-> 'mail')");
  EXPECT_EQ(BuildSearchQuery("  ，。 "), "");
}

}  // namespace
}  // namespace lt::storage
