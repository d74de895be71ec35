// libFuzzer target: arbitrary bytes as an age file, decrypted with a fixed
// X25519 identity, both streaming (DecryptBuffer) and by random access.
// Must never crash, leak or read out of bounds, and every failure must fall
// in one of the CCTV classes (an I/O-free decryption has no other kind).
//
// Seeds: the age files inside shared/testdata/age (after the blank line).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "winnow/age.h"

namespace {

using winnow::age::Failure;

// The identity of the C2SP CCTV vectors, so their files make useful seeds.
constexpr char kIdentity[] = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";
constexpr size_t kMaxInput = 1 << 20;

const winnow::age::X25519Identity& FixedIdentity() {
  static const winnow::age::X25519Identity* const id = [] {
    winnow::StatusOr<winnow::age::X25519Identity> parsed = winnow::age::X25519Identity::Parse(kIdentity);
    if (!parsed.ok()) std::abort();
    return new winnow::age::X25519Identity(std::move(*parsed));
  }();
  return *id;
}

void CheckClass(const winnow::Status& status) {
  if (winnow::age::FailureOf(status) == Failure::kOther) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return -1;  // keep each run fast; -1: do not add to the corpus
  const winnow::age::Identity* ids[] = {&FixedIdentity()};
  const std::span<const uint8_t> file(data, size);

  std::vector<uint8_t> plaintext;
  CheckClass(winnow::age::DecryptBuffer(file, ids, &plaintext));

  winnow::age::SpanSource source(file);
  winnow::StatusOr<std::unique_ptr<winnow::age::RandomAccessDecryptor>> ra =
      winnow::age::RandomAccessDecryptor::Open(&source, ids);
  CheckClass(ra.status());
  if (ra.ok()) {
    std::vector<uint8_t> chunk(winnow::age::kChunkSize);
    const uint64_t count = (*ra)->chunk_count();
    for (uint64_t i = 0; i < count && i < 32; ++i) CheckClass((*ra)->ReadChunk(i, chunk).status());
  }
  return 0;
}
