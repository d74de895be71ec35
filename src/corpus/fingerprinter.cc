#include "corpus/fingerprinter.h"

#include <bit>

namespace winnow::corpus {

void FingerprintWords(std::span<const uint64_t> words, int k, int w, const CommonSet& exclude,
                      std::vector<Fingerprint>* out) {
  out->clear();
  const size_t n = words.size(), kk = static_cast<size_t>(k), ww = static_cast<size_t>(w);
  if (n < kk) return;
  // The k-gram hashes first, so that the excluded set is probed with its
  // cache misses overlapping (CommonSet::Exclude), then the winnowing.
  thread_local std::vector<uint64_t> kgrams;
  KGramHashes(words, k, &kgrams);
  exclude.Exclude(&kgrams);
  const size_t m = kgrams.size();
  // The monotonic deque of Winnow, as a ring of w + 1 slots (rounded up to
  // a power of two): a window never holds more than w positions.
  thread_local std::vector<Fingerprint> ring;
  const size_t cap = std::bit_ceil(ww + 1), mask = cap - 1;
  ring.resize(cap);
  size_t head = 0, size = 0;
  int64_t last = -1;
  for (size_t i = 0; i < m; ++i) {
    const uint64_t kg = kgrams[i];
    while (size > 0 && ring[(head + size - 1) & mask].hash >= kg) --size;
    ring[(head + size) & mask] = {kg, static_cast<uint32_t>(i)};
    ++size;
    if (i + 1 >= ww) {
      while (ring[head].pos + ww <= i) {
        head = (head + 1) & mask;
        --size;
      }
    }
    if (i + 1 >= ww || i + 1 == m) {
      const Fingerprint& front = ring[head];
      if (static_cast<int64_t>(front.pos) != last && front.hash != kExcluded) out->push_back(front);
      last = front.pos;
    }
  }
}

}  // namespace winnow::corpus
