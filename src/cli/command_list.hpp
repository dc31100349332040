#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "base/result.hpp"
#include "cli/commands.hpp"
#include "runtime/runtime.hpp"

namespace lt::cli {

using AddGlobals = std::function<void(CLI::App*)>;

// Each command file registers its subcommands; the chosen one sets `run`.
void RegisterServeCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                          std::function<int()>& run);
void RegisterStoreCommands(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                           std::function<int()>& run);
void RegisterUserCommands(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                          std::function<int()>& run);
void RegisterImportCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                           std::function<int()>& run);
void RegisterExportCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                           std::function<int()>& run);
void RegisterDemoCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                         std::function<int()>& run);
void RegisterIngestMailCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                               std::function<int()>& run);

// Loads the configuration (with the global flags) and opens the runtime,
// configuring logging from it.
Result<std::unique_ptr<runtime::Runtime>> OpenConfiguredRuntime(const GlobalFlags& flags);

}  // namespace lt::cli
