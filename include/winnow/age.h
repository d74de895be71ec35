// age v1 file encryption (https://age-encryption.org/v1, C2SP spec): the
// format every winnow file that holds chat text is stored and produced in.
//
// Supported: X25519 recipients and identities (age1... / AGE-SECRET-KEY-1...),
// scrypt passphrases, the binary header and the ChaCha20-Poly1305 STREAM
// payload, streaming in bounded memory and random access by 64 KiB chunk.
// Not supported: ASCII armor, plugins, post-quantum (mlkem768x25519) keys.
//
// Errors are Status values. Decryption failures fall in the classes the C2SP
// CCTV test vectors name; FailureOf() recovers the class from a Status.
//
// Thread safety: recipients, identities and RandomAccessDecryptor are
// immutable after construction and safe to share between threads (const
// methods only). Encryptor and Decryptor are single-threaded streams.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow::age {

inline constexpr size_t kFileKeySize = 16;
inline constexpr size_t kChunkSize = 64 * 1024;  // plaintext bytes per chunk
inline constexpr size_t kTagSize = 16;
inline constexpr size_t kEncryptedChunkSize = kChunkSize + kTagSize;
inline constexpr size_t kPayloadNonceSize = 16;
inline constexpr size_t kMaxHeaderSize = 1 << 20;  // longer headers are refused
inline constexpr int kDefaultScryptWorkFactor = 18;  // like age: about 1 s
inline constexpr int kMaxScryptWorkFactor = 22;      // decryption refuses more

// ---------------------------------------------------------------- failures

// Why a decryption failed, in the words of the CCTV vectors.
enum class Failure {
  kNone,     // the Status is OK
  kNoMatch,  // the header parsed but no identity unwrapped a stanza
  kHeader,   // the header (or the payload nonce after it) is malformed
  kHmac,     // a file key was unwrapped but the header MAC does not match
  kPayload,  // the STREAM payload fails to decrypt all the way to its end
  kOther,    // anything else (I/O error, bad argument)
};

// Returns the class of a Status produced by this module (the message carries
// a fixed tag, so the class survives callers prefixing a file name).
Failure FailureOf(const Status& status);
const char* FailureName(Failure failure);

// ------------------------------------------------------------- secrets

// Overwrites n bytes at p with zeros in a way the compiler cannot elide.
void Wipe(void* p, size_t n);

// N bytes of key material: not copyable, wiped when destroyed or moved from.
template <size_t N>
class SecretArray {
 public:
  SecretArray() { bytes_.fill(0); }
  ~SecretArray() { Wipe(bytes_.data(), N); }
  SecretArray(const SecretArray&) = delete;
  SecretArray& operator=(const SecretArray&) = delete;
  SecretArray(SecretArray&& other) noexcept : bytes_(other.bytes_) { Wipe(other.bytes_.data(), N); }
  SecretArray& operator=(SecretArray&& other) noexcept {
    bytes_ = other.bytes_;
    Wipe(other.bytes_.data(), N);
    return *this;
  }

  uint8_t* data() { return bytes_.data(); }
  const uint8_t* data() const { return bytes_.data(); }
  static constexpr size_t size() { return N; }

 private:
  std::array<uint8_t, N> bytes_;
};

using FileKey = SecretArray<kFileKeySize>;

// ------------------------------------------------- recipients, identities

// One recipient stanza of a header: "-> type args...", then its body.
struct Stanza {
  std::string type;
  std::vector<std::string> args;
  std::vector<uint8_t> body;
};

// Something a file key can be encrypted to.
class Recipient {
 public:
  virtual ~Recipient() = default;
  // Returns a stanza holding `file_key` encrypted to this recipient, or an
  // InvalidArgument/Internal Status if the key cannot be used.
  virtual StatusOr<Stanza> Wrap(const FileKey& file_key) const = 0;
};

// Something that can recover a file key from a stanza.
class Identity {
 public:
  virtual ~Identity() = default;
  // Returns the file key if `stanza` is addressed to this identity, nullopt
  // if it is not (other type, or it does not decrypt with this key), and a
  // header-failure Status if a stanza of this identity's type is malformed.
  virtual StatusOr<std::optional<FileKey>> Unwrap(const Stanza& stanza) const = 0;
};

class X25519Recipient final : public Recipient {
 public:
  // Parses "age1..." (lowercase Bech32). InvalidArgument if malformed.
  static StatusOr<X25519Recipient> Parse(std::string_view text);

  std::string ToString() const;  // "age1..."
  const std::array<uint8_t, 32>& public_key() const { return public_key_; }
  StatusOr<Stanza> Wrap(const FileKey& file_key) const override;

 private:
  explicit X25519Recipient(const std::array<uint8_t, 32>& key) : public_key_(key) {}
  friend class X25519Identity;
  std::array<uint8_t, 32> public_key_;
};

class X25519Identity final : public Identity {
 public:
  // A new random key pair. Internal error only if the RNG fails.
  static StatusOr<X25519Identity> Generate();
  // Parses "AGE-SECRET-KEY-1..." (uppercase Bech32, as age-keygen writes).
  // InvalidArgument if malformed; the message never contains key material.
  static StatusOr<X25519Identity> Parse(std::string_view text);

  // "AGE-SECRET-KEY-1...". The string holds the secret: Wipe() it when done.
  std::string ToString() const;
  X25519Recipient recipient() const { return X25519Recipient(public_key_); }
  StatusOr<std::optional<FileKey>> Unwrap(const Stanza& stanza) const override;

 private:
  X25519Identity() = default;
  SecretArray<32> secret_;
  std::array<uint8_t, 32> public_key_{};
};

// A passphrase as a recipient. The spec requires an scrypt stanza to be the
// only one in a header; Encryptor refuses to mix it with other recipients.
class ScryptRecipient final : public Recipient {
 public:
  // REQUIRES: 1 <= work_factor <= 30 (log2 of scrypt N; 18 is about 1 s).
  ScryptRecipient(std::string_view passphrase, int work_factor = kDefaultScryptWorkFactor);
  ~ScryptRecipient() override;
  ScryptRecipient(const ScryptRecipient&) = delete;
  ScryptRecipient& operator=(const ScryptRecipient&) = delete;
  StatusOr<Stanza> Wrap(const FileKey& file_key) const override;

 private:
  std::string passphrase_;
  int work_factor_;
};

class ScryptIdentity final : public Identity {
 public:
  // Stanzas asking for a work factor above `max_work_factor` are a header
  // failure (they would take minutes and gigabytes to try).
  explicit ScryptIdentity(std::string_view passphrase, int max_work_factor = kMaxScryptWorkFactor);
  ~ScryptIdentity() override;
  ScryptIdentity(const ScryptIdentity&) = delete;
  ScryptIdentity& operator=(const ScryptIdentity&) = delete;
  StatusOr<std::optional<FileKey>> Unwrap(const Stanza& stanza) const override;

 private:
  std::string passphrase_;
  int max_work_factor_;
};

// Parses identity-file text as age-keygen writes it: one AGE-SECRET-KEY-1
// per line, '#' comment lines and blank lines ignored. `name` is used in
// error messages. InvalidArgument (with the line number) if a line is not a
// key or if there is no key at all.
StatusOr<std::vector<X25519Identity>> ParseIdentityFile(std::string_view text, std::string_view name);

// Reads and parses the identity file at `path`. PermissionDenied if the file
// is readable or writable by group or others (chmod 600 fixes it), NotFound
// or IoError if it cannot be read, else as ParseIdentityFile.
StatusOr<std::vector<X25519Identity>> ReadIdentityFile(const std::string& path);

// Writes `identity` to a new file at `path` with mode 0600, in age-keygen's
// format. AlreadyExists if the file exists, IoError if writing fails.
Status WriteIdentityFile(const std::string& path, const X25519Identity& identity);

// ----------------------------------------------------------- byte streams

// A sequential byte input.
class Source {
 public:
  virtual ~Source() = default;
  // Reads up to out.size() bytes. Returns the count read, 0 only at end of
  // input; IoError (or another Status) if the input fails.
  virtual StatusOr<size_t> Read(std::span<uint8_t> out) = 0;
};

// A byte input read by offset. Implementations used from several threads
// must make ReadAt thread-safe (pread is).
class RandomAccessSource {
 public:
  virtual ~RandomAccessSource() = default;
  // Reads up to out.size() bytes at `offset`; short only at end of input.
  virtual StatusOr<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) const = 0;
  virtual StatusOr<uint64_t> Size() const = 0;
};

// A sequential byte output.
class Sink {
 public:
  virtual ~Sink() = default;
  // Writes all of `data` or returns why not.
  virtual Status Write(std::span<const uint8_t> data) = 0;
};

// Reads from memory the caller keeps alive.
class SpanSource final : public Source, public RandomAccessSource {
 public:
  explicit SpanSource(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  StatusOr<size_t> Read(std::span<uint8_t> out) override;
  StatusOr<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) const override;
  StatusOr<uint64_t> Size() const override { return uint64_t{bytes_.size()}; }

 private:
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
};

// Appends to a vector the caller keeps alive.
class VectorSink final : public Sink {
 public:
  explicit VectorSink(std::vector<uint8_t>* out) : out_(out) {}
  Status Write(std::span<const uint8_t> data) override;

 private:
  std::vector<uint8_t>* out_;
};

// ------------------------------------------------------------- encryption

// Streams plaintext in, age bytes out to a sink, in bounded memory (one
// 64 KiB chunk). Lifecycle: Create, Write any number of times, Finish once.
class Encryptor {
 public:
  // Generates a file key, wraps it to every recipient and writes the header
  // and payload nonce to `sink` (borrowed; must outlive the Encryptor).
  // InvalidArgument if there is no recipient or an scrypt recipient is mixed
  // with others; a recipient's or the sink's Status otherwise.
  static StatusOr<std::unique_ptr<Encryptor>> Create(std::span<const Recipient* const> recipients,
                                                     Sink* sink);
  virtual ~Encryptor() = default;

  // Encrypts `data`, writing every completed chunk. Fails with the sink's
  // Status, or InvalidArgument after Finish; the stream is then unusable.
  virtual Status Write(std::span<const uint8_t> data) = 0;
  // Writes the final chunk. Must be called once; the output is not a valid
  // age file without it.
  virtual Status Finish() = 0;
};

// Encrypts `plaintext` to `recipients` in one call (as Encryptor).
StatusOr<std::vector<uint8_t>> EncryptBuffer(std::span<const uint8_t> plaintext,
                                             std::span<const Recipient* const> recipients);

// ------------------------------------------------------------- decryption

// Pulls plaintext out of an age byte source in bounded memory. Plaintext is
// released only chunk by chunk after the chunk authenticates; the stream end
// is authenticated, so a truncated file is a payload failure, never a
// silent short read.
class Decryptor {
 public:
  // Reads the header from `source` (borrowed; must outlive the Decryptor),
  // unwraps the file key with the first identity that matches (identities
  // are tried in order, each against the stanzas in order), checks the
  // header MAC and reads the payload nonce. Fails with a kHeader, kNoMatch or
  // kHmac Status (see FailureOf), or the source's Status.
  static StatusOr<std::unique_ptr<Decryptor>> Open(Source* source,
                                                   std::span<const Identity* const> identities);
  virtual ~Decryptor() = default;

  // Fills `out` with up to out.size() plaintext bytes; returns the count,
  // 0 only after the authenticated end of the payload (or if `out` is
  // empty). A payload failure is
  // returned after all plaintext authenticated before it has been returned.
  // Reads with out.size() >= kChunkSize decrypt straight into `out`.
  virtual StatusOr<size_t> Read(std::span<uint8_t> out) = 0;
};

// Decrypts a whole age file in memory. On a payload failure, `plaintext`
// holds what authenticated before the failure and the Status says why.
Status DecryptBuffer(std::span<const uint8_t> age_file, std::span<const Identity* const> identities,
                     std::vector<uint8_t>* plaintext);

// Reads any one 64 KiB chunk of an age file without touching the others,
// e.g. one block of a vault segment. Open once, then ReadChunk many times.
class RandomAccessDecryptor {
 public:
  // Opens the header as Decryptor::Open does and checks that the payload
  // size is a possible STREAM length (else a kPayload Status). `source` is
  // borrowed and must outlive this object.
  static StatusOr<std::unique_ptr<RandomAccessDecryptor>> Open(
      const RandomAccessSource* source, std::span<const Identity* const> identities);
  virtual ~RandomAccessDecryptor() = default;

  virtual uint64_t chunk_count() const = 0;     // >= 1
  virtual uint64_t plaintext_size() const = 0;  // total, from the file size
  virtual uint64_t payload_offset() const = 0;  // header + nonce bytes

  // Decrypts chunk `index` (< chunk_count()) into `out` (at least kChunkSize
  // bytes, or the chunk's plaintext size); returns its plaintext size. A
  // kPayload Status if the chunk fails authentication (`out` then holds no
  // plaintext), InvalidArgument if index or out is bad, the source's Status
  // on read errors. Thread-safe if the source is.
  virtual StatusOr<size_t> ReadChunk(uint64_t index, std::span<uint8_t> out) const = 0;
};

}  // namespace winnow::age
