// The Concordance DAT load file that review platforms load a production
// from (docs/loadfile.md): UTF-8 with a byte order mark, one record per line
// ending in CRLF, the first record naming the fields. Every field is
// enclosed in þ (U+00FE) and fields are separated by ASCII 20 (0x14).
// Inside a value:
//   - a line break (CRLF, LF or a lone CR) is written as ® (U+00AE), and the
//     parser turns every ® back into LF: a value holding a literal ® comes
//     back with a line break there (Concordance has no escape for ®);
//   - þ is doubled (þþ), and the parser undoes it;
//   - ASCII 20, and every byte that does not start a valid UTF-8 sequence,
//     is replaced by U+FFFD, so what is written always parses.
// So ParseDat(writer output) gives the values with line breaks as LF, ® as
// LF, and those replacements; and for any bytes ParseDat accepts, writing
// the table again gives the same bytes.
//
// Thread safety: a DatWriter is immutable after construction; ParseDat is
// thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow::produce {

class DatWriter {
 public:
  // REQUIRES: at least one field; names unique and non-empty.
  explicit DatWriter(std::vector<std::string> fields);

  const std::vector<std::string>& fields() const { return fields_; }

  // Appends the byte order mark and the header record to *out.
  void AppendHeader(std::string* out) const;

  // Appends one record to *out.
  // REQUIRES: values.size() == fields().size().
  void AppendRow(std::span<const std::string> values, std::string* out) const;
  void AppendRow(std::span<const std::string_view> values, std::string* out) const;

 private:
  std::vector<std::string> fields_;
};

// Appends `value` to *out as it appears between the qualifiers (see the file
// comment): line breaks as ®, þ doubled, ASCII 20 and invalid UTF-8 as
// U+FFFD.
void AppendDatValue(std::string_view value, std::string* out);

struct DatTable {
  std::vector<std::string> fields;
  std::vector<std::vector<std::string>> rows;
};

// Parses a whole DAT file as DatWriter writes it. InvalidArgument naming
// `name`, the line (line 1 is the header; each record is one line) and the
// field number for: a missing byte order mark, a field not opened or not
// closed by þ, a lone þ inside a value, a line break or ASCII 20 inside a
// value, a record not ending in CRLF (including the last), a record with
// another number of fields than the header, bad UTF-8, or a header with an
// empty or repeated field name. Messages never quote values.
StatusOr<DatTable> ParseDat(std::string_view bytes, std::string_view name);

}  // namespace winnow::produce
