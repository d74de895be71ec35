// Hashed word k-grams and winnowing (Schleimer, Wilkerson and Aiken,
// "Winnowing: local algorithms for document fingerprinting", SIGMOD 2003).
//
// KGramHashes turns word hashes into one hash per k consecutive words;
// Winnow keeps the minimum of every window of w consecutive k-grams (the
// rightmost one on ties, recorded once while it stays the minimum). Two texts
// that share a run of at least t = w + k - 1 words share at least one
// selected fingerprint, because the windows inside that run are identical in
// both. Values never change between runs or machines: they are stored in
// corpus indexes. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "util/hash.h"

namespace winnow::corpus {

struct Fingerprint {
  uint64_t hash;
  uint32_t pos;  // index of the k-gram's first word
};

// The rolling hash's base and the finalizer applied to each k-gram's sum
// (exposed for FingerprintWords, which fuses the steps below).
inline constexpr uint64_t KGramBase() { return 0x9E3779B97F4A7C15ULL; }
inline uint64_t KGramMix(uint64_t h) { return Fmix64(h); }

// Clears *out; appends words.size() - k + 1 hashes (none if fewer words).
// REQUIRES: k >= 1.
void KGramHashes(std::span<const uint64_t> words, int k, std::vector<uint64_t>* out);

// A k-gram hash that never becomes a fingerprint: ExcludeCommon writes it
// over the k-grams of the index's common set, so that winnowing picks the
// least non-common k-gram of each window instead (as MOSS does), and the
// guarantee holds for every run of t words that is not all common phrases.
inline constexpr uint64_t kExcluded = ~uint64_t{0};

// Clears *out; appends the winnowed fingerprints of `kgrams` in position
// order, skipping kExcluded. A text with fewer than w k-grams (but at least
// one) yields its minimum, so short texts still get a fingerprint.
// REQUIRES: w >= 1.
void Winnow(std::span<const uint64_t> kgrams, int w, std::vector<Fingerprint>* out);

}  // namespace winnow::corpus
