#pragma once

// The quality abnormality ledger as JSON (ids, RFC 3339 times) and as a
// table for CSV and Excel (names, local times, labels in the reader's
// language).

#include <nlohmann/json.hpp>

#include <vector>

#include "app/ledger_cases.hpp"
#include "i18n/i18n.hpp"
#include "reports/table_export.hpp"
#include "sla/business_calendar.hpp"

namespace lt::http::wire {

nlohmann::json LedgerToJson(const std::vector<app::LedgerRow>& rows);
reports::Table LedgerTable(const std::vector<app::LedgerRow>& rows, i18n::Locale locale,
                           const sla::BusinessCalendar& calendar);

}  // namespace lt::http::wire
