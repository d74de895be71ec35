// Buffered binary files for the index builder: a writer that checks every
// write and fsyncs on Close, and a reader of sorted fingerprint runs. Errors
// are IoError Statuses naming the path. Not thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow::corpus {

// A fingerprint posting while the index is built: the full hash.
struct FpRecord {
  uint64_t hash;
  uint32_t work;
  uint32_t pos;
  bool operator<(const FpRecord& o) const {
    if (hash != o.hash) return hash < o.hash;
    if (work != o.work) return work < o.work;
    return pos < o.pos;
  }
};
static_assert(sizeof(FpRecord) == 16);

class BinaryWriter {
 public:
  BinaryWriter() = default;
  ~BinaryWriter();
  BinaryWriter(const BinaryWriter&) = delete;
  BinaryWriter& operator=(const BinaryWriter&) = delete;

  Status Open(const std::string& path);  // creates or truncates, mode 0644
  Status Write(std::string_view bytes);
  Status WriteAt(uint64_t offset, std::string_view bytes);  // then continues at the end
  Status Close();                         // flush, fsync, close
  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::FILE* f_ = nullptr;
  uint64_t size_ = 0;
};

class RunReader {
 public:
  RunReader() = default;
  ~RunReader();
  RunReader(const RunReader&) = delete;
  RunReader& operator=(const RunReader&) = delete;

  Status Open(const std::string& path);
  // Sets *rec to the next record; false at the end.
  StatusOr<bool> Next(FpRecord* rec);

 private:
  std::string path_;
  std::FILE* f_ = nullptr;
  std::vector<FpRecord> buf_;
  size_t pos_ = 0, len_ = 0;
};

// Writes `bytes` (typically a section of a mapped file) to *out in pieces.
Status CopyBytes(std::string_view bytes, BinaryWriter* out);

}  // namespace winnow::corpus
