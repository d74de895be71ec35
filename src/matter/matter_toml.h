// matter.toml, the one plain-text file of a matter: its id, creation time,
// recipients and shard count (docs/keys.md). toml++ is confined to
// matter_toml.cc. Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>

#include "winnow/matter.h"
#include "winnow/status.h"

namespace winnow {

inline constexpr int kMatterFormatVersion = 1;
inline constexpr int kMaxShards = 4096;

// The file text for `config`, fields in a fixed order (deterministic).
// REQUIRES: config holds values ParseMatterToml accepts.
std::string FormatMatterToml(const MatterConfig& config);

// Parses and checks matter.toml text; `name` (the file path) starts every
// message. Corruption "name:line:column: field: why" for a syntax error, a
// field of the wrong type or value, an unknown field, or a missing one
// ("name: missing field ..."); Unsupported if format_version is newer than
// this build understands.
StatusOr<MatterConfig> ParseMatterToml(std::string_view text, const std::string& name);

}  // namespace winnow
