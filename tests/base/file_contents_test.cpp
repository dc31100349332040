#include "base/file_contents.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/test_env.hpp"

namespace lt {
namespace {

void Write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

TEST(FileContents, ReadsEveryByteOfAFile) {
  test::TempDir directory;
  // GB18030 bytes, a NUL and more than a read's worth, as a mail file has.
  std::string bytes = "\xc4\xfa\xba\xc3" + std::string(1, '\0') + "\r\n";
  for (int i = 0; i < 20000; ++i) bytes += static_cast<char>(i % 251);
  Write(directory.path() / "message.eml", bytes);
  EXPECT_EQ(ReadFileContents(directory.path() / "message.eml"), bytes);

  Write(directory.path() / "empty.eml", "");
  EXPECT_EQ(ReadFileContents(directory.path() / "empty.eml"), std::string());
}

// /proc files report a size of 0 and have content all the same.
TEST(FileContents, AFileWhoseSizeIsNotKnownAheadIsReadWhole) {
  const auto status = ReadFileContents("/proc/self/status");
  ASSERT_TRUE(status.has_value());
  EXPECT_NE(status->find("Name:"), std::string::npos);
  EXPECT_NE(status->find("VmRSS:"), std::string::npos);
}

TEST(FileContents, AMissingFileOrADirectoryIsNothing) {
  test::TempDir directory;
  EXPECT_EQ(ReadFileContents(directory.path() / "missing.eml"), std::nullopt);
  EXPECT_EQ(ReadFileContents(directory.path()), std::nullopt);
}

}  // namespace
}  // namespace lt
