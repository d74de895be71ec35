// Ed25519 signing keys (libsodium crypto_sign) for production manifests:
// the producer signs, the recipient and the court verify with the public key
// (docs/keys.md, "Signing keys").
//
// Public key text: "winnow-ed25519:" and the 32-byte key as 64 lowercase hex
// digits. A signature: the 64-byte detached Ed25519 signature (RFC 8032) of
// the message bytes as given, as 128 lowercase hex digits, so any Ed25519
// implementation can check it.
//
// Secret key file: text, '#' comment lines and blank lines allowed, and
// exactly one line
//   WINNOW-SIGNING-KEY-1 <64 hex digits: the 32-byte seed>
// Save() writes
//   # created: 2026-11-30T01:50:00Z
//   # public key: winnow-ed25519:<64 hex digits>
//   WINNOW-SIGNING-KEY-1 <64 hex digits>
// A "# public key:" comment, when present, must match the key (a file whose
// comment names another key was edited or mixed up). The file must be
// readable by its owner only (mode 0600 or stricter) and must never lie
// inside a matter.
//
// Thread safety: a SigningKey is immutable after construction; its const
// methods may be called from many threads at once. The free functions are
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow::produce {

inline constexpr char kPublicKeyPrefix[] = "winnow-ed25519:";

class SigningKey {
 public:
  static constexpr size_t kSeedSize = 32;
  static constexpr size_t kPublicKeySize = 32;
  static constexpr size_t kSignatureSize = 64;

  // A fresh key from the operating system's CSPRNG (libsodium). Disables
  // core dumps first. Internal error if libsodium cannot be initialised.
  static StatusOr<SigningKey> Generate();

  // The key whose seed is `seed` (tests, known-answer vectors);
  // InvalidArgument unless there are exactly kSeedSize bytes. The caller
  // wipes its own copy.
  static StatusOr<SigningKey> FromSeed(std::span<const uint8_t> seed);

  // Parses key-file text (see the file comment). InvalidArgument naming
  // `name` and the line for a malformed key line, a second key, a
  // "# public key:" comment that does not match, or no key at all; never
  // repeats the key material.
  static StatusOr<SigningKey> Parse(std::string_view text, std::string_view name);

  // Reads the key file at `path`. NotFound if it does not exist;
  // PermissionDenied if group or others may access it (the message names
  // the fix, chmod 600) or, when `matter_dir` is not empty, if it lies
  // anywhere inside that matter directory; Parse's errors otherwise.
  // Disables core dumps before reading.
  static StatusOr<SigningKey> Load(const std::string& path, const std::string& matter_dir = "");

  // Writes the key file to a new file `path` with mode 0600. AlreadyExists
  // if `path` exists (never overwritten); PermissionDenied if `matter_dir`
  // is given and `path` lies inside it; IoError otherwise (a partly written
  // file is removed).
  Status Save(const std::string& path, const std::string& matter_dir = "") const;

  // Writes PublicKey() and a newline to a new file `path` with mode 0644.
  // AlreadyExists if `path` exists; IoError otherwise (a partly written
  // file is removed).
  Status SavePublicKey(const std::string& path) const;

  // "winnow-ed25519:<64 lowercase hex digits>".
  std::string PublicKey() const;

  // The detached Ed25519 signature of `message`, as 128 lowercase hex digits.
  std::string Sign(std::string_view message) const;

  // Moving leaves `other` empty: its methods must not be called again.
  SigningKey(SigningKey&& other) noexcept;
  SigningKey& operator=(SigningKey&& other) noexcept;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey();

 private:
  struct State;  // seed, libsodium's 64-byte secret key, public key
  struct StateDeleter {
    void operator()(State* s) const;  // wipes, then frees
  };
  explicit SigningKey(std::unique_ptr<State, StateDeleter> state);

  std::unique_ptr<State, StateDeleter> state_;
};

// `text_or_path` is a public key ("winnow-ed25519:<hex>"; upper-case hex
// digits are accepted) or the path of a public key file (FILE.pub) whose
// first line that is neither blank nor a '#' comment is one. Returns the
// canonical "winnow-ed25519:<64 lowercase hex digits>". InvalidArgument
// naming what is wrong: a malformed key, a point that is not a valid
// Ed25519 public key, a file holding something else (a secret signing key
// file is refused: give its .pub), or text that is neither a key nor an
// existing file.
StatusOr<std::string> LoadPublicKey(const std::string& text_or_path);

// Checks `signature_hex` (128 hex digits) over `message` with `public_key`
// ("winnow-ed25519:<hex>"). OK if it verifies; InvalidArgument for a
// malformed key or signature; Corruption("signature does not verify") when
// it does not verify.
Status VerifySignature(std::string_view public_key, std::string_view message, std::string_view signature_hex);

}  // namespace winnow::produce
