// PolicyEvaluator: one engine pass and, when the policy needs the corpus,
// one Matcher pass per field; then each rule's signals in turn.
#include <algorithm>
#include <cmath>

#include "search/policy_engine.h"
#include "util/json_writer.h"

namespace winnow::search {

class PolicyEvaluator::Impl {
 public:
  explicit Impl(const PolicyEngine& e) : e_(e), terms_(e.terms()) {
    if (e.uses_corpus()) matcher_ = std::make_unique<Matcher>(*e.index(), e.match_options());
  }

  Status Evaluate(const SearchDoc& doc, Verdict* out) {
    out->terms.clear();
    out->rules.clear();
    out->reasons_json.clear();
    out->dup_key = 0;
    WINNOW_RETURN_IF_ERROR(terms_.Match(doc.doc, &hits_));
    for (const TermHit& h : hits_) out->terms.push_back(h.term);
    corpus_.clear();
    if (matcher_ != nullptr) {
      for (uint32_t f = 0; f < doc.doc.fields.size(); ++f) {
        const DocField& field = doc.doc.fields[f];
        const bool titles = field.kind != TextField::kOutput;  // prompts, system texts, titles, plain text, fetched pages
        WINNOW_RETURN_IF_ERROR(matcher_->Match(field.text, titles, &ms_));
        for (const CorpusMatch& m : ms_) corpus_.push_back({f, m});
      }
    }
    JsonWriter w(&out->reasons_json);
    w.BeginArray();
    const auto& rules = e_.policy().rules;
    std::vector<std::pair<int, uint32_t>> fired;
    for (uint32_t r = 0; r < rules.size(); ++r) {
      if (RuleFires(r, doc, &w)) fired.push_back({rules[r].priority, r});
    }
    w.EndArray();
    std::stable_sort(fired.begin(), fired.end());
    for (const auto& [priority, r] : fired) out->rules.push_back(r);
    if (!out->rules.empty()) out->dup_key = DuplicateKey(doc.has_text ? doc.text : doc.prompt, doc.output);
    return Status::Ok();
  }

 private:
  struct FieldMatch {
    uint32_t field;
    CorpusMatch m;
  };

  bool TermCounts(uint32_t rule, Signal s, uint32_t term) const {
    const TermRole& role = e_.role(term);
    switch (s) {
      case Signal::kTerms: {
        if (role.kind != TermRole::Kind::kSearch) return false;
        const auto& only = e_.rule_terms(rule);
        return only.empty() || std::binary_search(only.begin(), only.end(), term);
      }
      case Signal::kPaywall: return role.kind == TermRole::Kind::kPaywall;
      case Signal::kPublisher: {
        if (role.kind != TermRole::Kind::kPublisher) return false;
        const auto& only = e_.rule_publishers(rule);
        return only.empty() || std::find(only.begin(), only.end(), role.publisher) != only.end();
      }
      default: return false;
    }
  }

  bool CorpusCounts(const RuleSpec& spec, Signal s, const CorpusMatch& m) const {
    switch (s) {
      case Signal::kHeadline: return m.kind == CorpusMatch::Kind::kTitle;
      case Signal::kSimilar: return m.kind == CorpusMatch::Kind::kSimilar;
      case Signal::kOverlap:
        return m.kind == CorpusMatch::Kind::kCopy &&
               (static_cast<int>(m.longest_run) >= spec.min_words ||
                (static_cast<int>(m.words) >= spec.min_near_words && m.identity >= spec.min_identity));
      default: return false;
    }
  }

  // Writes the reasons of a firing rule; returns whether it fires.
  bool RuleFires(uint32_t rule, const SearchDoc& doc, JsonWriter* w) {
    const RuleSpec& spec = e_.policy().rules[rule];
    size_t fired = 0;
    for (Signal s : spec.signals) {
      bool any = false;
      for (const TermHit& h : hits_) any = any || TermCounts(rule, s, h.term);
      for (const FieldMatch& fm : corpus_) any = any || CorpusCounts(spec, s, fm.m);
      fired += any;
    }
    if (fired == 0 || (spec.all && fired < spec.signals.size())) return false;
    for (Signal s : spec.signals) {
      for (const TermHit& h : hits_) {
        if (TermCounts(rule, s, h.term)) WriteTermReason(spec, s, h, doc, w);
      }
      for (const FieldMatch& fm : corpus_) {
        if (CorpusCounts(spec, s, fm.m)) WriteCorpusReason(spec, s, fm, doc, w);
      }
    }
    return true;
  }

  static void WriteField(const DocField& f, JsonWriter* w) {
    w->Key("field");
    w->String(DocFieldName(f));
    if (f.kind == TextField::kTools) {
      w->Key("tool_index");
      w->Uint(f.index);
    }
  }

  void WriteTermReason(const RuleSpec& spec, Signal s, const TermHit& h, const SearchDoc& doc, JsonWriter* w) {
    const TermRole& role = e_.role(h.term);
    auto begin_reason = [&] {
      w->BeginObject();
      w->Key("rule"); w->String(spec.name);
      w->Key("signal"); w->String(SignalName(s));
      w->Key("term"); w->String(terms_set().term(h.term).name);
      if (role.kind == TermRole::Kind::kPublisher) {
        w->Key("publisher"); w->String(e_.publishers()[role.publisher].name);
        w->Key("ref"); w->String(role.ref);
      }
    };
    if (h.spans.empty()) {  // metadata-only or NOT terms
      begin_reason();
      w->EndObject();
      return;
    }
    // One object per field, with the spans in it.
    for (size_t i = 0; i < h.spans.size();) {
      const uint32_t field = h.spans[i].field;
      begin_reason();
      WriteField(doc.doc.fields[field], w);
      w->Key("spans");
      w->BeginArray();
      for (; i < h.spans.size() && h.spans[i].field == field; ++i) {
        w->BeginArray();
        w->Uint(h.spans[i].start);
        w->Uint(h.spans[i].end);
        w->EndArray();
      }
      w->EndArray();
      w->EndObject();
    }
  }

  void WriteCorpusReason(const RuleSpec& spec, Signal s, const FieldMatch& fm, const SearchDoc& doc, JsonWriter* w) {
    const CorpusMatch& m = fm.m;
    WorkInfo work = e_.index()->work(m.work);
    w->BeginObject();
    w->Key("rule"); w->String(spec.name);
    w->Key("signal"); w->String(SignalName(s));
    w->Key("work"); w->String(work.id);
    if (!work.title.empty()) { w->Key("title"); w->String(work.title); }
    if (!work.url.empty()) { w->Key("url"); w->String(work.url); }
    WriteField(doc.doc.fields[fm.field], w);
    w->Key("spans");
    w->BeginArray();
    w->BeginArray();
    w->Uint(m.start);
    w->Uint(m.end);
    w->EndArray();
    w->EndArray();
    w->Key("words"); w->Uint(m.words);
    if (m.kind == CorpusMatch::Kind::kSimilar) {
      w->Key("similarity"); w->Double(std::round(m.similarity * 1000) / 1000);
    } else {
      w->Key("work_span");
      w->BeginArray();
      w->Uint(m.work_start);
      w->Uint(m.work_end);
      w->EndArray();
      w->Key("identity"); w->Double(std::round(m.identity * 1000) / 1000);
      w->Key("run"); w->Uint(m.longest_run);
    }
    if (m.also > 0) { w->Key("also"); w->Uint(m.also); }
    w->EndObject();
  }

  const TermSet& terms_set() const { return *e_.terms(); }

  const PolicyEngine& e_;
  TermMatcher terms_;
  std::unique_ptr<Matcher> matcher_;
  std::vector<TermHit> hits_;
  std::vector<CorpusMatch> ms_;
  std::vector<FieldMatch> corpus_;
};

PolicyEvaluator::PolicyEvaluator(const PolicyEngine& engine) : impl_(std::make_unique<Impl>(engine)) {}
PolicyEvaluator::~PolicyEvaluator() = default;
Status PolicyEvaluator::Evaluate(const SearchDoc& doc, Verdict* out) { return impl_->Evaluate(doc, out); }

}  // namespace winnow::search
