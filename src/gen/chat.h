// The generator's in-memory conversation, before it is written in a chat-log
// format: entries (prompt, tool texts, output) with the planted items and
// their byte spans, plus the alternates of ChatGPT branches. Reused across
// conversations (Clear keeps capacity). Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gen/lexicon.h"

namespace winnow::gen {

enum class Field : uint8_t { kPrompt, kOutput, kTool };
const char* FieldName(Field f);

// One planted item: its kind and place (bytes of the field's text), and the
// kind-specific members of its truth line, already serialized as JSON
// members each starting with ','.
struct Plant {
  std::string_view kind;  // "copy", "negative", "publisher_ref", "paywall", "pii"
  Field field = Field::kPrompt;
  int tool_index = 0;
  size_t begin = 0;
  size_t end = 0;
  std::string members;
};

// A browsing step between the prompt and the answer (ChatGPT format only):
// the model's call to the browser tool, then the page it quoted.
struct BrowseStep {
  std::string call;   // the call's text, e.g. search("...")
  std::string url;
  std::string domain;
  std::string title;
  std::string quote;  // the page text
};

struct GenEntry {
  std::string prompt;
  std::string output;
  std::vector<BrowseStep> browse;  // tools list = call0, quote0, call1, quote1, ...
  std::vector<Plant> plants;
  // ChatGPT branches, never planted: an earlier answer that was regenerated,
  // or an earlier version of the prompt (edited) with its own answer.
  std::string regenerated_output;  // non-empty when the answer was regenerated
  std::string edited_prompt;       // non-empty when the prompt was edited
  std::string edited_output;
  int64_t time = 0;  // seconds since the epoch

  void Clear();
};

struct GenConversation {
  uint64_t index = 0;
  std::string id;
  std::string user;       // user id or email (OpenAI format); hashed IP (WildChat)
  std::string user_kind;  // "user_id", "EMAIL_ADDRESS" or "hashed_ip"
  std::string model;
  std::string title;
  std::string system_prompt;  // empty when none
  bool system_node = false;   // ChatGPT: an empty system message follows the root
  const Language* language = nullptr;  // nullptr for English
  int64_t created = 0;
  std::vector<GenEntry> entries;
  size_t entry_count = 0;  // entries[0, entry_count) are in use

  void Clear();
  GenEntry& AddEntry();
};

}  // namespace winnow::gen
