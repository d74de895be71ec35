// Matcher: seed, chain, extend, select.
//
// 1. The text is tokenized and winnowed exactly like the works, so every run
//    of t words shared with a work yields a shared fingerprint (a seed).
// 2. Seeds are looked up in the fingerprint table (all directory reads are
//    prefetched first, then all bucket reads: the table is far larger than
//    the caches). Common fingerprints never seed.
// 3. Seeds of one work are chained when they are collinear (close in the
//    text, close to the same diagonal); each chain is aligned against the
//    work's words: exact across each seed, an optimal alignment between
//    seeds, and an X-drop extension beyond the first and last seed.
// 4. Regions that pass the thresholds are selected best first; a region
//    that covers the same words as a better one from another work is
//    counted in that one's `also` (syndicated copies).
#include <algorithm>

#include "corpus/align.h"
#include "corpus/fingerprinter.h"
#include "corpus/index_impl.h"
#include "corpus/kgram.h"
#include "corpus/similar.h"
#include "corpus/titles.h"
#include "corpus/work_cache.h"
#include "text/tokenizer.h"
#include "winnow/corpus.h"

namespace winnow {
namespace corpus {
namespace {

constexpr uint32_t kMaxChainGap = 300;  // words between two seeds of one chain
constexpr int kBand = 16;               // diagonal band of the extension
constexpr int kXDrop = 12;              // extension stops this far below its best score
constexpr size_t kCacheWorks = 32;

struct Hit {
  uint32_t work, q, w;
};

struct Region {
  uint32_t work = 0;
  uint32_t qa = 0, qb = 0, wa = 0, wb = 0;  // token ranges
  uint32_t work_start = 0, work_end = 0;  // code points of the work's text
  uint32_t matches = 0, edits = 0, longest = 0;
  double identity = 0;
  uint32_t also = 0;
  uint32_t seeds = 0;
};

}  // namespace

class MatcherImpl {
 public:
  MatcherImpl(const IndexImpl& index, const MatchOptions& options)
      : index_(index), options_(options), k_(index.k()), w_(index.w()), bits_(index.dir_bits()),
        cache_(index, kCacheWorks) {}

  Status Match(std::string_view text, bool titles, std::vector<CorpusMatch>* out, MatcherStats* stats) {
    out->clear();
    stats->bytes += text.size();
    text::Tokenize(text, &tokens_);
    stats->words += tokens_.size();
    hashes_.resize(tokens_.size());
    for (size_t i = 0; i < tokens_.size(); ++i) hashes_[i] = tokens_[i].hash;
    FingerprintWords(hashes_, k_, w_, index_.common(), &fps_);
    stats->fingerprints += fps_.size();
    WINNOW_RETURN_IF_ERROR(Lookup());
    stats->postings += hits_.size();
    regions_.clear();
    WINNOW_RETURN_IF_ERROR(ChainAndAlign(stats));
    Select(out);
    stats->reported += out->size();
    if (titles && options_.titles) WINNOW_RETURN_IF_ERROR(FindTitles(index_, options_, tokens_, hashes_, out));
    if (options_.similar) {
      WINNOW_RETURN_IF_ERROR(FindSimilar(index_, options_, tokens_, hashes_, &cache_, out, stats));
    }
    std::sort(out->begin(), out->end(), [](const CorpusMatch& a, const CorpusMatch& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    return Status::Ok();
  }

 private:
  Status Lookup() {
    hits_.clear();
    const uint32_t* dir = index_.directory();
    const FingerprintEntry* entries = index_.entries();
    const uint32_t num_works = index_.num_works();
    const size_t n = fps_.size();
    buckets_.resize(n);
    for (size_t i = 0; i < n; ++i) buckets_[i] = BucketOf(fps_[i].hash, bits_);
    // Software pipeline: the directory slot of lookup i + 2D and the bucket
    // of lookup i + D are fetched while lookup i is scanned, so about D
    // misses are in flight at once (the table is far larger than the caches).
    constexpr size_t kDistance = 8;
    for (size_t i = 0; i < std::min(n, 2 * kDistance); ++i) __builtin_prefetch(dir + buckets_[i]);
    for (size_t i = 0; i < std::min(n, kDistance); ++i) __builtin_prefetch(entries + dir[buckets_[i]]);
    for (size_t i = 0; i < n; ++i) {
      if (i + 2 * kDistance < n) __builtin_prefetch(dir + buckets_[i + 2 * kDistance]);
      if (i + kDistance < n) __builtin_prefetch(entries + dir[buckets_[i + kDistance]]);
      const uint32_t lo = LoOf(fps_[i].hash, bits_);
      uint32_t begin, end;
      WINNOW_RETURN_IF_ERROR(index_.files().BucketRange(buckets_[i], &begin, &end));
      for (uint32_t e = begin; e < end; ++e) {
        if (entries[e].lo != lo) continue;
        if (entries[e].work == kCommonWork) break;  // common: never a seed
        if (entries[e].work >= num_works) {
          return Status::Corruption("corpus index: fingerprint posting " + std::to_string(e) + " names work " +
                                    std::to_string(entries[e].work) + " of " + std::to_string(num_works));
        }
        hits_.push_back({entries[e].work, fps_[i].pos, entries[e].pos});
      }
    }
    std::sort(hits_.begin(), hits_.end(), [](const Hit& a, const Hit& b) {
      if (a.work != b.work) return a.work < b.work;
      if (a.q != b.q) return a.q < b.q;
      return a.w < b.w;
    });
    return Status::Ok();
  }

  // Works are visited by number of seeds, most first, so that the decoding
  // of works that merely share a phrase or two with a copied passage (which
  // otherwise costs more than everything else together) can be skipped.
  Status ChainAndAlign(MatcherStats* stats) {
    groups_.clear();
    for (size_t i = 0; i < hits_.size();) {
      size_t j = i;
      while (j < hits_.size() && hits_[j].work == hits_[i].work) ++j;
      groups_.push_back({i, j});
      i = j;
    }
    std::stable_sort(groups_.begin(), groups_.end(), [](const auto& a, const auto& b) {
      return a.second - a.first > b.second - b.first;
    });
    for (const auto& [i, j] : groups_) {
      BuildChains(i, j);
      stats->chains += chains_.size();
      const CachedWork* work = nullptr;
      for (const auto& chain : chains_) {
        // A chain inside a region already found, with under half its seeds,
        // is a phrase or two that the work shares with the copied passage:
        // not worth decoding the work. A stronger one may be a syndicated
        // or near-duplicate copy, even the better source: align it.
        const Region* cover = CoveringRegion(chain);
        if (cover != nullptr && chain.size() * 2 < cover->seeds) continue;
        if (work == nullptr) {
          WINNOW_ASSIGN_OR_RETURN(work, cache_.Load(hits_[i].work));
        }
        if (AlignChain(chain, *work)) ++stats->aligned;
      }
    }
    return Status::Ok();
  }

  // Chains of the hits [i, j) of one work (sorted by entry word), by dynamic
  // programming as in minimap2: a chain scores the words its seeds cover,
  // minus one per word of diagonal drift between consecutive seeds (the
  // indels an alignment through them would need) and a little per word of
  // gap. The best chain is taken, its seeds removed, and so on, so a phrase
  // that the work repeats elsewhere cannot pull a verbatim copy off its
  // diagonal.
  void BuildChains(size_t i, size_t j) {
    chains_.clear();
    const size_t n = j - i;
    const Hit* h = hits_.data() + i;
    used_.assign(n, 0);
    score_.resize(n);
    pred_.resize(n);
    const double k = k_;
    for (;;) {
      size_t best = SIZE_MAX;
      for (size_t a = 0; a < n; ++a) {
        score_[a] = -1;
        if (used_[a]) continue;
        score_[a] = k;
        pred_[a] = SIZE_MAX;
        // Predecessors within the gap limit; at most 64 back keeps it linear.
        for (size_t b = a, seen = 0; b-- > 0 && seen < 64;) {
          if (used_[b]) continue;
          if (h[a].q - h[b].q > kMaxChainGap) break;
          ++seen;
          if (h[b].q >= h[a].q || h[b].w >= h[a].w) continue;
          const int64_t drift = std::abs((int64_t{h[a].w} - h[a].q) - (int64_t{h[b].w} - h[b].q));
          if (drift > 10 + static_cast<int64_t>(h[a].q - h[b].q) / 4) continue;
          const double gain = std::min<double>({k, double(h[a].q - h[b].q), double(h[a].w - h[b].w)});
          const double s = score_[b] + gain - drift - 0.01 * (h[a].q - h[b].q);
          if (s > score_[a]) {
            score_[a] = s;
            pred_[a] = b;
          }
        }
        if (best == SIZE_MAX || score_[a] > score_[best]) best = a;
      }
      if (best == SIZE_MAX) break;
      std::vector<Hit> chain;
      for (size_t a = best; a != SIZE_MAX; a = pred_[a]) {
        chain.push_back(h[a]);
        used_[a] = 1;
      }
      std::reverse(chain.begin(), chain.end());
      chains_.push_back(std::move(chain));
    }
  }

  const Region* CoveringRegion(const std::vector<Hit>& chain) const {
    const uint32_t first = chain.front().q, last = chain.back().q + static_cast<uint32_t>(k_);
    for (const Region& r : regions_) {
      if (Reportable(r) && r.qa <= first && last <= r.qb) return &r;
    }
    return nullptr;
  }

  bool SeedHolds(const Hit& h, const CachedWork& work) const {
    if (h.q + k_ > hashes_.size() || h.w + k_ > work.hashes.size()) return false;
    for (int t = 0; t < k_; ++t) {
      if (hashes_[h.q + t] != work.hashes[h.w + t]) return false;
    }
    return true;
  }

  // Aligns one chain; adds its region to regions_. False when no seed holds
  // (a hash collision).
  bool AlignChain(const std::vector<Hit>& chain, const CachedWork& work) {
    std::span<const uint64_t> q(hashes_), wk(work.hashes);
    ops_.clear();
    kept_.clear();
    for (const Hit& h : chain) {
      if (SeedHolds(h, work)) kept_.push_back(h);
    }
    bool started = false;
    uint32_t q0 = 0, w0 = 0, qe = 0, we = 0;
    const uint32_t k = static_cast<uint32_t>(k_);
    for (const Hit& h : kept_) {
      if (!started) {
        started = true;
        q0 = h.q;
        w0 = h.w;
        qe = h.q + k;
        we = h.w + k;
        ops_.assign(k, Op::kMatch);
        continue;
      }
      if (h.q <= qe && h.w <= we && h.w - h.q == we - qe) {  // overlaps on the same diagonal
        const uint32_t add = h.q + k > qe ? h.q + k - qe : 0;
        ops_.insert(ops_.end(), add, Op::kMatch);
        qe += add;
        we += add;
      } else if (h.q >= qe && h.w >= we) {
        AlignGlobal(q.subspan(qe, h.q - qe), wk.subspan(we, h.w - we), &scratch_, &ops_);
        ops_.insert(ops_.end(), k, Op::kMatch);
        qe = h.q + k;
        we = h.w + k;
      }
    }
    if (!started) return false;
    back_.clear();
    Extension b = ExtendBackward(q.first(q0), wk.first(w0), kBand, kXDrop, &scratch_, &back_);
    Extension f = ExtendForward(q.subspan(qe), wk.subspan(we), kBand, kXDrop, &scratch_, &ops_);
    back_.insert(back_.end(), ops_.begin(), ops_.end());
    Region r;
    r.work = work.work;
    r.seeds = static_cast<uint32_t>(chain.size());
    r.qa = q0 - static_cast<uint32_t>(b.a_len);
    r.wa = w0 - static_cast<uint32_t>(b.b_len);
    r.qb = qe + static_cast<uint32_t>(f.a_len);
    r.wb = we + static_cast<uint32_t>(f.b_len);
    TrimEnds(&r);
    r.work_start = work.tokens[r.wa].begin;
    r.work_end = work.tokens[r.wb - 1].end;
    uint32_t run = 0;
    for (Op op : back_) {
      if (op == Op::kMatch) {
        ++r.matches;
        r.longest = std::max(r.longest, ++run);
      } else {
        ++r.edits;
        run = 0;
      }
    }
    const uint32_t longer = std::max(r.qb - r.qa, r.wb - r.wa);
    r.identity = longer ? static_cast<double>(r.matches) / longer : 0;
    regions_.push_back(r);
    return true;
  }

  // A region starts and ends with two equal words in a row: a lone equal
  // word at an end, past an edit, is more often a "the" or "of" that agrees
  // by chance than the copy going on. Trims back_ (the region's operations)
  // and the region's bounds to match.
  void TrimEnds(Region* r) {
    auto advance = [](Op op, uint32_t* q, uint32_t* w, int dir) {
      if (op != Op::kDel) *q += dir;
      if (op != Op::kIns) *w += dir;
    };
    size_t first = 0, last = back_.size();
    while (last - first >= 2 && !(back_[first] == Op::kMatch && back_[first + 1] == Op::kMatch)) {
      advance(back_[first++], &r->qa, &r->wa, +1);
    }
    while (last - first >= 2 && !(back_[last - 1] == Op::kMatch && back_[last - 2] == Op::kMatch)) {
      const Op op = back_[--last];
      uint32_t q = 0, w = 0;
      advance(op, &q, &w, 1);
      r->qb -= q;
      r->wb -= w;
    }
    back_.erase(back_.begin() + static_cast<std::ptrdiff_t>(last), back_.end());
    back_.erase(back_.begin(), back_.begin() + static_cast<std::ptrdiff_t>(first));
  }

  bool Reportable(const Region& r) const {
    return r.longest >= static_cast<uint32_t>(options_.min_verbatim_words) ||
           (r.qb - r.qa >= static_cast<uint32_t>(options_.min_near_words) && r.identity >= options_.min_identity);
  }

  void Select(std::vector<CorpusMatch>* out) {
    std::vector<Region> cands;
    for (const Region& r : regions_) {
      if (Reportable(r)) cands.push_back(r);
    }
    std::sort(cands.begin(), cands.end(), [](const Region& a, const Region& b) {
      // Alignment score first (equal words minus edits), so that of two
      // near-duplicate stories the one that holds the passage exactly wins.
      const int64_t sa = int64_t{a.matches} - a.edits, sb = int64_t{b.matches} - b.edits;
      if (sa != sb) return sa > sb;
      if (a.identity != b.identity) return a.identity > b.identity;
      if (a.work != b.work) return a.work < b.work;
      return a.qa < b.qa;
    });
    std::vector<Region> chosen;
    for (const Region& c : cands) {
      bool keep = true;
      for (Region& s : chosen) {
        const int64_t overlap = int64_t{std::min(c.qb, s.qb)} - std::max(c.qa, s.qa);
        if (overlap <= 0) continue;
        const int64_t lc = c.qb - c.qa, ls = s.qb - s.qa;
        if (c.work != s.work && overlap * 10 >= std::max(lc, ls) * 9) ++s.also;  // the same passage elsewhere
        if (overlap * 2 > std::min(lc, ls)) {
          keep = false;
          break;
        }
      }
      if (keep) chosen.push_back(c);
    }
    for (const Region& r : chosen) {
      CorpusMatch m;
      m.kind = CorpusMatch::Kind::kCopy;
      m.work = r.work;
      m.start = tokens_[r.qa].begin;
      m.end = tokens_[r.qb - 1].end;
      m.work_start = r.work_start;
      m.work_end = r.work_end;
      m.words = r.qb - r.qa;
      m.work_words = r.wb - r.wa;
      m.longest_run = r.longest;
      m.identity = r.identity;
      m.also = r.also;
      out->push_back(m);
    }
  }

  const IndexImpl& index_;
  MatchOptions options_;
  int k_, w_;
  uint32_t bits_;
  std::vector<text::Token> tokens_;
  std::vector<uint64_t> hashes_, buckets_;
  std::vector<Fingerprint> fps_;
  std::vector<Hit> hits_;
  std::vector<std::vector<Hit>> chains_;
  std::vector<Hit> kept_;
  std::vector<uint8_t> used_;
  std::vector<double> score_;
  std::vector<size_t> pred_;
  std::vector<std::pair<size_t, size_t>> groups_;
  std::vector<Region> regions_;
  std::vector<Op> ops_, back_;
  AlignScratch scratch_;
  WorkCache cache_;
};

}  // namespace corpus

class Matcher::Impl : public corpus::MatcherImpl {
 public:
  using corpus::MatcherImpl::MatcherImpl;
};

Matcher::Matcher(const CorpusIndex& index, const MatchOptions& options)
    : impl_(std::make_unique<Impl>(static_cast<const corpus::IndexImpl&>(index), options)) {}

Matcher::~Matcher() = default;

Status Matcher::Match(std::string_view text, bool titles, std::vector<CorpusMatch>* out) {
  return impl_->Match(text, titles, out, &stats_);
}

const char* CorpusMatchKindName(CorpusMatch::Kind kind) {
  switch (kind) {
    case CorpusMatch::Kind::kCopy: return "copy";
    case CorpusMatch::Kind::kTitle: return "title";
    case CorpusMatch::Kind::kSimilar: return "similar";
  }
  return "?";
}

}  // namespace winnow
