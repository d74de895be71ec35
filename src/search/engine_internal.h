// Internals of the search engine shared by its .cc files: the compiled term
// set (TermSet::Impl) and the per-thread matcher state (TermMatcher::Impl).
//
// Compile turns every distinct leaf of every term (a phrase or a regex, with
// the field it is restricted to) into a Leaf. Each phrase is found through
// the fragments of one of its words (the anchor, the most selective by
// engine_words.h's score); the fragments of all phrases and all regexes go
// into Hyperscan:
//   - db_all: fragments (caseless bytes) and regexes (caseless, UTF-8,
//     Unicode classes, leftmost start of match), scanned over every field;
//   - db_fragments: the fragments again, scanned over the folded copy of a
//     field holding characters that folding changes into characters of the
//     fragments (Hyperscan's caseless covers ASCII only; fold_filter);
//     db_regex: the regexes alone.
// Without regexes db_all is db_fragments: one scan per field. A regex whose
// match starts Hyperscan cannot track (\w+ with Unicode classes) is
// compiled without them, plus an anchored copy run from each code point
// before its last match end (regex_anchored).
//
// Matching a document: scan each field; verify each candidate exactly (word
// boundaries, folded comparison, the other words of the phrase) into byte
// spans per leaf; give spans word positions where a proximity operator needs
// them; evaluate the terms whose leaves hit (and those that can match
// without a hit) on the spans; convert the spans of matching terms to code
// points.
//
// Thread safety: TermSet::Impl is immutable after Compile; TermMatcher::Impl
// belongs to one thread.
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "search/engine.h"
#include "search/engine_offsets.h"
#include "search/engine_segment.h"
#include "search/engine_text.h"
#include "search/engine_words.h"

namespace winnow::search {
namespace internal {

struct Leaf {
  enum class Kind : uint8_t { kPhrase, kRegex };
  Kind kind = Kind::kPhrase;
  TextField field = TextField::kAny;  // kAny: every field
  std::vector<CompiledWord> words;    // kPhrase
  // kPhrase: the word whose fragments the scan finds; -1: no usable
  // fragment, so every word of every field is tried (scan_all).
  int anchor = -1;
  bool scan_all = false;
  std::vector<uint32_t> terms;   // terms containing the leaf, increasing
};

// A leaf that a Hyperscan fragment expression finds (kept small: the scan
// callback reads it for every candidate).
struct Consumer {
  uint32_t leaf = 0;
  uint32_t length = 0;  // bytes of the fragment
  Anchor anchor = Anchor::kInside;
  TextField field = TextField::kAny;  // the leaf's field
  bool ascii_word = false;            // the fragment is ASCII letters and digits only
  bool single_word = false;           // the leaf is one word
};

// A node of a compiled term tree (the kinds of search::Node).
struct CNode {
  Node::Kind kind = Node::Kind::kPhrase;
  int32_t leaf = -1;  // kPhrase, kRegex
  int distance = 0;
  bool ordered = false;
  MetaField meta_field = MetaField::kModel;
  std::u32string meta_value;  // folded, with '*' and '?'
  std::string date_from, date_to;
  std::vector<uint32_t> children;
};

struct CompiledTerm {
  uint32_t root = 0;
  bool needs_leaf_hit = true;  // cannot match unless one of its leaves has a span
  int32_t single_leaf = -1;    // the root is this leaf: its spans are the term's
};

// A span during evaluation: byte offsets, and word positions once a
// proximity operator has compared it (-1 until then: Position()).
struct ISpan {
  uint32_t field = 0;
  uint32_t start = 0, end = 0;
  int32_t first_word = -1, last_word = -1;
};
inline bool SpanLess(const ISpan& a, const ISpan& b) {
  if (a.field != b.field) return a.field < b.field;
  if (a.start != b.start) return a.start < b.start;
  return a.end < b.end;
}
inline bool SpanEq(const ISpan& a, const ISpan& b) {
  return a.field == b.field && a.start == b.start && a.end == b.end;
}

}  // namespace internal

class TermSet::Impl {
 public:
  Impl() = default;
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::vector<Term> terms;
  std::vector<internal::CompiledTerm> compiled;  // per term
  std::vector<internal::CNode> nodes;
  std::vector<internal::Leaf> leaves;
  std::vector<uint32_t> always_eval;  // terms with needs_leaf_hit false
  std::vector<uint32_t> scan_all;     // leaves with scan_all
  // Hyperscan ids: fragment i is id i, regex j is id (number of fragments) + j.
  // Fragment i's consumers are consumers[fragment_first[i] .. fragment_first[i + 1]).
  std::vector<uint32_t> fragment_first;
  std::vector<internal::Consumer> consumers;
  std::vector<std::vector<uint32_t>> regex_leaves;
  // Per regex: null when Hyperscan reports match starts; else the regex
  // anchored at the start, run from each code point to find them.
  std::vector<hs_database_t*> regex_anchored;
  hs_database_t* db_all = nullptr;
  hs_database_t* db_fragments = nullptr;
  internal::FoldFilter fold_filter;  // which fields db_fragments scans, folded
  hs_database_t* db_regex = nullptr;
};

class TermMatcher::Impl {
 public:
  explicit Impl(std::shared_ptr<const TermSet> set);
  ~Impl();

  Status Match(const Document& doc, std::vector<TermHit>* hits);

  // The Hyperscan callback (ctx is the Impl).
  static int OnHsMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags,
                       void* ctx);

 private:
  struct FieldState {
    bool has_words = false;
    std::vector<uint32_t> word_starts, word_ends;
    bool ascii = false;  // known to be all ASCII: offsets are code points
    bool has_cps = false;
    internal::CpIndex cps;
  };

  // engine_match.cc
  void StartDocument(const Document& doc, std::vector<TermHit>* hits);
  void EvaluateTerms(std::vector<TermHit>* hits);
  void OnHsEvent(uint32_t id, size_t from, size_t to);
  static int OnAnchoredMatch(unsigned int id, unsigned long long from, unsigned long long to,
                             unsigned int flags, void* ctx);
  Status FindRegexStarts(uint32_t regex, size_t max_end);
  Status ScanField(uint32_t f);
  void VerifyPhrase(uint32_t leaf_index, const internal::Consumer& c, size_t s, size_t e);
  void ScanAllWords(uint32_t leaf_index);
  void FinishLeaf(uint32_t leaf_index);
  void AddSpan(uint32_t leaf, uint32_t field, size_t start, size_t end);
  const FieldState& Words(uint32_t f);
  void Position(std::vector<internal::ISpan>* spans);
  bool FieldAllowed(const internal::Leaf& leaf, uint32_t f) const;

  // engine_eval.cc
  bool Eval(uint32_t node, std::vector<internal::ISpan>* out);
  bool EvalNear(const internal::CNode& n, std::vector<internal::ISpan>* out);
  bool EvalMeta(const internal::CNode& n);
  TermHit& NewHit(uint32_t term, std::vector<TermHit>* hits);
  void EmitHit(uint32_t term, std::vector<internal::ISpan>* spans, std::vector<TermHit>* hits);
  void ToCodePoints(std::vector<TermHit>* hits);
  std::vector<internal::ISpan>* Temp();
  void ReleaseTemp(std::vector<internal::ISpan>* temp);

  std::shared_ptr<const TermSet> set_;
  const TermSet::Impl& ts_;
  hs_scratch_t* scratch_ = nullptr;
  internal::WordScratch words_;

  // Per document.
  const Document* doc_ = nullptr;
  std::vector<FieldState> fields_;
  std::vector<std::vector<internal::ISpan>> leaf_spans_;
  std::vector<uint32_t> touched_;  // leaves with spans
  std::vector<uint8_t> leaf_touched_;
  std::vector<uint32_t> to_eval_;
  std::vector<uint32_t> term_stamp_;
  uint32_t stamp_ = 0;

  // The field being scanned.
  uint32_t field_ = 0;
  TextField field_kind_ = TextField::kText;
  std::string_view text_;
  bool folded_scan_ = false;
  internal::FoldedText folded_;
  // Regexes without match starts: last match end per regex in this field.
  std::vector<size_t> regex_max_end_;
  std::vector<uint32_t> regex_pending_;
  size_t anchored_start_ = 0, anchored_end_ = 0, anchored_limit_ = 0;

  std::deque<std::vector<internal::ISpan>> temps_;
  size_t temps_used_ = 0;
  std::vector<uint8_t> used_a_, used_b_;
  std::vector<std::vector<Span>> span_pool_;  // spans vectors of earlier hits, reused

  std::u32string meta_cps_;
};

}  // namespace winnow::search
