#include "crypto/bech32.h"

#include <array>

#include "winnow/age.h"

namespace winnow::age {
namespace {

constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

uint32_t Polymod(std::span<const uint8_t> values) {
  constexpr std::array<uint32_t, 5> kGenerator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                                  0x2a1462b3};
  uint32_t chk = 1;
  for (uint8_t v : values) {
    const uint32_t top = chk >> 25;
    chk = (chk & 0x1ffffff) << 5 ^ v;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) chk ^= kGenerator[i];
    }
  }
  return chk;
}

// The hrp expanded as BIP 173 checksums it, followed by `data`.
std::vector<uint8_t> ChecksumInput(std::string_view lower_hrp, std::span<const uint8_t> data) {
  std::vector<uint8_t> out;
  out.reserve(lower_hrp.size() * 2 + 1 + data.size() + 6);
  for (char c : lower_hrp) out.push_back(static_cast<uint8_t>(c) >> 5);
  out.push_back(0);
  for (char c : lower_hrp) out.push_back(static_cast<uint8_t>(c) & 31);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

// Regroups bits; with pad false, leftover bits must be fewer than `from`
// and zero (the BIP 173 rule that makes the encoding canonical).
bool ConvertBits(std::span<const uint8_t> in, int from, int to, bool pad, std::vector<uint8_t>* out) {
  uint32_t acc = 0;
  int bits = 0;
  const uint32_t max = (1u << to) - 1;
  for (uint8_t v : in) {
    if (v >> from) return false;
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out->push_back(static_cast<uint8_t>((acc >> bits) & max));
    }
  }
  if (pad) {
    if (bits > 0) out->push_back(static_cast<uint8_t>((acc << (to - bits)) & max));
  } else if (bits >= from || ((acc << (to - bits)) & max) != 0) {
    return false;
  }
  return true;
}

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

StatusOr<std::string> Bech32Encode(std::string_view hrp, std::span<const uint8_t> data) {
  if (hrp.empty()) return Status::InvalidArgument("bech32: empty human-readable part");
  for (char c : hrp) {
    if (c < 33 || c > 126 || (c >= 'A' && c <= 'Z')) {
      return Status::InvalidArgument("bech32: invalid character in human-readable part");
    }
  }
  // `data` may be a secret key: size every buffer up front so none is
  // reallocated (leaving a copy behind), and wipe the temporaries.
  std::vector<uint8_t> values;
  values.reserve((data.size() * 8 + 4) / 5);
  ConvertBits(data, 8, 5, /*pad=*/true, &values);
  std::vector<uint8_t> input = ChecksumInput(hrp, values);
  input.insert(input.end(), 6, 0);
  const uint32_t mod = Polymod(input) ^ 1;

  std::string out;
  out.reserve(hrp.size() + 1 + values.size() + 6);
  out.append(hrp);
  out.push_back('1');
  for (uint8_t v : values) out.push_back(kCharset[v]);
  for (int i = 0; i < 6; ++i) out.push_back(kCharset[(mod >> (5 * (5 - i))) & 31]);
  Wipe(values.data(), values.size());
  Wipe(input.data(), input.size());
  return out;
}

StatusOr<Bech32Data> Bech32Decode(std::string_view text) {
  bool lower = false, upper = false;
  for (char c : text) {
    lower |= (c >= 'a' && c <= 'z');
    upper |= (c >= 'A' && c <= 'Z');
  }
  if (lower && upper) return Status::InvalidArgument("bech32: mixed case");
  const size_t pos = text.rfind('1');
  if (pos == std::string_view::npos || pos < 1 || pos + 7 > text.size()) {
    return Status::InvalidArgument("bech32: separator '1' missing or misplaced");
  }
  Bech32Data result;
  result.hrp = std::string(text.substr(0, pos));
  std::string lower_hrp;
  for (char c : result.hrp) {
    if (c < 33 || c > 126) return Status::InvalidArgument("bech32: invalid character in human-readable part");
    lower_hrp.push_back(ToLower(c));
  }
  std::vector<uint8_t> values;
  values.reserve(text.size() - pos - 1);
  for (char c : text.substr(pos + 1)) {
    const size_t d = kCharset.find(ToLower(c));
    if (d == std::string_view::npos) return Status::InvalidArgument("bech32: invalid character in data");
    values.push_back(static_cast<uint8_t>(d));
  }
  std::vector<uint8_t> input = ChecksumInput(lower_hrp, values);
  const bool checksum_ok = Polymod(input) == 1;
  Wipe(input.data(), input.size());
  if (!checksum_ok) {
    Wipe(values.data(), values.size());
    return Status::InvalidArgument("bech32: checksum mismatch");
  }
  values.resize(values.size() - 6);
  result.data.reserve(values.size() * 5 / 8);
  const bool bits_ok = ConvertBits(values, 5, 8, /*pad=*/false, &result.data);
  Wipe(values.data(), values.size());
  if (!bits_ok) {
    Wipe(result.data.data(), result.data.size());
    return Status::InvalidArgument("bech32: invalid padding");
  }
  return result;
}

}  // namespace winnow::age
