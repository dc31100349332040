#include "mail/mbox.hpp"

#include <gtest/gtest.h>

namespace lt::mail {
namespace {

TEST(Mbox, MessagesAreSplitAtFromLinesAndTheirQuotedFromLinesRestored) {
  const std::string mbox =
      "From customer@example.com Thu Mar  5 10:00:00 2026\n"
      "Subject: =?UTF-8?B?5ryP5rC0?=\n"
      "\n"
      "第一封\n"
      ">From the start it leaked.\n"
      ">>From here too.\n"
      "\n"
      "From other@example.com Thu Mar  5 11:00:00 2026\n"
      "Subject: two\n"
      "\n"
      "second\n";
  const auto messages = SplitMbox(mbox);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(
      messages[0],
      "Subject: =?UTF-8?B?5ryP5rC0?=\n\n第一封\nFrom the start it leaked.\n>From here too.\n");
  EXPECT_EQ(messages[1], "Subject: two\n\nsecond\n");
}

TEST(Mbox, CrlfLinesTextBeforeTheFirstMessageAndEmptyFiles) {
  const auto messages = SplitMbox(
      "not a message\r\nFrom a@b Thu Mar  5 10:00:00 2026\r\nSubject: x\r\n\r\nbody\r\n\r\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "Subject: x\r\n\r\nbody\r\n");
  EXPECT_TRUE(SplitMbox("").empty());
  EXPECT_TRUE(SplitMbox("no separator at all\n").empty());
  EXPECT_EQ(SplitMbox("From a@b\nSubject: last, no newline").front(), "Subject: last, no newline");
}

}  // namespace
}  // namespace lt::mail
