#include "corpus/kgram.h"

namespace winnow::corpus {

void KGramHashes(std::span<const uint64_t> words, int k, std::vector<uint64_t>* out) {
  out->clear();
  const size_t n = words.size();
  const size_t kk = static_cast<size_t>(k);
  if (n < kk) return;
  out->reserve(n - kk + 1);
  uint64_t top = 1;  // KGramBase()^(k-1)
  for (size_t i = 1; i < kk; ++i) top *= KGramBase();
  uint64_t h = 0;
  for (size_t i = 0; i < kk; ++i) h = h * KGramBase() + words[i];
  out->push_back(KGramMix(h));
  for (size_t i = kk; i < n; ++i) {
    h = (h - words[i - kk] * top) * KGramBase() + words[i];
    out->push_back(KGramMix(h));
  }
}

void Winnow(std::span<const uint64_t> kgrams, int w, std::vector<Fingerprint>* out) {
  out->clear();
  const size_t n = kgrams.size();
  if (n == 0) return;
  const size_t ww = static_cast<size_t>(w);
  // Monotonic deque of positions whose hashes increase strictly from the
  // front; the front is the rightmost minimum of the current window.
  std::vector<uint32_t> deque(n);
  size_t head = 0, tail = 0;
  int64_t last = -1;
  for (size_t i = 0; i < n; ++i) {
    while (tail > head && kgrams[deque[tail - 1]] >= kgrams[i]) --tail;
    deque[tail++] = static_cast<uint32_t>(i);
    if (i + 1 >= ww) {
      while (deque[head] + ww <= i) ++head;
    }
    if (i + 1 >= ww || i + 1 == n) {
      const uint32_t m = deque[head];
      if (static_cast<int64_t>(m) != last && kgrams[m] != kExcluded) {
        out->push_back({kgrams[m], m});
        last = m;
      }
    }
  }
}

}  // namespace winnow::corpus
