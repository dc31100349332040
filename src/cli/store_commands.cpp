// lingting migrate, backup and migrate-store: the store itself.

#include <filesystem>

#include "cli/command_list.hpp"
#include "runtime/store_migration.hpp"

namespace lt::cli {
namespace {

int Migrate(const GlobalFlags& flags) {
  const Console console(CliLocale(flags.lang));
  auto options = LoadConfiguration(flags);
  if (!options.ok()) return console.Fail(options.error());
  // Opening the store applies every pending migration.
  auto database = runtime::OpenDatabase(options->store);
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
  auto database = runtime::OpenDatabase(options->store);
  if (!database.ok()) return console.Fail(database.error());
  const Status backed_up = (*database)->Backup(to);
  if (!backed_up.ok()) return console.Fail(backed_up.error());
  std::error_code ignored;
  console.Say("cli.backup_done",
              {{"path", to}, {"bytes", std::to_string(std::filesystem::file_size(to, ignored))}});
  return kExitOk;
}

struct MigrateStoreFlags {
  std::string from;
  std::string to;
  std::string from_attachments;
  std::string to_attachments;
};

int MigrateStore(const GlobalFlags& flags, const MigrateStoreFlags& move) {
  const Console console(CliLocale(flags.lang));
  auto options = LoadConfiguration(flags);
  if (!options.ok()) return console.Fail(options.error());
  runtime::StoreMigrationPlan plan;
  plan.from = options->store;
  plan.from.url = move.from;
  plan.to = options->store;
  plan.to.url = move.to;
  if (!move.from_attachments.empty()) plan.from.attachments_dir = move.from_attachments;
  plan.to.attachments_dir =
      move.to_attachments.empty() ? plan.from.attachments_dir : move.to_attachments;
  std::unique_ptr<ProgressBar> bar;
  runtime::MigrationStage stage = runtime::MigrationStage::kAttachments;
  auto report = runtime::MigrateStore(
      plan, [&](runtime::MigrationStage now, std::int64_t done, std::int64_t total) {
        if (!bar || now != stage) {
          if (bar) bar->Finish();
          bar = std::make_unique<ProgressBar>(static_cast<std::size_t>(total));
          stage = now;
        }
        bar->Update(static_cast<std::size_t>(done));
      });
  if (bar) bar->Finish();
  if (!report.ok()) return console.Fail(report.error());
  std::int64_t rows = 0;
  for (const auto& table : report->tables) {
    console.Say("cli.store_table_copied", {{"table", table.table},
                                           {"source", std::to_string(table.source_rows)},
                                           {"target", std::to_string(table.target_rows)}});
    rows += table.target_rows;
  }
  if (!report->verified) {
    console.Say("cli.store_counts_differ");
    return kExitSoftware;
  }
  console.Say("cli.store_moved", {{"rows", std::to_string(rows)},
                                  {"attachments", std::to_string(report->attachments_verified)},
                                  {"copied", std::to_string(report->attachments_copied)}});
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

  auto move = std::make_shared<MigrateStoreFlags>();
  CLI::App* migrate_store = app.add_subcommand(
      "migrate-store", "move a whole installation, attachments included, into PostgreSQL");
  add_globals(migrate_store);
  migrate_store->add_option("--from", move->from, "the store to move: sqlite:PATH")->required();
  migrate_store
      ->add_option("--to", move->to, "an empty PostgreSQL store: postgresql://USER@HOST:PORT/DB")
      ->required();
  migrate_store->add_option("--from-attachments", move->from_attachments,
                            "attachment directory of the source (default: store.attachments_dir)");
  migrate_store->add_option("--to-attachments", move->to_attachments,
                            "attachment directory for the new store (default: the same)");
  migrate_store->callback(
      [&flags, &run, move] { run = [&flags, move] { return MigrateStore(flags, *move); }; });
}

}  // namespace lt::cli
