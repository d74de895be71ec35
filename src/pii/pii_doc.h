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

  // A string inside the entry's metadata: the conversation's title, its
  // system text, an attachment's name, any string value a source carried.
  // Filled by CollectMetaText, which callers that write the metadata out
  // call; ParsePiiDoc empties the list.
  struct MetaText {
    std::string name;           // its path: "meta.title", "meta.turn_meta[0].attachments[1].name"
    size_t meta = 0;            // index in entry.meta
    size_t begin = 0, end = 0;  // its JSON string token in entry.meta[meta].json
    std::string text;           // the value, unescaped; de-identification rewrites it
    std::string original;       // the value as read, to tell whether text changed
    // For a value under a key that names an identifier (MetaType is one of
    // IsIdentifierMetaType's, e.g. "meta.user.email"): the key. Such a
    // value is replaced whole by its pseudonym, as top-level identifier
    // keys are, rather than searched as text.
    std::string identifier_key;
  };
  std::vector<MetaText> meta_text;

  // The text fields, in output order: ("text"), or ("prompt", "output",
  // "tools" with their index, then the metadata texts that are not
  // identifiers, named by their path).
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

// Fills doc->meta_text with every string value in the entry's metadata,
// except the values of top-level keys that name an identifier (replaced
// whole by Deidentifier; see MetaType). Returns "" or what is wrong
// ("meta.title: invalid string").
std::string CollectMetaText(simdjson::ondemand::parser& parser, PiiDoc* doc);

// Writes the metadata texts whose value changed back into entry.meta.
void StoreMetaText(PiiDoc* doc);

// Writes a plain record back as {"id":...,"text":...} (its other members
// are dropped: they are not de-identified) or an entry as its canonical
// line; with the trailing newline.
void AppendPiiDoc(const PiiDoc& doc, std::string* out);

}  // namespace winnow::pii
