// Recipient strings as users give them: on the command line, in a recipients
// file (as `age -R` reads it) and in matter.toml. Thread-safe (pure
// functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/age.h"
#include "winnow/status.h"

namespace winnow {

// Parses one "age1..." recipient. InvalidArgument naming the text if it is
// not one; if the text is a secret key (AGE-SECRET-KEY-1...) the message says
// so and never repeats it, and an SSH key is reported as unsupported.
StatusOr<age::X25519Recipient> ParseRecipient(std::string_view text);

// Reads a recipients file: one recipient per line, blank lines and lines
// starting with '#' ignored, surrounding white space trimmed. Returns the
// recipients in file order. NotFound/IoError if the file cannot be read;
// InvalidArgument naming "path:line" for a line that is not a recipient, or
// if the file holds none.
StatusOr<std::vector<std::string>> ReadRecipientsFile(const std::string& path);

}  // namespace winnow
