// Text primitives of the search engine: the word definition of query.h
// (character classes, simple case folding) and UTF-8 decoding that treats
// each ill-formed sequence (maximal subpart, as ICU's U8_NEXT) as one
// separator. Segmentation is in engine_segment.h, the folded copy and
// code-point offsets in engine_offsets.h.
//
// Thread safety: the tables are immutable after first use (function-local
// statics); everything else works on caller-owned values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::search::internal {

enum WordClass : uint8_t { kSep = 0, kLetter = 1, kMark = 2, kCjk = 3 };

// What the decoders return for an ill-formed sequence (a separator).
inline constexpr uint32_t kBadCp = 0xFFFFFFFFu;

// Classes of U+0000..U+2FFFF (planes 0-2), built from ICU on first use.
inline constexpr uint32_t kClassTableSize = 0x30000;
const uint8_t* ClassTable();
uint8_t ComputeClass(uint32_t c);  // any value; kBadCp and non-scalars are kSep

inline bool IsAsciiAlnum(uint8_t b) {
  return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

inline uint8_t ClassOf(uint32_t c) {
  if (c < 0x80) return IsAsciiAlnum(static_cast<uint8_t>(c)) ? kLetter : kSep;
  if (c < kClassTableSize) return ClassTable()[c];
  return ComputeClass(c);
}

// Simple case folding (u_foldCase(c, U_FOLD_CASE_DEFAULT)); kBadCp stays.
const uint16_t* BmpFoldTable();
uint32_t FoldSupplementary(uint32_t c);
inline uint32_t Fold(uint32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c < 0x10000) return BmpFoldTable()[c];
  return FoldSupplementary(c);
}

// Decodes the code point at *i (< n) and advances *i past it, or past the
// maximal ill-formed subpart, returning kBadCp.
uint32_t NextCpSlow(const uint8_t* s, size_t n, size_t* i);
inline uint32_t NextCp(std::string_view t, size_t* i) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  if (s[*i] < 0x80) return s[(*i)++];
  return NextCpSlow(s, t.size(), i);
}

// Decodes the code point that ends at *i (> 0) and moves *i to its start.
// When the bytes before *i are not one well-formed sequence ending there,
// moves back one byte and returns kBadCp. REQUIRES: *i is a code-point
// boundary of the forward decoding or inside an ill-formed subpart.
uint32_t PrevCpSlow(const uint8_t* s, size_t* i);
inline uint32_t PrevCp(std::string_view t, size_t* i) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  if (s[*i - 1] < 0x80) return s[--*i];
  return PrevCpSlow(s, i);
}

inline uint8_t ClassAt(std::string_view t, size_t i) {
  if (i >= t.size()) return kSep;
  return ClassOf(NextCp(t, &i));
}

// Finds the fields whose candidate scan needs the folded copy: those holding
// a character that folding changes into one that the scan's fragments
// contain (e.g. KELVIN SIGN when a fragment has `k`, `Ж` when one has `ж`).
// Elsewhere the copy equals the field up to ASCII case, which the scan
// ignores. Only characters whose first bytes can start such a character are
// decoded.
class FoldFilter {
 public:
  // targets: the folded code points of every fragment.
  void Build(const std::vector<uint32_t>& targets);
  // Also sets *ascii: whether t is all ASCII (when it returns false).
  bool Matches(std::string_view t, bool* ascii) const;

 private:
  bool Changes(const uint8_t* s, size_t n, size_t j) const;

  bool lead_[256] = {};
  bool second_[16][64] = {};  // three-byte sequences: [first - 0xE0][second - 0x80]
  std::vector<bool> target_;  // by code point
};
void AppendUtf8(uint32_t c, std::string* out);

// Decodes and folds a whole word (or pattern) into code points.
void FoldToCps(std::string_view t, std::u32string* out);
// The same, encoded as UTF-8.
void FoldToUtf8(std::string_view t, std::string* out);

}  // namespace winnow::search::internal
