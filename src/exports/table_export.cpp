#include "exports/table_export.hpp"

#include <xlsxwriter.h>

#include <atomic>
#include <filesystem>

#include <unistd.h>

#include "base/file_contents.hpp"

namespace lt::exports {
namespace {

// A cell a spreadsheet would read as a formula: = + - @, and a leading tab
// or carriage return, which some spreadsheets skip before reading one.
bool StartsFormula(const std::string& cell) {
  return !cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                           cell[0] == '\t' || cell[0] == '\r');
}

void AppendCsvCell(std::string& out, const std::string& raw) {
  const std::string cell = StartsFormula(raw) ? "'" + raw : raw;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (const char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    AppendCsvCell(out, cells[i]);
  }
  out += "\r\n";
}

// A file name unique to this process and call, removed when it goes away.
class TemporaryFile {
 public:
  TemporaryFile() {
    static std::atomic<unsigned> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("lingting-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".xlsx");
  }
  ~TemporaryFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Excel sheet names: at most 31 characters, none of []:*?/\ .
std::string SheetName(const std::string& title) {
  std::string name;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < title.size() && characters < 31;) {
    const unsigned char lead = static_cast<unsigned char>(title[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string character = title.substr(i, length);
    if (character.find_first_of("[]:*?/\\") == std::string::npos) {
      name += character;
      ++characters;
    }
    i += length;
  }
  return name.empty() ? "Sheet1" : name;
}

}  // namespace

std::string ToCsv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  AppendCsvRow(out, table.columns);
  for (const auto& row : table.rows) AppendCsvRow(out, row);
  return out;
}

Result<std::string> ToXlsx(const Table& table) {
  TemporaryFile file;
  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (!workbook) return Error::Internal("xlsx: cannot create " + file.path().string());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, SheetName(table.title).c_str());
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  lxw_format* wrapped = workbook_add_format(workbook);
  format_set_text_wrap(wrapped);
  format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
  for (std::size_t column = 0; column < table.columns.size(); ++column) {
    const auto col = static_cast<lxw_col_t>(column);
    worksheet_write_string(sheet, 0, col, table.columns[column].c_str(), header);
    worksheet_set_column(sheet, col, col, 18, wrapped);
  }
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    for (std::size_t column = 0; column < table.rows[row].size(); ++column) {
      worksheet_write_string(sheet, static_cast<lxw_row_t>(row + 1), static_cast<lxw_col_t>(column),
                             table.rows[row][column].c_str(), nullptr);
    }
  }
  if (!table.columns.empty()) {
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                         static_cast<lxw_col_t>(table.columns.size() - 1));
  }
  const lxw_error closed = workbook_close(workbook);
  if (closed != LXW_NO_ERROR) {
    return Error::Internal(std::string("xlsx: ") + lxw_strerror(closed));
  }
  auto bytes = ReadFileContents(file.path());
  if (!bytes) return Error::Internal("xlsx: cannot read back " + file.path().string());
  return std::move(*bytes);
}

}  // namespace lt::exports
