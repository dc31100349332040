// Attachment bodies on disk by content hash: stored once, read back whole; a
// body cut short (a crash before its flush) is written again; bodies put with
// a deferred flush are flushed together by SyncAll.

#include <gtest/gtest.h>

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

  auto other = files.Put("voicemail", FileSync::kDeferred);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*other, *stored);
  EXPECT_TRUE(files.SyncAll().ok());
  EXPECT_EQ(*files.Get(*other), "voicemail");
  EXPECT_EQ(files.Get("not-a-hash").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lt::storage
