#include "cli/demo_data.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "app/cases.hpp"
#include "app/categories.hpp"
#include "app/customers.hpp"
#include "app/departments.hpp"
#include "app/users.hpp"

namespace lt::cli {
namespace {

using domain::Id;

struct Product {
  const char* zh;
  const char* en;
  const char* model_prefix;
};

constexpr std::array<Product, 12> kProducts = {{
    {"变频空调", "inverter air conditioner", "KFR-35GW"},
    {"滚筒洗衣机", "front-load washing machine", "XQG100"},
    {"双门冰箱", "two-door refrigerator", "BCD-452"},
    {"燃气热水器", "gas water heater", "JSQ25"},
    {"电热水器", "electric water heater", "DSZF-60"},
    {"电饭煲", "rice cooker", "FB40"},
    {"微波炉", "microwave oven", "M1-L213"},
    {"小型断路器", "miniature circuit breaker", "DZ47-63"},
    {"漏电保护器", "residual current device", "DZ267L"},
    {"吸油烟机", "range hood", "CXW-200"},
    {"净水器", "water purifier", "MRO400"},
    {"电动自行车充电器", "e-bike charger", "CH48V"},
}};

struct Defect {
  const char* zh;
  const char* en;
  const char* category;  // code in the demo category tree
  domain::OriginClass origin;
};

constexpr std::array<Defect, 16> kDefects = {{
    {"外壳开裂", "housing cracked", "APPEARANCE-CRACK", domain::OriginClass::kOwnFactory},
    {"面板划痕", "scratches on the front panel", "APPEARANCE-SCRATCH",
     domain::OriginClass::kOwnFactory},
    {"运行时异响", "makes a loud noise while running", "FUNCTION-NOISE",
     domain::OriginClass::kOwnFactory},
    {"漏水", "leaks water", "FUNCTION-LEAK", domain::OriginClass::kOwnFactory},
    {"不制冷", "does not cool", "FUNCTION-NOCOOL", domain::OriginClass::kOtherFactory},
    {"频繁跳闸", "trips the breaker again and again", "SAFETY-TRIP",
     domain::OriginClass::kOtherFactory},
    {"外壳漏电", "gives electric shocks from the housing", "SAFETY-SHOCK",
     domain::OriginClass::kOtherFactory},
    {"显示屏不亮", "display stays dark", "FUNCTION-DISPLAY", domain::OriginClass::kOtherFactory},
    {"插头发热烧焦", "plug gets hot and scorched", "SAFETY-HEAT", domain::OriginClass::kOwnFactory},
    {"零件生锈", "parts are rusting", "APPEARANCE-RUST", domain::OriginClass::kOtherFactory},
    {"包装破损、配件缺失", "arrived with a damaged box and missing parts", "LOGISTICS-DAMAGE",
     domain::OriginClass::kOwnFactory},
    {"安装后无法启动", "does not start after installation", "USAGE-INSTALL",
     domain::OriginClass::kUsage},
    {"遥控器失灵", "remote control does not respond", "FUNCTION-REMOTE",
     domain::OriginClass::kUsage},
    {"工厂夜间噪声扰民", "factory noise at night disturbs residents", "ENV-NOISE",
     domain::OriginClass::kEnvironmental},
    {"厂区排放异味", "strong smell from the plant's exhaust", "ENV-ODOUR",
     domain::OriginClass::kEnvironmental},
    {"维修人员态度差", "service technician was rude", "SERVICE-ATTITUDE",
     domain::OriginClass::kUnknown},
}};

struct CategorySeed {
  const char* code;
  const char* name;
  const char* parent;
};

constexpr std::array<CategorySeed, 22> kCategories = {{
    {"APPEARANCE", "外观缺陷", nullptr},
    {"APPEARANCE-CRACK", "开裂", "APPEARANCE"},
    {"APPEARANCE-SCRATCH", "划痕", "APPEARANCE"},
    {"APPEARANCE-RUST", "生锈", "APPEARANCE"},
    {"FUNCTION", "功能故障", nullptr},
    {"FUNCTION-NOISE", "异响", "FUNCTION"},
    {"FUNCTION-LEAK", "漏水", "FUNCTION"},
    {"FUNCTION-NOCOOL", "不制冷", "FUNCTION"},
    {"FUNCTION-DISPLAY", "显示故障", "FUNCTION"},
    {"FUNCTION-REMOTE", "遥控失灵", "FUNCTION"},
    {"SAFETY", "安全问题", nullptr},
    {"SAFETY-TRIP", "跳闸", "SAFETY"},
    {"SAFETY-SHOCK", "漏电", "SAFETY"},
    {"SAFETY-HEAT", "过热烧焦", "SAFETY"},
    {"LOGISTICS", "包装运输", nullptr},
    {"LOGISTICS-DAMAGE", "破损缺件", "LOGISTICS"},
    {"USAGE", "安装使用", nullptr},
    {"USAGE-INSTALL", "安装问题", "USAGE"},
    {"ENVIRONMENT", "环境抱怨", nullptr},
    {"ENV-NOISE", "噪声", "ENVIRONMENT"},
    {"ENV-ODOUR", "异味排放", "ENVIRONMENT"},
    {"SERVICE-ATTITUDE", "服务态度", nullptr},
}};

constexpr std::array<const char*, 20> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                                   "赵", "吴", "周", "徐", "孙", "马", "朱",
                                                   "胡", "郭", "何", "林", "罗", "高"};
constexpr std::array<const char*, 24> kGivenNames = {
    "伟", "芳", "娜", "秀英", "敏", "静", "丽",   "强", "磊", "军", "洋",   "勇",
    "艳", "杰", "娟", "涛",   "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华"};
constexpr std::array<const char*, 12> kRegions = {
    "北京市",       "上海市",       "广东省广州市", "广东省深圳市", "浙江省杭州市", "江苏省南京市",
    "四川省成都市", "湖北省武汉市", "山东省青岛市", "福建省厦门市", "陕西省西安市", "台湾省台北市"};
constexpr std::array<const char*, 10> kEnglishFirst = {
    "James", "Mary", "Robert", "Linda", "Michael", "Sarah", "David", "Emma", "Daniel", "Olivia"};
constexpr std::array<const char*, 10> kEnglishLast = {
    "Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Lewis", "Walker"};
constexpr std::array<const char*, 8> kZhDetails = {
    "已经是第二次出现同样的问题", "孩子在家很害怕，希望尽快处理",
    "售后电话一直打不通",         "购买不到一个月就出现问题",
    "邻居家同型号也有类似情况",   "已拍照留存，可以提供样品",
    "经销商说要找厂家处理",       "希望给出书面解释"};
constexpr std::array<const char*, 6> kEnDetails = {
    "This is the second time it happened.",
    "I have photos and can send the unit back.",
    "The dealer told me to contact the manufacturer.",
    "Nobody answered the service hotline.",
    "It is less than a month old.",
    "Please explain in writing what went wrong."};

struct DemoOrg {
  std::vector<Id> departments;  // SVC, SALES, QA, GA, MFG, PUR
  std::vector<std::pair<std::string, Id>> categories;
};

Id CategoryId(const DemoOrg& org, std::string_view code) {
  for (const auto& [candidate, id] : org.categories) {
    if (candidate == code) return id;
  }
  return 0;
}

Result<DemoOrg> EnsureOrganization(app::AppContext& context, const DemoOptions& options,
                                   bool& created) {
  const domain::Principal system = domain::Principal::System();
  DemoOrg org;
  LT_TRY_ASSIGN(auto departments, app::ListDepartments(context, system));
  LT_TRY_ASSIGN(auto categories, app::ListCategories(context, system));
  created = departments.empty();
  if (created) {
    const std::array<std::pair<const char*, const char*>, 6> seeds = {{{"SVC", "客户服务中心"},
                                                                       {"SALES", "营业部"},
                                                                       {"QA", "品质保证部"},
                                                                       {"GA", "总务部"},
                                                                       {"MFG", "制造部"},
                                                                       {"PUR", "采购部"}}};
    for (const auto& [code, name] : seeds) {
      LT_TRY_ASSIGN(auto department,
                    app::CreateDepartment(context, system, {code, name, std::nullopt}));
      departments.push_back(department);
    }
    for (const CategorySeed& seed : kCategories) {
      std::optional<Id> parent;
      if (seed.parent) {
        for (const auto& category : categories) {
          if (category.code == seed.parent) parent = category.id;
        }
      }
      LT_TRY_ASSIGN(auto category,
                    app::CreateCategory(context, system, {seed.code, seed.name, parent}));
      categories.push_back(category);
    }
    struct UserSeed {
      const char* email;
      const char* name;
      domain::Role role;
      int department;
    };
    const std::array<UserSeed, 8> users = {
        {{kDemoAdminEmail, "系统管理员", domain::Role::kAdmin, 0},
         {"agent@lingting.demo", "客服 李娜", domain::Role::kAgent, 0},
         {"sales@lingting.demo", "营业 王强", domain::Role::kSales, 1},
         {"qa@lingting.demo", "品保 陈静", domain::Role::kQa, 2},
         {"qahead@lingting.demo", "品保主管 吴刚", domain::Role::kQaHead, 2},
         {"ga@lingting.demo", "总务 赵磊", domain::Role::kGeneralAffairs, 3},
         {"mfg@lingting.demo", "制造 周杰", domain::Role::kDepartmentMember, 4},
         {"manager@lingting.demo", "管理代表 孙敏", domain::Role::kManager, 2}}};
    for (const UserSeed& seed : users) {
      app::UserInput input;
      input.email = seed.email;
      input.name = seed.name;
      input.role = seed.role;
      input.department_ids = {departments[static_cast<std::size_t>(seed.department)].id};
      input.password = options.password;
      LT_TRY(app::CreateUser(context, system, input));
    }
    // A supplier QA can ask for corrective action, and its own sign-in to
    // answer from the supplier pages.
    app::CustomerInput supplier;
    supplier.name = "宁波精工塑料有限公司";
    supplier.kind = domain::CustomerKind::kSupplier;
    supplier.phones = {"0574-8765 4321"};
    supplier.emails = {"supplier@lingting.demo"};
    supplier.organization = "宁波精工塑料有限公司";
    supplier.region = "浙江宁波";
    LT_TRY_ASSIGN(const auto supplier_customer, app::CreateCustomer(context, system, supplier));
    app::UserInput supplier_user;
    supplier_user.email = "supplier@lingting.demo";
    supplier_user.name = "精工 质量部";
    supplier_user.role = domain::Role::kCustomer;
    supplier_user.customer_id = supplier_customer.id;
    supplier_user.password = options.password;
    LT_TRY(app::CreateUser(context, system, supplier_user));
  }
  for (const auto& department : departments) org.departments.push_back(department.id);
  for (const auto& category : categories) org.categories.emplace_back(category.code, category.id);
  return org;
}

app::CreateCaseInput MakeCase(std::mt19937_64& random, const DemoOrg& org, TimestampMs now,
                              int customer_pool, bool all_open) {
  auto pick = [&](std::size_t size) { return static_cast<std::size_t>(random() % size); };
  auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
  app::CreateCaseInput input;
  const bool english = chance(20);
  const Product& product = kProducts[pick(kProducts.size())];
  const Defect& defect = kDefects[pick(kDefects.size())];
  const int type_roll = static_cast<int>(random() % 100);
  input.type = type_roll < 78   ? domain::CaseType::kComplaint
               : type_roll < 90 ? domain::CaseType::kInquiry
               : type_roll < 96 ? domain::CaseType::kSuggestion
                                : domain::CaseType::kPraise;
  constexpr std::array<domain::Channel, 6> channels = {
      domain::Channel::kPhone, domain::Channel::kEmail, domain::Channel::kWeb,
      domain::Channel::kSms,   domain::Channel::kApi,   domain::Channel::kPortal};
  input.channel = channels[pick(channels.size())];
  input.urgency = chance(15) ? domain::Urgency::kUrgent : domain::Urgency::kNormal;
  input.origin_class = defect.origin;
  constexpr std::array<domain::Remedy, 7> remedies = {
      domain::Remedy::kReplacement,  domain::Remedy::kRepair,  domain::Remedy::kRefund,
      domain::Remedy::kCompensation, domain::Remedy::kApology, domain::Remedy::kExplanation,
      domain::Remedy::kOther};
  input.remedy = remedies[pick(remedies.size())];
  input.product = english ? product.en : product.zh;
  input.model = fmt::format("{}/{}", product.model_prefix, 100 + pick(900));
  input.batch = fmt::format("B{}{:02d}{:03d}", 2025 + pick(2), 1 + pick(12), pick(1000));
  input.serial = fmt::format("SN{:010d}", random() % 10000000000ULL);
  const int days = 1 + static_cast<int>(pick(180));
  if (english) {
    input.subject = fmt::format("{} {}", product.en, defect.en);
    input.description =
        fmt::format("My {} (model {}) {} after {} days of use. {} I would like a {}.", product.en,
                    input.model, defect.en, days, kEnDetails[pick(kEnDetails.size())],
                    domain::kRemedyCodes.ToCode(*input.remedy));
  } else {
    input.subject = fmt::format("{}{}", product.zh, defect.zh);
    input.description = fmt::format("客户反映{}天前购买的{}（型号{}）{}，{}。", days, product.zh,
                                    input.model, defect.zh, kZhDetails[pick(kZhDetails.size())]);
  }
  input.category_id = CategoryId(org, defect.category);
  if (*input.category_id == 0) input.category_id.reset();
  // SVC, SALES, QA, GA, MFG, PUR: environmental cases go to general affairs.
  const std::size_t department =
      defect.origin == domain::OriginClass::kEnvironmental ? 3 : 1 + pick(2);
  input.department_id = org.departments[department];
  const TimestampMs age_ms = static_cast<TimestampMs>(random() % (365ULL * 24 * 3600 * 1000));
  input.received_at = now - age_ms;
  // Older cases are further along the procedure (DefaultWorkflow's path for
  // their type and origin); most of last quarter's are closed.
  static const std::vector<std::string> product_path = {
      "received",    "understanding", "sample_collection", "investigating", "countermeasures",
      "qa_approval", "replying",      "following_up",      "verifying"};
  static const std::vector<std::string> environmental_path = {
      "received", "environmental_handling", "environmental_solution", "replying", "following_up"};
  static const std::vector<std::string> short_path = {"received"};
  const bool complaint = input.type == domain::CaseType::kComplaint;
  const auto& path = !complaint                                             ? short_path
                     : defect.origin == domain::OriginClass::kEnvironmental ? environmental_path
                                                                            : product_path;
  const TimestampMs day_ms = 24LL * 3600 * 1000;
  if (age_ms < 2 * day_ms) {
    input.status = "received";
  } else if (age_ms < 45 * day_ms || chance(8) || all_open) {
    input.status = path[std::min(static_cast<std::size_t>(age_ms / (5 * day_ms)), path.size() - 1)];
  } else {
    input.status = chance(85) ? "closed" : "resolved";
  }
  // Repeat customers: the same number comes back, and is matched.
  const int customer_number =
      static_cast<int>(random() % static_cast<std::uint64_t>(customer_pool));
  std::mt19937_64 customer_random(static_cast<std::uint64_t>(customer_number) * 7919 + 17);
  app::CustomerInput customer;
  const bool english_customer = english || customer_number % 5 == 0;
  if (english_customer) {
    customer.name = fmt::format("{} {}", kEnglishFirst[customer_random() % kEnglishFirst.size()],
                                kEnglishLast[customer_random() % kEnglishLast.size()]);
    customer.emails.push_back(fmt::format("customer{}@example.com", customer_number));
  } else {
    customer.name = fmt::format("{}{}", kSurnames[customer_random() % kSurnames.size()],
                                kGivenNames[customer_random() % kGivenNames.size()]);
    customer.phones.push_back(fmt::format("1{}{:09d}", 3 + customer_random() % 7, customer_number));
  }
  customer.region = kRegions[customer_random() % kRegions.size()];
  const int kind_roll = static_cast<int>(customer_random() % 100);
  customer.kind = kind_roll < 75   ? domain::CustomerKind::kConsumer
                  : kind_roll < 90 ? domain::CustomerKind::kDealer
                  : kind_roll < 96 ? domain::CustomerKind::kOrganization
                                   : domain::CustomerKind::kEmployee;
  if (customer.kind != domain::CustomerKind::kConsumer &&
      customer.kind != domain::CustomerKind::kEmployee) {
    customer.organization =
        english_customer ? fmt::format("{} Trading Co.", kEnglishLast[customer_random() % 10])
                         : fmt::format("{}{}电器商行", customer.region.substr(0, 6),
                                       kSurnames[customer_random() % kSurnames.size()]);
  }
  customer.segment = customer_number % 20 == 0  ? domain::Segment::kVip
                     : customer_number % 7 == 0 ? domain::Segment::kKey
                                                : domain::Segment::kNormal;
  input.customer = std::move(customer);
  return input;
}

}  // namespace

Result<bool> StoreIsEmpty(app::AppContext& context) {
  LT_TRY_ASSIGN(auto page, app::ListUsers(context, domain::Principal::System(), std::nullopt, 1));
  return page.users.empty();
}

Result<DemoSummary> GenerateDemoData(app::AppContext& context, const DemoOptions& options) {
  DemoSummary summary;
  LT_TRY_ASSIGN(const DemoOrg org,
                EnsureOrganization(context, options, summary.organization_created));
  const TimestampMs now = context.clock.NowMs();
  const int customer_pool = std::max(10, options.cases / 3);
  std::atomic<int> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex error_mutex;
  std::optional<Error> first_error;
  auto worker = [&] {
    const domain::Principal system = domain::Principal::System();
    for (int index = next++; index < options.cases; index = next++) {
      std::mt19937_64 random(options.seed + static_cast<std::uint64_t>(index) * 104729);
      auto created = app::CreateCase(context, system,
                                     MakeCase(random, org, now, customer_pool, options.all_open),
                                     std::nullopt);
      if (!created.ok()) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = created.error();
        next = options.cases;
        return;
      }
      const std::size_t count = ++done;
      if (options.progress &&
          (count % 100 == 0 || count == static_cast<std::size_t>(options.cases))) {
        std::lock_guard lock(error_mutex);
        options.progress(count);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < std::max(1, options.threads); ++i) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();
  if (first_error) return *first_error;
  summary.cases = options.cases;
  return summary;
}

}  // namespace lt::cli
