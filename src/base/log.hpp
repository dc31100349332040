#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace lt {

enum class LogFormat { kPlain, kJson };

// Configures the process-wide logger: plain text or JSON lines on stderr.
// `level` is one of trace, debug, info, warn, error, off.
void ConfigureLogging(LogFormat format, std::string_view level);

}  // namespace lt
