// Text primitives of the search engine: the word definition of query.h
// (character classes, simple case folding), UTF-8 decoding that treats each
// ill-formed sequence (maximal subpart, as ICU's U8_NEXT) as one separator,
// word segmentation walked forwards and backwards from any position, a
// folded copy of a field for the candidate scan, and byte-to-code-point
// offsets.
//
// Segmentation (query.h): a word is a run of letters, numbers and marks,
// except that each Han/Hiragana/Katakana letter or number, with the marks
// after it, is a word by itself; a mark after a separator starts a word.
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

bool IsAscii(std::string_view t);

// What the candidate scan needs for a field: nothing (ASCII), nothing either
// when no character changes under folding (Hyperscan's caseless bytes are
// then exact), else a folded copy.
enum class FieldKind : uint8_t { kAscii, kFoldStable, kNeedsFold };
struct FieldInfo {
  FieldKind kind = FieldKind::kAscii;
  bool well_formed = true;
  size_t first_non_ascii = 0;  // offset of the first byte >= 0x80 (size when none)
};
FieldInfo ClassifyField(std::string_view t);
void AppendUtf8(uint32_t c, std::string* out);

// Decodes and folds a whole word (or pattern) into code points.
void FoldToCps(std::string_view t, std::u32string* out);
// The same, encoded as UTF-8.
void FoldToUtf8(std::string_view t, std::string* out);

// --- Segmentation on the original text. `pos` values are code-point
// boundaries. ---

// True when the word character (class `cls`) at `pos` starts a word.
bool IsWordStart(std::string_view t, size_t pos, uint8_t cls);
// End of the word that starts at `pos`. REQUIRES: a word starts at pos.
size_t WordEndFrom(std::string_view t, size_t pos);
// Start of the word that holds the word character at `pos`.
size_t WordStartContaining(std::string_view t, size_t pos);
// The first word at or after `pos` with only separators before it.
bool NextWord(std::string_view t, size_t pos, size_t* ws, size_t* we);
// The last word ending at or before `pos` with only separators after it.
// REQUIRES: pos is a word start, a word end or inside separators.
bool PrevWord(std::string_view t, size_t pos, size_t* ws, size_t* we);

// Every word of t as [start, end) byte ranges, in order.
void SplitWords(std::string_view t, std::vector<uint32_t>* starts, std::vector<uint32_t>* ends);

// A copy of a field with every code point folded (ill-formed bytes become
// 0xFF, which never matches a literal), and the way back to the field's
// byte offsets. Folding keeps the number of code points, not of bytes.
class FoldedText {
 public:
  void Build(std::string_view t);
  std::string_view bytes() const { return bytes_; }
  // Offset in the original of a code-point boundary of the copy.
  size_t ToOriginal(size_t folded) const;

 private:
  void BuildFrom(std::string_view t, size_t from);

  std::string bytes_;
  // (offset in the copy after a code point whose length changed, original
  // offset minus copy offset from there on), increasing.
  std::vector<std::pair<uint32_t, int32_t>> shifts_;
};

// Continuation bytes (10xxxxxx) in s[from, to). In well-formed UTF-8 every
// other byte starts a code point.
uint32_t CountContinuation(const uint8_t* s, size_t from, size_t to);

// Byte offset -> code-point offset of a well-formed field, from counts of
// continuation bytes per block of 64 bytes, extended on demand.
class CpIndex {
 public:
  void Reset(std::string_view t, size_t first_non_ascii);
  // Code points that start before byte offset b (b <= size).
  uint32_t At(size_t b);

 private:
  static constexpr size_t kBlock = 64;
  const uint8_t* s_ = nullptr;
  size_t base_ = 0;  // first_non_ascii rounded down to a block: below it, bytes are code points
  std::vector<uint32_t> cont_;  // continuation bytes in [base_, base_ + k * kBlock)
};

// Byte offset -> code-point offset of a field with ill-formed sequences
// (each maximal ill-formed subpart is one code point).
class IllFormedCpIndex {
 public:
  void Build(std::string_view t);
  // Code points that start before byte offset b (b <= size).
  uint32_t At(size_t b) const { return cp_[b]; }

 private:
  std::vector<uint32_t> cp_;
};

}  // namespace winnow::search::internal
