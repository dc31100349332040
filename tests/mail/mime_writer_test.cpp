// Messages Lingting writes, read back by the same intake that reads the
// customers' mail: Chinese in every header and part, threading headers, the
// marks of an automatic message, and attachments with Chinese names.

#include "mail/mime_writer.hpp"

#include <gtest/gtest.h>

#include "mail/mime_reader.hpp"

namespace lt::mail {
namespace {

domain::OutgoingMail Reply() {
  domain::OutgoingMail mail;
  mail.from_name = "聆听客户服务中心";
  mail.from_address = "service@lingting.test";
  mail.to_name = "王小明";
  mail.to_address = "wang@example.com";
  mail.subject = "回复：空调漏水 [TS-2026-000123]";
  mail.text = "王先生您好：\n\n经检查，是排水管安装坡度不足。\n\n聆听客户服务中心";
  mail.message_id = "lt.42.9f3a@lingting.test";
  mail.in_reply_to = "first@example.com";
  mail.references = {"first@example.com", "second@example.com"};
  mail.case_number = "TS-2026-000123";
  mail.date = 1772415000000;  // 2026-03-02T01:30:00Z
  return mail;
}

TEST(MimeWriter, AReplyReadsBackAsWritten) {
  const std::string raw = WriteMailMessage(Reply());
  const ReadMail read = ReadMailMessage(raw);
  ASSERT_TRUE(read.readable);
  EXPECT_EQ(read.from.name, "聆听客户服务中心");
  EXPECT_EQ(read.from.address, "service@lingting.test");
  ASSERT_EQ(read.to.size(), 1u);
  EXPECT_EQ(read.to[0].name, "王小明");
  EXPECT_EQ(read.subject, "回复：空调漏水 [TS-2026-000123]");
  EXPECT_EQ(read.text, Reply().text);
  EXPECT_EQ(read.message_id, "lt.42.9f3a@lingting.test");
  EXPECT_EQ(read.in_reply_to, (std::vector<std::string>{"first@example.com"}));
  EXPECT_EQ(read.references, (std::vector<std::string>{"first@example.com", "second@example.com"}));
  ASSERT_TRUE(read.date.has_value());
  EXPECT_EQ(*read.date, 1772415000000);
  EXPECT_EQ(read.origin.auto_submitted, "");  // a person's reply
  EXPECT_NE(raw.find("X-Lingting-Case: TS-2026-000123\r\n"), std::string::npos);
  // SMTP wants CRLF line ends and 7-bit headers.
  EXPECT_EQ(raw.find("\n"), raw.find("\r\n") + 1);
  const std::string headers = raw.substr(0, raw.find("\r\n\r\n"));
  for (const unsigned char c : headers) ASSERT_LT(c, 0x80) << headers;
  EXPECT_NE(raw.find("charset=utf-8"), std::string::npos);
}

TEST(MimeWriter, AnAcknowledgementSaysItIsAutomatic) {
  domain::OutgoingMail mail = Reply();
  mail.automatic = true;
  const ReadMail read = ReadMailMessage(WriteMailMessage(mail));
  EXPECT_EQ(read.origin.auto_submitted, "auto-replied");
  // So that Lingting itself, reading its own acknowledgement, would not answer it.
  EXPECT_EQ(domain::ClassifyMailOrigin(read.origin), domain::MailOrigin::kAutoReply);
}

TEST(MimeWriter, HtmlAlternativeAndAttachmentsWithChineseNames) {
  domain::OutgoingMail mail = Reply();
  mail.html = "<p>王先生您好：</p><p>经检查，是<b>排水管</b>安装坡度不足。</p>";
  mail.attachments.push_back({"检测报告.pdf", "application/pdf", "%PDF-1.4\n%\xE2\xE3\n"});
  mail.attachments.push_back(
      {"现场照片 1.png", "image/png", std::string("\x89PNG\r\n\x1a\n\0\0", 10)});
  const ReadMail read = ReadMailMessage(WriteMailMessage(mail));
  EXPECT_EQ(read.text, mail.text);
  EXPECT_NE(read.html.find("<b>排水管</b>"), std::string::npos);
  ASSERT_EQ(read.parts.size(), 2u);
  EXPECT_EQ(read.parts[0].filename, "检测报告.pdf");
  EXPECT_EQ(read.parts[0].content_type, "application/pdf");
  EXPECT_EQ(read.parts[0].data, mail.attachments[0].data);
  EXPECT_EQ(read.parts[1].filename, "现场照片 1.png");
  EXPECT_EQ(read.parts[1].data, mail.attachments[1].data);
}

TEST(MimeWriter, AsciiTextStaysReadableOnTheWire) {
  domain::OutgoingMail mail = Reply();
  mail.subject = "Re: Leaking air conditioner [TS-2026-000123]";
  mail.text = "Dear Mr Wang,\n\nThe drain pipe was fitted without enough slope.";
  const std::string raw = WriteMailMessage(mail);
  EXPECT_NE(raw.find("Subject: Re: Leaking air conditioner [TS-2026-000123]\r\n"),
            std::string::npos);
  EXPECT_NE(raw.find("The drain pipe was fitted without enough slope."), std::string::npos);
  EXPECT_EQ(ReadMailMessage(raw).text, mail.text);
}

}  // namespace
}  // namespace lt::mail
