// Thin wrappers over the libsodium and OpenSSL primitives age is built from:
// randomness, HKDF-SHA-256, HMAC-SHA-256 and X25519. Nothing here is
// home-made; the wrappers only fix sizes and turn failures into Status.
//
// Thread-safe: libsodium is initialised once, on first use, under a static.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "winnow/status.h"

namespace winnow::age {

// Initialises libsodium once. Internal error if it cannot be initialised.
Status EnsureSodium();

// Fills `out` with bytes from the operating system's CSPRNG.
// REQUIRES: EnsureSodium() succeeded.
void RandomBytes(std::span<uint8_t> out);

// HKDF-SHA-256 (RFC 5869) of `ikm` with `salt` (empty means no salt) and
// `info`, filling `out`. Internal error if OpenSSL fails.
Status HkdfSha256(std::span<const uint8_t> ikm, std::span<const uint8_t> salt, std::string_view info,
                  std::span<uint8_t> out);

// HMAC-SHA-256 of `message` under `key`.
void HmacSha256(std::span<const uint8_t> key, std::span<const uint8_t> message,
                std::span<uint8_t, 32> out);

// Constant-time equality of two equally long byte strings.
bool ConstantTimeEqual(std::span<const uint8_t> a, std::span<const uint8_t> b);

// X25519(scalar, point). Returns false if the result is all zeros (a
// low-order point), which age treats as an error.
[[nodiscard]] bool X25519(std::span<const uint8_t, 32> scalar, std::span<const uint8_t, 32> point,
                          std::span<uint8_t, 32> out);

// X25519(scalar, basepoint): the public key of `scalar`.
void X25519Base(std::span<const uint8_t, 32> scalar, std::span<uint8_t, 32> out);

// ChaCha20-Poly1305 (IETF) with a 32-byte key and an all-zero nonce, the way
// age wraps a file key in a stanza body. `out` is plaintext + 16 bytes.
void SealZeroNonce(std::span<const uint8_t, 32> key, std::span<const uint8_t> plaintext,
                   std::span<uint8_t> out);
// The inverse; false (and `out` zeroed) if the tag does not verify.
// REQUIRES: ciphertext.size() == out.size() + 16.
[[nodiscard]] bool OpenZeroNonce(std::span<const uint8_t, 32> key, std::span<const uint8_t> ciphertext,
                                 std::span<uint8_t> out);

}  // namespace winnow::age
