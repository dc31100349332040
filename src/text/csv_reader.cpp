#include "text/csv_reader.hpp"

namespace lt::text {

CsvReader::Outcome CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  if (first_) {
    first_ = false;
    if (in_.peek() == 0xEF) {
      char bom[3];
      in_.read(bom, 3);
      if (!(bom[0] == '\xEF' && bom[1] == '\xBB' && bom[2] == '\xBF')) {
        for (int i = 2; i >= 0; --i) in_.putback(bom[i]);
      }
    }
  }
  if (in_.peek() == std::char_traits<char>::eof()) return Outcome::kEnd;
  record_line_ = line_;
  std::string field;
  bool quoted = false;
  bool field_was_quoted = false;
  for (;;) {
    const int c = in_.get();
    if (c == std::char_traits<char>::eof()) {
      if (quoted) {
        error_ =
            "a quoted field opened on line " + std::to_string(record_line_) + " is never closed";
        return Outcome::kMalformed;
      }
      fields.push_back(std::move(field));
      return Outcome::kRecord;
    }
    const char ch = static_cast<char>(c);
    if (quoted) {
      if (ch == '"') {
        if (in_.peek() == '"') {
          in_.get();
          field += '"';
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') ++line_;
        field += ch;
      }
      continue;
    }
    if (ch == '"' && field.empty() && !field_was_quoted) {
      quoted = true;
      field_was_quoted = true;
    } else if (ch == delimiter_) {
      fields.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
    } else if (ch == '\r' && in_.peek() == '\n') {
      // CRLF: the LF ends the record.
    } else if (ch == '\n') {
      ++line_;
      fields.push_back(std::move(field));
      return Outcome::kRecord;
    } else {
      field += ch;
    }
  }
}

}  // namespace lt::text
