// SHA-256 through OpenSSL (its SHA extension code where the CPU has it),
// with the algorithm fetched once per process: OpenSSL 3 otherwise looks
// it up (locks and a hash table) on every EVP_sha256() digest, which cost
// more than hashing a short text.
//
// Thread-safe: the fetched algorithm is immutable and shared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

struct evp_md_st;  // OpenSSL's EVP_MD

namespace winnow {

inline constexpr size_t kSha256Bytes = 32;

// The SHA-256 EVP_MD, fetched on first use; for EVP_DigestInit_ex.
const evp_md_st* Sha256Md();

// SHA-256 of `bytes` into `out`.
void Sha256Digest(std::string_view bytes, uint8_t (&out)[kSha256Bytes]);

// SHA-256 of the concatenation of `parts` into `out`, through a context kept
// per thread: for hashing many short inputs (an entry id per entry), where
// creating a context per digest costs as much as the hashing.
void Sha256Digest(std::initializer_list<std::string_view> parts, uint8_t (&out)[kSha256Bytes]);

}  // namespace winnow
