#include "pii/detectors/street_address_parts.h"

#include <algorithm>

namespace winnow::pii::street_address {
namespace {

// Street suffixes (USPS Publication 28, Appendix C1): full words, then the
// abbreviations (a period after an abbreviation does not end a sentence).
constexpr std::string_view kSuffixWords =
    "Street|Avenue|Road|Boulevard|Lane|Drive|Court|Way|Place|Terrace|Parkway|Circle|Highway|"
    "Square|Trail|Loop|Alley|Crescent|Close|Grove|Heights|Hill|Park|Plaza|Point|Ridge|Row|Run|"
    "Walk|Path|Pike|Crossing|Expressway|Freeway|Turnpike|Causeway|Bypass|Center|Commons|Cove|"
    "Creek|Estates|Glen|Green|Harbor|Haven|Hollow|Junction|Landing|Meadows|Mews|Mill|Mills|"
    "Mountain|Orchard|Oval|Pass|Pines|Plains|Prairie|Ranch|Route|Shore|Shores|Spring|Springs|"
    "Spur|Station|Summit|Trace|Track|Tunnel|Valley|View|Villa|Village|Vista|Wharf|Bend|Bluff|"
    "Brook|Canyon|Cliff|Cliffs|Corner|Crest|Dale|Falls|Ferry|Field|Fields|Flat|Flats|Forest|"
    "Forge|Fork|Gardens|Gateway|Island|Isle|Knoll|Lake|Lakes|Lodge|Manor|Overpass|Parade|"
    "Esplanade|Promenade|Quay|Rapids|Skyway|Stream|Underpass|Viaduct|Wells|Annex|Arcade|Bayou|"
    "Beach|Bottom|Branch|Bridge|Camp|Cape|Inlet|Motorway|Broadway";
constexpr std::string_view kSuffixAbbreviations =
    "St|Str|Ave|Av|Rd|Blvd|Ln|Dr|Ct|Wy|Pl|Ter|Pkwy|Cir|Hwy|Sq|Trl|Aly|Cres|Grv|Hts|Plz|Pt|Rdg|"
    "Xing|Expy|Fwy|Tpke|Cswy|Byp|Ctr|Cv|Crk|Hbr|Jct|Lndg|Mtn|Rte|Vly";

constexpr std::string_view kStates[] = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY", "DC", "PR"};

std::vector<std::string_view> Split(std::string_view list) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i <= list.size();) {
    size_t j = std::min(list.find('|', i), list.size());
    out.push_back(list.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

SuffixTable::SuffixTable() {
  for (std::string_view s : Split(kSuffixWords)) Add(s, false);
  for (std::string_view s : Split(kSuffixAbbreviations)) Add(s, true);
  std::sort(entries_.begin(), entries_.end());
}

int SuffixTable::Find(std::string_view word) const {
  if (word.size() < 2 || word.size() > kMaxLength) return 0;
  char buf[kMaxLength];
  for (size_t i = 0; i < word.size(); ++i) buf[i] = Lower(word[i]);
  const std::string_view key(buf, word.size());
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  if (it == entries_.end() || it->first != key) return 0;
  return it->second ? 2 : 1;
}

void SuffixTable::Add(std::string_view s, bool abbreviation) {
  std::string lower;
  for (char c : s) lower.push_back(Lower(c));
  entries_.emplace_back(std::move(lower), abbreviation);
}

size_t Tail::Unit(size_t end, bool* found) const {
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

size_t Tail::Locality(size_t end, bool after_period, bool* found) const {
  size_t i = Sep(end);
  if (i == end) return end;
  const bool loose = !after_period || t_[end] == ',';
  size_t z = Zip(i);
  if (z != i && loose) {
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
  if (zz != s && s == ce + 1 && loose) {
    *found = true;
    return zz;
  }
  return end;
}

bool Tail::HasDigit(size_t b, size_t e) const {
  for (size_t i = b; i < e; ++i) {
    if (IsDigit(t_[i])) return true;
  }
  return false;
}

// Past ", " or " " or a line break (with spaces) between parts.
size_t Tail::Sep(size_t i) const {
  size_t j = i;
  if (j < t_.size() && t_[j] == ',') ++j;
  size_t spaces = 0;
  while (j < t_.size() && (t_[j] == ' ' || t_[j] == '\n') && spaces < 4) ++j, ++spaces;
  if (j < t_.size() && t_[j] == ',' && j > i && t_[j - 1] == '\n') return Sep(j);
  return spaces > 0 ? j : i;
}

size_t Tail::Zip(size_t i) const {
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
size_t Tail::City(size_t i) const {
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

bool Tail::IsState(size_t i) const {
  for (std::string_view s : kStates) {
    if (t_.substr(i, 2) == s) return true;
  }
  return false;
}

}  // namespace winnow::pii::street_address
