#include "corpus/fingerprinter.h"

#include <bit>

namespace winnow::corpus {

void FingerprintWords(std::span<const uint64_t> words, int k, int w, const CommonSet& exclude,
                      std::vector<Fingerprint>* out) {
  out->clear();
  const size_t n = words.size(), kk = static_cast<size_t>(k), ww = static_cast<size_t>(w);
  if (n < kk) return;
  const size_t m = n - kk + 1;  // k-grams
  // The monotonic deque of Winnow, as a ring of w + 1 slots: a window never
  // holds more than w positions.
  thread_local std::vector<Fingerprint> ring;
  const size_t cap = std::bit_ceil(ww + 1), mask = cap - 1;
  ring.resize(cap);
  size_t head = 0, size = 0;
  uint64_t top = 1;
  for (size_t i = 1; i < kk; ++i) top *= KGramBase();
  uint64_t h = 0;
  for (size_t i = 0; i + 1 < kk; ++i) h = h * KGramBase() + words[i];
  int64_t last = -1;
  for (size_t i = 0; i < m; ++i) {
    // Roll in word i + k - 1 (and out word i - 1).
    if (i > 0) h -= words[i - 1] * top;
    h = h * KGramBase() + words[i + kk - 1];
    uint64_t kg = KGramMix(h);
    if (exclude.Contains(kg)) kg = kExcluded;
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
