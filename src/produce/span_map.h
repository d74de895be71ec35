// Positions through the two rewrites a produced text goes through: the
// de-identification (replacements are longer or shorter than what they
// replace) and, at the span level, the elision of everything but the
// matched spans and a few words around them. All positions are Unicode code
// points of one field, as the scan's spans are.
//
// Thread safety: values.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pii/operators.h"

namespace winnow::produce {

// From the original text of a field to its de-identified text.
class RedactionMap {
 public:
  // `records`: the field's redaction records, sorted by begin, not
  // overlapping (as Redactor::Apply writes them).
  explicit RedactionMap(std::span<const pii::RedactionRecord> records) : records_(records) {}
  // Where a span starting at `p` starts: a start inside a replaced value
  // moves to the start of its replacement.
  uint32_t Start(uint32_t p) const;
  // Where a span ending at `p` ends: an end inside a replaced value moves to
  // the end of its replacement.
  uint32_t End(uint32_t p) const;

 private:
  std::span<const pii::RedactionRecord> records_;
};

// A text with all but some windows cut out, each cut replaced by a marker
// "[... N characters elided ...]" that says how much it replaced.
struct Elision {
  struct Cut {
    uint32_t start = 0, end = 0;  // the marker, in the elided text
    uint32_t chars = 0;           // code points it stands for
  };
  struct Window {
    uint32_t in_start = 0, in_end = 0, out_start = 0;
  };
  std::string text;
  std::vector<Cut> cuts;
  std::vector<Window> windows;
  // The position in `text` of position `p` of the input; p must lie in a
  // window (or at its end). Returns UINT32_MAX otherwise.
  uint32_t Map(uint32_t p) const;
};

// Keeps `spans` of `text` (code-point ranges, any order, may overlap) and
// `words` words on each side of each, widened so no range of `protect`
// (replacements, which must stay whole) is cut; everything else becomes
// markers. No spans: the whole text is one marker (an empty text none).
Elision Elide(std::string_view text, std::vector<std::pair<uint32_t, uint32_t>> spans, int words,
              std::span<const std::pair<uint32_t, uint32_t>> protect);

// Byte offset of every code point of `text`, plus text.size() at the end.
std::vector<uint32_t> CodePointOffsets(std::string_view text);

}  // namespace winnow::produce
