// The de-identification engine: every detector's candidate patterns in one
// Hyperscan database, validation, context scoring, thresholds and overlap
// resolution (see detector.h for the steps).
//
// Create() compiles once (or loads the database built with the program, see
// PrebuiltDatabases); Detect() is const and thread-safe as long as each
// thread passes its own Scratch.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pii/detector.h"
#include "winnow/status.h"

namespace winnow::pii {

struct EngineOptions {
  // Detector names or entity types to leave out ("person", "DATE_TIME").
  std::vector<std::string> disabled;
  // When not empty, only these entity types are reported.
  std::vector<std::string> only_types;
  // Threshold for every type (overrides the detectors' defaults) when >= 0.
  float threshold = -1;
  // Per-type thresholds (override everything else).
  std::map<std::string, float, std::less<>> type_thresholds;
  // Load a database built with the program when one holds exactly these
  // patterns (false: always compile; tests compare the two).
  bool use_prebuilt = true;
};

// A Hyperscan database compiled when winnow was built (tools/pii_db), so
// that each run loads it in well under a millisecond instead of compiling
// the patterns (about 0.1 s of CPU, most of a short run's start-up).
struct PrebuiltDatabase {
  std::string_view key;    // Engine::database_key() of the patterns it holds
  std::string_view bytes;  // hs_serialize_database's output
};

// The prebuilt databases linked into this program: none in libwinnow itself
// (a weak default), the generated table's in the winnow command.
std::span<const PrebuiltDatabase> PrebuiltDatabases();

class Engine {
 public:
  // Compiles the enabled detectors. Fails on an unknown name in `disabled`
  // or `only_types` (InvalidArgument) or a pattern Hyperscan rejects.
  static StatusOr<std::unique_ptr<Engine>> Create(const EngineOptions& options);
  // With a caller's own detectors (tests, extensions).
  static StatusOr<std::unique_ptr<Engine>> Create(std::vector<std::unique_ptr<Detector>> detectors,
                                                  const EngineOptions& options);
  ~Engine();

  // Per-thread working memory.
  class Scratch;
  struct ScratchDeleter {
    void operator()(Scratch* s) const;
  };
  using ScratchPtr = std::unique_ptr<Scratch, ScratchDeleter>;
  ScratchPtr NewScratch() const;

  // Finds personal data in ctx.text. *out is replaced by the findings that
  // pass their thresholds, non-overlapping, sorted by begin.
  void Detect(const DetectContext& ctx, Scratch* scratch, std::vector<Finding>* out) const;

  // The normalized value of a finding (see Detector::Normalize).
  std::string Normalize(const Finding& f, std::string_view text) const;

  // The entity types the enabled detectors can report, sorted.
  std::vector<std::string_view> Types() const;
  const std::vector<std::unique_ptr<Detector>>& detectors() const { return detectors_; }

  // SHA-256 (hex) of the Hyperscan version, mode and every pattern with its
  // id and flags: what a prebuilt database must have been compiled from.
  const std::string& database_key() const;
  // Whether the database was loaded from PrebuiltDatabases().
  bool prebuilt() const;
  // The database, serialized (for tools/pii_db); empty without patterns.
  StatusOr<std::string> SerializeDatabase() const;

 private:
  struct Compiled;
  Engine();
  std::vector<std::unique_ptr<Detector>> detectors_;
  std::unique_ptr<Compiled> compiled_;
};

// The entity types winnow knows, sorted (every shipped detector's Types()).
std::vector<std::string> KnownTypes();

}  // namespace winnow::pii
