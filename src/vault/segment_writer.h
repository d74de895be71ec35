// SegmentWriter: writes one vault segment, an age file whose payload is a
// sequence of zstd frames ("blocks") of canonical JSON lines, and its
// encrypted index. Files are written under temporary names; the caller
// renames them into place before committing them to the manifest.
// Not thread-safe: one writer is driven by one thread.
#pragma once

#include <zstd.h>

#include <memory>
#include <string>
#include <vector>

#include "vault/file_util.h"
#include "vault/manifest.h"
#include "vault/segment_index.h"
#include "winnow/age.h"

namespace winnow::vault {

class SegmentWriter {
 public:
  // `vault_dir`/`rel_file` is the segment's final path; it is written to
  // "<path>.tmp". `recipients` must outlive the writer.
  static StatusOr<std::unique_ptr<SegmentWriter>> Create(const std::string& vault_dir, const std::string& rel_file,
                                                         int shard, std::span<const age::Recipient* const> recipients,
                                                         int zstd_level);
  ~SegmentWriter();

  // Compresses `lines` (whole JSON lines) as one block and encrypts it.
  // `entries` locate each line inside `lines`; their block field is set here.
  Status AddBlock(std::string_view lines, std::vector<EntryLocation> entries);

  // Ends the age stream, writes the encrypted index, fsyncs both and fills
  // the manifest record (paths are final, files still under .tmp names).
  StatusOr<SegmentRecord> Finish();

  // The temporary and final paths of both files, for renaming.
  std::vector<std::pair<std::string, std::string>> Renames() const;

 private:
  SegmentWriter() = default;

  std::string vault_dir_;
  std::string rel_file_;
  std::string rel_index_;
  int shard_ = 0;
  std::span<const age::Recipient* const> recipients_;
  int level_ = 1;
  std::unique_ptr<FileSink> sink_;
  std::unique_ptr<age::Encryptor> encryptor_;
  ZSTD_CCtx* cctx_ = nullptr;
  std::string frame_;
  SegmentIndex index_;
  uint64_t plain_bytes_ = 0;
  uint64_t raw_bytes_ = 0;
};

}  // namespace winnow::vault
