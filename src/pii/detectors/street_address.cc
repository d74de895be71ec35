// STREET_ADDRESS: postal addresses.
//
// Candidates (one Hyperscan pass):
//   - US style: a house number, an optional directional, one to four words
//     of street name and a street suffix of USPS Publication 28 ("1600
//     Pennsylvania Avenue", "12 W 42nd St");
//   - PO boxes and US military addresses ("P.O. Box 104", "PSC 7951, Box
//     9972");
//   - European styles: a street word glued to the name and a number after
//     it ("Hauptstraße 12", "Kiannonkatu 98"), or a street type before the
//     name ("Rue de Rivoli 12", "Via Roma 131", "ul. Cicha 86").
//   - a number, a capitalized name and a number ("4844 Søndergade 52"),
//     which needs a context word ("address", "lives at").
// Validation checks the boundaries and reads on past the candidate for a
// unit ("Apt 4B", "Suite 300", "#12") and then ", City, ST 12345(-6789)",
// a ZIP code or a European "12345 City", so the finding covers the whole
// address. Street names written all in lower case score low and need a
// context word ("ship it to 12 main st").
#include <string>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "STREET_ADDRESS";
constexpr std::string_view kName = "street_address";

enum Tag { kUs = 0, kPoBox, kMilitary, kGlued, kTypeFirst, kNumberNameNumber };

// Street suffixes (USPS Publication 28, Appendix C1), full and abbreviated.
constexpr char kSuffixes[] =
    "Street|St|Str|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Wy|"
    "Place|Pl|Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Alley|"
    "Aly|Crescent|Cres|Close|Grove|Grv|Heights|Hts|Hill|Park|Plaza|Plz|Point|Pt|Ridge|Rdg|Row|"
    "Run|Walk|Path|Pike|Crossing|Xing|Expressway|Expy|Freeway|Fwy|Turnpike|Tpke|Causeway|"
    "Cswy|Bypass|Byp|Center|Ctr|Commons|Cove|Cv|Creek|Crk|Estates|Glen|Green|Harbor|Hbr|Haven|"
    "Hollow|Junction|Jct|Landing|Lndg|Meadows|Mews|Mill|Mills|Mountain|Mtn|Orchard|Oval|Pass|"
    "Pines|Plains|Prairie|Ranch|Route|Rte|Shore|Shores|Spring|Springs|Spur|Station|Summit|"
    "Trace|Track|Tunnel|Valley|Vly|View|Villa|Village|Vista|Wharf|Bend|Bluff|Brook|Canyon|"
    "Cliff|Cliffs|Corner|Crest|Dale|Falls|Ferry|Field|Fields|Flat|Flats|Forest|Forge|Fork|"
    "Gardens|Gateway|Island|Isle|Knoll|Lake|Lakes|Lodge|Manor|Overpass|Parade|Esplanade|"
    "Promenade|Quay|Rapids|Skyway|Stream|Underpass|Viaduct|Wells|Annex|Arcade|Bayou|Beach|"
    "Bottom|Branch|Bridge|Camp|Cape|Inlet|Motorway|Broadway";

// Streets whose type is glued to the name (German, Dutch, Nordic, Finnish).
constexpr char kGluedTypes[] =
    "straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|laan|straat|gracht|plein|kade|"
    "dijk|singel|katu|tie|kuja|polku|gatan|vägen|gata|väg|gade|vej|veien|gate|vegur|braut";

// Street types written before the name (Romance languages, Polish).
constexpr char kTypesFirst[] =
    "Rue|Avenue|Av\\.|Avda\\.?|Avenida|Boulevard|Bd|Chemin|Allée|Impasse|Quai|Via|Viale|Piazza|"
    "Corso|Calle|Carrer|Plaza|Paseo|Rua|Travessa|Largo|ul\\.|ulica|aleja|C/";

constexpr std::string_view kStates[] = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY", "DC", "PR"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsUpper(c) || IsLower(c); }

// Reads the address past `end`; returns the new end and sets *tail_score.
class Tail {
 public:
  explicit Tail(std::string_view t) : t_(t) {}

  // ", Apt 4B" / " Suite 300" / " #12" (also after a line break).
  size_t Unit(size_t end, bool* found) const {
    size_t i = Sep(end);
    static constexpr std::string_view kUnits[] = {"Apartment", "Apt", "Suite", "Ste", "Unit",
                                                  "Floor", "Fl", "Room", "Rm", "Bldg", "Building",
                                                  "Lot", "#"};
    for (std::string_view u : kUnits) {
      if (!Starts(i, u)) continue;
      size_t j = i + u.size();
      if (j < t_.size() && t_[j] == '.') ++j;
      if (j < t_.size() && t_[j] == ' ') ++j;
      if (j < t_.size() && t_[j] == '#') ++j;
      size_t k = j;
      while (k < t_.size() && (IsAlnum(t_[k]) || t_[k] == '-') && k - j < 8) ++k;
      if (k == j || (k < t_.size() && IsAlnum(t_[k])) || !HasDigit(j, k)) return end;
      *found = true;
      return k;
    }
    return end;
  }

  // ", City, ST 12345" / ", City ST" / " 12345" / ", 12345 City".
  size_t Locality(size_t end, bool* found) const {
    size_t i = Sep(end);
    if (i == end) return end;
    size_t z = Zip(i);
    if (z != i) {
      // "10115 Berlin": a European postal code and its city.
      size_t c = Sep(z);
      size_t ce = City(c);
      *found = true;
      return ce != c && c == z + 1 ? ce : z;
    }
    size_t ce = City(i);
    if (ce == i) return end;
    size_t s = Sep(ce);
    if (s + 2 <= t_.size() && IsState(s) && (s + 2 == t_.size() || !IsAlnum(t_[s + 2]))) {
      *found = true;
      size_t after = s + 2;
      if (after < t_.size() && t_[after] == ' ') {
        size_t zz = Zip(after + 1);
        if (zz != after + 1) return zz;
      }
      return after;
    }
    size_t zz = Zip(s);  // "Springfield 62704"
    if (zz != s && s == ce + 1) {
      *found = true;
      return zz;
    }
    return end;
  }

 private:
  bool Starts(size_t i, std::string_view s) const { return t_.substr(i).starts_with(s); }
  bool HasDigit(size_t b, size_t e) const {
    for (size_t i = b; i < e; ++i) {
      if (IsDigit(t_[i])) return true;
    }
    return false;
  }
  // Past ", " or " " or a line break (with spaces) between parts.
  size_t Sep(size_t i) const {
    size_t j = i;
    if (j < t_.size() && t_[j] == ',') ++j;
    size_t spaces = 0;
    while (j < t_.size() && (t_[j] == ' ' || t_[j] == '\n') && spaces < 4) ++j, ++spaces;
    if (j < t_.size() && t_[j] == ',' && j > i && t_[j - 1] == '\n') return Sep(j);
    return spaces > 0 ? j : i;
  }
  size_t Zip(size_t i) const {
    size_t j = i;
    while (j < t_.size() && IsDigit(t_[j]) && j - i < 6) ++j;
    if (j - i != 5 && j - i != 4) return i;
    if (j + 5 <= t_.size() && t_[j] == '-' && IsDigit(t_[j + 1])) {
      size_t k = j + 1;
      while (k < t_.size() && IsDigit(t_[k])) ++k;
      if (k - j - 1 == 4) j = k;
    }
    return j < t_.size() && IsAlnum(t_[j]) ? i : j;
  }
  // One to three capitalized (or upper-case) words.
  size_t City(size_t i) const {
    size_t end = i;
    for (int words = 0; words < 3; ++words) {
      size_t j = end == i ? i : end + 1;
      if (end != i && (end >= t_.size() || t_[end] != ' ')) break;
      if (j >= t_.size() || !(IsUpper(t_[j]) || static_cast<unsigned char>(t_[j]) >= 0xC3)) break;
      size_t k = j + 1;
      while (k < t_.size() && (IsAlnum(t_[k]) || t_[k] == '.' || t_[k] == '\'' || t_[k] == '-' ||
                               static_cast<unsigned char>(t_[k]) >= 0x80))
        ++k;
      if (k - j == 2 && IsUpper(t_[j + 1]) && words > 0) break;  // a state code
      end = k;
    }
    return end;
  }
  bool IsState(size_t i) const {
    for (std::string_view s : kStates) {
      if (t_.substr(i, 2) == s) return true;
    }
    return false;
  }
  std::string_view t_;
};

class StreetAddressDetector : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    const std::string number = "[0-9]{1,6}[A-Za-z]?(?:-[0-9]{1,4})?";
    const std::string directional = "(?:(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\\.? )?";
    const std::string word = "[A-Za-z0-9\\x80-\\xff][A-Za-z0-9'.\\x80-\\xff-]*";
    return {
        {number + " " + directional + "(?:" + word + " ){1,4}(?i:" + kSuffixes + ")\\.?", 0, kUs},
        {"(?i:p\\.? ?o\\.? ?box|post office box) ?#? ?[0-9]{1,6}", 0, kPoBox},
        {"(?:PSC|CMR|Unit) [0-9]{1,5},? Box [0-9]{1,5}", 0, kMilitary},
        // After a separator (trimmed in Validate): "tie 3" inside a word
        // would be a candidate at every "...tie 3".
        {"(?:^|[ \\n(,:])[A-Z\\xc3-\\xc5][A-Za-z\\x80-\\xff-]{1,30}(?:" + std::string(kGluedTypes) +
             ") [0-9]{1,4}[a-zA-Z]?",
         0, kGlued},
        {"(?:" + std::string(kTypesFirst) + ") [A-Za-z\\x80-\\xff][A-Za-z\\x80-\\xff' .-]{0,50} [0-9]{1,5}[a-zA-Z]?",
         0, kTypeFirst},
        // "4844 Søndergade 52": a street without a type word; weak alone.
        {"[0-9]{1,5} [A-Z\\xc3-\\xc5\\xce\\xcf][A-Za-z\\x80-\\xff-]+ (?:[A-Za-z\\x80-\\xff.-]+ ){0,2}[0-9]{1,4}[a-z]?",
         0, kNumberNameNumber},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& cand, std::vector<Finding>* out) const override {
    const std::string_view t = ctx.text;
    Candidate c = cand;
    while (c.begin < c.end && (t[c.begin] == ' ' || t[c.begin] == '\n' || t[c.begin] == '(' ||
                               t[c.begin] == ',' || t[c.begin] == ':'))
      ++c.begin;
    if (!AsciiWordBounded(t, c.begin, c.end)) return;
    if (c.begin > 0 && (t[c.begin - 1] == '.' || t[c.begin - 1] == '-' || t[c.begin - 1] == '$' ||
                        t[c.begin - 1] == '/' || t[c.begin - 1] == '#'))
      return;
    float score = 0.55f;
    if (c.tag == kUs) {
      score = StreetNameScore(t.substr(c.begin, c.end - c.begin));
      if (score <= 0) return;
    } else if (c.tag == kPoBox || c.tag == kMilitary) {
      score = c.tag == kPoBox ? 0.6f : 0.7f;
    } else if (c.tag == kNumberNameNumber) {
      score = 0.3f;
    } else if (c.tag == kTypeFirst && !NameWordsCapitalized(t.substr(c.begin, c.end - c.begin))) {
      return;  // "Plaza hotel is 5"
    }
    Tail tail(t);
    bool unit = false, locality = false;
    size_t end = tail.Unit(c.end, &unit);
    if (c.tag == kMilitary) {
      // "APO AA 69974"
      size_t i = end;
      while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == ',')) ++i;
      std::string_view rest = t.substr(i);
      if (rest.size() >= 12 && (rest.starts_with("APO ") || rest.starts_with("FPO ") ||
                                rest.starts_with("DPO ")))
        end = i + 12, locality = true;
    }
    if (!locality) end = tail.Locality(end, &locality);
    // "... at 1445 Dogwood Lane." ends a sentence: the period is not part of it.
    if (!unit && !locality && end == c.end && t[end - 1] == '.' &&
        (end == t.size() || t[end] == ' ' || t[end] == '\n'))
      --end;
    if (unit) score += 0.1f;
    if (locality) score += 0.25f;
    out->push_back(Finding{kType, kName, {}, c.begin, static_cast<uint32_t>(end), std::min(score, 1.0f)});
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
  // case, 0 for words of prose ("5 miles down the road").
  static float StreetNameScore(std::string_view s) {
    static constexpr std::string_view kProse[] = {
        "the", "a", "an", "of", "in", "on", "at", "to", "from", "and", "or", "my", "our", "your",
        "his", "her", "their", "this", "that", "for", "with", "by", "down", "up", "is", "are",
        "was", "it", "we", "you", "i", "he", "she", "they", "more", "than", "per", "each",
        "miles", "mile", "km", "minutes", "hours", "days", "years", "times", "blocks", "people"};
    bool capitalized = true;
    size_t i = s.find(' ');
    while (i != std::string_view::npos) {
      size_t j = s.find(' ', i + 1);
      std::string_view w = s.substr(i + 1, (j == std::string_view::npos ? s.size() : j) - i - 1);
      if (j != std::string_view::npos) {
        std::string lower;
        for (char c : w) lower.push_back(IsUpper(c) ? c + 32 : c);
        for (std::string_view p : kProse) {
          if (lower == p) return 0;
        }
        if (!w.empty() && IsLower(w[0])) capitalized = false;
      } else if (!w.empty() && IsLower(w[0])) {
        capitalized = false;  // the suffix
      }
      i = j;
    }
    return capitalized ? 0.55f : 0.3f;
  }
};

}  // namespace

std::unique_ptr<Detector> MakeStreetAddressDetector() { return std::make_unique<StreetAddressDetector>(); }

}  // namespace winnow::pii
