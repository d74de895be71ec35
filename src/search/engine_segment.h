// Word segmentation of query.h walked from any position of a field's
// original text, forwards or backwards, so that a candidate is verified
// without splitting the whole field: a word is a run of letters, numbers
// and marks, except that each Han/Hiragana/Katakana letter or number, with
// the marks after it, is a word by itself; a mark after a separator starts
// a word. Positions are byte offsets at code-point boundaries.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace winnow::search::internal {

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

}  // namespace winnow::search::internal
