// The de-identification settings: which detectors run, their thresholds,
// which operator each type gets, and whether evidence is redacted
// (docs/pii.md). Read from a TOML file: a pii.toml, or a policy.toml whose
// [pii] table holds the same keys.
//
//   threshold = 0.5                 # every type (detectors' defaults otherwise)
//   disable = ["DATE_TIME"]         # detector names or entity types
//   only = ["EMAIL_ADDRESS"]        # report only these types
//   operator = "pseudonym"          # placeholder | pseudonym | surrogate | mask | remove
//   evidence = "keep"               # keep | redact: personal data inside a corpus copy
//   [thresholds]  US_BANK_NUMBER = 0.6
//   [operators]   CREDIT_CARD = "mask"
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pii/engine.h"
#include "winnow/status.h"

namespace winnow::pii {

struct PiiConfig {
  EngineOptions engine;
  std::string default_operator;  // empty: pseudonym with a key, else placeholder
  std::map<std::string, std::string, std::less<>> operators;  // type -> operator name
  bool redact_evidence = false;
};

// Parses TOML text; `source` names it in errors ("pii.toml:3:1: threshold:
// expected a number between 0 and 1"). Unknown keys and types are errors.
StatusOr<PiiConfig> ParsePiiConfig(std::string_view toml, std::string_view source);
StatusOr<PiiConfig> LoadPiiConfig(const std::string& path);

}  // namespace winnow::pii
