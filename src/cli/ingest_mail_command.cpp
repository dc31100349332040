// lingting ingest-mail [--mailbox NAME] [FILE...]: e-mail in by direct
// delivery. With no file, one message on standard input, as a Postfix `pipe`
// transport or procmail hands it over; the exit status is 0 only once the
// message is stored. With files, each is one message (a directory's .eml
// files, say).

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "app/mail_intake.hpp"
#include "cli/command_list.hpp"
#include "cli/console.hpp"

namespace lt::cli {
namespace {

struct IngestFlags {
  std::string mailbox;
  std::vector<std::string> files;
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

int IngestMail(const GlobalFlags& flags, const IngestFlags& ingest) {
  const Console console(CliLocale(flags.lang));
  std::vector<std::pair<std::string, std::string>> messages;  // source, bytes
  if (ingest.files.empty()) {
    std::ostringstream bytes;
    bytes << std::cin.rdbuf();
    messages.emplace_back("-", bytes.str());
  } else {
    for (const auto& file : ingest.files) {
      std::ifstream in(file, std::ios::binary);
      if (!in)
        return console.Fail(Error::Of(ErrorCode::kNotFound, "error.file_read", {{"path", file}}));
      messages.emplace_back(file, std::string(std::istreambuf_iterator<char>(in), {}));
    }
  }
  auto runtime = OpenConfiguredRuntime(flags);
  if (!runtime.ok()) return console.Fail(runtime.error());
  app::AppContext& context = *(*runtime)->app;
  for (auto& [source, bytes] : messages) {
    if (bytes.empty()) {
      return console.Fail(Error::Invalid("message", "validation.required"));
    }
    auto ingested = app::IngestRawMail(context, ingest.mailbox, std::move(bytes));
    if (!ingested.ok()) return console.Fail(ingested.error());
    console.Say(ingested->case_id ? "cli.mail_ingested" : "cli.mail_without_case",
                {{"source", source},
                 {"case", ingested->case_number},
                 {"how", std::string(ThreadingCode(ingested->threading))}});
  }
  return kExitOk;
}

}  // namespace

void RegisterIngestMailCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                               std::function<int()>& run) {
  auto ingest = std::make_shared<IngestFlags>();
  CLI::App* command = app.add_subcommand(
      "ingest-mail", "store e-mail messages: one on standard input, or each FILE given");
  add_globals(command);
  command->add_option("--mailbox", ingest->mailbox, "the mailbox the message arrived in");
  command->add_option("files", ingest->files, "message files (RFC 5322), one message each");
  command->callback(
      [&flags, &run, ingest] { run = [&flags, ingest] { return IngestMail(flags, *ingest); }; });
}

}  // namespace lt::cli
