// The MIME intake against real mail (tests/fixtures/email, 395 messages from
// public archives and the test suites of other mail parsers): every message
// is read, none throws, and its subject and text equal what an independent
// decoder gives (Python's email package, tests/mail/reference_decode.py, whose
// output is tests/fixtures/email/expected.jsonl).

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "base/utf8.hpp"
#include "mail/mime_reader.hpp"

namespace lt::mail {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Runs of white space as one space, trimmed (how the reference compares subjects).
std::string CollapseSpace(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Lines without trailing spaces, without blank lines at either end.
std::string TrimLines(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    out += line + "\n";
  }
  const auto first = out.find_first_not_of('\n');
  if (first == std::string::npos) return "";
  const auto last = out.find_last_not_of('\n');
  return out.substr(first, last - first + 1);
}

const std::string kCorpus = std::string(LINGTING_SOURCE_DIR) + "/tests/fixtures/email/";

// "file\tfield" of every difference known_differences.txt explains.
std::set<std::string> KnownDifferences() {
  std::set<std::string> known;
  std::ifstream in(kCorpus + "known_differences.txt");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto second_tab = line.find('\t', line.find('\t') + 1);
    known.insert(line.substr(0, second_tab));
  }
  return known;
}

TEST(MimeCorpus, EveryMessageIsReadIntoValidUtf8) {
  std::ifstream expected(kCorpus + "expected.jsonl");
  int readable = 0;
  for (std::string line; std::getline(expected, line);) {
    const std::string file = nlohmann::json::parse(line)["file"];
    const ReadMail mail = ReadMailMessage(Slurp(kCorpus + file));
    readable += mail.readable ? 1 : 0;
    EXPECT_TRUE(IsValidUtf8(mail.subject)) << file;
    EXPECT_TRUE(IsValidUtf8(mail.text)) << file;
    EXPECT_TRUE(IsValidUtf8(mail.from.name)) << file;
    for (const auto& part : mail.parts) EXPECT_TRUE(IsValidUtf8(part.filename)) << file;
  }
  EXPECT_GT(readable, 380);
}

TEST(MimeCorpus, EverySubjectAndTextEqualsTheIndependentDecoders) {
  std::ifstream expected(kCorpus + "expected.jsonl");
  ASSERT_TRUE(expected) << "missing " << kCorpus << "expected.jsonl";
  int messages = 0, subjects = 0, texts = 0, real_messages = 0;
  std::vector<std::string> differences;
  std::set<std::string> differing;  // "file\tfield"
  for (std::string line; std::getline(expected, line);) {
    const auto entry = nlohmann::json::parse(line);
    const std::string file = entry["file"];
    const ReadMail mail = ReadMailMessage(Slurp(kCorpus + file));
    ++messages;
    if (file.rfind("real-world/", 0) == 0) ++real_messages;
    if (CollapseSpace(mail.subject) == entry["subject"].get<std::string>()) {
      ++subjects;
    } else {
      differing.insert(file + "\tsubject");
      differences.push_back(file + ": subject \"" + mail.subject + "\" != \"" +
                            entry["subject"].get<std::string>() + "\"");
    }
    if (entry["text"].is_null()) continue;
    if (TrimLines(mail.text) == entry["text"].get<std::string>()) {
      ++texts;
    } else {
      differing.insert(file + "\ttext");
      differences.push_back(file + ": text differs: \"" + TrimLines(mail.text).substr(0, 80) +
                            "\" vs \"" + entry["text"].get<std::string>().substr(0, 80) + "\"");
    }
  }
  EXPECT_GT(messages, 390);
  EXPECT_EQ(real_messages, 108);
  const std::set<std::string> known = KnownDifferences();
  for (const auto& difference : differences) {
    const std::string key =
        difference.substr(0, difference.find(": ")) +
        (difference.find(": subject") != std::string::npos ? "\tsubject" : "\ttext");
    if (!known.count(key)) ADD_FAILURE() << "not in known_differences.txt: " << difference;
  }
  for (const auto& key : known) {
    EXPECT_TRUE(differing.count(key)) << key << " no longer differs: remove it from the list";
  }
  RecordProperty("equal_subjects", subjects);
  RecordProperty("equal_texts", texts);
}

}  // namespace
}  // namespace lt::mail
