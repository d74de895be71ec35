#include "convert/id_set.h"

#include "util/hash.h"

namespace winnow {
uint64_t IdSet::Fingerprint(std::string_view id) {
  uint64_t h = StableHash64(id);
  return h == 0 ? 1 : h;  // 0 marks an empty slot
}

bool IdSet::InsertFingerprint(uint64_t fp) {
  if (fp == 0) fp = 1;
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  size_t mask = slots_.size() - 1;
  for (size_t i = fp & mask;; i = (i + 1) & mask) {
    if (slots_[i] == fp) return false;
    if (slots_[i] == 0) {
      slots_[i] = fp;
      ++size_;
      return true;
    }
  }
}

bool IsDuplicateConversation(const ChatFileReader& reader, IdSet* seen, BadRecord* bad) {
  if (seen->Insert(reader.conversation().id)) return false;
  bad->reason = "duplicate conversation id '" + reader.conversation().id + "'";
  bad->raw = reader.record_bytes();
  bad->line = reader.record_line();
  bad->offset = reader.record_offset();
  bad->raw_truncated = false;
  return true;
}

void IdSet::Grow() {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  size_t mask = slots_.size() - 1;
  for (uint64_t fp : old) {
    if (fp == 0) continue;
    size_t i = fp & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = fp;
  }
}

}  // namespace winnow
