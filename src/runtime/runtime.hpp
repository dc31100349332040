#pragma once

#include <memory>

#include "app/app_context.hpp"
#include "app/authentication.hpp"
#include "app/live_updates.hpp"
#include "app/mail_intake.hpp"
#include "base/result.hpp"
#include "config/options.hpp"
#include "domain/outbound_mail.hpp"
#include "http/api.hpp"
#include "http/metrics.hpp"
#include "jobs/job_runner.hpp"
#include "jobs/mailbox_fetcher.hpp"
#include "storage/attachment_files.hpp"
#include "storage/database.hpp"

namespace lt::runtime {

// Everything a running Lingting holds, built from the options: the
// composition root and the only place that picks the store engine.
struct Runtime {
  config::Options options;
  SystemClock clock;
  std::unique_ptr<storage::Database> database;
  std::unique_ptr<storage::AttachmentFiles> files;
  std::unique_ptr<domain::MailSender> mail_sender;
  std::unique_ptr<app::MailReader> mail_reader;
  std::unique_ptr<domain::SmsSender> sms_sender;
  std::unique_ptr<domain::RobotSender> robot_sender;
  std::unique_ptr<domain::WechatSender> wechat_sender;
  std::unique_ptr<domain::MailboxConnector> mailbox_connector;
  std::unique_ptr<app::AppContext> app;
  std::unique_ptr<app::Authenticator> authenticator;
  std::unique_ptr<app::LiveUpdates> live_updates;
  std::unique_ptr<jobs::JobRunner> job_runner;  // every job kind registered; started by serve
  std::unique_ptr<jobs::MailboxFetcher> mailbox_fetcher;  // started with the jobs
  http::Metrics metrics;
  std::unique_ptr<http::Services> services;
  std::unique_ptr<http::Api> api;
};

// Opens the store named by options.store.url (applying migrations) and wires
// the use cases and the API. Errors: kInvalidArgument (bad URL), kUnavailable
// (cannot open), kConflict (store newer than this binary).
Result<std::unique_ptr<Runtime>> OpenRuntime(const config::Options& options);

// Starts the runtime's background jobs (when jobs.enabled) and schedules the
// recurring ones.
Status StartJobs(Runtime& runtime);

// Opens only the store (for migrate and backup).
Result<std::unique_ptr<storage::Database>> OpenDatabase(const config::StoreOptions& options);

}  // namespace lt::runtime
