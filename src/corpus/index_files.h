// IndexFiles: the mapped, validated files of one generation of a corpus
// index (format in index_format.h and docs/corpus.md). Shared by the reader
// (CorpusIndex) and by `corpus add`, which merges into a new generation.
// Immutable after Open; safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "corpus/index_format.h"
#include "io/mapped_file.h"
#include "winnow/status.h"

namespace winnow::corpus {

// "DIR/works-000003.bin" for (DIR, "works", 3).
std::string GenerationFile(const std::string& dir, const char* kind, uint64_t generation);

// Reads DIR/CURRENT. NotFound when there is no index in DIR.
StatusOr<uint64_t> ReadCurrentGeneration(const std::string& dir);

// A postings table as mapped: the fingerprints file, or the similarity
// sketches file (same layout, another magic).
struct PostingsTable {
  FingerprintsHeader header{};
  const FingerprintEntry* entries = nullptr;
  const uint32_t* dir = nullptr;
  std::string name;  // the file, for messages

  // Bounds of bucket `b`'s postings, checked: Corruption when the directory
  // is damaged.
  Status BucketRange(uint64_t b, uint32_t* begin, uint32_t* end) const;
};

class IndexFiles {
 public:
  // Maps and validates the current generation in `dir`.
  static StatusOr<std::unique_ptr<IndexFiles>> Open(const std::string& dir);
  // Validates the files given as bytes (tests and the fuzz target); the
  // bytes must outlive the result.
  static StatusOr<std::unique_ptr<IndexFiles>> FromBytes(std::string_view works, std::string_view fingerprints,
                                                         std::string_view titles, std::string_view common,
                                                         std::string_view similar);

  uint64_t generation() const { return generation_; }
  const WorksHeader& works_header() const { return wh_; }
  const FingerprintsHeader& fp_header() const { return fp_.header; }
  const PostingsTable& fp_table() const { return fp_; }
  const PostingsTable& similar_table() const { return similar_; }
  const TitlesHeader& titles_header() const { return th_; }
  // The k-gram hashes excluded from winnowing, sorted.
  std::span<const uint64_t> common_keys() const { return {common_keys_, ch_.num_keys}; }

  uint32_t num_works() const { return static_cast<uint32_t>(wh_.num_works); }
  const WorkRow& row(uint32_t i) const { return rows_[i]; }
  std::string_view meta(uint32_t i) const { return works_.substr(wh_.meta_offset + rows_[i].meta_off, rows_[i].meta_len); }
  std::string_view block(uint32_t i) const { return works_.substr(wh_.data_offset + rows_[i].data_off, rows_[i].data_len); }
  std::string_view meta_section() const { return works_.substr(wh_.meta_offset, wh_.data_offset - wh_.meta_offset); }
  std::string_view data_section() const { return works_.substr(wh_.data_offset); }

  const FingerprintEntry* entries() const { return fp_.entries; }
  const uint32_t* directory() const { return fp_.dir; }
  const TitleEntry* titles() const { return titles_; }

  uint64_t bytes_on_disk() const;
  // Reads both postings tables whole (ValidatePostings).
  Status ValidateAllPostings() const;
  Status BucketRange(uint64_t b, uint32_t* begin, uint32_t* end) const { return fp_.BucketRange(b, begin, end); }

 private:
  IndexFiles() = default;
  Status Validate(const std::string& wname, const std::string& fname, const std::string& tname,
                  const std::string& cname, const std::string& sname);

  uint64_t generation_ = 0;
  std::unique_ptr<MappedFile> works_map_, fingerprints_map_, titles_map_, common_map_, similar_map_;  // null for FromBytes
  std::string_view works_, fingerprints_, titles_file_, common_file_, similar_file_;
  WorksHeader wh_{};
  PostingsTable fp_, similar_;
  TitlesHeader th_{};
  CommonHeader ch_{};
  const uint64_t* common_keys_ = nullptr;
  const WorkRow* rows_ = nullptr;
  const TitleEntry* titles_ = nullptr;
};

}  // namespace winnow::corpus
