// HTML of inbound mail as the timeline may show it: what a customer wrote
// and the images they sent stay; whatever could run, track or restyle the
// console goes.

#include "mail/html_sanitizer.hpp"

#include <gtest/gtest.h>

namespace lt::mail {
namespace {

TEST(HtmlSanitizer, KeepsTheTextItsFormattingAndTheMessagesOwnImages) {
  const std::string html =
      "<html><head><meta charset=\"gb2312\"><title>x</title></head><body>"
      "<p>您好，<b>洗衣机</b>漏水。</p><blockquote>上次回复</blockquote>"
      "<table><tr><td colspan=\"2\">型号</td></tr></table>"
      "<img src=\"cid:photo1@qq.com\" alt=\"照片\" width=\"320\">"
      "<img src=\"https://tracker.example/pixel.gif\">"
      "<a href=\"https://www.example.com/manual\">说明书</a></body></html>";
  EXPECT_EQ(SanitizeMailHtml(html),
            "<p>您好，<b>洗衣机</b>漏水。</p><blockquote>上次回复</blockquote>"
            "<table><tr><td colspan=\"2\">型号</td></tr></table>"
            "<img src=\"cid:photo1@qq.com\" alt=\"照片\" width=\"320\">"
            "<a href=\"https://www.example.com/manual\" target=\"_blank\" "
            "rel=\"noopener noreferrer nofollow\">说明书</a>");
}

TEST(HtmlSanitizer, DropsScriptsHandlersStylesFormsAndDangerousLinks) {
  const std::string html =
      "<div onclick=\"steal()\" style=\"position:fixed\">正文<script>alert(1)</script>"
      "<style>body{display:none}</style><iframe src=\"https://evil.example\"></iframe>"
      "<form action=\"https://evil.example\"><input name=\"password\"></form>"
      "<a href=\" javascript:alert(1)\">点这里</a><a href=\"data:text/html,x\">x</a>"
      "<svg onload=\"alert(1)\"><circle/></svg><!-- a comment --></div>";
  EXPECT_EQ(SanitizeMailHtml(html), "<div>正文<a>点这里</a><a>x</a></div>");
}

TEST(HtmlSanitizer, UnknownElementsGiveTheirTextAndBrokenHtmlIsRepaired) {
  EXPECT_EQ(SanitizeMailHtml("<center><section>居中<font color=red>红字</font></section></center>"),
            "居中<span>红字</span>");
  EXPECT_EQ(SanitizeMailHtml("<p>未闭合<b>粗体"), "<p>未闭合<b>粗体</b></p>");
  // Bare text is given the paragraph a browser would give it.
  EXPECT_EQ(SanitizeMailHtml("a < b & \"c\""), "<p>a &lt; b &amp; \"c\"</p>");
  EXPECT_EQ(SanitizeMailHtml(""), "");
}

}  // namespace
}  // namespace lt::mail
