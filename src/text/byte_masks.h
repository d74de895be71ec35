// Classifies 64 bytes of text at once for the tokenizer's fast path: which
// bytes are ASCII letters or digits, and which need a closer look (any byte
// >= 0x80, line breaks \n \v \f \r, and ' & < ]). Every other byte is a
// plain separator. With AVX2 (x86-64-v3, the project default) this is a
// nibble-table lookup of two 32-byte vectors; otherwise a table loop.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>

#include "text/char_class.h"

#ifdef __AVX2__
#include <immintrin.h>
#endif

namespace winnow::text::internal {

struct ByteMasks {
  uint64_t alnum;    // bit k: p[k] is [0-9A-Za-z]
  uint64_t special;  // bit k: p[k] may be markup, a break, a joiner or non-ASCII
};

#ifdef __AVX2__
// flags = kLow[c & 15] & kHigh[c >> 4]; bits 0-2 mean alnum, bits 3-6
// special ASCII (bytes >= 0x80 come from the sign bit):
//   bit 0: 0x30-0x39   bit 1: 0x41-0x4F, 0x61-0x6F   bit 2: 0x50-0x5A, 0x70-0x7A
//   bit 3: 0x0A-0x0D   bit 4: 0x26-0x27   bit 5: 0x3C   bit 6: 0x5D
inline uint32_t MaskNonZero(__m256i v) {
  return ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_setzero_si256())));
}

inline void Classify32(const uint8_t* p, uint32_t* alnum, uint32_t* special) {
  // clang-format off
  const __m256i low = _mm256_setr_epi8(
      0x05, 0x07, 0x07, 0x07, 0x07, 0x07, 0x17, 0x17, 0x07, 0x07, 0x0E, 0x0A, 0x2A, 0x4A, 0x02, 0x02,
      0x05, 0x07, 0x07, 0x07, 0x07, 0x07, 0x17, 0x17, 0x07, 0x07, 0x0E, 0x0A, 0x2A, 0x4A, 0x02, 0x02);
  const __m256i high = _mm256_setr_epi8(
      0x08, 0x00, 0x10, 0x21, 0x02, 0x44, 0x02, 0x04, 0, 0, 0, 0, 0, 0, 0, 0,
      0x08, 0x00, 0x10, 0x21, 0x02, 0x44, 0x02, 0x04, 0, 0, 0, 0, 0, 0, 0, 0);
  // clang-format on
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i lo = _mm256_and_si256(v, nibble);
  const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
  const __m256i flags =
      _mm256_and_si256(_mm256_shuffle_epi8(low, lo), _mm256_shuffle_epi8(high, hi));
  *alnum = MaskNonZero(_mm256_and_si256(flags, _mm256_set1_epi8(0x07)));
  *special = MaskNonZero(_mm256_and_si256(flags, _mm256_set1_epi8(0x78))) |
             static_cast<uint32_t>(_mm256_movemask_epi8(v));
}

// REQUIRES: p[0..64) readable.
inline ByteMasks Classify64(const uint8_t* p) {
  uint32_t a0, s0, a1, s1;
  Classify32(p, &a0, &s0);
  Classify32(p + 32, &a1, &s1);
  return {a0 | (uint64_t{a1} << 32), s0 | (uint64_t{s1} << 32)};
}
#else
// REQUIRES: p[0..64) readable.
inline ByteMasks Classify64(const uint8_t* p) {
  ByteMasks m{0, 0};
  for (int k = 0; k < 64; ++k) {
    const uint8_t kind = KindOfByte(p[k]);
    if (kind == kByteAlnum)
      m.alnum |= uint64_t{1} << k;
    else if (kind != kByteSep)
      m.special |= uint64_t{1} << k;
  }
  return m;
}
#endif

}  // namespace winnow::text::internal
