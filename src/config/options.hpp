#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "app/app_context.hpp"
#include "base/result.hpp"

namespace lt::config {

// Deployment settings. Every field has its default here and an entry in
// docs/configuration.md; the file key is "<section>.<field>" and the
// environment override is LINGTING_<SECTION>_<FIELD> in upper case.
struct ServerOptions {
  std::string listen = "127.0.0.1:8080";           // HOST:PORT to serve on
  std::int64_t threads = 16;                       // request handler threads
  std::string public_url;                          // how people reach it; default http://<listen>
  bool secure_cookies = false;                     // add the Secure flag (serve behind TLS)
  std::int64_t max_body_bytes = 32 * 1024 * 1024;  // larger request bodies get 413
  std::int64_t event_heartbeat_seconds = 15;       // keep-alive comment on /api/v1/events
  std::int64_t header_timeout_seconds = 10;        // a request's headers must arrive within this
  std::set<std::string> trusted_proxies;           // whose X-Forwarded-For is believed
  // Who may read /metrics: clients in these networks (CIDR), or any client
  // sending "Authorization: Bearer <metrics_token>" when one is set.
  std::set<std::string> metrics_networks = {"127.0.0.0/8", "::1/128"};
  std::string metrics_token;
  bool console = true;      // serve the web console at /
  std::string console_dir;  // its built files; empty: installed beside the binary
};

struct StoreOptions {
  std::string url = "sqlite:var/lingting.db";  // sqlite:PATH or postgresql://USER@HOST:PORT/DB
  std::string durability = "normal";  // normal: survives a killed process; full: power loss
  std::string attachments_dir = "var/attachments";
  std::int64_t connections = 16;  // PostgreSQL connections per node
  // PostgreSQL write transactions open at once per node; writes arriving
  // meanwhile are committed together by the next one free.
  std::int64_t write_transactions = 2;
};

struct CasesOptions {
  std::string number_prefix = "TS";  // case numbers look like TS-2026-000123
  // The timeliness attainment (时效达标率) the organisation aims at, in
  // percent: the line the monthly figures are read against.
  std::int64_t timeliness_target_percent = 95;
  // A reply without In-Reply-To/References (QQMail, some Coremail) joins the
  // sender's open case of the same subject received within this many days.
  std::int64_t mail_thread_window_days = 30;
};

struct AttachmentsOptions {
  std::int64_t max_bytes = 20 * 1024 * 1024;
  std::int64_t max_per_interaction = 20;
  std::set<std::string> allowed_types = app::AppOptions{}.allowed_content_types;
};

struct AuthOptions {
  std::int64_t session_ttl_hours = 12;
  std::int64_t login_max_failures = 5;
  std::int64_t login_window_minutes = 15;
  std::int64_t min_password_length = 8;
};

struct JobsOptions {
  bool enabled = true;                     // run background jobs on this node
  std::int64_t lease_seconds = 60;         // a node silent this long loses its jobs to others
  std::int64_t poll_ms = 1000;             // longest sleep between looks at the jobs table
  std::int64_t sla_recompute_batch = 100;  // open cases recomputed per job run
};

struct LogOptions {
  std::string format = "plain";  // plain or json (one JSON object per line)
  std::string level = "info";    // trace, debug, info, warn, error, off
};

struct Options {
  ServerOptions server;
  StoreOptions store;
  CasesOptions cases;
  AttachmentsOptions attachments;
  AuthOptions auth;
  JobsOptions jobs;
  LogOptions log;
};

// Loads defaults, then the TOML file (when `path` is given), then the
// environment. Refuses unknown keys, wrong types and out-of-range values
// with kInvalidArgument naming the key.
Result<Options> LoadOptions(const std::optional<std::string>& path);

// The use-case limits these options imply.
app::AppOptions ToAppOptions(const Options& options);

// Splits "HOST:PORT"; kInvalidArgument when malformed.
Result<std::pair<std::string, std::uint16_t>> ParseListen(const std::string& listen);

}  // namespace lt::config
