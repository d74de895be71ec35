// OutFile: a buffered, append-only output file that reports failures as a
// Status and counts the bytes written. The generator's only file access.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "winnow/status.h"

namespace winnow::gen {

class OutFile {
 public:
  OutFile() = default;
  ~OutFile();
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;

  // Creates or truncates `path`.
  Status Open(const std::string& path);
  // The buffer to append to; call MaybeFlush() after appending.
  std::string* buffer() { return &buf_; }
  // Bytes written so far including the buffer: the offset of the next byte.
  uint64_t offset() const { return flushed_ + buf_.size(); }
  Status MaybeFlush() { return buf_.size() >= kFlushBytes ? Flush() : Status::Ok(); }
  Status Flush();
  // Flushes and closes; the file is complete only when this returns OK.
  Status Close();

 private:
  static constexpr size_t kFlushBytes = 1 << 22;
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buf_;
  uint64_t flushed_ = 0;
};

}  // namespace winnow::gen
