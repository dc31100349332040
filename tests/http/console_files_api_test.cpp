// The web console's built files served at / beside the API.

#include <gtest/gtest.h>

#include <fstream>

#include "support/api_harness.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

void Write(const std::filesystem::path& file, const std::string& content) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
}

class ConsoleFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto root = directory_.path() / "dist";
    Write(root / "index.html", "<!doctype html><title>聆听</title><div id=app></div>");
    Write(root / "favicon.ico", "ico");
    Write(root / "assets" / "index-3f2a9c.js", "console.log('聆听')");
    Write(root / "assets" / "index-3f2a9c.js.gz", "GZIPPED");
    Write(root / "assets" / "index-3f2a9c.js.br", "BROTLI");
    Write(directory_.path() / "secret.txt", "outside the console");
    harness_.services.options.console_root = root;
  }

  test::TempDir directory_;
  test::ApiHarness harness_;
};

TEST_F(ConsoleFilesTest, TheRootAndTheApplicationsOwnRoutesAnswerWithItsPage) {
  for (const std::string path : {"/", "/cases/12", "/queues/mine", "/login"}) {
    auto page = harness_.Call("GET", path);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_NE(page.raw.find("<title>聆听</title>"), std::string::npos) << path;
    EXPECT_EQ(page.Header("Content-Type").rfind("text/html", 0), 0u) << page.Header("Content-Type");
    EXPECT_EQ(page.Header("Cache-Control"), "no-cache");
    const std::string policy = page.Header("Content-Security-Policy");
    EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
    EXPECT_EQ(page.Header("X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(ConsoleFilesTest, HashedAssetsAreCachedForAYearAndSentPrecompressedWhenAccepted) {
  const std::string asset = "/assets/index-3f2a9c.js";
  auto plain = harness_.Call("GET", asset);
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.raw, "console.log('聆听')");
  EXPECT_EQ(plain.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(plain.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(plain.Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(plain.Header("Content-Encoding"), "");

  auto gzipped = harness_.Call("GET", asset, "", "", {{"Accept-Encoding", "gzip, deflate"}});
  EXPECT_EQ(gzipped.raw, "GZIPPED");
  EXPECT_EQ(gzipped.Header("Content-Encoding"), "gzip");
  auto brotli = harness_.Call("GET", asset, "", "", {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(brotli.raw, "BROTLI");
  EXPECT_EQ(brotli.Header("Content-Encoding"), "br");
  auto refused = harness_.Call("GET", asset, "", "", {{"Accept-Encoding", "br;q=0, identity"}});
  EXPECT_EQ(refused.raw, "console.log('聆听')");
  // A quality above zero still accepts ("q=0.5" is not "q=0").
  auto weighted = harness_.Call("GET", asset, "", "", {{"Accept-Encoding", "gzip;q=0.5"}});
  EXPECT_EQ(weighted.raw, "GZIPPED");

  // A file outside assets/ must be revalidated.
  EXPECT_EQ(harness_.Call("GET", "/favicon.ico").Header("Cache-Control"), "no-cache");
}

TEST_F(ConsoleFilesTest, MissingFilesPathsOutOfTheRootAndTheApiAreNotThePage) {
  for (const std::string path :
       {"/assets/missing-000000.js", "/../secret.txt", "/assets/../../secret.txt",
        "/api/v1/nothing-here", "/robots.txt"}) {
    auto answer = harness_.Call("GET", path);
    EXPECT_EQ(answer.status, 404) << path;
    EXPECT_EQ(answer.Header("Content-Type"), "application/problem+json") << path;
    EXPECT_EQ(answer.raw.find("outside the console"), std::string::npos) << path;
  }
  // The API is unchanged beside the console.
  EXPECT_EQ(harness_.Call("GET", "/api/v1/cases").status, 401);
  EXPECT_EQ(harness_.Call("POST", "/cases/12").status, 404);
}

TEST(ConsoleFiles, WithoutABuiltConsoleOnlyTheApiAnswers) {
  test::ApiHarness harness;
  EXPECT_EQ(harness.Call("GET", "/").status, 404);
  EXPECT_EQ(harness.Call("GET", "/cases/12").status, 404);
}

}  // namespace
}  // namespace lt
