#include "app/supplier_cars.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "app/sla_clocks.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/quality_report_store.hpp"
#include "storage/step_store.hpp"
#include "storage/supplier_car_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

using domain::CarStatus;

constexpr std::size_t kMaxCarTextChars = 20000;

bool IsQa(const domain::Principal& principal) {
  return principal.system || domain::Holds(principal.role, domain::Role::kQa) ||
         principal.role == domain::Role::kManager || principal.role == domain::Role::kAdmin;
}

bool IsSupplierOf(const domain::Principal& principal, const domain::SupplierCar& car) {
  return principal.role == domain::Role::kCustomer && principal.customer_id == car.supplier_id;
}

std::string StatusText(CarStatus status) {
  return std::string(domain::kCarStatusCodes.ToCode(status));
}

Result<CarView> ViewOf(storage::Connection& connection, domain::SupplierCar car) {
  LT_TRY_ASSIGN(const auto a_case, storage::CaseStore(connection).Find(car.case_id));
  CarView view;
  if (a_case) {
    view.case_number = a_case->number;
    view.subject = a_case->subject;
    view.product = a_case->product;
    view.model = a_case->model;
    view.batch = a_case->batch;
  }
  LT_TRY_ASSIGN(const auto report, storage::QualityReportStore(connection).Find(car.case_id));
  if (report) view.defect_description = report->defect_description;
  LT_TRY_ASSIGN(const auto supplier, storage::CustomerStore(connection).Find(car.supplier_id));
  if (supplier) view.supplier_name = supplier->name;
  view.car = std::move(car);
  return view;
}

// Records procedure events on the CAR's case, recomputes its clocks, audits
// the CAR change and tells live-update clients of the case.
Status RecordCarChange(storage::Connection& connection, const domain::SupplierCar& car,
                       const std::vector<const char*>& events, const std::string& verb,
                       const domain::Principal& principal, TimestampMs now, ChangeList changes) {
  for (const char* event : events)
    LT_TRY(storage::StepStore(connection).InsertEvent(car.case_id, {event, now}, {}));
  LT_TRY_ASSIGN(const auto a_case, storage::CaseStore(connection).Find(car.case_id));
  if (!a_case) return Error::Internal("supplier CAR without its case");
  if (!events.empty()) {
    LT_TRY_ASSIGN(const auto workflow, storage::WorkflowStore(connection).Load());
    LT_TRY(RefreshSlaClocks(connection, *workflow, *a_case, now));
    LT_TRY(storage::CaseStore(connection).Touch(a_case->id, now));
  }
  LT_TRY(
      storage::AuditStore(connection)
          .Append(MakeEvent("supplier_car", car.id, verb, principal.user_id, now, changes.Take())));
  return storage::PublishCaseChange(
      connection, ChangeOf(*a_case, "supplier_car", principal.user_id, now, true));
}

// Loads the CAR for its supplier, in a state that waits for them.
Result<domain::SupplierCar> LoadForSupplier(storage::Connection& connection,
                                            const domain::Principal& principal, Id id) {
  LT_TRY_ASSIGN(auto car, storage::SupplierCarStore(connection).Find(id));
  if (!car || !IsSupplierOf(principal, *car)) {
    return Error::Of(ErrorCode::kNotFound, "error.not_found");
  }
  if (car->status != CarStatus::kRequested && car->status != CarStatus::kReturned) {
    return Error::Of(ErrorCode::kConflict, "error.car_status",
                     {{"status", StatusText(car->status)}});
  }
  return std::move(*car);
}

std::string Required(const std::string& value, const char* field, FieldErrors& errors) {
  return CheckText(value, field, kMaxCarTextChars, Presence::kRequired, errors);
}

}  // namespace

Result<CarView> RequestSupplierCar(AppContext& context, const domain::Principal& principal,
                                   Id case_id, const CarRequestInput& input) {
  FieldErrors errors;
  const std::string request = Required(input.request, "request", errors);
  if (!input.supplier_id) errors.Add("supplier_id", "validation.required");
  const TimestampMs now = context.clock.NowMs();
  CarView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto a_case, LoadVisibleCase(connection, principal, case_id));
    if (!IsQa(principal)) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    if (a_case.origin_class != domain::OriginClass::kOtherFactory) {
      return Error::Of(ErrorCode::kConflict, "error.car_not_other_factory");
    }
    if (input.supplier_id) {
      LT_TRY_ASSIGN(const auto supplier,
                    storage::CustomerStore(connection).Find(*input.supplier_id));
      if (!supplier || supplier->kind != domain::CustomerKind::kSupplier) {
        errors.Add("supplier_id", "validation.not_a_supplier");
      }
    }
    if (!errors.empty()) return errors.ToError();
    domain::SupplierCar car;
    car.case_id = case_id;
    car.supplier_id = *input.supplier_id;
    car.request = request;
    car.requested_by = principal.user_id;
    car.requested_at = car.updated_at = now;
    LT_TRY_ASSIGN(car.id, storage::SupplierCarStore(connection).Insert(car));
    ChangeList changes;
    changes.Record("case_id", std::nullopt, std::optional<Id>(case_id));
    changes.Record("supplier_id", std::nullopt, std::optional<Id>(car.supplier_id));
    changes.Record("request", std::nullopt, request);
    LT_TRY(RecordCarChange(connection, car, {domain::kCarRequestedEvent}, "request", principal, now,
                           std::move(changes)));
    LT_TRY_ASSIGN(view, ViewOf(connection, std::move(car)));
    return Ok();
  }));
  return view;
}

Result<std::vector<domain::SupplierCar>> ListCaseCars(AppContext& context,
                                                      const domain::Principal& principal,
                                                      Id case_id) {
  std::vector<domain::SupplierCar> cars;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireStaff(principal));
    LT_TRY_ASSIGN(cars, storage::SupplierCarStore(connection).ListForCase(case_id));
    return Ok();
  }));
  return cars;
}

Result<CarView> GetSupplierCar(AppContext& context, const domain::Principal& principal, Id id) {
  CarView view;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto car, storage::SupplierCarStore(connection).Find(id));
    if (!car) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    if (!IsSupplierOf(principal, *car)) {
      LT_TRY(LoadVisibleCase(connection, principal, car->case_id));
      LT_TRY(RequireStaff(principal));
    }
    LT_TRY_ASSIGN(view, ViewOf(connection, std::move(*car)));
    return Ok();
  }));
  return view;
}

Result<std::vector<CarView>> ListSupplierCars(AppContext& context,
                                              const domain::Principal& principal,
                                              const std::vector<domain::CarStatus>& statuses,
                                              int limit) {
  LT_TRY(RequireStaff(principal));
  std::vector<std::string> wanted;
  for (const auto& [status, code] : domain::kCarStatusCodes.entries) {
    const bool asked = statuses.empty()
                           ? status != domain::CarStatus::kAccepted
                           : std::find(statuses.begin(), statuses.end(), status) != statuses.end();
    if (asked) wanted.emplace_back(code);
  }
  std::vector<CarView> views;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(
        const auto cars,
        storage::SupplierCarStore(connection).ListByStatus(wanted, kVisibleOverRead * limit));
    return KeepVisible(
        connection, principal, cars, limit,
        [](const domain::SupplierCar& car) { return car.case_id; },
        [&](const domain::SupplierCar& car, const domain::Case&) -> Status {
          LT_TRY_ASSIGN(auto view, ViewOf(connection, car));
          views.push_back(std::move(view));
          return Ok();
        });
  }));
  return views;
}

Result<std::vector<CarView>> ListMySupplierCars(AppContext& context,
                                                const domain::Principal& principal, int limit) {
  if (principal.role != domain::Role::kCustomer || !principal.customer_id) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  std::vector<CarView> views;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(
        auto cars,
        storage::SupplierCarStore(connection).ListForSupplier(*principal.customer_id, limit));
    for (auto& car : cars) {
      LT_TRY_ASSIGN(auto view, ViewOf(connection, std::move(car)));
      views.push_back(std::move(view));
    }
    return Ok();
  }));
  return views;
}

Result<CarView> SubmitCarInitialAnalysis(AppContext& context, const domain::Principal& principal,
                                         Id id, const std::string& analysis) {
  FieldErrors errors;
  const std::string text = Required(analysis, "initial_analysis", errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  CarView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto car, LoadForSupplier(connection, principal, id));
    if (car.initial_analysis_at) {
      return Error::Of(ErrorCode::kConflict, "error.car_status", {{"status", "analysed"}});
    }
    car.initial_analysis = text;
    car.initial_analysis_at = car.updated_at = now;
    LT_TRY(storage::SupplierCarStore(connection).Update(car));
    ChangeList changes;
    changes.Record("initial_analysis", std::nullopt, text);
    LT_TRY(RecordCarChange(connection, car, {domain::kCarInitialAnalysisEvent}, "initial_analysis",
                           principal, now, std::move(changes)));
    LT_TRY_ASSIGN(view, ViewOf(connection, std::move(car)));
    return Ok();
  }));
  return view;
}

Result<CarView> SubmitCarAnswer(AppContext& context, const domain::Principal& principal, Id id,
                                const CarAnswerInput& input) {
  FieldErrors errors;
  const std::string root_cause = Required(input.root_cause, "root_cause", errors);
  const std::string countermeasures = Required(input.countermeasures, "countermeasures", errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  CarView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto car, LoadForSupplier(connection, principal, id));
    std::vector<const char*> events;
    if (!car.initial_analysis_at) {
      car.initial_analysis_at = now;
      events.push_back(domain::kCarInitialAnalysisEvent);
    }
    events.push_back(domain::kCarAnsweredEvent);
    ChangeList changes;
    changes.Record("root_cause", car.root_cause, root_cause);
    changes.Record("countermeasures", car.countermeasures, countermeasures);
    changes.Record("status", StatusText(car.status), StatusText(CarStatus::kAnswered));
    car.root_cause = root_cause;
    car.countermeasures = countermeasures;
    car.answered_at = car.updated_at = now;
    car.status = CarStatus::kAnswered;
    LT_TRY(storage::SupplierCarStore(connection).Update(car));
    LT_TRY(RecordCarChange(connection, car, events, "answer", principal, now, std::move(changes)));
    LT_TRY_ASSIGN(view, ViewOf(connection, std::move(car)));
    return Ok();
  }));
  return view;
}

Result<CarView> DecideSupplierCar(AppContext& context, const domain::Principal& principal, Id id,
                                  CarVerdict verdict, const std::string& note) {
  FieldErrors errors;
  const std::string text =
      CheckText(note, "note", kMaxCarTextChars,
                verdict == CarVerdict::kReturn ? Presence::kRequired : Presence::kOptional, errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  CarView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto car, storage::SupplierCarStore(connection).Find(id));
    if (!car) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    LT_TRY(LoadVisibleCase(connection, principal, car->case_id));
    if (!IsQa(principal)) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    if (car->status != CarStatus::kAnswered) {
      return Error::Of(ErrorCode::kConflict, "error.car_status",
                       {{"status", StatusText(car->status)}});
    }
    const CarStatus next =
        verdict == CarVerdict::kAccept ? CarStatus::kAccepted : CarStatus::kReturned;
    ChangeList changes;
    changes.Record("status", StatusText(car->status), StatusText(next));
    changes.Record("note", std::nullopt, text.empty() ? std::nullopt : std::optional(text));
    car->status = next;
    car->decision_note = text;
    car->decided_by = principal.user_id;
    car->decided_at = car->updated_at = now;
    LT_TRY(storage::SupplierCarStore(connection).Update(*car));
    // A returned answer asks the supplier again: their clocks start over.
    std::vector<const char*> events;
    if (next == CarStatus::kReturned) events.push_back(domain::kCarRequestedEvent);
    LT_TRY(RecordCarChange(connection, *car, events,
                           next == CarStatus::kAccepted ? "accept" : "return", principal, now,
                           std::move(changes)));
    LT_TRY_ASSIGN(view, ViewOf(connection, std::move(*car)));
    return Ok();
  }));
  return view;
}

}  // namespace lt::app
