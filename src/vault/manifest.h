// The vault manifest (docs/vault.md, "Manifest"): an append-only JSON-lines
// log of commits. Each commit names the segment, index and quarantine files
// it added with their sizes and SHA-256, and how far each source file has
// been read; each line carries the SHA-256 of the previous line, and
// vault/HEAD names the last one, so an edited, removed, reordered or
// truncated line is detected. It holds no chat text.
// Functions here are not thread-safe; the ingest lock serializes writers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "winnow/status.h"

namespace winnow::vault {

struct SegmentRecord {
  int shard = 0;
  std::string file;   // relative to vault/
  std::string sha256;
  uint64_t bytes = 0;
  std::string index;  // relative to vault/
  std::string index_sha256;
  uint64_t index_bytes = 0;
  uint64_t entries = 0;
  uint64_t blocks = 0;
  uint64_t plain_bytes = 0;  // bytes of zstd frames inside the age file
  uint64_t raw_bytes = 0;    // bytes of JSON lines
};

struct QuarantineRecord {
  std::string file;  // relative to vault/
  std::string sha256;
  uint64_t bytes = 0;
  uint64_t records = 0;
};

// Fingerprints (StableHash64) of the conversation ids a commit stored, so
// later ingests recognise duplicates without a key. Holds no chat text.
struct IdsRecord {
  std::string file;  // relative to vault/
  std::string sha256;
  uint64_t bytes = 0;
  uint64_t count = 0;
};

struct SourceState {
  std::string id;    // SHA-256 of the source file
  std::string path;  // as given on the command line
  std::string format;
  uint64_t records_done = 0;  // records read from the start of the file
  uint64_t stored = 0, quarantined = 0, entries = 0;  // cumulative
  bool complete = false;
};

struct Commit {
  uint64_t seq = 0;
  std::string time;
  std::string version;
  std::vector<SegmentRecord> segments;
  std::optional<QuarantineRecord> quarantine;
  std::optional<IdsRecord> ids;
  std::vector<SourceState> sources;
  std::string prev;  // hash of the previous commit, 64 zeros for the first
  std::string hash;  // SHA-256 of this line up to its "hash" member
};

inline constexpr char kZeroHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Serializes `commit` as one line (with newline), setting commit->hash.
std::string SerializeCommit(Commit* commit);

// Reads vault/manifest.jsonl and checks the chain and HEAD. A torn last line
// (a crash mid-append) is dropped and, if `repair`, cut off the file; a
// complete line past HEAD (a crash before HEAD was updated) is accepted and
// HEAD updated when `repair`. Corruption naming the file and line otherwise.
StatusOr<std::vector<Commit>> LoadManifest(const std::string& vault_dir, bool repair);

// Appends `commit` (its seq and prev must follow the last commit), fsyncs,
// then updates HEAD atomically.
Status AppendCommit(const std::string& vault_dir, Commit* commit);

}  // namespace winnow::vault
