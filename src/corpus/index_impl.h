// The CorpusIndex implementation, visible to the Matcher: fingerprint
// lookups, title keys and work texts over the mapped IndexFiles.
// Immutable after Open; safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "corpus/common_set.h"
#include "corpus/index_files.h"
#include "winnow/corpus.h"

namespace winnow::corpus {

class IndexImpl : public CorpusIndex {
 public:
  explicit IndexImpl(std::unique_ptr<IndexFiles> files);

  uint32_t num_works() const override { return files_->num_works(); }
  uint64_t num_words() const override { return files_->works_header().num_words; }
  uint64_t num_fingerprints() const override { return files_->fp_header().num_entries; }
  int k() const override { return static_cast<int>(files_->fp_header().k); }
  int w() const override { return static_cast<int>(files_->fp_header().w); }
  WorkInfo work(uint32_t work) const override;
  Status WorkText(uint32_t work, std::string* text) const override;

  const IndexFiles& files() const { return *files_; }
  const CommonSet& common() const { return common_; }
  uint32_t dir_bits() const { return files_->fp_header().dir_bits; }

  // The postings of bucket `bucket`: [begin, end).
  std::span<const FingerprintEntry> Bucket(uint64_t bucket) const {
    const uint32_t* dir = files_->directory();
    return {files_->entries() + dir[bucket], files_->entries() + dir[bucket + 1]};
  }
  const uint32_t* directory() const { return files_->directory(); }
  const FingerprintEntry* entries() const { return files_->entries(); }

  // Whether some title may start with this key (a bitmap probe: false
  // positives possible, no false negatives), and the exact entries.
  bool MayBeTitleKey(uint64_t key) const { return (title_bits_[(key >> 6) & title_mask_] >> (key & 63)) & 1; }
  std::span<const TitleEntry> TitleEntries(uint64_t key) const;

 private:
  std::unique_ptr<IndexFiles> files_;
  CommonSet common_;
  std::vector<uint64_t> title_bits_;
  uint64_t title_mask_ = 0;
};

}  // namespace winnow::corpus
