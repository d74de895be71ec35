// Constructors for the Status values that carry an age failure class.
//
// Each message starts with a fixed tag ("age header: ", "age header MAC: ",
// "age no match: ", "age payload: ") that FailureOf() looks for, so callers
// may prefix a file name without losing the class. Stateless; thread-safe.
#pragma once

#include <string>

#include "winnow/status.h"

namespace winnow::age {

// The header or the payload nonce is malformed (Corruption).
Status HeaderFailure(const std::string& detail);
// The header names a version or feature this module refuses (Unsupported),
// still a header failure in the CCTV sense.
Status UnsupportedHeader(const std::string& detail);
// A file key unwrapped but the header MAC does not match (Corruption).
Status MacFailure(const std::string& detail);
// No identity unwrapped any stanza (NotFound).
Status NoMatchFailure(const std::string& detail);
// The STREAM payload does not decrypt to its authenticated end (Corruption).
Status PayloadFailure(const std::string& detail);

}  // namespace winnow::age
