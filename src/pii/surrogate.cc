// Format-preserving surrogates (see surrogate.h for the ranges and why).
#include "pii/surrogate.h"

#include <array>
#include <cstring>
#include <vector>

namespace winnow::pii {
namespace {

// xoshiro256** seeded with the 256 bits of the HMAC. The HMAC is already a
// keyed pseudo-random function of the value, so a fast generator that
// stretches it is enough; nothing secret is derived from its output.
class Stream {
 public:
  explicit Stream(std::span<const uint8_t, 32> mac) {
    for (int i = 0; i < 4; ++i) std::memcpy(&s_[i], mac.data() + 8 * i, 8);
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n) (the bias of a 64-bit multiply-shift is negligible).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  char Digit() { return static_cast<char>('0' + Below(10)); }
  char DigitFrom(int lo) { return static_cast<char>('0' + lo + static_cast<int>(Below(10 - lo))); }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// `value` with its digits replaced, in order, by `digits` (same count).
std::string PutDigits(std::string_view value, std::string_view digits) {
  std::string out(value);
  size_t k = 0;
  for (char& c : out) {
    if (IsDigit(c) && k < digits.size()) c = digits[k++];
  }
  return out;
}

constexpr std::array<std::string_view, 16> kGiven = {
    "Alex", "Jamie", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Avery",
    "Quinn", "Robin", "Sam", "Jesse", "Drew", "Kim", "Pat", "Jane"};
// Surnames that announce themselves as stand-ins.
constexpr std::array<std::string_view, 16> kSurname = {
    "Doe", "Roe", "Bloggs", "Public", "Smithee", "Example", "Sample", "Specimen",
    "Placeholder", "Mustermann", "Nurk", "Citizen", "Exemplar", "Testperson", "Anyperson", "Nobody"};

// The length of the ITU country code at the start of `d` (digits after '+').
size_t CountryCodeLength(std::string_view d) {
  if (d.empty()) return 0;
  if (d[0] == '1' || d[0] == '7') return 1;
  if (d.size() < 2) return d.size();
  const int two = (d[0] - '0') * 10 + (d[1] - '0');
  switch (d[0]) {
    case '2': return two == 20 || two == 27 ? 2 : 3;
    case '3': return two <= 34 || two == 36 || two == 39 ? 2 : 3;
    case '4': return two == 42 ? 3 : 2;
    case '5': return two == 50 || two == 59 ? 3 : 2;
    case '6': return two <= 66 ? 2 : 3;
    case '8': return two == 81 || two == 82 || two == 84 || two == 86 ? 2 : 3;
    case '9': return two <= 95 || two == 98 ? 2 : 3;
    default: return 2;
  }
}

std::string Phone(std::string_view value, Stream* rng) {
  std::string d;
  for (char c : value) {
    if (IsDigit(c)) d.push_back(c);
  }
  const size_t n = d.size();
  if (n < 4) return {};
  size_t first = value.find_first_not_of(" \t(");
  const bool plus = first != std::string_view::npos && value[first] == '+';
  // The result is `keep` leading digits of the original (country code,
  // trunk prefix), then `fixed`, then random digits up to the same count.
  size_t keep = 0;
  std::string fixed;
  const bool nanp10 = !plus && n == 10 && d[0] >= '2' && d[3] >= '2';
  const bool nanp11 = n == 11 && d[0] == '1' && d[1] >= '2' && d[4] >= '2';
  if (nanp10 || nanp11 || (!plus && n == 7 && d[0] >= '2')) {
    // NXX-555-01XX is fictional in every area code.
    if (n != 7) {
      fixed.push_back(rng->DigitFrom(2));
      fixed.push_back(static_cast<char>('0' + rng->Below(9)));  // no N9X (reserved for expansion)
      fixed.push_back(rng->Digit());
      if (fixed[1] == '1' && fixed[2] == '1') fixed[2] = '0';  // no N11 service codes
    }
    keep = n == 11 ? 1 : 0;
    fixed.append("55501");
  } else if (plus && n == 12 && d.compare(0, 2, "44") == 0) {
    keep = 2;
    fixed = d[2] == '7' ? "7700900" : "2079460";
  } else if (!plus && n == 11 && d[0] == '0' && (d[1] == '7' || d.compare(1, 2, "20") == 0)) {
    keep = 1;
    fixed = d[1] == '7' ? "7700900" : "2079460";
  } else {
    if (plus) {
      keep = CountryCodeLength(d);
    } else if (d.compare(0, 2, "00") == 0) {
      keep = 2 + CountryCodeLength(std::string_view(d).substr(2));
    } else if (d[0] == '0') {
      keep = 1;
    }
    if (keep >= n) keep = n - 1;
    fixed.push_back(rng->DigitFrom(1));
  }
  std::string out = d.substr(0, keep) + fixed;
  while (out.size() < n) out.push_back(rng->Digit());
  out.resize(n, '0');
  return PutDigits(value, out);
}

std::string_view CardPrefix(std::string_view d) {
  auto starts = [&](std::string_view p) { return d.substr(0, p.size()) == p; };
  if (starts("4")) return "411111";
  if (starts("34") || starts("37")) return "378282";
  if (starts("2")) return "222300";
  if (starts("5")) return "555555";
  if (starts("62")) return "620000";
  if (starts("6")) return "601111";
  if (starts("35")) return "353011";
  if (starts("3")) return "305693";
  return {};
}

std::string CreditCard(std::string_view value, Stream* rng) {
  std::string d;
  for (char c : value) {
    if (IsDigit(c)) d.push_back(c);
  }
  const size_t n = d.size();
  if (n < 8) return {};
  std::string out(CardPrefix(d));
  if (out.empty()) out.assign(1, d[0]).append("00000");
  while (out.size() < n - 1) out.push_back(rng->Digit());
  out.resize(n - 1);
  // Luhn: double every second digit from the right, the check digit being
  // the rightmost (undoubled) one.
  int sum = 0;
  bool twice = true;
  for (size_t i = out.size(); i-- > 0;) {
    int v = out[i] - '0';
    if (twice) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
    twice = !twice;
  }
  out.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return PutDigits(value, out);
}

std::string UsSsn(std::string_view value, Stream* rng) {
  size_t n = 0;
  for (char c : value) n += IsDigit(c);
  if (n != 9) return {};
  std::string out = "9";
  out.push_back(rng->Digit());
  out.push_back(rng->Digit());
  const uint32_t group = 1 + rng->Below(49);
  out.push_back(static_cast<char>('0' + group / 10));
  out.push_back(static_cast<char>('0' + group % 10));
  const uint32_t serial = 1 + rng->Below(9999);
  for (uint32_t div = 1000; div > 0; div /= 10) out.push_back(static_cast<char>('0' + serial / div % 10));
  return PutDigits(value, out);
}

std::string Iban(std::string_view value, Stream* rng) {
  std::string chars;  // upper-cased letters and digits
  for (char c : value) {
    if (IsDigit(c) || IsUpper(c)) chars.push_back(c);
    else if (IsLower(c)) chars.push_back(static_cast<char>(c - 'a' + 'A'));
  }
  if (chars.size() < 5 || !IsUpper(chars[0]) || !IsUpper(chars[1])) return {};
  for (size_t i = 4; i < chars.size(); ++i) {
    chars[i] = IsDigit(chars[i]) ? rng->Digit() : static_cast<char>('A' + rng->Below(26));
  }
  // ISO 13616: BBAN, country, "00" as a number mod 97; check = 98 - that.
  uint32_t r = 0;
  auto feed = [&r](char c) { r = IsDigit(c) ? (r * 10 + (c - '0')) % 97 : (r * 100 + (c - 'A' + 10)) % 97; };
  for (size_t i = 4; i < chars.size(); ++i) feed(chars[i]);
  feed(chars[0]);
  feed(chars[1]);
  feed('0');
  feed('0');
  const uint32_t check = 98 - r;
  chars[2] = static_cast<char>('0' + check / 10);
  chars[3] = static_cast<char>('0' + check % 10);
  std::string out(value);
  size_t k = 0;
  for (char& c : out) {
    if (!(IsDigit(c) || IsUpper(c) || IsLower(c))) continue;
    c = IsLower(c) ? Lower(chars[k]) : chars[k];
    ++k;
  }
  return out;
}

std::string IpAddress(std::string_view value, Stream* rng) {
  if (value.find(':') != std::string_view::npos) {
    bool upper = false;
    for (char c : value) upper |= c >= 'A' && c <= 'F';
    std::string out = upper ? "2001:DB8" : "2001:db8";
    const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (int g = 0; g < 6; ++g) {
      const uint32_t v = rng->Below(1u << 16);
      out.push_back(':');
      bool lead = true;
      for (int shift = 12; shift >= 0; shift -= 4) {
        const uint32_t nib = (v >> shift) & 15;
        if (lead && nib == 0 && shift > 0) continue;
        lead = false;
        out.push_back(hex[nib]);
      }
    }
    return out;
  }
  static constexpr std::string_view kNets[] = {"192.0.2.", "198.51.100.", "203.0.113."};
  std::string out(kNets[rng->Below(3)]);
  out.append(std::to_string(1 + rng->Below(254)));
  return out;
}

std::string MacAddress(std::string_view value, Stream* rng) {
  bool upper = false;
  size_t n = 0;
  for (char c : value) {
    upper |= c >= 'A' && c <= 'F';
    n += IsHex(c);
  }
  if (n < 2) return {};
  const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  // First octet: locally administered (bit 1 set), unicast (bit 0 clear).
  const uint32_t first = (rng->Below(256) & 0xFC) | 0x02;
  std::string out(value);
  size_t k = 0;
  for (char& c : out) {
    if (!IsHex(c)) continue;
    c = k == 0 ? hex[first >> 4] : k == 1 ? hex[first & 15] : hex[rng->Below(16)];
    ++k;
  }
  return out;
}

std::string Person(std::string_view value, Stream* rng) {
  const std::string_view given = kGiven[rng->Below(kGiven.size())];
  const std::string_view surname = kSurname[rng->Below(kSurname.size())];
  bool letters = false, all_upper = true, multiword = false, in_word = false, words_seen = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n') {
      in_word = false;
      continue;
    }
    if (!in_word && words_seen) multiword = true;
    in_word = words_seen = true;
    if (IsLower(c)) all_upper = false;
    letters |= IsUpper(c) || IsLower(c);
  }
  std::string out(given);
  if (multiword) out.append(" ").append(surname);
  if (letters && all_upper) {
    for (char& c : out) {
      if (IsLower(c)) c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

std::string Email(Stream* rng) {
  std::string given, surname;
  for (char c : kGiven[rng->Below(kGiven.size())]) given.push_back(Lower(c));
  for (char c : kSurname[rng->Below(kSurname.size())]) surname.push_back(Lower(c));
  std::string out;
  switch (rng->Below(4)) {
    case 0: out = given + "." + surname; break;
    case 1: out = given + surname; break;
    case 2: out = given.substr(0, 1) + surname; break;
    default: out = given + "_" + surname; break;
  }
  if (rng->Below(4) != 0) out.append(std::to_string(rng->Below(10000)));
  static constexpr std::string_view kDomains[] = {"@example.com", "@example.org", "@example.net"};
  out.append(kDomains[rng->Below(3)]);
  return out;
}

std::string Url(std::string_view value, Stream* rng) {
  const bool http = value.size() >= 7 && Lower(value[0]) == 'h' && Lower(value[1]) == 't' &&
                    Lower(value[2]) == 't' && Lower(value[3]) == 'p' && value[4] == ':';
  std::string out = http ? "http://example.com/" : "https://example.com/";
  static constexpr char kBase32[] = "0123456789abcdefghjkmnpqrstvwxyz";
  for (int i = 0; i < 10; ++i) out.push_back(kBase32[rng->Below(32)]);
  return out;
}

}  // namespace

bool HasSurrogate(std::string_view type) {
  return type == "EMAIL_ADDRESS" || type == "PHONE_NUMBER" || type == "CREDIT_CARD" || type == "US_SSN" ||
         type == "IBAN_CODE" || type == "IP_ADDRESS" || type == "MAC_ADDRESS" || type == "PERSON" ||
         type == "URL";
}

std::string Surrogate(std::string_view type, std::string_view value, std::span<const uint8_t, 32> mac) {
  Stream rng(mac);
  if (type == "EMAIL_ADDRESS") return Email(&rng);
  if (type == "PHONE_NUMBER") return Phone(value, &rng);
  if (type == "CREDIT_CARD") return CreditCard(value, &rng);
  if (type == "US_SSN") return UsSsn(value, &rng);
  if (type == "IBAN_CODE") return Iban(value, &rng);
  if (type == "IP_ADDRESS") return IpAddress(value, &rng);
  if (type == "MAC_ADDRESS") return MacAddress(value, &rng);
  if (type == "PERSON") return Person(value, &rng);
  if (type == "URL") return Url(value, &rng);
  return {};
}

}  // namespace winnow::pii
