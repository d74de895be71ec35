// Building the documents of a production from the vault's entries
// (docs/production.md, "Documents"). The driver (produce.cc) groups the
// entries of a conversation, decides which produced units (documents) they
// make and numbers them; a DocumentBuilder per thread de-identifies each
// needed entry once and writes every unit's document line, load-file row,
// redaction-log line and counts.
//
// Thread safety: Group and UnitOutput are values; a DocumentBuilder is used
// by one thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
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
  std::string line;        // canonical entry line (docs/formats.md)
  std::optional<Hit> hit;  // the scan's verdict when the entry is relevant
};

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

struct UnitOutput {
  std::string bates;
  std::string document;    // JSON line, with newline
  std::string sha256;      // of the document line without its newline
  std::string dat_row;     // load-file record
  std::string redactions;  // redaction-log line, or empty when nothing was replaced
  uint64_t entries = 0, relevant = 0, redactions_count = 0, text_bytes = 0;
  std::vector<std::string> rules;  // distinct, sorted
  std::string month, model;
  std::map<std::string, uint64_t> by_type;

  // Empties every member, keeping the strings' capacity.
  void Clear() {
    bates.clear(); document.clear(); sha256.clear(); dat_row.clear(); redactions.clear();
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
  // Writes one UnitOutput per unit of `group` (in order) to *out (resized
  // to the number of units; its elements are reused).
  // Corruption when a vault line is not a canonical entry or a scan span
  // does not fit its field.
  Status Build(const Group& group, std::vector<UnitOutput>* out);

  struct Prepared;  // an entry parsed and de-identified
  struct Reason;    // a scan reason of a relevant entry

 private:
  Status ParseReasons(std::string_view json, std::string_view entry_id, std::vector<Reason>* out);
  Status Prepare(const GroupEntry& e, Prepared* p);
  Status WriteEntry(const Prepared& p, const GroupEntry& e, bool relevant, JsonWriter* w, UnitOutput* u,
                    std::string* text, std::string* log);

  BuildSettings settings_;
  std::unique_ptr<pii::Deidentifier::Worker> worker_;
  simdjson::ondemand::parser parser_;
  simdjson::dom::parser dom_;
  DatWriter dat_;
  std::string padded_;  // the entry line with simdjson's padding
  std::vector<std::unique_ptr<Prepared>> prepared_;
};

}  // namespace winnow::produce
