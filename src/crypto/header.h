// The age header: its strict parser and its encoder.
//
//   age-encryption.org/v1
//   -> TYPE ARG...            (one or more stanzas)
//   BASE64 BODY, 64 columns, ending with a line shorter than 64 (maybe empty)
//   --- BASE64(HMAC-SHA-256)
//
// Parsing accepts only the canonical encoding (LF line ends, single spaces,
// unpadded canonical base64, full body lines of exactly 64 columns), so the
// bytes the MAC covers are the bytes read and never a re-encoding.
// Stateless functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/age.h"

namespace winnow::age {

inline constexpr std::string_view kVersionLine = "age-encryption.org/v1";

struct Header {
  std::vector<Stanza> stanzas;
  std::array<uint8_t, 32> mac{};
  size_t mac_input_size = 0;  // bytes from the start through "---"
  size_t size = 0;            // bytes through the newline ending the MAC line
};

// Parses the header at the start of `bytes` (anything after it is ignored).
// A HeaderFailure Status (UnsupportedHeader for another version) if the
// header is malformed or `bytes` ends before its MAC line does.
StatusOr<Header> ParseHeader(std::string_view bytes);

// Encodes the header up to and including "---" (what the MAC covers).
// InvalidArgument if a stanza type or argument is empty or has characters
// outside printable ASCII 33..126.
StatusOr<std::string> EncodeHeaderWithoutMac(std::span<const Stanza> stanzas);

// HMAC-SHA-256 under HKDF(file key, "", "header") of `mac_input`.
StatusOr<std::array<uint8_t, 32>> HeaderMac(const FileKey& file_key, std::string_view mac_input);

// Reads from `source` into `buf` until `buf` holds the whole header (or the
// input ends, or the header passes kMaxHeaderSize: a HeaderFailure). Reads
// at most 4 KiB past the header's end; those bytes stay at the end of `buf`.
Status ReadHeaderBytes(Source* source, std::string* buf);

}  // namespace winnow::age
