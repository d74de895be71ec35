// Crash-safe file system steps (matter creation, vault HEAD): a file is either
// absent or complete, and a rename survives power loss. All errors are
// IoError Statuses naming the path. Thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow {

// fsyncs directory `dir`, so entries created or renamed in it are durable.
Status FsyncDir(const std::string& dir);

// Writes `bytes` to dir/.name.tmp (mode 0600, replacing a stale one), fsyncs
// it, renames it to dir/name and fsyncs `dir`.
Status WriteFileAtomic(const std::string& dir, const std::string& name, std::string_view bytes);

// "a/b" for "a/b/c", "." for "c", "/" for "/c".
std::string ParentDir(const std::string& path);

}  // namespace winnow
