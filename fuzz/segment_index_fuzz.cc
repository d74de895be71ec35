// libFuzzer target for the vault's segment index decoder (the plaintext of
// a .idx.age file): any bytes decode to an index or a Corruption, and every
// decoded entry points inside its block.
#include <cstdint>
#include <string_view>

#include "vault/segment_index.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto index = winnow::vault::DecodeSegmentIndex(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.idx");
  if (!index.ok()) return 0;
  for (const auto& e : index->entries) {
    if (e.block >= index->blocks.size() ||
        uint64_t{e.offset} + e.length > index->blocks[e.block].raw_size) {
      __builtin_trap();
    }
  }
  // An accepted index encodes back to the same bytes.
  if (winnow::vault::EncodeSegmentIndex(*index) != std::string_view(reinterpret_cast<const char*>(data), size)) {
    __builtin_trap();
  }
  return 0;
}
