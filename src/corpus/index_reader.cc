#include <zstd.h>

#include <algorithm>
#include <bit>
#include <memory>

#include "corpus/index_impl.h"

namespace winnow {
namespace corpus {
namespace {

// ZSTD_decompress makes (mallocs, ~100 KB) and frees a context per call;
// matchers decode thousands of works, so each thread keeps one.
ZSTD_DCtx* ThreadDecompressor() {
  struct Free {
    void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
  };
  thread_local std::unique_ptr<ZSTD_DCtx, Free> dctx(ZSTD_createDCtx());
  return dctx.get();
}

}  // namespace

IndexImpl::IndexImpl(std::unique_ptr<IndexFiles> files)
    : files_(std::move(files)), common_(files_->common_keys()) {
  // About 16 bits per title keeps the bitmap in cache and false hits rare.
  const uint64_t n = files_->titles_header().num_entries;
  const uint64_t words = std::bit_ceil(std::max<uint64_t>(n / 4, 16));
  title_bits_.assign(words, 0);
  title_mask_ = words - 1;
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t key = files_->titles()[i].key;
    title_bits_[(key >> 6) & title_mask_] |= uint64_t{1} << (key & 63);
  }
}

WorkInfo IndexImpl::work(uint32_t work) const {
  std::string_view m = files_->meta(work);
  return {MetaField(m, 0), MetaField(m, 1), MetaField(m, 2), MetaField(m, 3), MetaField(m, 4)};
}

Status IndexImpl::WorkText(uint32_t work, std::string* text) const {
  const WorkRow& row = files_->row(work);
  std::string_view block = files_->block(work);
  text->resize(row.text_len);
  ZSTD_DCtx* dctx = ThreadDecompressor();
  if (dctx == nullptr) return Status::Internal("corpus index: out of memory for a zstd context");
  const size_t n = ZSTD_decompressDCtx(dctx, text->data(), text->size(), block.data(), block.size());
  if (ZSTD_isError(n) || n != row.text_len) {
    return Status::Corruption("corpus index: text of work " + std::to_string(work) + " (" +
                              std::string(MetaField(files_->meta(work), 0)) + ") does not decode" +
                              (ZSTD_isError(n) ? std::string(": ") + ZSTD_getErrorName(n) : std::string()));
  }
  return Status::Ok();
}

std::span<const TitleEntry> IndexImpl::TitleEntries(uint64_t key) const {
  const TitleEntry* begin = files_->titles();
  const TitleEntry* end = begin + files_->titles_header().num_entries;
  auto lo = std::lower_bound(begin, end, key, [](const TitleEntry& e, uint64_t k) { return e.key < k; });
  auto hi = lo;
  while (hi != end && hi->key == key) ++hi;
  return {lo, hi};
}

}  // namespace corpus

StatusOr<std::unique_ptr<CorpusIndex>> CorpusIndex::Open(const std::string& index_dir) {
  WINNOW_ASSIGN_OR_RETURN(auto files, corpus::IndexFiles::Open(index_dir));
  return std::unique_ptr<CorpusIndex>(new corpus::IndexImpl(std::move(files)));
}

}  // namespace winnow
