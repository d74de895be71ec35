// One JSON line as the search engine and the policy see it: a canonical
// entry (`entry_id`, `prompt`, `output`, `tools`, metadata) or a plain
// record (`id`, `text`). Owns its strings; `doc` views them.
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
  std::string prompt, output, text;
  std::vector<std::string> tools;
  bool has_prompt = false, has_output = false, has_text = false;
  Document doc;  // valid after Parse until the next Parse
};

// Parses `line` (which must have simdjson::SIMDJSON_PADDING bytes of
// capacity beyond its size) into *out. Returns "" on success, else what is
// wrong ("not JSON: ...", "tools[2].text: expected a string", "id: missing").
std::string ParseSearchDoc(simdjson::ondemand::parser& parser, const std::string& line, SearchDoc* out);

// The field name of a document field as written in results ("prompt",
// "output", "tools", "text").
const char* DocFieldName(const DocField& field);

}  // namespace winnow::search
