#pragma once

// The quality abnormality ledger as JSON, and as a table for CSV and Excel
// (names, local times and labels in the reader's language).

#include <nlohmann/json.hpp>

#include <vector>

#include "app/quality_ledger.hpp"
#include "exports/table_export.hpp"
#include "i18n/i18n.hpp"
#include "sla/business_calendar.hpp"

namespace lt::http::wire {

nlohmann::json LedgerToJson(const std::vector<app::LedgerRow>& rows);
exports::Table LedgerTable(const std::vector<app::LedgerRow>& rows, i18n::Locale locale,
                           const sla::BusinessCalendar& calendar);

}  // namespace lt::http::wire
