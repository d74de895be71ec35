// TermMatcher: Match's steps, and scanning the fields of a document into
// spans per leaf (candidates are verified in engine_verify.cc, the trees
// evaluated in engine_eval.cc).
#include <hs/hs.h>

#include <algorithm>
#include <utility>

#include "search/engine_internal.h"

namespace winnow::search {

using internal::Anchor;
using internal::Consumer;
using internal::ISpan;
using internal::Leaf;

int TermMatcher::Impl::OnHsMatch(unsigned int id, unsigned long long from, unsigned long long to,
                                 unsigned int /*flags*/, void* ctx) {
  static_cast<Impl*>(ctx)->OnHsEvent(id, static_cast<size_t>(from), static_cast<size_t>(to));
  return 0;
}

TermMatcher::Impl::Impl(std::shared_ptr<const TermSet> set) : set_(std::move(set)), ts_(set_->impl()) {
  std::vector<hs_database_t*> dbs = {ts_.db_all, ts_.db_fragments, ts_.db_regex};
  dbs.insert(dbs.end(), ts_.regex_anchored.begin(), ts_.regex_anchored.end());
  for (hs_database_t* db : dbs) {
    // Only fails on a bad database or out of memory; Match reports a
    // missing scratch.
    if (db != nullptr && hs_alloc_scratch(db, &scratch_) != HS_SUCCESS) {
      hs_free_scratch(scratch_);
      scratch_ = nullptr;
      break;
    }
  }
  regex_max_end_.assign(ts_.regex_leaves.size(), 0);
  leaf_spans_.resize(ts_.leaves.size());
  leaf_touched_.assign(ts_.leaves.size(), 0);
  term_stamp_.assign(ts_.terms.size(), 0);
}

TermMatcher::Impl::~Impl() { hs_free_scratch(scratch_); }

void TermMatcher::Impl::OnHsEvent(uint32_t id, size_t from, size_t to) {
  const auto nfrag = static_cast<uint32_t>(ts_.fragment_first.size()) - 1;
  if (id >= nfrag) {
    const uint32_t j = id - nfrag;
    if (ts_.regex_anchored[j] != nullptr) {  // only the end: starts come later
      if (regex_max_end_[j] == 0) regex_pending_.push_back(j);
      regex_max_end_[j] = std::max(regex_max_end_[j], to);
      return;
    }
    for (uint32_t leaf : ts_.regex_leaves[j]) {
      if (FieldAllowed(ts_.leaves[leaf], field_)) AddSpan(leaf, field_, from, to);
    }
    return;
  }
  const auto* t = reinterpret_cast<const uint8_t*>(text_.data());
  const size_t n = text_.size();
  const Consumer* c = ts_.consumers.data() + ts_.fragment_first[id];
  const Consumer* const end = ts_.consumers.data() + ts_.fragment_first[id + 1];
  for (; c != end; ++c) {
    if (c->field != TextField::kAny && c->field != field_kind_) continue;
    size_t s = to - c->length, e = to;
    if (folded_scan_) {
      s = folded_.ToOriginal(s);
      e = folded_.ToOriginal(e);
    }
    // The common case: a word of ASCII letters and digits between ASCII
    // bytes (or the field's ends), where the bytes decide the boundaries.
    if (c->single_word && c->ascii_word && c->anchor == Anchor::kWholeWord && (s == 0 || t[s - 1] < 0x80) &&
        (e == n || t[e] < 0x80)) {
      if ((s == 0 || !internal::IsAsciiAlnum(t[s - 1])) && (e == n || !internal::IsAsciiAlnum(t[e]))) {
        AddSpan(c->leaf, field_, s, e);
      }
      continue;
    }
    VerifyPhrase(c->leaf, *c, s, e);
  }
}

bool TermMatcher::Impl::FieldAllowed(const Leaf& leaf, uint32_t f) const {
  return leaf.field == TextField::kAny || leaf.field == doc_->fields[f].kind;
}

void TermMatcher::Impl::AddSpan(uint32_t leaf, uint32_t field, size_t start, size_t end) {
  if (!leaf_touched_[leaf]) {
    leaf_touched_[leaf] = 1;
    touched_.push_back(leaf);
  }
  leaf_spans_[leaf].push_back({field, static_cast<uint32_t>(start), static_cast<uint32_t>(end), -1, -1});
}

Status TermMatcher::Impl::ScanField(uint32_t f) {
  field_ = f;
  field_kind_ = doc_->fields[f].kind;
  text_ = doc_->fields[f].text;
  if (text_.empty()) return Status::Ok();
  auto scan = [&](const hs_database_t* db, std::string_view bytes) -> Status {
    if (db == nullptr) return Status::Ok();
    if (scratch_ == nullptr) return Status::Internal("search: no Hyperscan scratch space");
    if (bytes.size() > 0xFFFFFFFFu) return Status::InvalidArgument("search: a field of 4 GiB or more");
    const hs_error_t rc =
        hs_scan(db, bytes.data(), static_cast<unsigned>(bytes.size()), 0, scratch_, OnHsMatch, this);
    if (rc != HS_SUCCESS) return Status::Internal("search: hs_scan failed with code " + std::to_string(rc));
    return Status::Ok();
  };
  // The original bytes first: exact where folding changes no character into
  // one of the fragments', since the scan ignores ASCII case. A field where
  // it does is scanned again, folded; its fragment matches in the original
  // are a subset of those in the copy (duplicates go in FinishLeaf).
  folded_scan_ = false;
  WINNOW_RETURN_IF_ERROR(scan(ts_.db_all, text_));
  FieldState& fs = fields_[f];
  if (ts_.db_fragments != nullptr && ts_.fold_filter.Matches(text_, &fs.ascii)) {
    folded_.Build(text_);
    folded_scan_ = true;
    const Status st = scan(ts_.db_fragments, folded_.bytes());
    folded_scan_ = false;
    WINNOW_RETURN_IF_ERROR(st);
  }
  Status st;
  for (uint32_t j : regex_pending_) {
    if (st.ok()) st = FindRegexStarts(j, regex_max_end_[j]);
    regex_max_end_[j] = 0;
  }
  regex_pending_.clear();
  return st;
}

int TermMatcher::Impl::OnAnchoredMatch(unsigned int /*id*/, unsigned long long /*from*/,
                                       unsigned long long to, unsigned int /*flags*/, void* ctx) {
  auto* m = static_cast<Impl*>(ctx);
  const size_t end = m->anchored_start_ + static_cast<size_t>(to);
  if (end > m->anchored_limit_) return 1;  // past every match of the full scan
  m->anchored_end_ = std::max(m->anchored_end_, end);
  return 0;
}

// Matches of a regex starting at s all end at the same place or further on
// (the anchored run reports every end), so the union of the matches with
// their leftmost starts is the union of [s, last end from s) over every s.
Status TermMatcher::Impl::FindRegexStarts(uint32_t regex, size_t max_end) {
  const hs_database_t* db = ts_.regex_anchored[regex];
  anchored_limit_ = max_end;
  for (size_t s = 0; s < max_end;) {
    anchored_start_ = s;
    anchored_end_ = 0;
    const hs_error_t rc = hs_scan(db, text_.data() + s, static_cast<unsigned>(text_.size() - s), 0, scratch_,
                                  OnAnchoredMatch, this);
    if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) {
      return Status::Internal("search: hs_scan failed with code " + std::to_string(rc));
    }
    if (anchored_end_ > s) {
      for (uint32_t leaf : ts_.regex_leaves[regex]) {
        if (FieldAllowed(ts_.leaves[leaf], field_)) AddSpan(leaf, field_, s, anchored_end_);
      }
    }
    internal::NextCp(text_, &s);
  }
  return Status::Ok();
}

const TermMatcher::Impl::FieldState& TermMatcher::Impl::Words(uint32_t f) {
  FieldState& fs = fields_[f];
  if (!fs.has_words) {
    internal::SplitWords(doc_->fields[f].text, &fs.word_starts, &fs.word_ends);
    fs.has_words = true;
  }
  return fs;
}

// Sorts a leaf's spans and merges overlapping regex matches.
void TermMatcher::Impl::FinishLeaf(uint32_t leaf_index) {
  const Leaf& leaf = ts_.leaves[leaf_index];
  auto& spans = leaf_spans_[leaf_index];
  if (!std::is_sorted(spans.begin(), spans.end(), internal::SpanLess)) {
    std::sort(spans.begin(), spans.end(), internal::SpanLess);
  }
  if (leaf.kind == Leaf::Kind::kRegex) {
    size_t out = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
      if (out > 0 && spans[out - 1].field == spans[i].field && spans[i].start < spans[out - 1].end) {
        spans[out - 1].end = std::max(spans[out - 1].end, spans[i].end);
      } else {
        spans[out++] = spans[i];
      }
    }
    spans.resize(out);
  } else {
    spans.erase(std::unique(spans.begin(), spans.end(), internal::SpanEq), spans.end());
  }
}

// Word positions are found only for spans a proximity operator compares
// with another operand's spans: splitting a field into words costs more
// than scanning it, and the common words under w/N (article*, read*) hit
// most texts while their partners rarely do.
void TermMatcher::Impl::Position(std::vector<ISpan>* spans) {
  for (ISpan& s : *spans) {
    if (s.first_word >= 0) continue;
    const FieldState& fs = Words(s.field);
    // Words ending at or before the start precede the span; words starting
    // before its end are in it or before it.
    s.first_word = static_cast<int32_t>(std::upper_bound(fs.word_ends.begin(), fs.word_ends.end(), s.start) -
                                        fs.word_ends.begin());
    s.last_word = static_cast<int32_t>(std::lower_bound(fs.word_starts.begin(), fs.word_starts.end(), s.end) -
                                       fs.word_starts.begin()) -
                  1;
  }
}

Status TermMatcher::Impl::Match(const Document& doc, std::vector<TermHit>* hits) {
  StartDocument(doc, hits);
  Status st;
  for (uint32_t f = 0; f < doc.fields.size() && st.ok(); ++f) st = ScanField(f);
  if (st.ok()) {
    for (uint32_t leaf : ts_.scan_all) ScanAllWords(leaf);
    // Most documents hit nothing: then only terms that need no hit remain.
    if (!touched_.empty() || !ts_.always_eval.empty()) EvaluateTerms(hits);
  }
  doc_ = nullptr;
  text_ = {};
  return st;
}

// Forgets the previous document; its hits' span vectors are kept for reuse.
void TermMatcher::Impl::StartDocument(const Document& doc, std::vector<TermHit>* hits) {
  for (TermHit& h : *hits) {
    if (span_pool_.size() >= 4096) break;
    h.spans.clear();
    span_pool_.push_back(std::move(h.spans));
  }
  hits->clear();
  for (uint32_t leaf : touched_) {
    leaf_spans_[leaf].clear();
    leaf_touched_[leaf] = 0;
  }
  touched_.clear();
  for (uint32_t j : regex_pending_) regex_max_end_[j] = 0;  // left by a failed scan
  regex_pending_.clear();
  doc_ = &doc;
  if (fields_.size() < doc.fields.size()) fields_.resize(doc.fields.size());
  for (uint32_t f = 0; f < doc.fields.size(); ++f) {
    fields_[f].has_words = false;
    fields_[f].has_cps = false;
    fields_[f].ascii = false;
  }
}

// Evaluates the terms of the leaves with spans, and those that can match
// without any, in term order.
void TermMatcher::Impl::EvaluateTerms(std::vector<TermHit>* hits) {
  for (uint32_t leaf : touched_) FinishLeaf(leaf);
  if (++stamp_ == 0) {
    std::fill(term_stamp_.begin(), term_stamp_.end(), 0);
    stamp_ = 1;
  }
  to_eval_.clear();
  auto add = [&](uint32_t t) {
    if (term_stamp_[t] != stamp_) {
      term_stamp_[t] = stamp_;
      to_eval_.push_back(t);
    }
  };
  for (uint32_t leaf : touched_) {
    for (uint32_t t : ts_.leaves[leaf].terms) add(t);
  }
  for (uint32_t t : ts_.always_eval) add(t);
  std::sort(to_eval_.begin(), to_eval_.end());
  std::vector<ISpan>* spans = Temp();
  for (uint32_t t : to_eval_) {
    const int32_t leaf = ts_.compiled[t].single_leaf;
    if (leaf >= 0) {  // spans already sorted and unique (FinishLeaf)
      const auto& ls = leaf_spans_[static_cast<size_t>(leaf)];
      if (ls.empty()) continue;
      TermHit& hit = NewHit(t, hits);
      for (const ISpan& sp : ls) hit.spans.push_back({sp.field, sp.start, sp.end});
      continue;
    }
    spans->clear();
    if (Eval(ts_.compiled[t].root, spans)) EmitHit(t, spans, hits);
  }
  ReleaseTemp(spans);
  ToCodePoints(hits);
}

}  // namespace winnow::search
