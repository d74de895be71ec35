// X25519 recipients and identities (age spec, "The X25519 recipient type").

#include <cstring>

#include "crypto/base64.h"
#include "crypto/bech32.h"
#include "crypto/failure.h"
#include "crypto/primitives.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

constexpr char kRecipientHrp[] = "age";
constexpr char kIdentityHrp[] = "AGE-SECRET-KEY-";
constexpr char kStanzaType[] = "X25519";
constexpr char kLabel[] = "age-encryption.org/v1/X25519";

using Key32 = SecretArray<32>;

// The key that wraps the file key: HKDF(shared, ephemeral share || recipient, label).
Status WrappingKey(const Key32& shared, std::span<const uint8_t, 32> share,
                   std::span<const uint8_t, 32> recipient, Key32* out) {
  uint8_t salt[64];
  std::memcpy(salt, share.data(), 32);
  std::memcpy(salt + 32, recipient.data(), 32);
  return HkdfSha256({shared.data(), 32}, salt, kLabel, {out->data(), 32});
}

char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

StatusOr<X25519Recipient> X25519Recipient::Parse(std::string_view text) {
  StatusOr<Bech32Data> decoded = Bech32Decode(text);
  if (!decoded.ok()) {
    return Status::InvalidArgument("age: malformed recipient \"" + std::string(text) +
                                   "\": " + decoded.status().message());
  }
  if (decoded->hrp != kRecipientHrp || decoded->data.size() != 32) {
    return Status::InvalidArgument("age: \"" + std::string(text) + "\" is not an X25519 recipient (age1...)");
  }
  std::array<uint8_t, 32> key;
  std::memcpy(key.data(), decoded->data.data(), 32);
  return X25519Recipient(key);
}

std::string X25519Recipient::ToString() const {
  StatusOr<std::string> s = Bech32Encode(kRecipientHrp, public_key_);
  return s.ok() ? *s : std::string();  // cannot fail: the hrp is valid
}

StatusOr<Stanza> X25519Recipient::Wrap(const FileKey& file_key) const {
  WINNOW_RETURN_IF_ERROR(EnsureSodium());
  Key32 ephemeral, shared, wrapping;
  RandomBytes({ephemeral.data(), 32});
  std::array<uint8_t, 32> share;
  X25519Base(std::span<const uint8_t, 32>(ephemeral.data(), 32), share);
  if (!X25519(std::span<const uint8_t, 32>(ephemeral.data(), 32), public_key_,
              std::span<uint8_t, 32>(shared.data(), 32))) {
    return Status::InvalidArgument("age: recipient " + ToString() + " is a low-order point");
  }
  WINNOW_RETURN_IF_ERROR(WrappingKey(shared, share, public_key_, &wrapping));

  Stanza stanza;
  stanza.type = kStanzaType;
  stanza.args.push_back(Base64Encode(share));
  stanza.body.resize(kFileKeySize + kTagSize);
  SealZeroNonce(std::span<const uint8_t, 32>(wrapping.data(), 32), {file_key.data(), kFileKeySize},
                stanza.body);
  return stanza;
}

StatusOr<X25519Identity> X25519Identity::Generate() {
  WINNOW_RETURN_IF_ERROR(EnsureSodium());
  X25519Identity id;
  RandomBytes({id.secret_.data(), 32});
  X25519Base(std::span<const uint8_t, 32>(id.secret_.data(), 32), id.public_key_);
  return id;
}

StatusOr<X25519Identity> X25519Identity::Parse(std::string_view text) {
  WINNOW_RETURN_IF_ERROR(EnsureSodium());
  StatusOr<Bech32Data> decoded = Bech32Decode(text);
  if (!decoded.ok()) return Status::InvalidArgument("age: malformed secret key: " + decoded.status().message());
  std::vector<uint8_t>& data = decoded->data;
  const bool ok = decoded->hrp == kIdentityHrp && data.size() == 32;
  X25519Identity id;
  if (ok) std::memcpy(id.secret_.data(), data.data(), 32);
  Wipe(data.data(), data.size());
  if (!ok) return Status::InvalidArgument("age: not an X25519 secret key (AGE-SECRET-KEY-1...)");
  X25519Base(std::span<const uint8_t, 32>(id.secret_.data(), 32), id.public_key_);
  return id;
}

std::string X25519Identity::ToString() const {
  StatusOr<std::string> s = Bech32Encode("age-secret-key-", {secret_.data(), 32});
  if (!s.ok()) return std::string();  // cannot fail: the hrp is valid
  for (char& c : *s) c = ToUpper(c);
  return std::move(*s);
}

StatusOr<std::optional<FileKey>> X25519Identity::Unwrap(const Stanza& stanza) const {
  if (stanza.type != kStanzaType) return std::optional<FileKey>();
  if (stanza.args.size() != 1) return HeaderFailure("X25519 stanza must have exactly one argument");
  std::optional<std::vector<uint8_t>> share = Base64Decode(stanza.args[0]);
  if (!share) return HeaderFailure("X25519 share is not canonical base64");
  if (share->size() != 32) return HeaderFailure("X25519 share is not 32 bytes");
  // Checked before any decryption, as the spec asks.
  if (stanza.body.size() != kFileKeySize + kTagSize) {
    return HeaderFailure("X25519 stanza body is not a 16-byte wrapped file key");
  }
  const std::span<const uint8_t, 32> share_key(share->data(), 32);
  Key32 shared, wrapping;
  if (!X25519(std::span<const uint8_t, 32>(secret_.data(), 32), share_key,
              std::span<uint8_t, 32>(shared.data(), 32))) {
    return HeaderFailure("X25519 share is a low-order point");
  }
  WINNOW_RETURN_IF_ERROR(WrappingKey(shared, share_key, public_key_, &wrapping));
  FileKey file_key;
  if (!OpenZeroNonce(std::span<const uint8_t, 32>(wrapping.data(), 32), stanza.body,
                     {file_key.data(), kFileKeySize})) {
    return std::optional<FileKey>();  // addressed to someone else
  }
  return std::optional<FileKey>(std::move(file_key));
}

}  // namespace winnow::age
