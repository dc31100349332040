// Attachment bodies on disk by content hash: stored once, read back whole; a
// body cut short or left with the wrong bytes (a crash before its flush) is
// never read and is written again; bodies put with a deferred flush are
// flushed together by SyncAll; bodies stored under the earlier two-level
// layout are still read; bodies stored many at once go into packs, found
// through the database by any node.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/crypto.hpp"
#include "base/file_contents.hpp"
#include "storage/attachment_files.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "support/test_database.hpp"
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
  EXPECT_EQ(files.Get(*stored).error().code, ErrorCode::kNotFound) << "never handed out";
  ASSERT_TRUE(files.Put(photo, FileSync::kDeferred).ok());
  EXPECT_TRUE(files.SyncAll().ok());
  EXPECT_EQ(*files.Get(*stored), photo);

  // Or the whole size with bytes that never reached the disk.
  std::ofstream(files.PathOf(*stored), std::ios::binary | std::ios::trunc)
      << std::string(photo.size(), '\0');
  EXPECT_EQ(files.Get(*stored).error().code, ErrorCode::kNotFound) << "never handed out";
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

std::vector<std::filesystem::path> Packs(const AttachmentFiles& files) {
  std::vector<std::filesystem::path> packs;
  std::error_code missing;
  for (const auto& entry : std::filesystem::directory_iterator(files.PacksDirectory(), missing)) {
    packs.push_back(entry.path());
  }
  return packs;
}

TEST(AttachmentFiles, BodiesStoredManyAtOnceGoIntoOnePackThatEveryNodeReads) {
  test::TempDir directory;
  auto database = test::OpenTestDatabase(directory.path());
  ASSERT_TRUE(database.ok()) << test::Describe(database.error());
  AttachmentFiles files(directory.path() / "attachments", database->get());
  const std::string photo = "\xff\xd8\xff\xe0 照片 " + std::string(70'000, 'p');
  const std::string message = "Subject: =?GBK?B?yMjLrsb3?=\r\n\r\n热水器不出热水\r\n";
  const std::vector<std::string_view> batch = {message, photo, message};
  auto stored = files.PutPacked(batch);
  ASSERT_TRUE(stored.ok()) << test::Describe(stored.error());
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[0], Sha256Hex(message));
  EXPECT_EQ((*stored)[1], Sha256Hex(photo));
  EXPECT_EQ((*stored)[2], (*stored)[0]);
  EXPECT_FALSE(std::filesystem::exists(files.PathOf((*stored)[0]))) << "no file of its own";
  auto packs = Packs(files);
  ASSERT_EQ(packs.size(), 1u);
  // Each body once, after its record's header: "LTB1", its SHA-256, its length.
  const std::string pack = ReadFileContents(packs[0]).value_or("");
  EXPECT_EQ(pack.size(), 2 * 44 + message.size() + photo.size());
  EXPECT_EQ(pack.substr(0, 4), "LTB1");
  EXPECT_EQ(pack.substr(44, message.size()), message);

  // Another node, another process: read through the database.
  const AttachmentFiles other(directory.path() / "attachments", database->get());
  EXPECT_EQ(*other.Get((*stored)[0]), message);
  EXPECT_EQ(*other.Get((*stored)[1]), photo);
  // A body known already is not written again; a new one joins the pack.
  const std::vector<std::string_view> again = {photo, "voicemail"};
  auto more = files.PutPacked(again);
  ASSERT_TRUE(more.ok());
  EXPECT_EQ((*more)[0], (*stored)[1]);
  EXPECT_EQ(Packs(files).size(), 1u);
  EXPECT_EQ(std::filesystem::file_size(packs[0]), pack.size() + 44 + 9);
  EXPECT_EQ(*other.Get((*more)[1]), "voicemail");
  // A node that only ever read adds nothing.
  EXPECT_EQ(Packs(other).size(), 1u);
}

TEST(AttachmentFiles, APackIsClosedOnceFullAndTheNextOneBegun) {
  test::TempDir directory;
  auto database = test::OpenTestDatabase(directory.path());
  ASSERT_TRUE(database.ok());
  AttachmentFiles files(directory.path(), database->get(), /*pack_bytes=*/1000);
  const std::string first(600, 'a'), second(600, 'b'), third(10, 'c');
  ASSERT_TRUE(files.PutPacked(std::vector<std::string_view>{first}).ok());
  EXPECT_EQ(Packs(files).size(), 1u) << "600 bytes: still open";
  ASSERT_TRUE(files.PutPacked(std::vector<std::string_view>{second}).ok());
  EXPECT_EQ(Packs(files).size(), 1u) << "a batch is never split over packs";
  ASSERT_TRUE(files.PutPacked(std::vector<std::string_view>{third}).ok());
  EXPECT_EQ(Packs(files).size(), 2u);
  for (const auto& body : {first, second, third}) EXPECT_EQ(*files.Get(Sha256Hex(body)), body);
}

TEST(AttachmentFiles, APackedBodyDamagedOrMisplacedIsNeverHandedOut) {
  test::TempDir directory;
  auto database = test::OpenTestDatabase(directory.path());
  ASSERT_TRUE(database.ok());
  AttachmentFiles files(directory.path(), database->get());
  const std::string body = "录音 " + std::string(3000, 'v');
  auto stored = files.PutPacked(std::vector<std::string_view>{body, "other"});
  ASSERT_TRUE(stored.ok());
  const auto pack = Packs(files).at(0);
  {
    std::fstream bytes(pack, std::ios::binary | std::ios::in | std::ios::out);
    bytes.seekp(44 + 100);
    bytes.put('X');
  }
  EXPECT_EQ(files.Get((*stored)[0]).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*files.Get((*stored)[1]), "other") << "the rest of the pack is read";
  // A row that names a file outside the packs, or more bytes than there are.
  const std::string secret = "secret";
  std::ofstream(directory.path() / "secret.txt") << secret;
  ASSERT_TRUE(
      (*database)
          ->Write([&](Connection& connection) -> Status {
            LT_TRY(
                connection.Execute("INSERT INTO packed_bodies (sha256, pack, position, size_bytes) "
                                   "VALUES ($1, '../secret.txt', 0, 6)",
                                   {Sha256Hex(secret)}));
            LT_TRY(connection.Execute(
                "UPDATE packed_bodies SET size_bytes = 1000000 WHERE sha256 = $1", {(*stored)[1]}));
            return Ok();
          })
          .ok());
  EXPECT_EQ(files.Get(Sha256Hex(secret)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(files.Get((*stored)[1]).error().code, ErrorCode::kNotFound);
}

TEST(AttachmentFiles, WithoutADatabaseBodiesStoredManyAtOnceAreFilesEach) {
  test::TempDir directory;
  AttachmentFiles files(directory.path());
  auto stored = files.PutPacked(std::vector<std::string_view>{"abc", "def"});
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(std::filesystem::exists(files.PathOf((*stored)[0])));
  EXPECT_EQ(*files.Get((*stored)[1]), "def");
  EXPECT_TRUE(Packs(files).empty());
}

}  // namespace
}  // namespace lt::storage
