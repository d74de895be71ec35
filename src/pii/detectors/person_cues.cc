// The words around a name (person_cues.h), read from the text and looked
// up in the tables of person_cue_words.h.
#include "pii/detectors/person_cues.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <string>

#include "pii/detectors/person_cue_words.h"

namespace winnow::pii {
namespace {

// Appends a word of the text, folded for the tables (case, and ’ as '), to
// *out. ASCII words, nearly all of them, need no ICU and no allocation.
void AppendFolded(std::string_view w, std::string* out) {
  unsigned char high = 0;
  for (char c : w) high |= static_cast<unsigned char>(c);
  if (high < 0x80) {
    for (char c : w) out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    return;
  }
  thread_local std::string folded;
  FoldCase(w, &folded);
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 3, "\xE2\x80\x99") == 0) {
      out->push_back('\'');
      i += 2;
    } else {
      out->push_back(folded[i]);
    }
  }
}

std::string FoldWord(std::string_view w) {
  std::string out;
  AppendFolded(w, &out);
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }
bool IsBreak(char c) {
  return c == '\n' || c == '\r' || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
         c == '?' || c == '(' || c == ')' || c == '"' || c == '[' || c == ']';
}

// Up to four words before a position: as written (Nearest()), and folded
// and joined by spaces in text order, where From(k) is the phrase of words
// k... (the words nearest the name).
class WordsBefore {
 public:
  // Reads up to `max` (<= 4) words ending at t[end), stopping at a line
  // break or punctuation. Honorifics are skipped ("Dear Mr. Smith").
  // `fold`: also fold and join them (else only Nearest() is valid).
  WordsBefore(std::string_view t, size_t end, size_t max, bool fold = true);
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  std::string_view Nearest() const { return words_[0]; }
  std::string_view From(size_t k) const { return std::string_view(joined_).substr(start_[k]); }
  std::string_view Last() const { return From(count_ - 1); }

 private:
  static constexpr size_t kMax = 4;
  std::string& joined_;  // a per-thread buffer, reused
  std::string_view words_[kMax];  // nearest first
  size_t start_[kMax] = {};
  size_t count_ = 0;
};

std::string& JoinBuffer() {
  thread_local std::string buffer;
  return buffer;
}

WordsBefore::WordsBefore(std::string_view t, size_t end, size_t max, bool fold)
    : joined_(JoinBuffer()) {
  size_t n = 0;
  size_t i = end;
  max = std::min(max, kMax);
  while (n < max) {
    while (i > 0 && IsSpace(t[i - 1])) --i;
    if (i > 0 && t[i - 1] == '.' && n == 0) {
      // "Mr." before the name: skip the period of the honorific.
      size_t j = i - 1;
      while (j > 0 && i - j <= 16 && !IsSpace(t[j - 1]) && !IsBreak(t[j - 1])) --j;
      if (WordClass(t.substr(j, i - 1 - j)) != CueWord::kHonorific) break;
      i = j;
      continue;
    }
    size_t j = i;
    while (j > 0 && i - j <= 48 && !IsSpace(t[j - 1]) && !IsBreak(t[j - 1])) --j;
    if (j == i || i - j > 48) break;  // no word, or unspaced text: no phrase
    std::string_view w = t.substr(j, i - j);
    i = j;
    if (WordClass(w) == CueWord::kHonorific) continue;
    words_[n++] = w;
  }
  count_ = n;
  if (!fold) return;
  joined_.clear();
  for (size_t k = 0; k < n; ++k) {
    if (!joined_.empty()) joined_.push_back(' ');
    start_[k] = joined_.size();
    AppendFolded(words_[n - 1 - k], &joined_);
  }
}

// What the tables say of one word as written: its class and the PhraseBit
// bits of its fold. A pure function of the word, cached per thread for
// short words (the words around names repeat: "to", "with", "Hi").
struct WordFacts {
  CueWord cls = CueWord::kNone;
  uint8_t phrase = 0;
};

WordFacts ComputeFacts(std::string_view w) {
  const FoldedWord folded(w);
  WordFacts f;
  f.cls = WordClass(w, folded);
  if (w.find("\xE2\x80\x99") == std::string_view::npos) {
    f.phrase = CueTables::Get().phrases.Lookup(folded);
  } else {
    f.phrase = CueTables::Get().Phrase(FoldWord(w));
  }
  return f;
}

WordFacts Facts(std::string_view w) {
  using Cache = ShortWordCache<WordFacts, 1024>;
  thread_local const std::unique_ptr<Cache> cache = std::make_unique<Cache>();  // 32 KB: heap, not TLS
  if (w.empty() || w.size() > Cache::kMaxLength) return ComputeFacts(w);
  return cache->Get(w, ComputeFacts);
}

}  // namespace

CueWord WordClass(std::string_view word) { return Facts(word).cls; }

CueWord WordClass(std::string_view word, const FoldedWord& folded) {
  // Contractions are never names: "I'm", "Don't", "We'll".
  for (size_t a = word.find('\''); a != std::string_view::npos; a = std::string_view::npos) {
    std::string_view rest = word.substr(a + 1);
    if (rest.size() <= 2 && (rest == "t" || rest == "m" || rest == "ll" || rest == "ve" ||
                             rest == "re" || rest == "d" || rest == "s" || rest == "T" || rest == "M"))
      return CueWord::kStop;
  }
  const uint8_t c = CueTables::Get().words.Lookup(folded);
  if (c != 0) return static_cast<CueWord>(c);
  if (word.find("\xE2\x80\x99") != std::string_view::npos) return WordClass(FoldWord(word));
  return CueWord::kNone;
}

// True when the label word that ends at t[end) is a key of code or
// configuration, not a form's label: written in lower case ("name:") on a
// line that is indented or a YAML list item ("    - name: Checkout"), or
// inside a ``` fenced block. There its value is a step's, a role's or a
// package's name far more often than a person's (a person's full name
// still scores on the gazetteer alone).
bool CodeKey(std::string_view t, size_t end) {
  size_t b = end;
  while (b > 0 && t[b - 1] >= 'a' && t[b - 1] <= 'z') --b;
  if (b == end || (b > 0 && (t[b - 1] & 0x80) == 0 && !IsSpace(t[b - 1]) && t[b - 1] != '-' && t[b - 1] != '\n'))
    return false;
  size_t ls = b;
  while (ls > 0 && t[ls - 1] != '\n') --ls;
  std::string_view lead = t.substr(ls, b - ls);
  if (!lead.empty() && lead.find_first_not_of(" \t-") == std::string_view::npos &&
      (lead.size() >= 2 || lead[0] == '\t'))
    return true;
  size_t fences = 0;
  for (size_t f = t.find("```"); f != std::string_view::npos && f < ls; f = t.find("```", f + 3)) ++fences;
  return fences % 2 == 1;
}

float CueBefore(std::string_view t, uint32_t begin) {
  const CueTables& tables = CueTables::Get();
  size_t i = begin;
  while (i > 0 && IsSpace(t[i - 1])) --i;
  if (i == 0) return 0;
  // Cues of scripts without spaces, glued to the name ("我叫Tyler").
  if (static_cast<unsigned char>(t[i - 1]) >= 0x80) {
    static constexpr Cue kGlued[] = {
        {"我叫", 0.45f}, {"我的名字是", 0.45f}, {"我的名字叫", 0.45f}, {"我名叫", 0.45f},
        {"名前は", 0.45f}, {"이름은", 0.45f}, {"我是", 0.3f}, {"私は", 0.3f}, {"저는", 0.3f}};
    const std::string_view head = t.substr(0, i);
    for (const Cue& c : kGlued) {
      if (head.ends_with(c.phrase)) return c.score;
    }
  }
  const char c = t[i - 1];
  if (c == '\n' || c == '\r') {
    // A sign-off line above: "Best regards,\nJohn".
    size_t end = i;
    while (end > 0 && (t[end - 1] == '\n' || t[end - 1] == '\r' || IsSpace(t[end - 1]))) --end;
    while (end > 0 && (t[end - 1] == ',' || t[end - 1] == '.' || t[end - 1] == '!' || t[end - 1] == '-'))
      --end;
    size_t start = end;
    while (start > 0 && t[start - 1] != '\n' && t[start - 1] != '.' && t[start - 1] != '?' &&
           t[start - 1] != '!' && end - start < 40)
      --start;
    while (start < end && IsSpace(t[start])) ++start;
    std::string& line = JoinBuffer();
    line.clear();
    AppendFolded(t.substr(start, end - start), &line);
    return tables.Phrase(line) & kSignOffBit ? 0.45f : 0;
  }
  // Every cue and label ends with a word marked kFinalBit: most names have
  // no cue, and one word (not four) tells.
  {
    const WordsBefore nearest(t, c == ':' || c == '?' || c == ',' ? i - 1 : begin, 1, false);
    if (nearest.empty() || !(Facts(nearest.Nearest()).phrase & (kFinalBit | kLocativeBit))) return 0;
  }
  if (c == ':' || c == '?') {
    WordsBefore w(t, i - 1, 2);
    for (size_t k = 0; k < w.size(); ++k) {
      if (tables.Phrase(w.From(k)) & kLabelBit) return c == ':' && CodeKey(t, i - 1) ? 0 : 0.45f;
    }
    return 0;
  }
  if (c == ',') {
    // "Hi, John" / "Thanks, John".
    WordsBefore w(t, i - 1, 2);
    for (size_t k = 0; k < w.size(); ++k) {
      if (tables.CueScore(w.From(k)) >= 0.3f) return 0.3f;
    }
    return 0;
  }
  WordsBefore w(t, begin, 4);
  float best = 0;
  for (size_t k = 0; k < w.size(); ++k) best = std::max(best, tables.CueScore(w.From(k)));
  // "in Dolores", "at Marina": more often a place than a person.
  if (best == 0 && !w.empty() && (tables.Phrase(w.Last()) & kLocativeBit)) return -0.2f;
  return best;
}

float CueAfter(std::string_view t, uint32_t end) {
  size_t i = end;
  float possessive = 0;
  if (i + 1 < t.size() && t[i] == '\'' && t[i + 1] == 's') i += 2, possessive = 0.1f;  // "Anna's"
  if (i >= t.size() || !IsSpace(t[i])) return possessive;
  while (i < t.size() && IsSpace(t[i])) ++i;
  size_t j = i;
  while (j < t.size() && !IsSpace(t[j]) && !IsBreak(t[j])) ++j;
  const std::string_view w = t.substr(i, j - i);
  if (Facts(w).phrase & kAfterBit) return 0.2f;
  // Only ASCII folds to "and".
  if (w.size() == 3 && (w[0] | 0x20) == 'a' && (w[1] | 0x20) == 'n' && (w[2] | 0x20) == 'd' && j + 2 < t.size() &&
      t[j] == ' ') {
    std::string_view rest = t.substr(j + 1, 3);
    if (rest.starts_with("I ") || rest.starts_with("me") || rest.starts_with("I'")) return 0.2f;
  }
  return possessive;
}

float VocativeCue(std::string_view t, uint32_t begin, uint32_t end) {
  if (end >= t.size() || t[end] != '!' || begin < 3 || t.substr(begin - 2, 2) != ", ") return 0;
  static constexpr std::string_view kInterjections[] = {
      "absolutely", "all right", "alright", "certainly", "congrats", "congratulations",
      "good afternoon", "good evening", "good luck", "good morning", "good night", "great",
      "hello", "hey", "hi", "no problem", "of course", "ok", "okay", "sure", "thank you",
      "thanks", "welcome", "well done", "yes"};
  // The words from the start of the line or sentence to the comma.
  const size_t comma = begin - 2;
  size_t start = comma;
  while (start > 0 && comma - start <= 16 && t[start - 1] != '\n' && t[start - 1] != '\r' &&
         !((t[start - 1] == ' ' || t[start - 1] == '\t') && start >= 2 &&
           (t[start - 2] == '.' || t[start - 2] == '!' || t[start - 2] == '?')))
    --start;
  while (start < comma && IsSpace(t[start])) ++start;
  if (start == comma || comma - start > 16) return 0;
  std::string& phrase = JoinBuffer();
  phrase.clear();
  AppendFolded(t.substr(start, comma - start), &phrase);
  for (std::string_view w : kInterjections) {
    if (phrase == w) return 0.3f;
  }
  return 0;
}

}  // namespace winnow::pii
