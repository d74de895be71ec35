// The shared workload of the production tests (produce_test.cc,
// verify_test.cc): one `winnow gen` workload (ChatGPT format, a few hundred
// conversations, with its ground truth) ingested into a matter, a corpus
// index of its works, one scan of the matter with that index, and fixed keys
// (a pseudonym key and a signing key from fixed bytes; random age keys for
// the vault and for the recipient). Built once per process on first use,
// in a temporary folder removed at exit.
//
// Tests never produce into the shared matter: CopyMatter gives each its own
// copy, and CachedProduction makes one production per option set and keeps
// its decrypted files for every test that reads it.
//
// Thread safety: none; one test thread.
#pragma once

#include <simdjson.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "produce/scan_hits.h"
#include "winnow/age.h"
#include "winnow/produce.h"
#include "winnow/status.h"

namespace winnow::produce_test {

// An entry as the vault holds it.
struct VaultEntry {
  std::string entry_id, conversation_id, user_id, time, model, prompt, output;
  std::vector<std::string> tools;
  int turn = 0;
  bool alternate = false;
  size_t position = 0;  // its index among its conversation's entries, in vault order
  std::string token;    // the pseudonym of its id (MetaToken("entry_id", id))
};

// One line of truth.jsonl (docs/generator.md).
struct TruthItem {
  std::string kind, entry_id, conversation_id, field, type, subtype, value, work, ref;
  int turn = 0, tool_index = -1;
  uint32_t start = 0, end = 0;
  uint64_t words = 0;
  bool personal = false;
  std::vector<std::string> works;  // copy: `work` and the works of `also_in`
};

struct Workload {
  Status status;  // not OK when the workload could not be built
  std::string root, data, index, keys, matter;
  std::string vault_key, recipient_key, pseudonym_key, signing_key, signing_pub, other_signing_pub;
  std::string recipient;  // age1... of recipient_key
  std::vector<age::X25519Identity> vault_identity, recipient_identity;
  std::vector<VaultEntry> entries;                              // vault order
  std::map<std::string, size_t> by_id, by_token;                // entry id / token -> index in entries
  std::map<std::string, std::vector<size_t>> conversations;    // conversation id -> entries, vault order
  std::map<std::string, std::string> conversation_by_token;    // MetaToken("conversation_id") -> id
  std::map<std::string, produce::Hit> hits;                     // the scan's relevant entries, by entry id
  std::vector<TruthItem> truth;
  std::map<std::string, std::vector<size_t>> truth_by_entry;    // entry id -> indices in truth
  std::set<std::string> titles;                                 // the works' titles
};

// The workload, built on first call.
const Workload& GetWorkload();

std::vector<const age::Identity*> VaultIds();
std::vector<const age::Identity*> RecipientIds();

// A new copy of the scanned matter (nothing produced yet) named `name`
// under the workload's folder.
std::string CopyMatter(const std::string& name);

// Entry level, the workload's recipient, keys and corpus index, prefix
// "OAI-NYT-", two threads.
ProduceOptions DefaultOptions();

// Produce() on the matter in `matter_dir`.
StatusOr<ProductionSummary> ProduceIn(const std::string& matter_dir, const ProduceOptions& options);

// An entry of a produced document.
struct DocEntry {
  std::string entry, prompt, output;
  std::vector<std::string> tools;
  bool has_text = false;  // prompt and output members are present
  bool relevant = false, alternate = false;
  int turn = 0;
  std::vector<std::string> rules;
  std::string time, model;
  std::string reasons, elided, redactions, chars;  // minified JSON ("" when absent)
  std::vector<std::string> keys;                   // its members, in order
};

struct Doc {
  std::string line;  // without its newline
  std::string bates, level, conversation, user, time, model;
  bool user_null = false;
  std::vector<std::string> rules;
  std::vector<DocEntry> entries;
};

struct Production {
  std::string dir;
  ProductionSummary summary;
  std::map<std::string, std::string> plain;  // stored file name -> its bytes, decrypted for ".age"
  std::vector<Doc> docs;
  std::vector<std::string> withheld;  // lines of the withheld log
};

// Reads every file of production folder `dir` (decrypting with the
// recipient's identity) and parses the documents.
StatusOr<Production> ReadProduction(const std::string& dir);

// The production of a fresh copy of the matter with `options`, made on the
// first call with `name` and kept. Fails the calling test on error.
const Production& CachedProduction(const std::string& name, const ProduceOptions& options);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, std::string_view text);
std::vector<std::string> Lines(std::string_view text);  // split on '\n', no empty last line
std::string Decrypt(const std::string& path);           // with the recipient's identity; "" on failure
std::string JsonEscaped(std::string_view s);             // as it appears between quotes in JSON
uint32_t CodePoints(std::string_view s);
// Reads an optional JSON member: its error code is not needed.
inline void Optional(simdjson::error_code) {}
std::string CodePointSlice(std::string_view s, uint32_t begin, uint32_t end);
// The ids of the vault entries with `entry_id` or the visible entry at the
// same conversation and turn (truth lines name the visible entry only).
std::string VisibleId(const VaultEntry& e);

}  // namespace winnow::produce_test
