// PHONE_NUMBER: telephone numbers, validated with libphonenumber.
//
// Candidates are runs of 7–20 digits, perhaps after '+' or '(', split by up
// to two of " .-/()" ("(415) 555-0132", "+44 (20) 7123 4567",
// "01.42.68.53.00", "tel:+14155550132"). Shapes that are something else are
// dropped before any parsing: dates, dotted quads, versions, decimals,
// thousands groups, ISBNs, the SSN layout, Luhn-valid card runs, and runs
// glued to a word, path or MAC address. A run is read whole, then without
// a short neighbouring group; '+' and 00 numbers on their own, national
// ones in the text's region if known, then in each of kRegions.
//
// "Grouped" (libphonenumber's STRICT_GROUPING idea): the written groups
// break where libphonenumber's own format does. Scores: valid and grouped
// 0.75 international, 0.6 national with separators, 0.4 as a bare run
// (order ids and timestamps are bare runs too); valid in another grouping
// 0.55 / 0.5 ("07700 063 966"); only possible (metadata may predate the
// number range) 0.5 for '+' with groups, else 0.3 / 0.15. Context words
// ("phone", "call", "my number", "Telefon", ...) add 0.4.
//
// Speed: Parse and IsValidNumber cost about 10 µs each (ICU regular
// expressions), so national numbers skip Parse (the trunk prefix is
// stripped here) and the cheap IsPossibleNumber goes first.
//
// Thread safety: PhoneNumberUtil's const methods are safe from many threads.
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::string_view kType = "PHONE_NUMBER";
constexpr std::string_view kName = "phone";

// Regions tried for national numbers, most common first (the order decides
// the country of a number valid in several), and their trunk prefixes.
struct Region {
  const char* code;
  const char* trunk;    // national (trunk) prefix, "" when there is none
  bool trunk_required;  // national numbers are always written with it
  bool leading_zero;    // a leading 0 belongs to the number itself (Italy)
};
constexpr Region kRegions[] = {
    {"US", "1", false, false}, {"GB", "0", true, false},  {"DE", "0", true, false}, {"FR", "0", true, false},
    {"IN", "0", false, false}, {"BR", "0", false, false}, {"JP", "0", true, false}, {"CN", "0", false, false},
    {"AU", "0", true, false},  {"MX", "", false, false},  {"ES", "", false, false}, {"IT", "", false, true},
    {"NG", "0", true, false},  {"RU", "8", true, false},  {"KR", "0", true, false}, {"IL", "0", true, false},
    {"NL", "0", true, false},
};
constexpr size_t kRegionCount = sizeof(kRegions) / sizeof(kRegions[0]);

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// A candidate cut into digit groups and the separators in front of each.
struct Shape {
  std::vector<std::string_view> groups;
  std::vector<std::string_view> seps;  // seps[i] precedes groups[i]; seps[0] is ""
  size_t digits = 0;
};

Shape Split(std::string_view s) {
  Shape sh;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && !IsDigit(s[j])) ++j;
    size_t k = j;
    while (k < s.size() && IsDigit(s[k])) ++k;
    if (k == j) break;
    sh.seps.push_back(s.substr(i, j - i));
    sh.groups.push_back(s.substr(j, k - j));
    sh.digits += k - j;
    i = k;
  }
  return sh;
}

bool IsYear(std::string_view g) { return g.size() == 4 && (g.starts_with("19") || g.starts_with("20")); }

// A yyyymmdd date ("20020928").
bool LooksLikeDate8(std::string_view d) {
  if (d.size() != 8 || !IsYear(d.substr(0, 4))) return false;
  int m = (d[4] - '0') * 10 + (d[5] - '0'), day = (d[6] - '0') * 10 + (d[7] - '0');
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

// Shapes that are not phone numbers whatever a parser says. A '+' says
// phone, so only national-looking runs are checked.
bool LooksLikeOtherNumber(const Shape& sh, bool plus) {
  const auto& g = sh.groups;
  const size_t n = g.size();
  if (plus) return false;
  bool all_dot = n > 1, all_space = n > 1, any_paren = false, any_dot = false, other_sep = false;
  bool pairs = n >= 4;
  int singles = 0;
  for (size_t i = 0; i < n; ++i) {
    singles += g[i].size() == 1;
    pairs &= g[i].size() == 2;
    if (i == 0) continue;
    const std::string_view sep = sh.seps[i];
    all_dot &= sep == ".";
    all_space &= sep == " ";
    any_paren |= sep.find_first_of("()") != std::string_view::npos;
    (sep.find('.') != std::string_view::npos ? any_dot : other_sep) = true;
    if (sep == " -") return true;  // a minus sign: "{-5 -232 545 699}"
  }
  if (singles >= 2) return true;  // "1 2 3 4 5 6 7"
  // Hex dumps and lists ("61 61 61 61 61"); French numbers are five pairs
  // from a trunk 0.
  if (pairs && !(n == 5 && g[0][0] == '0')) return true;
  // Dates: 2021-05-21, 2021/5/21 10, 17.04.2001, 04/17/2001, 20020928.
  if (n >= 3 && !any_paren && sh.seps[1].size() == 1 && sh.seps[2] == sh.seps[1] &&
      std::string_view("-/.").find(sh.seps[1][0]) != std::string_view::npos) {
    if (IsYear(g[0]) && g[1].size() <= 2 && g[2].size() <= 2) return true;
    if (n == 3 && g[0].size() <= 2 && g[1].size() <= 2 && IsYear(g[2])) return true;
  }
  if (n == 1 && LooksLikeDate8(g[0])) return true;
  if (n >= 3 && sh.seps[1] == "/" && sh.seps[2] == "/") return true;  // "01/01/0001"
  // Decimals, versions, list items: dotted phone groups have two digits or
  // more and no other separator ("6356566.435", "153.312 120.9", "3. 42949").
  if (any_dot && (other_sep || n == 2 || singles > 0)) return true;
  // Dotted quads (IP addresses); ZIP+4 ("MA 02110-1301").
  if (all_dot && n == 4 && g[0].size() <= 3 && g[1].size() <= 3 && g[2].size() <= 3 && g[3].size() <= 3) return true;
  if (n == 2 && g[0].size() == 5 && g[1].size() == 4 && sh.seps[1] == "-") return true;
  // Thousands groups (1 234 567, 12.345.678, 399 700 498): a national number
  // would start with a trunk 0, or be Spanish (3-3-3 from 6–9).
  if ((all_dot || all_space) && g[0][0] != '0' && (g[0].size() <= 2 || (g[0].size() == 3 && g[0][0] < '6'))) {
    bool thousands = true;
    for (size_t i = 1; i < n; ++i) thousands &= g[i].size() == 3;
    if (thousands) return true;
  }
  // The US SSN/ITIN layout ddd-dd-dddd.
  if (n == 3 && !any_paren && g[0].size() == 3 && g[1].size() == 2 && g[2].size() == 4 &&
      sh.seps[1] == sh.seps[2] && sh.seps[1].size() == 1) {
    return true;
  }
  std::string digits;
  for (auto x : g) digits.append(x);
  // ISBN-13; card numbers (a bare run or 4-digit groups, Luhn-valid; 00 is a
  // call prefix, never a card).
  if (digits.size() == 13 && (digits.starts_with("978") || digits.starts_with("979"))) return true;
  return digits.size() >= 13 && digits.size() <= 19 && digits[0] != '0' && (n == 1 || g[0].size() == 4) &&
         LuhnValid(digits);
}

// What a reading of a candidate is. kGrouped: valid, and its separators fall
// where libphonenumber's own format puts them (or it has none), as
// PhoneNumberMatcher's STRICT_GROUPING leniency asks; "078-051121 07805"
// may be a valid number somewhere but is not written like one.
enum class Verdict { kNone, kPossible, kValid, kGrouped };

// One way of reading a candidate: its digit groups [lead, lead + count).
struct Reading {
  size_t lead = 0;
  size_t count = 0;
  std::string digits;
  std::vector<int> bounds;  // digit counts at which the written groups end
  bool intl = false;        // '+' or an international call prefix
  bool cut = false;         // groups of the run left out
};

// True when every boundary of `r` is one of `formatted`'s, after aligning a
// trunk prefix written in one and not the other.
bool Grouped(const Reading& r, const std::string& formatted) {
  std::vector<int> fb;
  std::string fd;
  for (size_t i = 0; i < formatted.size(); ++i) {
    if (!IsDigit(formatted[i])) continue;
    if (!fd.empty() && i > 0 && !IsDigit(formatted[i - 1])) fb.push_back(static_cast<int>(fd.size()));
    fd.push_back(formatted[i]);
  }
  int shift = 0;  // position in `formatted` = position in r.digits - shift
  if (fd.size() < r.digits.size() && r.digits.ends_with(fd)) {
    shift = static_cast<int>(r.digits.size() - fd.size());
  } else if (fd.size() > r.digits.size() && fd.ends_with(r.digits)) {
    shift = -static_cast<int>(fd.size() - r.digits.size());
  } else if (fd != r.digits) {
    return false;
  }
  for (int b : r.bounds) {
    int at = b - shift;
    if (at <= 0) continue;  // the end of a trunk prefix written as its own group
    if (std::find(fb.begin(), fb.end(), at) == fb.end()) return false;
  }
  return true;
}

// Judges readings; *e164 (when not null) receives the E.164 form.
struct Judge {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();

  Verdict Check(const PhoneNumber& num, const Reading& r, std::string* e164) const {
    if (!util.IsPossibleNumber(num)) return Verdict::kNone;
    if (e164 != nullptr) util.Format(num, PhoneNumberUtil::E164, e164);
    if (!util.IsValidNumber(num)) return Verdict::kPossible;
    if (r.bounds.empty()) return Verdict::kGrouped;
    std::string formatted;
    util.Format(num, r.intl ? PhoneNumberUtil::INTERNATIONAL : PhoneNumberUtil::NATIONAL, &formatted);
    return Grouped(r, formatted) ? Verdict::kGrouped : Verdict::kValid;
  }

  Verdict International(const Reading& r, std::string* e164) const {
    PhoneNumber num;
    if (util.Parse("+" + r.digits, "ZZ", &num) != PhoneNumberUtil::NO_PARSING_ERROR) return Verdict::kNone;
    return Check(num, r, e164);
  }

  // As a national number of `reg` (country calling code `cc`): the trunk
  // prefix stripped here, so no Parse.
  Verdict National(const Reading& r, const Region& reg, int cc, std::string* e164) const {
    std::string_view d = r.digits, trunk = reg.trunk;
    if (!trunk.empty() && d.starts_with(trunk)) {
      d.remove_prefix(trunk.size());
    } else if (reg.trunk_required) {
      return Verdict::kNone;
    }
    if (d.size() < 4 || d.size() > 14 || (d[0] == '0' && !reg.leading_zero)) return Verdict::kNone;
    PhoneNumber num;
    uint64_t v = 0;
    for (char c : d) v = v * 10 + static_cast<uint64_t>(c - '0');
    num.set_country_code(cc);
    num.set_national_number(v);
    if (size_t zeros = d.find_first_not_of('0'); zeros > 0 && zeros != std::string_view::npos) {
      num.set_italian_leading_zero(true);
      if (zeros > 1) num.set_number_of_leading_zeros(static_cast<int>(zeros));
    }
    return Check(num, r, e164);
  }

  // A hint outside kRegions: the general parser.
  Verdict Parsed(const Reading& r, const std::string& region, std::string* e164) const {
    PhoneNumber num;
    if (util.Parse(r.digits, region, &num) != PhoneNumberUtil::NO_PARSING_ERROR) return Verdict::kNone;
    return Check(num, r, e164);
  }
};

// Country calling codes of kRegions, looked up once.
const std::vector<int>& RegionCodes() {
  static const std::vector<int> codes = [] {
    std::vector<int> v;
    for (const Region& r : kRegions) v.push_back(PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(r.code));
    return v;
  }();
  return codes;
}

// The best reading and its verdict: readings in order, national ones in
// each region (the hint first, then kRegions). The first grouped reading
// wins, else the first valid, else the first possible; so a US number
// followed by a stray digit is read as the US number, not as a longer
// number of some other country written with odd groups.
std::pair<int, Verdict> Choose(const std::vector<Reading>& readings, std::string_view region_hint,
                               std::string* e164) {
  Judge judge;
  std::pair<int, Verdict> best{-1, Verdict::kNone};
  std::string best_e164, e;
  std::string* ep = e164 != nullptr ? &e : nullptr;  // formatting costs; Validate needs none
  auto consider = [&](size_t i, Verdict v) {
    if (readings[i].cut && v != Verdict::kGrouped) return false;
    if (v > best.second) best = {static_cast<int>(i), v}, best_e164 = e;
    return v == Verdict::kGrouped;
  };
  std::string hint;
  for (char c : region_hint) hint.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  if (hint == "UK") hint = "GB";
  const std::vector<int>& codes = RegionCodes();
  size_t hinted = kRegionCount;  // kRegionCount: a hint outside the list
  for (size_t k = 0; k < kRegionCount; ++k) hinted = hint == kRegions[k].code ? k : hinted;
  for (size_t i = 0; i < readings.size(); ++i) {
    if (readings[i].intl) {
      if (consider(i, judge.International(readings[i], ep))) break;
      continue;
    }
    bool grouped = false;
    for (size_t step = 0; step <= kRegionCount && !grouped; ++step) {
      size_t k = step == 0 ? hinted : step - 1;
      if ((step == 0 && hint.empty()) || (step > 0 && k == hinted)) continue;
      grouped = consider(i, k < kRegionCount ? judge.National(readings[i], kRegions[k], codes[k], ep)
                                             : judge.Parsed(readings[i], hint, ep));
    }
    if (grouped) break;
  }
  if (e164 != nullptr) *e164 = best_e164;
  return best;
}

// The ways of reading a run, most preferred first: whole; without one or
// two short trailing groups ("415-555-0132. 2"); without a short leading
// group ("5 415 555 0132": Hyperscan reports only the leftmost start). An
// international call prefix (00, 011) makes a reading international.
std::vector<Reading> Readings(const Shape& sh, bool plus) {
  struct Cut {
    size_t lead, drop;
  };
  constexpr Cut kCuts[] = {{0, 0}, {0, 1}, {0, 2}, {1, 0}};
  std::vector<Reading> out;
  const size_t n = sh.groups.size();
  for (const Cut& cut : kCuts) {
    if (cut.lead + cut.drop >= n) continue;
    if (cut.lead > 0 && (plus || sh.seps[1] != " " || sh.groups[0].size() > 4)) continue;
    size_t dropped = 0;
    for (size_t i = n - cut.drop; i < n; ++i) dropped += sh.groups[i].size();
    if (dropped > 4) continue;
    Reading r;
    r.lead = cut.lead;
    r.count = n - cut.lead - cut.drop;
    r.cut = cut.lead + cut.drop > 0;
    Shape part;
    for (size_t i = r.lead; i < r.lead + r.count; ++i) {
      // "+46 (0)8 ...": the trunk prefix shown in an international number.
      if (plus && i == 1 && sh.groups[1] == "0" && sh.seps[1].ends_with('(') && i + 1 < n &&
          sh.seps[2].starts_with(')')) {
        continue;
      }
      if (i > r.lead) r.bounds.push_back(static_cast<int>(r.digits.size()));
      r.digits.append(sh.groups[i]);
      part.groups.push_back(sh.groups[i]);
      part.seps.push_back(i == r.lead ? std::string_view() : sh.seps[i]);
    }
    if (r.digits.size() < 7 || r.digits.size() > 17) continue;
    // A cut is for shedding a neighbour, not for finding a short number
    // inside a long one (it must also come out grouped, see Choose()).
    if (cut.lead + cut.drop > 0 && (r.digits.size() < 9 || LooksLikeOtherNumber(part, plus && cut.lead == 0))) {
      continue;
    }
    r.intl = plus && cut.lead == 0;
    int idd = 0;
    if (!r.intl && r.digits.starts_with("00")) idd = 2;
    if (!r.intl && r.digits.starts_with("011") && r.digits.size() >= 13) idd = 3;
    if (idd > 0) {
      r.digits.erase(0, idd);
      r.intl = true;
      std::erase_if(r.bounds, [idd](int b) { return b <= idd; });
      for (int& b : r.bounds) b -= idd;
    }
    out.push_back(std::move(r));
  }
  return out;
}

// The end of an extension written after a number ("x4587", " ext. 12"), or
// `pos` when there is none.
size_t ExtensionEnd(std::string_view t, size_t pos) {
  size_t i = pos;
  if (i < t.size() && t[i] == ' ') ++i;
  if (i < t.size() && (t[i] == 'x' || t[i] == 'X')) {
    ++i;
  } else if (i + 3 <= t.size() && (t.substr(i, 3) == "ext" || t.substr(i, 3) == "Ext")) {
    i += 3;
    if (i < t.size() && t[i] == '.') ++i;
  } else {
    return pos;
  }
  if (i < t.size() && t[i] == ' ') ++i;
  size_t d = i;
  while (i < t.size() && IsDigit(t[i]) && i - d < 6) ++i;
  if (i == d || (i < t.size() && IsAlnum(t[i]))) return pos;
  return i;
}

class PhoneDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    return {{"\\+?\\(?[0-9](?:[ .\\-/()]{0,2}[0-9]){6,19}", 0, 0}};
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    std::string_view t = ctx.text;
    uint32_t b = c.begin;
    // Starts inside a longer number or word are someone else's candidate.
    // Nor are numbers in a URL path, slug or file name ("-signals-25657988"),
    // prices and "#" ids.
    const char p = b > 0 ? t[b - 1] : ' ', pp = b > 1 ? t[b - 2] : ' ';
    if (IsAlnum(p) || std::string_view("+()$#=").find(p) != std::string_view::npos) return;
    if (IsAlnum(pp) && std::string_view("-/_.").find(p) != std::string_view::npos) return;
    if (IsDigit(pp) && std::string_view("-./ :,").find(p) != std::string_view::npos) return;
    if (p == ' ' && (pp == '$' || pp == '#')) return;
    if (ExtensionEnd(t, c.end) == c.end && c.end < t.size() && IsAlnum(t[c.end])) return;
    // Nor the head of a MAC address ("08-72-48-23-BC-10", "0432.3110.fbf3");
    // "...-Fax" or ".Thanks" may follow a number though.
    if (c.end + 2 < t.size() && std::string_view("-:.").find(t[c.end]) != std::string_view::npos &&
        IsHex(t[c.end + 1]) && IsHex(t[c.end + 2]) && (c.end + 3 == t.size() || !IsAlnum(t[c.end + 3]) ||
                                                      (IsHex(t[c.end + 3]) && t[c.end] == '.'))) {
      return;
    }
    std::string_view s = t.substr(b, c.end - b);
    if (s[0] == '(' && s.find(')') == std::string_view::npos) s.remove_prefix(1), ++b;
    // ". " ends a sentence or a list number ("0132. 2 people", "3. 4294967295").
    if (size_t stop = s.find(". "); stop != std::string_view::npos) s = s.substr(0, stop);
    const size_t ext = ExtensionEnd(t, b + s.size());
    const bool plus = s[0] == '+';
    const Shape sh = Split(s);
    if (sh.digits < 7 || sh.digits > 20 || LooksLikeOtherNumber(sh, plus)) return;
    std::vector<Reading> readings = Readings(sh, plus);
    auto [pick, verdict] = Choose(readings, ctx.region, nullptr);
    if (verdict == Verdict::kNone) return;
    const Reading& r = readings[static_cast<size_t>(pick)];
    const char* first = r.lead == 0 ? s.data() : sh.groups[r.lead].data();
    const std::string_view lastg = sh.groups[r.lead + r.count - 1];
    const char* last = lastg.data() + lastg.size();
    const bool whole_tail = r.lead + r.count == sh.groups.size();
    const bool parens = std::string_view(first, last - first).find('(') != std::string_view::npos;
    float score = 0;
    switch (verdict) {
      case Verdict::kGrouped:
        score = r.intl ? 0.75f : (r.count > 1 || parens) ? 0.6f : 0.4f;
        break;
      case Verdict::kValid:
        // Valid but not in libphonenumber's grouping: written in another
        // common style ("674 082 519", "07700 063 966").
        score = r.intl ? 0.55f : r.count > 1 ? 0.5f : 0.3f;
        break;
      default:
        // A '+' and separators: a number, even one libphonenumber's
        // metadata does not know yet.
        score = r.intl ? (r.count > 1 ? 0.5f : 0.3f) : 0.15f;
    }
    uint32_t end = b + static_cast<uint32_t>(last - s.data());
    if (whole_tail) end = static_cast<uint32_t>(ext);  // "... 3560 x4587"
    out->push_back({kType, kName, {}, b + static_cast<uint32_t>(first - s.data()), end, score});
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"phone",    "telephone", "tel",      "mobile",   "mob",      "cell",      "cellphone", "call",
               "calling",  "text",      "sms",      "whatsapp", "telegram",  "viber",     "fax",
               "contact",  "my number", "reach",    "dial",     "ring",     "landline",  "hotline",   "desk",
               "numéro",   "numero",    "téléphone", "telefono", "teléfono", "telefon",  "telefonnummer",
               "handy",    "móvil",     "movil",    "celular",  "portable", "tél",       "rufnummer"};
    // Not "number" alone: "license number 674618390" is no phone. Few
    // negative words, in a short window: the engine's window runs across
    // sentence ends ("... the order failed. Is +1 (780) 636-3680 ...").
    w.lower = {"isbn", "imei", "serial", "tracking", "invoice", "sku"};
    // None after: the next sentence often starts with "Call" or "Text".
    w.words_before = 4;
    w.words_after = 0;
    w.raise_by = 0.4f;
    w.raise_min = 0.55f;
    w.lower_by = 0.3f;
    return w;
  }

  // Without the text's region: a national number takes the first region of
  // kRegions it is valid in, as in Validate() without a hint.
  std::string Normalize(std::string_view, std::string_view value) const override {
    size_t at = value.find_first_of("+(0123456789");
    std::string_view v = at == std::string_view::npos ? value : value.substr(at);
    const bool plus = !v.empty() && v[0] == '+';
    std::vector<Reading> readings = Readings(Split(v), plus);
    if (readings.size() > 1) readings.resize(1);  // the whole value
    std::string e164;
    if (readings.empty() || readings[0].cut || Choose(readings, {}, &e164).second == Verdict::kNone) {
      std::string out = plus ? "+" : "";
      out += DigitsOf(v);  // (not "+" + ...: GCC 12 warns falsely on that)
      return out;
    }
    return e164;
  }
};

}  // namespace

std::unique_ptr<Detector> MakePhoneDetector() { return std::make_unique<PhoneDetector>(); }

}  // namespace winnow::pii
