// The age payload: ChaCha20-Poly1305 STREAM over 64 KiB chunks.
//
// The payload key is HKDF(file key, salt = 16-byte nonce, "payload"). Chunk
// i is sealed with the 12-byte nonce [i as 11 bytes big-endian][last flag],
// the flag 1 only on the final chunk. Every chunk holds kChunkSize bytes of
// plaintext except the final one, which holds 1..kChunkSize, or 0 if it is
// the only chunk.
//
// PayloadCipher is immutable after Create and thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "winnow/age.h"

namespace winnow::age {

class PayloadCipher {
 public:
  // Derives the payload key. Internal error if HKDF fails.
  static StatusOr<PayloadCipher> Create(const FileKey& file_key,
                                        std::span<const uint8_t, kPayloadNonceSize> nonce);

  // Encrypts `plaintext` (at most kChunkSize bytes) as chunk `index` into
  // `out` (plaintext.size() bytes, may be plaintext.data() itself) and `tag`.
  void Seal(uint64_t index, bool last, std::span<const uint8_t> plaintext, uint8_t* out,
            std::span<uint8_t, kTagSize> tag) const;

  // Decrypts chunk `index` into `out` (ciphertext.size() bytes, may be
  // ciphertext.data() itself). Returns false if the tag does not verify, in
  // which case `out` holds zeros and never unauthenticated plaintext.
  [[nodiscard]] bool Open(uint64_t index, bool last, std::span<const uint8_t> ciphertext,
                          std::span<const uint8_t, kTagSize> tag, uint8_t* out) const;

 private:
  PayloadCipher() = default;
  SecretArray<32> key_;
};

// Where the chunks of a payload lie, from its length after the nonce.
struct ChunkLayout {
  uint64_t chunk_count = 0;     // >= 1
  uint64_t plaintext_size = 0;
  uint64_t last_chunk_size = 0;  // ciphertext bytes of the final chunk

  uint64_t ciphertext_offset(uint64_t index) const { return index * kEncryptedChunkSize; }
  uint64_t ciphertext_size(uint64_t index) const {
    return index + 1 == chunk_count ? last_chunk_size : kEncryptedChunkSize;
  }
};

// The layout of a payload of `size` ciphertext bytes, or a PayloadFailure if
// no valid STREAM has that length (no chunk at all, a final chunk shorter
// than its tag, or an empty final chunk after other chunks).
StatusOr<ChunkLayout> LayoutForCiphertextSize(uint64_t size);

}  // namespace winnow::age
