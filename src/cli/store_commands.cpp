// lingting migrate and lingting backup: the store itself.

#include <filesystem>

#include "cli/command_list.hpp"

namespace lt::cli {
namespace {

int Migrate(const GlobalFlags& flags) {
  const Console console(CliLocale(flags.lang));
  auto options = LoadConfiguration(flags);
  if (!options.ok()) return console.Fail(options.error());
  // Opening the store applies every pending migration.
  auto database = server::OpenDatabase(options->store);
  if (!database.ok()) return console.Fail(database.error());
  std::int64_t version = 0;
  std::int64_t applied_now = 0;
  const auto status = (*database)->Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(version,
                  connection.QueryInt("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    LT_TRY_ASSIGN(applied_now, connection.QueryInt("SELECT COUNT(*) FROM schema_migrations"));
    return Ok();
  });
  if (!status.ok()) return console.Fail(status.error());
  console.Say("cli.migrated",
              {{"version", std::to_string(version)}, {"applied", std::to_string(applied_now)}});
  return kExitOk;
}

int Backup(const GlobalFlags& flags, const std::string& to) {
  const Console console(CliLocale(flags.lang));
  auto options = LoadConfiguration(flags);
  if (!options.ok()) return console.Fail(options.error());
  auto database = server::OpenDatabase(options->store);
  if (!database.ok()) return console.Fail(database.error());
  const Status backed_up = (*database)->Backup(to);
  if (!backed_up.ok()) return console.Fail(backed_up.error());
  std::error_code ignored;
  console.Say("cli.backup_done",
              {{"path", to}, {"bytes", std::to_string(std::filesystem::file_size(to, ignored))}});
  return kExitOk;
}

}  // namespace

void RegisterStoreCommands(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                           std::function<int()>& run) {
  CLI::App* migrate = app.add_subcommand("migrate", "apply pending schema migrations to the store");
  add_globals(migrate);
  migrate->callback([&flags, &run] { run = [&flags] { return Migrate(flags); }; });

  auto to = std::make_shared<std::string>();
  CLI::App* backup =
      app.add_subcommand("backup", "copy a consistent snapshot of the store while it serves");
  add_globals(backup);
  backup->add_option("--to", *to, "the backup file to create (must not exist)")->required();
  backup->callback([&flags, &run, to] { run = [&flags, to] { return Backup(flags, *to); }; });
}

}  // namespace lt::cli
