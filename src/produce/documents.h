// Building the documents of a production from the vault's entries
// (docs/production.md, "Documents"). The driver (produce.cc) groups the
// entries of a conversation, decides which produced units (documents) they
// make and numbers them; a DocumentBuilder per thread de-identifies each
// needed entry once and writes every unit's document line, documents.sha256
// line, load-file row and redaction-log line to its output buffer, and its
// counts to a UnitOutput.
//
// Thread safety: Group and UnitOutput are values; a DocumentBuilder is used
// by one thread at a time (the driver takes its texts with SwapOutput once
// the batch's builds have ended, and writes them on another thread while
// the builder makes the next batch).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pii/deidentify.h"
#include "produce/dat_file.h"
#include "produce/scan_hits.h"
#include "util/json_writer.h"
#include "winnow/produce.h"

namespace winnow::produce {

// The fields of the load file, in order.
std::vector<std::string> LoadFileFields();

struct GroupEntry {
  std::string entry_id;    // as the vault holds it (never written out)
  std::string line;        // canonical entry line (docs/formats.md); see PaddedLine
  std::optional<Hit> hit;  // the scan's verdict when the entry is relevant
};

// A copy of `line` whose capacity leaves simdjson's padding after it, so
// the builder parses GroupEntry::line where it is instead of copying it
// again (a line without that room is copied first).
std::string PaddedLine(std::string_view line);

// One produced document: entries [lo, hi] of its group, around `base`
// (the relevant entry it is produced for; for a conversation, its first
// relevant entry, or 0 with --all).
struct Unit {
  std::string bates;
  uint32_t base = 0, lo = 0, hi = 0;
};

// Consecutive entries of one conversation and the documents they make.
struct Group {
  std::vector<GroupEntry> entries;
  std::vector<Unit> units;
};

// Where a text lies in a DocumentBuilder's output (see SwapOutput).
struct TextRange {
  size_t begin = 0, size = 0;
};

struct UnitOutput {
  std::string bates;
  TextRange document;    // JSON line, with newline
  TextRange hash_line;   // documents.sha256 line: SHA-256 of the document line without its newline, "  ", Bates number
  TextRange dat_row;     // load-file record
  TextRange redactions;  // redaction-log line, or empty when nothing was replaced
  uint64_t entries = 0, relevant = 0, redactions_count = 0, text_bytes = 0;
  std::vector<std::string> rules;  // distinct, sorted
  std::string month, model;
  std::map<std::string, uint64_t> by_type;

  // Empties every member, keeping the strings' capacity.
  void Clear() {
    bates.clear(); document = hash_line = dat_row = redactions = {};
    entries = relevant = redactions_count = text_bytes = 0;
    rules.clear(); month.clear(); model.clear(); by_type.clear();
  }
};

struct BuildSettings {
  Disclosure disclosure;
  int span_words = 6;
  const pii::PseudonymKey* key = nullptr;  // required
};

class DocumentBuilder {
 public:
  DocumentBuilder(const BuildSettings& settings, std::unique_ptr<pii::Deidentifier::Worker> worker);
  ~DocumentBuilder();
  // Empties the output: call before the builds of each batch. The output
  // is one buffer, kept from batch to batch, rather than strings of each
  // unit: no allocation per document, and memory that stays in cache.
  void BeginBatch() { output_.clear(); }

  // Appends the texts of each unit of `group` to the output and writes one
  // UnitOutput per unit (in order) to *out (resized to the number of units;
  // its elements are reused).
  // Corruption when a vault line is not a canonical entry or a scan span
  // does not fit its field.
  Status Build(const Group& group, std::vector<UnitOutput>* out);

  // Exchanges the output with *other: the batch's texts leave the builder
  // (for the writing thread) and *other's buffer is reused for the next.
  void SwapOutput(std::string* other) { output_.swap(*other); }

  struct Prepared;   // an entry parsed and de-identified
  struct Reason;     // a scan reason of a relevant entry
  struct FieldView;  // a text field of a prepared entry, as it is produced

 private:
  Status ParseReasons(std::string_view json, std::string_view entry_id, std::vector<Reason>* out);
  Status Prepare(const GroupEntry& e, Prepared* p);
  const std::string& ConversationToken(std::string_view conversation_id);
  void BuildUnit(const Group& group, const Unit& unit, UnitOutput* u);
  // Writes entry `p` to the document (*w), its text to text_ and its
  // redaction records to entry_log_; `first`: the document's first entry.
  void WriteEntry(const Prepared& p, const GroupEntry& e, bool relevant, bool first, JsonWriter* w, UnitOutput* u);

  BuildSettings settings_;
  const std::string level_;  // settings_.disclosure.ToString()
  std::unique_ptr<pii::Deidentifier::Worker> worker_;
  simdjson::ondemand::parser parser_;
  simdjson::dom::parser dom_;
  DatWriter dat_;
  std::string padded_;  // an entry line copied for simdjson's padding (see PaddedLine)
  std::vector<std::unique_ptr<Prepared>> prepared_;
  std::string output_;  // the texts of the units built since BeginBatch
  // The token of the last conversation seen: a group's entries share it.
  std::string conversation_id_, conversation_token_;
  // Scratch of one unit, kept so their buffers are reused unit after unit.
  std::vector<FieldView> fields_;
  std::vector<std::string_view> rules_, works_;
  std::string text_, entry_log_, record_, rule_list_, work_list_, redactions_;
};

}  // namespace winnow::produce
