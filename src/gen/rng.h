// Rng: the generator's only source of randomness, a xoshiro256** stream
// seeded through splitmix64. Every conversation, work and user draws from its
// own stream, seeded by StreamSeed(seed, stream, index), so an item's content
// depends only on the arguments and its index, never on the items before it.
// No clock, no std::random_device. Not thread-safe; one Rng per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace winnow::gen {

inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The seed of item `index` of stream `stream` under the user's seed.
inline uint64_t StreamSeed(uint64_t seed, uint64_t stream, uint64_t index) {
  uint64_t s = seed;
  uint64_t a = SplitMix64(&s) ^ (stream * 0xd1b54a32d192ed03ULL);
  uint64_t b = SplitMix64(&a) ^ (index * 0x8cb92ba72f3d8dd7ULL);
  return SplitMix64(&b);
}

// Stream numbers: fixed forever, so a given seed keeps giving the same data.
enum Stream : uint64_t {
  kStreamWork = 1,
  kStreamWorkRoot = 2,
  kStreamConversation = 3,
  kStreamUser = 4,
  kStreamCorrupt = 5,
  kStreamWorkText = 6,
  kStreamConversationId = 7,
  kStreamNodes = 8,
};

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& w : s_) w = SplitMix64(&seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n). REQUIRES: n > 0.
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }
  // Uniform in [lo, hi], both inclusive. REQUIRES: lo <= hi.
  int Range(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1))); }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  // A digit character '0'..'9'.
  char Digit() { return static_cast<char>('0' + Below(10)); }

  template <typename T>
  const T& Pick(std::span<const T> items) { return items[Below(static_cast<uint32_t>(items.size()))]; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) { return items[Below(static_cast<uint32_t>(N))]; }

  // Index drawn from cumulative-free weights (small tables only).
  template <size_t N>
  size_t Weighted(const double (&weights)[N]) {
    double total = 0;
    for (double w : weights) total += w;
    double r = Uniform() * total;
    for (size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return N - 1;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace winnow::gen
