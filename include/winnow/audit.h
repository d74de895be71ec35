// The matter's audit log (docs/audit.md): MATTER/audit.log, one JSON line per
// command that read or wrote the matter (time, verb, arguments without
// secrets, input and output hashes, counts, winnow's version, result). Each
// line carries the hash of the one before it and MATTER/audit.head names the
// last one, so an edited, removed, reordered or truncated record is detected
// by VerifyAuditLog. The log holds no key and no chat text: callers pass
// paths, flags, hashes and counts only.
//
// Appends from any number of threads and processes are serialized by an
// exclusive flock on audit.log; verification takes a shared one. All
// functions are safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/status.h"

namespace winnow {

// A file a command read or wrote. Paths inside the matter are relative to
// it ("scans/S0001/scan.json"); others are as given on the command line.
// sha256 is lowercase hex, or "" when not applicable (a directory, standard
// output). The vault is recorded as path "vault" with sha256 the hash of its
// last manifest commit (vault/HEAD; 64 zeros when empty) and bytes 0.
struct AuditFile {
  std::string path;
  std::string sha256;
  uint64_t bytes = 0;
};

struct AuditRecord {
  std::string verb;                 // "scan", "produce", "audit verify", ...
  std::vector<std::string> args;    // the command line after "winnow", secrets removed
  std::vector<AuditFile> inputs, outputs;
  std::vector<std::pair<std::string, uint64_t>> counts;  // written in this order
  std::string result = "ok";        // "ok" or the error message
};

// Appends `record` as one JSON line to matter_dir/audit.log (created mode
// 0600 if missing), under an exclusive flock: fills seq (1, 2, ...), time
// (RFC 3339 UTC, whole seconds), winnow (this build's version), prev (the
// hash of the previous record, 64 zeros for the first) and hash (SHA-256 of
// the line's bytes before its ,"hash": member), fsyncs, then replaces
// matter_dir/audit.head ({"seq":N,"hash":"..."}) atomically. Every string
// passes through RemoveKeyMaterial, and bytes that are not valid UTF-8 are
// written as U+FFFD.
// Before appending it checks the whole log as VerifyAuditLog does and
// refuses (Corruption, as VerifyAuditLog) to extend a damaged one; a torn
// last line that audit.head does not name (an append cut short by a crash)
// is cut off first. IoError if a file cannot be read or written.
Status AppendAuditRecord(const std::string& matter_dir, const AuditRecord& record);

struct AuditVerifyReport {
  uint64_t records = 0;            // complete, chained records
  std::string head_hash;           // hash of the last of them; 64 zeros if none
  uint64_t bytes = 0;              // length of those records in audit.log
  bool unanchored_last = false;    // the last record is one past audit.head (crash before the anchor)
  bool torn_tail = false;          // an unterminated last line past audit.head (crash mid-append)
};

// Checks matter_dir/audit.log against itself and audit.head: every line is
// JSON with the members of docs/audit.md and matches its hash; record N is
// on line N with seq N; its prev is record N-1's hash; audit.head names an
// existing record with its hash, and at most one record (or one torn line)
// follows it. A missing audit.log with no audit.head is an empty, intact
// log. Corruption naming audit.log (or audit.head), the line and record and
// what is wrong, e.g. "m/audit.log:3: record 3: prev does not match record
// 2's hash"; IoError if a file cannot be read.
StatusOr<AuditVerifyReport> VerifyAuditLog(const std::string& matter_dir);

// The checks of VerifyAuditLog on the bytes of an audit log and its anchor
// (nullopt: no audit.head). `log_name` and `head_name` prefix the messages.
// Pure: reads no file.
StatusOr<AuditVerifyReport> CheckAuditLog(std::string_view log, const std::optional<std::string>& head,
                                          const std::string& log_name, const std::string& head_name);

// Whether `text` holds key material: AGE-SECRET-KEY-..., AGE-PLUGIN-...,
// WINNOW-PSEUDONYM-KEY-... or WINNOW-SIGNING-KEY-..., in any case.
bool HoldsKeyMaterial(std::string_view text);

// `text` with each piece of key material (the marker, the key characters
// after it, and a key body separated from the marker by blanks, as in
// "WINNOW-PSEUDONYM-KEY-1 <hex>") replaced by "[secret removed]".
// AppendAuditRecord passes every string of a record through it, so even an
// error message that quotes a key never reaches the log.
std::string RemoveKeyMaterial(std::string_view text);

// SHA-256 of a file as lowercase hex, read in 1 MiB pieces. NotFound if it
// does not exist; IoError if it cannot be read.
StatusOr<std::string> Sha256File(const std::string& path);

// An AuditFile for file `path` (its SHA-256 and size), recorded under the
// name `shown` (the path itself when empty). Errors as Sha256File.
StatusOr<AuditFile> AuditFileFor(const std::string& path, const std::string& shown = "");

}  // namespace winnow
