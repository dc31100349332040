#include "cli/console.hpp"

#include <unistd.h>

#include <cstdlib>

#include "http/error_mapping.hpp"

namespace lt::cli {

int ExitCodeOf(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kTooLarge:
    case ErrorCode::kUnsupportedMedia:
    case ErrorCode::kConflict:
      return error.key == "error.config" ? kExitConfig : kExitDataError;
    case ErrorCode::kNotFound:
      return kExitNoInput;
    case ErrorCode::kMethodNotAllowed:
      return kExitUsage;
    case ErrorCode::kForbidden:
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kRateLimited:
    case ErrorCode::kUnavailable:
      return kExitUnavailable;
    case ErrorCode::kInternal:
      break;
  }
  return kExitSoftware;
}

std::string Console::Text(const std::string& key, const std::vector<MessageArg>& args) const {
  return http::RenderMessage(locale_, key, args);
}

void Console::Say(const std::string& key, const std::vector<MessageArg>& args) const {
  std::printf("%s\n", Text(key, args).c_str());
  std::fflush(stdout);
}

std::string Console::Describe(const Error& error) const {
  std::string out = Text(error.key, error.args);
  for (const auto& field : error.fields) {
    out += "; " + field.field + ": " + Text(field.key, field.args);
  }
  return out;
}

int Console::Fail(const Error& error) const {
  std::fprintf(stderr, "%s\n",
               Text("cli.error", {{"message", Text(error.key, error.args)}}).c_str());
  for (const auto& field : error.fields) {
    std::fprintf(
        stderr, "%s\n",
        Text("cli.field_error", {{"field", field.field}, {"message", Text(field.key, field.args)}})
            .c_str());
  }
  if (!error.detail.empty()) std::fprintf(stderr, "  (%s)\n", error.detail.c_str());
  return ExitCodeOf(error);
}

ProgressBar::ProgressBar(std::size_t total)
    : total_(total), enabled_(::isatty(STDERR_FILENO) == 1) {}

void ProgressBar::Update(std::size_t done) {
  if (!enabled_ || total_ == 0) return;
  const int percent = static_cast<int>(done * 100 / total_);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  const int filled = percent * 30 / 100;
  std::fprintf(
      stderr, "\r[%s%s] %3d%% %zu/%zu", std::string(static_cast<std::size_t>(filled), '#').c_str(),
      std::string(static_cast<std::size_t>(30 - filled), '.').c_str(), percent, done, total_);
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (enabled_ && last_percent_ >= 0) std::fprintf(stderr, "\n");
}

i18n::Locale CliLocale(const std::string& lang_flag) {
  i18n::Locale locale = i18n::kDefaultLocale;
  if (!lang_flag.empty() && i18n::ParseLocaleTag(lang_flag, locale)) return locale;
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      if (i18n::ParseLocaleTag(value, locale)) return locale;
      return i18n::kDefaultLocale;
    }
  }
  return i18n::kDefaultLocale;
}

}  // namespace lt::cli
