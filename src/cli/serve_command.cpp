// lingting serve: run the server (optionally with demo data on first start).

#include <signal.h>

#include <chrono>

#include "base/log.hpp"
#include "cli/command_list.hpp"
#include "cli/demo_data.hpp"
#include "http/http_server.hpp"

namespace lt::cli {

Result<std::unique_ptr<runtime::Runtime>> OpenConfiguredRuntime(const GlobalFlags& flags) {
  LT_TRY_ASSIGN(auto options, LoadConfiguration(flags));
  ConfigureLogging(options.log.format == "json" ? LogFormat::kJson : LogFormat::kPlain,
                   options.log.level);
  return runtime::OpenRuntime(options);
}

namespace {

struct ServeFlags {
  std::string listen;
  bool demo = false;
  int demo_cases = 300;
};

int Serve(const GlobalFlags& flags, const ServeFlags& serve) {
  const auto started = std::chrono::steady_clock::now();
  const Console console(CliLocale(flags.lang));
  // Block the stop signals before any thread starts, so only sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto options = LoadConfiguration(flags);
  if (!options.ok()) return console.Fail(options.error());
  if (!serve.listen.empty()) options->server.listen = serve.listen;
  auto listen = config::ParseListen(options->server.listen);
  if (!listen.ok()) return console.Fail(listen.error());
  ConfigureLogging(options->log.format == "json" ? LogFormat::kJson : LogFormat::kPlain,
                   options->log.level);
  auto runtime = runtime::OpenRuntime(*options);
  if (!runtime.ok()) return console.Fail(runtime.error());
  if (serve.demo) {
    auto empty = StoreIsEmpty(*(*runtime)->app);
    if (!empty.ok()) return console.Fail(empty.error());
    if (*empty) {
      DemoOptions demo;
      demo.cases = serve.demo_cases;
      auto summary = GenerateDemoData(*(*runtime)->app, demo);
      if (!summary.ok()) return console.Fail(summary.error());
      console.Say("cli.demo_created", {{"cases", std::to_string(summary->cases)}});
    }
  }
  (*runtime)->app->options.demo = serve.demo;
  const Status jobs = runtime::StartJobs(**runtime);
  if (!jobs.ok()) return console.Fail(jobs.error());
  http::ServerOptions server_options;
  server_options.host = listen->first;
  server_options.port = listen->second;
  server_options.threads = static_cast<std::size_t>(options->server.threads);
  server_options.hard_body_limit_bytes = std::max<std::uint64_t>(
      static_cast<std::uint64_t>(options->server.max_body_bytes) * 4, 16ull << 20);
  server_options.header_timeout = std::chrono::seconds(options->server.header_timeout_seconds);
  auto server = http::HttpServer::Start(*(*runtime)->api, server_options);
  if (!server.ok()) return console.Fail(server.error());
  const std::string url = options->server.public_url.empty()
                              ? "http://" + listen->first + ":" + std::to_string((*server)->port())
                              : options->server.public_url;
  const double startup_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("ready in {:.1f} ms, serving {} on {}", startup_ms, options->store.url, url);
  console.Say("cli.serving", {{"url", url}});
  if ((*runtime)->services->options.console_root.empty() && options->server.console) {
    console.Say("cli.console_missing", {});
  }
  if (serve.demo) {
    console.Say("cli.login_hint",
                {{"email", kDemoAdminEmail}, {"password", DemoOptions{}.password}});
    console.Say("cli.portal_hint", {{"url", url + "/portal"}});
  }
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  spdlog::info("signal {} received, stopping", signal_number);
  (*server)->Stop();
  (*runtime)->mailbox_fetcher->Stop();
  (*runtime)->job_runner->Stop();
  return kExitOk;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                          std::function<int()>& run) {
  auto serve = std::make_shared<ServeFlags>();
  CLI::App* command = app.add_subcommand("serve", "run the Lingting server");
  add_globals(command);
  command->add_option("--listen", serve->listen,
                      "HOST:PORT to listen on (overrides server.listen)");
  command->add_flag("--demo", serve->demo,
                    "on first start, load demo data and print the demo login");
  command->add_option("--demo-cases", serve->demo_cases, "how many demo cases to generate")
      ->check(CLI::Range(1, 10000000));
  command->callback(
      [&flags, &run, serve] { run = [&flags, serve] { return Serve(flags, *serve); }; });
}

}  // namespace lt::cli
