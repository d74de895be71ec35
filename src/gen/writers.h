// Record writers: one conversation as one record of a chat-log format, on
// one line (strings are JSON-escaped, so a record never holds a raw newline).
// The reader contract these follow is in docs/generator.md: the entry's
// prompt and output are the user and visible assistant messages exactly; in
// the ChatGPT format the tools list is each browsing call's text followed by
// the quoted page's text. Thread-compatible.
#pragma once

#include <string>

#include "gen/chat.h"
#include "gen/rng.h"
#include "winnow/gen.h"

namespace winnow::gen {

// Structural faults written into a record on purpose (the corrupt path).
enum class Mutation {
  kNone,
  kWrongType,     // the message list is a string (or an object)
  kMissingField,  // the message list (or ChatGPT mapping) is absent
  kDeepNesting,   // the message list is an array nested thousands deep
};

// Appends `c` as one record. `node_rng` draws ChatGPT node ids and branch
// order (seed it per conversation).
void AppendRecord(GenFormat format, const GenConversation& c, Mutation m, Rng* node_rng, std::string* out);

// Per format (writers_chatgpt.cc, writers_simple.cc).
void AppendChatGptRecord(const GenConversation& c, Mutation m, Rng* node_rng, std::string* out);
void AppendOpenAiRecord(const GenConversation& c, Mutation m, std::string* out);
void AppendShareGptRecord(const GenConversation& c, Mutation m, std::string* out);
void AppendWildChatRecord(const GenConversation& c, Mutation m, std::string* out);

// The number of ChatGPT entries off the visible thread (alternates) in `c`.
int AlternateEntries(const GenConversation& c);

// Appends depth opening brackets then depth closing ones.
void AppendDeepArray(int depth, std::string* out);

}  // namespace winnow::gen
