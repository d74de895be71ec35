// WorkReader: reads the works of a reference corpus, one at a time, from a
// JSON-lines (or JSON array) file, plain, gzip or zstd, or from a directory
// of UTF-8 `.txt` files. A corpus must be complete, so a bad work is an
// error naming file, line and field, not a quarantined record. Not
// thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "winnow/status.h"

namespace winnow::corpus {

struct Work {
  std::string id, title, url, date, publisher, text;
};

class WorkReader {
 public:
  // Opens `path`: a directory is walked recursively for `*.txt` files in
  // sorted path order (id = path relative to `path` without `.txt`, title =
  // first non-blank line, text = the whole file); anything else is read as
  // JSON records `{"id","title","text","url","date","publisher"}` (only id
  // and text required; id may be a string or an integer).
  static StatusOr<std::unique_ptr<WorkReader>> Open(const std::string& path);
  virtual ~WorkReader() = default;

  // Fills *work and returns true, false at the end, or an error naming the
  // file, line and field (missing or mistyped field, invalid JSON, text that
  // is not UTF-8, I/O error).
  virtual StatusOr<bool> Next(Work* work) = 0;

  // Input bytes consumed so far (compressed bytes for compressed files).
  virtual uint64_t bytes_read() const = 0;
};

}  // namespace winnow::corpus
