#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "app/app_context.hpp"
#include "base/result.hpp"

namespace lt::cli {

struct DemoOptions {
  int cases = 300;
  std::uint64_t seed = 20261125;
  int threads = 8;        // concurrent writers, so group commit can batch
  bool all_open = false;  // no case resolved or closed (benchmarks at N open cases)
  std::string password = "lingting-demo";  // for the demo users
  std::function<void(std::size_t done)> progress;
};

struct DemoSummary {
  int cases = 0;
  bool organization_created = false;
};

inline constexpr const char* kDemoAdminEmail = "admin@lingting.demo";

// Generates a realistic installation: departments, a defect category tree,
// one user per role (password `options.password`), and `options.cases`
// complaints, inquiries, suggestions and praise in Chinese (about four in
// five) and English, from repeat and new customers, received over the past
// year. The organisation is created only once; cases are added every call.
Result<DemoSummary> GenerateDemoData(app::AppContext& context, const DemoOptions& options);

// True when the store has no users yet (a fresh installation).
Result<bool> StoreIsEmpty(app::AppContext& context);

}  // namespace lt::cli
