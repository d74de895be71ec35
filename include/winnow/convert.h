// Convert: reads chat-log files of any supported format and writes their
// entries as canonical JSON lines, quarantining every record that cannot be
// read. The counts reconcile per file: records read = records converted +
// records quarantined. This is `winnow convert`, and the front half of
// `winnow ingest`. Not thread-safe; runs on the calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "winnow/chat_reader.h"
#include "winnow/status.h"

namespace winnow {

class OutputFile;

struct ConvertOptions {
  ReaderOptions reader;
  // Where bad records go (JSON lines; docs/formats.md). Created only when a
  // record is quarantined.
  std::string quarantine_path = "winnow-quarantine.jsonl";
  // Quarantine a conversation whose id was already seen in this run.
  bool reject_duplicate_ids = true;
};

struct FileReport {
  std::string path;
  std::string format;       // detected or given
  std::string compression;  // none, gzip, zstd
  uint64_t records = 0;     // records read
  uint64_t converted = 0;   // records that became entries
  uint64_t quarantined = 0;
  uint64_t entries = 0;     // entries written
  uint64_t alternates = 0;  // of which from edited or regenerated branches
  uint64_t bytes = 0;       // bytes of the file read (compressed size if compressed)
  Status status;            // not OK when the file could not be opened or read to its end
};

struct ConvertReport {
  std::vector<FileReport> files;
  std::string quarantine_path;  // empty when nothing was quarantined
  uint64_t records = 0, converted = 0, quarantined = 0, entries = 0;
  bool all_files_ok() const;
};

// Called now and then with the bytes of input consumed so far (all files).
using ProgressFn = std::function<void(uint64_t bytes_done)>;

// Converts `paths` in order, appending entries to `out`. A file that cannot
// be opened or read is reported in its FileReport and the others still run.
// Fails only when an output (entries or quarantine) cannot be written.
StatusOr<ConvertReport> ConvertFiles(const std::vector<std::string>& paths, const ConvertOptions& options,
                                     OutputFile* out, const ProgressFn& progress);

// Appends one quarantine line for `bad`, read from `source`, to *out.
void AppendQuarantineJson(const std::string& source, const BadRecord& bad, std::string* out);

}  // namespace winnow
