// Throughput of the word tokenizer (src/text/tokenizer.h) on one core, in
// bytes of input per second: English news prose from the generator's
// synthetic articles (gen/works.h, mostly ASCII with curly quotes and the
// odd accented name), the same prose forced to pure ASCII, and mixed-script
// text (accented Latin, Cyrillic, Greek, CJK, Korean, with markdown).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bench_text.h"
#include "text/tokenizer.h"

namespace {

std::string NewsProse(size_t target_bytes) { return winnow::bench::NewsProse(target_bytes, 1000); }

// Curly quotes made straight, other non-ASCII bytes made 'x'.
std::string AsciiOnly(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      unsigned char c3 = static_cast<unsigned char>(s[i + 2]);
      if (c3 == 0x9C || c3 == 0x9D) {
        out.push_back('"');
        i += 2;
        continue;
      }
      if (c3 == 0x98 || c3 == 0x99) {
        out.push_back('\'');
        i += 2;
        continue;
      }
    }
    if (c >= 0xC0) out.push_back('x');  // one per character: continuation bytes dropped
  }
  return out;
}

std::string MixedText(size_t target_bytes) {
  static const char* kSentences[] = {
      "Le ministre de l’Économie a déclaré jeudi que la réforme était « nécessaire » pour "
      "l’équilibre budgétaire, malgré l’opposition des syndicats. ",
      "Die Regierung in München hat am Dienstag über 50 Millionen Euro für Straßenbau "
      "bewilligt; Kritiker nannten das Vorhaben „überstürzt“. ",
      "Госдума приняла во втором чтении законопроект о защите персональных данных, "
      "сообщает агентство. ",
      "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ΟΙΚΟΝΟΜΙΑ την Τρίτη. ",
      "東京都は二〇二四年度の予算案を発表し、子育て支援を拡充すると明らかにした。",
      "政府は新しい計画についてコメントを控えた。",
      "서울시는 화요일에 새로운 교통 정책을 발표했다. ",
      "**El presidente** dijo que la decisión “no tiene vuelta atrás”, según fuentes oficiales. ",
      "- The council’s vote — 7–2 — was “a mistake,” said José Pérez.\n",
  };
  return winnow::bench::SentenceMix(kSentences, target_bytes, 7, "\n\n");
}

void Run(benchmark::State& state, const std::string& input) {
  std::vector<winnow::text::Token> tokens;
  for (auto _ : state) {
    winnow::text::Tokenize(input, &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(input.size()));
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(tokens.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.counters["bytes/token"] =
      static_cast<double>(input.size()) / static_cast<double>(tokens.size());
}

void BM_TokenizeNewsProse(benchmark::State& state) {
  Run(state, NewsProse(static_cast<size_t>(state.range(0)) << 10));
}
BENCHMARK(BM_TokenizeNewsProse)->Arg(4)->Arg(64)->Arg(512)->Unit(benchmark::kMicrosecond);

void BM_TokenizeAsciiProse(benchmark::State& state) {
  Run(state, AsciiOnly(NewsProse(static_cast<size_t>(state.range(0)) << 10)));
}
BENCHMARK(BM_TokenizeAsciiProse)->Arg(512)->Unit(benchmark::kMicrosecond);

void BM_TokenizeMixed(benchmark::State& state) {
  Run(state, MixedText(static_cast<size_t>(state.range(0)) << 10));
}
BENCHMARK(BM_TokenizeMixed)->Arg(512)->Unit(benchmark::kMicrosecond);

void BM_NormalizedWords(benchmark::State& state) {
  const std::string input = NewsProse(static_cast<size_t>(state.range(0)) << 10);
  std::vector<std::string> words;
  for (auto _ : state) {
    winnow::text::NormalizedWords(input, &words);
    benchmark::DoNotOptimize(words.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(input.size()));
}
BENCHMARK(BM_NormalizedWords)->Arg(512)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
