#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "i18n/i18n.hpp"

namespace lt::cli {

// Exit codes (sysexits.h): what a script calling lingting can rely on.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 64;         // wrong command line
inline constexpr int kExitDataError = 65;     // bad input data (validation, CSV)
inline constexpr int kExitNoInput = 66;       // a file or record does not exist
inline constexpr int kExitUnavailable = 69;   // the store cannot be reached
inline constexpr int kExitSoftware = 70;      // internal error
inline constexpr int kExitCannotCreate = 73;  // an output file cannot be written
inline constexpr int kExitConfig = 78;        // configuration error

int ExitCodeOf(const Error& error);

// Prints messages for people in the CLI's language (--lang, else LANG).
class Console {
 public:
  explicit Console(i18n::Locale locale) : locale_(locale) {}
  i18n::Locale locale() const { return locale_; }
  std::string Text(const std::string& key, const std::vector<MessageArg>& args = {}) const;
  void Say(const std::string& key, const std::vector<MessageArg>& args = {}) const;
  // Prints the error and its field problems to stderr; returns the exit code.
  int Fail(const Error& error) const;
  // One line describing an error and its fields (for import row reports).
  std::string Describe(const Error& error) const;

 private:
  i18n::Locale locale_;
};

// A progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(std::size_t total);
  void Update(std::size_t done);
  void Finish();

 private:
  std::size_t total_;
  bool enabled_;
  int last_percent_ = -1;
};

// The CLI's language: --lang when given, else LANG / LC_ALL, else zh-CN.
i18n::Locale CliLocale(const std::string& lang_flag);

}  // namespace lt::cli
