// RecordSplitter: cuts a byte stream into records without parsing them,
// so a file of any size is read in bounded memory and one bad record never
// spoils the next.
//
// Layouts, chosen from the first bytes of the stream:
//   - JSON lines: every line is one record (blank lines are skipped);
//   - a top-level JSON array: every element is one record;
//   - an object whose first member is "conversations": [...] holding
//     conversation objects (the wrapped ChatGPT export): every element of
//     that array is one record.
// Array elements are found by tracking strings, escapes and bracket depth,
// so nesting of any depth costs a counter, not recursion.
//
// Each record comes with its 1-based line and byte offset in the stream and
// with at least kRecordPadding readable bytes after it (what simdjson needs).
// Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "io/byte_source.h"
#include "winnow/status.h"

namespace winnow {

inline constexpr size_t kRecordPadding = 64;

enum class Layout { kUnknown, kJsonLines, kJsonArray, kWrappedArray };
const char* LayoutName(Layout layout);

struct Record {
  enum class Problem {
    kNone,
    kTruncated,  // the stream ended inside the record
    kTooLarge,   // longer than the limit: `bytes` holds only its first part
    kTrailing,   // bytes after the end of the top-level array
  };
  std::string_view bytes;   // valid until the next call to Next()
  uint64_t line = 0;        // 1-based line of the first byte
  uint64_t offset = 0;      // byte offset of the first byte
  uint64_t size = 0;        // full size in bytes (> bytes.size() only for kTooLarge)
  Problem problem = Problem::kNone;
};

class RecordSplitter {
 public:
  // `source` must outlive the splitter. Records longer than
  // `max_record_bytes` are reported as kTooLarge and skipped.
  RecordSplitter(ByteSource* source, size_t max_record_bytes);
  ~RecordSplitter();
  RecordSplitter(const RecordSplitter&) = delete;
  RecordSplitter& operator=(const RecordSplitter&) = delete;

  // Fills *record with the next record and returns true, or returns false at
  // the end of the stream. Fails only when the source fails (I/O error,
  // corrupt compressed data); records found before that were returned.
  StatusOr<bool> Next(Record* record);

  Layout layout() const { return layout_; }
  uint64_t bytes_consumed() const { return base_offset_ + start_; }

 private:
  Status Fill(bool* got_more);            // reads more bytes; grows the buffer if full
  Status DetectLayout();
  StatusOr<bool> NextRecord(Record* record);
  StatusOr<bool> NextLine(Record* record);
  StatusOr<bool> NextElement(Record* record);
  StatusOr<bool> Trailing(Record* record);
  void Emit(size_t begin, size_t end, Record* record);
  // Advances the element scan over buf_[*pos, end_); returns true with *pos
  // one past the element's last byte when the element ends.
  bool ScanElement(size_t* pos);
  Status SkipRest();  // after a kTooLarge record: drop bytes up to its end
  uint64_t LineAt(size_t pos);

  ByteSource* source_;
  size_t max_record_;
  std::unique_ptr<char[]> buf_;
  size_t cap_ = 0;
  size_t start_ = 0;   // first unconsumed byte
  size_t end_ = 0;     // one past the last byte read
  bool eof_ = false;
  Status error_;       // the source's error, returned once the buffer is drained
  uint64_t base_offset_ = 0;  // stream offset of buf_[0]
  uint64_t line_ = 1;         // line number at line_pos_
  size_t line_pos_ = 0;
  Layout layout_ = Layout::kUnknown;
  bool array_done_ = false;   // the top-level array's ']' was seen
  bool finished_ = false;     // trailing bytes were reported: the stream is done
  bool skip_rest_ = false;    // the current record was too large: skip its rest
  // Element scan state, kept across refills.
  int64_t depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
  bool scalar_ = false;
};

}  // namespace winnow
