// Fingerprint lookups in the corpus index: point lookups (the matcher's way)
// against a sorted batch merged with the table (the "batch mode" of the
// issue: sort a whole vault's fingerprints, then merge them with the index).
//
// Index: $WINNOW_LOOKUP_INDEX if set, else one built in a temporary
// directory from `winnow gen --seed 1 --works 20000`. Queries: about 2^21
// winnowed fingerprints, in text order, of texts alternating between works of
// the index (hits) and works generated with another seed (mostly misses), collected
// once. Each benchmark processes batches of N consecutive query fingerprints
// (a new window of the stream every iteration, so the table is not warmed by
// repeating one small batch) and appends the hits, as the matcher does.
// Reported: items/s and `per_lookup` (time per fingerprint looked up).
//
//   BM_PointLookup          text order, plain loop
//   BM_PointLookupPrefetch  text order, the matcher's software pipeline
//                           (directory slot 2D ahead, bucket D ahead, D = 8)
//   BM_SortedBatch          copy + sort by hash, then one bucket lookup per key
//                           in increasing order
//   BM_SortedBatchPrefetch  the same with the matcher's prefetch pipeline
//   BM_SortedBatchMerge     copy + sort, then a merge join: each bucket holding
//                           keys is read once (reached through the directory)
//                           and merged with the keys' sorted `lo` values
//   BM_SortOnly             copy + sort alone (the cost the sorted methods add)
// The sorted ones take a second argument: radix 0 = std::sort, 1 = a
// two-level MSD radix sort (top 8 bits, then up to 12 more) finished by
// insertion sort.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "corpus/index_impl.h"
#include "corpus/kgram.h"
#include "corpus/work_reader.h"
#include "text/tokenizer.h"
#include "winnow/corpus.h"
#include "winnow/gen.h"

namespace {

using winnow::corpus::BucketOf;
using winnow::corpus::FingerprintEntry;
using winnow::corpus::Fingerprint;
using winnow::corpus::IndexImpl;
using winnow::corpus::kCommonWork;
using winnow::corpus::LoOf;

constexpr size_t kQueries = size_t{1} << 21;  // about 2 million
constexpr uint64_t kMissSeed = 987654321;     // works of another seed: misses
constexpr uint64_t kMissWorks = 12000;        // enough for 2^20 fingerprints

std::string g_tmp;  // the temporary directory, removed on exit

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "lookup_bench: %s\n", what.c_str());
  std::error_code ec;
  if (!g_tmp.empty()) std::filesystem::remove_all(g_tmp, ec);
  std::exit(1);
}

template <typename T>
T OrDie(winnow::StatusOr<T> v, const char* what) {
  if (!v.ok()) Die(std::string(what) + ": " + v.status().ToString());
  return std::move(v).value();
}

struct Hit {
  uint32_t work, q, w;
};

struct Setup {
  std::string tmp;  // removed at exit; empty when the index was given
  std::unique_ptr<winnow::CorpusIndex> index;
  const IndexImpl* impl = nullptr;
  const uint32_t* dir = nullptr;
  const FingerprintEntry* entries = nullptr;
  uint32_t bits = 0;
  uint32_t num_works = 0;
  // The query stream; `pos` is the query's number in the stream (the
  // matcher keeps the k-gram's word number there: also 32 bits).
  std::vector<Fingerprint> queries;
  std::vector<uint8_t> from_index;  // per query: from a work of the index
};

Setup* g = nullptr;

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void Fingerprints(std::string_view text, std::vector<Fingerprint>* out) {
  static std::vector<winnow::text::Token> tokens;
  static std::vector<uint64_t> hashes, kgrams;
  static std::vector<Fingerprint> fps;
  winnow::text::Tokenize(text, &tokens);
  hashes.resize(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) hashes[i] = tokens[i].hash;
  winnow::corpus::KGramHashes(hashes, g->impl->k(), &kgrams);
  g->impl->common().Exclude(&kgrams);
  winnow::corpus::Winnow(kgrams, g->impl->w(), &fps);
  out->insert(out->end(), fps.begin(), fps.end());
}

void Generate(uint64_t seed, uint64_t works, const std::string& dir) {
  winnow::GenOptions o;
  o.seed = seed;
  o.conversations = 1;
  o.works = works;
  o.out_dir = dir;
  OrDie(winnow::Generate(o, nullptr), "gen");
}

void BuildSetup() {
  g = new Setup;
  std::string index_dir;
  if (const char* env = std::getenv("WINNOW_LOOKUP_INDEX"); env != nullptr && *env) index_dir = env;
  std::string templ = (std::filesystem::temp_directory_path() / "winnow-lookup-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) Die("mkdtemp failed");
  g->tmp = g_tmp = templ;
  auto t0 = std::chrono::steady_clock::now();
  if (index_dir.empty()) {
    Generate(1, 20000, g->tmp + "/gen");
    index_dir = g->tmp + "/ix";
    OrDie(winnow::BuildCorpus(index_dir, {g->tmp + "/gen/works.jsonl"}, {}), "corpus build");
    std::fprintf(stderr, "built a 20000-work index in %.1f s\n", Seconds(t0));
  }
  g->index = OrDie(winnow::CorpusIndex::Open(index_dir), "open index");
  g->impl = &static_cast<const IndexImpl&>(*g->index);
  // Reads every posting and directory slot: checks them (the loops below
  // index the directory without bounds checks) and faults the pages in.
  if (auto st = g->impl->files().ValidateAllPostings(); !st.ok()) Die(st.ToString());
  g->dir = g->impl->directory();
  g->entries = g->impl->entries();
  g->bits = g->impl->dir_bits();
  g->num_works = g->impl->num_works();

  // Misses: works generated with another seed.
  t0 = std::chrono::steady_clock::now();
  Generate(kMissSeed, kMissWorks, g->tmp + "/miss");
  auto reader = OrDie(winnow::corpus::WorkReader::Open(g->tmp + "/miss/works.jsonl"), "open miss works");

  // Alternate hit and miss texts until each half has kQueries / 2.
  std::vector<Fingerprint> hit_fps, miss_fps, all;
  std::string text;
  winnow::corpus::Work work;
  const uint32_t n = g->num_works;
  uint64_t stride = 7919;  // a prime: visits works all over the index
  while (std::gcd(stride, uint64_t{n}) != 1) stride += 2;
  uint64_t next_hit = 0, hit_texts = 0;
  bool misses_left = true;
  size_t hits_taken = 0, misses_taken = 0;
  while (hits_taken + misses_taken < kQueries) {
    const bool want_hit = hits_taken < kQueries / 2 && hit_texts < n;
    const bool want_miss = misses_taken < kQueries / 2 && misses_left;
    if (!want_hit && !want_miss) break;
    if (want_hit) {
      const uint32_t w = static_cast<uint32_t>((next_hit * stride) % n);
      ++next_hit;
      ++hit_texts;
      if (auto st = g->impl->WorkText(w, &text); !st.ok()) Die(st.ToString());
      const size_t before = all.size();
      Fingerprints(text, &all);
      hits_taken += all.size() - before;
      g->from_index.resize(all.size(), 1);
    }
    if (want_miss) {
      bool more = OrDie(reader->Next(&work), "read miss works");
      if (!more) {
        misses_left = false;
      } else {
        const size_t before = all.size();
        Fingerprints(work.text, &all);
        misses_taken += all.size() - before;
        g->from_index.resize(all.size(), 0);
      }
    }
  }
  if (all.size() > kQueries) all.resize(kQueries);
  g->from_index.resize(all.size());
  for (size_t i = 0; i < all.size(); ++i) all[i].pos = static_cast<uint32_t>(i);
  g->queries = std::move(all);
  const auto& h = g->impl->files().fp_header();
  std::fprintf(stderr,
               "index %s: %u works, %llu postings, dir_bits %u (%.1f MB table + %.1f MB directory), k %u w %u\n"
               "queries: %zu fingerprints (%zu from %llu index works, rest from works of seed %llu) in %.1f s\n",
               index_dir.c_str(), n, static_cast<unsigned long long>(h.num_entries), h.dir_bits,
               12.0 * h.num_entries / 1e6, 4.0 * ((uint64_t{1} << h.dir_bits) + 1) / 1e6, h.k, h.w,
               g->queries.size(), std::min(hits_taken, g->queries.size()),
               static_cast<unsigned long long>(hit_texts), static_cast<unsigned long long>(kMissSeed),
               Seconds(t0));
}

// ---- the methods --------------------------------------------------------

// The matcher's inner loop for one key: every non-common posting with its lo.
inline void ScanBucket(uint64_t b, const Fingerprint& f, std::vector<Hit>* hits) {
  const uint32_t* dir = g->dir;
  const FingerprintEntry* entries = g->entries;
  const uint32_t lo = LoOf(f.hash, g->bits);
  const uint32_t begin = dir[b], end = dir[b + 1];
  for (uint32_t e = begin; e < end; ++e) {
    if (entries[e].lo != lo) continue;
    if (entries[e].work == kCommonWork) break;  // common: never a seed
    hits->push_back({entries[e].work, f.pos, entries[e].pos});
  }
}

void PointLookup(const Fingerprint* q, size_t n, std::vector<Hit>* hits) {
  for (size_t i = 0; i < n; ++i) ScanBucket(BucketOf(q[i].hash, g->bits), q[i], hits);
}

// MatcherImpl::Lookup's pipeline.
void PointLookupPrefetch(const Fingerprint* q, size_t n, std::vector<uint64_t>* buckets, std::vector<Hit>* hits) {
  const uint32_t* dir = g->dir;
  const FingerprintEntry* entries = g->entries;
  buckets->resize(n);
  uint64_t* bk = buckets->data();
  for (size_t i = 0; i < n; ++i) bk[i] = BucketOf(q[i].hash, g->bits);
  constexpr size_t kDistance = 8;
  for (size_t i = 0; i < std::min(n, 2 * kDistance); ++i) __builtin_prefetch(dir + bk[i]);
  for (size_t i = 0; i < std::min(n, kDistance); ++i) __builtin_prefetch(entries + dir[bk[i]]);
  for (size_t i = 0; i < n; ++i) {
    if (i + 2 * kDistance < n) __builtin_prefetch(dir + bk[i + 2 * kDistance]);
    if (i + kDistance < n) __builtin_prefetch(entries + dir[bk[i + kDistance]]);
    ScanBucket(bk[i], q[i], hits);
  }
}

void InsertionSort(Fingerprint* a, size_t n) {
  for (size_t i = 1; i < n; ++i) {
    const Fingerprint x = a[i];
    size_t j = i;
    for (; j > 0 && a[j - 1].hash > x.hash; --j) a[j] = a[j - 1];
    a[j] = x;
  }
}

bool HashLess(const Fingerprint& a, const Fingerprint& b) { return a.hash < b.hash; }

void SortSmall(Fingerprint* a, size_t n) {
  if (n <= 32) {
    InsertionSort(a, n);
  } else {
    std::sort(a, a + n, HashLess);
  }
}

// Counting sort of src[0, n) into dst by the r hash bits above bit `shift`;
// afterwards c[p] is the end of partition p (c has 2^r + 1 slots).
void Scatter(const Fingerprint* src, size_t n, int shift, int r, Fingerprint* dst, uint32_t* c) {
  const size_t parts = size_t{1} << r;
  const uint64_t mask = parts - 1;
  std::fill(c, c + parts + 1, 0);
  for (size_t i = 0; i < n; ++i) ++c[((src[i].hash >> shift) & mask) + 1];
  for (size_t p = 1; p <= parts; ++p) c[p] += c[p - 1];
  for (size_t i = 0; i < n; ++i) dst[c[(src[i].hash >> shift) & mask]++] = src[i];
}

// Copies the batch into *out sorted by hash. radix: an MSD radix sort, one
// pass on the top 8 bits (256 write streams), then each partition (in L2)
// by its next bits (about 8 keys a sub-partition), then insertion sort.
// Otherwise std::sort.
void SortBatch(const Fingerprint* q, size_t n, bool radix, std::vector<Fingerprint>* out,
               std::vector<Fingerprint>* tmp, std::vector<uint32_t>* counts) {
  if (!radix || n < 256) {
    out->assign(q, q + n);
    std::sort(out->begin(), out->end(), HashLess);
    return;
  }
  constexpr int kTopBits = 8, kMaxSubBits = 12;
  out->resize(n);
  tmp->resize(n);
  counts->resize((size_t{1} << kTopBits) + 1 + (size_t{1} << kMaxSubBits) + 1);
  Fingerprint* o = out->data();
  Fingerprint* t = tmp->data();
  uint32_t* top = counts->data();
  uint32_t* sub = top + (size_t{1} << kTopBits) + 1;
  Scatter(q, n, 64 - kTopBits, kTopBits, o, top);
  size_t begin = 0;
  for (size_t p = 0; p < (size_t{1} << kTopBits); ++p) {
    const size_t end = top[p], m = end - begin;
    if (m <= 32) {
      InsertionSort(o + begin, m);
    } else {
      const int r = std::clamp(static_cast<int>(std::bit_width(m)) - 3, 2, kMaxSubBits);
      Scatter(o + begin, m, 64 - kTopBits - r, r, t + begin, sub);
      size_t b = 0;
      for (size_t s = 0; s < (size_t{1} << r); ++s) {
        SortSmall(t + begin + b, sub[s] - b);
        b = sub[s];
      }
      std::copy(t + begin, t + end, o + begin);
    }
    begin = end;
  }
}

void SortedWalk(const std::vector<Fingerprint>& s, std::vector<Hit>* hits) {
  PointLookup(s.data(), s.size(), hits);
}

void SortedMerge(const std::vector<Fingerprint>& s, std::vector<Hit>* hits) {
  const uint32_t* dir = g->dir;
  const FingerprintEntry* entries = g->entries;
  const uint32_t bits = g->bits;
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const uint64_t b = BucketOf(s[i].hash, bits);
    uint32_t e = dir[b];
    const uint32_t end = dir[b + 1];
    // Keys of this bucket, by lo; postings of the bucket, by lo: merge.
    for (; i < n && BucketOf(s[i].hash, bits) == b; ++i) {
      const uint32_t lo = LoOf(s[i].hash, bits);
      while (e < end && entries[e].lo < lo) ++e;
      for (uint32_t f = e; f < end && entries[f].lo == lo; ++f) {
        if (entries[f].work == kCommonWork) break;
        hits->push_back({entries[f].work, s[i].pos, entries[f].pos});
      }
    }
  }
}

struct Scratch {
  std::vector<Hit> hits;
  std::vector<uint64_t> buckets;
  std::vector<Fingerprint> sorted, tmp;
  std::vector<uint32_t> counts;
};

enum class Method { kPoint, kPointPrefetch, kSorted, kSortedPrefetch, kSortedMerge, kSortOnly };

void Run(Method m, bool radix, const Fingerprint* q, size_t n, Scratch* s) {
  s->hits.clear();
  switch (m) {
    case Method::kPoint: PointLookup(q, n, &s->hits); break;
    case Method::kPointPrefetch: PointLookupPrefetch(q, n, &s->buckets, &s->hits); break;
    case Method::kSorted:
      SortBatch(q, n, radix, &s->sorted, &s->tmp, &s->counts);
      SortedWalk(s->sorted, &s->hits);
      break;
    case Method::kSortedPrefetch:
      SortBatch(q, n, radix, &s->sorted, &s->tmp, &s->counts);
      PointLookupPrefetch(s->sorted.data(), s->sorted.size(), &s->buckets, &s->hits);
      break;
    case Method::kSortedMerge:
      SortBatch(q, n, radix, &s->sorted, &s->tmp, &s->counts);
      SortedMerge(s->sorted, &s->hits);
      break;
    case Method::kSortOnly: SortBatch(q, n, radix, &s->sorted, &s->tmp, &s->counts); break;
  }
}

// Order-independent digest of the hits.
uint64_t Digest(const std::vector<Hit>& hits) {
  uint64_t d = 0;
  for (const Hit& h : hits) {
    uint64_t z = (uint64_t{h.work} << 32 | h.w) * 0x9e3779b97f4a7c15ULL ^ uint64_t{h.q} * 0xbf58476d1ce4e5b9ULL;
    z ^= z >> 31;
    d += z * 0x94d049bb133111ebULL;
  }
  return d;
}

void Check() {
  Scratch s;
  const size_t total = g->queries.size();
  for (size_t n : {size_t{1} << 10, size_t{1} << 14, total}) {
    n = std::min(n, total);
    for (int at_end = 0; at_end < (n == total ? 1 : 2); ++at_end) {  // first and last window
      const size_t off = at_end ? total - n : 0;
      const Fingerprint* q = g->queries.data() + off;
      Run(Method::kPoint, false, q, n, &s);
      const size_t count = s.hits.size();
      const uint64_t digest = Digest(s.hits);
      struct {
        Method m;
        bool radix;
        const char* name;
      } const others[] = {{Method::kPointPrefetch, false, "PointLookupPrefetch"},
                          {Method::kSorted, false, "SortedBatch (std::sort)"},
                          {Method::kSorted, true, "SortedBatch (radix)"},
                          {Method::kSortedPrefetch, true, "SortedBatchPrefetch (radix)"},
                          {Method::kSortedMerge, false, "SortedBatchMerge (std::sort)"},
                          {Method::kSortedMerge, true, "SortedBatchMerge (radix)"}};
      for (const auto& o : others) {
        Run(o.m, o.radix, q, n, &s);
        if (s.hits.size() != count || Digest(s.hits) != digest) {
          Die(std::string(o.name) + " found " + std::to_string(s.hits.size()) + " hits, PointLookup " +
              std::to_string(count) + ", for the " + std::to_string(n) + " queries at " + std::to_string(off));
        }
      }
      if (n == total && off == 0) {
        size_t with_hit[2] = {0, 0}, of[2] = {0, 0};
        std::vector<uint8_t> seen(n, 0);
        Run(Method::kPoint, false, q, n, &s);
        for (const Hit& h : s.hits) {
          if (!seen[h.q]++) ++with_hit[g->from_index[h.q]];
        }
        for (size_t i = 0; i < n; ++i) ++of[g->from_index[i]];
        std::fprintf(stderr,
                     "check: all methods agree; %zu queries: %zu hits (postings); queries with a hit: %zu of %zu "
                     "from index works, %zu of %zu from the other seed's works\n",
                     n, count, with_hit[1], of[1], with_hit[0], of[0]);
      }
    }
  }
}

// ---- the benchmarks -----------------------------------------------------

void Bench(benchmark::State& state, Method m) {
  const size_t total = g->queries.size();
  const size_t n = std::min(static_cast<size_t>(state.range(0)), total);
  const bool radix = state.range(1) != 0;
  Scratch s;
  s.hits.reserve(2 * n + 1024);
  size_t off = 0, hits = 0;
  for (auto _ : state) {
    Run(m, radix, g->queries.data() + off, n, &s);
    hits += s.hits.size();
    benchmark::DoNotOptimize(s.hits.data());
    benchmark::DoNotOptimize(s.sorted.data());
    off += n;
    if (off + n > total) off = 0;
  }
  const double items = static_cast<double>(n);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.counters["per_lookup"] =
      benchmark::Counter(items, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["hits/batch"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
}

void BM_PointLookup(benchmark::State& state) { Bench(state, Method::kPoint); }
void BM_PointLookupPrefetch(benchmark::State& state) { Bench(state, Method::kPointPrefetch); }
void BM_SortedBatch(benchmark::State& state) { Bench(state, Method::kSorted); }
void BM_SortedBatchPrefetch(benchmark::State& state) { Bench(state, Method::kSortedPrefetch); }
void BM_SortedBatchMerge(benchmark::State& state) { Bench(state, Method::kSortedMerge); }
void BM_SortOnly(benchmark::State& state) { Bench(state, Method::kSortOnly); }

constexpr int64_t kSizes[] = {1 << 10, 1 << 14, 1 << 18, int64_t{kQueries}};

void PointArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"n", "radix"});
  for (int64_t n : kSizes) b->Args({n, 0});
}
void SortArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"n", "radix"});
  for (int64_t n : kSizes) {
    for (int64_t radix : {0, 1}) b->Args({n, radix});
  }
}

BENCHMARK(BM_PointLookup)->Apply(PointArgs)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PointLookupPrefetch)->Apply(PointArgs)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SortedBatch)->Apply(SortArgs)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SortedBatchPrefetch)->Apply(SortArgs)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SortedBatchMerge)->Apply(SortArgs)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SortOnly)->Apply(SortArgs)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  BuildSetup();
  Check();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  const std::string tmp = g->tmp;
  g->index.reset();
  std::error_code ec;
  std::filesystem::remove_all(tmp, ec);
  return 0;
}
