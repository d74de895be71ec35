// Whole-text similarity sketches: one-permutation MinHash (Li, Owen and
// Zhang 2012) over word 5-gram shingles. A shingle's 64-bit hash picks one
// of kSketchBins bins by its top bits and competes there by its low 32
// bits; a sketch keeps each bin's minimum. Two texts agree in a bin with a
// probability near the Jaccard similarity of their shingle sets, so works
// that share many shingles with an entry (a loose rewrite with no long
// exact run) are found through the bins they agree in, and then checked
// exactly. Pure functions, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace winnow::corpus {

inline constexpr int kSketchBins = 32;
inline constexpr int kShingleWords = 5;
inline constexpr uint32_t kEmptyBin = 0xFFFFFFFFu;

struct Sketch {
  std::array<uint32_t, kSketchBins> min;  // kEmptyBin where no shingle fell
  uint32_t shingles = 0;                  // shingles hashed (with repeats)
};

// The shingle hashes of `words` (KGramHashes with k = kShingleWords).
void ShingleHashes(std::span<const uint64_t> words, std::vector<uint64_t>* out);

// The sketch of those shingles.
Sketch SketchOf(std::span<const uint64_t> shingles);

// The 64-bit key under which (bin, minimum) is indexed.
uint64_t SketchKey(int bin, uint32_t min);

}  // namespace winnow::corpus
