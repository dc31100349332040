#pragma once

// Where the web console's built files are: the configured directory, or the
// one installed with the program (../share/lingting/console from the
// directory of the running binary, as the build and `cmake --install` lay
// it out).

#include <filesystem>
#include <string>

#include "config/options.hpp"

namespace lt::runtime {

// The directory to serve at /, or empty to serve the API alone (the console
// is switched off, or none is installed beside `executable`).
std::string ConsoleRoot(const config::ServerOptions& options,
                        const std::filesystem::path& executable);

// The running program's own path (/proc/self/exe).
std::filesystem::path RunningExecutable();

}  // namespace lt::runtime
