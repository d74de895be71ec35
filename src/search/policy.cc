// policy.toml: reading and checking (docs/policy.md). Every error names the
// file, the line and column toml++ gives, and the field.
#include "search/policy.h"

#include <toml++/toml.h>

#include <algorithm>
#include <exception>
#include <fstream>
#include <set>
#include <sstream>

namespace winnow::search {
namespace {

class Errors {
 public:
  explicit Errors(std::string_view source) : source_(source) {}
  Status At(const toml::node& node, std::string_view what) const {
    const auto& r = node.source();
    return Status::InvalidArgument(source_ + ":" + std::to_string(r.begin.line) + ":" +
                                   std::to_string(r.begin.column) + ": " + std::string(what));
  }
  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

Status CheckKeys(const toml::table& t, const std::set<std::string, std::less<>>& known, std::string_view where,
                 const Errors& errors) {
  for (const auto& [key, node] : t) {
    if (!known.contains(key.str())) {
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      return errors.At(node, std::string(where) + std::string(key.str()) + ": unknown field (known: " + list + ")");
    }
  }
  return Status::Ok();
}

StatusOr<std::string> String(const toml::node& node, std::string_view field, const Errors& errors) {
  const auto* v = node.as_string();
  if (v == nullptr) return errors.At(node, std::string(field) + ": expected a string");
  return v->get();
}

StatusOr<std::vector<std::string>> Strings(const toml::node& node, std::string_view field, const Errors& errors) {
  const toml::array* a = node.as_array();
  if (a == nullptr) return errors.At(node, std::string(field) + ": expected an array of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < a->size(); ++i) {
    WINNOW_ASSIGN_OR_RETURN(std::string s, String(*a->get(i), std::string(field) + "[" + std::to_string(i) + "]",
                                                  errors));
    out.push_back(std::move(s));
  }
  return out;
}

StatusOr<bool> Bool(const toml::node& node, std::string_view field, const Errors& errors) {
  const auto* v = node.as_boolean();
  if (v == nullptr) return errors.At(node, std::string(field) + ": expected true or false");
  return v->get();
}

StatusOr<int64_t> Integer(const toml::node& node, std::string_view field, int64_t lo, int64_t hi,
                          const Errors& errors) {
  const auto* v = node.as_integer();
  if (v == nullptr || v->get() < lo || v->get() > hi) {
    return errors.At(node, std::string(field) + ": expected an integer from " + std::to_string(lo) + " to " +
                               std::to_string(hi));
  }
  return v->get();
}

StatusOr<double> Fraction(const toml::node& node, std::string_view field, const Errors& errors) {
  double d;
  if (const auto* f = node.as_floating_point()) d = f->get();
  else if (const auto* i = node.as_integer()) d = static_cast<double>(i->get());
  else return errors.At(node, std::string(field) + ": expected a number from 0 to 1");
  if (!(d >= 0 && d <= 1)) return errors.At(node, std::string(field) + ": expected a number from 0 to 1");
  return d;
}

// [[term]] or [[paywall.term]] tables: name and query.
Status ReadTerms(const toml::node& node, std::string_view field, const Errors& errors, std::vector<Term>* out) {
  const toml::array* a = node.as_array();
  if (a == nullptr || !a->is_array_of_tables()) return errors.At(node, std::string(field) + ": expected [[" +
                                                                       std::string(field) + "]] tables");
  for (size_t i = 0; i < a->size(); ++i) {
    const toml::table& t = *a->get(i)->as_table();
    const std::string where = std::string(field) + "[" + std::to_string(i) + "].";
    WINNOW_RETURN_IF_ERROR(CheckKeys(t, {"name", "query"}, where, errors));
    if (!t.contains("name") || !t.contains("query")) return errors.At(t, where + ": needs name and query");
    Term term;
    WINNOW_ASSIGN_OR_RETURN(term.name, String(*t.get("name"), where + "name", errors));
    WINNOW_ASSIGN_OR_RETURN(term.query_text, String(*t.get("query"), where + "query", errors));
    term.line = static_cast<int>(t.source().begin.line);
    auto q = ParseQuery(term.query_text);
    if (!q.ok()) return errors.At(*t.get("query"), "term '" + term.name + "': " + q.status().message());
    term.query = std::move(q).value();
    out->push_back(std::move(term));
  }
  return Status::Ok();
}

StatusOr<Signal> ParseSignal(std::string_view s) {
  static constexpr std::pair<std::string_view, Signal> kNames[] = {
      {"terms", Signal::kTerms},     {"publisher", Signal::kPublisher}, {"headline", Signal::kHeadline},
      {"paywall", Signal::kPaywall}, {"overlap", Signal::kOverlap},     {"similar", Signal::kSimilar}};
  for (const auto& [name, signal] : kNames) {
    if (s == name) return signal;
  }
  return Status::InvalidArgument("unknown signal '" + std::string(s) +
                                 "' (signals: terms, publisher, headline, paywall, overlap, similar)");
}

StatusOr<RuleSpec> ReadRule(const toml::table& t, size_t index, const Errors& errors) {
  RuleSpec r;
  r.line = static_cast<int>(t.source().begin.line);
  std::string where = "rule[" + std::to_string(index) + "].";
  WINNOW_RETURN_IF_ERROR(CheckKeys(t, {"name", "category", "priority", "match", "signals", "terms", "publishers",
                                       "min_words", "min_near_words", "min_identity"},
                                   where, errors));
  if (!t.contains("name")) return errors.At(t, where + "name: missing");
  WINNOW_ASSIGN_OR_RETURN(r.name, String(*t.get("name"), where + "name", errors));
  if (r.name.empty()) return errors.At(*t.get("name"), where + "name: empty");
  where = "rule '" + r.name + "': ";
  r.category = r.name;
  if (const auto* n = t.get("category")) { WINNOW_ASSIGN_OR_RETURN(r.category, String(*n, where + "category", errors)); }
  if (const auto* n = t.get("priority")) {
    WINNOW_ASSIGN_OR_RETURN(int64_t p, Integer(*n, where + "priority", 1, 100, errors));
    r.priority = static_cast<int>(p);
  }
  if (const auto* n = t.get("match")) {
    WINNOW_ASSIGN_OR_RETURN(std::string m, String(*n, where + "match", errors));
    if (m != "any" && m != "all") return errors.At(*n, where + "match: expected \"any\" or \"all\"");
    r.all = m == "all";
  }
  const toml::node* sig = t.get("signals");
  if (sig == nullptr) return errors.At(t, where + "signals: missing (e.g. signals = [\"terms\"])");
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> names, Strings(*sig, where + "signals", errors));
  if (names.empty()) return errors.At(*sig, where + "signals: empty");
  for (const std::string& s : names) {
    auto parsed = ParseSignal(s);
    if (!parsed.ok()) return errors.At(*sig, where + "signals: " + parsed.status().message());
    for (Signal have : r.signals) {
      if (have == *parsed) return errors.At(*sig, where + "signals: '" + s + "' listed twice");
    }
    r.signals.push_back(*parsed);
  }
  auto uses = [&](Signal s) { return std::find(r.signals.begin(), r.signals.end(), s) != r.signals.end(); };
  if (const auto* n = t.get("terms")) {
    if (!uses(Signal::kTerms)) return errors.At(*n, where + "terms: given but the rule has no \"terms\" signal");
    WINNOW_ASSIGN_OR_RETURN(r.terms, Strings(*n, where + "terms", errors));
  }
  if (const auto* n = t.get("publishers")) {
    if (!uses(Signal::kPublisher)) {
      return errors.At(*n, where + "publishers: given but the rule has no \"publisher\" signal");
    }
    WINNOW_ASSIGN_OR_RETURN(r.publishers, Strings(*n, where + "publishers", errors));
  }
  for (const char* key : {"min_words", "min_near_words", "min_identity"}) {
    const toml::node* n = t.get(key);
    if (n == nullptr) continue;
    if (!uses(Signal::kOverlap)) return errors.At(*n, where + key + ": given but the rule has no \"overlap\" signal");
    if (std::string_view(key) == "min_identity") {
      WINNOW_ASSIGN_OR_RETURN(r.min_identity, Fraction(*n, where + key, errors));
    } else {
      WINNOW_ASSIGN_OR_RETURN(int64_t v, Integer(*n, where + key, 8, 100000, errors));
      (std::string_view(key) == "min_words" ? r.min_words : r.min_near_words) = static_cast<int>(v);
    }
  }
  return r;
}

StatusOr<PublisherSpec> ReadPublisher(const toml::table& t, size_t index, const Errors& errors) {
  PublisherSpec p;
  std::string where = "publisher[" + std::to_string(index) + "].";
  WINNOW_RETURN_IF_ERROR(CheckKeys(t, {"name", "aliases", "domains", "url_patterns"}, where, errors));
  if (!t.contains("name")) return errors.At(t, where + "name: missing");
  WINNOW_ASSIGN_OR_RETURN(p.name, String(*t.get("name"), where + "name", errors));
  if (p.name.empty()) return errors.At(*t.get("name"), where + "name: empty");
  where = "publisher '" + p.name + "': ";
  if (const auto* n = t.get("aliases")) { WINNOW_ASSIGN_OR_RETURN(p.aliases, Strings(*n, where + "aliases", errors)); }
  if (const auto* n = t.get("domains")) { WINNOW_ASSIGN_OR_RETURN(p.domains, Strings(*n, where + "domains", errors)); }
  if (const auto* n = t.get("url_patterns")) {
    WINNOW_ASSIGN_OR_RETURN(p.url_patterns, Strings(*n, where + "url_patterns", errors));
  }
  for (const std::string& d : p.domains) {
    if (d.empty() || d.find_first_of(" /:\t") != std::string::npos) {
      return errors.At(*t.get("domains"), where + "domains: '" + d + "' is not a domain (e.g. nytimes.com)");
    }
  }
  return p;
}

Status ReadTermFileInto(const std::string& path, std::vector<Term>* out) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<Term> terms, LoadTermFile(path));
  for (Term& t : terms) out->push_back(std::move(t));
  return Status::Ok();
}

StatusOr<Policy> FromTable(const toml::table& root, std::string_view text, const Errors& errors,
                           const std::string& base_dir) {
  Policy p;
  p.source = errors.source();
  p.text = std::string(text);
  WINNOW_RETURN_IF_ERROR(CheckKeys(root, {"name", "terms_file", "term", "publishers", "publisher", "paywall", "rule", "pii"},
                                   "", errors));
  if (const auto* n = root.get("name")) { WINNOW_ASSIGN_OR_RETURN(p.name, String(*n, "name", errors)); }
  if (const auto* n = root.get("terms_file")) {
    WINNOW_ASSIGN_OR_RETURN(std::string file, String(*n, "terms_file", errors));
    std::string path = !file.empty() && file[0] == '/' ? file : base_dir + "/" + file;
    Status s = ReadTermFileInto(path, &p.terms);
    if (!s.ok()) return errors.At(*n, "terms_file: " + s.message());
  }
  if (const auto* n = root.get("term")) WINNOW_RETURN_IF_ERROR(ReadTerms(*n, "term", errors, &p.terms));
  if (const auto* n = root.get("publishers")) {
    const toml::table* t = n->as_table();
    if (t == nullptr) return errors.At(*n, "publishers: expected a table ([publishers])");
    WINNOW_RETURN_IF_ERROR(CheckKeys(*t, {"from_corpus"}, "publishers.", errors));
    if (const auto* f = t->get("from_corpus")) {
      WINNOW_ASSIGN_OR_RETURN(p.publishers_from_corpus, Bool(*f, "publishers.from_corpus", errors));
    }
  }
  if (const auto* n = root.get("publisher")) {
    const toml::array* a = n->as_array();
    if (a == nullptr || !a->is_array_of_tables()) return errors.At(*n, "publisher: expected [[publisher]] tables");
    for (size_t i = 0; i < a->size(); ++i) {
      WINNOW_ASSIGN_OR_RETURN(PublisherSpec ps, ReadPublisher(*a->get(i)->as_table(), i, errors));
      p.publishers.push_back(std::move(ps));
    }
  }
  bool paywall_defaults = true;
  if (const auto* n = root.get("paywall")) {
    const toml::table* t = n->as_table();
    if (t == nullptr) return errors.At(*n, "paywall: expected a table ([paywall])");
    WINNOW_RETURN_IF_ERROR(CheckKeys(*t, {"defaults", "term"}, "paywall.", errors));
    if (const auto* f = t->get("defaults")) {
      WINNOW_ASSIGN_OR_RETURN(paywall_defaults, Bool(*f, "paywall.defaults", errors));
    }
    if (paywall_defaults) {
      auto defaults = ParseTermFile(DefaultPaywallTerms(), "default paywall terms");
      if (!defaults.ok()) return defaults.status();
      p.paywall_terms = std::move(defaults).value();
    }
    if (const auto* terms = t->get("term")) {
      WINNOW_RETURN_IF_ERROR(ReadTerms(*terms, "paywall.term", errors, &p.paywall_terms));
    }
  } else {
    auto defaults = ParseTermFile(DefaultPaywallTerms(), "default paywall terms");
    if (!defaults.ok()) return defaults.status();
    p.paywall_terms = std::move(defaults).value();
  }
  if (const auto* n = root.get("rule")) {
    const toml::array* a = n->as_array();
    if (a == nullptr || !a->is_array_of_tables()) return errors.At(*n, "rule: expected [[rule]] tables");
    for (size_t i = 0; i < a->size(); ++i) {
      WINNOW_ASSIGN_OR_RETURN(RuleSpec r, ReadRule(*a->get(i)->as_table(), i, errors));
      for (const RuleSpec& other : p.rules) {
        if (other.name == r.name) return errors.At(*a->get(i), "rule '" + r.name + "': name used twice");
      }
      p.rules.push_back(std::move(r));
    }
  }
  if (p.rules.empty()) return Status::InvalidArgument(p.source + ": no [[rule]]: a policy needs at least one rule");
  // Names must be unique across the term sets, and rules must name terms
  // and publishers that exist.
  std::set<std::string, std::less<>> names;
  for (const std::vector<Term>* set : {&p.terms, &p.paywall_terms}) {
    for (const Term& t : *set) {
      if (!names.insert(t.name).second) {
        return Status::InvalidArgument(p.source + ": term '" + t.name + "' is defined twice");
      }
    }
  }
  for (const RuleSpec& r : p.rules) {
    for (const std::string& name : r.terms) {
      bool found = false;
      for (const Term& t : p.terms) found = found || t.name == name;
      if (!found) {
        return Status::InvalidArgument(p.source + ":" + std::to_string(r.line) + ": rule '" + r.name +
                                       "': terms: no search term named '" + name + "'");
      }
    }
  }
  return p;
}

}  // namespace

const char* SignalName(Signal signal) {
  switch (signal) {
    case Signal::kTerms: return "terms";
    case Signal::kPublisher: return "publisher";
    case Signal::kHeadline: return "headline";
    case Signal::kPaywall: return "paywall";
    case Signal::kOverlap: return "overlap";
    case Signal::kSimilar: return "similar";
  }
  return "?";
}

bool Policy::NeedsCorpus() const {
  for (const RuleSpec& r : rules) {
    for (Signal s : r.signals) {
      if (s == Signal::kOverlap || s == Signal::kHeadline || s == Signal::kSimilar) return true;
    }
  }
  return false;
}

StatusOr<Policy> ParsePolicy(std::string_view toml, std::string_view source, const std::string& base_dir) {
  const Errors errors(source);
  try {
    toml::table root = toml::parse(toml, source);
    return FromTable(root, toml, errors, base_dir);
  } catch (const toml::parse_error& e) {
    const auto& r = e.source();
    return Status::InvalidArgument(std::string(source) + ":" + std::to_string(r.begin.line) + ":" +
                                   std::to_string(r.begin.column) + ": " + std::string(e.description()));
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(source) + ": " + e.what());
  }
}

StatusOr<Policy> LoadPolicy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open the policy file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": cannot read the policy file");
  std::string dir = ".";
  if (size_t slash = path.rfind('/'); slash != std::string::npos) dir = slash == 0 ? "/" : path.substr(0, slash);
  return ParsePolicy(buffer.str(), path, dir);
}

StatusOr<Policy> DefaultPolicy() {
  WINNOW_ASSIGN_OR_RETURN(Policy p, ParsePolicy(DefaultPolicyToml(), "default policy", "."));
  p.source = "default policy";
  return p;
}

}  // namespace winnow::search
