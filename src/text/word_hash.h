// The word hash, in pieces the tokenizer's ASCII fast path can inline: it
// lower-cases and hashes a word of ASCII letters and digits 8 bytes at a
// time, straight from the text, with the same result as WordHash() of the
// lower-cased bytes. The function itself is specified in text/tokenizer.h
// (WordHash); its value is stored in on-disk indexes and must never change.
//
// Thread safety: pure functions.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "util/hash.h"

namespace winnow::text::internal {

inline constexpr uint64_t kHashSeed = 0x9E3779B97F4A7C15ULL;
inline constexpr uint64_t kHashMul = 0xA0761D6478BD642FULL;

// Bytes p[0..len) as a little-endian integer, len <= 8, the rest zero.
inline uint64_t LoadPartial(const uint8_t* p, size_t len) {
  uint64_t v = 0;
  for (size_t k = 0; k < len; ++k) v |= uint64_t{p[k]} << (8 * k);
  return v;
}

// Bytes p[0..8) as a little-endian integer.
inline uint64_t Load8(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

inline uint64_t HashBlock(uint64_t h, uint64_t block) {
  h = (h ^ block) * kHashMul;
  return h ^ (h >> 29);
}

// MurmurHash3's fmix64.
inline uint64_t HashFinish(uint64_t h) { return Fmix64(h); }

// In 8 bytes that are each an ASCII letter or digit (or zero), sets bit 5
// of every letter: letters have bit 6 set, digits and zero do not.
inline uint64_t LowerAlnum8(uint64_t v) { return v | ((v & 0x4040404040404040ULL) >> 1); }

// WordHash of the ASCII lower-casing of p[0..len), where every byte is an
// ASCII letter or digit and p[0..limit) is readable (limit >= len): reads
// whole 8-byte blocks when they fit below limit, and masks them.
inline uint64_t HashAsciiAlnumLower(const uint8_t* p, size_t len, size_t limit) {
  uint64_t h = kHashSeed ^ len;
  size_t k = 0;
  for (; k + 8 <= len; k += 8) h = HashBlock(h, LowerAlnum8(Load8(p + k)));
  const size_t rest = len - k;
  if (rest > 0) {
    uint64_t v = k + 8 <= limit ? Load8(p + k) & (~uint64_t{0} >> (64 - 8 * rest))
                                : LoadPartial(p + k, rest);
    h = HashBlock(h, LowerAlnum8(v));
  }
  return HashFinish(h);
}

// WordHash() of any bytes.
inline uint64_t HashBytes(const uint8_t* p, size_t len) {
  uint64_t h = kHashSeed ^ len;
  size_t k = 0;
  for (; k + 8 <= len; k += 8) h = HashBlock(h, Load8(p + k));
  if (k < len) h = HashBlock(h, LoadPartial(p + k, len - k));
  return HashFinish(h);
}

}  // namespace winnow::text::internal
