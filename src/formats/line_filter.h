// The driver of winnow's pure filters (`winnow match`, `winnow search`):
// reads JSON lines in batches of about 2 MB, processes each batch on all
// cores, and hands the lines back in input order. Memory is one batch of
// input plus its output.
//
// Thread safety: RunLineFilter calls `process` from several threads at once
// (each call with its own thread number and line) and `emit` from the
// calling thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "io/byte_source.h"
#include "winnow/status.h"

namespace winnow {

// One input line and its output. Lines are reused from batch to batch, so
// their buffers are allocated once (fresh buffers each batch cost the
// kernel's page clearing more than parsing does).
struct FilterLine {
  std::string bytes;  // the line; capacity has simdjson::SIMDJSON_PADDING spare bytes
  uint64_t number = 0;  // 1-based line number
  std::string out;      // what `process` writes (cleared before each use)
  std::string side;     // a second output, for filters that write two streams (cleared too)
  bool bad = false;     // `process` found the line malformed
  uint64_t count = 0;   // for the caller (matches, hits)
};

struct LineFilterOptions {
  int threads = 0;  // 0: one per core
  std::function<void(uint64_t bytes_read)> progress;
  // Called once the input is open, before anything is read (so an output
  // is created only for an input that exists).
  std::function<Status()> opened;
  // When set, the input is read from the source this returns instead of
  // opening the `input` path (which then only names it in messages).
  std::function<StatusOr<std::unique_ptr<ByteSource>>()> open_input;
};

// Reads `input` (a path or "-"; plain, gzip or zstd). `process(thread,
// line)` fills line.out; `emit(line)` is then called for every line in
// order. Stops at the first error of either (or an I/O error); an input
// that is not line-delimited JSON is InvalidArgument naming the line.
Status RunLineFilter(const std::string& input, const LineFilterOptions& options,
                     const std::function<Status(size_t thread, FilterLine& line)>& process,
                     const std::function<Status(FilterLine& line)>& emit);

// Marks `line` bad and writes its output line:
// {"id":null,"line":N,"error":"..."} and a newline.
void WriteBadLine(std::string_view error, FilterLine* line);

// The number of threads RunLineFilter uses for `options`.
size_t LineFilterThreads(const LineFilterOptions& options);

}  // namespace winnow
