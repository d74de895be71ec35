// Where productions live and what their folders hold (docs/production.md):
// MATTER/productions/PROD0001, PROD0002, ...; one being built is the hidden
// folder .PROD0003.partial, renamed into place when complete (a crash
// leaves a partial folder that the next production removes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow::produce {

inline constexpr char kProductionsDir[] = "productions";

// Files of a production folder. Those ending in ".age" hold chat text (or
// values derived from it) and are encrypted to the production's recipients.
inline constexpr char kDocumentsFile[] = "documents.jsonl.age";
inline constexpr char kLoadFile[] = "loadfile.dat.age";
inline constexpr char kRedactionLog[] = "redactions.jsonl.age";
inline constexpr char kWithheldLog[] = "withheld.jsonl.age";
inline constexpr char kDocumentHashes[] = "documents.sha256";
inline constexpr char kCoverReport[] = "cover.html";
inline constexpr char kManifest[] = "manifest.json";
inline constexpr char kSignature[] = "signature.json";
// What the signature in signature.json signs: this, then the file's bytes
// up to (not including) ,"signature":
inline constexpr char kSignatureDomain[] = "winnow-production-signature-v1\n";

// "PROD0001" when there is none, else one more than the highest.
std::string NextProductionId(const std::vector<std::string>& existing);
std::string PartialProductionName(const std::string& id);
// Whether `name` is a production id (PROD followed by four or more digits).
bool IsProductionId(std::string_view name);
// The number of a production id ("PROD0012" -> 12). REQUIRES: IsProductionId.
uint64_t ProductionNumber(std::string_view id);
// Names of partial production folders in `dir`.
std::vector<std::string> ListPartialProductions(const std::string& dir);

// prefix + `number` zero-padded to `digits`.
std::string BatesNumber(std::string_view prefix, uint64_t number, int digits);

// The file name without ".age" (the name of the plaintext the manifest hashes).
std::string PlainName(std::string_view stored_name);

}  // namespace winnow::produce
