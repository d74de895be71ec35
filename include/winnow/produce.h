// Productions: what leaves the producer (docs/production.md). A production
// is a numbered (Bates) set of de-identified documents at one level of
// disclosure, with a Concordance load file, redaction and withheld logs, a
// cover report and a signed manifest; every file holding chat text is an
// age file encrypted to the recipients given.
//
// `winnow produce` builds one into MATTER/productions/PRODNNNN (atomically:
// a crash leaves no production); `winnow verify` checks one; `winnow
// search` reads one through OpenProductionEntries without writing
// plaintext anywhere. Functions are safe to call from one thread each.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "winnow/age.h"
#include "winnow/matter.h"
#include "winnow/pii.h"
#include "winnow/search.h"
#include "winnow/status.h"

namespace winnow {

class ByteSource;

// Least disclosure first.
enum class DisclosureLevel { kMetadata, kSpan, kEntry, kContext, kConversation };

struct Disclosure {
  DisclosureLevel level = DisclosureLevel::kEntry;
  int context = 0;  // kContext: entries before and after
  std::string ToString() const;  // "metadata", "span", "entry", "context:2", "conversation"
};
// Parses "metadata", "span", "entry", "context:N" (N in 1..1000) or
// "conversation"; InvalidArgument otherwise.
StatusOr<Disclosure> ParseDisclosure(std::string_view text);

struct ProduceOptions {
  std::string scan_id = "latest";  // the scan whose relevant entries are produced
  bool all = false;                // every entry of the vault instead (a scan, if given, adds its reasons)
  Disclosure disclosure;
  std::vector<std::string> recipients;  // age1... the production is encrypted to; at least one
  std::string prefix;                   // Bates prefix, e.g. "OAI-NYT-"
  int digits = 8;                       // zero-padded Bates number width
  std::string signing_key_path;         // Ed25519 key (winnow keygen --signing)
  // De-identification (always on): settings, the pseudonym key (required),
  // the corpus index for the evidence rule. matter_dir is set by Produce.
  PiiFilterOptions pii;
  std::vector<std::string> rules;  // produce only entries where one of these rules fired; others are withheld
  bool deduplicate = true;         // withhold exact duplicates (scan dup_key) of an entry already produced
  int span_words = 6;              // span level: words of context each side of a span
  int threads = 0;                 // 0: one per core
  std::function<void(uint64_t entries_read, uint64_t documents)> progress;
};

struct ProductionSummary {
  std::string production_id;  // "PROD0001"
  std::string dir;
  std::string first_bates, last_bates;
  uint64_t documents = 0, entries = 0, withheld = 0, redactions = 0, text_bytes = 0, entries_read = 0;
  std::string cover_text;  // the cover report as terminal text
};

// Reads the scan's results (or the whole vault) and the vault with
// `identities`, de-identifies, numbers, writes and signs a new production.
// InvalidArgument for bad options (no recipient, a level that needs a scan,
// a key inside the matter, ...); the vault's and scan's errors otherwise.
StatusOr<ProductionSummary> Produce(const Matter& matter, std::span<const age::Identity* const> identities,
                                    const ProduceOptions& options);

// The ids of the matter's productions, oldest first.
StatusOr<std::vector<std::string>> ListProductions(const Matter& matter);

struct VerifyProductionReport {
  std::string production_id, signer, signed_at;
  std::string first_bates, last_bates;
  uint64_t documents = 0, files = 0;
  bool decrypted = false;  // the documents were decrypted and checked (an identity was given)
  bool continuity_checked = false;  // the previous production of the matter was found and continues
};

// Checks production folder `dir`: the signature of signature.json by
// `signer` (a public key or a file holding one), the manifest's and every
// file's SHA-256, the Bates numbers' continuity and the counts; with
// identities, decrypts every age file and checks its plaintext hash, every
// document's hash and number, and the load file against the documents.
// Corruption naming the file (and document) on any mismatch.
StatusOr<VerifyProductionReport> VerifyProduction(const std::string& dir, const std::string& signer,
                                                  std::span<const age::Identity* const> identities);

// Whether `dir` holds a production (its manifest.json names the format).
bool IsProductionDir(const std::string& dir);

// The production's cover figures (counts by level, rule, month, model,
// withheld and redacted) from its manifest, in `format` (summary: the
// terminal text; html: the cover report; json: the stats object; csv: one
// row per figure). Needs no key.
StatusOr<std::string> RenderProductionReport(const std::string& dir, ReportFormat format);

// The production's documents as JSON lines a search reads: one canonical
// entry line per produced entry (`entry_id` is the Bates number, with
// ".TURN" appended when the document holds several entries), decrypted on
// the fly, nothing written to disk. Each document's hash is checked
// against documents.sha256 as it is read.
StatusOr<std::unique_ptr<ByteSource>> OpenProductionEntries(const std::string& dir,
                                                            std::span<const age::Identity* const> identities);

}  // namespace winnow
