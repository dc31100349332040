// lingting export cases --format csv|jsonl: every case, for other systems.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/cases.hpp"
#include "base/crypto.hpp"
#include "base/time_format.hpp"
#include "cli/command_list.hpp"
#include "http/json/case_wire.hpp"
#include "http/json/wire.hpp"

namespace lt::cli {
namespace {

const std::vector<std::string> kColumns = {
    "id",          "number",       "type",      "channel", "subject",       "description",
    "customer_id", "category_id",  "product",   "model",   "batch",         "serial",
    "urgency",     "origin_class", "remedy",    "status",  "department_id", "assignee_id",
    "received_at", "created_at",   "updated_at"};

std::string CsvCell(const nlohmann::json& value) {
  std::string text = value.is_null()     ? ""
                     : value.is_string() ? value.get<std::string>()
                                         : value.dump();
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

int Export(const GlobalFlags& flags, const std::string& format, const std::string& output) {
  const Console console(CliLocale(flags.lang));
  if (!output.empty() && std::filesystem::exists(output)) {
    return console.Fail(Error::Invalid("--output", "validation.file_exists", {{"path", output}}));
  }
  auto runtime = OpenConfiguredRuntime(flags);
  if (!runtime.ok()) return console.Fail(runtime.error());
  // Write to a temporary file and rename it at the end: an export is whole or absent.
  const std::string temporary = output.empty() ? "" : output + ".tmp-" + RandomHex(6);
  std::ofstream file;
  if (!output.empty()) {
    file.open(temporary, std::ios::binary);
    if (!file)
      return console.Fail(
          Error::Of(ErrorCode::kInvalidArgument, "error.file_write", {{"path", output}}));
  }
  std::ostream& out = output.empty() ? std::cout : file;
  if (format == "csv") {
    out << "\xEF\xBB\xBF";  // so spreadsheet programs read the UTF-8 Chinese text correctly
    for (std::size_t i = 0; i < kColumns.size(); ++i) out << (i ? "," : "") << kColumns[i];
    out << "\r\n";
  }
  domain::CaseFilter filter;
  filter.sort = domain::CaseSort{domain::CaseSortField::kReceivedAt, false};
  filter.limit = 1000;
  std::size_t count = 0;
  for (;;) {
    auto page = app::ListCases(*(*runtime)->app, domain::Principal::System(), filter);
    if (!page.ok()) {
      if (!temporary.empty()) std::filesystem::remove(temporary);
      return console.Fail(page.error());
    }
    for (const auto& a_case : page->cases) {
      const nlohmann::json record = http::wire::CaseToJson(a_case);
      if (format == "csv") {
        for (std::size_t i = 0; i < kColumns.size(); ++i)
          out << (i ? "," : "") << CsvCell(record[kColumns[i]]);
        out << "\r\n";
      } else {
        out << http::wire::Dump(record) << "\n";
      }
      ++count;
    }
    if (!page->next) break;
    filter.after = page->next;
  }
  out.flush();
  if (!output.empty()) {
    file.close();
    std::error_code error;
    if (!file || (std::filesystem::rename(temporary, output, error), error)) {
      std::filesystem::remove(temporary, error);
      return console.Fail(
          Error::Of(ErrorCode::kInvalidArgument, "error.file_write", {{"path", output}}));
    }
  }
  std::fprintf(stderr, "%s\n",
               console.Text("cli.export_done", {{"count", std::to_string(count)}}).c_str());
  return kExitOk;
}

}  // namespace

void RegisterExportCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                           std::function<int()>& run) {
  auto format = std::make_shared<std::string>("jsonl");
  auto output = std::make_shared<std::string>();
  auto what = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("export", "export records as CSV or JSON lines");
  add_globals(command);
  command->add_option("what", *what, "what to export: cases")
      ->required()
      ->check(CLI::IsMember({"cases"}));
  command->add_option("--format", *format, "csv or jsonl")->check(CLI::IsMember({"csv", "jsonl"}));
  command->add_option("--output", *output, "file to write (default: standard output)");
  command->callback([&flags, &run, format, output, what] {
    run = [&flags, format, output] { return Export(flags, *format, *output); };
  });
}

}  // namespace lt::cli
