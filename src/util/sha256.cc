#include "util/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <memory>

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

void Sha256Digest(std::initializer_list<std::string_view> parts, uint8_t (&out)[kSha256Bytes]) {
  struct FreeCtx {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  thread_local const std::unique_ptr<EVP_MD_CTX, FreeCtx> ctx(EVP_MD_CTX_new());
  unsigned int n = 0;
  bool ok = ctx != nullptr && EVP_DigestInit_ex2(ctx.get(), Sha256Md(), nullptr) == 1;
  for (std::string_view p : parts) ok = ok && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) == 1;
  if (!ok || EVP_DigestFinal_ex(ctx.get(), out, &n) != 1 || n != kSha256Bytes) {
    std::abort();  // only an OpenSSL without SHA-256, or out of memory, gets here
  }
}

}  // namespace winnow
