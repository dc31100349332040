#pragma once

// A supplier corrective action request (CAR): for an other-factory
// abnormality, QA asks the supplier whose part caused it for an initial
// analysis (2 working days) and then root cause and countermeasures (7
// working days); the supplier answers through the portal; QA accepts the
// answer or returns it for another. Values only.

#include <optional>
#include <string>

#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class CarStatus { kRequested, kAnswered, kAccepted, kReturned };
inline constexpr EnumCodes<CarStatus, 4> kCarStatusCodes{{{
    {CarStatus::kRequested, "requested"},  // waiting for the supplier
    {CarStatus::kAnswered, "answered"},    // waiting for QA
    {CarStatus::kAccepted, "accepted"},
    {CarStatus::kReturned, "returned"},  // waiting for the supplier's next answer
}}};

// The procedure events a CAR records on its case, which the default
// other-factory SLA targets start and stop on.
inline constexpr const char* kCarRequestedEvent = "car_requested";
inline constexpr const char* kCarInitialAnalysisEvent = "car_initial_analysis";
inline constexpr const char* kCarAnsweredEvent = "car_answered";

struct SupplierCar {
  Id id = 0;
  Id case_id = 0;
  Id supplier_id = 0;  // a customer of kind supplier
  std::string request;
  std::optional<Id> requested_by;
  TimestampMs requested_at = 0;
  std::string initial_analysis;
  std::optional<TimestampMs> initial_analysis_at;
  std::string root_cause;
  std::string countermeasures;
  std::optional<TimestampMs> answered_at;
  CarStatus status = CarStatus::kRequested;
  std::string decision_note;
  std::optional<Id> decided_by;
  std::optional<TimestampMs> decided_at;
  TimestampMs updated_at = 0;
};

}  // namespace lt::domain
