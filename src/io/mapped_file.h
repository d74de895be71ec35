// MappedFile: a read-only memory map of a whole file, for indexes that are
// read at random and must not be loaded into memory (the corpus index).
// Immutable after Open; safe to share between threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow {

class MappedFile {
 public:
  // Maps `path` read-only. NotFound or IoError naming the path on failure.
  // An empty file maps to an empty view.
  static StatusOr<std::unique_ptr<MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {data_, size_}; }
  const std::string& path() const { return path_; }

 private:
  MappedFile(std::string path, const char* data, size_t size) : path_(std::move(path)), data_(data), size_(size) {}
  std::string path_;
  const char* data_;
  size_t size_;
};

}  // namespace winnow
