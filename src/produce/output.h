// The files a production writes: an age file whose plaintext is hashed as
// it is written (the manifest records plaintext hashes, which are the same
// on every run; the age bytes differ with each random file key), and a
// plain file hashed the same way.
//
// Thread safety: one thread per object.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "vault/file_util.h"
#include "winnow/age.h"
#include "winnow/output_file.h"

namespace winnow::produce {

struct WrittenFile {
  std::string name;          // as stored in the folder
  std::string plain_sha256;  // of the plaintext
  uint64_t plain_bytes = 0;
  bool encrypted = false;
  std::string file_sha256;  // of the stored bytes (the age file, for encrypted ones)
  uint64_t file_bytes = 0;
  uint64_t records = 0;      // lines or rows, as the writer counted them
};

class HashedOutput {
 public:
  // Creates dir/name; with recipients, an age file encrypted to them.
  static StatusOr<std::unique_ptr<HashedOutput>> Create(const std::string& dir, const std::string& name,
                                                        std::span<const age::Recipient* const> recipients);
  Status Write(std::string_view bytes);
  void CountRecord() { ++file_.records; }
  // Ends the file (final chunk, flush, fsync) and returns what was written.
  StatusOr<WrittenFile> Finish();

 private:
  HashedOutput() = default;
  WrittenFile file_;
  vault::Sha256 plain_;  // of the plaintext of an encrypted file
  std::unique_ptr<vault::FileSink> sink_;
  std::unique_ptr<age::Encryptor> encryptor_;
};

}  // namespace winnow::produce
