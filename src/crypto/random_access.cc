// Random access to the chunks of an age file: the header is opened once,
// then any chunk is read and authenticated on its own (the chunk index and
// the final-chunk flag are bound into its nonce, so chunks cannot be moved).

#include <cstring>
#include <memory>

#include "crypto/failure.h"
#include "crypto/file_key.h"
#include "crypto/primitives.h"
#include "crypto/stream.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

// Reads a RandomAccessSource from the start, for the header reader.
class SequentialView final : public Source {
 public:
  explicit SequentialView(const RandomAccessSource* source) : source_(source) {}
  StatusOr<size_t> Read(std::span<uint8_t> out) override {
    WINNOW_ASSIGN_OR_RETURN(const size_t n, source_->ReadAt(pos_, out));
    pos_ += n;
    return n;
  }

 private:
  const RandomAccessSource* source_;
  uint64_t pos_ = 0;
};

// Reads exactly out.size() bytes at `offset`; a PayloadFailure if the input
// is shorter (it shrank since Open).
Status ReadExactly(const RandomAccessSource* source, uint64_t offset, std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    WINNOW_ASSIGN_OR_RETURN(const size_t n, source->ReadAt(offset + done, out.subspan(done)));
    if (n == 0) return PayloadFailure("input ended inside a chunk (file truncated after opening?)");
    done += n;
  }
  return Status::Ok();
}

class ChunkDecryptor final : public RandomAccessDecryptor {
 public:
  ChunkDecryptor(const RandomAccessSource* source, PayloadCipher cipher, uint64_t payload_offset,
                 ChunkLayout layout)
      : source_(source), cipher_(std::move(cipher)), payload_offset_(payload_offset), layout_(layout) {}

  uint64_t chunk_count() const override { return layout_.chunk_count; }
  uint64_t plaintext_size() const override { return layout_.plaintext_size; }
  uint64_t payload_offset() const override { return payload_offset_; }

  StatusOr<size_t> ReadChunk(uint64_t index, std::span<uint8_t> out) const override {
    if (index >= layout_.chunk_count) {
      return Status::InvalidArgument("age: chunk " + std::to_string(index) + " out of range (" +
                                     std::to_string(layout_.chunk_count) + " chunks)");
    }
    const size_t size = layout_.ciphertext_size(index);
    const size_t body = size - kTagSize;
    if (out.size() < body) return Status::InvalidArgument("age: output buffer smaller than the chunk");
    const uint64_t offset = payload_offset_ + layout_.ciphertext_offset(index);
    uint8_t tag[kTagSize];
    if (out.size() >= size) {
      // One read; the tag lands after the plaintext and is left there.
      WINNOW_RETURN_IF_ERROR(ReadExactly(source_, offset, out.first(size)));
      std::memcpy(tag, out.data() + body, kTagSize);
    } else {
      WINNOW_RETURN_IF_ERROR(ReadExactly(source_, offset, out.first(body)));
      WINNOW_RETURN_IF_ERROR(ReadExactly(source_, offset + body, tag));
    }
    const bool last = index + 1 == layout_.chunk_count;
    if (!cipher_.Open(index, last, out.first(body), tag, out.data())) {
      return PayloadFailure("chunk " + std::to_string(index) + " failed authentication");
    }
    return body;
  }

 private:
  const RandomAccessSource* source_;
  PayloadCipher cipher_;
  uint64_t payload_offset_;
  ChunkLayout layout_;
};

}  // namespace

StatusOr<std::unique_ptr<RandomAccessDecryptor>> RandomAccessDecryptor::Open(
    const RandomAccessSource* source, std::span<const Identity* const> identities) {
  WINNOW_RETURN_IF_ERROR(EnsureSodium());
  SequentialView view(source);
  WINNOW_ASSIGN_OR_RETURN(const OpenedHeader opened, OpenHeader(&view, identities));
  WINNOW_ASSIGN_OR_RETURN(const uint64_t file_size, source->Size());
  const uint64_t payload_offset = opened.size + kPayloadNonceSize;
  if (file_size < payload_offset) return HeaderFailure("truncated payload nonce");
  uint8_t nonce[kPayloadNonceSize];
  WINNOW_RETURN_IF_ERROR(ReadExactly(source, opened.size, nonce));
  WINNOW_ASSIGN_OR_RETURN(const ChunkLayout layout, LayoutForCiphertextSize(file_size - payload_offset));
  WINNOW_ASSIGN_OR_RETURN(PayloadCipher cipher, PayloadCipher::Create(opened.file_key, nonce));
  return std::unique_ptr<RandomAccessDecryptor>(
      std::make_unique<ChunkDecryptor>(source, std::move(cipher), payload_offset, layout));
}

}  // namespace winnow::age
