// One JSON line as the pii filters see it: a canonical entry (`entry_id`,
// `prompt`, `output`, `tools`, metadata; docs/formats.md) kept whole so it
// can be written back de-identified, or a plain record (`id`, `text`).
//
// Thread safety: a value; one per thread.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "winnow/conversation.h"

namespace winnow::pii {

struct PiiDoc {
  bool is_entry = false;
  std::string id_json;  // the id as raw JSON (`entry_id` if present, else `id`)
  std::string text;     // plain records
  Entry entry;          // canonical entries
  bool has_prompt = false, has_output = false;

  // The text fields, in output order: ("text"), or ("prompt", "output",
  // "tools" with their index).
  struct Field {
    const char* name;
    int tool_index;  // -1 unless a tool text
    std::string* text;
  };
  std::vector<Field> Fields();

  // A region hint from the entry's metadata (`locale`/`language`/`country`
  // like "en-US", "de_DE", "US"): the upper-case region code, or "".
  std::string Region() const;
};

// Parses `line` (with simdjson::SIMDJSON_PADDING bytes of capacity beyond
// its size) into *out. Returns "" on success, else what is wrong, naming the
// field ("tools[2].text: expected a string").
std::string ParsePiiDoc(simdjson::ondemand::parser& parser, const std::string& line, PiiDoc* out);

// Writes a plain record back as {"id":...,"text":...} (its other members
// are dropped: they are not de-identified) or an entry as its canonical
// line; with the trailing newline.
void AppendPiiDoc(const PiiDoc& doc, std::string* out);

}  // namespace winnow::pii
