// Attachment bodies on disk by content hash: stored once, read back whole; a
// body cut short or left with the wrong bytes (a crash before its flush) is
// written again; bodies put with a deferred flush are flushed together by
// SyncAll; bodies stored under the earlier two-level layout are still read.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "storage/attachment_files.hpp"
#include "support/test_env.hpp"

namespace lt::storage {
namespace {

TEST(AttachmentFiles, ABodyIsStoredOnceAndOneCutShortIsWrittenAgain) {
  test::TempDir directory;
  AttachmentFiles files(directory.path() / "attachments");
  EXPECT_TRUE(files.SyncAll().ok()) << "nothing written yet";
  const std::string photo = "\xff\xd8\xff\xe0 照片 " + std::string(5000, 'x');
  auto stored = files.Put(photo);
  ASSERT_TRUE(stored.ok()) << test::Describe(stored.error());
  auto again = files.Put(photo, FileSync::kDeferred);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *stored);
  auto read = files.Get(*stored);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, photo);

  // What a crash between write and flush can leave: the name, half the body.
  std::ofstream(files.PathOf(*stored), std::ios::binary | std::ios::trunc) << photo.substr(0, 100);
  ASSERT_EQ(files.Get(*stored)->size(), 100u);
  ASSERT_TRUE(files.Put(photo, FileSync::kDeferred).ok());
  EXPECT_TRUE(files.SyncAll().ok());
  EXPECT_EQ(*files.Get(*stored), photo);

  // Or the whole size with bytes that never reached the disk.
  std::ofstream(files.PathOf(*stored), std::ios::binary | std::ios::trunc)
      << std::string(photo.size(), '\0');
  ASSERT_EQ(files.Get(*stored)->size(), photo.size());
  ASSERT_TRUE(files.Put(photo, FileSync::kDeferred).ok());
  EXPECT_TRUE(files.SyncAll().ok());
  EXPECT_EQ(*files.Get(*stored), photo);

  auto other = files.Put("voicemail", FileSync::kDeferred);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*other, *stored);
  EXPECT_TRUE(files.SyncAll().ok());
  EXPECT_EQ(*files.Get(*other), "voicemail");
  EXPECT_EQ(files.Get("not-a-hash").error().code, ErrorCode::kNotFound);
}

TEST(AttachmentFiles, BodiesAreNamedByTheirSha256AsStoresWrittenEarlierNamedThem) {
  test::TempDir directory;
  AttachmentFiles files(directory.path());
  // FIPS 180-2's vectors: one block, and a million "a" over many.
  EXPECT_EQ(*files.Put("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(*files.Put(std::string(1'000'000, 'a'), FileSync::kDeferred),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_TRUE(std::filesystem::exists(
      directory.path() / "ba/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

TEST(AttachmentFiles, ABodyStoredUnderTheEarlierLayoutIsStillRead) {
  test::TempDir directory;
  const std::string sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  std::filesystem::create_directories(directory.path() / "ba/78");
  std::ofstream(directory.path() / "ba/78" / sha256, std::ios::binary) << "abc";
  const AttachmentFiles files(directory.path());
  const auto read = files.Get(sha256);
  ASSERT_TRUE(read.ok()) << test::Describe(read.error());
  EXPECT_EQ(*read, "abc");
  EXPECT_EQ(files.Get(std::string(64, 'a')).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lt::storage
