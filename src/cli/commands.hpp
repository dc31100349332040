#pragma once

#include <optional>
#include <string>

#include "base/result.hpp"
#include "cli/console.hpp"
#include "config/options.hpp"

namespace lt::cli {

// Options every command accepts.
struct GlobalFlags {
  std::string config_path;  // --config FILE
  std::string db_url;       // --db URL, overrides store.url
  std::string lang;         // --lang zh-CN|en
};

// Loads the configuration with the global flags applied.
Result<config::Options> LoadConfiguration(const GlobalFlags& flags);

// The entry point: parses the command line and runs one command.
int Main(int argc, char** argv);

}  // namespace lt::cli
