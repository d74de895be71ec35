// The index of one vault segment (docs/vault.md, "Segment index"): where
// each block starts in the segment's plaintext and which block holds each
// entry, so one entry is read by decrypting only the chunks of its block.
// Stored as its own age file; this is its plaintext encoding.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow::vault {

inline constexpr size_t kEntryIdBytes = 12;  // entry ids are 24 hex digits
using EntryKey = std::array<uint8_t, kEntryIdBytes>;

// Parses a 24-hex-digit entry id. Returns false if it is not one.
bool ParseEntryKey(std::string_view hex, EntryKey* key);
std::string EntryKeyHex(const EntryKey& key);

struct BlockInfo {
  uint64_t offset = 0;      // in the segment's plaintext
  uint32_t stored_size = 0; // bytes of the zstd frame
  uint32_t raw_size = 0;    // bytes of JSON lines it holds
  uint32_t entries = 0;
};

struct EntryLocation {
  EntryKey key{};
  uint32_t block = 0;
  uint32_t offset = 0;  // of the line inside the block's raw bytes
  uint32_t length = 0;  // of the line, without its newline
};

struct SegmentIndex {
  std::vector<BlockInfo> blocks;
  std::vector<EntryLocation> entries;  // sorted by key after Finish()

  void SortEntries();
  // The entries with this key (normally one), by binary search.
  std::pair<const EntryLocation*, const EntryLocation*> Find(const EntryKey& key) const;
};

// Binary form: magic "WNVIDX1\n", counts, blocks, entries, SHA-256 trailer.
std::string EncodeSegmentIndex(const SegmentIndex& index);
// Corruption naming `name` if the bytes are not a well-formed index.
StatusOr<SegmentIndex> DecodeSegmentIndex(std::string_view bytes, const std::string& name);

}  // namespace winnow::vault
