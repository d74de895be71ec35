// Throughput of `convert`'s engine: read OpenAI-messages JSON lines from
// memory, parse, linearize into entries and write canonical JSON lines.
// Reported as bytes of input per second on one core.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "winnow/chat_reader.h"
#include "winnow/conversation.h"

namespace {

// Chat-shaped text: words of typical length, punctuation, some escapes and
// non-ASCII, paragraphs; deterministic.
class Text {
 public:
  explicit Text(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    s_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = s_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::string Words(int n) {
    static const char* kWords[] = {"the", "court", "article", "report", "newspaper", "said", "model",
                                   "because", "which", "government", "économie", "naïve", "data",
                                   "\\\"quoted\\\"", "paywall", "subscription", "answer", "with", "and",
                                   "of", "to", "a", "in", "is", "that", "for", "it", "was", "on", "東京"};
    std::string out;
    for (int i = 0; i < n; ++i) {
      if (i) out += (Next() % 17 == 0) ? ".\\n\\n" : " ";
      out += kWords[Next() % (sizeof(kWords) / sizeof(kWords[0]))];
    }
    return out;
  }

 private:
  uint64_t s_;
};

std::string MakeOpenAiJsonl(size_t target_bytes) {
  Text t(42);
  std::string out;
  for (int i = 0; out.size() < target_bytes; ++i) {
    out += "{\"id\":\"conv-" + std::to_string(i) + "\",\"model\":\"gpt-4o\",\"messages\":[";
    out += "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"}";
    int turns = 1 + static_cast<int>(t.Next() % 4);
    for (int k = 0; k < turns; ++k) {
      out += ",{\"role\":\"user\",\"content\":\"" + t.Words(5 + t.Next() % 60) + "\"}";
      out += ",{\"role\":\"assistant\",\"content\":\"" + t.Words(50 + t.Next() % 400) + "\"}";
    }
    out += "]}\n";
  }
  return out;
}

void BM_ConvertOpenAiMessages(benchmark::State& state) {
  const std::string input = MakeOpenAiJsonl(static_cast<size_t>(state.range(0)) << 20);
  std::string out;
  out.reserve(4 << 20);
  uint64_t entries = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = input;  // FromBytes takes ownership
    state.ResumeTiming();
    auto reader = winnow::ChatFileReader::FromBytes("bench", std::move(copy), {});
    winnow::BadRecord bad;
    for (;;) {
      auto next = reader->Next(&bad);
      if (!next.ok() || *next == winnow::ChatFileReader::Outcome::kEnd) break;
      for (const winnow::Entry& e : reader->entries()) {
        winnow::AppendEntryJson(e, &out);
        ++entries;
      }
      if (out.size() > (2 << 20)) out.clear();
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(input.size()));
  state.counters["entries/s"] = benchmark::Counter(static_cast<double>(entries), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ConvertOpenAiMessages)->Arg(16)->Arg(64)->Unit(benchmark::kMillisecond);

void BM_EntryId(benchmark::State& state) {
  int turn = 0;
  for (auto _ : state) benchmark::DoNotOptimize(winnow::EntryId("8e1f5c1e-5d6a-4a8e-9a61-2f0d2c3b4a5f", turn++, ""));
}
BENCHMARK(BM_EntryId);

}  // namespace

BENCHMARK_MAIN();
