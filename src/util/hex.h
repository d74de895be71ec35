// Lower-case hexadecimal of bytes: digests, ids and keys as the project
// writes them (one encoder instead of one per module).
//
// Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace winnow {

// Writes 2 * bytes.size() characters to `out` (no terminator).
inline void WriteLowerHex(std::span<const uint8_t> bytes, char* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
}

inline std::string LowerHex(std::span<const uint8_t> bytes) {
  std::string out(2 * bytes.size(), '0');
  WriteLowerHex(bytes, out.data());
  return out;
}

}  // namespace winnow
