#pragma once

// The read-side reports as JSON: the quality abnormality ledger (also as a
// table for CSV and Excel, with names, local times and labels in the
// reader's language) and the timeliness attainment rates.

#include <nlohmann/json.hpp>

#include <vector>

#include "app/quality_ledger.hpp"
#include "app/timeliness.hpp"
#include "exports/table_export.hpp"
#include "i18n/i18n.hpp"
#include "sla/business_calendar.hpp"

namespace lt::http::wire {

nlohmann::json LedgerToJson(const std::vector<app::LedgerRow>& rows);
exports::Table LedgerTable(const std::vector<app::LedgerRow>& rows, i18n::Locale locale,
                           const sla::BusinessCalendar& calendar);

nlohmann::json TimelinessToJson(const app::TimelinessReport& report, i18n::Locale locale);

}  // namespace lt::http::wire
