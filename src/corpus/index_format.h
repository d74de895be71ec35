// The corpus index's on-disk format (docs/corpus.md is the specification)
// and the structural checks every reader applies before trusting a file.
//
// An index directory holds CURRENT (the generation number, written
// atomically) and, for that generation G, works-G.bin, fingerprints-G.bin,
// titles-G.bin, common-G.bin and similar-G.bin. All integers are little-endian; every file starts with a
// 64-byte header whose magic names it. The checks here are what make a
// damaged or hostile index give an error instead of a crash: they are the
// fuzz target's entry point. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow::corpus {

inline constexpr uint32_t kFormatVersion = 1;
inline constexpr size_t kHeaderSize = 64;
inline constexpr char kWorksMagic[8] = {'W', 'N', 'W', 'O', 'R', 'K', 'S', '1'};
inline constexpr char kFingerprintsMagic[8] = {'W', 'N', 'F', 'P', 'R', 'N', 'T', '1'};
inline constexpr char kTitlesMagic[8] = {'W', 'N', 'T', 'I', 'T', 'L', 'E', '1'};
inline constexpr char kCommonMagic[8] = {'W', 'N', 'C', 'O', 'M', 'M', 'N', '1'};
inline constexpr char kSimilarMagic[8] = {'W', 'N', 'S', 'I', 'M', 'L', 'R', '1'};
inline constexpr uint32_t kCommonWork = 0xFFFFFFFFu;  // posting marks a common fingerprint
inline constexpr int kTitleKeyWords = 3;              // words hashed into a title key
inline constexpr int kMetaFields = 5;                 // id, title, url, date, publisher
inline constexpr uint32_t kMaxWorkTextBytes = 256u << 20;

// works-G.bin: header, then num_works rows, then metadata, then text blocks.
struct WorksHeader {
  char magic[8];
  uint32_t version;
  uint32_t reserved;
  uint64_t num_works;
  uint64_t num_words;
  uint64_t meta_offset;  // start of the metadata section
  uint64_t data_offset;  // start of the text blocks
  uint64_t file_size;
  uint64_t reserved2;
};
static_assert(sizeof(WorksHeader) == kHeaderSize);

struct WorkRow {
  uint64_t data_off;   // relative to data_offset: a zstd frame of the text
  uint64_t meta_off;   // relative to meta_offset: 5 x (u32 length, bytes)
  uint32_t data_len;   // compressed bytes
  uint32_t text_len;   // text bytes
  uint32_t words;      // tokens of the text
  uint32_t meta_len;
};
static_assert(sizeof(WorkRow) == 32);

// fingerprints-G.bin: header, entries, then the bucket directory.
struct FingerprintsHeader {
  char magic[8];
  uint32_t version;
  uint32_t k;
  uint32_t w;
  uint32_t dir_bits;      // buckets = 2^dir_bits, chosen by the top bits of a hash
  uint32_t common_works;
  uint32_t num_works;     // must equal the works file's
  uint64_t num_entries;
  uint64_t num_common;
  uint64_t file_size;
  uint64_t reserved;
};
static_assert(sizeof(FingerprintsHeader) == kHeaderSize);

// One posting. `lo` is the 32 hash bits after the bucket bits. A common
// fingerprint has one posting with work == kCommonWork and pos = the number
// of works holding it (saturated).
struct FingerprintEntry {
  uint32_t lo;
  uint32_t work;
  uint32_t pos;
};
static_assert(sizeof(FingerprintEntry) == 12);

// titles-G.bin: header, then entries sorted by key.
struct TitlesHeader {
  char magic[8];
  uint32_t version;
  uint32_t key_words;
  uint64_t num_entries;
  uint64_t file_size;
  uint32_t num_works;
  uint32_t reserved[7];
};
static_assert(sizeof(TitlesHeader) == kHeaderSize);

struct TitleEntry {
  uint64_t key;     // KGramHashes of the title's first kTitleKeyWords words
  uint64_t full;    // KGramHashes of all its words (k = words)
  uint32_t work;
  uint32_t words;   // words in the whole title
};
static_assert(sizeof(TitleEntry) == 24);

// common-G.bin: header, then the excluded k-gram hashes, strictly
// increasing (none equal to kExcluded).
struct CommonHeader {
  char magic[8];
  uint32_t version;
  uint32_t reserved;
  uint64_t num_keys;
  uint64_t file_size;
  uint64_t reserved2[4];
};
static_assert(sizeof(CommonHeader) == kHeaderSize);

// Bucket and low bits of a 64-bit fingerprint hash.
inline uint64_t BucketOf(uint64_t hash, uint32_t dir_bits) { return hash >> (64 - dir_bits); }
inline uint32_t LoOf(uint64_t hash, uint32_t dir_bits) {
  return static_cast<uint32_t>((hash << dir_bits) >> 32);
}
// The part of a hash the table keeps: dir_bits + 32 top bits.
inline uint64_t KeyOf(uint64_t hash, uint32_t dir_bits) {
  return hash & ~((uint64_t{1} << (32 - dir_bits)) - 1);
}

// Checks a works file (`name` for messages). On success *header is set.
// Every row's metadata and text block must lie inside the file.
Status ValidateWorks(std::string_view bytes, const std::string& name, WorksHeader* header);
// Checks a fingerprints file's header and size against the works file's
// count. Postings and directory entries are not read here (that would page
// in the whole table): readers bound-check each one they use.
// `magic` is kFingerprintsMagic, or kSimilarMagic for the sketches file
// (the same layout).
Status ValidateFingerprints(std::string_view bytes, const std::string& name, uint32_t num_works,
                            const char (&magic)[8], FingerprintsHeader* header);
// Reads every posting and directory entry of a fingerprints file that
// ValidateFingerprints accepted (`corpus add` does, before it merges).
Status ValidatePostings(std::string_view bytes, const std::string& name, uint32_t num_works,
                        const FingerprintsHeader& header);
Status ValidateTitles(std::string_view bytes, const std::string& name, uint32_t num_works,
                      TitlesHeader* header);
Status ValidateCommon(std::string_view bytes, const std::string& name, CommonHeader* header);

// Reads field `i` (0 id, 1 title, 2 url, 3 date, 4 publisher) of a metadata
// record that ValidateWorks accepted.
std::string_view MetaField(std::string_view record, int i);

}  // namespace winnow::corpus
