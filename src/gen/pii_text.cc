// Textual personal data: names, email addresses, personal URLs, street
// addresses, places, cryptocurrency addresses and secrets.
#include <sodium.h>

#include <cstdint>
#include <vector>

#include "gen/lexicon.h"
#include "gen/pii_values.h"
#include "gen/text_util.h"

namespace winnow::gen {
namespace {

// Decodes the code point at s[*i] and advances *i. REQUIRES: valid UTF-8.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

// ASCII for the Latin letters with diacritics used in the name tables.
const char* Fold(uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xC5) return "a";
  if (cp >= 0xE0 && cp <= 0xE5) return "a";
  if (cp >= 0xC8 && cp <= 0xCB) return "e";
  if (cp >= 0xE8 && cp <= 0xEB) return "e";
  if (cp >= 0xCC && cp <= 0xCF) return "i";
  if (cp >= 0xEC && cp <= 0xEF) return "i";
  if ((cp >= 0xD2 && cp <= 0xD6) || cp == 0xD8) return "o";
  if ((cp >= 0xF2 && cp <= 0xF6) || cp == 0xF8) return "o";
  if (cp >= 0xD9 && cp <= 0xDC) return "u";
  if (cp >= 0xF9 && cp <= 0xFC) return "u";
  switch (cp) {
    case 0xC7: case 0xE7: case 0x106: case 0x107: return "c";
    case 0xD1: case 0xF1: case 0x143: case 0x144: return "n";
    case 0xDF: return "ss";
    case 0xDD: case 0xFD: case 0xFF: return "y";
    case 0xC6: case 0xE6: return "ae";
    case 0xD0: case 0xF0: case 0x110: case 0x111: return "d";
    case 0x104: case 0x105: case 0x103: return "a";
    case 0x118: case 0x119: return "e";
    case 0x141: case 0x142: return "l";
    case 0x15A: case 0x15B: case 0x15E: case 0x15F: case 0x218: case 0x219: return "s";
    case 0x179: case 0x17A: case 0x17B: case 0x17C: return "z";
    case 0x11E: case 0x11F: return "g";
    case 0x130: case 0x131: return "i";
    case 0x21A: case 0x21B: return "t";
    case 0x1A0: case 0x1A1: return "o";
    case 0x1AF: case 0x1B0: return "u";
    default: break;
  }
  if (cp >= 0x1EA0 && cp <= 0x1EB7) return "a";  // Vietnamese
  if (cp >= 0x1EB8 && cp <= 0x1EC7) return "e";
  if (cp >= 0x1EC8 && cp <= 0x1ECB) return "i";
  if (cp >= 0x1ECC && cp <= 0x1EE3) return "o";
  if (cp >= 0x1EE4 && cp <= 0x1EF1) return "u";
  if (cp >= 0x1EF2 && cp <= 0x1EF9) return "y";
  return "";
}

const NameCulture& PickCulture(Rng* rng, bool latin_only) {
  // About a third of names are English; the rest spread over every culture.
  if (rng->Chance(0.33)) return kNameCultures[0];
  while (true) {
    const NameCulture& c = rng->Pick(kNameCultures);
    if (!latin_only || c.latin) return c;
  }
}

void AppendName(const NameCulture& c, bool given_only, Rng* rng, std::string* out) {
  std::string_view given = rng->Pick(c.given);
  std::string_view family = rng->Pick(c.family);
  if (given_only) { out->append(given); return; }
  const char* sep = c.spaced ? " " : "";
  if (c.family_first) { out->append(family); out->append(sep); out->append(given); }
  else { out->append(given); out->append(sep); out->append(family); }
}

constexpr char kBase58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

void AppendBase58Check(const std::vector<uint8_t>& payload, std::string* out) {
  unsigned char h1[crypto_hash_sha256_BYTES], h2[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h1, payload.data(), payload.size());
  crypto_hash_sha256(h2, h1, sizeof(h1));
  std::vector<uint8_t> data = payload;
  data.insert(data.end(), h2, h2 + 4);
  std::vector<uint8_t> digits;  // base58, least significant first
  for (uint8_t byte : data) {
    int carry = byte;
    for (auto& d : digits) { carry += d * 256; d = static_cast<uint8_t>(carry % 58); carry /= 58; }
    while (carry) { digits.push_back(static_cast<uint8_t>(carry % 58)); carry /= 58; }
  }
  for (uint8_t byte : data) { if (byte != 0) break; out->push_back('1'); }
  for (size_t i = digits.size(); i-- > 0;) out->push_back(kBase58[digits[i]]);
}

uint32_t Bech32Polymod(const std::vector<uint8_t>& values) {
  static constexpr uint32_t kGen[] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (uint8_t v : values) {
    uint32_t b = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) if ((b >> i) & 1) chk ^= kGen[i];
  }
  return chk;
}

void AppendBech32Segwit(Rng* rng, std::string* out) {
  static constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  std::vector<uint8_t> data = {0};  // witness version 0
  uint32_t acc = 0;
  int bits = 0;
  for (int i = 0; i < 20; ++i) {  // 20-byte program (P2WPKH), regrouped into 5-bit values
    acc = (acc << 8) | static_cast<uint8_t>(rng->Next());
    bits += 8;
    while (bits >= 5) { bits -= 5; data.push_back((acc >> bits) & 31); }
  }
  if (bits) data.push_back((acc << (5 - bits)) & 31);
  std::vector<uint8_t> values = {3, 3, 0, 2, 3};  // hrp "bc" expanded
  values.insert(values.end(), data.begin(), data.end());
  values.resize(values.size() + 6, 0);
  uint32_t mod = Bech32Polymod(values) ^ 1;
  out->append("bc1");
  for (uint8_t d : data) out->push_back(kCharset[d]);
  for (int i = 0; i < 6; ++i) out->push_back(kCharset[(mod >> (5 * (5 - i))) & 31]);
}

void AppendBase64Url(const uint8_t* data, size_t n, std::string* out) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t i = 0;
  for (; i + 2 < n; i += 3) {
    uint32_t v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    for (int s = 18; s >= 0; s -= 6) out->push_back(kAlphabet[(v >> s) & 63]);
  }
  if (n - i == 1) {
    uint32_t v = data[i] << 16;
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
  } else if (n - i == 2) {
    uint32_t v = (data[i] << 16) | (data[i + 1] << 8);
    for (int s = 18; s >= 6; s -= 6) out->push_back(kAlphabet[(v >> s) & 63]);
  }
}

}  // namespace

void AppendAsciiFolded(std::string_view s, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = NextCodePoint(s, &i);
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    } else {
      out->append(Fold(cp));
    }
  }
}

void AppendPersonName(Rng* rng, std::string* out, std::string_view* kind) {
  const NameCulture& c = PickCulture(rng, false);
  *kind = c.code;
  AppendName(c, rng->Chance(0.12), rng, out);
}

void AppendLatinName(Rng* rng, std::string* out) { AppendName(PickCulture(rng, true), false, rng, out); }

void AppendEmail(Rng* rng, std::string* out) {
  const NameCulture& c = PickCulture(rng, true);
  std::string given, family;
  AppendAsciiFolded(rng->Pick(c.given), &given);
  AppendAsciiFolded(rng->Pick(c.family), &family);
  auto clean = [](std::string* s) {  // drop spaces, apostrophes and hyphens
    std::string r;
    for (char ch : *s) if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) r.push_back(ch);
    *s = r;
  };
  clean(&given);
  clean(&family);
  if (given.empty()) given = "user";
  if (family.empty()) family = "mail";
  switch (rng->Below(5)) {
    case 0: *out += given + "." + family; break;
    case 1: *out += given + family; AppendUint(rng->Range(1, 99), out); break;
    case 2: out->push_back(given[0]); *out += family; break;
    case 3: *out += given + "_" + family; AppendUint(rng->Range(1970, 2009), out); break;
    default: *out += family + "." + given; break;
  }
  out->push_back('@');
  out->append(rng->Pick(kEmailDomains));
}

void AppendPersonalUrl(Rng* rng, std::string* out) {
  std::string handle;
  const NameCulture& c = PickCulture(rng, true);
  AppendAsciiFolded(rng->Pick(c.given), &handle);
  std::string family;
  AppendAsciiFolded(rng->Pick(c.family), &family);
  for (char& ch : handle) if (ch == ' ' || ch == '\'') ch = '-';
  for (char& ch : family) if (ch == ' ' || ch == '\'') ch = '-';
  switch (rng->Below(6)) {
    case 0: *out += "https://www.linkedin.com/in/" + handle + "-" + family + "-"; AppendHex(8, rng, out); break;
    case 1: *out += "https://github.com/" + handle + family; break;
    case 2: out->append("https://drive.google.com/file/d/"); AppendRandom(kAlnum, 33, rng, out); out->append("/view?usp=sharing"); break;
    case 3: *out += "https://" + handle + family + ".github.io/portfolio/"; break;
    case 4: *out += "https://www.instagram.com/" + handle + "." + family + "/"; break;
    default: out->append("https://www.dropbox.com/s/"); AppendRandom(kLowerAlnum, 15, rng, out); out->append("/resume.pdf?dl=0"); break;
  }
}

void AppendStreetAddress(Rng* rng, std::string* out) {
  AppendUint(rng->Range(1, 9899), out);
  out->push_back(' ');
  if (rng->Chance(0.2)) out->append(rng->Chance(0.5) ? "North " : "W ");
  out->append(rng->Pick(kStreetNames));
  out->push_back(' ');
  out->append(rng->Pick(kStreetSuffixes));
  int unit = static_cast<int>(rng->Below(6));
  if (unit == 0) { out->append(", Apt "); AppendUint(rng->Range(1, 30), out); out->push_back(static_cast<char>('A' + rng->Below(6))); }
  else if (unit == 1) { out->append(", Suite "); AppendUint(rng->Range(100, 950), out); }
  else if (unit == 2) { out->append(" #"); AppendUint(rng->Range(1, 40), out); }
  if (rng->Chance(0.8)) {
    const UsCity& c = rng->Pick(kUsCities);
    out->append(", ");
    out->append(c.city);
    out->append(", ");
    out->append(c.state);
    out->push_back(' ');
    out->append(c.zip3);
    AppendPadded(rng->Range(1, 99), 2, out);
  }
}

void AppendLocation(Rng* rng, std::string* out) { out->append(rng->Pick(kLocations)); }

void AppendCrypto(Rng* rng, std::string* out, std::string_view* kind) {
  switch (rng->Below(4)) {
    case 0:
    case 1: {
      bool p2sh = rng->Chance(0.3);
      *kind = p2sh ? "btc_p2sh" : "btc_p2pkh";
      std::vector<uint8_t> payload = {static_cast<uint8_t>(p2sh ? 5 : 0)};
      for (int i = 0; i < 20; ++i) payload.push_back(static_cast<uint8_t>(rng->Next()));
      AppendBase58Check(payload, out);
      break;
    }
    case 2: *kind = "btc_bech32"; AppendBech32Segwit(rng, out); break;
    default: *kind = "eth"; out->append("0x"); AppendHex(40, rng, out); break;
  }
}

void AppendSecret(std::string_view hint, Rng* rng, std::string* out, std::string_view* kind) {
  static constexpr std::string_view kTokenKinds[] = {"aws", "github", "slack", "openai", "jwt", "github_pat"};
  std::string_view k = hint.empty() ? rng->Pick(kTokenKinds) : hint;
  if (k == "aws") {
    *kind = "aws_access_key";
    out->append(rng->Chance(0.8) ? "AKIA" : "ASIA");
    AppendRandom("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, rng, out);
  } else if (k == "github") {
    *kind = "github_token";
    out->append("ghp_");
    AppendRandom(kAlnum, 36, rng, out);
  } else if (k == "github_pat") {
    *kind = "github_token";
    out->append("github_pat_");
    AppendRandom(kAlnum, 22, rng, out);
    out->push_back('_');
    AppendRandom(kAlnum, 59, rng, out);
  } else if (k == "slack") {
    *kind = "slack_token";
    out->append(rng->Chance(0.7) ? "xoxb-" : "xoxp-");
    AppendRandom(kDigits, 11, rng, out);
    out->push_back('-');
    AppendRandom(kDigits, 13, rng, out);
    out->push_back('-');
    AppendRandom(kAlnum, 24, rng, out);
  } else if (k == "openai") {
    *kind = "openai_key";
    out->append(rng->Chance(0.5) ? "sk-proj-" : "sk-");
    AppendRandom(kAlnum, 48, rng, out);
  } else if (k == "jwt") {
    *kind = "jwt";
    out->append("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.");  // {"alg":"HS256","typ":"JWT"}
    std::string payload = "{\"sub\":\"";
    AppendRandom(kDigits, 10, rng, &payload);
    payload += "\",\"iat\":17";
    AppendRandom(kDigits, 8, rng, &payload);
    payload += "}";
    AppendBase64Url(reinterpret_cast<const uint8_t*>(payload.data()), payload.size(), out);
    out->push_back('.');
    uint8_t sig[32];
    for (auto& b : sig) b = static_cast<uint8_t>(rng->Next());
    AppendBase64Url(sig, sizeof(sig), out);
  } else if (k == "pem") {
    *kind = "pem_private_key";
    static constexpr std::string_view kLabels[] = {"RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY",
                                                   "OPENSSH PRIVATE KEY"};
    std::string_view label = rng->Pick(kLabels);
    out->append("-----BEGIN ");
    out->append(label);
    out->append("-----\n");
    static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int lines = rng->Range(6, 14);
    out->append(label == "RSA PRIVATE KEY" ? "MIIEowIBAAKCAQEA" : "MIIEvQIBADANBgkq");
    AppendRandom(kB64, 48, rng, out);
    for (int i = 1; i < lines; ++i) {
      out->push_back('\n');
      AppendRandom(kB64, i + 1 == lines ? rng->Range(8, 60) : 64, rng, out);
    }
    if (rng->Chance(0.5)) out->push_back('=');
    out->append("\n-----END ");
    out->append(label);
    out->append("-----");
  } else {
    *kind = "password";
    out->append(rng->Pick(kPasswords));
    if (rng->Chance(0.5)) AppendUint(rng->Range(1, 99), out);
  }
}

}  // namespace winnow::gen
