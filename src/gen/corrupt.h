// Malformed records for the quarantine path. Which records are corrupt, and
// how, is a pure function of (seed, record index, rate). In JSON-lines
// formats every corrupt record stays on its own line; in JSON-array formats
// brackets and quotes stay balanced so the following records still split,
// and a truncated record is only ever the last element. Thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gen/rng.h"
#include "gen/writers.h"

namespace winnow::gen {

enum class Fault {
  kNone,
  kBrokenJson,   // JSON lines only: a missing colon, a trailing comma, an unquoted key
  kInvalidUtf8,  // bytes that are not UTF-8 inside a string
  kBadEscape,    // an invalid escape sequence inside a string
  kWrongType,    // the message list has the wrong JSON type
  kMissingField, // the message list is absent
  kTruncated,    // the record ends early (JSON arrays: only the last element)
  kDeepNesting,  // JSON lines only: an array nested thousands deep
  kDuplicateId,  // a well-formed record reusing an earlier record's id
};

// "broken_json", "invalid_utf8", ...
const char* FaultName(Fault f);

// The fault of record `index` (kNone for most). `json_lines` selects the set
// of faults allowed; `last` says whether the record ends a JSON array.
Fault DrawFault(uint64_t seed, uint64_t index, double rate, bool json_lines, bool last);

// The structural part of a fault, applied by the record writer.
Mutation MutationFor(Fault f);

// Applies the byte-level part of fault `f` to the record text *record
// (everything but the structural faults and duplicate ids). `rng` draws
// the details.
void ApplyFault(Fault f, Rng* rng, std::string* record);

}  // namespace winnow::gen
