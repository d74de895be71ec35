// libFuzzer target for the detectors (pii/engine.h) and the operators
// (pii/operators.h): any bytes, as a text, never crash; every finding lies
// inside the text, has a type and a score in [0, 1]; findings are sorted and
// do not overlap; redacting them with placeholders gives a log whose
// offsets lie inside the original and the redacted text.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pii/engine.h"
#include "pii/operators.h"

namespace {

using winnow::pii::Engine;
using winnow::pii::Finding;

const Engine& TheEngine() {
  static const Engine* engine = [] {
    auto e = Engine::Create(winnow::pii::EngineOptions{});
    if (!e.ok()) __builtin_trap();
    return std::move(e).value().release();
  }();
  return *engine;
}

uint32_t CodePoints(std::string_view s) {
  uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const Engine& engine = TheEngine();
  static auto scratch = engine.NewScratch();
  std::vector<Finding> found;
  // A region hint from the first byte, so hinted parsing is reached too.
  const std::string_view region = size > 0 && data[0] % 4 == 0 ? "DE" : "";
  engine.Detect(winnow::pii::DetectContext{text, region, nullptr}, scratch.get(), &found);
  uint32_t last_end = 0;
  std::vector<std::string> normalized;
  for (const Finding& f : found) {
    if (f.begin >= f.end || f.end > text.size() || f.begin < last_end) __builtin_trap();
    if (f.type.empty() || f.detector.empty() || !(f.score >= 0 && f.score <= 1)) __builtin_trap();
    last_end = f.end;
    normalized.push_back(engine.Normalize(f, text));
  }
  auto redactor = winnow::pii::Redactor::Create(winnow::pii::RedactorOptions{}, nullptr);
  if (!redactor.ok()) __builtin_trap();
  redactor->BeginDocument();
  std::string out;
  std::vector<winnow::pii::RedactionRecord> log;
  if (!redactor->Apply(text, found, normalized, {}, &out, &log).ok()) __builtin_trap();
  if (log.size() != found.size()) __builtin_trap();
  const uint32_t in_cp = CodePoints(text), out_cp = CodePoints(out);
  for (const auto& r : log) {
    if (r.begin > r.end || r.end > in_cp || r.out_begin > r.out_end || r.out_end > out_cp) __builtin_trap();
  }
  return 0;
}
