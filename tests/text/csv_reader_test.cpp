#include "text/csv_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace lt::text {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  std::istringstream in(
      "\xEF\xBB\xBFsubject,description\r\n\"开裂, 漏水\",\"He said \"\"no\"\"\nsecond "
      "line\"\r\nlast,\n");
  CsvReader reader(in);
  Fields fields;
  ASSERT_EQ(reader.Next(fields), CsvReader::Outcome::kRecord);
  EXPECT_EQ(fields, (Fields{"subject", "description"}));
  ASSERT_EQ(reader.Next(fields), CsvReader::Outcome::kRecord);
  EXPECT_EQ(fields, (Fields{"开裂, 漏水", "He said \"no\"\nsecond line"}));
  EXPECT_EQ(reader.record_line(), 2u);
  ASSERT_EQ(reader.Next(fields), CsvReader::Outcome::kRecord);
  EXPECT_EQ(fields, (Fields{"last", ""}));
  EXPECT_EQ(reader.record_line(), 4u);
  EXPECT_EQ(reader.Next(fields), CsvReader::Outcome::kEnd);
}

TEST(CsvReader, ReportsAQuoteThatIsNeverClosed) {
  std::istringstream in("a,b\n\"unterminated,x\n");
  CsvReader reader(in);
  Fields fields;
  ASSERT_EQ(reader.Next(fields), CsvReader::Outcome::kRecord);
  EXPECT_EQ(reader.Next(fields), CsvReader::Outcome::kMalformed);
  EXPECT_NE(reader.error().find("line 2"), std::string::npos);
}

TEST(CsvReader, HonoursAnotherDelimiter) {
  std::istringstream in("a;b;c\n");
  CsvReader reader(in, ';');
  Fields fields;
  ASSERT_EQ(reader.Next(fields), CsvReader::Outcome::kRecord);
  EXPECT_EQ(fields, (Fields{"a", "b", "c"}));
}

}  // namespace
}  // namespace lt::text
