// LOCATION: where a person lives, comes from or is going, below the level
// of a state: a city or neighbourhood name.
//
// A capitalized word after "in" is not enough (places in the news are not
// personal data), so the candidates are:
//   - a personal cue and a capitalized name: "I live in Somerville",
//     "we're moving to Trastevere", "originally from Cork", "based in
//     Leeds", "my hometown is Split", "near Brookline" (weaker, and never an
//     organization: "near Orchard Law Group");
//   - "City, ST" with a US state code ("Ann Arbor, MI").
// Validation reads the capitalized words of the name (with connectors such
// as "de" and "upon": "Rio de Janeiro", "Stratford upon Avon") and rejects
// months, greetings and other common capitalized words.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cctype>
#include <string>

#include "pii/detectors/person_cues.h"
#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "LOCATION";
constexpr std::string_view kName = "location";

enum Tag { kStrongCue = 0, kNearCue, kCityState };

constexpr char kStates[] =
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC";

// Words that continue a place name in lower case.
bool IsConnector(std::string_view w) {
  static constexpr std::string_view kConnectors[] = {"de", "del", "da", "do", "dos", "la", "le",
                                                     "les", "of", "upon", "on", "sur", "am",
                                                     "an", "im", "di", "en"};
  for (std::string_view c : kConnectors) {
    if (w == c) return true;
  }
  return false;
}

bool IsMonthOrDay(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
      "Saturday", "Sunday", "Christmas", "Easter", "Thanksgiving"};
  for (std::string_view m : kWords) {
    if (w == m) return true;
  }
  return false;
}

// The word at text[i]: letters, digits, and inner ' . - (UTF-8 kept whole).
size_t WordEnd(std::string_view t, size_t i) {
  size_t j = i;
  while (j < t.size()) {
    const unsigned char c = t[j];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80) {
      ++j;
    } else if ((c == '\'' || c == '-' || c == '.') && j + 1 < t.size() &&
               ((t[j + 1] >= 'A' && t[j + 1] <= 'Z') || (t[j + 1] >= 'a' && t[j + 1] <= 'z'))) {
      ++j;
    } else {
      break;
    }
  }
  return j;
}

bool StartsCapitalized(std::string_view t, size_t i) {
  if (i >= t.size()) return false;
  size_t k = i;
  UChar32 cp;
  U8_NEXT(t.data(), k, t.size(), cp);
  return cp >= 0 && (u_isupper(cp) || u_istitle(cp));
}

// The start of the longest "[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}" that ends
// at t[comma] (one to three capitalized words), or `comma` when there is none.
size_t CityStart(std::string_view t, size_t comma) {
  size_t start = comma, i = comma;
  for (int words = 0; words < 3; ++words) {
    size_t j = i;
    while (j > 0 && t[j - 1] >= 'a' && t[j - 1] <= 'z') --j;
    if (j == i || j == 0 || t[j - 1] < 'A' || t[j - 1] > 'Z') break;
    start = j - 1;
    if (start == 0 || (t[start - 1] != ' ' && t[start - 1] != '-')) break;
    i = start - 1;
  }
  return start;
}

class LocationDetector : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    const std::string capital = "(?:[A-Z]|[\\xc3-\\xc5\\xd0][\\x80-\\xbf])";
    const std::string strong =
        "(?i:(?:i|we|they|he|she|who) (?:live|lived|reside|resided|grew up|was born|were born|"
        "moved|relocated)|(?:i'm|i am|we're|we are|they're|he's|she's|i've|we've) (?:living|"
        "based|moving|relocating|staying|from|originally from)|(?:i|we) (?:come|came) from|"
        "living|lives|based|born|raised|originally from|hometown(?: is)?|moving|relocating|"
        "my (?:town|city|neighbou?rhood)(?: is)?)"
        " (?:(?i:in|to|near|from|out of|outside(?: of)?|around) )?";
    return {
        {strong + capital, 0, kStrongCue},
        {"(?i:near) " + capital, 0, kNearCue},
        // The name before ", ST" ([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}) is
        // read by Validate(): as a regex its open start makes Hyperscan
        // track every capitalized word.
        {"[a-z], (?:" + std::string(kStates) + ")", 0, kCityState},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    const std::string_view t = ctx.text;
    if (c.tag == kCityState) {
      const size_t begin = CityStart(t, c.begin + 1);
      if (begin == c.begin + 1 || !AsciiWordBounded(t, begin, c.end)) return;
      const size_t first_end = WordEnd(t, begin);
      const CueWord first = WordClass(t.substr(begin, first_end - begin));
      if (first != CueWord::kNone && first != CueWord::kHead && first != CueWord::kPrefix)
        return;  // "Hi, OK", "Thanks, ME"
      out->push_back(Finding{kType, kName, "city_state", static_cast<uint32_t>(begin), c.end, 0.55f});
      return;
    }
    if (c.begin > 0 && (std::isalnum(static_cast<unsigned char>(t[c.begin - 1])) || t[c.begin - 1] == '\''))
      return;
    // The name starts at the capital letter the candidate ends on.
    size_t b = c.end - 1;
    while (b > c.begin && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) --b;
    size_t end = b, words = 0;
    for (size_t i = b; i < t.size() && words < 4;) {
      const size_t e = WordEnd(t, i);
      if (e == i) break;
      std::string_view w = t.substr(i, e - i);
      if (!StartsCapitalized(t, i)) {
        // A lower-case connector only between two capitalized words.
        if (!IsConnector(w) || e + 1 >= t.size() || t[e] != ' ' || !StartsCapitalized(t, e + 1)) break;
      } else {
        const CueWord cls = WordClass(w);
        if (IsMonthOrDay(w) || (cls != CueWord::kNone && cls != CueWord::kHead && cls != CueWord::kPrefix &&
                                !(words == 0 && w == "The")))
          break;
        ++words;
        end = e;
      }
      if (e >= t.size() || t[e] != ' ') break;
      i = e + 1;
    }
    if (words == 0 || end <= b) return;
    // "near Orchard Law Group": an organization.
    if (c.tag == kNearCue) {
      size_t last = end;
      while (last > b && t[last - 1] != ' ') --last;
      if (WordClass(t.substr(last, end - last)) == CueWord::kHead) return;
    }
    // "moving to Sarah's": a person's place, not a place name.
    if (t.substr(end).starts_with("'s") || t.substr(end).starts_with("\xE2\x80\x99s")) return;
    out->push_back(Finding{kType, kName, {}, static_cast<uint32_t>(b), static_cast<uint32_t>(end),
                           c.tag == kStrongCue ? 0.7f : 0.55f});
  }
};

}  // namespace

std::unique_ptr<Detector> MakeLocationDetector() { return std::make_unique<LocationDetector>(); }

}  // namespace winnow::pii
