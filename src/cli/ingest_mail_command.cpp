// lingting ingest-mail [--mailbox NAME] [--mbox FILE]... [PATH...]: e-mail in
// by direct delivery. With nothing to read, one message on standard input, as
// a Postfix `pipe` transport or procmail hands it over; the exit status is 0
// only once the message is stored. Otherwise a batch: each FILE one message,
// each directory its files (by name), each --mbox file its messages, stored
// in that order, so that threading sees them as they came, a hundred or so
// to a commit (app::StoreMailBatch), the next batch read meanwhile
// (app::ReadMailBatch). Each message's line is printed once its commit is
// done; a message that could not be stored is said on stderr, the others go
// on, and the exit status is that of the first failure.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <future>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/mail_intake.hpp"
#include "base/file_contents.hpp"
#include "cli/command_list.hpp"
#include "cli/console.hpp"
#include "mail/mbox.hpp"

namespace lt::cli {
namespace {

namespace fs = std::filesystem;

// A batch's limits: messages, and bytes after which no further message joins.
constexpr std::size_t kBatchMessages = 100;
constexpr std::size_t kBatchBytes = 16 * 1024 * 1024;

struct IngestFlags {
  std::string mailbox;
  std::vector<std::string> mboxes;
  std::vector<std::string> paths;
};

// One message of the batch: where it came from, and its bytes (read when
// its turn comes when it is a file of its own).
struct Source {
  std::string label;
  std::optional<std::string> bytes;
  fs::path file;
};

std::string_view ThreadingCode(app::MailThreading threading) {
  switch (threading) {
    case app::MailThreading::kDuplicate:
      return "duplicate";
    case app::MailThreading::kCaseNumber:
      return "case_number";
    case app::MailThreading::kReplyHeaders:
      return "reply_headers";
    case app::MailThreading::kSenderAndSubject:
      return "sender_and_subject";
    case app::MailThreading::kNewCase:
      return "new_case";
    case app::MailThreading::kNone:
      break;
  }
  return "none";
}

Result<std::string> ReadFile(const fs::path& path) {
  auto content = ReadFileContents(path);
  if (!content)
    return Error::Of(ErrorCode::kNotFound, "error.file_read", {{"path", path.string()}});
  return std::move(*content);
}

// Every message the flags name, in order; nothing is read of the files yet
// but whether they are there.
Result<std::vector<Source>> CollectSources(const IngestFlags& ingest) {
  std::vector<Source> sources;
  for (const auto& given : ingest.paths) {
    const fs::path path(given);
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(path, error)) {
        if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) {
          files.push_back(entry.path());
        }
      }
      if (error) return Error::Of(ErrorCode::kNotFound, "error.file_read", {{"path", given}});
      std::sort(files.begin(), files.end());
      for (auto& file : files) sources.push_back({file.string(), std::nullopt, file});
    } else if (fs::is_regular_file(path, error)) {
      sources.push_back({given, std::nullopt, path});
    } else {
      return Error::Of(ErrorCode::kNotFound, "error.file_read", {{"path", given}});
    }
  }
  for (const auto& mbox : ingest.mboxes) {
    LT_TRY_ASSIGN(const std::string bytes, ReadFile(mbox));
    auto messages = mail::SplitMbox(bytes);
    for (std::size_t i = 0; i < messages.size(); ++i) {
      sources.push_back({mbox + "#" + std::to_string(i + 1), std::move(messages[i]), {}});
    }
  }
  return sources;
}

// A batch read ahead: sources [start, end), read and their bodies on disk.
struct ReadBatch {
  std::size_t start = 0;
  std::size_t end = 0;
  Result<std::vector<app::IncomingMail>> mails;
};

void Report(const Console& console, const std::string& source, const app::IngestedMail& ingested) {
  console.Say(ingested.case_id ? "cli.mail_ingested" : "cli.mail_without_case",
              {{"source", source},
               {"case", ingested.case_number},
               {"how", std::string(ThreadingCode(ingested.threading))}});
}

int IngestMail(const GlobalFlags& flags, const IngestFlags& ingest) {
  const Console console(CliLocale(flags.lang));
  const bool from_stdin = ingest.paths.empty() && ingest.mboxes.empty();
  std::string delivered;
  std::vector<Source> sources;
  if (from_stdin) {
    std::ostringstream bytes;
    bytes << std::cin.rdbuf();
    delivered = bytes.str();
    if (delivered.empty()) return console.Fail(Error::Invalid("message", "validation.required"));
  } else {
    auto collected = CollectSources(ingest);
    if (!collected.ok()) return console.Fail(collected.error());
    sources = std::move(collected).value();
    if (sources.empty()) return kExitOk;  // an empty directory: nothing to store
  }
  auto runtime = OpenConfiguredRuntime(flags);
  if (!runtime.ok()) return console.Fail(runtime.error());
  app::AppContext& context = *(*runtime)->app;
  if (from_stdin) {
    auto ingested = app::IngestRawMail(context, ingest.mailbox, std::move(delivered));
    if (!ingested.ok()) return console.Fail(ingested.error());
    Report(console, "-", *ingested);
    return kExitOk;
  }
  // The next batch is read (MIME, bodies to disk) while the last one is
  // stored: the store's writer and the reading each have a core.
  auto read_batch = [&](std::size_t start) {
    ReadBatch batch{start, start, std::vector<app::IncomingMail>()};
    std::vector<std::string> raws;
    std::size_t bytes_in_batch = 0;
    while (batch.end < sources.size() && raws.size() < kBatchMessages &&
           (raws.empty() || bytes_in_batch < kBatchBytes)) {
      Source& source = sources[batch.end];
      auto bytes =
          source.bytes ? Result<std::string>(std::move(*source.bytes)) : ReadFile(source.file);
      if (!bytes.ok()) {
        batch.mails = bytes.error();
        return batch;
      }
      if (bytes->empty()) {
        batch.mails = Error::Invalid("message", "validation.required");
        return batch;
      }
      bytes_in_batch += bytes->size();
      raws.push_back(std::move(bytes).value());
      ++batch.end;
    }
    batch.mails = app::ReadMailBatch(context, ingest.mailbox, std::move(raws));
    return batch;
  };
  int exit_code = kExitOk;
  std::future<ReadBatch> ahead = std::async(std::launch::async, read_batch, 0);
  for (;;) {
    ReadBatch batch = ahead.get();
    if (!batch.mails.ok()) return console.Fail(batch.mails.error());
    if (batch.end < sources.size()) ahead = std::async(std::launch::async, read_batch, batch.end);
    auto outcomes = app::StoreMailBatch(context, *batch.mails);
    if (!outcomes.ok()) return console.Fail(outcomes.error());
    for (std::size_t i = 0; i < outcomes->size(); ++i) {
      const auto& outcome = (*outcomes)[i];
      const std::string& label = sources[batch.start + i].label;
      if (outcome.ok()) {
        Report(console, label, *outcome);
        continue;
      }
      std::fprintf(stderr, "%s\n",
                   console
                       .Text("cli.mail_not_stored",
                             {{"source", label}, {"reason", console.Describe(outcome.error())}})
                       .c_str());
      if (exit_code == kExitOk) exit_code = ExitCodeOf(outcome.error());
    }
    if (batch.end >= sources.size()) break;
  }
  return exit_code;
}

}  // namespace

void RegisterIngestMailCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                               std::function<int()>& run) {
  auto ingest = std::make_shared<IngestFlags>();
  CLI::App* command = app.add_subcommand(
      "ingest-mail",
      "store e-mail messages: one on standard input, or each FILE, each directory's files and "
      "each --mbox file's messages");
  add_globals(command);
  command->add_option("--mailbox", ingest->mailbox, "the mailbox the message arrived in");
  command->add_option("--mbox", ingest->mboxes, "a mailbox file (mbox) whose messages to store");
  command->add_option("paths", ingest->paths,
                      "message files (RFC 5322, one message each) or directories of them");
  command->callback(
      [&flags, &run, ingest] { run = [&flags, ingest] { return IngestMail(flags, *ingest); }; });
}

}  // namespace lt::cli
