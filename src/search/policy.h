// The relevance policy (policy.toml, docs/policy.md): named rules, each a
// combination of signals (search terms, overlap with the reference corpus,
// references to the publisher, headlines quoted from the corpus,
// paywall-workaround requests, loose rewrites), with a category and a
// priority. ParsePolicy only reads and checks the file; PolicyEngine
// (policy_engine.h) compiles it.
//
// Thread safety: plain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/query.h"
#include "winnow/status.h"

namespace winnow::search {

enum class Signal : uint8_t { kTerms, kPublisher, kHeadline, kPaywall, kOverlap, kSimilar };
const char* SignalName(Signal signal);

struct PublisherSpec {
  std::string name;                       // "The New York Times"
  std::vector<std::string> aliases;       // other names: "NYT", "New York Times"
  std::vector<std::string> domains;       // "nytimes.com"
  std::vector<std::string> url_patterns;  // "nytimes.com/YYYY/MM/DD/*"
};

struct RuleSpec {
  std::string name, category;
  int priority = 1;   // 1 is the highest
  bool all = false;   // match = "all": every listed signal must fire
  std::vector<Signal> signals;
  // kTerms: the term names that count (empty: every negotiated term).
  std::vector<std::string> terms;
  // kPublisher: the publishers that count (empty: every one).
  std::vector<std::string> publishers;
  // kOverlap: a copy counts when its longest run of equal words reaches
  // min_words, or when it spans min_near_words with at least min_identity.
  int min_words = 40;
  int min_near_words = 60;
  double min_identity = 0.9;
  int line = 0;  // where the rule starts in the policy file
};

struct Policy {
  std::string name;
  std::string source;   // path of the file, or "default policy"
  std::string text;     // the file as read (a scan keeps a copy)
  std::vector<Term> terms;          // negotiated search terms
  std::vector<PublisherSpec> publishers;
  bool publishers_from_corpus = true;  // add every publisher the corpus names
  std::vector<Term> paywall_terms;  // the default set (unless disabled) and the policy's own
  std::vector<RuleSpec> rules;
  bool NeedsCorpus() const;  // a rule uses overlap, headline or similar
};

// Parses policy TOML. `source` names the file in errors ("policy.toml:12:3:
// rule 'x': signals: unknown signal 'foo'"); a `terms_file` is read relative
// to `base_dir`. Errors are InvalidArgument.
StatusOr<Policy> ParsePolicy(std::string_view toml, std::string_view source, const std::string& base_dir);
StatusOr<Policy> LoadPolicy(const std::string& path);

// The shipped policy (docs/policy.md) and its paywall-workaround term set.
std::string_view DefaultPolicyToml();
std::string_view DefaultPaywallTerms();  // a term file (name<TAB>query lines)
StatusOr<Policy> DefaultPolicy();

}  // namespace winnow::search
