// Bech32 (BIP 173, original checksum constant) as age uses it for keys:
// "age1..." recipients and "AGE-SECRET-KEY-1..." identities. Unlike BIP 173
// there is no 90-character limit. Decoding accepts all-lowercase or
// all-uppercase strings and returns the human-readable part as written.
//
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow::age {

struct Bech32Data {
  std::string hrp;            // as written (case preserved)
  std::vector<uint8_t> data;  // the 8-bit payload
};

// Encodes `data` under `hrp` in lowercase. InvalidArgument if `hrp` is empty
// or has characters outside 33..126 or uppercase letters.
StatusOr<std::string> Bech32Encode(std::string_view hrp, std::span<const uint8_t> data);

// Decodes `text`. InvalidArgument if the case is mixed, the separator or a
// character is invalid, the checksum fails or the padding bits are not zero.
// Messages do not echo `text`, which may be a secret key.
StatusOr<Bech32Data> Bech32Decode(std::string_view text);

}  // namespace winnow::age
