// One JSON line as the search engine and the policy see it: a canonical
// entry (`entry_id`, `prompt`, `output`, `tools`, metadata) or a plain
// record (`id`, `text`). Owns its strings; `doc` views them.
//
// Of an entry's meta, two strings are text to search: `meta.system` (the
// system or custom instructions before the prompt, on the entry it
// precedes) and `meta.title`, the conversation's title, which every entry
// of the conversation carries but only its first (turn 0) is searched for,
// so that a title makes one entry relevant, not the whole conversation. A
// top-level `title` (a production's document gives it on its first entry)
// is searched wherever it is, and comes before `meta.title`.
//
// Thread safety: a value; one per thread.
#pragma once

#include <simdjson.h>

#include <string>
#include <vector>

#include "search/engine.h"

namespace winnow::search {

struct SearchDoc {
  std::string id_json;  // the id as raw JSON (`entry_id` if present, else `id`)
  std::string entry_id, conversation_id, user_id, time, model;
  bool alternate = false;
  int turn = -1;
  std::string prompt, output, text, title, system;
  std::vector<std::string> tools;
  bool has_prompt = false, has_output = false, has_text = false, has_title = false, has_system = false;
  Document doc;  // valid after Parse until the next Parse
};

// Parses `line` (which must have simdjson::SIMDJSON_PADDING bytes of
// capacity beyond its size) into *out. Returns "" on success, else what is
// wrong ("not JSON: ...", "tools[2].text: expected a string", "id: missing").
std::string ParseSearchDoc(simdjson::ondemand::parser& parser, const std::string& line, SearchDoc* out);

// The field name of a document field as written in results ("prompt",
// "output", "tools", "text", "title", "system").
const char* DocFieldName(const DocField& field);

}  // namespace winnow::search
