// ByteSource: a sequential stream of bytes, the seam through which every
// input file is read. Files, standard input, memory (for tests and fuzzers)
// and decompressors (gzip, zstd) are all ByteSources, so the readers above
// never know where their bytes come from. A ByteSource is used by one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "winnow/status.h"

namespace winnow {

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Reads up to `n` bytes into `buf`. Returns the number read, 0 only at the
  // end of the stream, or an error naming the source and what went wrong
  // (the stream is then unusable).
  virtual StatusOr<size_t> Read(char* buf, size_t n) = 0;

  // Bytes consumed from the underlying file so far (compressed bytes for a
  // decompressor), for progress reporting against the file's size.
  virtual uint64_t raw_bytes_read() const = 0;
};

enum class Compression { kNone, kGzip, kZstd };
const char* CompressionName(Compression c);

// Opens `path` for reading ("-" is standard input). Fails with NotFound or
// IoError naming the file.
StatusOr<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);

// A source that serves `data`.
std::unique_ptr<ByteSource> NewMemorySource(std::string data);

// Looks at the first bytes of `raw`: a gzip or zstd magic number wraps it in
// the matching streaming decompressor; anything else is passed through. The
// kind found is stored in *detected. `name` is used in error messages.
StatusOr<std::unique_ptr<ByteSource>> NewDecompressingSource(std::unique_ptr<ByteSource> raw,
                                                             const std::string& name,
                                                             Compression* detected);

// OpenFileSource then NewDecompressingSource.
StatusOr<std::unique_ptr<ByteSource>> OpenInput(const std::string& path, Compression* detected);

}  // namespace winnow
