// Threading vocabulary of inbound mail on real subjects and bodies: the
// linux-erofs archive (QQMail "回复：" chains, Outlook and Coremail quote
// headers) and the reply prefixes of other clients.

#include "domain/mail_thread.hpp"

#include <gtest/gtest.h>

namespace lt::domain {
namespace {

TEST(MailThread, ReplyAndForwardPrefixesOfEveryClientAreStripped) {
  EXPECT_EQ(NormalizeMailSubject("回复：回复：回复：回复：回复：回复：eros性能问题"),
            "eros性能问题");
  EXPECT_EQ(NormalizeMailSubject("Re: 回复：eros性能问题"), "eros性能问题");
  EXPECT_EQ(NormalizeMailSubject("RE: [PATCH] erofs-utils: lib: fix maximum huffman length"),
            "[PATCH] erofs-utils: lib: fix maximum huffman length");
  EXPECT_EQ(NormalizeMailSubject("答复: 转发：Fwd: FW:  空调　漏水"), "空调 漏水");
  EXPECT_EQ(NormalizeMailSubject("Re[2]: AW: WG: SV: Kühlschrank"), "Kühlschrank");
  EXPECT_EQ(NormalizeMailSubject("回复 : 冰箱不制冷"), "冰箱不制冷");
  // Words that only begin like a prefix stay.
  EXPECT_EQ(NormalizeMailSubject("Refund request"), "Refund request");
  EXPECT_EQ(NormalizeMailSubject("回复时效太慢"), "回复时效太慢");
  EXPECT_EQ(NormalizeMailSubject("  "), "");
}

TEST(MailThread, TheCaseNumberInBracketsIsFound) {
  EXPECT_EQ(CaseNumberInSubject("Re: [TS-2026-000123] 空调漏水", "TS"), "TS-2026-000123");
  EXPECT_EQ(CaseNumberInSubject("回复：【投诉】[TS-2025-1234567] x", "TS"), "TS-2025-1234567");
  EXPECT_FALSE(CaseNumberInSubject("TS-2026-000123 without brackets", "TS"));
  EXPECT_FALSE(CaseNumberInSubject("[TS-26-000123]", "TS"));
  EXPECT_FALSE(CaseNumberInSubject("[TS-2026-12345]", "TS"));
  EXPECT_FALSE(CaseNumberInSubject("[XX-2026-000123]", "TS"));
  EXPECT_EQ(CaseNumberInSubject("[TS-2026-1] [TS-2026-000009]", "TS"), "TS-2026-000009");
}

TEST(MailThread, AutoRepliesBouncesAndListMailAreToldApart) {
  MailOriginHeaders headers;
  headers.subject = "空调漏水";
  EXPECT_EQ(ClassifyMailOrigin(headers), MailOrigin::kPerson);
  headers.auto_submitted = "no";
  EXPECT_EQ(ClassifyMailOrigin(headers), MailOrigin::kPerson);
  headers.auto_submitted = "auto-replied";
  EXPECT_EQ(ClassifyMailOrigin(headers), MailOrigin::kAutoReply);
  headers = {};
  headers.x_autoreply = "yes";
  EXPECT_EQ(ClassifyMailOrigin(headers), MailOrigin::kAutoReply);
  headers = {};
  headers.subject = "自动回复：您的来信已收到";
  EXPECT_EQ(ClassifyMailOrigin(headers), MailOrigin::kAutoReply);
  headers = {};
  headers.content_type = "multipart/report";
  headers.report_type = "delivery-status";
  EXPECT_EQ(ClassifyMailOrigin(headers), MailOrigin::kBounce);
  headers.report_type = "disposition-notification";
  EXPECT_EQ(ClassifyMailOrigin(headers), MailOrigin::kAutoReply);
  headers = {};
  headers.list_id = "<linux-erofs.lists.ozlabs.org>";
  EXPECT_EQ(ClassifyMailOrigin(headers), MailOrigin::kList);
  headers = {};
  headers.precedence = "bulk";
  EXPECT_EQ(ClassifyMailOrigin(headers), MailOrigin::kList);
  EXPECT_FALSE(Answerable(MailOrigin::kList));
  EXPECT_TRUE(Answerable(MailOrigin::kPerson));
  EXPECT_TRUE(OpensCase(MailOrigin::kList));
  EXPECT_FALSE(OpensCase(MailOrigin::kAutoReply));
  EXPECT_FALSE(OpensCase(MailOrigin::kBounce));
}

TEST(MailThread, OutlookAndQqMailHistoryIsFolded) {
  auto outlook = SplitQuotedHistory(
      "收到，谢谢。\r\n\r\n-----原始邮件-----\r\n发件人: 王强\r\n发送时间: 2026年3月2日 10:00\r\n"
      "主题: 空调漏水\r\n\r\n请确认样品寄回时间。");
  EXPECT_EQ(outlook.fresh, "收到，谢谢。");
  EXPECT_EQ(outlook.quoted.rfind("-----原始邮件-----", 0), 0u);
  EXPECT_NE(outlook.quoted.find("请确认样品寄回时间。"), std::string::npos);
  auto qq = SplitQuotedHistory(
      "好的\n\nB.R\n\n------------------ 原始邮件 ------------------\n发件人: \"Gao Xiang\"\n"
      "发送时间: 2019年7月18日(星期四) 下午3:30\n> old");
  EXPECT_EQ(qq.fresh, "好的\n\nB.R");
  EXPECT_NE(qq.quoted.find("原始邮件"), std::string::npos);
  auto english = SplitQuotedHistory(
      "Please see attached.\n\n-----Original Message-----\nFrom: Li Na\nSent: Monday\nold");
  EXPECT_EQ(english.fresh, "Please see attached.");
  auto foxmail =
      SplitQuotedHistory("已寄出。\n\n发件人：售后服务\n发送时间：2026-03-02 10:00\n旧内容");
  EXPECT_EQ(foxmail.fresh, "已寄出。");
}

TEST(MailThread, AReplyOnTopFoldsTheQuotedBlockButAnInlineReplyStaysWhole) {
  auto top = SplitQuotedHistory(
      "Thanks, applied.\n\nOn Mon, 1 Jun 2020 at 12:01, Li Na wrote:\n> the patch\n> more");
  EXPECT_EQ(top.fresh, "Thanks, applied.");
  EXPECT_EQ(top.quoted, "On Mon, 1 Jun 2020 at 12:01, Li Na wrote:\n> the patch\n> more");
  auto chinese = SplitQuotedHistory("好的。\n\n在 2023/12/06 13:54, Christoph Hellwig 写道:\n> x");
  EXPECT_EQ(chinese.fresh, "好的。");
  auto trailing = SplitQuotedHistory("See below.\n\n> quoted one\n>\n> quoted two\n");
  EXPECT_EQ(trailing.fresh, "See below.");
  EXPECT_EQ(trailing.quoted, "> quoted one\n>\n> quoted two");
  // The mailing-list style: answers between the quoted lines are the message.
  const std::string inline_reply =
      "On 2019/7/18 15:13, ZHOU wrote:\n> Dear Gao\n\nHi,\n\n> is it slow?\nNo, it is not.";
  auto inline_split = SplitQuotedHistory(inline_reply);
  EXPECT_EQ(inline_split.fresh, inline_reply);
  EXPECT_TRUE(inline_split.quoted.empty());
  auto plain = SplitQuotedHistory("冰箱不制冷，请尽快上门。");
  EXPECT_EQ(plain.fresh, "冰箱不制冷，请尽快上门。");
  EXPECT_TRUE(plain.quoted.empty());
}

}  // namespace
}  // namespace lt::domain
