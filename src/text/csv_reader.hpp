#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace lt::text {

// Reads RFC 4180 CSV one record at a time: quoted fields with doubled quotes,
// line breaks inside quotes, CRLF or LF, a leading UTF-8 byte order mark.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in, char delimiter = ',') : in_(in), delimiter_(delimiter) {}

  enum class Outcome { kRecord, kEnd, kMalformed };
  // Reads the next record into `fields`. kMalformed carries a description in
  // error() (e.g. a quote that is never closed); the reader cannot go on then.
  Outcome Next(std::vector<std::string>& fields);
  const std::string& error() const { return error_; }
  // The line number (1-based) where the last record started.
  std::size_t record_line() const { return record_line_; }

 private:
  std::istream& in_;
  char delimiter_;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
  bool first_ = true;
  std::string error_;
};

}  // namespace lt::text
