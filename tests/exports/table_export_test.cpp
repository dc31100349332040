#include "exports/table_export.hpp"

#include <gtest/gtest.h>

namespace lt::exports {
namespace {

TEST(TableExport, CsvQuotesWhatNeedsItAndDisarmsFormulas) {
  Table table;
  table.columns = {"编号", "说明"};
  table.rows = {{"TS-1", "含逗号, 和\"引号\""}, {"=1+1", "两行\n文字"}, {"-3", "@SUM(A1)"}};
  EXPECT_EQ(ToCsv(table),
            "\xEF\xBB\xBF编号,说明\r\n"
            "TS-1,\"含逗号, 和\"\"引号\"\"\"\r\n"
            "'=1+1,\"两行\n文字\"\r\n"
            "'-3,'@SUM(A1)\r\n");
  // A leading tab or carriage return is disarmed too (some spreadsheets skip it).
  Table hidden;
  hidden.columns = {"说明"};
  hidden.rows = {{"\t=HYPERLINK(\"x\")"}, {"\r+1"}};
  EXPECT_EQ(ToCsv(hidden),
            "\xEF\xBB\xBF说明\r\n"
            "\"'\t=HYPERLINK(\"\"x\"\")\"\r\n"
            "\"'\r+1\"\r\n");
}

TEST(TableExport, XlsxIsAZipWorkbookEvenWithAnAwkwardSheetName) {
  Table table;
  table.title = "市场品质异常管理表 [2026/04]: 一个很长很长很长很长很长很长很长的名字";
  table.columns = {"a"};
  table.rows = {{"b"}};
  auto workbook = ToXlsx(table);
  ASSERT_TRUE(workbook.ok()) << workbook.error().detail;
  EXPECT_EQ(workbook.value().substr(0, 2), "PK");
  EXPECT_NE(workbook.value().find("xl/worksheets/sheet1.xml"), std::string::npos);
}

}  // namespace
}  // namespace lt::exports
