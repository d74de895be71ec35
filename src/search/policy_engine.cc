// Compiling a policy: publishers from the policy and the corpus become
// generated terms (names and domains as phrases, article URLs as regular
// expressions), compiled with the search and paywall terms into one TermSet.
#include "search/policy_engine.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>

#include "util/sha256.h"

namespace winnow::search {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

// "https://www.dailyledger.com/2019/..." -> "dailyledger.com"; "" if none.
std::string HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#:");
  std::string host = Lower(rest.substr(0, end));
  if (host.starts_with("www.")) host.erase(0, 4);
  return host.find('.') == std::string::npos ? "" : host;
}

// A phrase for a name or domain: quotes removed, a leading "The " dropped so
// "The Daily Ledger" also finds "Daily Ledger".
std::string QuotedPhrase(std::string_view s, bool drop_article) {
  std::string t;
  for (char c : s) {
    if (c != '"') t.push_back(c);
  }
  if (drop_article && t.size() > 4 && Lower(t.substr(0, 4)) == "the ") t.erase(0, 4);
  return "\"" + t + "\"";
}

std::string RegexEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// "nytimes.com/YYYY/MM/DD/*" -> nytimes\.com\/\d{4}\/\d{2}\/\d{2}\/[^\s...]*
std::string UrlPatternRegex(std::string_view pattern) {
  constexpr std::string_view kPathChars = "[^\\s\"'<>()\\[\\]]*";
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    std::string_view rest = pattern.substr(i);
    if (rest.starts_with("YYYY")) { out += "\\d{4}"; i += 4; }
    else if (rest.starts_with("MM") || rest.starts_with("DD")) { out += "\\d{2}"; i += 2; }
    else if (rest.starts_with("...")) { out += kPathChars; i += 3; }
    else if (rest[0] == '*') { out += kPathChars; i += 1; }
    else { out += RegexEscape(rest.substr(0, 1)); i += 1; }
  }
  return out;
}

std::string JoinOr(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " OR ") + p;
  return out;
}

Status AddGenerated(std::string name, std::string query, std::vector<Term>* terms) {
  auto parsed = ParseQuery(query);
  if (!parsed.ok()) {
    return Status::InvalidArgument("term '" + name + "' made from the publishers (" + query +
                                   "): " + parsed.status().message());
  }
  Term t;
  t.name = std::move(name);
  t.query_text = std::move(query);
  t.query = std::move(parsed).value();
  terms->push_back(std::move(t));
  return Status::Ok();
}

void AddCorpusPublishers(const CorpusIndex& index, std::vector<PublisherSpec>* publishers) {
  std::map<std::string, size_t> by_name;  // lower-cased name -> index
  for (size_t i = 0; i < publishers->size(); ++i) by_name[Lower((*publishers)[i].name)] = i;
  for (uint32_t w = 0; w < index.num_works(); ++w) {
    WorkInfo info = index.work(w);
    if (info.publisher.empty()) continue;
    auto [it, added] = by_name.try_emplace(Lower(info.publisher), publishers->size());
    if (added) publishers->push_back(PublisherSpec{std::string(info.publisher), {}, {}, {}});
    PublisherSpec& p = (*publishers)[it->second];
    std::string host = HostOf(info.url);
    if (!host.empty() && std::find(p.domains.begin(), p.domains.end(), host) == p.domains.end()) {
      p.domains.push_back(host);
    }
  }
}

}  // namespace

StatusOr<std::unique_ptr<PolicyEngine>> PolicyEngine::Create(Policy policy, const CorpusIndex* index) {
  std::unique_ptr<PolicyEngine> e(new PolicyEngine());
  e->index_ = index;
  e->publishers_ = policy.publishers;
  if (policy.publishers_from_corpus && index != nullptr) AddCorpusPublishers(*index, &e->publishers_);
  if (policy.publishers_from_corpus && index == nullptr) {
    e->warnings_.push_back("publishers.from_corpus is set but no reference corpus (--index) was given: only the "
                           "policy's own publishers (" + std::to_string(e->publishers_.size()) + ") are looked for");
  }

  std::vector<Term> terms;
  for (Term& t : policy.terms) {
    terms.push_back(std::move(t));
    e->roles_.push_back({TermRole::Kind::kSearch, 0, ""});
  }
  for (Term& t : policy.paywall_terms) {
    t.name = "paywall:" + t.name;
    terms.push_back(std::move(t));
    e->roles_.push_back({TermRole::Kind::kPaywall, 0, ""});
  }
  policy.terms.clear();
  policy.paywall_terms.clear();
  for (uint32_t p = 0; p < e->publishers_.size(); ++p) {
    const PublisherSpec& spec = e->publishers_[p];
    std::vector<std::string> names{QuotedPhrase(spec.name, true)};
    for (const std::string& a : spec.aliases) names.push_back(QuotedPhrase(a, true));
    WINNOW_RETURN_IF_ERROR(AddGenerated("publisher:" + spec.name + ":name", JoinOr(names), &terms));
    e->roles_.push_back({TermRole::Kind::kPublisher, p, "name"});
    if (!spec.domains.empty()) {
      std::vector<std::string> domains, urls;
      for (const std::string& d : spec.domains) {
        domains.push_back(QuotedPhrase(d, false));
        urls.push_back("/" + RegexEscape(d) + "\\/" + UrlPatternRegex("*") + "/");
      }
      WINNOW_RETURN_IF_ERROR(AddGenerated("publisher:" + spec.name + ":domain", JoinOr(domains), &terms));
      e->roles_.push_back({TermRole::Kind::kPublisher, p, "domain"});
      if (spec.url_patterns.empty()) {
        WINNOW_RETURN_IF_ERROR(AddGenerated("publisher:" + spec.name + ":url", JoinOr(urls), &terms));
        e->roles_.push_back({TermRole::Kind::kPublisher, p, "url"});
      }
    }
    if (!spec.url_patterns.empty()) {
      std::vector<std::string> urls;
      for (const std::string& u : spec.url_patterns) urls.push_back("/" + UrlPatternRegex(u) + "/");
      WINNOW_RETURN_IF_ERROR(AddGenerated("publisher:" + spec.name + ":url", JoinOr(urls), &terms));
      e->roles_.push_back({TermRole::Kind::kPublisher, p, "url"});
    }
  }

  // Rules name search terms and publishers; resolve them to indexes.
  for (const RuleSpec& r : policy.rules) {
    std::vector<uint32_t> rt, rp;
    for (const std::string& name : r.terms) {
      for (uint32_t i = 0; i < terms.size(); ++i) {
        if (e->roles_[i].kind == TermRole::Kind::kSearch && terms[i].name == name) rt.push_back(i);
      }
    }
    for (const std::string& name : r.publishers) {
      bool found = false;
      for (uint32_t p = 0; p < e->publishers_.size(); ++p) {
        if (Lower(e->publishers_[p].name) == Lower(name)) { rp.push_back(p); found = true; }
      }
      if (!found) {
        return Status::InvalidArgument(policy.source + ":" + std::to_string(r.line) + ": rule '" + r.name +
                                       "': publishers: no publisher named '" + name +
                                       "' in the policy or the corpus");
      }
    }
    std::sort(rt.begin(), rt.end());
    e->rule_terms_.push_back(std::move(rt));
    e->rule_publishers_.push_back(std::move(rp));
  }

  WINNOW_ASSIGN_OR_RETURN(e->terms_, TermSet::Compile(std::move(terms)));

  MatchOptions& m = e->match_options_;
  m.titles = m.similar = false;
  bool overlap = false;
  for (const RuleSpec& r : policy.rules) {
    for (Signal s : r.signals) {
      if (s == Signal::kHeadline) m.titles = true;
      if (s == Signal::kSimilar) m.similar = true;
      if (s != Signal::kOverlap) continue;
      m.min_verbatim_words = overlap ? std::min(m.min_verbatim_words, r.min_words) : r.min_words;
      m.min_near_words = overlap ? std::min(m.min_near_words, r.min_near_words) : r.min_near_words;
      m.min_identity = overlap ? std::min(m.min_identity, r.min_identity) : r.min_identity;
      overlap = true;
    }
    if (index == nullptr) {
      for (Signal s : r.signals) {
        if (s == Signal::kOverlap || s == Signal::kHeadline || s == Signal::kSimilar) {
          e->warnings_.push_back("rule '" + r.name + "': signal '" + SignalName(s) +
                                 "' needs a reference corpus (--index); it does not fire in this run");
        }
      }
    }
  }
  e->policy_ = std::move(policy);
  return e;
}

std::vector<HitReportRow> PolicyEngine::TermRows() const {
  std::vector<HitReportRow> rows;
  for (size_t i = 0; i < terms_->size(); ++i) {
    HitReportRow r;
    r.name = terms_->term(i).name;
    r.query = terms_->term(i).query_text;
    r.category = roles_[i].kind == TermRole::Kind::kSearch ? "search term"
                 : roles_[i].kind == TermRole::Kind::kPaywall ? "paywall"
                                                               : "publisher";
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<HitReportRow> PolicyEngine::RuleRows() const {
  std::vector<HitReportRow> rows;
  for (const RuleSpec& spec : policy_.rules) {
    HitReportRow r;
    r.name = spec.name;
    r.category = spec.category;
    for (Signal s : spec.signals) r.query += (r.query.empty() ? "" : spec.all ? " AND " : " OR ") + std::string(SignalName(s));
    rows.push_back(std::move(r));
  }
  return rows;
}

uint64_t DuplicateKey(std::string_view prompt, std::string_view output) {
  // The normalized text goes to a per-thread buffer, then SHA-256 (the
  // key must be the same on every machine and in every version: productions
  // de-duplicate by it).
  static constexpr auto kLower = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = static_cast<uint8_t>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return t;
  }();
  static constexpr auto kSpace = [] {
    std::array<uint8_t, 256> t{};
    for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[static_cast<uint8_t>(c)] = 1;
    return t;
  }();
  thread_local std::string norm;
  norm.resize(prompt.size() + output.size() + 3);  // one spare byte for the last store
  char* out = norm.data();
  for (std::string_view part : {prompt, output}) {
    const char* start = out;
    // Without branches (a space every few bytes defeats prediction): each
    // byte stores a pending space and itself, and advances past what stays.
    uint8_t pending = 0;
    for (unsigned char c : part) {
      const uint8_t space = kSpace[c];
      *out = ' ';
      out += (space ^ 1) & pending & (out != start);
      *out = static_cast<char>(kLower[c]);
      out += space ^ 1;
      pending = space;
    }
    *out++ = '\x1f';  // unit separator between prompt and output
  }
  uint8_t md[kSha256Bytes];
  Sha256Digest({norm.data(), static_cast<size_t>(out - norm.data())}, md);
  uint64_t h;
  std::memcpy(&h, md, sizeof(h));
  return h == 0 ? 1 : h;
}

}  // namespace winnow::search
