#include "corpus/kgram.h"

namespace winnow::corpus {
namespace {

// An odd 64-bit multiplier for the polynomial rolling hash (mod 2^64).
constexpr uint64_t kBase = 0x9E3779B97F4A7C15ULL;

// murmur3's finalizer: the rolling sum is linear, so it is mixed before the
// minimum is taken (winnowing needs hashes that look uniform).
inline uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

void KGramHashes(std::span<const uint64_t> words, int k, std::vector<uint64_t>* out) {
  out->clear();
  const size_t n = words.size();
  const size_t kk = static_cast<size_t>(k);
  if (n < kk) return;
  out->reserve(n - kk + 1);
  uint64_t top = 1;  // kBase^(k-1)
  for (size_t i = 1; i < kk; ++i) top *= kBase;
  uint64_t h = 0;
  for (size_t i = 0; i < kk; ++i) h = h * kBase + words[i];
  out->push_back(Mix(h));
  for (size_t i = kk; i < n; ++i) {
    h = (h - words[i - kk] * top) * kBase + words[i];
    out->push_back(Mix(h));
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
