// Throughput of the search engine (src/search/engine.h) on one core, in bytes
// of text per second: term sets of words and 2-3 word phrases drawn from the
// text's own vocabulary (a spread of frequencies, the most common words
// left out) over the generator's news prose, one document per paragraph;
// the same with word patterns, regexes and proximity terms; and compiling.
// bench/search_run.sh compares the engine with ripgrep on 256 MB of text.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bench_text.h"
#include "search/engine.h"
#include "search/query.h"

namespace {

using winnow::search::Document;
using winnow::search::TermHit;
using winnow::search::TermMatcher;
using winnow::search::TermSet;

std::string NewsProse(size_t target_bytes) { return winnow::bench::NewsProse(target_bytes, 2000); }

std::string MixedText(size_t target_bytes) {
  static const char* kSentences[] = {
      "Le ministre de l’Économie a déclaré jeudi que la réforme était « nécessaire ». ",
      "Die Regierung in München hat am Dienstag über 50 Millionen Euro bewilligt. ",
      "Госдума приняла во втором чтении законопроект о защите персональных данных. ",
      "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ΟΙΚΟΝΟΜΙΑ την Τρίτη. ",
      "東京都は二〇二四年度の予算案を発表し、子育て支援を拡充すると明らかにした。",
      "The council’s vote — 7–2 — was “a mistake,” said José Pérez of the market board.\n",
  };
  return winnow::bench::SentenceMix(kSentences, target_bytes, 5, "\n");
}

std::vector<std::string_view> Lines(const std::string& text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (nl > pos) out.push_back(std::string_view(text).substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

// ASCII words of the text, lowercased, in order.
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      w.push_back(static_cast<char>(c | 0x20));
    } else {
      if (!w.empty()) out.push_back(w);
      w.clear();
    }
  }
  return out;
}

// n queries: 70% words, 20% two-word and 10% three-word phrases, picked
// across the frequency ranks (the 40 most common left out, log-uniform
// beyond), plus `extra` appended as is.
std::vector<std::string> MakeQueries(const std::string& text, size_t n) {
  static const char* kOperators[] = {"and", "or", "not", "w", "pre"};
  const std::vector<std::string> words = Words(text);
  std::vector<std::map<std::string, int>> grams(3);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string g = words[i];
    for (size_t k = 0; k < 3 && i + k < words.size(); ++k) {
      if (k > 0) g.append(" ").append(words[i + k]);
      if (words[i + k].size() < 2) break;
      bool op = false;
      for (const char* o : kOperators) op = op || words[i + k] == o;
      if (op) break;
      ++grams[k][g];
    }
  }
  std::vector<std::string> out;
  uint64_t s = 42;
  const size_t want[3] = {n * 7 / 10, n * 2 / 10, n - n * 7 / 10 - n * 2 / 10};
  for (size_t k = 0; k < 3; ++k) {
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [g, c] : grams[k]) ranked.emplace_back(-c, g);
    std::sort(ranked.begin(), ranked.end());
    const size_t skip = std::min<size_t>(40, ranked.size() / 4);
    std::vector<bool> taken(ranked.size());
    for (size_t got = 0, tries = 0; got < want[k] && tries < 100000; ++tries) {
      s = s * 6364136223846793005ULL + 1442695040888963407ULL;
      const double u = static_cast<double>(s >> 11) / static_cast<double>(1ULL << 53);
      const auto r =
          static_cast<size_t>(static_cast<double>(skip) *
                              std::pow(static_cast<double>(ranked.size()) / static_cast<double>(skip), u));
      if (r >= ranked.size() || taken[r]) continue;
      taken[r] = true;
      out.push_back(std::string("\"").append(ranked[r].second).append("\""));
      ++got;
    }
  }
  return out;
}

std::shared_ptr<const TermSet> Compile(const std::vector<std::string>& queries) {
  std::vector<winnow::search::Term> terms;
  for (size_t i = 0; i < queries.size(); ++i) {
    auto q = winnow::search::ParseQuery(queries[i]);
    if (!q.ok()) continue;
    auto& t = terms.emplace_back();
    t.name = std::string("t").append(std::to_string(i));
    t.query = std::move(q).value();
  }
  auto set = TermSet::Compile(std::move(terms));
  return set.ok() ? set.value() : nullptr;
}

void Run(benchmark::State& state, const std::string& text, const std::vector<std::string>& queries) {
  auto set = Compile(queries);
  if (!set) {
    state.SkipWithError("term set did not compile");
    return;
  }
  const std::vector<std::string_view> lines = Lines(text);
  TermMatcher m(set);
  Document doc;
  doc.fields.push_back({winnow::search::TextField::kText, 0, {}});
  std::vector<TermHit> hits;
  uint64_t spans = 0;
  for (auto _ : state) {
    for (std::string_view line : lines) {
      doc.fields[0].text = line;
      if (!m.Match(doc, &hits).ok()) state.SkipWithError("match failed");
      for (const TermHit& h : hits) spans += h.spans.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
  state.counters["terms"] = static_cast<double>(set->size());
  state.counters["spans/MB"] = static_cast<double>(spans) / static_cast<double>(state.iterations()) /
                               (static_cast<double>(text.size()) / 1e6);
}

const std::string& Prose() {
  static const std::string* text = new std::string(NewsProse(8 << 20));
  return *text;
}

void BM_SearchTerms(benchmark::State& state) {
  Run(state, Prose(), MakeQueries(Prose(), static_cast<size_t>(state.range(0))));
}
BENCHMARK(BM_SearchTerms)->Arg(10)->Arg(200)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_SearchTermsMixedScripts(benchmark::State& state) {
  const std::string text = MixedText(8 << 20);
  std::vector<std::string> q = MakeQueries(Prose(), 190);
  for (const char* w : {"économie", "münchen", "euro", "госдума", "данных", "ΟΙΚΟΝΟΜΙΑ", "Τρίτη", "東京",
                        "予算", "josé pérez"}) {
    q.push_back(w);
  }
  Run(state, text, q);
}
BENCHMARK(BM_SearchTermsMixedScripts)->Unit(benchmark::kMillisecond);

void BM_SearchWordPatterns(benchmark::State& state) {
  std::vector<std::string> q = MakeQueries(Prose(), 180);
  for (const char* w :
       {"appeal*", "court*",    "*ment",      "b?nk",        "report~",  "market~", "regulat*",
        "invest~", "compan*",   "gover%ment", "ann%ounced",  "quar%%ry", "inves*",  "*ation",
        "said~",   "decision~", "minist*",    "%foundation", "profit~",  "sh?re*"}) {
    q.push_back(w);
  }
  Run(state, Prose(), q);
}
BENCHMARK(BM_SearchWordPatterns)->Unit(benchmark::kMillisecond);

void BM_SearchRegexes(benchmark::State& state) {
  std::vector<std::string> q = MakeQueries(Prose(), 195);
  for (const char* w :
       {"/\\d{4}/", "/[A-Z][a-z]+ (Group|Foundation)/", "/court\\w*/", "/\\$\\d+/", "/colou?r/"}) {
    q.push_back(w);
  }
  Run(state, Prose(), q);
}
BENCHMARK(BM_SearchRegexes)->Unit(benchmark::kMillisecond);

void BM_SearchProximity(benchmark::State& state) {
  const std::vector<std::string> base = MakeQueries(Prose(), 100);
  std::vector<std::string> q;
  for (size_t i = 0; i + 1 < base.size(); i += 2) {
    q.push_back(base[i] + (i % 4 == 0 ? " w/10 " : " pre/5 ") + base[i + 1]);
  }
  Run(state, Prose(), q);
}
BENCHMARK(BM_SearchProximity)->Unit(benchmark::kMillisecond);

void BM_Compile(benchmark::State& state) {
  const std::vector<std::string> q = MakeQueries(Prose(), static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(Compile(q));
}
BENCHMARK(BM_Compile)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
