#pragma once

// Mailbox files (mbox, RFC 4155): messages one after another, each starting
// with a "From " line. Lines of a message that began with "From " were
// written with a ">" before them (mboxrd: ">From ", ">>From ", ...), and
// lose one ">" when read back.

#include <string>
#include <string_view>
#include <vector>

namespace lt::mail {

// The messages of an mbox file, without their "From " separator lines, in
// the file's line endings. Text before the first "From " line is not a
// message and is left out; an empty file has none.
std::vector<std::string> SplitMbox(std::string_view mbox);

}  // namespace lt::mail
