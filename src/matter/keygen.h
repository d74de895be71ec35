// Identity-file text for `winnow keygen` without -o: the same three lines
// age-keygen and age::WriteIdentityFile write, sent to an already open file
// descriptor such as standard output. Thread-safe.
#pragma once

#include <string>

#include "winnow/age.h"
#include "winnow/status.h"

namespace winnow {

// Writes "# created: TIME\n# public key: age1...\nAGE-SECRET-KEY-1...\n" to
// `fd` with write(2) (no stdio buffer keeps a copy) and wipes the text.
// IoError naming `name` if a write fails.
Status WriteIdentityText(int fd, const age::X25519Identity& identity, const std::string& name);

}  // namespace winnow
