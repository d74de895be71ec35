// Consistent pseudonyms: a keyed HMAC-SHA-256 of a normalized value under a
// per-matter secret (the pseudonym key), so the same person, email or phone
// maps to the same token in every document, shard and run that uses the same
// key, while nobody without the key can reverse a token or test a guess.
//
// A token is the entity type, '_', and the first 50 bits of
//   HMAC-SHA-256(key, "winnow/pii/pseudonym/v1" \0 type \0 normalized_value)
// in Crockford base32 (0-9 A-Z without I L O U): "PERSON_4KQ7M2XD9A".
// 50 bits keep tokens short; two distinct values of one type share a token
// with probability about n^2 / 2^51 (under 0.05% for a million values).
//
// Key file: text, '#' comment lines and blank lines allowed,
// and exactly one line
//   WINNOW-PSEUDONYM-KEY-1 <64 hex digits, or 32 bytes in standard base64>
// A key file must be readable by its owner only (mode 0600 or stricter)
// and must never lie inside a matter: matters get copied and handed over,
// and a key next to the tokens would let anyone test guesses.
//
// Thread safety: a PseudonymKey is immutable after construction; its const
// methods may be called from many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow::pii {

class PseudonymKey {
 public:
  static constexpr size_t kSize = 32;
  static constexpr size_t kMacSize = 32;
  static constexpr size_t kTokenChars = 10;  // 50 bits in base32

  // A fresh key from the operating system's CSPRNG (libsodium). Disables
  // core dumps first (DisableCoreDumps). Internal error if libsodium cannot
  // be initialised.
  static StatusOr<PseudonymKey> Generate();

  // A key holding `bytes`; InvalidArgument unless there are exactly kSize.
  // The caller wipes its own copy.
  static StatusOr<PseudonymKey> FromBytes(std::span<const uint8_t> bytes);

  // Parses key-file text. Errors (InvalidArgument) name `name` and the line,
  // never the key material.
  static StatusOr<PseudonymKey> Parse(std::string_view text, std::string_view name);

  // Reads the key file at `path`. NotFound if it does not exist;
  // PermissionDenied if its mode grants any access to group or others (the
  // message names the file and the fix, chmod 600) or, when `matter_dir` is
  // not empty, if the file lies anywhere inside that matter directory
  // (through any spelling or link). Disables core dumps before reading.
  static StatusOr<PseudonymKey> Load(const std::string& path, const std::string& matter_dir = "");

  // Writes the key to a new file `path` created with mode 0600 (comment
  // lines, then the key line). AlreadyExists if `path` exists (a key is
  // never overwritten: tokens made with it would become unmatchable);
  // PermissionDenied if `matter_dir` is given and `path` lies inside it;
  // IoError otherwise (a partly written file is removed).
  Status Save(const std::string& path, const std::string& matter_dir = "") const;

  // "TYPE_XXXXXXXXXX" for `normalized_value` (see the file comment). The
  // caller normalizes (Engine::Normalize) so that spellings of one datum
  // share a token. `type` must not contain '\0'.
  std::string Token(std::string_view type, std::string_view normalized_value) const;

  // The full HMAC behind Token(), for deriving surrogates (surrogate.h).
  void Mac(std::string_view type, std::string_view normalized_value,
           std::span<uint8_t, kMacSize> out) const;

  // Token for a metadata identifier: MetaType(key) as the type and
  // NormalizeMetaValue() of the value, so a user id, email or IP address in
  // `meta` gets the token the same datum gets in text, and the other side
  // can still count distinct users.
  std::string MetaToken(std::string_view key, std::string_view value) const;

  // 16 hex digits identifying the key (an HMAC of a fixed label), for
  // production manifests and logs: shows which key made a set of tokens
  // without revealing anything that helps test a guess.
  std::string KeyId() const;

  // Moving leaves `other` empty: its methods must not be called again.
  PseudonymKey(PseudonymKey&& other) noexcept;
  PseudonymKey& operator=(PseudonymKey&& other) noexcept;
  PseudonymKey(const PseudonymKey&) = delete;
  PseudonymKey& operator=(const PseudonymKey&) = delete;
  ~PseudonymKey();

 private:
  struct State;  // the key bytes and the HMAC state after absorbing them
  struct StateDeleter {
    void operator()(State* s) const;  // wipes, then frees
  };
  explicit PseudonymKey(std::unique_ptr<State, StateDeleter> state);

  std::unique_ptr<State, StateDeleter> state_;
};

// The entity type a metadata key's values are pseudonymized as:
// user, user_id, userid, uid, username, hashed_user, account_id -> "USER";
// keys containing "email" -> "EMAIL_ADDRESS"; ip, ip_address, client_ip,
// remote_addr and keys ending in "_ip" -> "IP_ADDRESS"; keys containing
// "device" -> "DEVICE_ID"; keys containing "phone" -> "PHONE_NUMBER";
// anything else: the key upper-cased, other characters than letters and
// digits replaced by '_' ("hashed_ip" -> "HASHED_IP": a hash is not an
// address). Case and '-' in the key do not matter.
std::string MetaType(std::string_view key);

// Whether values of a metadata type (MetaType) identify a person or a
// device and are replaced whole by a pseudonym: USER, EMAIL_ADDRESS,
// IP_ADDRESS, HASHED_IP, DEVICE_ID, PHONE_NUMBER.
bool IsIdentifierMetaType(std::string_view type);

// The normalized form of a metadata value of `type`: surrounding white space
// trimmed; EMAIL_ADDRESS lower-cased (ASCII); IP_ADDRESS in the canonical
// text form (lower-case, compressed IPv6) when it parses; others as given.
std::string NormalizeMetaValue(std::string_view type, std::string_view value);

}  // namespace winnow::pii
