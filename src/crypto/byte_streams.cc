// The in-memory Source and Sink of the public API.

#include <algorithm>
#include <cstring>

#include "winnow/age.h"

namespace winnow::age {

StatusOr<size_t> SpanSource::Read(std::span<uint8_t> out) {
  const size_t n = std::min(out.size(), bytes_.size() - pos_);
  if (n > 0) std::memcpy(out.data(), bytes_.data() + pos_, n);
  pos_ += n;
  return n;
}

StatusOr<size_t> SpanSource::ReadAt(uint64_t offset, std::span<uint8_t> out) const {
  if (offset >= bytes_.size()) return size_t{0};
  const size_t n = std::min<uint64_t>(out.size(), bytes_.size() - offset);
  if (n > 0) std::memcpy(out.data(), bytes_.data() + offset, n);
  return n;
}

Status VectorSink::Write(std::span<const uint8_t> data) {
  out_->insert(out_->end(), data.begin(), data.end());
  return Status::Ok();
}

}  // namespace winnow::age
