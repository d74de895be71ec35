// IBAN_CODE: International Bank Account Numbers (ISO 13616).
//
// An IBAN is a country code, two check digits and a BBAN whose length and
// shape are fixed per country (the SWIFT IBAN registry; kCountries below).
// It is written compact or in groups of four separated by single spaces (or,
// less often, dashes). A candidate is an IBAN when its country is known, the
// BBAN has the country's length and shape, and the whole passes mod-97 == 1:
// that is as strong as a checksum gets, so the score is 1.0 (0.8 for one
// typed in lower case).
#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "IBAN_CODE";
constexpr std::string_view kName = "iban";

// Country, total length, BBAN shape as in the registry: runs of <count><kind>
// with n = digits, a = upper-case letters, c = letters or digits.
struct Country {
  char code[3];
  int length;
  const char* bban;
};

constexpr Country kCountries[] = {
    {"AD", 24, "4n4n12c"},        {"AE", 23, "3n16n"},          {"AL", 28, "8n16c"},
    {"AT", 20, "5n11n"},          {"AZ", 28, "4a20c"},          {"BA", 20, "3n3n8n2n"},
    {"BE", 16, "3n7n2n"},         {"BG", 22, "4a4n2n8c"},       {"BH", 22, "4a14c"},
    {"BI", 27, "5n5n11n2n"},      {"BR", 29, "8n5n10n1a1c"},    {"BY", 28, "4c4n16c"},
    {"CH", 21, "5n12c"},          {"CR", 22, "4n14n"},          {"CY", 28, "3n5n16c"},
    {"CZ", 24, "4n6n10n"},        {"DE", 22, "8n10n"},          {"DJ", 27, "5n5n11n2n"},
    {"DK", 18, "4n9n1n"},         {"DO", 28, "4c20n"},          {"EE", 20, "2n2n11n1n"},
    {"EG", 29, "4n4n17n"},        {"ES", 24, "4n4n1n1n10n"},    {"FI", 18, "3n11n"},
    {"FK", 18, "2a12n"},          {"FO", 18, "4n9n1n"},         {"FR", 27, "5n5n11c2n"},
    {"GB", 22, "4a6n8n"},         {"GE", 22, "2a16n"},          {"GI", 23, "4a15c"},
    {"GL", 18, "4n9n1n"},         {"GR", 27, "3n4n16c"},        {"GT", 28, "4c20c"},
    {"HN", 28, "4a20n"},          {"HR", 21, "7n10n"},          {"HU", 28, "3n4n1n15n1n"},
    {"IE", 22, "4a6n8n"},         {"IL", 23, "3n3n13n"},        {"IQ", 23, "4a3n12n"},
    {"IS", 26, "4n2n6n10n"},      {"IT", 27, "1a5n5n12c"},      {"JO", 30, "4a4n18c"},
    {"KW", 30, "4a22c"},          {"KZ", 20, "3n13c"},          {"LB", 28, "4n20c"},
    {"LC", 32, "4a24c"},          {"LI", 21, "5n12c"},          {"LT", 20, "5n11n"},
    {"LU", 20, "3n13c"},          {"LV", 21, "4a13c"},          {"LY", 25, "3n3n15n"},
    {"MC", 27, "5n5n11c2n"},      {"MD", 24, "2c18c"},          {"ME", 22, "3n13n2n"},
    {"MK", 19, "3n10c2n"},        {"MN", 20, "4n12n"},          {"MR", 27, "5n5n11n2n"},
    {"MT", 31, "4a5n18c"},        {"MU", 30, "4a2n2n12n3n3a"},  {"NI", 28, "4a20n"},
    {"NL", 18, "4a10n"},          {"NO", 15, "4n6n1n"},         {"OM", 23, "3n16c"},
    {"PK", 24, "4a16c"},          {"PL", 28, "8n16n"},          {"PS", 29, "4a21c"},
    {"PT", 25, "4n4n11n2n"},      {"QA", 29, "4a21c"},          {"RO", 24, "4a16c"},
    {"RS", 22, "3n13n2n"},        {"RU", 33, "9n5n15c"},        {"SA", 24, "2n18c"},
    {"SC", 31, "4a2n2n16n3a"},    {"SD", 18, "2n12n"},          {"SE", 24, "3n16n1n"},
    {"SI", 19, "5n8n2n"},         {"SK", 24, "4n6n10n"},        {"SM", 27, "1a5n5n12c"},
    {"SO", 23, "4n3n12n"},        {"ST", 25, "4n4n11n2n"},      {"SV", 28, "4a20n"},
    {"TL", 23, "3n14n2n"},        {"TN", 24, "2n3n13n2n"},      {"TR", 26, "5n1n16c"},
    {"UA", 29, "6n19c"},          {"VA", 22, "3n15n"},          {"VG", 24, "4a16n"},
    {"XK", 20, "4n10n2n"},        {"YE", 30, "4a4n18c"},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsLetter(char c) { return IsUpper(c) || IsLower(c); }
bool IsAlnum(char c) { return IsDigit(c) || IsLetter(c); }
char Upper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

const Country* FindCountry(char a, char b) {
  for (const Country& c : kCountries) {
    if (c.code[0] == a && c.code[1] == b) return &c;
  }
  return nullptr;
}

// `bban` (upper case) against a registry shape.
bool BbanShapeOk(std::string_view bban, const char* shape) {
  size_t pos = 0;
  for (const char* p = shape; *p;) {
    int count = 0;
    while (IsDigit(*p)) count = count * 10 + (*p++ - '0');
    char kind = *p++;
    for (int i = 0; i < count; ++i, ++pos) {
      if (pos >= bban.size()) return false;
      char ch = bban[pos];
      bool ok = kind == 'n' ? IsDigit(ch) : kind == 'a' ? IsUpper(ch) : (IsDigit(ch) || IsUpper(ch));
      if (!ok) return false;
    }
  }
  return pos == bban.size();
}

// ISO 7064 mod 97-10 over the rearranged IBAN (upper case, compact).
bool Mod97Valid(std::string_view iban) {
  int rem = 0;
  auto feed = [&rem](char ch) {
    if (IsDigit(ch)) {
      rem = (rem * 10 + (ch - '0')) % 97;
    } else {
      rem = (rem * 100 + (ch - 'A' + 10)) % 97;
    }
  };
  for (size_t i = 4; i < iban.size(); ++i) feed(iban[i]);
  for (size_t i = 0; i < 4; ++i) feed(iban[i]);
  return rem == 1;
}

// The end of the IBAN starting at `begin` (within `limit`), or 0. Takes
// exactly the country's length of characters, compact or in groups of four
// joined by one repeated separator: what follows ("... 00 is my IBAN") is
// not part of it. Letters are all upper case or all lower case.
uint32_t IbanEnd(std::string_view t, uint32_t begin, uint32_t limit, const Country** country, bool* lower) {
  std::string_view s = t.substr(begin, limit - begin);
  if (s.size() < 15 || !IsLetter(s[0]) || !IsLetter(s[1]) || !IsDigit(s[2]) || !IsDigit(s[3])) return 0;
  *lower = IsLower(s[0]);
  if (IsLower(s[1]) != *lower) return 0;
  *country = FindCountry(Upper(s[0]), Upper(s[1]));
  if (*country == nullptr) return 0;
  const size_t length = static_cast<size_t>((*country)->length);
  std::string iban;
  iban.reserve(length);
  char sep = 0;
  size_t i = 0;
  for (; i < s.size() && iban.size() < length; ++i) {
    char ch = s[i];
    if (ch == ' ' || ch == '-') {
      if (iban.size() % 4 != 0 || iban.size() < 4) return 0;
      if (sep == 0 && iban.size() != 4) return 0;  // compact so far: no late separator
      if (sep != 0 && sep != ch) return 0;
      sep = ch;
      continue;
    }
    if (sep != 0 && iban.size() % 4 == 0 && iban.size() > 4 && s[i - 1] != sep) return 0;
    if (!IsDigit(ch) && IsLower(ch) != *lower) return 0;
    iban.push_back(Upper(ch));
  }
  const uint32_t end = begin + static_cast<uint32_t>(i);
  if (iban.size() != length || (end < t.size() && IsAlnum(t[end]))) return 0;
  if (!BbanShapeOk(std::string_view(iban).substr(4), (*country)->bban) || !Mod97Valid(iban)) return 0;
  return end;
}

class IbanDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    return {{"[A-Za-z]{2}[0-9]{2}(?:[ \\-]?[A-Za-z0-9]){11,30}", 0, 0}};
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    // Hyperscan reports only the leftmost start for each end, so an IBAN
    // right after another one ("... 3201 DE89 3704 ...") sits inside a
    // candidate that starts earlier: try every word start.
    std::string_view t = ctx.text;
    for (uint32_t at = c.begin; at + 4 < c.end; ++at) {
      if (!IsLetter(t[at]) || (at > 0 && IsAlnum(t[at - 1]))) continue;
      const Country* country = nullptr;
      bool lower = false;
      uint32_t end = IbanEnd(t, at, c.end, &country, &lower);
      if (end == 0) continue;
      out->push_back({kType, kName, std::string_view(country->code, 2), at, end, lower ? 0.8f : 1.0f});
      at = end;
    }
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"iban", "bank", "account", "transfer", "sepa", "wire", "bic", "swift"};
    w.raise_by = 0.1f;
    w.raise_min = 0.9f;
    return w;
  }

  std::string Normalize(std::string_view, std::string_view value) const override {
    std::string out;
    for (char ch : value) {
      if (ch != ' ' && ch != '-') out.push_back(Upper(ch));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Detector> MakeIbanDetector() { return std::make_unique<IbanDetector>(); }

}  // namespace winnow::pii
