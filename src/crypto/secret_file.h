// Reading and writing files that hold secret key material (age identities,
// pseudonym keys) with the checks every such file gets: refused when group
// or others may access it, bounded in size, read into one buffer reserved up
// front so no grown-and-freed copy of the secret is left in memory; written
// only as a new file with mode 0600.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow {

// Reads `path` into *contents (which the caller wipes when done). `what`
// names the kind of file in errors ("identity file"). NotFound if it does
// not exist; PermissionDenied if its mode grants group or others any access
// (the message names the file, its mode and the fix, chmod 600);
// InvalidArgument if it is larger than `max_size` bytes or, with
// `regular_only`, not a regular file; IoError otherwise.
Status ReadSecretFile(const std::string& path, std::string_view what, size_t max_size, bool regular_only,
                      std::string* contents);

// Writes `text` to a new file `path` created with mode 0600, then fsyncs
// it. AlreadyExists if `path` exists (a key is never overwritten); IoError
// otherwise, and a partly written file is removed. The caller wipes `text`.
Status WriteSecretFile(const std::string& path, std::string_view what, std::string_view text);

// As WriteSecretFile, with `mode` instead of 0600 (whatever the umask): for
// the public halves of keys, which are meant to be handed out (0644).
Status WriteNewKeyFile(const std::string& path, std::string_view what, std::string_view text, unsigned mode);

// "# created: 2026-11-30T01:50:00Z\n": the first line of a new key file.
std::string CreatedLine();

}  // namespace winnow
