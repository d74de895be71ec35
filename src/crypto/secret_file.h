// Reading a file that holds secret key material (age identities, pseudonym
// keys) with the checks every such file gets: refused when group or others
// may access it, bounded in size, read into one buffer reserved up front so
// no grown-and-freed copy of the secret is left in memory.
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

}  // namespace winnow
