// Search terms, relevance policy, scans and hit reports (docs/search.md,
// docs/policy.md, docs/hit-report.md).
//
// `winnow search` is a pure filter: JSON lines in, one result line per input
// line out, in input order. `winnow scan` runs a relevance policy over a
// whole vault, shard by shard on all cores, and writes its results into the
// matter (encrypted to the matter's recipients) as a new scan; `winnow
// report` renders a scan's hit report. Functions are safe to call from one
// thread each; they use `threads` threads inside.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "winnow/age.h"
#include "winnow/matter.h"
#include "winnow/status.h"

namespace winnow {

enum class ReportFormat { kSummary, kCsv, kJson, kHtml };
// "summary", "csv", "json", "html"; InvalidArgument otherwise.
StatusOr<ReportFormat> ParseReportFormat(std::string_view name);

class ByteSource;

struct SearchFilterOptions {
  int threads = 0;  // 0: one per core
  // When set, the input is read from the source this returns (e.g. a
  // production's documents, OpenProductionEntries) and `input` only names it.
  std::function<StatusOr<std::unique_ptr<ByteSource>>()> open_input;
  // When set, write the hit report in this format instead of result lines.
  bool report = false;
  ReportFormat report_format = ReportFormat::kSummary;
  std::function<void(uint64_t bytes_read)> progress;
};

struct SearchFilterReport {
  uint64_t lines = 0, bad_lines = 0, hit_lines = 0, hits = 0;  // hits: (line, term) pairs
  // With `report`, the error lines of the first 20 bad lines (which are not
  // written to the output then).
  std::vector<std::string> bad_line_errors;
};

// Reads the term file `terms_path` (name<TAB>query lines or TOML), then
// `input` (path or "-"): lines `{"id","text"}` or canonical entries. Writes to
// `output` (path or "-"), per line, `{"id":...,"hits":[{"term":NAME,
// "field":F,["tool_index":I,]"spans":[[start,end],...]}]}` (code points of
// that field) or, for a bad line, `{"id":null,"line":N,"error":"..."}`.
// Fails on a bad term file (naming term, line and column) or an I/O error.
StatusOr<SearchFilterReport> SearchJsonLines(const std::string& terms_path, const std::string& input,
                                             const std::string& output, const SearchFilterOptions& options);

struct ScanOptions {
  std::string policy_path;  // empty: the default policy
  std::string index_dir;    // reference corpus; empty: none
  int threads = 0;          // 0: one per core
  std::function<void(uint64_t entries, uint64_t bytes)> progress;
};

struct ScanSummary {
  std::string scan_id;  // "S0001"
  std::string dir;      // the scan's folder in the matter
  uint64_t entries = 0, relevant = 0, bytes = 0;
  std::vector<std::string> warnings;
  std::string summary;  // the hit report's terminal summary
};

// Runs the policy over every entry of the vault and commits a new scan
// (scans/SNNNN/, docs/policy.md) atomically: an interrupted scan leaves no
// scan folder. A rerun with a changed policy makes another scan.
StatusOr<ScanSummary> ScanMatter(const Matter& matter, std::span<const age::Identity* const> identities,
                                 const ScanOptions& options);

// The ids of the matter's scans, oldest first.
StatusOr<std::vector<std::string>> ListScans(const Matter& matter);

// Renders the hit report of scan `scan_id` ("latest" for the newest). Needs
// no key: the report holds counts and term names, never chat text.
StatusOr<std::string> RenderScanReport(const Matter& matter, const std::string& scan_id, ReportFormat format);

}  // namespace winnow
