// TermMatcher: evaluating the term trees on the spans of their leaves
// (semantics in query.h) and reporting the spans in code points.
#include <algorithm>
#include <cstdint>

#include "search/engine_internal.h"

namespace winnow::search {

using internal::CNode;
using internal::ISpan;

namespace {

// The word distance of query.h: 0 when the spans share a word position,
// else the first word of the later minus the last word of the earlier. For
// pre/N, x must also end before y starts.
bool Within(const ISpan& x, const ISpan& y, int n, bool ordered) {
  if (x.field != y.field) return false;
  if (ordered) return x.end <= y.start && int64_t{y.first_word} - x.last_word <= n;
  if (x.first_word <= y.last_word && y.first_word <= x.last_word) return true;
  const int64_t d =
      x.last_word < y.first_word ? int64_t{y.first_word} - x.last_word : int64_t{x.first_word} - y.last_word;
  return d <= n;
}

bool ByFieldWord(const ISpan& a, const ISpan& b) {
  if (a.field != b.field) return a.field < b.field;
  return a.first_word < b.first_word;
}

void SortUnique(std::vector<ISpan>* v) {
  std::sort(v->begin(), v->end(), internal::SpanLess);
  v->erase(std::unique(v->begin(), v->end(), internal::SpanEq), v->end());
}

}  // namespace

std::vector<ISpan>* TermMatcher::Impl::Temp() {
  if (temps_used_ == temps_.size()) temps_.emplace_back();
  std::vector<ISpan>* t = &temps_[temps_used_++];
  t->clear();
  return t;
}

void TermMatcher::Impl::ReleaseTemp(std::vector<ISpan>* temp) {
  (void)temp;  // LIFO: always the last one handed out
  --temps_used_;
}

bool TermMatcher::Impl::Eval(uint32_t index, std::vector<ISpan>* out) {
  const CNode& n = ts_.nodes[index];
  switch (n.kind) {
    case Node::Kind::kPhrase:
    case Node::Kind::kRegex: {
      const auto& spans = leaf_spans_[static_cast<size_t>(n.leaf)];
      out->insert(out->end(), spans.begin(), spans.end());
      return !spans.empty();
    }
    case Node::Kind::kMeta:
      return EvalMeta(n);
    case Node::Kind::kAnd: {
      const size_t mark = out->size();
      for (uint32_t c : n.children) {
        if (!Eval(c, out)) {
          out->resize(mark);
          return false;
        }
      }
      return true;
    }
    case Node::Kind::kOr: {
      bool any = false;
      for (uint32_t c : n.children) any = Eval(c, out) || any;
      return any;
    }
    case Node::Kind::kNot: {
      if (n.children.empty()) return false;
      std::vector<ISpan>* t = Temp();
      const bool m = Eval(n.children[0], t);
      ReleaseTemp(t);
      return !m;
    }
    case Node::Kind::kAndNot: {
      if (n.children.size() < 2) return false;
      const size_t mark = out->size();
      if (!Eval(n.children[0], out)) return false;
      std::vector<ISpan>* t = Temp();
      const bool m = Eval(n.children[1], t);
      ReleaseTemp(t);
      if (m) out->resize(mark);
      return !m;
    }
    case Node::Kind::kNear:
    case Node::Kind::kNotNear:
      return EvalNear(n, out);
    case Node::Kind::kField:
      return !n.children.empty() && Eval(n.children[0], out);
  }
  return false;
}

// w/N and pre/N: every x and y of a pair within N words; not w/N: every x
// with no y within N words. Either is matched when it has a span.
bool TermMatcher::Impl::EvalNear(const CNode& n, std::vector<ISpan>* out) {
  if (n.children.size() < 2) return false;
  std::vector<ISpan>* a = Temp();
  std::vector<ISpan>* b = Temp();
  const bool not_near = n.kind == Node::Kind::kNotNear;
  bool matched = false;
  if (Eval(n.children[0], a) && !a->empty()) {
    Eval(n.children[1], b);
    if (!b->empty()) {
      Position(a);
      Position(b);
    }
    SortUnique(a);
    SortUnique(b);
    std::sort(b->begin(), b->end(), ByFieldWord);
    int32_t max_width = 0;
    for (const ISpan& y : *b) max_width = std::max(max_width, y.last_word - y.first_word);
    used_a_.assign(a->size(), 0);
    used_b_.assign(b->size(), 0);
    for (size_t i = 0; i < a->size(); ++i) {
      const ISpan& x = (*a)[i];
      // Only y whose first word lies in this window can be within N words
      // (the padding covers spans that cover no word, e.g. regex matches
      // of separators).
      ISpan lo = x;
      lo.first_word = static_cast<int32_t>(
          std::max<int64_t>(int64_t{x.first_word} - n.distance - max_width - 2, INT32_MIN));
      const int64_t hi = int64_t{x.last_word} + n.distance + 2;
      auto it = std::lower_bound(b->begin(), b->end(), lo, ByFieldWord);
      bool paired = false;
      for (; it != b->end() && it->field == x.field && it->first_word <= hi; ++it) {
        if (!Within(x, *it, n.distance, n.ordered)) continue;
        paired = true;
        if (not_near) break;
        used_b_[static_cast<size_t>(it - b->begin())] = 1;
      }
      used_a_[i] = not_near ? !paired : paired;
    }
    for (size_t i = 0; i < a->size(); ++i) {
      if (used_a_[i]) out->push_back((*a)[i]), matched = true;
    }
    for (size_t i = 0; i < b->size(); ++i) {
      if (used_b_[i]) out->push_back((*b)[i]);
    }
  }
  ReleaseTemp(b);
  ReleaseTemp(a);
  return matched;
}

bool TermMatcher::Impl::EvalMeta(const CNode& n) {
  std::string_view value;
  switch (n.meta_field) {
    case MetaField::kDate: {
      // Each bound compares with the date's prefix of the bound's length.
      const std::string_view time = doc_->time;
      if (time.empty()) return false;
      if (!n.date_from.empty() &&
          (time.size() < n.date_from.size() || time.substr(0, n.date_from.size()) < n.date_from)) {
        return false;
      }
      if (!n.date_to.empty() &&
          (time.size() < n.date_to.size() || time.substr(0, n.date_to.size()) > n.date_to)) {
        return false;
      }
      return true;
    }
    case MetaField::kModel:
      value = doc_->model;
      break;
    case MetaField::kUser:
      value = doc_->user;
      break;
    case MetaField::kConversation:
      value = doc_->conversation;
      break;
    case MetaField::kEntry:
      value = doc_->entry;
      break;
  }
  if (value.empty()) return false;  // no such metadata: nothing matches it
  internal::FoldToCps(value, &meta_cps_);
  return internal::GlobMatch(n.meta_value, meta_cps_);
}

TermHit& TermMatcher::Impl::NewHit(uint32_t term, std::vector<TermHit>* hits) {
  TermHit& hit = hits->emplace_back();
  hit.term = term;
  if (!span_pool_.empty()) {
    hit.spans = std::move(span_pool_.back());
    span_pool_.pop_back();
  }
  return hit;
}

void TermMatcher::Impl::EmitHit(uint32_t term, std::vector<ISpan>* spans, std::vector<TermHit>* hits) {
  TermHit& hit = NewHit(term, hits);
  SortUnique(spans);
  hit.spans.reserve(spans->size());
  for (const ISpan& s : *spans) hit.spans.push_back({s.field, s.start, s.end});
}

// Byte offsets to code points.
void TermMatcher::Impl::ToCodePoints(std::vector<TermHit>* hits) {
  for (TermHit& h : *hits) {
    for (Span& s : h.spans) {
      FieldState& fs = fields_[s.field];
      if (fs.ascii) continue;
      if (!fs.has_cps) {
        fs.cps.Reset(doc_->fields[s.field].text);
        fs.has_cps = true;
      }
      s.start = fs.cps.At(s.start);
      s.end = fs.cps.At(s.end);
    }
  }
}

}  // namespace winnow::search
