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
// Speed: libphonenumber's Parse and Format cost microseconds each (ICU
// regular expressions), so national numbers skip Parse (the trunk prefix is
// stripped here), the possible lengths of each calling code (looked up once)
// reject a reading before any of them, validity is PhoneValidity's (the
// library's answer without ICU, about 0.1 µs; phone_valid.h), so are the
// Parse of '+' numbers and the Format of a reading with groups to compare
// (PhoneFormat; phone_format.h), and E.164 is spelled here.
// Normalize() reuses what Validate() decided for the same value on the same
// thread (redact normalizes each finding right after detecting it). The
// shape logic (phone_shape.h) allocates nothing.
//
// Thread safety: PhoneNumberUtil's const methods, PhoneValidity and
// PhoneFormat are safe from many threads.
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "pii/detectors/phone_format.h"
#include "pii/detectors/phone_shape.h"
#include "pii/detectors/phone_valid.h"
#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
using phone::IsAlnum;
using phone::IsDigit;
using phone::IsHex;
using phone::Reading;
using phone::ReadingList;
using phone::Shape;

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

// Country calling codes of kRegions, looked up once.
const std::array<int, kRegionCount>& RegionCodes() {
  static const std::array<int, kRegionCount> codes = [] {
    std::array<int, kRegionCount> v{};
    for (size_t k = 0; k < kRegionCount; ++k) {
      v[k] = PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(kRegions[k].code);
    }
    return v;
  }();
  return codes;
}

// The length of the national significant number, as
// PhoneNumberUtil::GetNationalSignificantNumber spells it.
size_t NsnLength(const PhoneNumber& num) {
  size_t n = num.italian_leading_zero() ? static_cast<size_t>(std::max(num.number_of_leading_zeros(), 0)) : 0;
  uint64_t v = num.national_number();
  do {
    ++n;
    v /= 10;
  } while (v != 0);
  return n;
}

// PhoneNumberUtil::IsPossibleNumber(num), which depends only on the calling
// code and the length of the national significant number
// (TestNumberLength against the calling code's main region): probed once
// per calling code, one number of each length, then a bit test.
bool IsPossible(const PhoneNumberUtil& util, const PhoneNumber& num) {
  constexpr uint32_t kKnown = 1u << 31;
  constexpr size_t kMaxLength = 17;  // PhoneNumberUtil's kMaxLengthForNsn
  static std::array<std::atomic<uint32_t>, 1000> masks{};
  const int cc = num.country_code();
  const size_t len = NsnLength(num);
  if (cc <= 0 || cc >= 1000 || len > kMaxLength) return util.IsPossibleNumber(num);
  std::atomic<uint32_t>& slot = masks[static_cast<size_t>(cc)];
  uint32_t mask = slot.load(std::memory_order_acquire);
  if ((mask & kKnown) == 0) {
    // Racing threads compute the same mask; either store is fine.
    mask = kKnown;
    PhoneNumber probe;
    probe.set_country_code(cc);
    uint64_t first = 1;  // 10^(l-1): a number of l digits
    for (size_t l = 1; l <= kMaxLength; ++l, first *= 10) {
      probe.set_national_number(first);
      if (util.IsPossibleNumber(probe)) mask |= 1u << l;
    }
    slot.store(mask, std::memory_order_release);
  }
  return (mask >> len) & 1u;
}

// A number judged, enough to spell its E.164 form.
struct NumberKey {
  int cc = 0;
  uint64_t national = 0;
  int zeros = 0;  // leading zeros of an Italian-style number
};

NumberKey KeyOf(const PhoneNumber& num) {
  return {num.country_code(), num.national_number(),
          num.italian_leading_zero() ? std::max(num.number_of_leading_zeros(), 0) : 0};
}

// PhoneNumberUtil::Format(num, E164): "+", the calling code, the national
// significant number (Parse keeps no raw input, so no special case).
std::string E164(const NumberKey& k) {
  std::string out = "+";
  out += std::to_string(k.cc);
  out.append(static_cast<size_t>(k.zeros), '0');
  out += std::to_string(k.national);
  return out;
}

// What a reading of a candidate is. kGrouped: valid, and its separators fall
// where libphonenumber's own format puts them (or it has none), as
// PhoneNumberMatcher's STRICT_GROUPING leniency asks; "078-051121 07805"
// may be a valid number somewhere but is not written like one.
enum class Verdict { kNone, kPossible, kValid, kGrouped };

// Judges readings; each judged number is left in *last.
struct Judge {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const PhoneValidity& validity = PhoneValidity::Get();
  const PhoneFormat& format = PhoneFormat::Get();
  NumberKey* last;

  Verdict Check(const PhoneNumber& num, const Reading& r) const {
    if (!IsPossible(util, num)) return Verdict::kNone;
    *last = KeyOf(num);
    if (!validity.IsValid(num)) return Verdict::kPossible;
    if (!r.HasBounds()) return Verdict::kGrouped;
    thread_local std::string formatted;
    formatted.clear();
    format.Format(num, r.intl ? PhoneNumberUtil::INTERNATIONAL : PhoneNumberUtil::NATIONAL, &formatted);
    return phone::Grouped(r, formatted) ? Verdict::kGrouped : Verdict::kValid;
  }

  Verdict International(const Reading& r) const {
    PhoneNumber num;
    if (format.ParseInternational(r.digits(), &num) != PhoneNumberUtil::NO_PARSING_ERROR) return Verdict::kNone;
    return Check(num, r);
  }

  // As a national number of `reg` (country calling code `cc`): the trunk
  // prefix stripped here, so no Parse.
  Verdict National(const Reading& r, const Region& reg, int cc) const {
    std::string_view d = r.digits(), trunk = reg.trunk;
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
    return Check(num, r);
  }

  // A hint outside kRegions: the general parser.
  Verdict Parsed(const Reading& r, const std::string& region) const {
    PhoneNumber num;
    if (util.Parse(std::string(r.digits()), region, &num) != PhoneNumberUtil::NO_PARSING_ERROR) {
      return Verdict::kNone;
    }
    return Check(num, r);
  }
};

// The reading chosen, its verdict, and the number it was judged as.
struct Choice {
  int pick = -1;
  Verdict verdict = Verdict::kNone;
  NumberKey number;
};

// The best reading and its verdict: readings in order, national ones in
// each region (the hint first, then kRegions). The first grouped reading
// wins, else the first valid, else the first possible; so a US number
// followed by a stray digit is read as the US number, not as a longer
// number of some other country written with odd groups.
Choice Choose(const ReadingList& readings, std::string_view region_hint) {
  NumberKey last;
  Judge judge{.last = &last};
  Choice best;
  auto consider = [&](size_t i, Verdict v) {
    if (readings.items[i].cut && v != Verdict::kGrouped) return false;
    if (v > best.verdict) best = {static_cast<int>(i), v, last};
    return v == Verdict::kGrouped;
  };
  std::string hint;  // short: no allocation
  for (char c : region_hint) hint.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  if (hint == "UK") hint = "GB";
  const std::array<int, kRegionCount>& codes = RegionCodes();
  size_t hinted = kRegionCount;  // kRegionCount: a hint outside the list
  for (size_t k = 0; k < kRegionCount; ++k) hinted = hint == kRegions[k].code ? k : hinted;
  for (size_t i = 0; i < readings.size; ++i) {
    const Reading& r = readings.items[i];
    if (r.intl) {
      if (consider(i, judge.International(r))) break;
      continue;
    }
    bool grouped = false;
    for (size_t step = 0; step <= kRegionCount && !grouped; ++step) {
      size_t k = step == 0 ? hinted : step - 1;
      if ((step == 0 && hint.empty()) || (step > 0 && k == hinted)) continue;
      grouped = consider(i, k < kRegionCount ? judge.National(r, kRegions[k], codes[k]) : judge.Parsed(r, hint));
    }
    if (grouped) break;
  }
  return best;
}

// Normalize() values Validate() has just found, with their E.164 form, per
// thread: redact normalizes a text's findings right after detecting them.
// Only values whose Normalize() would judge exactly what Validate() judged
// are stored (read whole, no region hint), so a hit gives the same answer.
struct NormalCache {
  static constexpr size_t kSize = 32;
  std::array<std::string, kSize> values;
  std::array<std::string, kSize> e164;
  size_t next = 0;

  void Put(std::string_view value, const NumberKey& k) {
    values[next].assign(value);
    e164[next] = E164(k);
    next = (next + 1) % kSize;
  }
  const std::string* Get(std::string_view value) const {
    for (size_t i = 0; i < kSize; ++i) {
      if (values[i] == value && !values[i].empty()) return &e164[i];
    }
    return nullptr;
  }
};

NormalCache& ThreadNormalCache() {
  thread_local NormalCache cache;
  return cache;
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
    if (phone::ExtensionEnd(t, c.end) == c.end && c.end < t.size() && IsAlnum(t[c.end])) return;
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
    const size_t ext = phone::ExtensionEnd(t, b + s.size());
    const bool plus = s[0] == '+';
    const Shape sh = phone::Split(s);
    if (sh.digits < 7 || sh.digits > 20 || phone::LooksLikeOtherNumber(sh, plus)) return;
    ReadingList readings;
    phone::Readings(sh, plus, &readings);
    const Choice choice = Choose(readings, ctx.region);
    const Verdict verdict = choice.verdict;
    if (verdict == Verdict::kNone) return;
    const Reading& r = readings.items[static_cast<size_t>(choice.pick)];
    const char* first = r.lead == 0 ? s.data() : sh.groups[r.lead].data();
    const std::string_view lastg = sh.groups[r.lead + r.count - 1];
    const char* last = lastg.data() + lastg.size();
    const bool whole_tail = r.lead + r.count == sh.n;
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
    // The value is the whole candidate, read whole: Normalize() would judge
    // it just so (it reads a value whole, without the text's region).
    if (ctx.region.empty() && choice.pick == 0 && !r.cut && first == s.data() && end == b + s.size()) {
      ThreadNormalCache().Put(s, choice.number);
    }
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
    if (const std::string* hit = ThreadNormalCache().Get(v)) return *hit;
    const bool plus = !v.empty() && v[0] == '+';
    ReadingList readings;
    phone::Readings(phone::Split(v), plus, &readings);
    readings.size = std::min<size_t>(readings.size, 1);  // the whole value
    Choice choice;
    if (readings.size == 1 && !readings.items[0].cut) choice = Choose(readings, {});
    if (choice.verdict == Verdict::kNone) {
      std::string out = plus ? "+" : "";
      out += DigitsOf(v);  // (not "+" + ...: GCC 12 warns falsely on that)
      return out;
    }
    return E164(choice.number);
  }
};

}  // namespace

std::unique_ptr<Detector> MakePhoneDetector() { return std::make_unique<PhoneDetector>(); }

}  // namespace winnow::pii
