// MergeFingerprints: the last step of an index build. Merges sorted runs of
// fingerprint postings (and the previous generation's table, for `corpus
// add`) into a fingerprints file, collapsing every fingerprint held by
// `common_works` works or more into one "common" posting. Streams: memory is
// the bucket directory plus one read buffer per run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "winnow/status.h"

namespace winnow::corpus {

struct PostingsTable;

struct FingerprintMergeInput {
  std::vector<std::string> runs;      // files of FpRecord sorted by (hash, work, pos)
  const PostingsTable* previous = nullptr;  // the last generation's, for `corpus add`
  const char* magic = nullptr;               // kFingerprintsMagic or kSimilarMagic
  uint64_t records_hint = 0;          // postings in, for sizing the directory
  int k = 8, w = 18;
  uint32_t common_works = 10;
  uint32_t num_works = 0;
};

struct FingerprintMergeResult {
  uint64_t entries = 0, common = 0, bytes = 0;
};

// The full hashes below CommonSet::kCheckedBelow held by at least
// `common_works` distinct works in the runs, sorted, into *keys.
Status CollectCommon(const std::vector<std::string>& runs, uint32_t common_works, std::vector<uint64_t>* keys);

// Writes `path` (fsynced). The previous table's directory size is kept, so
// the keys it stored (dir_bits + 32 hash bits) merge exactly.
Status MergeFingerprints(const FingerprintMergeInput& in, const std::string& path, FingerprintMergeResult* out);

}  // namespace winnow::corpus
