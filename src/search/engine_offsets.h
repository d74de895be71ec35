// Offsets between a field, its folded copy and code points: the copy that
// the candidate scan reads when a field holds characters that folding
// changes, the way back to the field's bytes, and byte-to-code-point
// conversion for the spans reported.
//
// Thread safety: objects belong to one thread (a matcher's per-field state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::search::internal {

// A copy of a field with every non-ASCII code point folded (ASCII keeps its
// case, which the scan ignores; ill-formed bytes become 0xFF, which never
// matches a literal), and the way back to the field's byte offsets. Folding
// keeps the number of code points, not of bytes.
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

// Byte offset -> code-point offset of one field. The field is scanned 32
// bytes at a time, only as far as the offsets asked for: the continuation
// bytes before each block (in well-formed UTF-8 every other byte starts a
// code point), checking that the sequences are well-formed. A field with an
// ill-formed sequence (each maximal ill-formed subpart is one code point)
// gets a table per byte instead.
class CpIndex {
 public:
  void Reset(std::string_view t);
  // Code points that start before byte offset b (b <= size).
  uint32_t At(size_t b);

 private:
  static constexpr size_t kBlock = 32;
  void Extend(size_t block);  // scans up to the start of `block`
  void BuildPerByte();

  const uint8_t* s_ = nullptr;
  size_t n_ = 0;
  bool well_formed_ = true;
  size_t next_ = 0;               // end of the last sequence checked
  std::vector<uint32_t> blocks_;  // [k]: continuation bytes in [0, k * kBlock)
  std::vector<uint32_t> per_byte_;  // ill-formed fields
};

}  // namespace winnow::search::internal
