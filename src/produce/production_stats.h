// What a production holds, counted as it is written: the figures of the
// cover report (cover_report.h) and of the manifest. No chat text: levels,
// rule and model names, months, counts and Bates numbers only.
//
// Thread safety: a value.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace winnow::produce {

struct ProductionStats {
  std::string production_id;  // "PROD0001"
  std::string matter_id;
  std::string level;          // "metadata", "span", "entry", "context:2", "conversation"
  bool all = false;           // --all: every entry of the vault, not a scan's relevant set
  std::string scan_id;        // "S0001", or "" with --all and no scan
  std::string policy_name, policy_sha256;  // of the scan's policy; "" without a scan
  std::string prefix;         // Bates prefix, e.g. "OAI-NYT-"
  std::string first_bates, last_bates;     // "" when no document was produced
  uint64_t documents = 0;
  uint64_t entries = 0;       // entries inside the documents (context and conversation levels hold several)
  uint64_t relevant_entries = 0;  // of those, the relevant ones
  uint64_t conversations = 0;     // distinct conversations produced
  uint64_t withheld = 0;          // relevant entries not produced (withheld log)
  uint64_t redactions = 0;        // personal values replaced
  uint64_t text_bytes = 0;        // de-identified chat text produced (UTF-8 bytes)
  std::map<std::string, uint64_t> documents_by_rule;    // rule name -> documents where it fired
  std::map<std::string, uint64_t> documents_by_month;   // "2024-03" (from the entry's time; "unknown") -> documents
  std::map<std::string, uint64_t> documents_by_model;   // model ("unknown" when null) -> documents
  std::map<std::string, uint64_t> withheld_by_reason;   // "duplicate", "rule not selected", ... -> entries
  std::map<std::string, uint64_t> redactions_by_type;   // "PERSON" -> values replaced
  std::string winnow_version;
};

}  // namespace winnow::produce
