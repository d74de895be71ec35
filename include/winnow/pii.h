// De-identification: finding personal data in chat text and replacing it
// (docs/pii.md). `winnow pii detect` and `winnow pii redact` are pure
// filters: JSON lines in (`{"id","text"}` records or canonical entries), one
// line out per line in, in input order; bad lines become error lines and
// are counted, never dropped. Functions are safe to call from one thread
// each; they use `threads` threads inside.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "winnow/status.h"

namespace winnow {

struct PiiFilterOptions {
  int threads = 0;              // 0: one per core
  std::string config_path;      // pii.toml or policy.toml ([pii]); empty: defaults
  std::vector<std::string> disable;  // added to the config's
  std::vector<std::string> only;     // replaces the config's when not empty
  float threshold = -1;         // replaces the config's when >= 0
  // redact only:
  std::string key_path;         // pseudonym key file; needed by the pseudonym and surrogate operators
  std::string matter_dir;       // when set, a key inside it is refused
  std::string operator_name;    // replaces the config's default operator when set
  std::string index_dir;        // reference corpus: keep personal data inside copies of its works
  std::string log_path;         // the redaction log; needed when output is "-"
  std::function<void(uint64_t bytes_read)> progress;
};

struct PiiFilterReport {
  uint64_t lines = 0, bad_lines = 0, documents_with_pii = 0, findings = 0;
  uint64_t kept_as_evidence = 0;                // redact: findings inside corpus copies, kept
  uint64_t meta_pseudonymized = 0;              // redact: user ids and meta identifiers replaced
  std::map<std::string, uint64_t> by_type;      // findings per entity type
};

// Writes `{"id":...,"spans":[{"type","start","end","score","detector"
// [,"subtype"][,"field"[,"tool_index"]]}]}` per line (offsets in code
// points of the field, as Presidio reports them; `field` for entries).
StatusOr<PiiFilterReport> DetectPiiJsonLines(const std::string& input, const std::string& output,
                                             const PiiFilterOptions& options);

// Writes each record de-identified (a plain record as {"id","text"}; an
// entry as its canonical line with `user_id` and identifier metadata
// pseudonymized) and, to options.log_path (default: output + ".redactions.jsonl"),
// one line per record: `{"id":...,"redactions":[{"field","type","detector",
// "score","start","end","out_start","out_end","replacement","action"[,"reason"]}]}`.
// The log never holds an original value.
StatusOr<PiiFilterReport> RedactPiiJsonLines(const std::string& input, const std::string& output,
                                             const PiiFilterOptions& options);

}  // namespace winnow
