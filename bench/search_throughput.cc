// The search engine over a text file, one document per line, on one thread:
// compiles a term file (search/query.h format), runs every line through a
// TermMatcher collecting every hit of every term, and prints the rate.
// bench/search_run.sh runs it side by side with ripgrep.
//
// Usage: search_throughput TERMS TEXT [--repeat N] [--hyperscan-only]
// --hyperscan-only runs only the term set's Hyperscan database over each
// line, counting matches (term_hits) without verifying them: the floor of
// the engine's cost.
// Output (one line, key=value): bytes, docs, docs_matched, term_hits, spans
// (summed over the passes), compile_s, seconds (wall, reading and matching,
// all passes), mb_per_s (10^6 bytes per wall second), best_pass_s (the
// fastest pass).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "search/engine.h"
#include "search/engine_internal.h"
#include "search/query.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Calls fn(line) for each line of the file, mapped as ripgrep maps a single
// file, or returns false.
template <typename Fn>
bool ForEachLine(const char* path, Fn fn) {
  const int fd = open(path, O_RDONLY);
  if (fd < 0) return false;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close(fd);
    return false;
  }
  const auto size = static_cast<size_t>(st.st_size);
  void* p = size > 0 ? mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : nullptr;
  close(fd);
  if (p == MAP_FAILED) return false;
  const std::string_view data(static_cast<const char*>(p), size);
  // Lines are found a block ahead, so that the text streams in from memory
  // at the hardware prefetcher's pace and is in cache when matched.
  constexpr size_t kBlock = 256 << 10;
  std::vector<std::string_view> lines;
  bool ok = true;
  for (size_t pos = 0; ok && pos < size;) {
    lines.clear();
    const size_t stop = std::min(size, pos + kBlock);
    while (pos < size && (pos < stop || lines.empty())) {
      size_t nl = data.find('\n', pos);
      if (nl == std::string_view::npos) nl = size;
      lines.push_back(data.substr(pos, nl - pos));
      pos = nl + 1;
    }
    for (size_t i = 0; ok && i < lines.size(); ++i) ok = fn(lines[i]);
  }
  if (p != nullptr) munmap(p, size);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s TERMS TEXT [--repeat N]\n", argv[0]);
    return 2;
  }
  int repeat = 1;
  bool hyperscan_only = false;
  for (int i = 3; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--hyperscan-only") == 0) hyperscan_only = true;
  }
  auto terms = winnow::search::LoadTermFile(argv[1]);
  if (!terms.ok()) {
    std::fprintf(stderr, "%s\n", terms.status().ToString().c_str());
    return 1;
  }
  const auto c0 = Clock::now();
  auto set = winnow::search::TermSet::Compile(std::move(terms).value());
  const auto c1 = Clock::now();
  if (!set.ok()) {
    std::fprintf(stderr, "%s\n", set.status().ToString().c_str());
    return 1;
  }
  winnow::search::TermMatcher matcher(set.value());
  const hs_database_t* db = set.value()->impl().db_all;
  hs_scratch_t* scratch = nullptr;
  if (hyperscan_only && (db == nullptr || hs_alloc_scratch(db, &scratch) != HS_SUCCESS)) {
    std::fprintf(stderr, "no Hyperscan database\n");
    return 1;
  }
  uint64_t hs_matches = 0;
  auto count = [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
    ++*static_cast<uint64_t*>(ctx);
    return 0;
  };
  winnow::search::Document doc;
  doc.fields.push_back({winnow::search::TextField::kText, 0, {}});
  std::vector<winnow::search::TermHit> hits;
  uint64_t docs = 0, matched = 0, term_hits = 0, spans = 0, bytes = 0;
  winnow::Status st;
  const auto t0 = Clock::now();
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    const auto r0 = Clock::now();
    const bool ok = ForEachLine(argv[2], [&](std::string_view line) {
      if (hyperscan_only) {
        ++docs;
        bytes += line.size() + 1;
        return hs_scan(db, line.data(), static_cast<unsigned>(line.size()), 0, scratch, count, &hs_matches) ==
               HS_SUCCESS;
      }
      doc.fields[0].text = line;
      st = matcher.Match(doc, &hits);
      if (!st.ok()) return false;
      ++docs;
      bytes += line.size() + 1;
      matched += hits.empty() ? 0 : 1;
      term_hits += hits.size();
      for (const auto& h : hits) spans += h.spans.size();
      return true;
    });
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
    if (!ok) {
      std::fprintf(stderr, "cannot read %s\n", argv[2]);
      return 1;
    }
    best = std::min(best, Seconds(r0, Clock::now()));
  }
  const auto t1 = Clock::now();
  if (hyperscan_only) term_hits = hs_matches;
  hs_free_scratch(scratch);
  const double secs = Seconds(t0, t1);
  std::printf(
      "bytes=%.0f docs=%llu docs_matched=%llu term_hits=%llu spans=%llu compile_s=%.3f seconds=%.3f "
      "mb_per_s=%.1f best_pass_s=%.3f\n",
      static_cast<double>(bytes), static_cast<unsigned long long>(docs),
      static_cast<unsigned long long>(matched), static_cast<unsigned long long>(term_hits),
      static_cast<unsigned long long>(spans), Seconds(c0, c1), secs, static_cast<double>(bytes) / 1e6 / secs,
      best);
  return 0;
}
