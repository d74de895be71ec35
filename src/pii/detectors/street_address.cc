// STREET_ADDRESS: postal addresses.
//
// Forms:
//   - US style: a house number, an optional directional, one to four words
//     of street name and a street suffix of USPS Publication 28 ("1600
//     Pennsylvania Avenue", "12 W 42nd St");
//   - PO boxes and US military addresses ("P.O. Box 104", "PSC 7951, Box
//     9972");
//   - European styles: a street word glued to the name and a number after
//     it ("Hauptstraße 12", "Kiannonkatu 98"), or a street type before the
//     name ("Rue de Rivoli 12", "Via Roma 131", "ul. Cicha 86").
//   - a number, a capitalized name and a number ("4844 Søndergade 52"),
//     which needs a context word ("address", "lives at"); not a name in
//     capitals ("MOVE 1 STAGE 2"), a month ("2020 August 27") or a name
//     with a long word in lower case ("2 Organic chemicals 2": a table row;
//     "Király u. 15" and "Gyula utca 76" are kept).
// A glued "-ring" after a vowel is an English "-ing" word ("Exploring 5").
// The Hyperscan candidates are only anchors, because bounded repeats of
// words before an alternation of 200 suffixes cost ~70 ms and 1 MB of
// database to compile: a house number and the first byte of the next word
// (the US and number-name-number forms), a glued street type and the first
// digit of the number, a leading street type and the first letter of the
// name. Validate() reads the rest: the name words, the suffix (a whole word,
// looked up in a table), and then a unit ("Apt 4B", "Suite 300", "#12") and
// ", City, ST 12345(-6789)", a ZIP code or a European "12345 City", so the
// finding covers the whole address. Street names written all in lower case
// (or all in upper case, as headlines are) score low and need a context
// word ("ship it to 12 main st").
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "pii/detectors/registry.h"
#include "pii/detectors/street_address_parts.h"

namespace winnow::pii {
namespace {

using namespace street_address;  // NOLINT: the detector's own parts

constexpr std::string_view kType = "STREET_ADDRESS";
constexpr std::string_view kName = "street_address";

enum Tag { kNumber = 0, kNameNumber, kBox };

// Streets whose type is glued to the name (German, Dutch, Nordic, Finnish).
constexpr std::string_view kGluedTypes[] = {
    "straße", "strasse", "str.", "weg",   "gasse", "platz", "allee", "ring",  "damm", "ufer",  "laan",
    "straat", "gracht",  "plein", "kade", "dijk",  "singel", "katu", "tie",   "kuja", "polku", "gatan",
    "vägen",  "gata",    "väg",   "gade", "vej",   "veien", "gate",  "vegur", "braut"};

// Street types written before the name (Romance languages, Polish).
constexpr std::string_view kTypesFirst[] = {
    "Rue",   "Avenue", "Av.",    "Avda",  "Avda.", "Avenida", "Boulevard", "Bd",    "Chemin",
    "Allée", "Impasse", "Quai",  "Via",   "Viale", "Piazza",  "Corso",     "Calle", "Carrer",
    "Plaza", "Paseo",  "Rua",    "Travessa", "Largo", "ul.",  "ulica",     "aleja", "C/"};

// A byte of a US street-name word ("42nd", "O'Neil", "St.", "Søndergade").
bool IsWordByte(char c) { return IsAlnum(c) || IsHigh(c) || c == '\'' || c == '.' || c == '-'; }
// A byte of a European street name ("Mina", "Fiorentini").
bool IsNameByte(char c) { return IsLetter(c) || IsHigh(c); }

class StreetAddressDetector : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    return {
        // The end of a house number, a space and a word: "12 Main St",
        // "12B Main St". ("12b": [a-z] here would triple the scan time,
        // as "1st", "5th" and hex digits are everywhere.)
        {"[0-9][A-Z]? [A-Za-z0-9\\x80-\\xff]", 0, kNumber},
        // The last byte of a street name, a space and a digit: "Via Roma
        // 131", "Hauptstraße 12".
        {"[A-Za-z\\x80-\\xff'.-] [0-9]", 0, kNameNumber},
        // "P.O. Box 104", "PSC 7951, Box 9972".
        {"(?i:box)[ #]*[0-9]", 0, kBox},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    const std::string_view t = ctx.text;
    switch (c.tag) {
      case kNumber: {
        // The house number ends at the space; the candidate starts at its
        // last digit.
        const size_t space = t[c.begin + 1] == ' ' ? c.begin + 1 : c.begin + 2;
        size_t b = c.begin;
        while (b > 0 && c.begin - b < 12 && (IsAlnum(t[b - 1]) || t[b - 1] == '-')) --b;
        if (!StartBounded(t, b)) return;
        const std::string_view number = t.substr(b, space - b);
        if (IsUsHouseNumber(number)) UsStreet(t, b, space + 1, out);
        if (number.size() <= 5 && std::all_of(number.begin(), number.end(), IsDigit))
          NumberNameNumber(t, b, space + 1, out);
        return;
      }
      case kNameNumber:
        Glued(t, c.begin + 1, out);
        TypeFirst(t, c.begin + 1, out);
        return;
      case kBox:
        PoBox(t, c.begin, out);
        Military(t, c.begin, out);
        return;
    }
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"address", "addr", "live", "lives", "living", "located", "location", "ship",
               "shipping", "deliver", "delivery", "mail", "mailing", "send", "residence", "home",
               "house", "apartment", "moved", "move", "office", "billing", "street", "located at"};
    w.words_before = 6;
    return w;
  }

 private:
  // Not inside a word, a number ("3.5"), a range ("4-12"), a price or a path.
  static bool StartBounded(std::string_view t, size_t b) {
    if (b == 0) return true;
    const char p = t[b - 1];
    return !IsAlnum(p) && p != '.' && p != '-' && p != '$' && p != '/' && p != '#';
  }

  // [0-9]{1,6}[A-Za-z]?(?:-[0-9]{1,4})?
  static bool IsUsHouseNumber(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == 0 || i > 6) return false;
    if (i < s.size() && IsLetter(s[i])) ++i;
    if (i == s.size()) return true;
    if (s[i] != '-') return false;
    const size_t d = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    return i == s.size() && i > d && i - d <= 4;
  }

  // "N", "SW.", "North": a directional before the street name.
  static bool IsDirectional(std::string_view w) {
    if (w.ends_with('.')) w.remove_suffix(1);
    static constexpr std::string_view kDirectionals[] = {"N",  "S",  "E",  "W",  "NE",    "NW",
                                                         "SE", "SW", "North", "South", "East", "West"};
    return std::find(std::begin(kDirectionals), std::end(kDirectionals), w) != std::end(kDirectionals);
  }

  // "1600 Pennsylvania Avenue": after the number (ending at `words`), an
  // optional directional, one to four words and a suffix. The farthest
  // suffix wins ("12 Oak Street Park"); a word of four letters or more
  // with a period ends the sentence and the search.
  void UsStreet(std::string_view t, size_t b, size_t words, std::vector<Finding>* out) const {
    size_t end = 0;
    int end_kind = 0;
    size_t q = words;
    int max_position = 5;
    for (int k = 1; k <= max_position && q < t.size(); ++k) {
      size_t run = q;
      while (run < t.size() && IsLetter(t[run])) ++run;
      if (k >= 2 && run > q) {
        const int kind = suffixes_.Find(t.substr(q, run - q));
        if (kind != 0 && (run == t.size() || !(IsAlnum(t[run]) || IsHigh(t[run])))) {
          size_t e = run;
          if (e < t.size() && t[e] == '.') ++e;
          if (e == t.size() || !IsAlnum(t[e])) end = e, end_kind = kind;
        }
      }
      // The word at q, then one space.
      if (!(IsAlnum(t[q]) || IsHigh(t[q]))) break;
      size_t w = q + 1;
      while (w < t.size() && IsWordByte(t[w])) ++w;
      if (w >= t.size() || t[w] != ' ') break;
      const std::string_view word = t.substr(q, w - q);
      if (k == 1 && IsDirectional(word)) max_position = 6;
      if (word.size() > 4 && word.ends_with('.') && suffixes_.Find(word.substr(0, word.size() - 1)) != 2)
        break;
      q = w + 1;
    }
    if (end == 0) return;
    const float score = StreetNameScore(t.substr(b, end - b));
    if (score <= 0) return;
    // "... at 1445 Dogwood Lane. The ...": a full suffix word and a period
    // end the sentence; after "St." the address may go on.
    const bool sentence_end = t[end - 1] == '.' && end_kind == 1;
    Emit(t, b, sentence_end ? end - 1 : end, score, false, sentence_end, out);
  }

  // "4844 Søndergade 52": a capitalized name, up to two more words and a
  // number; weak alone.
  static void NumberNameNumber(std::string_view t, size_t b, size_t name, std::vector<Finding>* out) {
    if (name >= t.size()) return;
    const unsigned char first = t[name];
    if (!(IsUpper(t[name]) || (first >= 0xc3 && first <= 0xc5) || first == 0xce || first == 0xcf)) return;
    size_t q = name + 1;
    while (q < t.size() && (IsNameByte(t[q]) || t[q] == '-')) ++q;
    if (q == name + 1 || q >= t.size() || t[q] != ' ') return;
    // A name in capitals is a label ("MOVE 1 STAGE 2"); a month makes a
    // date ("2020 August 27").
    const std::string_view first_word = t.substr(name, q - name);
    if (!std::any_of(first_word.begin(), first_word.end(), [](char c) { return IsLower(c) || IsHigh(c); }) ||
        IsMonth(first_word))
      return;
    ++q;
    for (int k = 0; k < 2 && q < t.size() && !IsDigit(t[q]); ++k) {
      size_t w = q;
      while (w < t.size() && (IsNameByte(t[w]) || t[w] == '.' || t[w] == '-')) ++w;
      if (w == q || w >= t.size() || t[w] != ' ') return;
      // More words of the name are capitalized, particles or short
      // abbreviations ("Király u. 15", "Jiřího z Poděbrad", "Gyula utca
      // 76"); a longer word in lower case is prose ("2 Organic chemicals 2"
      // is a table row).
      if (IsLower(t[q]) && w - q > 4 && !IsParticle(t.substr(q, w - q))) return;
      q = w + 1;
    }
    size_t e = q;
    while (e < t.size() && IsDigit(t[e]) && e - q < 4) ++e;
    if (e == q) return;
    if (e < t.size() && IsLower(t[e])) ++e;
    if (!AsciiWordBounded(t, b, e)) return;
    Emit(t, b, e, 0.3f, false, false, out);
  }

  // "Hauptstraße 12": a glued street type before the space at `space`;
  // the name before the type (a capital and 1-30 more bytes) follows a
  // space, a line break, "(", "," or ":".
  static void Glued(std::string_view t, size_t space, std::vector<Finding>* out) {
    for (std::string_view g : kGluedTypes) {
      if (g.back() != t[space - 1] || g.size() > space || t.substr(space - g.size(), g.size()) != g) continue;
      const size_t name_end = space - g.size();
      // "-ring" after a vowel is an English word in "-ing" ("Exploring 5");
      // street names glue it to a consonant ("Kaiserring", "Stadtring").
      if (g == "ring" && name_end > 0 && IsVowel(t[name_end - 1])) continue;
      size_t b = name_end;
      while (b > 0 && name_end - b <= 31 && (IsNameByte(t[b - 1]) || t[b - 1] == '-')) --b;
      const unsigned char first = t[b];
      if (name_end - b < 2 || name_end - b > 31 || !(IsUpper(t[b]) || (first >= 0xc3 && first <= 0xc5)))
        continue;
      if (b > 0 && t[b - 1] != ' ' && t[b - 1] != '\n' && t[b - 1] != '(' && t[b - 1] != ',' &&
          t[b - 1] != ':')
        continue;
      const size_t e = HouseNumberEnd(t, space + 1, 4);
      if (!AsciiWordBounded(t, b, e)) return;
      Emit(t, b, e, 0.55f, false, false, out, t.substr(space + 1, e - space - 1));
      return;
    }
  }

  // "Rue de Rivoli 12": a street type, a space, the name (a letter and up
  // to 50 more bytes of letters, spaces and ' . -), the space at `space`
  // and the number. The leftmost type that makes an address wins.
  static void TypeFirst(std::string_view t, size_t space, std::vector<Finding>* out) {
    const size_t number = space + 1;
    const size_t lowest = number > 53 ? number - 53 : 0;  // the space after the type
    size_t run = space;
    bool maybe = false;  // a word in the window may be a type
    while (run > lowest && IsTypeFirstNameByte(t[run - 1])) {
      --run;
      maybe |= t[run] == ' ' && IsTypeFirstStart(t[run + 1]);
    }
    maybe |= IsTypeFirstStart(t[run]) || (run >= 2 && t[run - 1] == '/');
    if (!maybe) return;
    size_t word = run;  // where the word before the space z starts
    for (size_t z = run; z + 1 < space; ++z) {
      if (t[z] != ' ') continue;
      const size_t word_begin = word;
      word = z + 1;
      if (z < lowest || !(IsLetter(t[z + 1]) || IsHigh(t[z + 1]))) continue;
      // The type is the word before the space, after any quote ("‘Via").
      size_t b = word_begin;
      while (b < z && (t[b] == '\'' || IsHigh(t[b]))) ++b;
      if (z == run && z >= 2 && t.substr(z - 2, 2) == "C/") b = z - 2;
      if (!IsTypeFirst(t.substr(b, z - b)) || !StartBounded(t, b)) continue;
      const size_t e = HouseNumberEnd(t, number, 5);
      if (!AsciiWordBounded(t, b, e)) return;
      if (!NameWordsCapitalized(t.substr(b, e - b))) continue;  // "Plaza hotel is 5"
      Emit(t, b, e, 0.55f, false, false, out, t.substr(number, e - number));
      return;
    }
  }
  static bool IsTypeFirstNameByte(char c) {
    static constexpr auto kTable = [] {
      std::array<bool, 256> a{};
      for (int i = 0x80; i < 256; ++i) a[i] = true;
      for (char c = 'a'; c <= 'z'; ++c) a[static_cast<unsigned char>(c)] = a[c - 32] = true;
      for (char c : std::string_view("' .-")) a[static_cast<unsigned char>(c)] = true;
      return a;
    }();
    return kTable[static_cast<unsigned char>(c)];
  }
  // The first bytes of kTypesFirst.
  static bool IsTypeFirstStart(char c) {
    switch (c) {
      case 'A': case 'B': case 'C': case 'I': case 'L': case 'P': case 'Q': case 'R': case 'T':
      case 'V': case 'a': case 'u':
        return true;
      default:
        return false;
    }
  }
  static bool IsTypeFirst(std::string_view w) {
    if (w.size() < 2 || w.size() > 9) return false;
    if (!IsTypeFirstStart(w[0])) return false;
    for (std::string_view type : kTypesFirst) {
      if (type == w) return true;
    }
    return false;
  }

  // "P.O. Box 104", "po box #12", "Post Office Box 7": `box` is where
  // "box" starts.
  static void PoBox(std::string_view t, size_t box, std::vector<Finding>* out) {
    auto is = [&](size_t i, char lower) { return i < t.size() && Lower(t[i]) == lower; };
    size_t b = box;
    if (b >= 12 && FoldedEquals(t.substr(b - 12, 12), "post office ")) {
      b -= 12;
    } else {
      if (b > 0 && t[b - 1] == ' ') --b;
      if (b > 0 && t[b - 1] == '.') --b;
      if (!(b > 0 && is(b - 1, 'o'))) return;
      --b;
      if (b > 0 && t[b - 1] == ' ') --b;
      if (b > 0 && t[b - 1] == '.') --b;
      if (!(b > 0 && is(b - 1, 'p'))) return;
      --b;
    }
    size_t i = box + 3;
    if (i < t.size() && t[i] == ' ') ++i;
    if (i < t.size() && t[i] == '#') ++i;
    if (i < t.size() && t[i] == ' ') ++i;
    size_t e = i;
    while (e < t.size() && IsDigit(t[e]) && e - i < 6) ++e;
    if (e == i || !StartBounded(t, b) || !AsciiWordBounded(t, b, e)) return;
    Emit(t, b, e, 0.6f, false, false, out);
  }

  // "PSC 7951, Box 9972" (then "APO AA 69974"): `box` is where "Box"
  // starts.
  static void Military(std::string_view t, size_t box, std::vector<Finding>* out) {
    if (t.substr(box, 4) != "Box ") return;
    size_t j = box;
    if (j == 0 || t[--j] != ' ') return;
    if (j > 0 && t[j - 1] == ',') --j;
    const size_t digits_end = j;
    while (j > 0 && IsDigit(t[j - 1]) && digits_end - j < 6) --j;
    if (j == digits_end || digits_end - j > 5 || j == 0 || t[j - 1] != ' ') return;
    --j;
    size_t b = 0;
    if (j >= 3 && (t.substr(j - 3, 3) == "PSC" || t.substr(j - 3, 3) == "CMR")) {
      b = j - 3;
    } else if (j >= 4 && t.substr(j - 4, 4) == "Unit") {
      b = j - 4;
    } else {
      return;
    }
    const size_t i = box + 4;
    size_t e = i;
    while (e < t.size() && IsDigit(t[e]) && e - i < 5) ++e;
    if (e == i || !StartBounded(t, b) || !AsciiWordBounded(t, b, e)) return;
    Emit(t, b, e, 0.7f, true, false, out);
  }

  static bool FoldedEquals(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (Lower(a[i]) != lower[i]) return false;
    }
    return true;
  }

  // [0-9]{1,max_digits}[a-zA-Z]? from i.
  static size_t HouseNumberEnd(std::string_view t, size_t i, size_t max_digits) {
    size_t e = i;
    while (e < t.size() && IsDigit(t[e]) && e - i < max_digits) ++e;
    if (e < t.size() && IsLetter(t[e])) ++e;
    return e;
  }

  // Appends the finding for the street [b, end): reads on for a unit and a
  // locality. `sentence_end`: a period follows; only "City, ST" may then
  // follow. `number`: the house number of a European form; one that reads
  // as a year ("During 1971", "Spring 2020") scores low and needs a context
  // word or a locality ("lives on Rua Diadema 1903").
  static void Emit(std::string_view t, size_t b, size_t end, float score, bool military, bool sentence_end,
                   std::vector<Finding>* out, std::string_view number = {}) {
    Tail tail(t);
    bool unit = false, locality = false;
    size_t e = sentence_end ? end : tail.Unit(end, &unit);
    if (military) {
      // "APO AA 69974"
      size_t i = e;
      while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == ',')) ++i;
      std::string_view rest = t.substr(i);
      if (rest.size() >= 12 && (rest.starts_with("APO ") || rest.starts_with("FPO ") ||
                                rest.starts_with("DPO ")))
        e = i + 12, locality = true;
    }
    if (!locality && !sentence_end) e = tail.Locality(e, t[e - 1] == '.', &locality);
    if (IsYear(number)) score = 0.3f;
    // "... at 12 Main St." ends a sentence: the period is not part of it.
    if (!unit && !locality && e == end && t[e - 1] == '.' && (e == t.size() || t[e] == ' ' || t[e] == '\n'))
      --e;
    if (unit) score += 0.1f;
    if (locality) score += 0.25f;
    out->push_back(Finding{kType, kName, {}, static_cast<uint32_t>(b), static_cast<uint32_t>(e), std::min(score, 1.0f)});
  }

  static bool IsVowel(char c) {
    switch (Lower(c)) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
        return true;
      default:
        return false;
    }
  }

  // Full or abbreviated month names ("August", "Aug", "Aug.").
  static bool IsMonth(std::string_view w) {
    static constexpr std::string_view kMonths[] = {"January", "February", "March", "April", "May",
                                                   "June", "July", "August", "September", "October",
                                                   "November", "December"};
    if (w.ends_with('.')) w.remove_suffix(1);
    for (std::string_view m : kMonths) {
      if (w == m || (w.size() == 3 && m.starts_with(w)) || (w == "Sept" && m == "September")) return true;
    }
    return false;
  }

  // Lower-case words inside street names ("Rua do Paseo", "Van der Pek").
  static bool IsParticle(std::string_view w) {
    static constexpr std::string_view kParticles[] = {"de", "da", "do", "das", "dos", "del", "della", "dei",
                                                      "di", "des", "du", "la", "le", "les", "van", "von",
                                                      "der", "den", "am", "an", "im", "y", "e"};
    return std::find(std::begin(kParticles), std::end(kParticles), w) != std::end(kParticles);
  }

  static bool IsYear(std::string_view n) {
    return n.size() == 4 && ((n[0] == '1' && (n[1] == '8' || n[1] == '9')) || (n[0] == '2' && n[1] == '0')) &&
           IsDigit(n[2]) && IsDigit(n[3]);
  }

  // Between the street type and the number: capitalized words, or the
  // particles of Romance street names ("Rua do Paseo 46", "Via dei Mille 3").
  static bool NameWordsCapitalized(std::string_view s) {
    static constexpr std::string_view kParticles[] = {"de", "da", "do", "das", "dos", "del", "della",
                                                      "dei", "di", "des", "du", "la", "le", "les",
                                                      "y", "e", "d'", "l'"};
    size_t i = s.find(' ');
    int words = 0;
    while (i != std::string_view::npos) {
      size_t j = s.find(' ', i + 1);
      if (j == std::string_view::npos) break;  // the number
      std::string_view w = s.substr(i + 1, j - i - 1);
      bool ok = !w.empty() && !IsLower(w[0]);
      for (std::string_view p : kParticles) ok |= w == p || (w.starts_with(p) && p.ends_with('\''));
      if (!ok || ++words > 6) return false;
      i = j;
    }
    return words > 0;
  }

  // 0.55 for a capitalized street name ("Main St"), 0.3 for one in lower
  // case or all in capitals (headlines: "39 REGIONS NEAR CAPE"), 0 for
  // words of prose ("5 miles down the road").
  static float StreetNameScore(std::string_view s) {
    static constexpr std::string_view kProse[] = {
        "the", "a", "an", "of", "in", "on", "at", "to", "from", "and", "or", "my", "our", "your",
        "his", "her", "their", "this", "that", "for", "with", "by", "down", "up", "is", "are",
        "was", "it", "we", "you", "i", "he", "she", "they", "more", "than", "per", "each",
        "miles", "mile", "km", "minutes", "hours", "days", "years", "times", "blocks", "people",
        "around", "over", "across", "into", "about", "under", "after", "before", "near"};
    bool capitalized = true, has_lower = false;
    size_t i = s.find(' ');
    while (i != std::string_view::npos) {
      size_t j = s.find(' ', i + 1);
      std::string_view w = s.substr(i + 1, (j == std::string_view::npos ? s.size() : j) - i - 1);
      has_lower |= std::any_of(w.begin(), w.end(), IsLower);
      if (j != std::string_view::npos) {
        char lower[16];
        if (w.size() <= sizeof lower) {
          for (size_t k = 0; k < w.size(); ++k) lower[k] = Lower(w[k]);
          const std::string_view l(lower, w.size());
          for (std::string_view p : kProse) {
            if (l == p) return 0;
          }
        }
        if (!w.empty() && IsLower(w[0])) capitalized = false;
      } else if (!w.empty() && IsLower(w[0])) {
        capitalized = false;  // the suffix
      }
      i = j;
    }
    return capitalized && has_lower ? 0.55f : 0.3f;
  }

  SuffixTable suffixes_;
};

}  // namespace

std::unique_ptr<Detector> MakeStreetAddressDetector() { return std::make_unique<StreetAddressDetector>(); }

}  // namespace winnow::pii
