#include "crypto/primitives.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <sodium.h>

#include <cassert>

#include "winnow/age.h"

namespace winnow::age {

void Wipe(void* p, size_t n) { sodium_memzero(p, n); }

Status EnsureSodium() {
  static const int result = sodium_init();  // 0 first time, 1 if already done
  if (result < 0) return Status::Internal("age: libsodium failed to initialise");
  return Status::Ok();
}

void RandomBytes(std::span<uint8_t> out) { randombytes_buf(out.data(), out.size()); }

Status HkdfSha256(std::span<const uint8_t> ikm, std::span<const uint8_t> salt, std::string_view info,
                  std::span<uint8_t> out) {
  // Fetching the algorithm is the costly part and EVP_KDF objects are
  // immutable and shareable, so fetch it once.
  static EVP_KDF* const kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  if (kdf == nullptr) return Status::Internal("age: OpenSSL has no HKDF");
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  if (ctx == nullptr) return Status::Internal("age: out of memory for HKDF");

  char digest[] = "SHA256";
  OSSL_PARAM params[5];
  size_t n = 0;
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
  params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
                                                  const_cast<uint8_t*>(ikm.data()), ikm.size());
  params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
                                                  const_cast<char*>(info.data()), info.size());
  // An absent salt is, per RFC 5869, HashLen zero bytes, which HMAC treats
  // exactly like the empty salt age specifies.
  if (!salt.empty()) {
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
                                                    const_cast<uint8_t*>(salt.data()), salt.size());
  }
  params[n] = OSSL_PARAM_construct_end();
  const int ok = EVP_KDF_derive(ctx, out.data(), out.size(), params);
  EVP_KDF_CTX_free(ctx);
  if (ok != 1) return Status::Internal("age: HKDF-SHA-256 failed");
  return Status::Ok();
}

void HmacSha256(std::span<const uint8_t> key, std::span<const uint8_t> message,
                std::span<uint8_t, 32> out) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, message.data(), message.size());
  crypto_auth_hmacsha256_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
}

bool ConstantTimeEqual(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool X25519(std::span<const uint8_t, 32> scalar, std::span<const uint8_t, 32> point,
            std::span<uint8_t, 32> out) {
  return crypto_scalarmult(out.data(), scalar.data(), point.data()) == 0;
}

void X25519Base(std::span<const uint8_t, 32> scalar, std::span<uint8_t, 32> out) {
  crypto_scalarmult_base(out.data(), scalar.data());
}

void SealZeroNonce(std::span<const uint8_t, 32> key, std::span<const uint8_t> plaintext,
                   std::span<uint8_t> out) {
  assert(out.size() == plaintext.size() + crypto_aead_chacha20poly1305_ietf_ABYTES);
  const uint8_t nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = {};
  crypto_aead_chacha20poly1305_ietf_encrypt_detached(out.data(), out.data() + plaintext.size(), nullptr,
                                                     plaintext.data(), plaintext.size(), nullptr, 0,
                                                     nullptr, nonce, key.data());
}

bool OpenZeroNonce(std::span<const uint8_t, 32> key, std::span<const uint8_t> ciphertext,
                   std::span<uint8_t> out) {
  assert(ciphertext.size() == out.size() + crypto_aead_chacha20poly1305_ietf_ABYTES);
  const uint8_t nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = {};
  return crypto_aead_chacha20poly1305_ietf_decrypt_detached(out.data(), nullptr, ciphertext.data(),
                                                            out.size(), ciphertext.data() + out.size(),
                                                            nullptr, 0, nonce, key.data()) == 0;
}

}  // namespace winnow::age
