// What happens to a finding: the operators that replace personal data in a
// text, and the redaction log that records each replacement.
//
// Replacements written into the text:
//   placeholder  "[EMAIL_ADDRESS_3]": the type and a number counting the
//                distinct (normalized) values of that type in the document,
//                so "[PERSON_1]" is the same person everywhere in one
//                document (numbering restarts with each BeginDocument());
//   pseudonym    "[PERSON_4KQ7M2XD9A]": the bracketed PseudonymKey::Token(),
//                the same in every document, shard and run under one key.
//                Brackets keep the token apart from the words around it; the
//                ten base32 characters after the type tell it from a
//                placeholder's decimal number;
//   surrogate    a fake value of the same shape (surrogate.h); types without
//                a surrogate format get the bracketed pseudonym instead, so
//                the replacement stays consistent across the production;
//   mask         every letter, digit and other non-ASCII character replaced
//                by the mask character, separators (spaces, punctuation)
//                kept, so the length in code points is unchanged; the last
//                four letters/digits stay visible for CREDIT_CARD,
//                PHONE_NUMBER, US_BANK_NUMBER and IBAN_CODE;
//   remove       nothing (the value is cut out);
//   keep         the original (not redacted; logged as "kept").
//
// The redaction log never holds an original value: only type, detector,
// score, positions, the operator and the replacement (which, for mask, is
// the masked text as it appears in the output).
//
// Thread safety: a Redactor carries per-document numbering state; use one
// per thread. The PseudonymKey it borrows is shared safely.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pii/detector.h"
#include "pii/pseudonym.h"
#include "winnow/status.h"

namespace winnow::pii {

enum class Operator { kPlaceholder, kPseudonym, kSurrogate, kMask, kRemove, kKeep };

// "placeholder", "pseudonym", "surrogate", "mask", "remove", "keep".
std::string_view OperatorName(Operator op);
// The operator called `name` (as OperatorName spells it); nullopt otherwise.
std::optional<Operator> ParseOperator(std::string_view name);

// One finding as the log records it. Offsets are code points.
struct RedactionRecord {
  std::string type, detector, subtype;
  float score = 0;
  uint32_t begin = 0, end = 0;          // in the original text
  uint32_t out_begin = 0, out_end = 0;  // in the redacted text
  std::string op;           // OperatorName() of the operator applied
  std::string replacement;  // what the output holds there; empty when kept or removed
  std::string action;       // "redacted" or "kept"
  std::string reason;       // why it was kept ("evidence: work W", "operator: keep"); else empty
};

// Appends `r` as one JSON object: type, detector, subtype (when set), score
// (3 decimals), begin, end, out_begin, out_end, operator, replacement,
// action, reason (when set).
void AppendRecordJson(const RedactionRecord& r, std::string* out);

// A finding not to redact, by its index in the findings passed to Apply().
struct KeepReason {
  uint32_t index = 0;
  std::string reason;  // must not contain the value
};

struct RedactorOptions {
  Operator default_operator = Operator::kPlaceholder;
  // Per entity type ("PERSON" -> kPseudonym); overrides the default.
  std::map<std::string, Operator, std::less<>> type_operators;
  char mask_char = '*';
};

class Redactor {
 public:
  // A redactor applying `options`. `key` (borrowed; must outlive the
  // redactor) is required when any operator is pseudonym or surrogate:
  // InvalidArgument without it, as for a mask character that is not
  // printable ASCII.
  static StatusOr<Redactor> Create(const RedactorOptions& options, const PseudonymKey* key);

  // Starts a new document: placeholder numbers begin again at 1.
  void BeginDocument();

  // Writes `text` with `findings` replaced to *out (replacing its contents)
  // and appends one record per finding to *log (if not null).
  // `findings`: sorted by begin, non-overlapping, byte offsets into `text`
  // (as Engine::Detect returns them). `normalized`: one normalized value per
  // finding (Engine::Normalize), or empty to use each finding's text as
  // written (then differently written spellings of one value get different
  // numbers and tokens). `keep`: findings to leave in place, any order.
  // Offsets in the log are code points of the UTF-8 texts, computed in one
  // pass. InvalidArgument (and *out, *log untouched) if the findings are not
  // sorted, overlap or run past the text, or a span's size or a keep index
  // does not match the findings.
  Status Apply(std::string_view text, std::span<const Finding> findings, std::span<const std::string> normalized,
               std::span<const KeepReason> keep, std::string* out, std::vector<RedactionRecord>* log);

  Operator OperatorFor(std::string_view type) const;

 private:
  Redactor(const RedactorOptions& options, const PseudonymKey* key) : options_(options), key_(key) {}

  // Appends the replacement of one finding to *out.
  void Replace(const Finding& f, std::string_view value, std::string_view normalized, Operator op,
               std::string* out);

  RedactorOptions options_;
  const PseudonymKey* key_;
  // Per document: "TYPE\0normalized" -> placeholder number, and the count
  // per type.
  std::unordered_map<std::string, uint32_t> numbers_;
  std::unordered_map<std::string, uint32_t> counts_;
  std::vector<const KeepReason*> keep_of_;  // scratch, one per finding
};

}  // namespace winnow::pii
