#pragma once

// Supplier corrective action requests (domain/supplier_car.hpp). QA asks the
// supplier of an other-factory abnormality; the supplier, a portal user
// acting for a customer of kind supplier, answers through the API: an
// initial analysis, then root cause and countermeasures; QA accepts the
// answer or returns it. Each step records a procedure event on the case
// (car_requested, car_initial_analysis, car_answered), so the default
// other-factory SLA targets (2 and 7 working days) run on it, and is audited
// ("supplier_car", id). Suppliers see their requests, never the case.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/supplier_car.hpp"

namespace lt::app {

// A request with what the supplier may know of its case.
struct CarView {
  domain::SupplierCar car;
  std::string case_number, subject, product, model, batch, defect_description;
  std::string supplier_name;
};

struct CarRequestInput {
  std::optional<Id> supplier_id;  // required
  std::string request;            // required
};

// QA, managers, admins who see the case, on an other-factory case.
// Errors: kNotFound, kForbidden, kInvalidArgument (supplier_id not a
// supplier, request empty), kConflict "error.car_not_other_factory".
Result<CarView> RequestSupplierCar(AppContext& context, const domain::Principal& principal,
                                   Id case_id, const CarRequestInput& input);

// Staff who see the case.
Result<std::vector<domain::SupplierCar>> ListCaseCars(AppContext& context,
                                                      const domain::Principal& principal,
                                                      Id case_id);

// Staff who see the case, or the supplier. Errors: kNotFound.
Result<CarView> GetSupplierCar(AppContext& context, const domain::Principal& principal, Id id);

// Staff: the requests on cases they see in any of `statuses` (all but
// accepted when empty: still waiting for the supplier or for QA), oldest
// first. Errors: kForbidden (portal users).
Result<std::vector<CarView>> ListSupplierCars(AppContext& context,
                                              const domain::Principal& principal,
                                              const std::vector<domain::CarStatus>& statuses,
                                              int limit);

// The caller's requests as a supplier, newest first. Errors: kForbidden for
// anyone but a portal user.
Result<std::vector<CarView>> ListMySupplierCars(AppContext& context,
                                                const domain::Principal& principal, int limit);

// The supplier's initial analysis, once, while the request waits for them.
// Errors: kNotFound, kInvalidArgument, kConflict "error.car_status".
Result<CarView> SubmitCarInitialAnalysis(AppContext& context, const domain::Principal& principal,
                                         Id id, const std::string& analysis);

struct CarAnswerInput {
  std::string root_cause;       // required
  std::string countermeasures;  // required
};
// The supplier's answer (also the initial analysis when none came before).
// Errors as above.
Result<CarView> SubmitCarAnswer(AppContext& context, const domain::Principal& principal, Id id,
                                const CarAnswerInput& input);

enum class CarVerdict { kAccept, kReturn };
// QA accepts an answer, or returns it with a note (the supplier's clocks
// start again). Errors: kNotFound, kForbidden, kInvalidArgument, kConflict.
Result<CarView> DecideSupplierCar(AppContext& context, const domain::Principal& principal, Id id,
                                  CarVerdict verdict, const std::string& note);

}  // namespace lt::app
