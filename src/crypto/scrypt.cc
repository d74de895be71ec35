// scrypt passphrase recipients (age spec, "The scrypt recipient type").

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "crypto/base64.h"
#include "crypto/failure.h"
#include "crypto/primitives.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

constexpr char kStanzaType[] = "scrypt";
constexpr char kLabel[] = "age-encryption.org/v1/scrypt";
constexpr size_t kSaltSize = 16;
constexpr int kMaxEncryptWorkFactor = 30;

// scrypt(N = 2^work_factor, r = 8, p = 1) of the passphrase, salted with the
// label and the stanza's salt. Internal error if scrypt cannot run (memory).
Status WrappingKey(std::string_view passphrase, std::span<const uint8_t> salt, int work_factor,
                   SecretArray<32>* out) {
  uint8_t full_salt[sizeof(kLabel) - 1 + kSaltSize];
  std::memcpy(full_salt, kLabel, sizeof(kLabel) - 1);
  std::memcpy(full_salt + sizeof(kLabel) - 1, salt.data(), kSaltSize);
  if (crypto_pwhash_scryptsalsa208sha256_ll(reinterpret_cast<const uint8_t*>(passphrase.data()),
                                            passphrase.size(), full_salt, sizeof full_salt,
                                            uint64_t{1} << work_factor, 8, 1, out->data(), 32) != 0) {
    return Status::Internal("age: scrypt failed (work factor " + std::to_string(work_factor) +
                            ", out of memory?)");
  }
  return Status::Ok();
}

// The spec's work factor: decimal, no sign, no leading zero, positive.
// Returns -1 if malformed, or a value above `max` as max + 1.
int ParseWorkFactor(std::string_view s, int max) {
  if (s.empty() || s[0] < '1' || s[0] > '9') return -1;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
    if (value > max) value = max + 1;  // saturate: no overflow on long input
  }
  return value;
}

}  // namespace

ScryptRecipient::ScryptRecipient(std::string_view passphrase, int work_factor)
    : passphrase_(passphrase), work_factor_(work_factor) {}

ScryptRecipient::~ScryptRecipient() { Wipe(passphrase_.data(), passphrase_.size()); }

StatusOr<Stanza> ScryptRecipient::Wrap(const FileKey& file_key) const {
  WINNOW_RETURN_IF_ERROR(EnsureSodium());
  if (work_factor_ < 1 || work_factor_ > kMaxEncryptWorkFactor) {
    return Status::InvalidArgument("age: scrypt work factor must be 1.." +
                                   std::to_string(kMaxEncryptWorkFactor));
  }
  uint8_t salt[kSaltSize];
  RandomBytes(salt);
  SecretArray<32> wrapping;
  WINNOW_RETURN_IF_ERROR(WrappingKey(passphrase_, salt, work_factor_, &wrapping));

  Stanza stanza;
  stanza.type = kStanzaType;
  stanza.args = {Base64Encode(salt), std::to_string(work_factor_)};
  stanza.body.resize(kFileKeySize + kTagSize);
  SealZeroNonce(std::span<const uint8_t, 32>(wrapping.data(), 32), {file_key.data(), kFileKeySize},
                stanza.body);
  return stanza;
}

ScryptIdentity::ScryptIdentity(std::string_view passphrase, int max_work_factor)
    : passphrase_(passphrase), max_work_factor_(std::clamp(max_work_factor, 1, kMaxEncryptWorkFactor)) {}

ScryptIdentity::~ScryptIdentity() { Wipe(passphrase_.data(), passphrase_.size()); }

StatusOr<std::optional<FileKey>> ScryptIdentity::Unwrap(const Stanza& stanza) const {
  if (stanza.type != kStanzaType) return std::optional<FileKey>();
  WINNOW_RETURN_IF_ERROR(EnsureSodium());
  if (stanza.args.size() != 2) return HeaderFailure("scrypt stanza must have exactly two arguments");
  std::optional<std::vector<uint8_t>> salt = Base64Decode(stanza.args[0]);
  if (!salt) return HeaderFailure("scrypt salt is not canonical base64");
  if (salt->size() != kSaltSize) return HeaderFailure("scrypt salt is not 16 bytes");
  const int work_factor = ParseWorkFactor(stanza.args[1], max_work_factor_);
  if (work_factor < 0) return HeaderFailure("scrypt work factor is not a positive decimal without leading zeros");
  if (work_factor > max_work_factor_) {
    return HeaderFailure("scrypt work factor exceeds the maximum of " + std::to_string(max_work_factor_));
  }
  if (stanza.body.size() != kFileKeySize + kTagSize) {
    return HeaderFailure("scrypt stanza body is not a 16-byte wrapped file key");
  }
  SecretArray<32> wrapping;
  WINNOW_RETURN_IF_ERROR(WrappingKey(passphrase_, *salt, work_factor, &wrapping));
  FileKey file_key;
  if (!OpenZeroNonce(std::span<const uint8_t, 32>(wrapping.data(), 32), stanza.body,
                     {file_key.data(), kFileKeySize})) {
    return std::optional<FileKey>();  // wrong passphrase
  }
  return std::optional<FileKey>(std::move(file_key));
}

}  // namespace winnow::age
