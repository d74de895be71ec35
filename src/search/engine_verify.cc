// TermMatcher: verifying the candidates of the scan exactly (word
// boundaries, folded comparison, the other words of a phrase) by walking
// the field's original text from the candidate (engine_segment.h).
#include <string_view>

#include "search/engine_internal.h"

namespace winnow::search {

using internal::Anchor;
using internal::Consumer;
using internal::Leaf;

namespace {

// Fast paths for phrases of ASCII words in ASCII text. Each returns 1 when
// the ASCII word `w` (lowercase letters and digits) is the next (previous)
// word, 0 when it is not, and -1 when a byte >= 0x80 leaves it to the
// general path (a mark, a non-ASCII letter such as KELVIN SIGN, a
// non-ASCII separator).
inline bool AsciiEq(uint8_t text, char pattern) {
  const auto p = static_cast<uint8_t>(pattern);
  return text == p || (p >= 'a' && text == p - 32);
}

int NextAsciiWord(const uint8_t* t, size_t n, size_t pos, std::string_view w, size_t* end) {
  const size_t from = pos;
  while (pos < n && t[pos] < 0x80 && !internal::IsAsciiAlnum(t[pos])) ++pos;
  if (pos == n) return 0;
  if (t[pos] >= 0x80 || pos == from) return -1;
  if (n - pos < w.size()) return 0;
  for (size_t i = 0; i < w.size(); ++i) {
    if (!AsciiEq(t[pos + i], w[i])) return t[pos + i] >= 0x80 ? -1 : 0;
  }
  const size_t e = pos + w.size();
  if (e < n && t[e] >= 0x80) return -1;
  if (e < n && internal::IsAsciiAlnum(t[e])) return 0;
  *end = e;
  return 1;
}

int PrevAsciiWord(const uint8_t* t, size_t pos, std::string_view w, size_t* start) {
  const size_t to = pos;
  while (pos > 0 && t[pos - 1] < 0x80 && !internal::IsAsciiAlnum(t[pos - 1])) --pos;
  if (pos == 0) return 0;
  if (t[pos - 1] >= 0x80 || pos == to) return -1;
  if (pos < w.size()) return 0;
  const size_t s = pos - w.size();
  for (size_t i = w.size(); i-- > 0;) {
    if (!AsciiEq(t[s + i], w[i])) return t[s + i] >= 0x80 ? -1 : 0;
  }
  if (s > 0 && t[s - 1] >= 0x80) return -1;
  if (s > 0 && internal::IsAsciiAlnum(t[s - 1])) return 0;
  *start = s;
  return 1;
}

}  // namespace

// The fragment of word `anchor` of the leaf was found at original bytes
// [s, e): find that word, check it, then the words before and after it.
void TermMatcher::Impl::VerifyPhrase(uint32_t leaf_index, const Consumer& c, size_t s, size_t e) {
  const Leaf& leaf = ts_.leaves[leaf_index];
  const auto& words = leaf.words;
  const std::string_view t = text_;
  const auto* bytes = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  const auto anchor = static_cast<size_t>(leaf.anchor);
  size_t ws = s, we = e;
  if (c.anchor == Anchor::kWholeWord && c.ascii_word && (s == 0 || bytes[s - 1] < 0x80) &&
      (e == n || bytes[e] < 0x80)) {
    // An ASCII word with ASCII (or no) neighbours: bytes decide.
    if ((s > 0 && internal::IsAsciiAlnum(bytes[s - 1])) || (e < n && internal::IsAsciiAlnum(bytes[e])))
      return;
  } else {
    const uint8_t cls = internal::ClassAt(t, s);
    if (cls == internal::kSep) return;  // a separator folding into a letter
    switch (c.anchor) {
      case Anchor::kWholeWord:
        // The fragment is the folded word itself: only its bounds remain.
        if (!internal::IsWordStart(t, s, cls) || internal::WordEndFrom(t, s) != e) return;
        break;
      case Anchor::kWordStart:
        if (!internal::IsWordStart(t, s, cls)) return;
        we = internal::WordEndFrom(t, s);
        if (we < e || !internal::MatchWord(words[anchor], t.substr(ws, we - ws), &words_)) return;
        break;
      case Anchor::kInside:
        ws = internal::WordStartContaining(t, s);
        we = internal::WordEndFrom(t, ws);
        if (we < e || !internal::MatchWord(words[anchor], t.substr(ws, we - ws), &words_)) return;
        break;
    }
  }
  size_t start = ws, end = we;
  for (size_t j = anchor; j-- > 0;) {
    const internal::CompiledWord& w = words[j];
    if (!w.ascii.empty()) {
      const int r = PrevAsciiWord(bytes, start, w.ascii, &start);
      if (r == 0) return;
      if (r == 1) continue;
    }
    size_t a, b;
    if (!internal::PrevWord(t, start, &a, &b) || !internal::MatchWord(w, t.substr(a, b - a), &words_)) return;
    start = a;
  }
  for (size_t j = anchor + 1; j < words.size(); ++j) {
    const internal::CompiledWord& w = words[j];
    if (!w.ascii.empty()) {
      const int r = NextAsciiWord(bytes, n, end, w.ascii, &end);
      if (r == 0) return;
      if (r == 1) continue;
    }
    size_t a, b;
    if (!internal::NextWord(t, end, &a, &b) || !internal::MatchWord(w, t.substr(a, b - a), &words_)) return;
    end = b;
  }
  AddSpan(leaf_index, field_, start, end);
}

// A leaf without a usable fragment: try it at every word.
void TermMatcher::Impl::ScanAllWords(uint32_t leaf_index) {
  const Leaf& leaf = ts_.leaves[leaf_index];
  const size_t n = leaf.words.size();
  for (uint32_t f = 0; f < doc_->fields.size(); ++f) {
    if (!FieldAllowed(leaf, f)) continue;
    const std::string_view t = doc_->fields[f].text;
    const FieldState& fs = Words(f);
    for (size_t i = 0; i + n <= fs.word_starts.size(); ++i) {
      bool ok = true;
      for (size_t j = 0; ok && j < n; ++j) {
        const uint32_t a = fs.word_starts[i + j], b = fs.word_ends[i + j];
        ok = internal::MatchWord(leaf.words[j], t.substr(a, b - a), &words_);
      }
      if (ok) AddSpan(leaf_index, f, fs.word_starts[i], fs.word_ends[i + n - 1]);
    }
  }
}

}  // namespace winnow::search
