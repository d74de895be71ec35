// Reading an age file of a production line by line, decrypting on the fly
// in bounded memory (one 64 KiB chunk and the current line), hashing the
// plaintext as it goes. Lines are split on '\n' or, for the load file, on
// "\r\n" (a DAT record cannot hold a line break).
//
// Thread safety: one thread per object.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "vault/file_util.h"
#include "winnow/age.h"

namespace winnow::produce {

class AgeLineReader {
 public:
  // `crlf`: records end with "\r\n" (which is removed), else with '\n'.
  static StatusOr<std::unique_ptr<AgeLineReader>> Open(const std::string& path,
                                                       std::span<const age::Identity* const> identities, bool crlf);
  // The next line (without its end) in *line; false at the end. A last line
  // without its end is returned too, with *complete false.
  StatusOr<bool> Next(std::string* line, bool* complete);
  // SHA-256 of all plaintext read; call after Next returned false.
  std::string PlainSha256() { return plain_.HexDigest(); }

 private:
  AgeLineReader() = default;
  std::string path_;
  std::unique_ptr<vault::FileSource> file_;
  std::unique_ptr<age::Decryptor> decryptor_;
  vault::Sha256 plain_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false, crlf_ = false;
};

}  // namespace winnow::produce
