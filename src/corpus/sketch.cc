#include "corpus/sketch.h"

#include "corpus/kgram.h"

namespace winnow::corpus {

void ShingleHashes(std::span<const uint64_t> words, std::vector<uint64_t>* out) {
  KGramHashes(words, kShingleWords, out);
}

Sketch SketchOf(std::span<const uint64_t> shingles) {
  Sketch s;
  s.min.fill(kEmptyBin);
  for (uint64_t h : shingles) {
    const int bin = static_cast<int>(h >> (64 - 5));  // 32 bins: the top 5 bits
    const uint32_t v = static_cast<uint32_t>(h);
    if (v < s.min[bin]) s.min[bin] = v;
  }
  s.shingles = static_cast<uint32_t>(shingles.size());
  return s;
}

uint64_t SketchKey(int bin, uint32_t min) { return KGramMix((uint64_t(bin) << 32 | min) ^ 0x5bd1e9955bd1e995ULL); }

}  // namespace winnow::corpus
