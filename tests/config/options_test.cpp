#include "config/options.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "support/test_env.hpp"

namespace lt::config {
namespace {

std::string WriteConfig(const test::TempDir& directory, const std::string& text) {
  const std::string path = (directory.path() / "lingting.toml").string();
  std::ofstream(path) << text;
  return path;
}

TEST(LoadOptions, UsesDocumentedDefaultsWithoutAFile) {
  auto options = LoadOptions(std::nullopt);
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->store.url, "sqlite:var/lingting.db");
  EXPECT_EQ(options->store.durability, "normal");
  EXPECT_EQ(options->server.listen, "127.0.0.1:8080");
  EXPECT_EQ(options->server.header_timeout_seconds, 10);
}

TEST(LoadOptions, ReadsTheFileAndLetsTheEnvironmentOverrideIt) {
  test::TempDir directory;
  const auto path = WriteConfig(
      directory, "[server]\nlisten = \"0.0.0.0:9000\"\n[store]\ndurability = \"full\"\n");
  ::setenv("LINGTING_SERVER_LISTEN", "127.0.0.1:9100", 1);
  auto options = LoadOptions(path);
  ::unsetenv("LINGTING_SERVER_LISTEN");
  ASSERT_TRUE(options.ok()) << test::Describe(options.error());
  EXPECT_EQ(options->server.listen, "127.0.0.1:9100");
  EXPECT_EQ(options->store.durability, "full");
}

TEST(LoadOptions, RefusesUnknownKeysWrongTypesAndBadValues) {
  test::TempDir directory;
  for (const char* text :
       {"[server]\nlisten_on = \"x\"\n", "[server]\nthreads = \"many\"\n",
        "[store]\ndurability = \"sometimes\"\n", "[server]\nlisten = \"no-port\"\n",
        "[nonsense]\nkey = 1\n", "[server\n"}) {
    auto options = LoadOptions(WriteConfig(directory, text));
    ASSERT_FALSE(options.ok()) << text;
    EXPECT_EQ(options.error().key, "error.config") << text;
  }
}

TEST(LoadOptions, RefusesABadEnvironmentValue) {
  ::setenv("LINGTING_SERVER_THREADS", "-3", 1);
  auto options = LoadOptions(std::nullopt);
  ::unsetenv("LINGTING_SERVER_THREADS");
  EXPECT_FALSE(options.ok());
}

// docs/configuration.md must document every key the loader accepts.
TEST(Configuration, EveryKeyIsDocumented) {
  std::ifstream doc(LINGTING_SOURCE_DIR "/docs/configuration.md");
  const std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(text.empty());
  std::ifstream loader(LINGTING_SOURCE_DIR "/src/config/options_loader.cpp");
  const std::string source((std::istreambuf_iterator<char>(loader)),
                           std::istreambuf_iterator<char>());
  const std::regex key(R"re(\{"([a-z_]+\.[a-z_]+)", )re");
  int keys = 0;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), key);
       it != std::sregex_iterator(); ++it) {
    EXPECT_NE(text.find("`" + (*it)[1].str() + "`"), std::string::npos) << (*it)[1].str();
    ++keys;
  }
  EXPECT_GE(keys, 15);
}

}  // namespace
}  // namespace lt::config
