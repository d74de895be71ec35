// The reference corpus index and the regurgitation matcher.
//
// A corpus index holds the works (news articles) a matter is about: their
// metadata, their text (zstd-compressed) and winnowed fingerprints of hashed
// word k-grams (Schleimer, Wilkerson and Aiken 2003), so that any run of at
// least t = w + k - 1 words that an entry shares with a work is seen. The
// Matcher seeds candidate regions from those fingerprints, extends them by a
// word alignment against the stored work that tolerates substitutions,
// insertions and deletions, and reports each region with its entry span,
// work span (Unicode code points), word count and identity. It also finds
// quoted headlines, and loose rewrites through MinHash sketches of word
// 5-grams (reported as "similar", never as copies). The on-disk format is
// specified in docs/corpus.md.
//
// Thread safety: BuildCorpus is not reentrant on the same directory (it
// takes no lock: run one build or add per index at a time). A CorpusIndex is
// immutable after Open and may be shared by any number of threads; a Matcher
// holds per-thread scratch space and a work cache: use one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow {

struct CorpusBuildOptions {
  int k = 8;                  // words per hashed k-gram
  int w = 18;                 // winnowing window, in k-grams: t = w + k - 1 = 25 words
  uint32_t common_works = 10; // a k-gram in this many works or more is "common": it is
                              // left out of winnowing (MOSS-style), so it never seeds a
                              // match and the windows around it pick another fingerprint
  size_t memory_mb = 512;     // buffer for fingerprints before they spill to a sorted run
                              // (sketch postings get a quarter of it)
  int threads = 0;            // 0: one per core
  // Called now and then with bytes of work input read so far.
  std::function<void(uint64_t bytes_read)> progress;
};

struct CorpusBuildReport {
  uint64_t works_added = 0;
  uint64_t works_total = 0;
  uint64_t duplicate_ids = 0;   // works skipped because their id is already in the index
  uint64_t bytes_read = 0;      // text bytes of the works added
  uint64_t words_added = 0;     // tokens of the works added
  uint64_t words_total = 0;
  uint64_t fingerprints = 0;    // postings in the final table
  uint64_t common = 0;          // fingerprints marked common (no postings)
  uint64_t excluded = 0;        // common k-grams left out of winnowing altogether
  uint64_t sketch_postings = 0; // similarity sketch postings (bins of works' MinHash sketches)
  uint64_t index_bytes = 0;     // fingerprints, titles, excluded set and sketches
  uint64_t works_bytes = 0;     // compressed works and metadata
};

// Builds a new index in directory `index_dir` (created; it must not already
// hold an index) from `inputs`: JSON-lines files of works (`id`, `title`,
// `text`, optional `url`, `date`, `publisher`; plain, gzip or zstd) or
// directories of `.txt` files (id = relative path without `.txt`, title =
// first non-blank line). A work without `id` or `text`, or a line that is
// not JSON, fails the build with an error naming file, line and field: a
// corpus must be complete. Memory stays bounded by options.memory_mb (and a
// quarter more for sketches), one 16 MB batch of works being prepared and
// about 100 bytes per work. On failure the directory holds no index.
StatusOr<CorpusBuildReport> BuildCorpus(const std::string& index_dir,
                                        const std::vector<std::string>& inputs,
                                        const CorpusBuildOptions& options);

// Adds works to an existing index: new works are tokenized and winnowed
// with the index's excluded set (kept as built), their postings merged with
// the stored tables (common marks recomputed over all works), and the index
// replaced atomically. Works whose id is already
// present are skipped and counted. k and w are those of the index.
StatusOr<CorpusBuildReport> AddToCorpus(const std::string& index_dir,
                                        const std::vector<std::string>& inputs,
                                        const CorpusBuildOptions& options);

struct WorkInfo {
  std::string_view id, title, url, date, publisher;
};

class CorpusIndex {
 public:
  // Maps the index in `index_dir`. Every structural invariant of the files
  // (magic, version, sizes, offsets, ordering) is checked: a damaged index
  // gives a Corruption status naming the file and the field, never a crash.
  static StatusOr<std::unique_ptr<CorpusIndex>> Open(const std::string& index_dir);
  virtual ~CorpusIndex() = default;

  virtual uint32_t num_works() const = 0;
  virtual uint64_t num_words() const = 0;
  virtual uint64_t num_fingerprints() const = 0;
  virtual int k() const = 0;
  virtual int w() const = 0;
  // REQUIRES: work < num_works().
  virtual WorkInfo work(uint32_t work) const = 0;
  // The work's original text; Corruption if its stored block fails to decode.
  virtual Status WorkText(uint32_t work, std::string* text) const = 0;
};

struct MatchOptions {
  int min_verbatim_words = 40;  // a region with an exact run this long is a copy
  int min_near_words = 60;      // a region this long ...
  double min_identity = 0.90;   // ... with at least this identity is a copy
  int min_title_words = 4;      // a whole headline of at least this many words
  bool titles = true;           // look for headlines (in prompts and plain text)
  // Loose rewrites: a text of at least min_similar_words words whose word
  // 5-grams are, for a share of at least min_similarity, 5-grams of one work
  // (and that copies nothing of it) is reported as "similar".
  bool similar = true;
  int min_similar_words = 50;
  double min_similarity = 0.5;
};

// One reported region.
struct CorpusMatch {
  enum class Kind { kCopy, kTitle, kSimilar };
  Kind kind = Kind::kCopy;
  uint32_t work = 0;         // best work holding the passage
  uint32_t start = 0, end = 0;            // entry span, code points
  uint32_t work_start = 0, work_end = 0;  // work span, code points of its text
  uint32_t words = 0;        // entry words in the region
  uint32_t work_words = 0;   // work words in the region
  uint32_t longest_run = 0;  // longest run of equal words
  double identity = 0;       // equal words / max(words, work_words)
  double similarity = 0;     // kSimilar: share of the text's 5-grams found in the work
  uint32_t also = 0;         // other works holding the same passage
};

struct MatcherStats {
  uint64_t bytes = 0, words = 0, fingerprints = 0, postings = 0;
  uint64_t chains = 0, aligned = 0, reported = 0, similar_checked = 0;
};

class Matcher {
 public:
  // REQUIRES: `index` outlives the Matcher.
  Matcher(const CorpusIndex& index, const MatchOptions& options);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Clears *out and appends the copies of `text` (and its headlines when
  // `titles` and options.titles, and the works it loosely rewrites when
  // options.similar), ordered by start. Fails only when a stored
  // work cannot be decoded (Corruption).
  Status Match(std::string_view text, bool titles, std::vector<CorpusMatch>* out);

  const MatcherStats& stats() const { return stats_; }

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  MatcherStats stats_;
};

const char* CorpusMatchKindName(CorpusMatch::Kind kind);

// `winnow match` as a library call: a pure filter from JSON lines to JSON
// lines. Each input line is `{"id":..., "text":...}` or a canonical entry
// (`entry_id`, `prompt`, `output`, `tools`), whose fields are matched
// separately (headlines only in `text` and `prompt`). Each output line, in
// input order, is `{"id":..., "matches":[{"kind","work","field",
// ["tool_index",] "start","end","work_start","work_end","words","identity",
// "run","also"}]}`; a line that is not such an object gives
// `{"id":null,"line":N,"error":"..."}` in its place and is counted.
struct MatchFilterOptions {
  MatchOptions match;
  int threads = 0;  // 0: one per core
  std::function<void(uint64_t bytes_read)> progress;
};

struct MatchFilterReport {
  uint64_t lines = 0, bad_lines = 0, flagged = 0, matches = 0;
  MatcherStats stats;  // summed over threads
};

// `input` and `output` are paths, "-" for standard input and output. Fails
// on an I/O error or an index that does not decode.
StatusOr<MatchFilterReport> MatchJsonLines(const CorpusIndex& index, const std::string& input,
                                           const std::string& output, const MatchFilterOptions& options);

}  // namespace winnow
