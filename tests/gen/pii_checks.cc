#include "gen/pii_checks.h"

#include <arpa/inet.h>
#include <sodium.h>

#include <cctype>
#include <cstdint>
#include <map>
#include <vector>

namespace winnow::gen_test {
namespace {

std::string DigitsOf(std::string_view v, std::string_view allowed_separators, bool* ok) {
  std::string d;
  *ok = true;
  for (char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c))) d.push_back(c);
    else if (allowed_separators.find(c) == std::string_view::npos) *ok = false;
  }
  return d;
}

bool AllOf(std::string_view s, std::string_view alphabet) {
  for (char c : s) if (alphabet.find(c) == std::string_view::npos) return false;
  return !s.empty();
}

constexpr std::string_view kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kHex = "0123456789abcdefABCDEF";

bool Base58CheckValid(std::string_view s) {
  static constexpr std::string_view kB58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  std::vector<uint8_t> bytes;  // big-endian, built by multiply-add
  for (char c : s) {
    size_t v = kB58.find(c);
    if (v == std::string_view::npos) return false;
    int carry = static_cast<int>(v);
    for (size_t i = bytes.size(); i-- > 0;) {
      carry += bytes[i] * 58;
      bytes[i] = static_cast<uint8_t>(carry & 0xFF);
      carry >>= 8;
    }
    while (carry) { bytes.insert(bytes.begin(), static_cast<uint8_t>(carry & 0xFF)); carry >>= 8; }
  }
  for (char c : s) { if (c != '1') break; bytes.insert(bytes.begin(), 0); }
  if (bytes.size() != 25) return false;
  unsigned char h1[32], h2[32];
  crypto_hash_sha256(h1, bytes.data(), 21);
  crypto_hash_sha256(h2, h1, 32);
  return std::equal(h2, h2 + 4, bytes.begin() + 21);
}

bool Bech32Valid(std::string_view s) {
  static constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  if (s.substr(0, 3) != "bc1") return false;
  std::vector<uint32_t> v = {3, 3, 0, 2, 3};
  for (char c : s.substr(3)) {
    size_t d = kCharset.find(c);
    if (d == std::string_view::npos) return false;
    v.push_back(static_cast<uint32_t>(d));
  }
  static constexpr uint32_t kGen[] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (uint32_t x : v) {
    uint32_t b = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ x;
    for (int i = 0; i < 5; ++i) if ((b >> i) & 1) chk ^= kGen[i];
  }
  return chk == 1 && s.size() == 42;
}

bool Base64UrlSegment(std::string_view s) { return AllOf(s, std::string(kAlnum) + "-_"); }

std::string Base64UrlDecode(std::string_view s) {
  static const std::string kAlphabet = std::string(kAlnum.substr(0, 52)) + "0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    acc = (acc << 6) | static_cast<uint32_t>(kAlphabet.find(c));
    bits += 6;
    if (bits >= 8) { bits -= 8; out.push_back(static_cast<char>((acc >> bits) & 0xFF)); }
  }
  return out;
}

bool SecretValid(std::string_view sub, std::string_view v) {
  if (sub == "aws_access_key") {
    return v.size() == 20 && (v.substr(0, 4) == "AKIA" || v.substr(0, 4) == "ASIA") &&
           AllOf(v.substr(4), "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
  }
  if (sub == "github_token") {
    if (v.substr(0, 4) == "ghp_") return v.size() == 40 && AllOf(v.substr(4), kAlnum);
    return v.substr(0, 11) == "github_pat_" && v.size() == 93 && v[33] == '_';
  }
  if (sub == "slack_token") {
    return (v.substr(0, 5) == "xoxb-" || v.substr(0, 5) == "xoxp-") &&
           AllOf(v.substr(5), std::string(kAlnum) + "-");
  }
  if (sub == "openai_key") {
    std::string_view rest = v.substr(0, 8) == "sk-proj-" ? v.substr(8) : v.substr(0, 3) == "sk-" ? v.substr(3) : "";
    return rest.size() == 48 && AllOf(rest, kAlnum);
  }
  if (sub == "jwt") {
    size_t a = v.find('.'), b = v.rfind('.');
    if (a == std::string_view::npos || a == b) return false;
    std::string header = Base64UrlDecode(v.substr(0, a));
    std::string payload = Base64UrlDecode(v.substr(a + 1, b - a - 1));
    return Base64UrlSegment(v.substr(0, a)) && Base64UrlSegment(v.substr(a + 1, b - a - 1)) &&
           Base64UrlSegment(v.substr(b + 1)) && header.find("\"alg\"") != std::string::npos &&
           payload.find("\"sub\"") != std::string::npos;
  }
  if (sub == "pem_private_key") {
    size_t end_line = v.find('\n');
    if (v.substr(0, 11) != "-----BEGIN " || end_line == std::string_view::npos) return false;
    std::string_view label = v.substr(11, end_line - 11);
    if (label.size() < 5 || label.substr(label.size() - 5) != "-----") return false;
    label.remove_suffix(5);
    std::string expected_end = "\n-----END " + std::string(label) + "-----";
    return v.size() > expected_end.size() && v.substr(v.size() - expected_end.size()) == expected_end;
  }
  if (sub == "password") return !v.empty() && v.find(' ') == std::string_view::npos;
  return false;
}

}  // namespace

bool LuhnValid(std::string_view d) {
  if (d.size() < 12 || d.size() > 19) return false;
  int sum = 0;
  bool dbl = false;
  for (size_t i = d.size(); i-- > 0;) {
    int x = d[i] - '0';
    if (dbl) { x *= 2; if (x > 9) x -= 9; }
    sum += x;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool IbanValid(std::string_view v) {
  static const std::map<std::string, size_t> kLengths = {
      {"DE", 22}, {"GB", 22}, {"FR", 27}, {"ES", 24}, {"IT", 27}, {"NL", 18}, {"BE", 16},
      {"CH", 21}, {"AT", 20}, {"PL", 28}, {"SE", 24}, {"NO", 15}, {"DK", 18}, {"FI", 18},
      {"IE", 22}, {"PT", 25}, {"SA", 24}, {"AE", 23}, {"TR", 26}, {"BR", 29}};
  std::string s;
  for (char c : v) if (c != ' ') s.push_back(c);
  if (s.size() < 5) return false;
  auto it = kLengths.find(s.substr(0, 2));
  if (it == kLengths.end() || it->second != s.size()) return false;
  std::string r = s.substr(4) + s.substr(0, 4);
  int mod = 0;
  for (char c : r) {
    if (std::isdigit(static_cast<unsigned char>(c))) mod = (mod * 10 + (c - '0')) % 97;
    else if (c >= 'A' && c <= 'Z') mod = (mod * 100 + (c - 'A' + 10)) % 97;
    else return false;
  }
  return mod == 1;
}

bool AbaValid(std::string_view d) {
  if (d.size() != 9 || !AllOf(d, "0123456789")) return false;
  int prefix = (d[0] - '0') * 10 + (d[1] - '0');
  bool prefix_ok = (prefix >= 1 && prefix <= 12) || (prefix >= 21 && prefix <= 32) ||
                   (prefix >= 61 && prefix <= 72) || prefix == 80;
  auto x = [&](int i) { return d[i] - '0'; };
  int sum = 3 * (x(0) + x(3) + x(6)) + 7 * (x(1) + x(4) + x(7)) + (x(2) + x(5) + x(8));
  return prefix_ok && sum % 10 == 0;
}

bool ValidPii(std::string_view type, std::string_view sub, std::string_view v, std::string* why) {
  bool ok = true;
  auto fail = [&](const char* w) { *why = w; return false; };
  if (v.empty()) return fail("empty");
  if (type == "CREDIT_CARD") {
    std::string d = DigitsOf(v, " -", &ok);
    return (ok && LuhnValid(d)) || fail("Luhn");
  }
  if (type == "US_SSN") {
    std::string d = DigitsOf(v, " -", &ok);
    if (!ok || d.size() != 9) return fail("SSN shape");
    int area = std::stoi(d.substr(0, 3)), group = std::stoi(d.substr(3, 2)), serial = std::stoi(d.substr(5));
    return (area > 0 && area < 900 && area != 666 && group > 0 && serial > 0) || fail("SSN rules");
  }
  if (type == "US_ITIN") {
    std::string d = DigitsOf(v, " -", &ok);
    if (!ok || d.size() != 9 || d[0] != '9') return fail("ITIN shape");
    int g = std::stoi(d.substr(3, 2));
    return ((g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94) || fail("ITIN group");
  }
  if (type == "IBAN_CODE") return IbanValid(v) || fail("IBAN");
  if (type == "ABA_ROUTING_NUMBER") return AbaValid(v) || fail("ABA");
  if (type == "US_BANK_NUMBER") return (AllOf(v, "0123456789") && v.size() >= 8 && v.size() <= 17) || fail("bank");
  if (type == "US_PASSPORT") {
    bool digits9 = v.size() == 9 && AllOf(v, "0123456789");
    bool letter8 = v.size() == 9 && std::isupper(static_cast<unsigned char>(v[0])) && AllOf(v.substr(1), "0123456789");
    return digits9 || letter8 || fail("passport");
  }
  if (type == "US_DRIVER_LICENSE") return (v.size() >= 7 && v.size() <= 16 && AllOf(v, std::string(kAlnum) + "-")) || fail("license");
  if (type == "PHONE_NUMBER") {
    std::string d = DigitsOf(v, " +-().", &ok);
    return (ok && d.size() >= 9 && d.size() <= 15) || fail("phone");
  }
  if (type == "EMAIL_ADDRESS") {
    size_t at = v.find('@');
    if (at == std::string_view::npos || at == 0 || v.find('@', at + 1) != std::string_view::npos) return fail("@");
    std::string_view domain = v.substr(at + 1);
    size_t dot = domain.rfind('.');
    return (AllOf(v.substr(0, at), std::string(kAlnum) + "._") && dot != std::string_view::npos && dot > 0 &&
            AllOf(domain.substr(dot + 1), "abcdefghijklmnopqrstuvwxyz")) || fail("email syntax");
  }
  if (type == "IP_ADDRESS") {
    std::string s(v);
    unsigned char buf[16];
    bool v4 = inet_pton(AF_INET, s.c_str(), buf) == 1, v6 = inet_pton(AF_INET6, s.c_str(), buf) == 1;
    return (v4 && sub == "ipv4") || (v6 && sub == "ipv6") || fail("inet_pton");
  }
  if (type == "MAC_ADDRESS") {
    std::string h;
    for (char c : v) if (kHex.find(c) != std::string_view::npos) h.push_back(c); else if (c != ':' && c != '-' && c != '.') return fail("mac char");
    return h.size() == 12 || fail("mac length");
  }
  if (type == "URL") {
    // A full URL, or a bare domain name (publishers and archive services).
    bool full = v.substr(0, 8) == "https://" && v.find(' ') == std::string_view::npos;
    bool domain = AllOf(v, "abcdefghijklmnopqrstuvwxyz0123456789.-") && v.find('.') != std::string_view::npos;
    return full || domain || fail("url");
  }
  if (type == "CRYPTO") {
    if (sub == "eth") return (v.size() == 42 && v.substr(0, 2) == "0x" && AllOf(v.substr(2), kHex)) || fail("eth");
    if (sub == "btc_bech32") return Bech32Valid(v) || fail("bech32");
    if (sub == "btc_p2pkh" || sub == "btc_p2sh") {
      return ((v[0] == (sub == "btc_p2pkh" ? '1' : '3')) && Base58CheckValid(v)) || fail("base58check");
    }
    return fail("crypto subtype");
  }
  if (type == "SECRET") return SecretValid(sub, v) || fail("secret format");
  if (type == "DATE_TIME") {
    for (size_t i = 0; i + 4 <= v.size(); ++i) {
      std::string_view y = v.substr(i, 4);
      if (AllOf(y, "0123456789") && y >= "1940" && y <= "2010") return true;
    }
    return fail("birth year");
  }
  if (type == "STREET_ADDRESS") {
    size_t sp = v.find(' ');
    return (sp != std::string_view::npos && sp > 0 && AllOf(v.substr(0, sp), "0123456789")) || fail("house number");
  }
  if (type == "PERSON" || type == "LOCATION") return true;
  return fail("unknown type");
}

}  // namespace winnow::gen_test
