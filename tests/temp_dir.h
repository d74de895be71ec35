// A temporary directory for a test, removed with everything in it when the
// object goes; and a small file writer with a mode. Shared by every test
// binary (the tests folder is on their include path).
#pragma once

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace winnow::test {

class TempDir {
 public:
  // Under $TMPDIR (or the system's temporary folder): PREFIX-XXXXXX made by
  // mkdtemp; path() is empty if it could not be made.
  explicit TempDir(const std::string& prefix = "winnow-test") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Writes `text` to `path` (replacing it) and gives it `mode`.
inline void WriteText(const std::string& path, const std::string& text, mode_t mode) {
  { std::ofstream(path, std::ios::trunc) << text; }
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

}  // namespace winnow::test
