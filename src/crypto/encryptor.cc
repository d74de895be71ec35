// Streaming encryption: header, nonce, then 64 KiB STREAM chunks, sealed in
// place in one reusable buffer.

#include <algorithm>
#include <cstring>
#include <memory>

#include "crypto/file_key.h"
#include "crypto/primitives.h"
#include "crypto/stream.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

class StreamEncryptor final : public Encryptor {
 public:
  StreamEncryptor(Sink* sink, PayloadCipher cipher)
      : sink_(sink),
        cipher_(std::move(cipher)),
        buf_(std::make_unique_for_overwrite<uint8_t[]>(kEncryptedChunkSize)) {}

  ~StreamEncryptor() override { Wipe(buf_.get(), kEncryptedChunkSize); }

  Status Write(std::span<const uint8_t> data) override {
    if (finished_) return Status::InvalidArgument("age: Write after Finish");
    WINNOW_RETURN_IF_ERROR(error_);
    while (!data.empty()) {
      // A full buffer is sealed only once more data arrives, because only
      // then is it known not to be the final chunk.
      if (buffered_ == kChunkSize) WINNOW_RETURN_IF_ERROR(SealAndWrite(buf_.get(), kChunkSize, false));
      if (buffered_ == 0 && data.size() > kChunkSize) {
        // Whole chunks straight from the caller's memory, no copy.
        WINNOW_RETURN_IF_ERROR(SealAndWrite(data.data(), kChunkSize, false));
        data = data.subspan(kChunkSize);
        continue;
      }
      const size_t n = std::min(kChunkSize - buffered_, data.size());
      std::memcpy(buf_.get() + buffered_, data.data(), n);
      buffered_ += n;
      data = data.subspan(n);
    }
    return Status::Ok();
  }

  Status Finish() override {
    if (finished_) return Status::InvalidArgument("age: Finish called twice");
    WINNOW_RETURN_IF_ERROR(error_);
    finished_ = true;
    // Write() never leaves the buffer empty after sealing a chunk, so an
    // empty final chunk happens only for an empty payload, as the spec needs.
    return SealAndWrite(buf_.get(), buffered_, true);
  }

 private:
  // Seals `n` bytes at `plaintext` (buf_ itself or caller memory) into buf_
  // and writes the chunk; a failure poisons the stream.
  Status SealAndWrite(const uint8_t* plaintext, size_t n, bool last) {
    cipher_.Seal(index_, last, {plaintext, n}, buf_.get(),
                 std::span<uint8_t, kTagSize>(buf_.get() + n, kTagSize));
    ++index_;
    buffered_ = 0;
    error_ = sink_->Write({buf_.get(), n + kTagSize});
    return error_;
  }

  Sink* sink_;
  PayloadCipher cipher_;
  std::unique_ptr<uint8_t[]> buf_;  // plaintext, then the sealed chunk + tag
  size_t buffered_ = 0;
  uint64_t index_ = 0;
  bool finished_ = false;
  Status error_;
};

}  // namespace

StatusOr<std::unique_ptr<Encryptor>> Encryptor::Create(std::span<const Recipient* const> recipients,
                                                       Sink* sink) {
  WINNOW_RETURN_IF_ERROR(EnsureSodium());
  FileKey file_key;
  RandomBytes({file_key.data(), kFileKeySize});
  WINNOW_ASSIGN_OR_RETURN(std::string header, SealHeader(recipients, file_key));
  uint8_t nonce[kPayloadNonceSize];
  RandomBytes(nonce);
  WINNOW_ASSIGN_OR_RETURN(PayloadCipher cipher, PayloadCipher::Create(file_key, nonce));
  header.append(reinterpret_cast<const char*>(nonce), sizeof nonce);
  WINNOW_RETURN_IF_ERROR(sink->Write({reinterpret_cast<const uint8_t*>(header.data()), header.size()}));
  return std::unique_ptr<Encryptor>(std::make_unique<StreamEncryptor>(sink, std::move(cipher)));
}

StatusOr<std::vector<uint8_t>> EncryptBuffer(std::span<const uint8_t> plaintext,
                                             std::span<const Recipient* const> recipients) {
  std::vector<uint8_t> out;
  out.reserve(plaintext.size() + plaintext.size() / kChunkSize * kTagSize + 512);
  VectorSink sink(&out);
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<Encryptor> encryptor, Encryptor::Create(recipients, &sink));
  WINNOW_RETURN_IF_ERROR(encryptor->Write(plaintext));
  WINNOW_RETURN_IF_ERROR(encryptor->Finish());
  return out;
}

}  // namespace winnow::age
