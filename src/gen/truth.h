// Ground-truth lines (truth.jsonl, specified in docs/generator.md): one JSON
// object per planted item, per corrupt record and per user identifier in
// conversation metadata. Spans are converted here from the bytes the
// planter recorded to Unicode code points of the field's text.
// Thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "gen/chat.h"

namespace winnow::gen {

using TruthCounts = std::map<std::string, uint64_t>;

// Appends the truth lines of every planted item of `c` and of its user
// metadata.
void AppendConversationTruth(const GenConversation& c, std::string* out, TruthCounts* counts);

// Appends the truth line of a record written malformed.
void AppendCorruptTruth(uint64_t record, uint64_t line, uint64_t offset, std::string_view conversation_id,
                        std::string_view reason, std::string_view duplicate_of, std::string* out,
                        TruthCounts* counts);

}  // namespace winnow::gen
