#include "formats/line_filter.h"

#include <simdjson.h>

#include <atomic>
#include <span>
#include <thread>
#include <vector>

#include "formats/record_splitter.h"
#include "io/byte_source.h"
#include "util/json_writer.h"

namespace winnow {
namespace {

constexpr size_t kBatchBytes = 2 << 20;
constexpr size_t kMaxLineBytes = size_t{1} << 30;

}  // namespace

void WriteBadLine(std::string_view error, FilterLine* line) {
  line->bad = true;
  line->out.clear();
  JsonWriter w(&line->out);
  w.BeginObject();
  w.Key("id"); w.Null();
  w.Key("line"); w.Uint(line->number);
  w.Key("error"); w.String(error);
  w.EndObject();
  line->out.push_back('\n');
}

size_t LineFilterThreads(const LineFilterOptions& options) {
  return options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
}

Status RunLineFilter(const std::string& input, const LineFilterOptions& options,
                     const std::function<Status(size_t thread, FilterLine& line)>& process,
                     const std::function<Status(FilterLine& line)>& emit) {
  Compression detected;
  std::unique_ptr<ByteSource> source;
  if (options.open_input) {
    WINNOW_ASSIGN_OR_RETURN(source, options.open_input());
  } else {
    WINNOW_ASSIGN_OR_RETURN(source, OpenInput(input, &detected));
  }
  if (options.opened) WINNOW_RETURN_IF_ERROR(options.opened());
  RecordSplitter splitter(source.get(), kMaxLineBytes);
  const size_t threads = LineFilterThreads(options);
  const std::string name = input == "-" ? "standard input" : input;
  std::vector<FilterLine> lines;  // lines[0, n) are this batch
  for (bool done = false; !done;) {
    size_t n = 0, bytes = 0;
    while (bytes < kBatchBytes) {
      Record rec;
      WINNOW_ASSIGN_OR_RETURN(bool more, splitter.Next(&rec));
      if (!more) {
        done = true;
        break;
      }
      if (rec.problem != Record::Problem::kNone) {
        return Status::InvalidArgument(name + ":" + std::to_string(rec.line) +
                                       ": input must be JSON lines, one object per line");
      }
      if (n == lines.size()) lines.emplace_back();
      FilterLine& line = lines[n++];
      line.bytes.reserve(rec.bytes.size() + simdjson::SIMDJSON_PADDING);
      line.bytes.assign(rec.bytes);
      line.number = rec.line;
      line.out.clear();
      line.side.clear();
      line.bad = false;
      line.count = 0;
      bytes += rec.bytes.size();
    }
    const std::span<FilterLine> batch(lines.data(), n);
    std::atomic<size_t> next{0};
    std::vector<Status> errors(threads);
    auto worker = [&](size_t t) {
      for (size_t i; (i = next.fetch_add(1)) < batch.size();) {
        Status s = process(t, batch[i]);
        if (!s.ok()) {
          errors[t] = s;
          next.store(batch.size());
          return;
        }
      }
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < std::min(threads, batch.size()); ++t) pool.emplace_back(worker, t);
    worker(0);
    for (auto& th : pool) th.join();
    for (const Status& s : errors) WINNOW_RETURN_IF_ERROR(s);
    for (FilterLine& line : batch) WINNOW_RETURN_IF_ERROR(emit(line));
    if (options.progress) options.progress(source->raw_bytes_read());
  }
  return Status::Ok();
}

}  // namespace winnow
