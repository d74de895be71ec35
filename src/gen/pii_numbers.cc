// Numeric personal data: cards, US identifiers, IBANs, phones, network
// addresses and dates of birth.
#include <cstdint>
#include <cstring>

#include "gen/pii_values.h"
#include "gen/text_util.h"

namespace winnow::gen {
namespace {

// Appends `n` random digits; the first is in [first_min, 9].
void Digits(int n, Rng* rng, std::string* out, int first_min = 0) {
  for (int i = 0; i < n; ++i) {
    int lo = i == 0 ? first_min : 0;
    out->push_back(static_cast<char>('0' + lo + rng->Below(10 - lo)));
  }
}

char LuhnCheckDigit(std::string_view digits) {  // digits without the check digit
  int sum = 0;
  bool dbl = true;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (dbl) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    dbl = !dbl;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// Appends `digits` split into groups of the given sizes with `sep`.
void Grouped(std::string_view digits, std::initializer_list<int> groups, char sep, std::string* out) {
  size_t pos = 0;
  bool first = true;
  for (int g : groups) {
    if (!first && sep) out->push_back(sep);
    first = false;
    out->append(digits.substr(pos, g));
    pos += g;
  }
}

struct CardSpec {
  std::string_view kind;
  std::string_view prefix;
  int length;
};
constexpr CardSpec kCards[] = {
    {"visa", "4", 16},        {"visa", "49", 16},        {"mastercard", "51", 16}, {"mastercard", "55", 16},
    {"mastercard", "2221", 16}, {"mastercard", "2720", 16}, {"amex", "34", 15},     {"amex", "37", 15},
    {"discover", "6011", 16}, {"discover", "65", 16},    {"jcb", "3528", 16},      {"jcb", "3589", 16},
    {"diners", "36", 14},
};

struct IbanSpec {
  std::string_view country;
  std::string_view bban;  // n digit, a upper letter, c upper alphanumeric, literal otherwise
};
constexpr IbanSpec kIbans[] = {
    {"DE", "nnnnnnnnnnnnnnnnnn"}, {"GB", "aaaannnnnnnnnnnnnn"}, {"FR", "nnnnnnnnnncccccccccccnn"},
    {"ES", "nnnnnnnnnnnnnnnnnnnn"}, {"IT", "annnnnnnnnncccccccccccc"}, {"NL", "aaaannnnnnnnnn"},
    {"BE", "nnnnnnnnnnnn"}, {"CH", "nnnnncccccccccccc"}, {"AT", "nnnnnnnnnnnnnnnn"},
    {"PL", "nnnnnnnnnnnnnnnnnnnnnnnn"}, {"SE", "nnnnnnnnnnnnnnnnnnnn"}, {"NO", "nnnnnnnnnnn"},
    {"DK", "nnnnnnnnnnnnnn"}, {"FI", "nnnnnnnnnnnnnn"}, {"IE", "aaaannnnnnnnnnnnnn"},
    {"PT", "nnnnnnnnnnnnnnnnnnnnn"}, {"SA", "nncccccccccccccccccc"}, {"AE", "nnnnnnnnnnnnnnnnnnn"},
    {"TR", "nnnnn0cccccccccccccccc"}, {"BR", "nnnnnnnnnnnnnnnnnnnnnnnac"},
};

// Phone patterns: X any digit, N 2-9, M 1-9, A a US/Canadian area code.
struct PhoneSpec {
  std::string_view kind;
  std::string_view pattern;
};
constexpr PhoneSpec kPhones[] = {
    {"us", "(A) NXX-XXXX"}, {"us", "A-NXX-XXXX"}, {"us", "A.NXX.XXXX"}, {"us", "+1 A NXX XXXX"},
    {"us", "+1-A-NXX-XXXX"}, {"us", "1 (A) NXX-XXXX"}, {"us", "+1 (A) NXX-XXXX"},
    {"gb_mobile", "07NXX XXXXXX"}, {"gb_mobile", "+44 7NXX XXXXXX"}, {"gb_london", "020 7NXX XXXX"},
    {"gb_london", "+44 20 8NXX XXXX"}, {"de_mobile", "+49 17X XXXXXXX"}, {"de_mobile", "0171 XXXXXXX"},
    {"de_berlin", "+49 30 NXXXXXXX"}, {"fr_mobile", "06 XX XX XX XX"}, {"fr_mobile", "+33 6 XX XX XX XX"},
    {"fr_mobile", "+33 7 XX XX XX XX"}, {"in_mobile", "+91 9XXXX XXXXX"}, {"in_mobile", "+91-98XXXXXXXX"},
    {"br_mobile", "+55 11 9XXXX-XXXX"}, {"br_mobile", "(21) 9XXXX-XXXX"}, {"jp_mobile", "090-XXXX-XXXX"},
    {"jp_mobile", "+81 80-XXXX-XXXX"}, {"au_mobile", "04XX XXX XXX"}, {"au_mobile", "+61 4XX XXX XXX"},
    {"cn_mobile", "+86 138 XXXX XXXX"}, {"cn_mobile", "139 XXXX XXXX"}, {"mx", "+52 55 NXXX XXXX"},
    {"es_mobile", "+34 6XX XX XX XX"}, {"es_mobile", "6XX XXX XXX"}, {"it_mobile", "+39 34X XXX XXXX"},
    {"ng_mobile", "+234 803 NXX XXXX"}, {"ng_mobile", "0806 NXX XXXX"}, {"ru_mobile", "+7 91X XXX-XX-XX"},
    {"ru_mobile", "8 (916) NXX-XX-XX"}, {"kr_mobile", "010-NXXX-XXXX"}, {"kr_mobile", "+82 10-NXXX-XXXX"},
    {"ca", "+1 (B) NXX-XXXX"}, {"ca", "B-NXX-XXXX"},
};
constexpr std::string_view kUsAreaCodes[] = {"212", "213", "312", "415", "617", "202", "206", "303",
    "305", "404", "512", "602", "702", "713", "718", "773", "818", "916", "919", "503", "571", "646",
    "720", "980", "614", "615", "704", "801", "858", "949"};
constexpr std::string_view kCaAreaCodes[] = {"416", "604", "514", "403", "613", "780", "902", "647"};

}  // namespace

void AppendCreditCard(Rng* rng, std::string* out, std::string_view* kind) {
  const CardSpec& c = rng->Pick(kCards);
  *kind = c.kind;
  std::string d(c.prefix);
  Digits(c.length - 1 - static_cast<int>(c.prefix.size()), rng, &d);
  d.push_back(LuhnCheckDigit(d));
  static constexpr char kSeps[] = {' ', '-', '\0', ' '};
  char sep = kSeps[rng->Below(4)];
  if (c.length == 15) Grouped(d, {4, 6, 5}, sep, out);
  else if (c.length == 14) Grouped(d, {4, 6, 4}, sep, out);
  else Grouped(d, {4, 4, 4, 4}, sep, out);
}

void AppendUsSsn(Rng* rng, std::string* out) {
  int area;
  do area = rng->Range(1, 899); while (area == 666 || area == 78 || area == 219 || area == 123);
  std::string d;
  AppendPadded(area, 3, &d);
  AppendPadded(rng->Range(1, 99), 2, &d);
  AppendPadded(rng->Range(1, 9999), 4, &d);
  int f = static_cast<int>(rng->Below(20));
  char sep = f < 15 ? '-' : f < 18 ? ' ' : '\0';
  Grouped(d, {3, 2, 4}, sep, out);
}

void AppendUsItin(Rng* rng, std::string* out) {
  static constexpr int kGroups[] = {50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 70,
                                    71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87,
                                    88, 90, 91, 92, 94, 95, 96, 97, 98, 99};
  std::string d = "9";
  Digits(2, rng, &d);
  AppendPadded(rng->Pick(kGroups), 2, &d);
  AppendPadded(rng->Range(1, 9999), 4, &d);
  Grouped(d, {3, 2, 4}, rng->Chance(0.85) ? '-' : ' ', out);
}

void AppendIban(Rng* rng, std::string* out, std::string_view* kind) {
  const IbanSpec& s = rng->Pick(kIbans);
  *kind = s.country;
  std::string bban;
  for (char p : s.bban) {
    if (p == 'n') bban.push_back(rng->Digit());
    else if (p == 'a') bban.push_back(static_cast<char>('A' + rng->Below(26)));
    else if (p == 'c') bban.push_back(kUpperAlnum[rng->Below(36)]);
    else bban.push_back(p);
  }
  // ISO 13616: move "CC00" behind the BBAN, letters to 10..35, mod 97.
  std::string rearranged = bban + std::string(s.country) + "00";
  int mod = 0;
  for (char ch : rearranged) {
    int v = ch >= 'A' ? ch - 'A' + 10 : ch - '0';
    mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
  }
  int check = 98 - mod;
  std::string iban(s.country);
  AppendPadded(check, 2, &iban);
  iban += bban;
  if (rng->Chance(0.5)) {
    out->append(iban);
  } else {
    for (size_t i = 0; i < iban.size(); ++i) {
      if (i > 0 && i % 4 == 0) out->push_back(' ');
      out->push_back(iban[i]);
    }
  }
}

void AppendAbaRouting(Rng* rng, std::string* out) {
  static constexpr int kPrefixes[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 25, 26,
                                      27, 28, 29, 30, 31, 32, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70,
                                      71, 72, 80};
  std::string d;
  AppendPadded(rng->Pick(kPrefixes), 2, &d);
  Digits(6, rng, &d);
  auto v = [&](int i) { return d[i] - '0'; };
  int sum = 3 * (v(0) + v(3) + v(6)) + 7 * (v(1) + v(4) + v(7)) + (v(2) + v(5));
  d.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  out->append(d);
}

void AppendUsBankNumber(Rng* rng, std::string* out) { Digits(rng->Range(8, 17), rng, out, 1); }

void AppendUsPassport(Rng* rng, std::string* out) {
  if (rng->Chance(0.3)) {
    out->push_back(static_cast<char>('A' + rng->Below(26)));
    Digits(8, rng, out);
  } else {
    Digits(9, rng, out, 1);
  }
}

void AppendUsDriverLicense(Rng* rng, std::string* out, std::string_view* kind) {
  auto letter = [&] { out->push_back(static_cast<char>('A' + rng->Below(26))); };
  switch (rng->Below(6)) {
    case 0: *kind = "ca"; letter(); Digits(7, rng, out); break;
    case 1: *kind = "fl"; letter(); Digits(12, rng, out); break;
    case 2: *kind = "ny"; Digits(9, rng, out, 1); break;
    case 3: *kind = "tx"; Digits(8, rng, out, 1); break;
    case 4: {
      *kind = "il";
      letter();
      Digits(3, rng, out);
      out->push_back('-');
      Digits(4, rng, out);
      out->push_back('-');
      Digits(4, rng, out);
      break;
    }
    default: *kind = "wa"; out->append("WDL"); AppendRandom(kUpperAlnum, 9, rng, out); break;
  }
}

void AppendPhone(Rng* rng, std::string* out, std::string_view* kind) {
  const PhoneSpec& p = rng->Pick(kPhones);
  *kind = p.kind;
  for (char c : p.pattern) {
    switch (c) {
      case 'X': out->push_back(rng->Digit()); break;
      case 'N': out->push_back(static_cast<char>('2' + rng->Below(8))); break;
      case 'M': out->push_back(static_cast<char>('1' + rng->Below(9))); break;
      case 'A': out->append(rng->Pick(kUsAreaCodes)); break;
      case 'B': out->append(rng->Pick(kCaAreaCodes)); break;
      default: out->push_back(c);
    }
  }
}

void AppendIpAddress(Rng* rng, std::string* out, std::string_view* kind) {
  if (rng->Chance(0.65)) {
    *kind = "ipv4";
    int first;
    int r = static_cast<int>(rng->Below(10));
    if (r == 0) { out->append("192.168."); AppendUint(rng->Below(256), out); out->push_back('.'); AppendUint(rng->Range(1, 254), out); return; }
    if (r == 1) { out->append("10."); AppendUint(rng->Below(256), out); out->push_back('.'); AppendUint(rng->Below(256), out); out->push_back('.'); AppendUint(rng->Range(1, 254), out); return; }
    do first = rng->Range(11, 223); while (first == 127 || first == 100 || first == 169 || first == 172);
    AppendUint(first, out);
    for (int i = 0; i < 3; ++i) {
      out->push_back('.');
      AppendUint(i == 2 ? rng->Range(1, 254) : rng->Below(256), out);
    }
    return;
  }
  *kind = "ipv6";
  static constexpr uint16_t kPrefixes[][2] = {{0x2001, 0x4860}, {0x2a02, 0x8108}, {0x2600, 0x1700},
                                              {0x2804, 0x14c}, {0x2409, 0x4042}, {0x2a00, 0x23c5},
                                              {0x2607, 0xf8b0}};
  uint16_t groups[8];
  const auto& prefix = kPrefixes[rng->Below(7)];
  groups[0] = prefix[0];
  groups[1] = prefix[1];
  for (int i = 2; i < 8; ++i) groups[i] = static_cast<uint16_t>(rng->Next());
  bool compress = rng->Chance(0.6);
  int zero_from = 8, zero_len = 0;
  if (compress) {
    zero_len = rng->Range(2, 4);
    zero_from = rng->Range(2, 8 - zero_len);
    for (int i = zero_from; i < zero_from + zero_len; ++i) groups[i] = 0;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  auto group = [&](uint16_t g) {
    bool started = false;
    for (int s = 12; s >= 0; s -= 4) {
      int nib = (g >> s) & 15;
      if (nib || started || s == 0) { out->push_back(kHex[nib]); started = true; }
    }
  };
  for (int i = 0; i < 8; ++i) {
    if (compress && i == zero_from) {
      out->append("::");
      i += zero_len - 1;
      continue;
    }
    if (i > 0 && !(compress && i == zero_from + zero_len)) out->push_back(':');
    group(groups[i]);
  }
}

void AppendMacAddress(Rng* rng, std::string* out) {
  uint8_t b[6];
  for (auto& x : b) x = static_cast<uint8_t>(rng->Next());
  b[0] &= 0xFC;  // unicast, globally administered
  static constexpr char kLower[] = "0123456789abcdef";
  static constexpr char kUpper[] = "0123456789ABCDEF";
  int style = static_cast<int>(rng->Below(4));
  const char* hex = style == 1 ? kUpper : kLower;
  for (int i = 0; i < 6; ++i) {
    if (i > 0) {
      if (style == 0 || style == 3) out->push_back(':');
      else if (style == 1) out->push_back('-');
      else if (i % 2 == 0) out->push_back('.');
    }
    out->push_back(hex[b[i] >> 4]);
    out->push_back(hex[b[i] & 15]);
  }
}

void AppendBirthDate(Rng* rng, std::string* out) {
  int64_t day = DaysFromCivil({1940, 1, 1}) + rng->Below(365 * 70);
  CivilDate d = CivilFromDays(day);
  switch (rng->Below(6)) {
    case 0: AppendPadded(d.month, 2, out); out->push_back('/'); AppendPadded(d.day, 2, out); out->push_back('/'); AppendUint(d.year, out); break;
    case 1: AppendPadded(d.day, 2, out); out->push_back('.'); AppendPadded(d.month, 2, out); out->push_back('.'); AppendUint(d.year, out); break;
    case 2: out->append(MonthName(d.month)); out->push_back(' '); AppendUint(d.day, out); out->append(", "); AppendUint(d.year, out); break;
    case 3: AppendUint(d.year, out); out->push_back('-'); AppendPadded(d.month, 2, out); out->push_back('-'); AppendPadded(d.day, 2, out); break;
    case 4: AppendUint(d.day, out); out->push_back(' '); out->append(MonthName(d.month)); out->push_back(' '); AppendUint(d.year, out); break;
    default: out->append(std::string_view(MonthName(d.month)).substr(0, 3)); out->push_back(' '); AppendUint(d.day, out); out->push_back(' '); AppendUint(d.year, out); break;
  }
}

bool AppendPiiValue(std::string_view type, std::string_view hint, Rng* rng, std::string* out,
                    std::string_view* kind) {
  *kind = {};
  if (type == "PERSON") AppendPersonName(rng, out, kind);
  else if (type == "EMAIL_ADDRESS") AppendEmail(rng, out);
  else if (type == "PHONE_NUMBER") AppendPhone(rng, out, kind);
  else if (type == "CREDIT_CARD") AppendCreditCard(rng, out, kind);
  else if (type == "US_SSN") AppendUsSsn(rng, out);
  else if (type == "US_ITIN") AppendUsItin(rng, out);
  else if (type == "IBAN_CODE") AppendIban(rng, out, kind);
  else if (type == "IP_ADDRESS") AppendIpAddress(rng, out, kind);
  else if (type == "MAC_ADDRESS") AppendMacAddress(rng, out);
  else if (type == "URL") AppendPersonalUrl(rng, out);
  else if (type == "CRYPTO") AppendCrypto(rng, out, kind);
  else if (type == "US_BANK_NUMBER") AppendUsBankNumber(rng, out);
  else if (type == "ABA_ROUTING_NUMBER") AppendAbaRouting(rng, out);
  else if (type == "US_PASSPORT") AppendUsPassport(rng, out);
  else if (type == "US_DRIVER_LICENSE") AppendUsDriverLicense(rng, out, kind);
  else if (type == "DATE_TIME") AppendBirthDate(rng, out);
  else if (type == "SECRET") AppendSecret(hint, rng, out, kind);
  else if (type == "STREET_ADDRESS") AppendStreetAddress(rng, out);
  else if (type == "LOCATION") AppendLocation(rng, out);
  else return false;
  return true;
}

}  // namespace winnow::gen
