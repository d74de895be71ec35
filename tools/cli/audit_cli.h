// How the CLI's verbs write the matter's audit log (docs/audit.md): the
// command line with secrets removed, and one call that appends a verb's
// record. An action that cannot be logged must not look successful: when
// appending fails the verb prints why and exits with status 1.
//
// SetCommandLine is called once by main() before parsing; the rest may be
// called afterwards from the thread that runs the verb.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/audit.h"
#include "winnow/status.h"

namespace winnow::cli {

// Remembers argv[1..argc) for AuditArgs.
void SetCommandLine(int argc, char** argv);

// `arg` unchanged, or "[secret removed]" if it holds key material
// (AGE-SECRET-KEY-..., AGE-PLUGIN-..., WINNOW-PSEUDONYM-KEY-...,
// WINNOW-SIGNING-KEY-..., in any case). For "--flag=VALUE" only the value is
// replaced. Paths to key files are kept: a path is not a secret.
std::string RemoveSecrets(std::string_view arg);

// The command line after "winnow", each argument passed through
// RemoveSecrets.
std::vector<std::string> AuditArgs();

// Appends `record` to matter_dir's audit log with args = AuditArgs(). If
// that fails, prints "winnow VERB: audit log: <error>" to stderr and returns
// false; the caller then exits with kExitFailure.
bool Audit(const std::string& matter_dir, AuditRecord record);

// Sets record.result from `status` ("ok", or status.ToString()), appends it
// with Audit, and returns `exit_code`, or kExitFailure if it could not be
// appended.
int AuditAndExit(const std::string& matter_dir, AuditRecord record, const Status& status, int exit_code);

// The vault as an AuditFile: path "vault", sha256 the hash of its last
// manifest commit (64 zeros for an empty vault), bytes 0. sha256 is "" when
// the manifest cannot be read (the verb reports that error itself).
AuditFile VaultHead(const std::string& matter_dir);

// An AuditFile for the file matter_dir/rel, recorded as `rel`; sha256 is ""
// and bytes 0 when it cannot be read.
AuditFile MatterFile(const std::string& matter_dir, const std::string& rel);

// An AuditFile for a file outside the matter, recorded under the path as
// given; "-" (standard input or output) and unreadable files get sha256 "".
AuditFile OutsideFile(const std::string& path);

}  // namespace winnow::cli
