// libFuzzer target for matter.toml: any text gives a config or an error,
// never a crash; an accepted config formats back to text that parses to the
// same config.
#include <cstdint>
#include <string>

#include "matter/matter_toml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 65536) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto config = winnow::ParseMatterToml(text, "fuzz.toml");
  if (!config.ok()) return 0;
  auto again = winnow::ParseMatterToml(winnow::FormatMatterToml(*config), "again.toml");
  if (!again.ok() || again->matter_id != config->matter_id || again->recipients != config->recipients ||
      again->shards != config->shards) {
    __builtin_trap();
  }
  return 0;
}
