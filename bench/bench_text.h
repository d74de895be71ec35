// Text for the micro-benchmarks: generated news prose and a reproducible
// mix of sentences. Header-only; benchmarks only.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "gen/works.h"

namespace winnow::bench {

// Generated news works (winnow gen's corpus, seed 1, `works` of them)
// joined by blank lines until `target_bytes`.
inline std::string NewsProse(size_t target_bytes, uint64_t works_count) {
  gen::WorkSet works(1, works_count);
  gen::WorkProfile profile;
  std::string text, out;
  for (uint64_t i = 0; out.size() < target_bytes; ++i) {
    works.Profile(i % works.size(), &profile);
    works.Text(profile, &text);
    out += text;
    out += "\n\n";
  }
  return out;
}

// `sentences` drawn by a fixed LCG until `target_bytes`, with `line_break`
// after about one sentence in `break_every`.
inline std::string SentenceMix(std::span<const char* const> sentences, size_t target_bytes, int break_every,
                               const char* line_break) {
  std::string out;
  uint64_t s = 1;
  while (out.size() < target_bytes) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    out += sentences[(s >> 33) % sentences.size()];
    if ((s >> 20) % break_every == 0) out += line_break;
  }
  return out;
}

}  // namespace winnow::bench
