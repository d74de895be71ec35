// The vault: a matter's chat logs, sharded, zstd-compressed and encrypted
// with age to the matter's recipients (docs/vault.md).
//
// Ingest needs only the public recipients; reading needs an identity.
// Ingest is atomic per commit and resumable: a rerun after a crash continues
// where the last commit stopped and never stores a record twice; a file
// already ingested in full is a no-op. Every byte of a segment, index,
// quarantine file or the manifest is covered by a hash or a MAC, and any
// change is reported naming the file (and the block, where there is one).
//
// One ingest runs at a time per matter (a lock file enforces it); readers
// may run alongside. Functions are safe to call from one thread each.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "winnow/age.h"
#include "winnow/chat_reader.h"
#include "winnow/matter.h"
#include "winnow/status.h"

namespace winnow {

struct IngestOptions {
  ReaderOptions reader;
  int threads = 0;                            // 0: one per core
  uint64_t checkpoint_bytes = uint64_t{256} << 20;  // input bytes between commits
  size_t block_bytes = 256 << 10;             // JSON lines per compressed block
  int zstd_level = 1;
  bool reject_duplicate_ids = true;
  std::function<void(uint64_t bytes_done)> progress;
};

struct IngestFileReport {
  std::string path;
  std::string source_id;  // SHA-256 of the file
  std::string format;
  uint64_t records = 0;          // records read in this run
  uint64_t stored = 0;           // converted and committed
  uint64_t quarantined = 0;      // committed to the encrypted quarantine
  uint64_t already_present = 0;  // committed by an earlier run
  uint64_t entries = 0;
  bool already_complete = false; // the whole file was in before this run
  Status status;                 // not OK if the file could not be read
};

struct IngestReport {
  std::vector<IngestFileReport> files;
  uint64_t commits = 0;
  uint64_t bytes_in = 0;
  bool all_files_ok() const;
};

// Reads `paths` into the vault of `matter`. A file that cannot be opened or
// read is reported in its IngestFileReport; others still run. Fails when the
// vault cannot be written or its manifest is damaged.
StatusOr<IngestReport> Ingest(const Matter& matter, const std::vector<std::string>& paths,
                              const IngestOptions& options);

// What the manifest says about the vault; needs no key.
struct VaultInfo {
  uint64_t commits = 0, segments = 0, entries = 0, blocks = 0, quarantined = 0;
  uint64_t stored_bytes = 0;  // age files on disk
  uint64_t raw_bytes = 0;     // canonical JSON lines they hold
  std::vector<uint64_t> entries_per_shard;
  struct Source {
    std::string path, id, format;
    uint64_t records_done, stored, quarantined, entries;
    bool complete;
  };
  std::vector<Source> sources;
};
StatusOr<VaultInfo> GetVaultInfo(const Matter& matter);

// Reads the vault with an identity. Open checks the manifest chain.
class VaultReader {
 public:
  static StatusOr<std::unique_ptr<VaultReader>> Open(const Matter& matter,
                                                     std::span<const age::Identity* const> identities);
  virtual ~VaultReader() = default;

  // Calls `fn` with every entry's canonical JSON line (without newline), in
  // commit, shard and block order. Each segment is checked against the
  // manifest's SHA-256 as it is read; a mismatch or a failed chunk is a
  // Corruption naming the file and block (lines before it were delivered).
  virtual Status ForEachEntry(const std::function<Status(std::string_view line)>& fn) = 0;

  // As ForEachEntry, for the segments of one shard only (commit order).
  // Shards are the unit of parallel work: open one reader per thread.
  virtual Status ForEachEntryInShard(int shard, const std::function<Status(std::string_view line)>& fn) = 0;

  // Finds entries by id, decrypting only the chunks of their blocks. Ids not
  // in the vault are listed in *missing.
  virtual Status GetEntries(const std::vector<std::string>& ids,
                            const std::function<Status(std::string_view line)>& fn,
                            std::vector<std::string>* missing) = 0;

  // Calls `fn` with every quarantined record's JSON line.
  virtual Status ForEachQuarantined(const std::function<Status(std::string_view line)>& fn) = 0;

  // Checks every file: hashes, decryption, block structure, index agreement.
  virtual Status Verify() = 0;
};

}  // namespace winnow
