// The data model: conversations, their turns, and entries.
//
// A Conversation is one chat session as a reader found it: ordered turns with
// a role and text. An Entry is one user prompt and the model output that
// answers it, plus the tool and browsing turns between them; it is the unit of
// relevance and of production. Entries are what every later stage consumes,
// in the canonical JSON-lines form written by WriteEntryJson (docs/formats.md).
//
// Plain value types: not thread-safe to mutate concurrently, cheap to reuse
// (Clear() keeps the capacity of every string so a hot loop allocates little).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

enum class Role { kSystem, kUser, kAssistant, kTool };

const char* RoleName(Role role);

// One member of an entry's or conversation's `meta` object. `json` is the
// value already serialized as JSON (a string must carry its quotes).
struct MetaField {
  std::string key;
  std::string json;
};

// A turn between the prompt and its answer that is not the visible answer:
// a tool call the model made, a tool's result (web search, a fetched page
// quoted word for word, code execution output), or a system message.
struct ToolText {
  std::string kind;  // "call", "result", "system", ...
  std::string name;  // tool or recipient name ("browser", "python"), may be empty
  std::string text;
};

struct Turn {
  Role role = Role::kUser;
  std::string text;
  std::string name;       // author name or tool name, may be empty
  std::string recipient;  // for assistant turns: "all" when visible, else the tool called
  double time = -1;       // seconds since the epoch; negative when unknown
  std::string model;      // the model that wrote an assistant turn, may be empty
  std::string node_id;    // the source's message or node id, may be empty
  std::vector<MetaField> meta;  // e.g. placeholders for non-text parts
};

struct Conversation {
  std::string id;       // the source's id, or one derived from the record's bytes
  std::string user_id;  // may be empty when the source has none
  std::string title;
  double time = -1;     // creation time, seconds since the epoch; negative when unknown
  std::string model;
  std::vector<MetaField> meta;  // locale, client, language, hashed ip, ...
  std::vector<Turn> turns;
  // For sources with branches (ChatGPT edits and regenerations): root-to-leaf
  // paths as indices into `turns`, the visible thread first. Empty means
  // `turns` in order is the one thread.
  std::vector<std::vector<uint32_t>> threads;

  void Clear();
};

struct Entry {
  std::string entry_id;        // EntryId(conversation_id, turn, variant)
  std::string conversation_id;
  int turn = 0;                // 0-based position of the entry in its thread
  std::string user_id;
  std::string time;            // RFC 3339 (UTC), empty when unknown
  std::string model;
  std::string prompt;
  std::string output;
  std::vector<ToolText> tools;
  bool alternate = false;      // from a regenerated or edited branch, not the visible thread
  std::vector<MetaField> meta;

  void Clear();
};

// The stable id of an entry: 24 hex digits of SHA-256 over the conversation id,
// the turn index and the variant (empty for the visible thread; the source's
// node ids for alternates). The same input always yields the same id.
std::string EntryId(std::string_view conversation_id, int turn, std::string_view variant);

// A conversation id for records whose source has none: "h" followed by 24 hex
// digits of SHA-256 over the record's bytes.
std::string DerivedConversationId(std::string_view record_bytes);

// Formats seconds since the epoch as RFC 3339 UTC ("2023-06-09T12:59:59.717Z",
// milliseconds kept when present). Returns "" for negative or non-finite input.
std::string FormatRfc3339(double seconds);

// Appends the canonical JSON line for `entry` (with its trailing newline).
void AppendEntryJson(const Entry& entry, std::string* out);

}  // namespace winnow
