#include "formats/record_splitter.h"

#include <algorithm>
#include <cstring>

namespace winnow {
namespace {

constexpr size_t kInitialBuffer = 1 << 20;
constexpr size_t kMinRead = 1 << 16;

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// True if any of the eight bytes of `w` equals `c`.
inline bool HasByte(uint64_t w, unsigned char c) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  uint64_t x = w ^ (kOnes * c);
  return ((x - kOnes) & ~x & (kOnes * 0x80)) != 0;
}

}  // namespace

const char* LayoutName(Layout layout) {
  switch (layout) {
    case Layout::kUnknown: return "unknown";
    case Layout::kJsonLines: return "json-lines";
    case Layout::kJsonArray: return "json-array";
    case Layout::kWrappedArray: return "wrapped-array";
  }
  return "unknown";
}

RecordSplitter::RecordSplitter(ByteSource* source, size_t max_record_bytes)
    : source_(source), max_record_(std::max<size_t>(max_record_bytes, 16)) {}

RecordSplitter::~RecordSplitter() = default;

uint64_t RecordSplitter::LineAt(size_t pos) {
  if (pos > line_pos_) {
    line_ += static_cast<uint64_t>(std::count(buf_.get() + line_pos_, buf_.get() + pos, '\n'));
    line_pos_ = pos;
  }
  return line_;
}

Status RecordSplitter::Fill(bool* got_more) {
  *got_more = false;
  if (eof_) return Status::Ok();
  if (start_ > 0 && (start_ >= cap_ / 2 || end_ + kRecordPadding + kMinRead > cap_)) {
    LineAt(start_);
    std::memmove(buf_.get(), buf_.get() + start_, end_ - start_);
    base_offset_ += start_;
    end_ -= start_;
    line_pos_ -= start_;
    start_ = 0;
  }
  if (cap_ < end_ + kRecordPadding + kMinRead) {
    size_t want = std::max({kInitialBuffer, cap_ * 2, end_ + kRecordPadding + kMinRead});
    // Uninitialized on purpose: only bytes read (and the zeroed padding) are used.
    std::unique_ptr<char[]> bigger(new char[want]);
    if (end_ > 0) std::memcpy(bigger.get(), buf_.get(), end_);
    buf_ = std::move(bigger);
    cap_ = want;
  }
  auto read = source_->Read(buf_.get() + end_, cap_ - end_ - kRecordPadding);
  if (!read.ok()) {
    // Hand out the records already buffered first; the error ends the stream.
    error_ = read.status();
    eof_ = true;
    return Status::Ok();
  }
  size_t got = *read;
  if (got == 0) {
    eof_ = true;
  } else {
    end_ += got;
    *got_more = true;
  }
  // Zero the padding so a parser that peeks past the end sees no stale bytes.
  std::memset(buf_.get() + end_, 0, std::min(kRecordPadding, cap_ - end_));
  return Status::Ok();
}

void RecordSplitter::Emit(size_t begin, size_t end, Record* record) {
  record->bytes = std::string_view(buf_.get() + begin, end - begin);
  record->line = LineAt(begin);
  record->offset = base_offset_ + begin;
  record->size = end - begin;
  record->problem = Record::Problem::kNone;
}

Status RecordSplitter::DetectLayout() {
  // Look at up to 64 KiB: enough to see the first key of a wrapped export.
  bool more = true;
  while (more && end_ - start_ < (1 << 16)) WINNOW_RETURN_IF_ERROR(Fill(&more));
  size_t p = start_;
  if (end_ - p >= 3 && std::memcmp(buf_.get() + p, "\xEF\xBB\xBF", 3) == 0) start_ = p = p + 3;
  while (p < end_ && IsSpace(buf_[p])) ++p;
  layout_ = Layout::kJsonLines;
  if (p >= end_) return Status::Ok();
  if (buf_[p] == '[') {
    layout_ = Layout::kJsonArray;
    start_ = p + 1;
    return Status::Ok();
  }
  if (buf_[p] != '{') return Status::Ok();
  // {"conversations": [ {"<key>" ... where <key> is not a ShareGPT turn key.
  std::string_view rest(buf_.get() + p + 1, end_ - p - 1);
  size_t i = rest.find_first_not_of(" \t\r\n");
  static constexpr std::string_view kKey = "\"conversations\"";
  if (i == std::string_view::npos || rest.substr(i, kKey.size()) != kKey) return Status::Ok();
  i = rest.find_first_not_of(" \t\r\n", i + kKey.size());
  if (i == std::string_view::npos || rest[i] != ':') return Status::Ok();
  size_t arr = rest.find_first_not_of(" \t\r\n", i + 1);
  if (arr == std::string_view::npos || rest[arr] != '[') return Status::Ok();
  size_t obj = rest.find_first_not_of(" \t\r\n", arr + 1);
  if (obj == std::string_view::npos || rest[obj] != '{') return Status::Ok();
  size_t key = rest.find_first_not_of(" \t\r\n", obj + 1);
  if (key == std::string_view::npos || rest[key] != '"') return Status::Ok();
  size_t key_end = rest.find('"', key + 1);
  if (key_end == std::string_view::npos) return Status::Ok();
  std::string_view first = rest.substr(key + 1, key_end - key - 1);
  if (first == "from" || first == "value" || first == "role" || first == "content") return Status::Ok();
  layout_ = Layout::kWrappedArray;
  start_ = p + 1 + arr + 1;
  return Status::Ok();
}

StatusOr<bool> RecordSplitter::Next(Record* record) {
  StatusOr<bool> got = NextRecord(record);
  if (got.ok() && !*got && !error_.ok()) return error_;
  return got;
}

StatusOr<bool> RecordSplitter::NextRecord(Record* record) {
  if (finished_) {
    bool more = true;
    while (more) {
      LineAt(end_);
      start_ = end_;
      WINNOW_RETURN_IF_ERROR(Fill(&more));
    }
    return false;
  }
  if (layout_ == Layout::kUnknown) WINNOW_RETURN_IF_ERROR(DetectLayout());
  if (layout_ == Layout::kJsonLines) return NextLine(record);
  if (array_done_) return Trailing(record);
  return NextElement(record);
}

StatusOr<bool> RecordSplitter::NextLine(Record* record) {
  if (skip_rest_) WINNOW_RETURN_IF_ERROR(SkipRest());
  size_t scanned = 0;  // bytes after start_ known to hold no newline
  for (;;) {
    const char* from = buf_.get() + start_ + scanned;
    const void* nl = end_ > start_ + scanned ? std::memchr(from, '\n', end_ - start_ - scanned) : nullptr;
    if (nl != nullptr || (eof_ && end_ > start_)) {
      size_t stop = nl ? static_cast<size_t>(static_cast<const char*>(nl) - buf_.get()) : end_;
      size_t b = start_, e = stop;
      while (b < e && IsSpace(buf_[b])) ++b;
      while (e > b && IsSpace(buf_[e - 1])) --e;
      start_ = nl ? stop + 1 : stop;
      if (b == e) { scanned = 0; continue; }  // a blank line is not a record
      Emit(b, std::min(e, b + max_record_), record);
      if (e - b > max_record_) record->problem = Record::Problem::kTooLarge;
      return true;
    }
    scanned = end_ - start_;
    if (scanned > max_record_) {
      Emit(start_, start_ + max_record_, record);
      record->problem = Record::Problem::kTooLarge;
      // The emitted prefix must stay valid, so skip the rest on the next call.
      start_ += max_record_;
      skip_rest_ = true;
      return true;
    }
    bool more;
    WINNOW_RETURN_IF_ERROR(Fill(&more));
    if (!more && end_ == start_) return false;
  }
}

bool RecordSplitter::ScanElement(size_t* pos) {
  const char* b = buf_.get();
  size_t p = *pos;
  while (p < end_) {
    if (in_string_) {
      if (escape_) { escape_ = false; ++p; continue; }
      // Skip eight bytes at a time while they hold no quote or backslash.
      while (end_ - p >= 8) {
        uint64_t w;
        std::memcpy(&w, b + p, 8);
        if (HasByte(w, '"') || HasByte(w, '\\')) break;
        p += 8;
      }
      if (p >= end_) break;
      char c = b[p++];
      if (c == '\\') {
        escape_ = true;
      } else if (c == '"') {
        in_string_ = false;
        if (scalar_ && depth_ == 0) { *pos = p; return true; }
      }
      continue;
    }
    char c = b[p];
    switch (c) {
      case '"': in_string_ = true; break;
      case '{': case '[': ++depth_; break;
      case '}': case ']':
        if (depth_ == 0) { *pos = p; return true; }  // a scalar ended by the array's ']'
        if (--depth_ == 0) { *pos = p + 1; return true; }
        break;
      case ',':
        if (depth_ == 0) { *pos = p; return true; }
        break;
      case ' ': case '\n': case '\r': case '\t':
        if (depth_ == 0 && scalar_) { *pos = p; return true; }
        break;
      default: break;
    }
    ++p;
  }
  *pos = p;
  return false;
}

Status RecordSplitter::SkipRest() {
  skip_rest_ = false;
  for (;;) {
    if (layout_ == Layout::kJsonLines) {
      const void* nl = std::memchr(buf_.get() + start_, '\n', end_ - start_);
      if (nl != nullptr) {
        start_ = static_cast<size_t>(static_cast<const char*>(nl) - buf_.get()) + 1;
        return Status::Ok();
      }
    } else {
      size_t pos = start_;
      if (ScanElement(&pos)) { start_ = pos; return Status::Ok(); }
    }
    LineAt(end_);
    start_ = end_;
    bool more;
    WINNOW_RETURN_IF_ERROR(Fill(&more));
    if (!more) return Status::Ok();
  }
}

StatusOr<bool> RecordSplitter::NextElement(Record* record) {
  if (skip_rest_) WINNOW_RETURN_IF_ERROR(SkipRest());
  // Find the start of the next element: skip whitespace and separators.
  for (;;) {
    while (start_ < end_ && (IsSpace(buf_[start_]) || buf_[start_] == ',')) ++start_;
    if (start_ < end_) break;
    bool more;
    WINNOW_RETURN_IF_ERROR(Fill(&more));
    if (!more) return false;  // the array was never closed: nothing more to read
  }
  if (buf_[start_] == ']') {
    ++start_;
    array_done_ = true;
    return Trailing(record);
  }
  depth_ = 0;
  in_string_ = escape_ = false;
  scalar_ = buf_[start_] != '{' && buf_[start_] != '[';
  size_t scanned = 0;  // relative to start_, which a Fill may move
  for (;;) {
    size_t pos = start_ + scanned;
    if (ScanElement(&pos)) {
      // A stray '}' where an element should start ends a "scalar" before its
      // first byte: take that byte as the (bad) record, so the scan moves on.
      if (pos == start_) pos = start_ + 1;
      Emit(start_, std::min(pos, start_ + max_record_), record);
      if (pos - start_ > max_record_) record->problem = Record::Problem::kTooLarge;
      start_ = pos;
      return true;
    }
    scanned = pos - start_;
    if (scanned > max_record_) {
      Emit(start_, start_ + max_record_, record);
      record->problem = Record::Problem::kTooLarge;
      start_ = pos;  // the scan state already covers up to here
      skip_rest_ = true;
      return true;
    }
    bool more;
    WINNOW_RETURN_IF_ERROR(Fill(&more));
    if (!more) {
      size_t e = end_;
      while (e > start_ && IsSpace(buf_[e - 1])) --e;
      Emit(start_, e, record);
      record->problem = Record::Problem::kTruncated;
      start_ = end_;
      return true;
    }
  }
}

StatusOr<bool> RecordSplitter::Trailing(Record* record) {
  // After the array: whitespace, and for a wrapped export the closing brace
  // of the wrapper, are expected; anything else is reported once as a record.
  bool closed_wrapper = layout_ != Layout::kWrappedArray;
  for (;;) {
    while (start_ < end_ && IsSpace(buf_[start_])) ++start_;
    if (!closed_wrapper && start_ < end_ && buf_[start_] == '}') {
      ++start_;
      closed_wrapper = true;
      continue;
    }
    if (start_ < end_) break;
    bool more;
    WINNOW_RETURN_IF_ERROR(Fill(&more));
    if (!more) return false;
  }
  // Take everything up to the end of the stream (bounded by the limit); the
  // next call drops whatever lies beyond the limit and ends the stream.
  bool more = true;
  while (more && end_ - start_ <= max_record_) WINNOW_RETURN_IF_ERROR(Fill(&more));
  Emit(start_, std::min(end_, start_ + max_record_), record);
  record->problem = Record::Problem::kTrailing;
  finished_ = true;
  return true;
}

}  // namespace winnow
