#include "i18n/i18n.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "i18n/catalog.hpp"

namespace lt::i18n {
namespace {

TEST(NegotiateLocale, HonoursQualityValues) {
  EXPECT_EQ(NegotiateLocale("en-US,en;q=0.9"), Locale::kEn);
  EXPECT_EQ(NegotiateLocale("zh-CN,zh;q=0.9,en;q=0.8"), Locale::kZhCn);
  EXPECT_EQ(NegotiateLocale("fr-FR, en;q=0.5, zh;q=0.7"), Locale::kZhCn);
  EXPECT_EQ(NegotiateLocale("fr-FR"), Locale::kZhCn);
  EXPECT_EQ(NegotiateLocale("fr-FR", Locale::kEn), Locale::kEn);
  EXPECT_EQ(NegotiateLocale(""), Locale::kZhCn);
}

TEST(Translate, SubstitutesArgumentsInEitherLanguage) {
  EXPECT_EQ(Translate(Locale::kEn, "validation.too_long", {{"max", "300"}}),
            "must be at most 300 characters");
  EXPECT_EQ(Translate(Locale::kZhCn, "validation.too_long", {{"max", "300"}}),
            "长度不能超过 300 个字符");
}

TEST(Catalog, EveryEntryHasBothLanguagesAndTheSamePlaceholders) {
  std::set<std::string_view> keys;
  const std::regex placeholder(R"(\{[a-z_]+\})");
  for (const CatalogEntry& entry : Catalog()) {
    EXPECT_TRUE(keys.insert(entry.key).second) << "duplicate key " << entry.key;
    EXPECT_FALSE(entry.zh_cn.empty()) << entry.key;
    EXPECT_FALSE(entry.en.empty()) << entry.key;
    auto names = [&](std::string_view text) {
      std::set<std::string> out;
      const std::string copy(text);
      for (auto it = std::sregex_iterator(copy.begin(), copy.end(), placeholder);
           it != std::sregex_iterator(); ++it) {
        out.insert(it->str());
      }
      return out;
    };
    EXPECT_EQ(names(entry.zh_cn), names(entry.en)) << entry.key;
  }
}

// Every message key written in the source ("error.x", "validation.x",
// "cli.x", "word.x") must be in the catalog, in both languages.
TEST(Catalog, HasEveryKeyTheSourceUses) {
  const std::regex key_literal(R"re("((?:error|validation|cli|word)\.[a-z_0-9]+)")re");
  int checked = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(LINGTING_SOURCE_DIR "/src")) {
    if (!entry.is_regular_file() || entry.path().filename() == "catalog.cpp") continue;
    const auto extension = entry.path().extension();
    if (extension != ".cpp" && extension != ".hpp") continue;
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), key_literal);
         it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE(HasKey((*it)[1].str())) << (*it)[1].str() << " used in " << entry.path();
      ++checked;
    }
  }
  EXPECT_GT(checked, 50);
}

}  // namespace
}  // namespace lt::i18n
