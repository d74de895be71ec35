// OutputFile: a buffered, append-only output (a file or standard output).
// Writes go out in 1 MiB blocks; Close() flushes, fsyncs a regular file and
// reports any error. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow {

class OutputFile {
 public:
  // Creates or truncates `path` with mode 0600 (0644 is not the default:
  // outputs of winnow may hold chat text). "-" is standard output.
  static StatusOr<std::unique_ptr<OutputFile>> Create(const std::string& path);
  static std::unique_ptr<OutputFile> Stdout();
  ~OutputFile();

  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Appends bytes; writes the buffer out when it is full.
  Status Append(std::string_view bytes);
  // Gives the buffer to append to directly, for writers that format in place;
  // call MaybeFlush() after.
  std::string* buffer() { return &buf_; }
  Status MaybeFlush() { return buf_.size() >= kFlushAt ? Flush() : Status::Ok(); }
  Status Flush();
  Status Close();
  const std::string& path() const { return path_; }
  uint64_t bytes_written() const { return written_ + buf_.size(); }

 private:
  static constexpr size_t kFlushAt = 1 << 20;
  OutputFile(int fd, std::string path, bool owned);

  int fd_;
  std::string path_;
  bool owned_;
  std::string buf_;
  uint64_t written_ = 0;
};

}  // namespace winnow
