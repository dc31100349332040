// The MIME intake on messages written for the purpose (镕 and 喆 are GBK,
// not GB2312; Outlook and Coremail label them GB2312 anyway): Chinese in the
// charsets Chinese clients really use, a mislabelled body, attachments with
// Chinese names, threading headers, a bounce, and bytes that are no message.

#include "mail/mime_reader.hpp"

#include <gtest/gtest.h>

#include "base/utf8.hpp"

namespace lt::mail {
namespace {

TEST(MimeReader, GbkTextLabelledGb2312IsReadAsItsSuperset) {
  // 朱镕基说：喆 in GBK, base64 in the subject and the body.
  const std::string raw =
      "From: =?gb2312?B?wO7EyA==?= <li.na@example.com>\r\n"
      "Subject: =?gb2312?B?1uzpRrv5y7Wjuoa0?=\r\n"
      "Message-ID: <a1@example.com>\r\n"
      "In-Reply-To: <TS-2026-000123.reply@lingting.example>\r\n"
      "References: <first@example.com> <TS-2026-000123.reply@lingting.example>\r\n"
      "Date: Mon, 2 Mar 2026 10:00:00 +0800\r\n"
      "Content-Type: text/plain; charset=gb2312\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n"
      "1uzpRrv5y7Wjuoa0\r\n";
  const ReadMail mail = ReadMailMessage(raw);
  ASSERT_TRUE(mail.readable);
  EXPECT_EQ(mail.from.name, "李娜");
  EXPECT_EQ(mail.from.address, "li.na@example.com");
  EXPECT_EQ(mail.subject, "朱镕基说：喆");
  EXPECT_EQ(mail.text, "朱镕基说：喆");
  EXPECT_EQ(mail.message_id, "a1@example.com");
  EXPECT_EQ(mail.in_reply_to, (std::vector<std::string>{"TS-2026-000123.reply@lingting.example"}));
  EXPECT_EQ(mail.references.size(), 2u);
  ASSERT_TRUE(mail.date.has_value());
  EXPECT_EQ(FormatTimestamp(*mail.date), "2026-03-02T02:00:00.000Z");
  EXPECT_TRUE(mail.notes.empty());
}

TEST(MimeReader, AMislabelledBodyIsRepairedAndSaidSo) {
  const std::string raw =
      "From: a@example.com\r\nSubject: x\r\n"
      "Content-Type: text/plain; charset=iso-2022-jp\r\n\r\n"
      "冰箱不制冷，请尽快上门。\r\n";
  const ReadMail mail = ReadMailMessage(raw);
  EXPECT_EQ(mail.text, "冰箱不制冷，请尽快上门。");
  ASSERT_EQ(mail.notes.size(), 1u);
  EXPECT_NE(mail.notes[0].find("read as utf-8"), std::string::npos) << mail.notes[0];
}

// The converter of a charset is kept between messages: each message is
// still read from the charset's initial state, whatever the one before left.
TEST(MimeReader, EachMessageIsReadFromTheInitialStateOfItsCharset) {
  const auto iso_2022_jp = [](const std::string& body) {
    return ReadMailMessage(
        "From: a@example.com\r\nSubject: x\r\n"
        "Content-Type: text/plain; charset=iso-2022-jp\r\n\r\n" +
        body + "\r\n");
  };
  EXPECT_EQ(iso_2022_jp("\x1b$BF|K\\\x1b(B").text, "日本");
  // Left in JIS X 0208 by a body that never shifts back.
  EXPECT_EQ(iso_2022_jp("\x1b$BF|").text, "日");
  EXPECT_EQ(iso_2022_jp("ok").text, "ok");
  // Left half-way by bytes that do not fit the charset.
  EXPECT_EQ(iso_2022_jp("\x1b$BF|\xe5\x86\xb0").notes.size(), 1u);
  EXPECT_EQ(iso_2022_jp("ok").text, "ok");
}

TEST(MimeReader, AttachmentsKeepTheirChineseNamesAndInlineImagesTheirIds) {
  const std::string raw =
      "From: a@example.com\r\nSubject: =?UTF-8?B?5qOA5rWL5oql5ZGK?=\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
      "--b1\r\nContent-Type: multipart/alternative; boundary=\"b2\"\r\n\r\n"
      "--b2\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n正文\r\n"
      "--b2\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>正文<img src=\"cid:p1\"></p>\r\n"
      "--b2--\r\n"
      "--b1\r\nContent-Type: image/png\r\nContent-ID: <p1>\r\nContent-Disposition: inline\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
      "--b1\r\nContent-Type: application/pdf\r\n"
      "Content-Disposition: attachment; "
      "filename*=UTF-8''%E6%A3%80%E6%B5%8B%E6%8A%A5%E5%91%8A.pdf\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
      "--b1--\r\n";
  const ReadMail mail = ReadMailMessage(raw);
  EXPECT_EQ(mail.subject, "检测报告");
  EXPECT_EQ(mail.text, "正文");
  EXPECT_NE(mail.html.find("cid:p1"), std::string::npos);
  ASSERT_EQ(mail.parts.size(), 2u);
  EXPECT_EQ(mail.parts[0].content_type, "image/png");
  EXPECT_EQ(mail.parts[0].content_id, "p1");
  EXPECT_TRUE(mail.parts[0].inline_part);
  EXPECT_EQ(mail.parts[0].data.substr(1, 3), "PNG");
  EXPECT_EQ(mail.parts[1].filename, "检测报告.pdf");
  EXPECT_FALSE(mail.parts[1].inline_part);
  EXPECT_EQ(mail.parts[1].data, "%PDF-1.4\n");
}

TEST(MimeReader, AnHtmlOnlyMessageGivesItsText) {
  const std::string raw =
      "From: a@example.com\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
      "<html><style>p{color:red}</style><body><p>您好&nbsp;客服：</p><div>门封漏水&amp;异响</div>"
      "<br>谢谢</body></html>";
  EXPECT_EQ(ReadMailMessage(raw).text, "您好 客服：\n门封漏水&异响\n\n谢谢");
}

TEST(MimeReader, ABounceAndAnAutoReplyAreRecognised) {
  const std::string bounce =
      "From: MAILER-DAEMON@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
      "--r\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n--r--\r\n";
  const ReadMail returned = ReadMailMessage(bounce);
  EXPECT_EQ(domain::ClassifyMailOrigin(returned.origin), domain::MailOrigin::kBounce);
  const std::string away =
      "From: wang@example.com\r\nSubject: =?UTF-8?B?6Ieq5Yqo5Zue5aSN?=\r\nAuto-Submitted: "
      "auto-replied\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n休假中\r\n";
  EXPECT_EQ(domain::ClassifyMailOrigin(ReadMailMessage(away).origin),
            domain::MailOrigin::kAutoReply);
}

TEST(MimeReader, BytesThatAreNoMessageAreFlaggedNotDropped) {
  EXPECT_FALSE(ReadMailMessage("").readable);
  EXPECT_FALSE(ReadMailMessage(std::string("\x00\x01\x02\xff\xfe binary", 12)).readable);
  const ReadMail headers_only = ReadMailMessage("Subject: only a subject\r\n");
  EXPECT_TRUE(headers_only.readable);
  EXPECT_EQ(headers_only.subject, "only a subject");
  EXPECT_TRUE(IsValidUtf8(headers_only.text));
}

}  // namespace
}  // namespace lt::mail
