#pragma once

// The customer's rating of a case's outcome on the portal: whether the
// problem was solved, and a five-level answer scored as the quarterly
// questionnaire scores it (very good 10, good 7, fair 5, poor 3, very poor 0).

#include <optional>
#include <string>

#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class RatingLevel { kVeryGood, kGood, kFair, kPoor, kVeryPoor };
inline constexpr EnumCodes<RatingLevel, 5> kRatingLevelCodes{{{
    {RatingLevel::kVeryGood, "very_good"},
    {RatingLevel::kGood, "good"},
    {RatingLevel::kFair, "fair"},
    {RatingLevel::kPoor, "poor"},
    {RatingLevel::kVeryPoor, "very_poor"},
}}};

constexpr int RatingScore(RatingLevel level) {
  switch (level) {
    case RatingLevel::kVeryGood:
      return 10;
    case RatingLevel::kGood:
      return 7;
    case RatingLevel::kFair:
      return 5;
    case RatingLevel::kPoor:
      return 3;
    case RatingLevel::kVeryPoor:
      return 0;
  }
  return 0;
}

struct CaseRating {
  Id case_id = 0;
  RatingLevel level = RatingLevel::kGood;
  bool solved = false;
  std::string comment;
  std::optional<Id> rated_by;
  TimestampMs rated_at = 0;
};

}  // namespace lt::domain
