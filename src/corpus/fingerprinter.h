// FingerprintWords: the fingerprints of a word sequence, the hot
// path of both the index build and the matcher. Equivalent to KGramHashes,
// then CommonSet::Exclude, then Winnow (kgram.h), which stay the readable
// reference (a test checks that the two agree), but without the
// per-call allocations. Thread-safe; uses thread-local buffers.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "corpus/common_set.h"
#include "corpus/kgram.h"

namespace winnow::corpus {

// Clears *out and appends the winnowed fingerprints of the k-grams of
// `words` that are not in `exclude`. REQUIRES: 1 <= k, 1 <= w <= 1024.
void FingerprintWords(std::span<const uint64_t> words, int k, int w, const CommonSet& exclude,
                      std::vector<Fingerprint>* out);

}  // namespace winnow::corpus
