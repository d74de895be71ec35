#include "pii/detectors/person_names.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace winnow::pii {
namespace {

bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(unsigned char c) { return c >= 'a' && c <= 'z'; }

// memcmp(a, b, n) == 0, inline for the short keys of a WordTable.
bool SameBytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    uint64_t x[2], y[2];
    std::memcpy(&x[0], a, 8), std::memcpy(&y[0], b, 8);
    std::memcpy(&x[1], a + n - 8, 8), std::memcpy(&y[1], b + n - 8, 8);
    return ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0;
  }
  if (n >= 4) {
    uint32_t x[2], y[2];
    std::memcpy(&x[0], a, 4), std::memcpy(&y[0], b, 4);
    std::memcpy(&x[1], a + n - 4, 4), std::memcpy(&y[1], b + n - 4, 4);
    return ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

void FoldCase(std::string_view word, std::string* out) {
  out->clear();
  out->reserve(word.size());
  // Case folding maps each code point on its own (no context), so a word
  // folds one character at a time, with no UnicodeString for the word.
  for (size_t i = 0; i < word.size();) {
    const unsigned char c = word[i];
    if (c < 0x80) {
      out->push_back(IsAsciiUpper(c) ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    size_t k = i;
    UChar32 cp;
    U8_NEXT(word.data(), k, word.size(), cp);
    UChar src[2], dst[8];
    int32_t n = 0;
    UErrorCode error = U_ZERO_ERROR;
    if (cp >= 0) {
      U16_APPEND_UNSAFE(src, n, cp);
      n = u_strFoldCase(dst, 8, src, n, U_FOLD_CASE_DEFAULT, &error);
    }
    if (cp < 0 || U_FAILURE(error) || n > 8) {
      // Ill-formed UTF-8: ICU's replacement characters, as for any text.
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
      u.foldCase();
      out->clear();
      u.toUTF8String(*out);
      return;
    }
    for (int32_t j = 0; j < n;) {
      UChar32 f;
      U16_NEXT_UNSAFE(dst, j, f);
      char buf[4];
      size_t m = 0;
      U8_APPEND_UNSAFE(buf, m, f);
      out->append(buf, m);
    }
    i = k;
  }
}

FoldedWord::FoldedWord(std::string_view word) {
  if (word.size() <= sizeof(buf_)) {
    unsigned char high = 0;
    for (size_t i = 0; i < word.size(); ++i) {
      const char c = word[i];
      high |= static_cast<unsigned char>(c);
      buf_[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    if (high < 0x80) folded_ = std::string_view(buf_, word.size());
  }
  if (folded_.data() == nullptr) {
    FoldCase(word, &heap_);
    folded_ = heap_;
  }
  hash_ = WordTable::Hash(folded_);
}

const NameGazetteer& NameGazetteer::Get() {
  static const NameGazetteer gazetteer(GivenNamesData(), SurnamesData());
  return gazetteer;
}

NameGazetteer::NameGazetteer(std::string_view given, std::string_view surnames) {
  Add(given, kGivenName);
  Add(surnames, kSurname);
}

// Lines: `name` or `name<TAB>flags`; '#' starts a comment line. Any flag
// letter makes the name ambiguous (the letters say why, for people).
void NameGazetteer::Add(std::string_view data, uint8_t kind) {
  std::string folded;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    uint8_t flags = kind;
    if (size_t tab = line.find('\t'); tab != std::string_view::npos) {
      if (tab + 1 < line.size()) flags |= kAmbiguousName;
      line = line.substr(0, tab);
    }
    FoldCase(line, &folded);
    // Two-letter Latin names ("Ed", "Li") are too often something else.
    if (folded.size() <= 2 && static_cast<unsigned char>(folded[0]) < 0x80) flags |= kAmbiguousName;
    table_.Insert(folded, flags);
  }
}

WordTable::WordTable(size_t slots) : slots_(slots) {}

// Eight bytes at a time (the keys are short), then a final mix.
uint64_t WordTable::Hash(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
  }
  if (n > 0) {
    // The last 1-7 bytes, in at most two loads (which may overlap).
    uint64_t w;
    if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      w = (static_cast<uint64_t>(a) << 32) | b;
    } else {
      w = static_cast<unsigned char>(p[0]) | static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
  }
  h ^= h >> 29;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 32);
}

void WordTable::Insert(std::string_view folded, uint8_t flags) {
  if (folded.empty() || folded.size() > 0xffff) return;
  if ((count_ + 1) * 2 > slots_.size()) Grow();
  const uint64_t h = Hash(folded);
  const uint8_t tag = static_cast<uint8_t>(h >> 56);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.length == 0) {
      s.offset = static_cast<uint32_t>(keys_.size());
      s.length = static_cast<uint16_t>(folded.size());
      s.flags = flags;
      s.tag = tag;
      keys_.append(folded);
      ++count_;
      return;
    }
    if (s.tag == tag && std::string_view(keys_).substr(s.offset, s.length) == folded) {
      s.flags |= flags;  // a name in both lists is ambiguous if either says so
      return;
    }
  }
}

void WordTable::Grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.resize(std::max<size_t>(old.size() * 2, 16));
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.length == 0) continue;
    size_t i = Hash(std::string_view(keys_).substr(s.offset, s.length)) & mask;
    while (slots_[i].length != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void WordTable::Clear() {
  if (count_ == 0) return;
  std::fill(slots_.begin(), slots_.end(), Slot{});
  keys_.clear();
  count_ = 0;
}

uint8_t WordTable::LookupHashed(std::string_view folded, uint64_t h) const {
  if (folded.empty() || count_ == 0) return 0;
  const uint8_t tag = static_cast<uint8_t>(h >> 56);
  const size_t mask = slots_.size() - 1;
  const char* keys = keys_.data();
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.length == 0) return 0;
    if (s.tag == tag && s.length == folded.size() && SameBytes(keys + s.offset, folded.data(), s.length))
      return s.flags;
  }
}

uint8_t WordTable::Lookup(std::string_view word) const {
  const FoldedWord folded(word);
  return Lookup(folded);
}

bool IsWordLetter(int32_t cp) {
  if (cp < 0x80) return IsAsciiUpper(cp) || IsAsciiLower(cp);
  return (U_GET_GC_MASK(cp) & (U_GC_L_MASK | U_GC_M_MASK)) != 0;
}

bool IsUnspacedScript(int32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

NameWord ReadNameWord(std::string_view t, size_t i) {
  NameWord w;
  w.begin = i;
  int uppers = 0, lowers = 0;
  size_t letters = 0;
  size_t j = i;
  while (j < t.size()) {
    size_t k = j;
    UChar32 cp;
    if (static_cast<unsigned char>(t[j]) < 0x80) {
      cp = static_cast<unsigned char>(t[k++]);
    } else {
      U8_NEXT(t.data(), k, t.size(), cp);
    }
    if (cp < 0) break;
    if (IsWordLetter(cp)) {
      if (IsUnspacedScript(cp)) {
        if (letters == 0) w.cjk = true, j = k;
        break;
      }
      const bool up = cp < 0x80 ? IsAsciiUpper(cp) : (u_isupper(cp) || u_istitle(cp));
      const bool low = cp < 0x80 ? IsAsciiLower(cp) : u_islower(cp);
      if (letters == 0) {
        w.upper_first = up;
        w.cased = up || low;
      } else if (up && lowers > 0) {
        // McDonald, MacArthur, O'Brien, Jean-Luc are names; JavaScript is not.
        std::string_view before = t.substr(w.begin, j - w.begin);
        const char prev = t[j - 1];
        if (prev != '\'' && prev != '-' && before != "Mc" && before != "Mac" &&
            !(before.size() > 3 && before.ends_with("\xE2\x80\x99")))
          w.camel = true;
      }
      uppers += up;
      lowers += low;
      ++letters;
      j = k;
      continue;
    }
    // An apostrophe or hyphen joins letters on both sides.
    const bool joiner = cp == '\'' || cp == '-' || cp == 0x2019;
    if (!joiner || letters == 0 || k >= t.size()) break;
    size_t m = k;
    UChar32 next;
    if (static_cast<unsigned char>(t[m]) < 0x80) {
      next = static_cast<unsigned char>(t[m++]);
    } else {
      U8_NEXT(t.data(), m, t.size(), next);
    }
    if (next < 0 || !IsWordLetter(next) || IsUnspacedScript(next)) break;
    // Possessive: "Smith's" is the name "Smith".
    if (cp != '-' && (next == 's' || next == 'S') && (m >= t.size() || !IsWordLetter(static_cast<unsigned char>(t[m]))))
      break;
    j = k;
  }
  w.end = j;
  w.all_caps = letters >= 2 && lowers == 0 && uppers > 0;
  return w;
}

namespace {

// Endings that mark a surname in many languages ("-ović", "-sson", "-enko",
// "-shvili"), for surnames the gazetteer lacks. Common English words with
// such endings are listed in kNotSurnames.
bool LooksLikeSurname(std::string_view word) {
  static constexpr std::string_view kEndings[] = {
      "ov", "ova", "ev", "eva", "sky", "ski", "ska", "cki", "cka", "czyk", "wicz", "vich",
      "vych", "vić", "vič", "ić", "enko", "shvili", "dze", "poulos", "akis", "idis", "oglu",
      "oğlu", "escu", "eanu", "sson", "dottir", "dóttir", "ssen", "nson", "rson", "dson",
      "tson", "lson", "kson", "wson", "pson", "bson", "mson", "gson", "yan", "stein", "mann",
      "elli", "etti", "ucci", "inen", "nen", "ez"};
  static constexpr std::string_view kNotSurnames[] = {"lesson", "crimson", "caparison"};
  // The last byte of some ending, for a quick no.
  static const auto kLastBytes = [] {
    std::array<bool, 256> last{};
    for (std::string_view e : kEndings) last[static_cast<unsigned char>(e.back())] = true;
    return last;
  }();
  if (word.size() < 5 || word.size() > 24) return false;
  const unsigned char end = word.back();
  if (!kLastBytes[IsAsciiUpper(end) ? end + 32 : end]) return false;
  char buf[24];
  for (size_t i = 0; i < word.size(); ++i) buf[i] = IsAsciiUpper(word[i]) ? word[i] + 32 : word[i];
  std::string_view w(buf, word.size());
  auto ends_with = [&](std::string_view e) {
    return w.size() >= e.size() && w.back() == e.back() &&
           SameBytes(w.data() + w.size() - e.size(), e.data(), e.size());
  };
  for (std::string_view x : kNotSurnames) {
    if (w == x) return false;
  }
  if (ends_with("person")) return false;  // "Salesperson"
  for (std::string_view e : kEndings) {
    if (ends_with(e) && (e != "ez" || w.size() >= 6)) return true;
  }
  return false;
}

}  // namespace

uint8_t GuessNameFlags(std::string_view word) {
  if (size_t h = word.find('-'); h != std::string_view::npos && h >= 2) {
    const uint8_t f = NameGazetteer::Get().Lookup(word.substr(0, h));
    if (f != 0 && !(f & kAmbiguousName)) return f;
  }
  if (word.size() >= 4 && ((word[1] == '\'' && IsAsciiUpper(word[2])) ||
                           (word.starts_with("Mc") && IsAsciiUpper(word[2])) ||
                           (word.starts_with("Mac") && IsAsciiUpper(word[3]))))
    return kSurname;
  return LooksLikeSurname(word) ? kSurname : 0;
}

}  // namespace winnow::pii
