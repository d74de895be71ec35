// De-identifying one document in process: what `winnow pii redact` does to
// each line, as a library piece for callers that hold documents rather than
// a stream of lines (productions). A Deidentifier holds what threads share
// (settings, detector engine, pseudonym key, corpus index); each thread
// makes its own Worker.
//
// Thread safety: a Deidentifier is immutable after Create and may be shared;
// a Worker is used by one thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "pii/engine.h"
#include "pii/operators.h"
#include "pii/pii_doc.h"
#include "pii/pii_filter.h"
#include "pii/pseudonym.h"
#include "winnow/corpus.h"
#include "winnow/pii.h"

namespace winnow::pii {

// What de-identifying one document did. Records per field in the order of
// PiiDoc::Fields(); offsets are code points of that field.
struct Deidentified {
  struct Field {
    const char* name;    // "prompt", "output", "tools", "text"
    int tool_index = -1;
    std::vector<RedactionRecord> records;
  };
  std::vector<Field> fields;  // only fields with findings
  // Identifier metadata replaced (entries only): (key, replacement); key
  // "user_id" for the entry's user.
  std::vector<std::pair<std::string, std::string>> meta;
  uint64_t findings = 0, kept = 0;
};

// A range of one field the caller knows to be evidence rather than a
// person's data (e.g. a publisher's URL a scan found): findings of `type`
// that overlap it are kept, logged with `reason` (for URL, only those
// without a query, fragment or user info, which may hold a person's data).
struct EvidenceSpan {
  std::string field;    // "prompt", "output", "tools", "text"
  int tool_index = -1;
  uint32_t begin = 0, end = 0;  // code points of the field
  std::string type;     // the entity type kept inside ("URL")
  std::string reason;   // must not contain the value
};

class Deidentifier {
 public:
  // Reads the settings (options.config_path, flags on top), loads the key
  // (options.key_path, refused inside options.matter_dir) and the corpus
  // index (options.index_dir), compiles the detectors. InvalidArgument for
  // an unknown operator, or a pseudonym/surrogate operator without a key.
  static StatusOr<std::unique_ptr<Deidentifier>> Create(const PiiFilterOptions& options);

  class Worker {
   public:
    // Replaces personal data in every text field of `doc` and, for an
    // entry, its user id and identifier metadata (PiiDoc is changed in
    // place). Findings inside `evidence` are kept. Corruption if a corpus
    // work fails to decode.
    Status Run(PiiDoc& doc, Deidentified* out, std::span<const EvidenceSpan> evidence = {});

    const std::map<std::string, uint64_t>& by_type() const { return by_type_; }
    uint64_t meta_replaced() const { return meta_; }

   private:
    friend class Deidentifier;
    explicit Worker(const Deidentifier& d) : d_(d) {}
    Status FindEvidence(std::string_view text, bool titles);
    void PseudonymizeMeta(PiiDoc& doc, Deidentified* out);

    const Deidentifier& d_;
    Engine::ScratchPtr scratch_;
    std::optional<Redactor> redactor_;
    std::unique_ptr<Matcher> matcher_;
    std::vector<CorpusMatch> copies_;
    std::vector<Finding> found_;
    std::vector<std::string> normalized_;
    std::vector<KeepReason> keep_;
    std::string redacted_;
    ConversationNames names_;
    simdjson::ondemand::parser meta_parser_;
    std::map<std::string, uint64_t> by_type_;
    uint64_t meta_ = 0;
  };
  StatusOr<std::unique_ptr<Worker>> NewWorker() const;

  const PseudonymKey* key() const { return key_ ? &*key_ : nullptr; }
  const CorpusIndex* index() const { return index_.get(); }
  // The operator applied when a type has none of its own ("pseudonym").
  Operator default_operator() const { return redactor_options_.default_operator; }
  // Whether the settings keep some type unredacted (operator "keep").
  bool KeepsAType() const {
    bool keep = redactor_options_.default_operator == Operator::kKeep;
    for (const auto& [type, op] : redactor_options_.type_operators) keep = keep || op == Operator::kKeep;
    return keep;
  }

 private:
  Deidentifier() = default;
  std::unique_ptr<Engine> engine_;
  std::optional<PseudonymKey> key_;
  std::unique_ptr<CorpusIndex> index_;
  RedactorOptions redactor_options_;
  bool redact_evidence_ = false;
};

}  // namespace winnow::pii
