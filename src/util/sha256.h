// SHA-256 through OpenSSL (its SHA extension code where the CPU has it),
// with the algorithm fetched once per process: OpenSSL 3 otherwise looks
// it up (locks and a hash table) on every EVP_sha256() digest, which cost
// more than hashing a short text.
//
// Thread-safe: the fetched algorithm is immutable and shared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

struct evp_md_st;  // OpenSSL's EVP_MD

namespace winnow {

inline constexpr size_t kSha256Bytes = 32;

// The SHA-256 EVP_MD, fetched on first use; for EVP_DigestInit_ex.
const evp_md_st* Sha256Md();

// SHA-256 of `bytes` into `out`.
void Sha256Digest(std::string_view bytes, uint8_t (&out)[kSha256Bytes]);

}  // namespace winnow
