// CRYPTO: cryptocurrency addresses whose checksums can be verified.
//   btc     Base58Check P2PKH ("1...") and P2SH ("3..."): 25 bytes, version
//           0x00 or 0x05, checksum = first 4 bytes of SHA-256(SHA-256).
//   bech32  SegWit "bc1..." (BIP 173 bech32 for witness version 0, BIP 350
//           bech32m for 1..16), program length checked.
//   eth     "0x" + 40 hex. Mixed case must satisfy EIP-55 (Keccak-256 of the
//           lower-case hex); all-lower or all-upper case carries no checksum
//           and scores lower (context words lift it).
// Scores: checksum-verified 1.0 (a random string passes with probability
// 2^-32 or less); unchecksummed eth 0.6.
//
// The bech32 code in src/crypto/bech32.h is age's (no bech32m, no
// 90-character limit), so the SegWit checksum is computed here.
#include <algorithm>
#include <array>
#include <cstring>

#include "pii/detectors/registry.h"
#include "util/sha256.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "CRYPTO";
constexpr std::string_view kName = "crypto";
constexpr std::string_view kBtc = "btc";
constexpr std::string_view kBech32 = "bech32";
constexpr std::string_view kEth = "eth";

enum Tag { kBase58 = 0, kSegwit = 1, kEthereum = 2 };

bool IsAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Base58Check: true when `s` decodes to 25 bytes with the given version and
// a valid double-SHA-256 checksum.
bool Base58CheckValid(std::string_view s) {
  static constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  std::array<uint8_t, 25> bytes{};
  for (char ch : s) {
    size_t v = kAlphabet.find(ch);
    if (v == std::string_view::npos) return false;
    uint32_t carry = static_cast<uint32_t>(v);
    for (size_t i = bytes.size(); i-- > 0;) {
      carry += 58u * bytes[i];
      bytes[i] = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    if (carry != 0) return false;  // more than 25 bytes
  }
  // Leading '1's are leading zero bytes; the number must fill the rest.
  const size_t ones = static_cast<size_t>(std::find_if(s.begin(), s.end(), [](char ch) { return ch != '1'; }) - s.begin());
  const size_t zeros = static_cast<size_t>(std::find_if(bytes.begin(), bytes.end(), [](uint8_t b) { return b != 0; }) - bytes.begin());
  if (zeros != ones) return false;
  if (!((s[0] == '1' && bytes[0] == 0x00) || (s[0] == '3' && bytes[0] == 0x05))) return false;
  uint8_t h1[kSha256Bytes], h2[kSha256Bytes];
  Sha256Digest({reinterpret_cast<const char*>(bytes.data()), 21}, h1);
  Sha256Digest({reinterpret_cast<const char*>(h1), sizeof h1}, h2);
  return std::memcmp(h2, bytes.data() + 21, 4) == 0;
}

uint32_t Bech32Polymod(const std::vector<uint8_t>& values) {
  static constexpr uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (uint8_t v : values) {
    const uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) chk ^= kGen[i];
    }
  }
  return chk;
}

// A SegWit address: hrp "bc", bech32 for witness version 0 with a 20- or
// 32-byte program, bech32m for versions 1..16 with 2..40 bytes.
bool SegwitValid(std::string_view s) {
  static constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  if (s.size() < 14 || s.size() > 90) return false;
  const bool lower = std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  const bool upper = std::none_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!lower && !upper) return false;
  std::vector<uint8_t> values = {3, 3, 0, 2, 3};  // "bc" expanded: high bits, 0, low bits
  for (size_t i = 3; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    size_t v = kCharset.find(c);
    if (v == std::string_view::npos) return false;
    values.push_back(static_cast<uint8_t>(v));
  }
  const uint32_t constant = Bech32Polymod(values);
  const uint8_t version = values[5];
  if (version > 16) return false;
  if (constant != (version == 0 ? 1u : 0x2bc830a3u)) return false;
  // The program: 5-bit groups (after the version, before the 6 checksum
  // characters) regrouped into bytes; leftover bits must be fewer than 5
  // and zero.
  const size_t groups = values.size() - 5 - 1 - 6;
  const size_t bytes = groups * 5 / 8;
  if (groups * 5 % 8 >= 5) return false;
  if ((values[values.size() - 7] & ((1u << (groups * 5 % 8)) - 1)) != 0) return false;
  if (version == 0) return bytes == 20 || bytes == 32;
  return bytes >= 2 && bytes <= 40;
}

// Keccak-256 as Ethereum uses it (the original padding 0x01, not SHA-3's
// 0x06), for inputs shorter than one 136-byte block.
std::array<uint8_t, 32> Keccak256(std::string_view in) {
  static constexpr uint64_t kRc[24] = {
      0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000, 0x000000000000808b,
      0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008a, 0x0000000000000088,
      0x0000000080008009, 0x000000008000000a, 0x000000008000808b, 0x800000000000008b, 0x8000000000008089,
      0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
      0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008};
  static constexpr int kRot[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
  static constexpr int kPi[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};
  auto rotl = [](uint64_t x, int n) { return (x << n) | (x >> (64 - n)); };
  uint8_t block[136] = {};
  std::memcpy(block, in.data(), std::min<size_t>(in.size(), 135));
  block[in.size()] ^= 0x01;
  block[135] ^= 0x80;
  uint64_t st[25] = {};
  for (int i = 0; i < 17; ++i) {
    for (int b = 0; b < 8; ++b) st[i] |= static_cast<uint64_t>(block[i * 8 + b]) << (8 * b);
  }
  for (uint64_t rc : kRc) {
    uint64_t bc[5];
    for (int i = 0; i < 5; ++i) bc[i] = st[i] ^ st[i + 5] ^ st[i + 10] ^ st[i + 15] ^ st[i + 20];
    for (int i = 0; i < 5; ++i) {
      const uint64_t t = bc[(i + 4) % 5] ^ rotl(bc[(i + 1) % 5], 1);
      for (int j = 0; j < 25; j += 5) st[j + i] ^= t;
    }
    uint64_t t = st[1];
    for (int i = 0; i < 24; ++i) {
      const uint64_t next = st[kPi[i]];
      st[kPi[i]] = rotl(t, kRot[i]);
      t = next;
    }
    for (int j = 0; j < 25; j += 5) {
      for (int i = 0; i < 5; ++i) bc[i] = st[j + i];
      for (int i = 0; i < 5; ++i) st[j + i] ^= ~bc[(i + 1) % 5] & bc[(i + 2) % 5];
    }
    st[0] ^= rc;
  }
  std::array<uint8_t, 32> out;
  for (int i = 0; i < 32; ++i) out[i] = static_cast<uint8_t>(st[i / 8] >> (8 * (i % 8)));
  return out;
}

// EIP-55: a letter is upper case exactly when its nibble of the hash of the
// lower-case address is >= 8.
bool Eip55Valid(std::string_view hex) {
  std::string lower(hex);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  const std::array<uint8_t, 32> h = Keccak256(lower);
  for (size_t i = 0; i < hex.size(); ++i) {
    if (hex[i] >= '0' && hex[i] <= '9') continue;
    const int nibble = i % 2 == 0 ? h[i / 2] >> 4 : h[i / 2] & 0xf;
    if ((hex[i] >= 'A' && hex[i] <= 'F') != (nibble >= 8)) return false;
  }
  return true;
}

class CryptoDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    return {{"[13][1-9A-HJ-NP-Za-km-z]{25,34}", 0, kBase58},
            {"(?:bc1[02-9ac-hj-np-z]{11,87}|BC1[02-9AC-HJ-NP-Z]{11,87})", 0, kSegwit},
            {"0x[0-9A-Fa-f]{40}", 0, kEthereum}};
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    const std::string_view text = ctx.text;
    if (c.begin > 0 && (IsAlnum(text[c.begin - 1]) || text[c.begin - 1] == '_')) return;
    if (c.end < text.size() && (IsAlnum(text[c.end]) || text[c.end] == '_')) return;
    const std::string_view s = text.substr(c.begin, c.end - c.begin);
    std::string_view subtype;
    float score = 1.0f;
    if (c.tag == kBase58) {
      if (!Base58CheckValid(s)) return;
      subtype = kBtc;
    } else if (c.tag == kSegwit) {
      if (!SegwitValid(s)) return;
      subtype = kBech32;
    } else {
      const std::string_view hex = s.substr(2);
      const bool lower = std::none_of(hex.begin(), hex.end(), [](char ch) { return ch >= 'A' && ch <= 'F'; });
      const bool upper = std::none_of(hex.begin(), hex.end(), [](char ch) { return ch >= 'a' && ch <= 'f'; });
      if (!lower && !upper && !Eip55Valid(hex)) return;
      if (lower || upper) score = 0.6f;
      subtype = kEth;
    }
    out->push_back(Finding{kType, kName, subtype, c.begin, c.end, score});
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"wallet", "btc", "bitcoin", "crypto", "eth", "ethereum", "address", "usdt", "metamask",
               "etherscan", "send", "deposit"};
    return w;
  }

  // Base58 is case-sensitive; bech32 and hex are not (EIP-55 case is only
  // a checksum), and fold to lower case.
  std::string Normalize(std::string_view, std::string_view value) const override {
    std::string s(value);
    const bool fold = (s.size() > 3 && (s[0] == 'b' || s[0] == 'B') && (s[1] == 'c' || s[1] == 'C')) ||
                      (s.size() == 42 && s[1] == 'x');
    if (fold) {
      for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
    }
    return s;
  }
};

}  // namespace

std::unique_ptr<Detector> MakeCryptoDetector() { return std::make_unique<CryptoDetector>(); }

}  // namespace winnow::pii
