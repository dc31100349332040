// lingting import customers|cases FILE.csv: bulk intake from other systems.

#include <toml++/toml.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "app/cases.hpp"
#include "app/categories.hpp"
#include "app/customers.hpp"
#include "app/departments.hpp"
#include "app/users.hpp"
#include "base/time_format.hpp"
#include "cli/command_list.hpp"
#include "text/csv_reader.hpp"

namespace lt::cli {
namespace {

struct ImportFlags {
  std::string kind;  // customers or cases
  std::string file;
  std::vector<std::string> maps;        // field=column
  std::vector<std::string> value_maps;  // field:source=target
  std::string mapping_file;
  std::string delimiter = ",";
  std::string date_format;
  std::string anonymous_customer = "匿名客户";
  int threads = 4;
};

const std::vector<std::string> kCaseFields = {"subject",
                                              "description",
                                              "type",
                                              "channel",
                                              "urgency",
                                              "origin_class",
                                              "remedy",
                                              "product",
                                              "model",
                                              "batch",
                                              "serial",
                                              "received_at",
                                              "customer_name",
                                              "customer_phone",
                                              "customer_email",
                                              "customer_kind",
                                              "customer_region",
                                              "customer_organization",
                                              "customer_segment",
                                              "department",
                                              "category",
                                              "regulator",
                                              "referral_number",
                                              "referred_at",
                                              "regulator_due_at"};
const std::vector<std::string> kCustomerFields = {"name",         "kind",   "phone",  "email",
                                                  "organization", "region", "segment"};

// How CSV columns and values become Lingting fields.
struct Mapping {
  std::map<std::string, std::string> columns;                        // field → column name
  std::map<std::string, std::map<std::string, std::string>> values;  // field → (source → code)
};

Status ParseMapping(const ImportFlags& flags, const std::vector<std::string>& fields,
                    Mapping& mapping) {
  auto known = [&](const std::string& field) {
    return std::find(fields.begin(), fields.end(), field) != fields.end();
  };
  if (!flags.mapping_file.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(flags.mapping_file);
    } catch (const toml::parse_error& error) {
      return Error::Of(
          ErrorCode::kInvalidArgument, "error.config",
          {{"path", flags.mapping_file}, {"problem", std::string(error.description())}});
    }
    if (const auto* columns = table["columns"].as_table()) {
      for (const auto& [field, column] : *columns) {
        if (!known(std::string(field.str())) || !column.is_string()) {
          return Error::Invalid("--mapping", "validation.mapping",
                                {{"mapping", std::string(field.str())}});
        }
        mapping.columns[std::string(field.str())] = column.as_string()->get();
      }
    }
    if (const auto* values = table["values"].as_table()) {
      for (const auto& [field, pairs] : *values) {
        const auto* pair_table = pairs.as_table();
        if (!known(std::string(field.str())) || !pair_table) {
          return Error::Invalid("--mapping", "validation.mapping",
                                {{"mapping", std::string(field.str())}});
        }
        for (const auto& [source, target] : *pair_table) {
          if (!target.is_string())
            return Error::Invalid("--mapping", "validation.mapping",
                                  {{"mapping", std::string(source.str())}});
          mapping.values[std::string(field.str())][std::string(source.str())] =
              target.as_string()->get();
        }
      }
    }
  }
  for (const auto& map : flags.maps) {
    const auto equals = map.find('=');
    if (equals == std::string::npos || !known(map.substr(0, equals))) {
      return Error::Invalid("--map", "validation.mapping", {{"mapping", map}});
    }
    mapping.columns[map.substr(0, equals)] = map.substr(equals + 1);
  }
  for (const auto& map : flags.value_maps) {
    const auto colon = map.find(':');
    const auto equals = map.rfind('=');
    if (colon == std::string::npos || equals == std::string::npos || equals < colon ||
        !known(map.substr(0, colon))) {
      return Error::Invalid("--map-value", "validation.mapping", {{"mapping", map}});
    }
    mapping.values[map.substr(0, colon)][map.substr(colon + 1, equals - colon - 1)] =
        map.substr(equals + 1);
  }
  return Ok();
}

// One CSV row as field → value, after column and value mapping.
class RowView {
 public:
  RowView(const std::map<std::string, int>& index, const Mapping& mapping,
          const std::vector<std::string>& cells)
      : index_(index), mapping_(mapping), cells_(cells) {}

  std::string Get(const std::string& field) const {
    const auto column = index_.find(field);
    if (column == index_.end() || column->second >= static_cast<int>(cells_.size())) return {};
    std::string value = cells_[static_cast<std::size_t>(column->second)];
    if (const auto values = mapping_.values.find(field); values != mapping_.values.end()) {
      if (const auto mapped = values->second.find(value); mapped != values->second.end())
        value = mapped->second;
    }
    return value;
  }

  template <class E, std::size_t N>
  std::optional<E> Enum(const std::string& field, const domain::EnumCodes<E, N>& codes,
                        FieldErrors& errors) const {
    std::string value = Get(field);
    if (value.empty()) return std::nullopt;
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    auto parsed = codes.FromCode(value);
    if (!parsed) errors.Add(field, "validation.enum", {{"allowed", codes.AllowedList()}});
    return parsed;
  }

 private:
  const std::map<std::string, int>& index_;
  const Mapping& mapping_;
  const std::vector<std::string>& cells_;
};

struct Directory {
  std::map<std::string, domain::Id> departments;  // code → id
  std::map<std::string, domain::Id> categories;
  std::optional<domain::Id> anonymous_customer;  // for rows that name no customer
};

// The customer that rows without any customer column are filed under: found
// by its exact name, or created once.
Result<domain::Id> FindOrCreateAnonymousCustomer(app::AppContext& context,
                                                 const std::string& name) {
  domain::CustomerFilter filter;
  filter.name_contains = name;
  filter.limit = 200;
  LT_TRY_ASSIGN(auto page, app::ListCustomers(context, domain::Principal::System(), filter,
                                              std::nullopt, std::nullopt));
  for (const auto& customer : page.customers) {
    if (customer.name == name && customer.contacts.empty()) return customer.id;
  }
  app::CustomerInput input;
  input.name = name;
  LT_TRY_ASSIGN(auto created, app::CreateCustomer(context, domain::Principal::System(), input));
  return created.id;
}

Status ImportCaseRow(app::AppContext& context, const Directory& directory, const ImportFlags& flags,
                     const RowView& row) {
  FieldErrors errors;
  app::CreateCaseInput input;
  input.subject = row.Get("subject");
  input.description = row.Get("description");
  if (input.subject.empty() && !input.description.empty()) {
    // Many exports have only a narrative: its first line is the subject.
    input.subject = input.description.substr(0, input.description.find('\n')).substr(0, 200);
  }
  input.type = row.Enum("type", domain::kCaseTypeCodes, errors);
  input.channel = row.Enum("channel", domain::kChannelCodes, errors);
  input.urgency = row.Enum("urgency", domain::kUrgencyCodes, errors);
  input.origin_class = row.Enum("origin_class", domain::kOriginClassCodes, errors);
  input.remedy = row.Enum("remedy", domain::kRemedyCodes, errors);
  if (auto status = row.Get("status"); !status.empty()) input.status = status;
  input.product = row.Get("product");
  input.model = row.Get("model");
  input.batch = row.Get("batch");
  input.serial = row.Get("serial");
  const auto timestamp = [&](const char* field) -> std::optional<TimestampMs> {
    const std::string text = row.Get(field);
    if (text.empty()) return std::nullopt;
    auto parsed = flags.date_format.empty() ? ParseTimestamp(text)
                                            : ParseTimestampWithFormat(text, flags.date_format);
    if (!parsed) errors.Add(field, "validation.timestamp");
    return parsed;
  };
  input.received_at = timestamp("received_at");
  // A regulator's referral (12315 exports): its number makes the row a referral.
  if (const std::string number = row.Get("referral_number"); !number.empty()) {
    domain::Referral referral;
    referral.regulator = row.Get("regulator").empty() ? "12315" : row.Get("regulator");
    referral.referral_number = number;
    referral.referred_at = timestamp("referred_at");
    referral.regulator_due_at = timestamp("regulator_due_at");
    input.referral = std::move(referral);
  }
  app::CustomerInput customer;
  customer.name = row.Get("customer_name");
  if (customer.name.empty() && row.Get("customer_phone").empty() &&
      row.Get("customer_email").empty() && directory.anonymous_customer) {
    input.customer_id = directory.anonymous_customer;
  }
  if (auto phone = row.Get("customer_phone"); !phone.empty()) customer.phones.push_back(phone);
  if (auto email = row.Get("customer_email"); !email.empty()) customer.emails.push_back(email);
  if (customer.name.empty())
    customer.name = !customer.emails.empty()   ? customer.emails.front()
                    : !customer.phones.empty() ? customer.phones.front()
                                               : std::string();
  customer.kind = row.Enum("customer_kind", domain::kCustomerKindCodes, errors);
  customer.region = row.Get("customer_region");
  customer.organization = row.Get("customer_organization");
  customer.segment = row.Enum("customer_segment", domain::kSegmentCodes, errors);
  if (!input.customer_id) input.customer = std::move(customer);
  if (const std::string code = row.Get("department"); !code.empty()) {
    const auto found = directory.departments.find(code);
    if (found == directory.departments.end()) {
      errors.Add("department", "validation.unknown_reference",
                 {{"what", "@word.department"}, {"id", code}});
    } else {
      input.department_id = found->second;
    }
  }
  if (const std::string code = row.Get("category"); !code.empty()) {
    const auto found = directory.categories.find(code);
    if (found == directory.categories.end()) {
      errors.Add("category", "validation.unknown_reference",
                 {{"what", "@word.category"}, {"id", code}});
    } else {
      input.category_id = found->second;
    }
  }
  if (!errors.empty()) return errors.ToError();
  LT_TRY(app::CreateCase(context, domain::Principal::System(), input, std::nullopt));
  return Ok();
}

Status ImportCustomerRow(app::AppContext& context, const RowView& row) {
  FieldErrors errors;
  app::CustomerInput input;
  input.name = row.Get("name");
  input.kind = row.Enum("kind", domain::kCustomerKindCodes, errors);
  if (auto phone = row.Get("phone"); !phone.empty()) input.phones.push_back(phone);
  if (auto email = row.Get("email"); !email.empty()) input.emails.push_back(email);
  input.organization = row.Get("organization");
  input.region = row.Get("region");
  input.segment = row.Enum("segment", domain::kSegmentCodes, errors);
  if (!errors.empty()) return errors.ToError();
  LT_TRY(app::CreateCustomer(context, domain::Principal::System(), input));
  return Ok();
}

int Import(const GlobalFlags& flags, const ImportFlags& import) {
  const Console console(CliLocale(flags.lang));
  const bool cases = import.kind == "cases";
  const auto& fields = cases ? kCaseFields : kCustomerFields;
  Mapping mapping;
  if (const Status parsed = ParseMapping(import, fields, mapping); !parsed.ok())
    return console.Fail(parsed.error());
  if (import.delimiter.size() != 1) {
    return console.Fail(Error::Invalid("--delimiter", "validation.too_long", {{"max", "1"}}));
  }
  std::ifstream in(import.file, std::ios::binary);
  if (!in)
    return console.Fail(
        Error::Of(ErrorCode::kNotFound, "error.file_read", {{"path", import.file}}));
  text::CsvReader reader(in, import.delimiter[0]);
  std::vector<std::string> header;
  if (reader.Next(header) != text::CsvReader::Outcome::kRecord) {
    return console.Fail(
        Error::Invalid(import.file, "validation.csv_syntax", {{"problem", reader.error()}}));
  }
  std::map<std::string, int> index;  // field → column position
  for (const auto& field : fields) {
    const auto column_name = mapping.columns.contains(field) ? mapping.columns[field] : field;
    const auto found = std::find(header.begin(), header.end(), column_name);
    if (found != header.end()) {
      index[field] = static_cast<int>(found - header.begin());
    } else if (mapping.columns.contains(field)) {
      return console.Fail(
          Error::Invalid(import.file, "validation.csv_columns", {{"column", column_name}}));
    }
  }
  const std::string required = cases ? "subject" : "name";
  if (!index.contains(required) && !(cases && index.contains("description"))) {
    return console.Fail(
        Error::Invalid(import.file, "validation.csv_columns", {{"column", required}}));
  }
  struct Record {
    std::size_t line;
    std::vector<std::string> cells;
  };
  std::vector<Record> records;
  std::vector<std::string> cells;
  std::optional<std::string> syntax_error;
  for (;;) {
    const auto outcome = reader.Next(cells);
    if (outcome == text::CsvReader::Outcome::kEnd) break;
    if (outcome == text::CsvReader::Outcome::kMalformed) {
      syntax_error = reader.error();
      break;
    }
    if (cells.size() == 1 && cells[0].empty()) continue;  // blank line
    records.push_back(Record{reader.record_line(), cells});
  }

  auto runtime = OpenConfiguredRuntime(flags);
  if (!runtime.ok()) return console.Fail(runtime.error());
  app::AppContext& context = *(*runtime)->app;
  Directory directory;
  if (cases) {
    auto departments = app::ListDepartments(context, domain::Principal::System());
    auto categories = app::ListCategories(context, domain::Principal::System());
    if (!departments.ok()) return console.Fail(departments.error());
    if (!categories.ok()) return console.Fail(categories.error());
    for (const auto& department : *departments)
      directory.departments[department.code] = department.id;
    for (const auto& category : *categories) directory.categories[category.code] = category.id;
    if (!index.contains("customer_name") && !index.contains("customer_phone") &&
        !index.contains("customer_email")) {
      auto anonymous = FindOrCreateAnonymousCustomer(context, import.anonymous_customer);
      if (!anonymous.ok()) return console.Fail(anonymous.error());
      directory.anonymous_customer = *anonymous;
    }
  }

  // Rows are written by concurrent writers, in no fixed order. A row that
  // repeats an earlier row's referral waits for a second wave, so that the
  // later of the two is the one refused, as in the file.
  std::vector<std::size_t> first_wave, second_wave;
  std::set<std::string> referrals;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string number =
        cases ? RowView(index, mapping, records[i].cells).Get("referral_number") : std::string();
    (number.empty() || referrals.insert(number).second ? first_wave : second_wave).push_back(i);
  }

  std::vector<std::optional<Error>> outcomes(records.size());
  std::atomic<std::size_t> done{0};
  ProgressBar progress(records.size());
  std::mutex progress_mutex;
  auto write = [&](const std::vector<std::size_t>& rows) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t k = next++; k < rows.size(); k = next++) {
        const std::size_t i = rows[k];
        const RowView row(index, mapping, records[i].cells);
        Status status = cases ? ImportCaseRow(context, directory, import, row)
                              : ImportCustomerRow(context, row);
        if (!status.ok()) outcomes[i] = status.error();
        const std::size_t count = ++done;
        std::lock_guard lock(progress_mutex);
        progress.Update(count);
      }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < std::max(1, import.threads); ++t) threads.emplace_back(worker);
    for (auto& thread : threads) thread.join();
  };
  write(first_wave);
  write(second_wave);
  progress.Finish();

  std::size_t failed_rows = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!outcomes[i]) continue;
    ++failed_rows;
    std::fprintf(stderr, "%s\n",
                 console
                     .Text("cli.import_row_skipped", {{"row", std::to_string(records[i].line)},
                                                      {"reason", console.Describe(*outcomes[i])}})
                     .c_str());
  }
  const std::size_t skipped = failed_rows + (syntax_error ? 1 : 0);
  if (syntax_error) {
    std::fprintf(
        stderr, "%s\n",
        console
            .Text("cli.import_row_skipped",
                  {{"row", std::to_string(reader.record_line())},
                   {"reason", console.Text("validation.csv_syntax", {{"problem", *syntax_error}})}})
            .c_str());
  }
  console.Say("cli.import_summary", {{"imported", std::to_string(records.size() - failed_rows)},
                                     {"skipped", std::to_string(skipped)}});
  return skipped == 0 ? kExitOk : kExitDataError;
}

}  // namespace

void RegisterImportCommand(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                           std::function<int()>& run) {
  auto import = std::make_shared<ImportFlags>();
  CLI::App* command = app.add_subcommand("import", "import customers or cases from a CSV file");
  add_globals(command);
  command->add_option("kind", import->kind, "customers or cases")
      ->required()
      ->check(CLI::IsMember({"customers", "cases"}));
  command->add_option("file", import->file, "the CSV file (UTF-8, header row)")->required();
  command->add_option("--map", import->maps,
                      "field=column: read a field from a differently named column");
  command->add_option("--map-value", import->value_maps,
                      "field:source=code: translate a value, e.g. channel:Web=web");
  command->add_option("--mapping", import->mapping_file,
                      "TOML file with [columns] and [values.FIELD] tables");
  command->add_option("--delimiter", import->delimiter, "field delimiter (default ,)");
  command->add_option("--date-format", import->date_format,
                      "format of received_at, e.g. %d-%m-%y (default ISO 8601)");
  command->add_option("--threads", import->threads, "concurrent writers")->check(CLI::Range(1, 64));
  command->add_option("--anonymous-customer", import->anonymous_customer,
                      "customer for cases when the file has no customer columns");
  command->callback(
      [&flags, &run, import] { run = [&flags, import] { return Import(flags, *import); }; });
}

}  // namespace lt::cli
