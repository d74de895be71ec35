#include "pii/detectors/person_names.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace winnow::pii {
namespace {

bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(unsigned char c) { return c >= 'a' && c <= 'z'; }

}  // namespace


void FoldCase(std::string_view word, std::string* out) {
  out->clear();
  bool ascii = true;
  for (char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    out->reserve(word.size());
    for (char c : word) out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    return;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  u.foldCase();
  u.toUTF8String(*out);
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

WordTable::WordTable() : slots_(1024) {}

uint64_t WordTable::Hash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then a final mix
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  h ^= h >> 29;
  return h * 0xbf58476d1ce4e5b9ULL;
}

void WordTable::Insert(std::string_view folded, uint8_t flags) {
  if (folded.empty() || folded.size() > 0xffff) return;
  if ((count_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(folded) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.length == 0) {
      s.offset = static_cast<uint32_t>(keys_.size());
      s.length = static_cast<uint16_t>(folded.size());
      s.flags = flags;
      keys_.append(folded);
      ++count_;
      return;
    }
    if (std::string_view(keys_).substr(s.offset, s.length) == folded) {
      s.flags |= flags;  // a name in both lists is ambiguous if either says so
      return;
    }
  }
}

void WordTable::Grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.resize(old.size() * 2);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.length == 0) continue;
    size_t i = Hash(std::string_view(keys_).substr(s.offset, s.length)) & mask;
    while (slots_[i].length != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

uint8_t WordTable::LookupFolded(std::string_view folded) const {
  if (folded.empty()) return 0;
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(folded) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.length == 0) return 0;
    if (s.length == folded.size() && std::string_view(keys_).substr(s.offset, s.length) == folded)
      return s.flags;
  }
}

uint8_t WordTable::Lookup(std::string_view word) const {
  // Most lookups are short ASCII words: fold on the stack.
  if (word.size() <= 32) {
    char buf[32];
    size_t n = 0;
    for (char c : word) {
      if (static_cast<unsigned char>(c) >= 0x80) break;
      buf[n++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    if (n == word.size()) return LookupFolded(std::string_view(buf, n));
  }
  std::string folded;
  FoldCase(word, &folded);
  return LookupFolded(folded);
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
    U8_NEXT(t.data(), k, t.size(), cp);
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
    U8_NEXT(t.data(), m, t.size(), next);
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
  if (word.size() < 5 || word.size() > 24) return false;
  char buf[24];
  for (size_t i = 0; i < word.size(); ++i) buf[i] = IsAsciiUpper(word[i]) ? word[i] + 32 : word[i];
  std::string_view w(buf, word.size());
  for (std::string_view x : kNotSurnames) {
    if (w == x) return false;
  }
  if (w.ends_with("person")) return false;  // "Salesperson"
  for (std::string_view e : kEndings) {
    if (w.ends_with(e) && (e != "ez" || w.size() >= 6)) return true;
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
