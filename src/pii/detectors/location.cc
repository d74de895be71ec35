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
//
// A place is personal data only when it is tied to a person, so:
//   - a verb cue needs its preposition ("living in", "based in"): without
//     one it is an adjective or a noun ("a text-based AI", "Web-Based
//     Applications", "LIVING ROOM", "All Lives Matter");
//   - "living", "moving" and "relocating" without a subject of their own
//     need a personal pronoun earlier in the sentence ("I am a 30 year old
//     man living in NYC", "my sister is thinking of moving to Leeds"): "the
//     cost of living in X", "people living in X", "tips for saving money
//     while living in X" are about no one. "cost of living" (the noun)
//     never counts. "lives", "born", "raised" and "based" have a subject
//     by grammar and are kept (Presidio labels "an agency based in X" a
//     place too);
//   - a cue written in title case or capitals inside a line is a heading
//     ("The Cost of Living in Chiang Mai", "Communities Near Waste ...").
// "City, ST" is not a place after an honorific ("Prof. Oriel Shoshani,
// ME" is a name and a degree), in a list of column names ("Course, Name,
// ID, Code Name"), before a compass word's region ("Range, NE China") or
// as an attribute ("a Sacramento, CA-based firm"); an organization's head
// word before the city is not part of it ("Media Company Los Angeles, CA").
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

enum Tag { kStrongCue = 0, kLooseCue, kNearCue, kCityState };

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

// Articles that start place names ("Le Marais", "La Jolla", "El Paso").
bool IsArticle(std::string_view w) {
  static constexpr std::string_view kArticles[] = {"Le", "La", "Les", "El", "Los", "Las", "Il", "Lo"};
  for (std::string_view a : kArticles) {
    if (w == a) return true;
  }
  return false;
}

// Head words of organizations that also start place names ("Lake Tahoe").
bool StartsPlaceName(std::string_view w) {
  return w == "Lake" || w == "Mount" || w == "Port" || w == "Fort";
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLetter(char c) { return IsAsciiUpper(c) || (c >= 'a' && c <= 'z'); }

// True when the cue [begin, end) is written as a heading: a word after
// the first in title case or capitals ("Living In", "I LIVE IN"), a first
// word in capitals ("LIVING ROOM"), or a capitalized first word (other
// than "I", "I'm") inside a line ("The Cost of Living in").
bool IsHeading(std::string_view t, size_t begin, size_t end) {
  size_t first_end = begin;
  while (first_end < end && t[first_end] != ' ') ++first_end;
  for (size_t i = first_end; i + 1 < end; ++i) {
    if (t[i] == ' ' && IsAsciiUpper(t[i + 1])) return true;
  }
  if (!IsAsciiUpper(t[begin])) return false;
  if (first_end - begin >= 2 && IsAsciiUpper(t[begin + 1])) return true;
  if (t[begin] == 'I' && (first_end - begin == 1 || t[begin + 1] == '\'' || t[begin + 1] == '\xE2'))
    return false;
  size_t j = begin;
  while (j > 0 && (t[j - 1] == ' ' || t[j - 1] == '\t')) --j;
  return j > 0 && (std::isalnum(static_cast<unsigned char>(t[j - 1])) || t[j - 1] == ',');
}

// True when a personal pronoun ("I", "my", "we're", "she", "herself")
// comes earlier in the sentence, within 12 words, before a cue without a
// subject of its own that starts at t[begin] ("I am a 30 year old man
// living in ..."). False for the noun ("the cost of living in").
bool PersonBefore(std::string_view t, size_t begin) {
  static constexpr std::string_view kPronouns[] = {
      "i", "me", "my", "myself", "mine", "we", "us", "our", "ours", "ourselves", "he", "him",
      "his", "himself", "she", "her", "hers", "herself"};
  size_t i = begin;
  for (int words = 0; words < 12; ++words) {
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == ',')) --i;
    if (i == 0) return false;
    const char p = t[i - 1];
    if (p == '.' || p == '!' || p == '?' || p == '\n' || p == ';' || p == ':') return false;
    size_t w = i;
    while (w > 0 && (IsAsciiLetter(t[w - 1]) || t[w - 1] == '\'' ||
                     static_cast<unsigned char>(t[w - 1]) >= 0x80))
      --w;
    if (w == i) {
      --i;  // a digit or a sign: skip it
      continue;
    }
    // The word before an apostrophe, lower case: "We're" -> "we".
    std::string word;
    for (size_t k = w; k < i && IsAsciiLetter(t[k]); ++k) word.push_back(static_cast<char>(std::tolower(t[k])));
    if (words == 0 && word == "of") return false;  // "cost of living"
    for (std::string_view p : kPronouns) {
      if (word == p) return true;
    }
    i = w;
  }
  return false;
}

// False when "City, ST" at [begin, end) is no place: after an honorific
// ("Prof. Oriel Shoshani, ME"), inside a list of names ("Course, Name, ID,
// Code Name"), "NE" before a region ("Range, NE China"), or an attribute
// ("Sacramento, CA-based").
bool CityStateInContext(std::string_view t, size_t begin, size_t end) {
  size_t j = begin;  // the end of what comes before
  while (j > 0 && t[j - 1] == ' ') --j;
  size_t w = j > 0 && t[j - 1] == '.' ? j - 1 : j, word_end = w;
  while (w > 0 && IsAsciiLetter(t[w - 1])) --w;
  if (w < word_end && WordClass(t.substr(w, word_end - w)) == CueWord::kHonorific) return false;
  const std::string_view after = t.substr(end);
  if (after.starts_with("-based") || after.starts_with("-Based")) return false;
  size_t k = after.starts_with(",") ? 1 : 0;
  while (k < after.size() && after[k] == ' ') ++k;
  const bool next_capitalized = k < after.size() && IsAsciiUpper(after[k]) && !after.substr(k).starts_with("US") &&
                                !after.substr(k).starts_with("U.S") && !after.substr(k).starts_with("United");
  if (after.starts_with(",") && next_capitalized && j > 0 && t[j - 1] == ',') return false;
  if (t.substr(end - 2, 2) == "NE" && after.starts_with(" ") && next_capitalized) return false;
  return true;
}

class LocationDetector : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    const std::string capital = "(?:[A-Z]|[\\xc3-\\xc5\\xd0][\\x80-\\xbf])";
    const std::string prepositions = "(?i:in|to|near|from|out of|outside(?: of)?|around)";
    // A verb with its subject ("I live", "she's moving") or a verb whose
    // subject is a person by grammar ("Joe lives", "was born"), then a
    // preposition; or a cue that ends in "from" or "is" ("I'm from",
    // "originally from", "my hometown is"), then an optional preposition.
    const std::string strong =
        "(?:(?i:(?:i|we|they|he|she|who) (?:live|lived|reside|resided|grew up|was born|were born|"
        "moved|relocated)|(?:i'm|i am|we're|we are|they're|he's|she's|i've|we've) (?:living|"
        "based|moving|relocating|staying)|lives|based|born|raised) " + prepositions + " |"
        "(?i:(?:i'm|i am|we're|we are|they're|he's|she's|i've|we've) (?:from|originally from)|"
        "(?:i|we) (?:come|came) from|originally from|hometown(?: is)?|"
        "my (?:town|city|neighbou?rhood)(?: is)?) (?:" + prepositions + " )?)";
    return {
        {strong + capital, 0, kStrongCue},
        // Without a subject: needs a person earlier in the sentence.
        {"(?i:living|moving|relocating) " + prepositions + " " + capital, 0, kLooseCue},
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
      size_t begin = CityStart(t, c.begin + 1);
      if (begin == c.begin + 1 || !AsciiWordBounded(t, begin, c.end)) return;
      if (!CityStateInContext(t, begin, c.end)) return;
      // "Media Company Los Angeles, CA": the organization's head word ends
      // it, and the city starts after it.
      for (size_t e = WordEnd(t, begin); e < c.begin + 1 && t[e] == ' ';) {
        const std::string_view w = t.substr(begin, e - begin);
        if (WordClass(w) != CueWord::kHead || StartsPlaceName(w)) break;
        begin = e + 1;
        e = WordEnd(t, begin);
      }
      const size_t first_end = WordEnd(t, begin);
      const CueWord first = WordClass(t.substr(begin, first_end - begin));
      if (first != CueWord::kNone && first != CueWord::kHead && first != CueWord::kPrefix)
        return;  // "Hi, OK", "Thanks, ME"
      out->push_back(Finding{kType, kName, "city_state", static_cast<uint32_t>(begin), c.end, 0.55f});
      return;
    }
    if (c.begin > 0 && (std::isalnum(static_cast<unsigned char>(t[c.begin - 1])) || t[c.begin - 1] == '\''))
      return;
    if (IsHeading(t, c.begin, c.end - 1)) return;
    if (c.tag == kLooseCue && !PersonBefore(t, c.begin)) return;
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
        // A leading article before a capitalized word: "The Hague", "Le
        // Marais", "La Jolla".
        const bool article = words == 0 && (w == "The" || (IsArticle(w) && e + 1 < t.size() &&
                                                           t[e] == ' ' && StartsCapitalized(t, e + 1)));
        if (IsMonthOrDay(w) || (cls != CueWord::kNone && cls != CueWord::kHead && cls != CueWord::kPrefix &&
                                !article))
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
                           c.tag == kNearCue ? 0.55f : 0.7f});
  }
};

}  // namespace

std::unique_ptr<Detector> MakeLocationDetector() { return std::make_unique<LocationDetector>(); }

}  // namespace winnow::pii
