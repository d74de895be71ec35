// A compiled relevance policy: every search term, paywall term and publisher
// reference in one TermSet (one Hyperscan pass per field), plus the corpus
// Matcher options its overlap, headline and similar signals need.
// PolicyEvaluator decides, for one entry, which rules it is relevant to and
// why (the rule, the signal, the term or work, and the spans that fired).
//
// Thread safety: PolicyEngine is immutable after Create and shared; each
// thread uses its own PolicyEvaluator.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "search/engine.h"
#include "search/hit_report.h"
#include "search/policy.h"
#include "search/search_doc.h"
#include "winnow/corpus.h"

namespace winnow::search {

// What one term of the compiled set stands for.
struct TermRole {
  enum class Kind : uint8_t { kSearch, kPaywall, kPublisher };
  Kind kind = Kind::kSearch;
  uint32_t publisher = 0;  // kPublisher: index into PolicyEngine::publishers()
  const char* ref = "";    // kPublisher: "name", "domain" or "url"
};

class PolicyEngine {
 public:
  // Compiles `policy`. With `index` (which must outlive the engine), the
  // overlap, headline and similar signals work and, when the policy says
  // from_corpus, every publisher the corpus names is added. Without it those
  // signals never fire (warnings() says which rules are affected).
  static StatusOr<std::unique_ptr<PolicyEngine>> Create(Policy policy, const CorpusIndex* index);

  const Policy& policy() const { return policy_; }
  const std::shared_ptr<const TermSet>& terms() const { return terms_; }
  const TermRole& role(size_t term) const { return roles_[term]; }
  const std::vector<PublisherSpec>& publishers() const { return publishers_; }
  const CorpusIndex* index() const { return index_; }
  const MatchOptions& match_options() const { return match_options_; }
  bool uses_corpus() const { return index_ != nullptr && policy_.NeedsCorpus(); }
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Hit report rows: every term of the compiled set, and every rule.
  std::vector<HitReportRow> TermRows() const;
  std::vector<HitReportRow> RuleRows() const;

  // Per rule: the terms its "terms" signal counts and the publishers its
  // "publisher" signal counts (empty: all).
  const std::vector<uint32_t>& rule_terms(size_t rule) const { return rule_terms_[rule]; }
  const std::vector<uint32_t>& rule_publishers(size_t rule) const { return rule_publishers_[rule]; }

 private:
  PolicyEngine() = default;
  Policy policy_;
  const CorpusIndex* index_ = nullptr;
  std::vector<PublisherSpec> publishers_;
  std::shared_ptr<const TermSet> terms_;
  std::vector<TermRole> roles_;
  MatchOptions match_options_;
  std::vector<std::string> warnings_;
  std::vector<std::vector<uint32_t>> rule_terms_, rule_publishers_;
};

// The verdict on one entry.
struct Verdict {
  std::vector<uint32_t> terms;  // terms that hit, ascending
  std::vector<uint32_t> rules;  // rules it is relevant to, by priority then policy order
  std::string reasons_json;     // JSON array: one object per fired signal of each rule
  uint64_t dup_key = 0;         // hash of the normalized prompt and output (0 when not relevant)
  bool relevant() const { return !rules.empty(); }
};

class PolicyEvaluator {
 public:
  explicit PolicyEvaluator(const PolicyEngine& engine);
  ~PolicyEvaluator();

  // Fills *out for `doc`. Fails only when a stored work cannot be decoded.
  Status Evaluate(const SearchDoc& doc, Verdict* out);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The first 8 bytes (as a little-endian integer; 0 becomes 1) of SHA-256 of
// the prompt and output after normalization (ASCII letters lower-cased, runs
// of ASCII whitespace made one space, ends trimmed, U+001F between the two):
// entries with the same key are exact duplicates, as productions
// de-duplicate them.
uint64_t DuplicateKey(std::string_view prompt, std::string_view output);

}  // namespace winnow::search
