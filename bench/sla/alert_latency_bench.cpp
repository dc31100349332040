// How soon after its due time an SLA warning is given, on a store full of
// open cases: the figure of issue 4 ("a warning or breach fires within 1 s of
// its due time with 1,000,000 open cases on SQLite"). Prints JSON lines; see
// docs/PERFORMANCE.md.
//
//   lingting-alert-bench [--cases N] [--probes K] [--threads T] [--dir DIR]
//
// 1. Opens a fresh SQLite store with an SLA policy of one calendar hour to
//    first contact, warning at 75 %.
// 2. Files N open cases through the use cases from T threads, received in the
//    last ten minutes: each has a running clock whose warning is 35 to 45
//    minutes away, so the alert index holds N entries and none falls due.
// 3. Starts the node's job runner (the SLA sweep, jobs.poll_ms = 1 s), then
//    files K probe cases whose warnings fall due 2 to 12 s later, spread out.
// 4. Waits until every probe is warned and reports warned_at − warn_at.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/cases.hpp"
#include "app/customers.hpp"
#include "app/procedure_settings.hpp"
#include "runtime/runtime.hpp"
#include "sla/sla_policy.hpp"

namespace {

using namespace lt;

constexpr std::int64_t kMinuteMs = 60 * 1000;

[[noreturn]] void Fail(const std::string& what, const Error& error) {
  std::fprintf(stderr, "alert-bench: %s: %s %s\n", what.c_str(), error.key.c_str(),
               error.detail.c_str());
  std::exit(1);
}

template <class T>
T Must(Result<T> result, const std::string& what) {
  if (!result.ok()) Fail(what, result.error());
  return std::move(result).value();
}

app::CreateCaseInput CaseReceivedAt(TimestampMs received_at, domain::Id customer_id, long index) {
  app::CreateCaseInput input;
  input.type = domain::CaseType::kComplaint;
  input.subject = "热水器漏电跳闸 #" + std::to_string(index);
  input.description = "客户反映热水器使用时漏电保护器跳闸，要求上门检修。";
  input.customer_id = customer_id;
  input.received_at = received_at;
  return input;
}

double Percentile(std::vector<double> values, double share) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(share * static_cast<double>(values.size() - 1));
  return values[index];
}

}  // namespace

int main(int argc, char** argv) {
  long cases = 1'000'000;
  int probes = 100;
  int threads = 4;
  std::string dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--cases")
      cases = std::atol(argv[i + 1]);
    else if (flag == "--probes")
      probes = std::atoi(argv[i + 1]);
    else if (flag == "--threads")
      threads = std::atoi(argv[i + 1]);
    else if (flag == "--dir")
      dir = argv[i + 1];
    else {
      std::fprintf(stderr, "alert-bench: unknown flag %s\n", flag.c_str());
      return 64;
    }
  }
  const std::filesystem::path work =
      dir.empty() ? std::filesystem::temp_directory_path() / "lingting-alert-bench"
                  : std::filesystem::path(dir);
  std::filesystem::remove_all(work);
  std::filesystem::create_directories(work);

  config::Options options;
  options.store.url = "sqlite:" + (work / "bench.db").string();
  options.store.attachments_dir = (work / "attachments").string();
  auto runtime = Must(runtime::OpenRuntime(options), "open");
  app::AppContext& context = *runtime->app;
  const domain::Principal system = domain::Principal::System();

  sla::SlaPolicy policy;
  policy.code = "bench";
  policy.name = "one hour to first contact";
  sla::SlaTarget target;
  target.code = "first_contact";
  target.start_event = "received";
  target.stop_events = {"first_contact"};
  target.amount = 1;
  target.unit = sla::DurationUnit::kCalendarHours;
  target.warn_percent = 75;
  policy.targets = {target};
  Must(app::ReplaceSlaPolicies(context, system, {policy}), "policies");

  std::vector<domain::Id> customers;
  for (int i = 0; i < 1000; ++i) {
    app::CustomerInput customer;
    customer.name = "客户" + std::to_string(i);
    customer.phones = {"1380000" + std::to_string(1000 + i)};
    customers.push_back(Must(app::CreateCustomer(context, system, customer), "customer").id);
  }

  // 2. The open cases.
  const auto fill_start = std::chrono::steady_clock::now();
  std::atomic<long> next{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&] {
      for (long index = next++; index < cases; index = next++) {
        const TimestampMs received = runtime->clock.NowMs() - (index % 10) * kMinuteMs;
        Must(app::CreateCase(context, system,
                             CaseReceivedAt(received, customers[index % customers.size()], index),
                             std::nullopt),
             "case");
      }
    });
  }
  for (auto& writer : writers) writer.join();
  const double fill_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - fill_start).count();
  std::printf("{\"bench\":\"alert_fill\",\"cases\":%ld,\"seconds\":%.1f,\"per_s\":%.0f}\n", cases,
              fill_s, static_cast<double>(cases) / fill_s);
  std::fflush(stdout);

  // 3. The runner, then the probes: warn_at = received_at + 45 min.
  runtime->job_runner->Start();
  std::vector<domain::Id> probe_ids;
  const TimestampMs probes_start = runtime->clock.NowMs();
  for (int i = 0; i < probes; ++i) {
    const TimestampMs warn_at = probes_start + 2000 + i * (10000 / std::max(1, probes));
    const auto created =
        Must(app::CreateCase(context, system,
                             CaseReceivedAt(warn_at - 45 * kMinuteMs, customers[0], cases + i),
                             std::nullopt),
             "probe");
    probe_ids.push_back(created.a_case.id);
  }

  // 4. Wait for every warning; read warned_at − warn_at from the clocks.
  std::vector<double> lateness_ms;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    lateness_ms.clear();
    const Status read = runtime->database->Read([&](storage::Connection& connection) -> Status {
      return connection.Query(
          "SELECT warned_at - warn_at FROM sla_clocks WHERE case_id >= $1 AND case_id <= $2 "
          "AND warned_at IS NOT NULL",
          {probe_ids.front(), probe_ids.back()},
          [&](const storage::Row& row) { lateness_ms.push_back(static_cast<double>(row.Int(0))); });
    });
    if (!read.ok()) Fail("read", read.error());
    if (static_cast<int>(lateness_ms.size()) == probes) break;
  }
  runtime->job_runner->Stop();
  if (static_cast<int>(lateness_ms.size()) != probes) {
    std::fprintf(stderr, "alert-bench: only %zu of %d probes were warned\n", lateness_ms.size(),
                 probes);
    return 1;
  }
  std::printf(
      "{\"bench\":\"alert_latency\",\"open_cases\":%ld,\"probes\":%d,\"p50_ms\":%.0f,"
      "\"p99_ms\":%.0f,\"max_ms\":%.0f,\"min_ms\":%.0f}\n",
      cases, probes, Percentile(lateness_ms, 0.5), Percentile(lateness_ms, 0.99),
      Percentile(lateness_ms, 1.0), Percentile(lateness_ms, 0.0));
  runtime.reset();
  if (dir.empty()) std::filesystem::remove_all(work);
  return 0;
}
