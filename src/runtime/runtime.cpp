#include "runtime/runtime.hpp"

#include "app/outbox.hpp"
#include "app/sla_recompute.hpp"
#include "app/wechat_media.hpp"
#include "gateways/group_robot_sender.hpp"
#include "gateways/sms_gateway_sender.hpp"
#include "gateways/wechat_api_sender.hpp"
#include "jobs/due_sweeps.hpp"
#include "jobs/housekeeping.hpp"
#include "jobs/mailbox_fetcher.hpp"
#include "jobs/outbox_job.hpp"
#include "jobs/sla_recompute_job.hpp"
#include "jobs/wechat_media_job.hpp"
#include "mail/imap_client.hpp"
#include "mail/smtp_sender.hpp"
#include "runtime/console_location.hpp"
#include "runtime/mail_reading.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace lt::runtime {

Result<std::unique_ptr<storage::Database>> OpenDatabase(const config::StoreOptions& options) {
  const std::string& url = options.url;
  const auto durability =
      options.durability == "full" ? storage::Durability::kFull : storage::Durability::kNormal;
  if (url.rfind("sqlite:", 0) == 0 && url.size() > 7) {
    storage::SqliteOptions sqlite;
    sqlite.path = url.substr(7);
    sqlite.durability = durability;
    LT_TRY_ASSIGN(auto database, storage::SqliteDatabase::Open(sqlite));
    return std::unique_ptr<storage::Database>(std::move(database));
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    storage::PgOptions postgres;
    postgres.url = url;
    postgres.durability = durability;
    postgres.max_connections = static_cast<std::size_t>(options.connections);
    postgres.max_write_transactions = static_cast<std::size_t>(options.write_transactions);
    LT_TRY_ASSIGN(auto database, storage::PgDatabase::Open(postgres));
    return std::unique_ptr<storage::Database>(std::move(database));
  }
  return Error::Of(ErrorCode::kInvalidArgument, "error.bad_db_url", {{"url", url}});
}

Result<std::unique_ptr<Runtime>> OpenRuntime(const config::Options& options) {
  auto runtime = std::make_unique<Runtime>();
  runtime->options = options;
  LT_TRY_ASSIGN(runtime->database, OpenDatabase(options.store));
  runtime->files = std::make_unique<storage::AttachmentFiles>(options.store.attachments_dir,
                                                              runtime->database.get());
  runtime->app = std::make_unique<app::AppContext>(app::AppContext{
      *runtime->database, runtime->clock, *runtime->files, config::ToAppOptions(options)});
  runtime->mail_sender = std::make_unique<mail::SmtpSender>();
  runtime->app->mail_sender = runtime->mail_sender.get();
  runtime->mail_reader = std::make_unique<MimeMailReader>();
  runtime->app->mail_reader = runtime->mail_reader.get();
  runtime->sms_sender = std::make_unique<gateways::SmsGatewaySender>();
  runtime->app->sms_sender = runtime->sms_sender.get();
  runtime->robot_sender = std::make_unique<gateways::GroupRobotSender>();
  runtime->app->robot_sender = runtime->robot_sender.get();
  runtime->wechat_sender = std::make_unique<gateways::WechatApiSender>();
  runtime->app->wechat_sender = runtime->wechat_sender.get();
  runtime->mailbox_connector = std::make_unique<mail::ImapConnector>();
  runtime->app->mailbox_connector = runtime->mailbox_connector.get();
  runtime->authenticator = std::make_unique<app::Authenticator>(*runtime->app);
  runtime->live_updates = std::make_unique<app::LiveUpdates>(
      *runtime->database, std::chrono::seconds(options.server.event_heartbeat_seconds));
  http::ApiOptions api_options;
  api_options.max_body_bytes = static_cast<std::size_t>(options.server.max_body_bytes);
  api_options.secure_cookies = options.server.secure_cookies;
  api_options.trusted_proxies = options.server.trusted_proxies;
  api_options.console_root = ConsoleRoot(options.server, RunningExecutable());
  api_options.metrics_networks.clear();
  for (const auto& network : options.server.metrics_networks) {
    // Checked when the options were loaded.
    if (auto parsed = ParseIpNetwork(network)) api_options.metrics_networks.push_back(*parsed);
  }
  api_options.metrics_token = options.server.metrics_token;
  runtime->services = std::make_unique<http::Services>(
      http::Services{*runtime->app, *runtime->authenticator, runtime->metrics,
                     *runtime->live_updates, api_options});
  runtime->api = std::make_unique<http::Api>(*runtime->services);
  jobs::JobRunnerOptions job_options;
  job_options.lease = std::chrono::seconds(options.jobs.lease_seconds);
  job_options.poll_interval = std::chrono::milliseconds(options.jobs.poll_ms);
  runtime->job_runner =
      std::make_unique<jobs::JobRunner>(*runtime->database, runtime->clock, job_options);
  runtime->job_runner->Register(std::string(jobs::kHousekeepingKind),
                                std::make_unique<jobs::HousekeepingJob>());
  runtime->job_runner->Register(
      std::string(app::kSlaRecomputeKind),
      std::make_unique<jobs::SlaRecomputeJob>(static_cast<int>(options.jobs.sla_recompute_batch)));
  runtime->job_runner->Register(std::string(app::kOutboxSendJob),
                                std::make_unique<jobs::OutboxJob>(*runtime->app));
  runtime->job_runner->Register(std::string(app::kWechatMediaJob),
                                std::make_unique<jobs::WechatMediaJob>(*runtime->app));
  jobs::MailboxFetcherOptions fetcher_options;
  fetcher_options.node = runtime->job_runner->node();
  fetcher_options.lease = job_options.lease;
  fetcher_options.poll_interval = job_options.poll_interval;
  runtime->mailbox_fetcher = std::make_unique<jobs::MailboxFetcher>(*runtime->app, fetcher_options);
  runtime->job_runner->AddSource(
      jobs::MakeSlaAlertSweep(*runtime->database, runtime->app->options.public_url));
  runtime->job_runner->AddSource(
      jobs::MakeActionDueSweep(*runtime->database, runtime->app->options.public_url));
  return runtime;
}

Status StartJobs(Runtime& runtime) {
  if (!runtime.options.jobs.enabled) return Ok();
  LT_TRY(jobs::ScheduleHousekeeping(*runtime.database, runtime.clock.NowMs()));
  runtime.job_runner->Start();
  runtime.mailbox_fetcher->Start();
  return Ok();
}

}  // namespace lt::runtime
