// Small file helpers for the vault: age byte streams over file descriptors, and SHA-256 of bytes
// and files. All errors are IoError Statuses naming the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "io/durable.h"  // FsyncDir, WriteFileAtomic
#include "winnow/age.h"
#include "winnow/status.h"

namespace winnow::vault {

// Lowercase hex of SHA-256 (OpenSSL; uses the SHA extensions where present).
std::string Sha256Hex(std::string_view bytes);

// Incremental SHA-256.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(const void* data, size_t n);
  std::string HexDigest();  // ends the computation

 private:
  void* ctx_;
};

// SHA-256 of a whole file, and its size.
StatusOr<std::string> Sha256File(const std::string& path, uint64_t* size);

// Creates every missing directory of `dir` with mode 0700.
Status MakeDirs(const std::string& dir);

StatusOr<std::string> ReadWholeFile(const std::string& path);

// Removes `dir` and everything below it, not following symbolic links;
// errors are ignored (used for partial scan and production folders a
// crash left behind).
void RemoveTree(const std::string& dir);

// An age::Sink that appends to a new file (mode 0600) and can be synced.
class FileSink final : public age::Sink {
 public:
  static StatusOr<std::unique_ptr<FileSink>> Create(const std::string& path);
  ~FileSink() override;
  Status Write(std::span<const uint8_t> data) override;
  // Flushes, fsyncs and closes.
  Status Close();
  uint64_t bytes() const { return bytes_; }
  // SHA-256 of everything written; call once, after Close().
  std::string HexDigest() { return hash_.HexDigest(); }

 private:
  FileSink(int fd, std::string path) : fd_(fd), path_(std::move(path)) { buf_.reserve(kBuf); }
  Status FlushBuffer();
  static constexpr size_t kBuf = 1 << 20;
  int fd_;
  std::string path_;
  std::string buf_;
  uint64_t bytes_ = 0;
  Sha256 hash_;
};

// An age::Source and RandomAccessSource over a file, optionally hashing every
// byte read sequentially (to check a file against the manifest in the same
// pass that decrypts it).
class FileSource final : public age::Source, public age::RandomAccessSource {
 public:
  static StatusOr<std::unique_ptr<FileSource>> Open(const std::string& path, bool hash);
  ~FileSource() override;
  StatusOr<size_t> Read(std::span<uint8_t> out) override;
  StatusOr<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) const override;
  StatusOr<uint64_t> Size() const override;
  // Reads the rest of the file (into the hash) and returns the hex digest.
  StatusOr<std::string> FinishHash();

 private:
  FileSource(int fd, std::string path, bool hash);
  int fd_;
  std::string path_;
  std::unique_ptr<Sha256> hash_;
};

}  // namespace winnow::vault
