// Copying a passage of a work into chat text, verbatim or edited the way
// model outputs and user pastes differ from the source: case, quotation
// marks, punctuation, line breaks, markdown wrapping, and word
// substitutions, insertions and deletions at a given rate. The first and last
// words of a passage are never edited away, so the copy's span (first
// character of the first word to last character of the last word) always
// corresponds to the work span of the same words. Pure functions of the Rng.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gen/rng.h"

namespace winnow::gen {

// A whitespace-separated word of a work: bytes [begin, end) of its text.
struct WorkToken {
  uint32_t begin;
  uint32_t end;
  bool paragraph_before;  // a blank line separates it from the previous word
};
void TokenizeWork(std::string_view text, std::vector<WorkToken>* tokens);

enum class CaseEdit : uint8_t { kKeep, kUpper, kLower };
enum class QuoteEdit : uint8_t { kKeep, kStraight, kCurly };
enum class BreakEdit : uint8_t { kKeep, kJoin, kWrap, kSingle };
enum class Markup : uint8_t { kNone, kBullets, kBlockquote, kBold, kNumbered, kItalic };

struct CopyStyle {
  CaseEdit case_edit = CaseEdit::kKeep;
  QuoteEdit quotes = QuoteEdit::kKeep;
  bool drop_commas = false;
  BreakEdit breaks = BreakEdit::kKeep;
  Markup markup = Markup::kNone;
  double edit_rate = 0;  // share of interior words substituted, inserted or deleted

  bool verbatim() const {
    return case_edit == CaseEdit::kKeep && quotes == QuoteEdit::kKeep && !drop_commas &&
           breaks == BreakEdit::kKeep && markup == Markup::kNone && edit_rate == 0;
  }
  // "verbatim", or the edits joined by '+', e.g. "upper+wrap+bullets+words".
  std::string Name() const;
};

// Draws a style: about a third verbatim, the rest a random mix of edits with
// an edit rate from `edit_rates`.
CopyStyle ChooseCopyStyle(std::span<const double> edit_rates, Rng* rng);

struct CopyResult {
  size_t begin = 0;  // byte offsets in *out of the first word's first byte
  size_t end = 0;    // and one past the last word's last byte
  int substitutions = 0;
  int insertions = 0;
  int deletions = 0;
};

// Appends words [first, last] of `text` (tokens from TokenizeWork) to *out
// rendered in `style`. REQUIRES: first <= last < tokens.size().
CopyResult AppendCopy(std::string_view text, std::span<const WorkToken> tokens, size_t first,
                      size_t last, const CopyStyle& style, Rng* rng, std::string* out);

}  // namespace winnow::gen
