#pragma once

// A report as a plain table, and its export as CSV or as an Excel workbook.
// Formats only: what goes in the table is the caller's business.

#include <string>
#include <vector>

#include "base/result.hpp"

namespace lt::exports {

struct Table {
  std::string title;  // the sheet's name (at most 31 characters are kept)
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each as long as `columns`
};

// RFC 4180 CSV in UTF-8 with a byte-order mark (so that Excel reads the
// Chinese correctly), CRLF line ends, fields quoted when they need it.
// Cells starting with =, +, - or @ get a leading apostrophe so a spreadsheet
// does not run them as formulas.
std::string ToCsv(const Table& table);

// An .xlsx workbook with one sheet: a bold header row, frozen, with an
// autofilter. Errors: kInternal when the workbook cannot be written.
Result<std::string> ToXlsx(const Table& table);

}  // namespace lt::exports
