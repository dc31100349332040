#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

#include "base/crypto.hpp"
#include "base/log.hpp"
#include "cli/command_list.hpp"

namespace lt::cli {

Result<config::Options> LoadConfiguration(const GlobalFlags& flags) {
  LT_TRY_ASSIGN(auto options,
                config::LoadOptions(flags.config_path.empty() ? std::nullopt
                                                              : std::optional(flags.config_path)));
  if (!flags.db_url.empty()) options.store.url = flags.db_url;
  return options;
}

int Main(int argc, char** argv) {
  if (!InitCrypto().ok()) return kExitSoftware;
  CLI::App app{"Lingting (聆听): customer voice and complaint resolution"};
  app.require_subcommand(1);
  GlobalFlags flags;
  auto add_globals = [&flags](CLI::App* command) {
    command->add_option("--config", flags.config_path, "TOML configuration file");
    command->add_option("--db", flags.db_url,
                        "database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DB");
    command->add_option("--lang", flags.lang, "language of messages: zh-CN or en");
  };
  std::function<int()> run;
  RegisterServeCommand(app, add_globals, flags, run);
  RegisterStoreCommands(app, add_globals, flags, run);
  RegisterUserCommands(app, add_globals, flags, run);
  RegisterImportCommand(app, add_globals, flags, run);
  RegisterIngestMailCommand(app, add_globals, flags, run);
  RegisterExportCommand(app, add_globals, flags, run);
  RegisterDemoCommand(app, add_globals, flags, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
  ConfigureLogging(LogFormat::kPlain, "warn");
  return run ? run() : kExitUsage;
}

}  // namespace lt::cli
