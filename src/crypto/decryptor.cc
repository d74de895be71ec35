// Streaming decryption. One ciphertext buffer holds a chunk plus one byte of
// lookahead, which tells a final chunk from a middle one without a second
// read; plaintext goes straight to the caller when the caller's buffer can
// take a whole chunk, else through one plaintext buffer.

#include <algorithm>
#include <cassert>
#include <cstring>
#include <memory>

#include "crypto/failure.h"
#include "crypto/file_key.h"
#include "crypto/primitives.h"
#include "crypto/stream.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

constexpr size_t kCiphertextBufferSize = kEncryptedChunkSize + 1;

class StreamDecryptor final : public Decryptor {
 public:
  StreamDecryptor(Source* source, PayloadCipher cipher)
      : source_(source),
        cipher_(std::move(cipher)),
        ciphertext_(std::make_unique_for_overwrite<uint8_t[]>(kCiphertextBufferSize)),
        plaintext_(std::make_unique_for_overwrite<uint8_t[]>(kChunkSize)) {}

  ~StreamDecryptor() override { Wipe(plaintext_.get(), kChunkSize); }

  // Bytes the header reader read past the nonce. REQUIRES: fewer than
  // kCiphertextBufferSize, before the first Read.
  void Prime(std::span<const uint8_t> bytes) {
    assert(bytes.size() < kCiphertextBufferSize);
    std::memcpy(ciphertext_.get(), bytes.data(), bytes.size());
    ciphertext_size_ = bytes.size();
  }

  StatusOr<size_t> Read(std::span<uint8_t> out) override {
    size_t total = 0;
    while (total < out.size()) {
      if (plaintext_pos_ < plaintext_size_) {
        const size_t n = std::min(plaintext_size_ - plaintext_pos_, out.size() - total);
        std::memcpy(out.data() + total, plaintext_.get() + plaintext_pos_, n);
        plaintext_pos_ += n;
        total += n;
        continue;
      }
      if (finished_ || !error_.ok()) break;
      const bool direct = out.size() - total >= kChunkSize;
      uint8_t* dst = direct ? out.data() + total : plaintext_.get();
      StatusOr<size_t> n = NextChunk(dst);
      if (!n.ok()) {
        error_ = n.status();
        break;
      }
      if (direct) {
        total += *n;
      } else {
        plaintext_pos_ = 0;
        plaintext_size_ = *n;
      }
    }
    // Plaintext that authenticated goes out first; the error on the next call.
    if (total == 0 && !error_.ok()) return error_;
    return total;
  }

 private:
  // Reads until the buffer holds a chunk and a lookahead byte, or the input ends.
  Status Fill() {
    while (!eof_ && ciphertext_size_ < kCiphertextBufferSize) {
      WINNOW_ASSIGN_OR_RETURN(const size_t n, source_->Read({ciphertext_.get() + ciphertext_size_,
                                                            kCiphertextBufferSize - ciphertext_size_}));
      if (n == 0) eof_ = true;
      ciphertext_size_ += n;
    }
    return Status::Ok();
  }

  bool OpenAt(size_t size, bool last, uint8_t* dst) {
    const size_t body = size - kTagSize;
    return cipher_.Open(index_, last, {ciphertext_.get(), body},
                        std::span<const uint8_t, kTagSize>(ciphertext_.get() + body, kTagSize), dst);
  }

  std::string ChunkName() const { return "chunk " + std::to_string(index_); }

  // Decrypts the next chunk into `dst` (kChunkSize bytes) and returns its
  // plaintext size. Failures that come after an authenticated chunk (data
  // after the final chunk, input ending after a middle chunk) are left in
  // error_ so that chunk's plaintext is still returned, as age does.
  StatusOr<size_t> NextChunk(uint8_t* dst) {
    WINNOW_RETURN_IF_ERROR(Fill());
    const size_t size = ciphertext_size_;
    if (size > kEncryptedChunkSize) {
      // More input follows, so this should be a middle chunk; age also
      // accepts it as a final chunk and then reports the trailing data.
      if (OpenAt(kEncryptedChunkSize, false, dst)) {
        ++index_;
        ciphertext_[0] = ciphertext_[kEncryptedChunkSize];  // keep the lookahead byte
        ciphertext_size_ = 1;
        return kChunkSize;
      }
      if (OpenAt(kEncryptedChunkSize, true, dst)) {
        finished_ = true;
        error_ = PayloadFailure("data after the final chunk (" + ChunkName() + ")");
        return kChunkSize;
      }
      return PayloadFailure(ChunkName() + " failed authentication");
    }
    // The input ends with this chunk.
    if (size == 0) {
      return PayloadFailure(index_ == 0 ? "no chunks after the payload nonce"
                                        : "truncated: input ends before the final chunk");
    }
    if (size < kTagSize) return PayloadFailure(ChunkName() + " is shorter than its tag (truncated)");
    if (size == kTagSize && index_ > 0) {
      return PayloadFailure("final chunk is empty but is not the only chunk");
    }
    if (OpenAt(size, true, dst)) {
      finished_ = true;
      ciphertext_size_ = 0;
      return size - kTagSize;
    }
    if (size == kEncryptedChunkSize && OpenAt(size, false, dst)) {
      // A full middle chunk with nothing after it: the file was cut at a
      // chunk boundary. Its plaintext is authentic; the end is not.
      ++index_;
      ciphertext_size_ = 0;
      error_ = PayloadFailure("truncated: input ends before the final chunk (after chunk " +
                              std::to_string(index_ - 1) + ")");
      return kChunkSize;
    }
    return PayloadFailure(ChunkName() + " failed authentication");
  }

  Source* source_;
  PayloadCipher cipher_;
  std::unique_ptr<uint8_t[]> ciphertext_;
  std::unique_ptr<uint8_t[]> plaintext_;
  size_t ciphertext_size_ = 0;
  size_t plaintext_pos_ = 0;
  size_t plaintext_size_ = 0;
  uint64_t index_ = 0;
  bool eof_ = false;
  bool finished_ = false;  // the final chunk authenticated
  Status error_;           // sticky: returned once buffered plaintext is out
};

}  // namespace

StatusOr<std::unique_ptr<Decryptor>> Decryptor::Open(Source* source,
                                                     std::span<const Identity* const> identities) {
  WINNOW_RETURN_IF_ERROR(EnsureSodium());
  WINNOW_ASSIGN_OR_RETURN(OpenedHeader opened, OpenHeader(source, identities));
  std::string& bytes = opened.bytes;
  // The nonce is part of the header for failure classes: a file cut inside
  // it is a header failure, like age.
  while (bytes.size() < opened.size + kPayloadNonceSize) {
    const size_t old = bytes.size();
    bytes.resize(opened.size + kPayloadNonceSize);
    StatusOr<size_t> n = source->Read({reinterpret_cast<uint8_t*>(bytes.data()) + old, bytes.size() - old});
    bytes.resize(old + (n.ok() ? *n : 0));
    if (!n.ok()) return n.status();
    if (*n == 0) return HeaderFailure("truncated payload nonce");
  }
  const auto* nonce = reinterpret_cast<const uint8_t*>(bytes.data()) + opened.size;
  WINNOW_ASSIGN_OR_RETURN(PayloadCipher cipher,
                          PayloadCipher::Create(opened.file_key,
                                                std::span<const uint8_t, kPayloadNonceSize>(nonce, kPayloadNonceSize)));
  auto decryptor = std::make_unique<StreamDecryptor>(source, std::move(cipher));
  decryptor->Prime({nonce + kPayloadNonceSize, bytes.size() - opened.size - kPayloadNonceSize});
  return std::unique_ptr<Decryptor>(std::move(decryptor));
}

Status DecryptBuffer(std::span<const uint8_t> age_file, std::span<const Identity* const> identities,
                     std::vector<uint8_t>* plaintext) {
  SpanSource source(age_file);
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<Decryptor> decryptor, Decryptor::Open(&source, identities));
  plaintext->reserve(plaintext->size() + age_file.size() + kChunkSize);
  for (;;) {
    const size_t old = plaintext->size();
    plaintext->resize(old + kChunkSize);
    StatusOr<size_t> n = decryptor->Read({plaintext->data() + old, kChunkSize});
    plaintext->resize(old + (n.ok() ? *n : 0));
    if (!n.ok()) return n.status();
    if (*n == 0) return Status::Ok();
  }
}

}  // namespace winnow::age
