// The matcher's engine throughput per core: tokenize, fingerprint, look up,
// chain, extend and select (and headlines and loose rewrites), over entry
// texts held in memory, so that reading and writing JSON is not counted
// (`winnow match --stats` and bench/corpus_run.sh measure the whole
// command). Needs an index and entries:
//   WINNOW_MATCH_INDEX=DIR WINNOW_MATCH_ENTRIES=entries.jsonl build-bench/bench/match_bench
// where entries.jsonl holds canonical entries (`winnow convert` output);
// their prompt, output and tool texts are matched as `winnow match` does.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "winnow/corpus.h"

namespace {

struct Texts {
  std::vector<std::string> texts;
  std::vector<bool> titles;  // prompt: look for headlines
  size_t bytes = 0;
};

const Texts* LoadTexts(const char* path) {
  static Texts* texts = [&] {
    auto* t = new Texts;
    simdjson::ondemand::parser parser;
    simdjson::padded_string json;
    if (simdjson::padded_string::load(path).get(json)) return t;
    simdjson::ondemand::document_stream docs;
    if (parser.iterate_many(json, 1 << 26).get(docs)) return t;
    for (auto doc : docs) {
      std::string_view s;
      if (!doc["prompt"].get_string().get(s)) {
        t->texts.emplace_back(s);
        t->titles.push_back(true);
      }
      if (!doc["output"].get_string().get(s)) {
        t->texts.emplace_back(s);
        t->titles.push_back(false);
      }
      simdjson::ondemand::array tools;
      if (!doc["tools"].get_array().get(tools)) {
        for (auto tool : tools) {
          if (!tool["text"].get_string().get(s)) {
            t->texts.emplace_back(s);
            t->titles.push_back(false);
          }
        }
      }
    }
    for (const auto& x : t->texts) t->bytes += x.size();
    return t;
  }();
  return texts;
}

void BM_MatchEntries(benchmark::State& state) {
  const char* dir = std::getenv("WINNOW_MATCH_INDEX");
  const char* entries = std::getenv("WINNOW_MATCH_ENTRIES");
  if (dir == nullptr || entries == nullptr) {
    state.SkipWithError("set WINNOW_MATCH_INDEX and WINNOW_MATCH_ENTRIES");
    return;
  }
  static auto index = winnow::CorpusIndex::Open(dir);
  if (!index.ok()) {
    state.SkipWithError(index.status().ToString().c_str());
    return;
  }
  const Texts* texts = LoadTexts(entries);
  if (texts->texts.empty()) {
    state.SkipWithError("no entry texts read");
    return;
  }
  winnow::Matcher matcher(**index, winnow::MatchOptions());
  std::vector<winnow::CorpusMatch> out;
  size_t found = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < texts->texts.size(); ++i) {
      if (!matcher.Match(texts->texts[i], texts->titles[i], &out).ok()) state.SkipWithError("corrupt index");
      found += out.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * texts->bytes));
  state.counters["matches"] = static_cast<double>(found) / state.iterations();
  state.counters["texts"] = static_cast<double>(texts->texts.size());
}
BENCHMARK(BM_MatchEntries)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace

BENCHMARK_MAIN();
