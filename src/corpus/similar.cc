#include "corpus/similar.h"

#include <algorithm>

#include "corpus/sketch.h"

namespace winnow::corpus {

namespace {

constexpr uint32_t kMinSketchAgree = 2;      // bins a work must share to be checked
constexpr size_t kMaxSimilarCandidates = 8;  // works checked per text, most bins first
constexpr uint32_t kMaxSimilarWorks = 3;     // more works alike than this: common phrasing

}  // namespace

Status FindSimilar(const IndexImpl& index, const MatchOptions& options, std::span<const text::Token> tokens,
                   std::span<const uint64_t> hashes, WorkCache* cache, std::vector<CorpusMatch>* out,
                   MatcherStats* stats) {
  thread_local std::vector<uint64_t> shingles;  // scratch, reused
  thread_local std::vector<uint32_t> candidates;
  thread_local std::vector<std::pair<uint32_t, uint32_t>> agree;
  if (hashes.size() < static_cast<size_t>(std::max(options.min_similar_words, kShingleWords))) {
    return Status::Ok();
  }
  const PostingsTable& table = index.files().similar_table();
  if (table.header.num_entries == 0) return Status::Ok();
  // A text that is mostly a copy is reported as one; its likeness to
  // other works (syndicated copies, counted in `also`) adds nothing.
  uint64_t copied_words = 0;
  for (const CorpusMatch& m : *out) copied_words += m.kind == CorpusMatch::Kind::kCopy ? m.words : 0;
  if (copied_words * 2 > hashes.size()) return Status::Ok();
  ShingleHashes(hashes, &shingles);
  const Sketch sketch = SketchOf(shingles);
  const uint32_t bits = table.header.dir_bits, num_works = index.num_works();
  uint64_t keys[kSketchBins], buckets[kSketchBins];
  for (int bin = 0; bin < kSketchBins; ++bin) {
    keys[bin] = SketchKey(bin, sketch.min[bin]);
    buckets[bin] = BucketOf(keys[bin], bits);
    __builtin_prefetch(table.dir + buckets[bin]);
  }
  for (int bin = 0; bin < kSketchBins; ++bin) __builtin_prefetch(table.entries + table.dir[buckets[bin]]);
  candidates.clear();
  for (int bin = 0; bin < kSketchBins; ++bin) {
    if (sketch.min[bin] == kEmptyBin) continue;
    uint32_t begin, end;
    WINNOW_RETURN_IF_ERROR(table.BucketRange(buckets[bin], &begin, &end));
    const uint32_t lo = LoOf(keys[bin], bits);
    for (uint32_t e = begin; e < end; ++e) {
      const FingerprintEntry& p = table.entries[e];
      if (p.lo != lo) continue;
      if (p.work == kCommonWork) break;
      if (p.work >= num_works) return Status::Corruption(table.name + ": posting " + std::to_string(e) + " names a work out of range");
      if (p.pos == static_cast<uint32_t>(bin)) candidates.push_back(p.work);
    }
  }
  if (candidates.empty()) return Status::Ok();
  std::sort(candidates.begin(), candidates.end());
  agree.clear();  // (bins shared, work)
  for (size_t i = 0; i < candidates.size();) {
    size_t j = i;
    while (j < candidates.size() && candidates[j] == candidates[i]) ++j;
    const uint32_t work = candidates[i];
    bool copied = false;
    for (const CorpusMatch& m : *out) copied |= m.work == work && m.kind == CorpusMatch::Kind::kCopy;
    if (j - i >= kMinSketchAgree && !copied) agree.push_back({static_cast<uint32_t>(j - i), work});
    i = j;
  }
  if (agree.empty()) return Status::Ok();
  std::sort(agree.begin(), agree.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (agree.size() > kMaxSimilarCandidates) agree.resize(kMaxSimilarCandidates);
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  double best = -1;
  uint32_t best_work = 0, also = 0;
  for (const auto& [bins, work_id] : agree) {
    WINNOW_ASSIGN_OR_RETURN(CachedWork* work, cache->Load(work_id));
    ++stats->similar_checked;
    if (work->shingles.empty()) {
      ShingleHashes(work->hashes, &work->shingles);
      std::sort(work->shingles.begin(), work->shingles.end());
      work->shingles.erase(std::unique(work->shingles.begin(), work->shingles.end()), work->shingles.end());
    }
    size_t shared = 0;
    auto it = work->shingles.begin();
    for (uint64_t h : shingles) {
      it = std::lower_bound(it, work->shingles.end(), h);
      if (it == work->shingles.end()) break;
      shared += *it == h;
    }
    const double share = static_cast<double>(shared) / shingles.size();
    if (share < options.min_similarity) continue;
    if (share > best) {
      if (best >= 0) ++also;
      best = share;
      best_work = work_id;
    } else {
      ++also;
    }
  }
  // Held by many works at once, the text is common phrasing (boilerplate,
  // a wire formula), not a rewrite of one work.
  if (best < 0 || also >= kMaxSimilarWorks) return Status::Ok();
  CorpusMatch m;
  m.kind = CorpusMatch::Kind::kSimilar;
  m.work = best_work;
  m.start = tokens.front().begin;
  m.end = tokens.back().end;
  m.words = static_cast<uint32_t>(tokens.size());
  m.similarity = best;
  m.also = also;
  out->push_back(m);
  return Status::Ok();
}

}  // namespace winnow::corpus
