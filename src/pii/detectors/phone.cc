// PHONE_NUMBER: telephone numbers, validated with libphonenumber.
//
// Candidates are runs of 7–20 digits that may start with '+' or '(' and be
// split by up to two of " .-/()" between digits ("(415) 555-0132",
// "+44 (20) 7123 4567", "01.42.68.53.00", "tel:+14155550132"). Before any
// parsing, shapes that are something else are dropped: dates
// (2021-05-21, 17.04.2001), dotted quads, version and decimal numbers,
// thousands groups (1 234 567), ISBNs, and 13–19 digit Luhn-valid runs
// (card numbers). The rest is parsed: '+' numbers on their own, national
// ones with the text's region if known, else with each of kRegions until one
// is valid.
//
// Scores: a valid international number 0.75; a valid national one written
// with separators 0.6, as a bare digit run 0.4 (order ids and timestamps are
// bare digit runs too); a number that is only of possible length 0.15.
// Context words ("phone", "call", "mobile", "Telefon", ...) add 0.4; order,
// invoice and id words take 0.3 away.
//
// Thread safety: PhoneNumberUtil's Parse/IsValidNumber/Format are const and
// safe from many threads.
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

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

// Regions tried for numbers written without a country code, most common
// first (the order decides the country of numbers valid in several).
constexpr const char* kRegions[] = {"US", "GB", "DE", "FR", "IN", "BR", "JP", "CN", "AU",
                                    "MX", "ES", "IT", "NG", "RU", "KR", "IL", "NL"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

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

bool IsYear(std::string_view g) { return g.size() == 4 && (g.substr(0, 2) == "19" || g.substr(0, 2) == "20"); }

// Shapes that are not phone numbers whatever a parser says.
bool LooksLikeOtherNumber(const Shape& sh, bool plus) {
  const auto& g = sh.groups;
  const size_t n = g.size();
  bool all_dot = n > 1, all_space = n > 1, any_paren = false;
  int singles = 0;
  for (size_t i = 1; i < n; ++i) {
    all_dot &= sh.seps[i] == ".";
    all_space &= sh.seps[i] == " ";
    any_paren |= sh.seps[i].find_first_of("()") != std::string_view::npos;
  }
  for (auto x : g) singles += x.size() == 1;
  if (singles >= 2) return true;
  // Dates: 2021-05-21, 2021/5/21 10, 17.04.2001, 04/17/2001.
  if (n >= 3 && !plus && !any_paren) {
    char sep0 = sh.seps[1].size() == 1 ? sh.seps[1][0] : 0;
    bool date_sep = sep0 == '-' || sep0 == '/' || sep0 == '.';
    if (date_sep && sh.seps[2] == sh.seps[1]) {
      if (IsYear(g[0]) && g[1].size() <= 2 && g[2].size() <= 2) return true;
      if (n == 3 && g[0].size() <= 2 && g[1].size() <= 2 && IsYear(g[2])) return true;
    }
  }
  if (all_dot) {
    // Dotted quads, versions, decimals: phone groups are two digits or more.
    if (singles > 0) return true;
    if (n == 4 && g[0].size() <= 3 && g[1].size() <= 3 && g[2].size() <= 3 && g[3].size() <= 3) return true;
  }
  // Thousands groups (1 234 567, 12.345.678): a national number would start
  // with a trunk 0.
  if ((all_dot || all_space) && !plus && g[0].size() <= 3 && g[0][0] != '0') {
    bool thousands = true;
    for (size_t i = 1; i < n; ++i) thousands &= g[i].size() == 3;
    if (thousands) return true;
  }
  std::string digits;
  for (auto x : g) digits.append(x);
  // ISBN-13 (978/979 prefix). Card numbers (a bare run or 4-digit groups,
  // Luhn-valid) are the card detector's; an international call prefix (00..)
  // is not a card.
  if (!plus && digits.size() == 13 && (digits.starts_with("978") || digits.starts_with("979"))) return true;
  if (!plus && digits.size() >= 13 && digits.size() <= 19 && digits[0] != '0' &&
      (n == 1 || g[0].size() == 4) && LuhnValid(digits)) {
    return true;
  }
  return false;
}

enum class Verdict { kNone, kPossible, kValid };

// Parses `s` (no '+': with `region` or the kRegions) and returns what it is;
// *e164 receives the E.164 form of a valid or possible number.
Verdict Check(std::string_view s, bool plus, std::string_view region, std::string* e164) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::string str(s);
  PhoneNumber num;
  Verdict best = Verdict::kNone;
  auto try_region = [&](const std::string& r) {
    if (util.Parse(str, r, &num) != PhoneNumberUtil::NO_PARSING_ERROR) return false;
    if (util.IsValidNumber(num)) {
      util.Format(num, PhoneNumberUtil::E164, e164);
      best = Verdict::kValid;
      return true;
    }
    if (best == Verdict::kNone && util.IsPossibleNumber(num)) {
      util.Format(num, PhoneNumberUtil::E164, e164);
      best = Verdict::kPossible;
    }
    return false;
  };
  if (plus) {
    try_region("ZZ");
    return best;
  }
  std::string hint;
  if (!region.empty()) {
    for (char c : region) hint.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    if (hint == "UK") hint = "GB";
    if (try_region(hint)) return best;
  }
  for (const char* r : kRegions) {
    if (hint == r) continue;
    if (try_region(r)) return best;
  }
  return best;
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
    if (b > 0) {
      char p = t[b - 1];
      if (IsAlnum(p) || p == '+' || p == '(' || p == ')' || p == '$' || p == '#') return;
      if (b >= 2 && (p == '-' || p == '.' || p == '/' || p == ' ') && IsDigit(t[b - 2])) return;
      if (b >= 2 && p == ' ' && (t[b - 2] == '$' || t[b - 2] == '#')) return;
    }
    if (c.end < t.size() && IsAlnum(t[c.end])) return;
    std::string_view s = t.substr(b, c.end - b);
    if (s[0] == '(' && s.find(')') == std::string_view::npos) s.remove_prefix(1), ++b;
    const bool plus = s[0] == '+';
    Shape sh = Split(s);
    // Up to two trailing groups may be a following number ("... 0132. 2").
    for (int drop = 0; drop <= 2 && sh.groups.size() > static_cast<size_t>(drop); ++drop) {
      Shape cut = sh;
      for (int i = 0; i < drop; ++i) {
        cut.digits -= cut.groups.back().size();
        cut.groups.pop_back();
        cut.seps.pop_back();
      }
      if (cut.digits < 7 || cut.digits > 17) return;
      if (LooksLikeOtherNumber(cut, plus)) continue;
      const char* last = cut.groups.back().data() + cut.groups.back().size();
      std::string_view text(s.data(), last - s.data());
      std::string e164;
      Verdict v = Check(text, plus, ctx.region, &e164);
      if (v == Verdict::kNone) continue;
      float score = 0.15f;
      if (v == Verdict::kValid) {
        bool formatted = cut.groups.size() > 1 || text.find('(') != std::string_view::npos;
        score = plus ? 0.75f : formatted ? 0.6f : 0.4f;
      } else if (plus) {
        score = 0.3f;
      }
      uint32_t end = b + static_cast<uint32_t>(text.size());
      out->push_back({kType, kName, {}, b, end, score});
      return;
    }
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"phone",    "phones",   "telephone", "tel",     "tel.",      "mobile",    "mob",      "cell",
               "cellphone", "call",    "calling",   "text",    "sms",       "whatsapp",  "signal",   "telegram",
               "viber",    "fax",      "contact",   "number",  "reach",     "dial",      "ring",     "landline",
               "hotline",  "numéro",   "numero",    "téléphone", "telefono", "teléfono", "telefon",  "telefonnummer",
               "handy",    "móvil",    "movil",     "celular", "portable",  "tél",       "rufnummer"};
    w.lower = {"order",  "invoice", "tracking", "isbn",        "account", "acct",   "routing", "ssn",
               "passport", "license", "card",   "iban",        "serial",  "imei",   "transaction", "txn",
               "ref",    "reference", "ticket", "case",        "id",      "zip",    "sku",     "version",
               "build",  "pid",     "uid",      "timestamp",   "epoch"};
    w.words_before = 6;
    w.words_after = 2;
    w.raise_by = 0.4f;
    w.raise_min = 0.55f;
    w.lower_by = 0.3f;
    return w;
  }

  std::string Normalize(std::string_view, std::string_view value) const override {
    std::string e164;
    size_t at = value.find_first_of("+0123456789(");
    if (at == std::string_view::npos) return std::string(value);
    std::string_view v = value.substr(at);
    if (Check(v, v[0] == '+', {}, &e164) == Verdict::kNone) return DigitsOf(value);
    return e164;
  }
};

}  // namespace

std::unique_ptr<Detector> MakePhoneDetector() { return std::make_unique<PhoneDetector>(); }

}  // namespace winnow::pii
