// StableHash64: a fast 64-bit hash whose value never changes between runs,
// builds or machines (FNV-1a with a murmur3 finalizer), for routing records
// to shards and fingerprinting ids. Not a cryptographic hash.
#pragma once

#include <cstdint>
#include <string_view>

namespace winnow {

// MurmurHash3's 64-bit finalizer (fmix64): a bijection that spreads every
// input bit over the output. Part of several on-disk hashes: never change.
inline uint64_t Fmix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline uint64_t StableHash64(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return Fmix64(h);
}

}  // namespace winnow
