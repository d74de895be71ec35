// Base64 as the age header uses it: the standard alphabet, no padding, and
// canonical only (unused trailing bits must be zero), so every byte string
// has exactly one encoding. Backed by libsodium's constant-time codec.
//
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::age {

// Encodes `bytes` without padding.
std::string Base64Encode(std::span<const uint8_t> bytes);

// Decodes `text`; nullopt if any character is outside the alphabet
// (including '=', CR, LF and spaces) or the encoding is not canonical.
std::optional<std::vector<uint8_t>> Base64Decode(std::string_view text);

// Length of the decoding of `n` characters, or nullopt if no canonical
// unpadded encoding has length n.
std::optional<size_t> Base64DecodedSize(size_t n);

}  // namespace winnow::age
