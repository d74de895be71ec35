// IdSet: a compact set of 64-bit fingerprints (open addressing, 8 bytes a
// slot at most 50% full), so remembering 20 million conversation ids costs
// about 256 MB, not the gigabytes of a node-based set. Not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "winnow/chat_reader.h"

namespace winnow {

class IdSet {
 public:
  // Adds the fingerprint of `id`; returns false if it was already present.
  bool Insert(std::string_view id) { return InsertFingerprint(Fingerprint(id)); }
  // The same with a fingerprint computed before (e.g. stored by an earlier run).
  bool InsertFingerprint(uint64_t fingerprint);
  // StableHash64 of `id`, never 0.
  static uint64_t Fingerprint(std::string_view id);
  size_t size() const { return size_; }

 private:
  void Grow();
  std::vector<uint64_t> slots_;  // 0 marks an empty slot
  size_t size_ = 0;
};

// Records the id of the conversation `reader` just read in *seen. If it was
// already there, fills *bad to quarantine the record as a duplicate and
// returns true.
bool IsDuplicateConversation(const ChatFileReader& reader, IdSet* seen, BadRecord* bad);

}  // namespace winnow
