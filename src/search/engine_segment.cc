#include "search/engine_segment.h"

#include "search/engine_text.h"

namespace winnow::search::internal {

bool IsWordStart(std::string_view t, size_t pos, uint8_t cls) {
  if (cls == kCjk) return true;
  bool marks = false;
  while (pos > 0) {
    const uint8_t prev = ClassOf(PrevCp(t, &pos));
    if (prev == kSep) return !marks;  // marks after a separator start a word
    if (prev == kLetter) return false;
    if (prev == kCjk) return cls == kLetter;  // marks attach to the CJK character
    if (cls == kMark) return false;
    marks = true;
  }
  return !marks;
}

size_t WordEndFrom(std::string_view t, size_t pos) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  size_t i = pos;
  if (ClassOf(NextCp(t, &i)) == kCjk) {
    while (i < n) {
      size_t j = i;
      if (ClassOf(NextCp(t, &j)) != kMark) break;
      i = j;
    }
    return i;
  }
  while (i < n) {
    if (s[i] < 0x80) {
      if (!IsAsciiAlnum(s[i])) break;
      ++i;
      continue;
    }
    size_t j = i;
    const uint8_t k = ClassOf(NextCpSlow(s, n, &j));
    if (k != kLetter && k != kMark) break;
    i = j;
  }
  return i;
}

size_t WordStartContaining(std::string_view t, size_t pos) {
  size_t i = pos;
  const uint8_t c0 = ClassOf(NextCp(t, &i));
  if (c0 == kCjk) return pos;
  constexpr size_t kNone = ~size_t{0};
  size_t first_letter = c0 == kLetter ? pos : kNone;
  size_t earliest = pos;
  size_t q = pos;
  while (q > 0) {
    const uint8_t prev = ClassOf(PrevCp(t, &q));
    if (prev == kSep) return earliest;
    if (prev == kCjk) return first_letter != kNone ? first_letter : q;
    if (prev == kLetter) first_letter = q;
    earliest = q;
  }
  return earliest;
}

bool NextWord(std::string_view t, size_t pos, size_t* ws, size_t* we) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  while (pos < n) {
    if (s[pos] < 0x80) {
      if (IsAsciiAlnum(s[pos])) break;
      ++pos;
      continue;
    }
    size_t j = pos;
    if (ClassOf(NextCpSlow(s, n, &j)) != kSep) break;
    pos = j;
  }
  if (pos >= n) return false;
  *ws = pos;
  *we = WordEndFrom(t, pos);
  return true;
}

bool PrevWord(std::string_view t, size_t pos, size_t* ws, size_t* we) {
  size_t start = pos;
  while (pos > 0) {
    start = pos;
    if (ClassOf(PrevCp(t, &start)) != kSep) break;
    pos = start;
  }
  if (pos == 0) return false;
  *we = pos;
  *ws = WordStartContaining(t, start);
  return true;
}

void SplitWords(std::string_view t, std::vector<uint32_t>* starts, std::vector<uint32_t>* ends) {
  starts->clear();
  ends->clear();
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  enum : uint8_t { kNone, kInWord, kInCjk } state = kNone;
  size_t i = 0;
  while (i < n) {
    const auto at = static_cast<uint32_t>(i);
    uint8_t cls;
    if (s[i] < 0x80) {
      cls = IsAsciiAlnum(s[i]) ? kLetter : kSep;
      ++i;
    } else {
      cls = ClassOf(NextCpSlow(s, n, &i));
    }
    switch (cls) {
      case kSep:
        if (state != kNone) ends->push_back(at);
        state = kNone;
        break;
      case kCjk:
        if (state != kNone) ends->push_back(at);
        starts->push_back(at);
        state = kInCjk;
        break;
      case kMark:
        if (state == kNone) {
          starts->push_back(at);
          state = kInWord;
        }
        break;
      default:  // kLetter
        if (state != kInWord) {
          if (state != kNone) ends->push_back(at);
          starts->push_back(at);
          state = kInWord;
        }
        break;
    }
  }
  if (state != kNone) ends->push_back(static_cast<uint32_t>(n));
}

}  // namespace winnow::search::internal
