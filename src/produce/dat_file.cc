// The Concordance DAT load file: writer and strict parser.
#include "produce/dat_file.h"

#include <cassert>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace winnow::produce {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kQualifier = "\xC3\xBE";  // þ U+00FE
constexpr std::string_view kNewline = "\xC2\xAE";    // ® U+00AE
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr char kSeparator = '\x14';
constexpr std::string_view kCrlf = "\r\n";

// Length (1 to 4) of the well-formed UTF-8 sequence at the start of `s`
// (Unicode table 3-7: no overlong forms, surrogates or values past
// U+10FFFF), or 0 if there is none.
size_t Utf8SequenceLength(std::string_view s) {
  const auto b = [&s](size_t i) { return static_cast<uint8_t>(s[i]); };
  const auto cont = [&](size_t i, uint8_t lo = 0x80, uint8_t hi = 0xBF) {
    return i < s.size() && b(i) >= lo && b(i) <= hi;
  };
  const uint8_t c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const uint8_t lo = c == 0xE0 ? 0xA0 : 0x80;
    const uint8_t hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const uint8_t lo = c == 0xF0 ? 0x90 : 0x80;
    const uint8_t hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

// ASCII bytes copied as they are, in both directions.
bool PlainAscii(uint8_t c) { return c < 0x80 && c != '\r' && c != '\n' && c != kSeparator; }

// Whether one of the 8 bytes of `w` is not PlainAscii: a byte with its high
// bit set, or one that is CR, LF or ASCII 20. (v - 0x01..) & ~v & 0x80..
// flags the bytes of v that are zero (and may flag bytes above the first
// zero byte, which does not change the answer).
bool HasSpecialByte(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
  const auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  return ((w & kHigh) | has_zero(w ^ (kOnes * '\r')) | has_zero(w ^ (kOnes * '\n')) |
          has_zero(w ^ (kOnes * static_cast<uint8_t>(kSeparator)))) != 0;
}

// The end of the run of PlainAscii bytes of `s` that starts at `from`. Chat
// text is mostly such runs, so they are skipped 8 bytes at a time.
size_t PlainAsciiEnd(std::string_view s, size_t from) {
  size_t end = from;
  for (uint64_t w; end + sizeof w <= s.size(); end += sizeof w) {
    std::memcpy(&w, s.data() + end, sizeof w);
    if (HasSpecialByte(w)) break;
  }
  while (end < s.size() && PlainAscii(static_cast<uint8_t>(s[end]))) ++end;
  return end;
}

class Parser {
 public:
  Parser(std::string_view bytes, std::string_view name) : in_(bytes), name_(name) {}

  StatusOr<DatTable> Parse() {
    if (in_.substr(0, kBom.size()) != kBom) {
      return Error("missing the UTF-8 byte order mark (EF BB BF) at the start of the file");
    }
    pos_ = kBom.size();
    if (pos_ == in_.size()) return Error("no header record");
    DatTable table;
    std::vector<std::string> record;
    while (pos_ < in_.size()) {
      record.clear();
      WINNOW_RETURN_IF_ERROR(ParseRecord(line_ == 1 ? 0 : table.fields.size(), &record));
      if (line_ == 1) {
        WINNOW_RETURN_IF_ERROR(CheckHeader(record));
        table.fields = std::move(record);
        record = {};
      } else {
        if (record.size() != table.fields.size()) {
          field_ = record.size() + 1;
          return Error("missing: the record has " + std::to_string(record.size()) + " fields, the header " +
                       std::to_string(table.fields.size()));
        }
        table.rows.push_back(std::move(record));
        record = {};
      }
      ++line_;
    }
    return table;
  }

 private:
  // Parses the record at pos_ and its CRLF. `max_fields` 0: any number.
  Status ParseRecord(size_t max_fields, std::vector<std::string>* record) {
    for (field_ = 1;; ++field_) {
      if (max_fields != 0 && field_ > max_fields) {
        return Error("more fields than the header's " + std::to_string(max_fields));
      }
      if (pos_ == in_.size()) return Error("the file ends after a field separator");
      if (in_.substr(pos_, kQualifier.size()) != kQualifier) {
        return Error("expected þ (U+00FE) to open the field");
      }
      pos_ += kQualifier.size();
      record->emplace_back();
      WINNOW_RETURN_IF_ERROR(ParseValue(&record->back()));
      if (pos_ == in_.size()) return Error("the last record does not end with CRLF");
      const char c = in_[pos_];
      if (c == kSeparator) {
        ++pos_;
        continue;
      }
      if (in_.substr(pos_, kCrlf.size()) == kCrlf) {
        pos_ += kCrlf.size();
        return Status::Ok();
      }
      if (c == '\r' || c == '\n') return Error("the record ends with a line break other than CRLF");
      return Error("unexpected bytes after the closing þ (expected ASCII 20 or CRLF; a þ inside a value is "
                   "written þþ)");
    }
  }

  // Reads the value after an opening þ up to and including its closing þ.
  Status ParseValue(std::string* value) {
    const size_t start = pos_;
    for (;;) {
      if (pos_ == in_.size()) return Error("the field is not closed by þ before the end of the file");
      const auto c = static_cast<uint8_t>(in_[pos_]);
      if (PlainAscii(c)) {
        const size_t end = PlainAsciiEnd(in_, pos_ + 1);
        value->append(in_.substr(pos_, end - pos_));
        pos_ = end;
        continue;
      }
      if (c == kSeparator) return Error("ASCII 20 inside the field (a closing þ is missing)");
      if (c == '\r' || c == '\n') {
        return Error("a line break inside the field (a closing þ is missing; line breaks in values are "
                     "written as ®)");
      }
      const size_t len = Utf8SequenceLength(in_.substr(pos_));
      if (len == 0) return Error("invalid UTF-8 at byte " + std::to_string(pos_ - start) + " of the field");
      const std::string_view seq = in_.substr(pos_, len);
      pos_ += len;
      if (seq == kQualifier) {
        if (in_.substr(pos_, kQualifier.size()) != kQualifier) return Status::Ok();  // the closing þ
        value->append(kQualifier);
        pos_ += kQualifier.size();
      } else if (seq == kNewline) {
        value->push_back('\n');
      } else {
        value->append(seq);
      }
    }
  }

  Status CheckHeader(const std::vector<std::string>& names) {
    std::unordered_map<std::string_view, size_t> seen;
    for (size_t i = 0; i < names.size(); ++i) {
      field_ = i + 1;
      if (names[i].empty()) return Error("empty field name");
      auto [it, inserted] = seen.emplace(names[i], i + 1);
      if (!inserted) return Error("field name " + names[i] + " repeats field " + std::to_string(it->second));
    }
    return Status::Ok();
  }

  Status Error(const std::string& what) const {
    std::string msg(name_);
    msg.append(": line ").append(std::to_string(line_));
    if (field_ != 0) msg.append(", field ").append(std::to_string(field_));
    return Status::InvalidArgument(msg + ": " + what);
  }

  std::string_view in_;
  std::string_view name_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t field_ = 0;  // 0 before the first field of the file
};

// The end of the run of bytes of `s`, from `from`, that a value holds as
// they are: plain ASCII and well-formed UTF-8 sequences other than þ.
// Copying such runs whole, rather than character by character, matters
// for text in non-Latin scripts.
size_t VerbatimEnd(std::string_view s, size_t from) {
  size_t end = from;
  for (;;) {
    end = PlainAsciiEnd(s, end);
    if (end == s.size() || static_cast<uint8_t>(s[end]) < 0x80) return end;  // CR, LF or ASCII 20
    const size_t len = Utf8SequenceLength(s.substr(end));
    if (len == 0 || s.substr(end, len) == kQualifier) return end;
    end += len;
  }
}

}  // namespace

DatWriter::DatWriter(std::vector<std::string> fields) : fields_(std::move(fields)) {
  assert(!fields_.empty());
#ifndef NDEBUG
  for (size_t i = 0; i < fields_.size(); ++i) {
    assert(!fields_[i].empty());
    for (size_t j = 0; j < i; ++j) assert(fields_[i] != fields_[j]);
  }
#endif
}

void AppendDatValue(std::string_view value, std::string* out) {
  size_t i = 0;
  while (i < value.size()) {
    const size_t end = VerbatimEnd(value, i);
    out->append(value.substr(i, end - i));
    i = end;
    if (i == value.size()) break;
    const auto c = static_cast<uint8_t>(value[i]);
    if (c == '\r') {
      out->append(kNewline);
      i += i + 1 < value.size() && value[i + 1] == '\n' ? 2 : 1;
    } else if (c == '\n') {
      out->append(kNewline);
      ++i;
    } else if (c == kSeparator || Utf8SequenceLength(value.substr(i)) == 0) {
      out->append(kReplacement);
      ++i;
    } else {  // þ
      out->append(kQualifier).append(kQualifier);
      i += kQualifier.size();
    }
  }
}

void DatWriter::AppendHeader(std::string* out) const {
  out->append(kBom);
  AppendRow(fields_, out);
}

namespace {

template <typename String>
void AppendRecord(std::span<const String> values, std::string* out) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out->push_back(kSeparator);
    out->append(kQualifier);
    AppendDatValue(values[i], out);
    out->append(kQualifier);
  }
  out->append(kCrlf);
}

}  // namespace

void DatWriter::AppendRow(std::span<const std::string> values, std::string* out) const {
  assert(values.size() == fields_.size());
  AppendRecord(values, out);
}

void DatWriter::AppendRow(std::span<const std::string_view> values, std::string* out) const {
  assert(values.size() == fields_.size());
  AppendRecord(values, out);
}

StatusOr<DatTable> ParseDat(std::string_view bytes, std::string_view name) { return Parser(bytes, name).Parse(); }

}  // namespace winnow::produce
