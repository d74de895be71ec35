#include "crypto/stream.h"

#include <sodium.h>

#include "crypto/failure.h"
#include "crypto/primitives.h"

namespace winnow::age {
namespace {

using ChunkNonce = uint8_t[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];

void MakeNonce(uint64_t index, bool last, ChunkNonce nonce) {
  // 11-byte big-endian counter; a uint64_t fills its low 8 bytes.
  nonce[0] = nonce[1] = nonce[2] = 0;
  for (int i = 0; i < 8; ++i) nonce[3 + i] = static_cast<uint8_t>(index >> (56 - 8 * i));
  nonce[11] = last ? 1 : 0;
}

}  // namespace

StatusOr<PayloadCipher> PayloadCipher::Create(const FileKey& file_key,
                                              std::span<const uint8_t, kPayloadNonceSize> nonce) {
  WINNOW_RETURN_IF_ERROR(EnsureSodium());
  PayloadCipher cipher;
  WINNOW_RETURN_IF_ERROR(
      HkdfSha256({file_key.data(), kFileKeySize}, nonce, "payload", {cipher.key_.data(), 32}));
  return cipher;
}

void PayloadCipher::Seal(uint64_t index, bool last, std::span<const uint8_t> plaintext, uint8_t* out,
                         std::span<uint8_t, kTagSize> tag) const {
  ChunkNonce nonce;
  MakeNonce(index, last, nonce);
  crypto_aead_chacha20poly1305_ietf_encrypt_detached(out, tag.data(), nullptr, plaintext.data(),
                                                     plaintext.size(), nullptr, 0, nullptr, nonce,
                                                     key_.data());
}

bool PayloadCipher::Open(uint64_t index, bool last, std::span<const uint8_t> ciphertext,
                         std::span<const uint8_t, kTagSize> tag, uint8_t* out) const {
  ChunkNonce nonce;
  MakeNonce(index, last, nonce);
  // libsodium verifies the tag before decrypting and zeroes `out` on failure.
  return crypto_aead_chacha20poly1305_ietf_decrypt_detached(out, nullptr, ciphertext.data(),
                                                            ciphertext.size(), tag.data(), nullptr, 0,
                                                            nonce, key_.data()) == 0;
}

StatusOr<ChunkLayout> LayoutForCiphertextSize(uint64_t size) {
  if (size == 0) return PayloadFailure("no chunks after the payload nonce");
  ChunkLayout layout;
  const uint64_t full = size / kEncryptedChunkSize;
  const uint64_t rest = size % kEncryptedChunkSize;
  if (rest == 0) {
    layout.chunk_count = full;
    layout.last_chunk_size = kEncryptedChunkSize;
  } else {
    if (rest < kTagSize) return PayloadFailure("final chunk is shorter than its tag");
    if (rest == kTagSize && full > 0) return PayloadFailure("final chunk is empty but is not the only chunk");
    layout.chunk_count = full + 1;
    layout.last_chunk_size = rest;
  }
  layout.plaintext_size = size - layout.chunk_count * kTagSize;
  return layout;
}

}  // namespace winnow::age
