// Throughput of de-identification on one core (src/pii), in bytes of text
// per second: pii::Engine::Detect over chat-like documents (one detection
// per document, as `winnow pii detect` does per field) without personal
// data, with it (about one sentence in five carries a value of some type;
// and each kind of value alone, to see which detectors cost the most),
// and over news prose (dense in names and places, the PERSON detector's
// hard case); Redactor::Apply with the placeholder and mask operators on
// findings already made; Detect and Apply together; and Engine::Create
// (compiling every detector's patterns: the filters' fixed start-up cost).
// bench/pii_peers.sh measures the whole `winnow pii redact` process.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench_text.h"
#include "pii/detector.h"
#include "pii/engine.h"
#include "pii/operators.h"

namespace {

using winnow::pii::DetectContext;
using winnow::pii::Engine;
using winnow::pii::Finding;
using winnow::pii::Operator;
using winnow::pii::Redactor;
using winnow::pii::RedactorOptions;

// Sentences of an assistant's answers and users' prompts, no personal data.
const char* const kChat[] = {
    "Sure! Here's a short overview of how to get started with a running plan.\n\n",
    "The key idea is that a habit works best when you keep things simple at first. ",
    "- **Warm-up:** Start with five minutes of easy walking before you pick up the pace.\n",
    "Can you help me understand recursion in Python? I keep getting confused. ",
    "1. Write down what you expect to happen before you begin.\n",
    "```python\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n```\n",
    "In practice, the details depend on your situation, but the general principle holds. ",
    "Hope this helps! Let me know if you'd like a checklist version. 😊\n\n",
    "Je voudrais améliorer mon CV pour un poste d'ingénieur à Lyon. ",
    "Wie kann ich meine Bewerbung für eine Stelle in München verbessern? ",
    "これは簡単な例です。まず関数を定義してから呼び出します。",
    "Version 3.2 was released in 2023 and fixed 14 bugs; see section 4.1 for details. ",
};

// Sentences carrying personal data of the types the detectors cover.
const char* const kPii[] = {
    "My name is Margaret Okonkwo and I need help with a cover letter. ",
    "Dear Ahmed Karimi,\n\nthank you for your patience. ",
    "You can reach me at margaret.okonkwo@gmail.com or call (415) 555-0132. ",
    "Mon numéro est le +33 6 12 34 56 78, merci de me rappeler. ",
    "My credit card 4111 1111 1111 1111 was charged twice, how do I dispute it? ",
    "The form asks for my social security number, it's 078-05-1120. ",
    "Please send the refund to my IBAN DE89 3704 0044 0532 0130 00. ",
    "The logs show logins from 203.0.113.42 and 2001:db8::7334. Am I hacked? ",
    "The router shows an unknown device 3c:22:fb:9a:41:07. ",
    "Send the payment to my wallet 1BoatSLRHtKNngkdXEeobR76b53LETtpyT. ",
    "export OPENAI_API_KEY=sk-proj-4fJ9kQ2mX7pL0aZ8wR3tY6uV1bN5cE2d ",
    "Ship it to 1432 Magnolia Ct, Madison, WI 53729, please. ",
    "I was born on March 14, 1987. My passport number is 912803456. ",
    "Here's my portfolio: https://jdoe-portfolio.netlify.app/projects ",
    "Меня зовут Анна Смирнова, помогите написать резюме. ",
};

// Documents of about `doc_bytes` each, `target_bytes` in all: chat
// sentences, and a personal-data sentence after about one in
// `pii_every` (0: none), drawn by a fixed LCG; only kPii[only] when
// `only` >= 0.
std::vector<std::string> ChatDocuments(size_t target_bytes, size_t doc_bytes, int pii_every, int only = -1) {
  std::vector<std::string> docs;
  uint64_t s = 7;
  auto next = [&s] {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return s >> 33;
  };
  size_t total = 0;
  while (total < target_bytes) {
    std::string doc;
    const size_t want = doc_bytes / 2 + next() % doc_bytes;  // 0.5 to 1.5 times doc_bytes
    while (doc.size() < want) {
      doc += kChat[next() % std::size(kChat)];
      if (pii_every > 0 && next() % pii_every == 0) doc += kPii[only >= 0 ? only : next() % std::size(kPii)];
    }
    total += doc.size();
    docs.push_back(std::move(doc));
  }
  return docs;
}

// News prose cut into paragraph-sized documents.
std::vector<std::string> NewsDocuments(size_t target_bytes) {
  const std::string text = winnow::bench::NewsProse(target_bytes, 500);
  std::vector<std::string> docs;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\n\n", pos + 1500);
    if (end == std::string::npos) end = text.size();
    docs.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return docs;
}

const Engine& DefaultEngine() {
  static const std::unique_ptr<Engine> engine = [] {
    auto e = Engine::Create(winnow::pii::EngineOptions{});
    if (!e.ok()) {
      std::fprintf(stderr, "pii_bench: %s\n", e.status().ToString().c_str());
      std::abort();
    }
    return std::move(e).value();
  }();
  return *engine;
}

int64_t TotalBytes(const std::vector<std::string>& docs) {
  int64_t n = 0;
  for (const auto& d : docs) n += static_cast<int64_t>(d.size());
  return n;
}

void RunDetect(benchmark::State& state, const std::vector<std::string>& docs) {
  const Engine& engine = DefaultEngine();
  auto scratch = engine.NewScratch();
  std::vector<Finding> found;
  size_t findings = 0;
  for (auto _ : state) {
    findings = 0;
    for (const auto& d : docs) {
      DetectContext ctx;
      ctx.text = d;
      engine.Detect(ctx, scratch.get(), &found);
      findings += found.size();
    }
    benchmark::DoNotOptimize(findings);
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(docs));
  state.counters["docs"] = static_cast<double>(docs.size());
  state.counters["findings_per_MB"] = static_cast<double>(findings) * 1e6 / static_cast<double>(TotalBytes(docs));
}

void BM_DetectChatClean(benchmark::State& state) {
  static const auto docs = ChatDocuments(4 << 20, 2000, 0);
  RunDetect(state, docs);
}
BENCHMARK(BM_DetectChatClean)->Unit(benchmark::kMillisecond);

void BM_DetectChatPii(benchmark::State& state) {
  static const auto docs = ChatDocuments(4 << 20, 2000, 5);
  RunDetect(state, docs);
}
BENCHMARK(BM_DetectChatPii)->Unit(benchmark::kMillisecond);

// Short documents: the fixed cost per call (scratch reset, context setup).
void BM_DetectChatPiiShort(benchmark::State& state) {
  static const auto docs = ChatDocuments(2 << 20, 200, 5);
  RunDetect(state, docs);
}
BENCHMARK(BM_DetectChatPiiShort)->Unit(benchmark::kMillisecond);

// One kind of personal-data sentence at a time (the argument indexes
// kPii): which detectors cost the most per finding.
void BM_DetectPiiKind(benchmark::State& state) {
  const int kind = static_cast<int>(state.range(0));
  const auto docs = ChatDocuments(1 << 20, 2000, 5, kind);
  state.SetLabel(std::string(kPii[kind]).substr(0, 32));
  RunDetect(state, docs);
}
BENCHMARK(BM_DetectPiiKind)->DenseRange(0, static_cast<int>(std::size(kPii)) - 1)->Unit(benchmark::kMillisecond);

void BM_DetectNews(benchmark::State& state) {
  static const auto docs = NewsDocuments(4 << 20);
  RunDetect(state, docs);
}
BENCHMARK(BM_DetectNews)->Unit(benchmark::kMillisecond);

struct Detected {
  std::vector<std::string> docs;
  std::vector<std::vector<Finding>> findings;
  std::vector<std::vector<std::string>> normalized;
};

const Detected& DetectedChat() {
  static const Detected d = [] {
    Detected r;
    r.docs = ChatDocuments(4 << 20, 2000, 5);
    const Engine& engine = DefaultEngine();
    auto scratch = engine.NewScratch();
    for (const auto& doc : r.docs) {
      DetectContext ctx;
      ctx.text = doc;
      std::vector<Finding> f;
      engine.Detect(ctx, scratch.get(), &f);
      std::vector<std::string> norm;
      for (const auto& x : f) norm.push_back(engine.Normalize(x, doc));
      r.findings.push_back(std::move(f));
      r.normalized.push_back(std::move(norm));
    }
    return r;
  }();
  return d;
}

void RunApply(benchmark::State& state, Operator op) {
  const Detected& d = DetectedChat();
  RedactorOptions options;
  options.default_operator = op;
  auto redactor = Redactor::Create(options, nullptr);
  if (!redactor.ok()) {
    state.SkipWithError(redactor.status().ToString().c_str());
    return;
  }
  std::string out;
  std::vector<winnow::pii::RedactionRecord> log;
  size_t findings = 0;
  for (const auto& f : d.findings) findings += f.size();
  for (auto _ : state) {
    for (size_t i = 0; i < d.docs.size(); ++i) {
      redactor->BeginDocument();
      log.clear();
      auto st = redactor->Apply(d.docs[i], d.findings[i], d.normalized[i], {}, &out, &log);
      if (!st.ok()) {
        state.SkipWithError(st.ToString().c_str());
        return;
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(d.docs));
  state.counters["findings_per_MB"] = static_cast<double>(findings) * 1e6 / static_cast<double>(TotalBytes(d.docs));
}

void BM_ApplyPlaceholder(benchmark::State& state) { RunApply(state, Operator::kPlaceholder); }
BENCHMARK(BM_ApplyPlaceholder)->Unit(benchmark::kMillisecond);

void BM_ApplyMask(benchmark::State& state) { RunApply(state, Operator::kMask); }
BENCHMARK(BM_ApplyMask)->Unit(benchmark::kMillisecond);

// Detect, normalize and replace with placeholders: the work `winnow pii
// redact` does per text, without JSON.
void BM_DetectAndRedact(benchmark::State& state) {
  static const auto docs = ChatDocuments(4 << 20, 2000, 5);
  const Engine& engine = DefaultEngine();
  auto scratch = engine.NewScratch();
  auto redactor = Redactor::Create(RedactorOptions{}, nullptr);
  if (!redactor.ok()) {
    state.SkipWithError(redactor.status().ToString().c_str());
    return;
  }
  std::vector<Finding> found;
  std::vector<std::string> norm;
  std::string out;
  std::vector<winnow::pii::RedactionRecord> log;
  for (auto _ : state) {
    for (const auto& d : docs) {
      DetectContext ctx;
      ctx.text = d;
      engine.Detect(ctx, scratch.get(), &found);
      norm.clear();
      for (const auto& f : found) norm.push_back(engine.Normalize(f, d));
      redactor->BeginDocument();
      log.clear();
      auto st = redactor->Apply(d, found, norm, {}, &out, &log);
      if (!st.ok()) {
        state.SkipWithError(st.ToString().c_str());
        return;
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(docs));
}
BENCHMARK(BM_DetectAndRedact)->Unit(benchmark::kMillisecond);

// Compiling the engine (every detector's patterns into one Hyperscan
// database, plus the detectors' own tables).
void BM_EngineCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto e = Engine::Create(winnow::pii::EngineOptions{});
    if (!e.ok()) {
      state.SkipWithError(e.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(e->get());
  }
}
BENCHMARK(BM_EngineCreate)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
