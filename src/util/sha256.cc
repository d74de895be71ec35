#include "util/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace winnow {

const evp_md_st* Sha256Md() {
  static const EVP_MD* const md = [] {
    const EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return m != nullptr ? m : EVP_sha256();  // no provider: the implicit fetch still works
  }();
  return md;
}

void Sha256Digest(std::string_view bytes, uint8_t (&out)[kSha256Bytes]) {
  unsigned int n = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out, &n, Sha256Md(), nullptr) != 1 || n != kSha256Bytes) {
    std::abort();  // only an OpenSSL without SHA-256 gets here
  }
}

}  // namespace winnow
