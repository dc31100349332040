#pragma once

// HTML from a message made safe to show on the case timeline: an allow-list
// of elements and attributes, parsed with libxml2 (never by hand). Kept:
// text formatting, lists, tables, quotes, links to http(s) and mailto (opened
// apart), images from the message itself (cid:) or inline data. Dropped:
// scripts, styles, forms, frames, event handlers, style attributes, remote
// images (they tell the sender when the mail is read), anything unknown
// (its text kept).

#include <string>
#include <string_view>

namespace lt::mail {

std::string SanitizeMailHtml(std::string_view html);

// The text of an HTML body, for a message that has no plain text: what a
// reader sees, block elements and <br> as line breaks, entities decoded,
// scripts and styles left out; trailing spaces and runs of blank lines gone.
std::string MailHtmlText(std::string_view html);

}  // namespace lt::mail
