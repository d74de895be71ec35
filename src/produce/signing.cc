// Ed25519 signing keys: generation, the key files, signing and verifying.
#include "produce/signing.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "crypto/secret_file.h"
#include "winnow/matter.h"

namespace winnow::produce {

namespace {

constexpr std::string_view kKeyPrefix = "WINNOW-SIGNING-KEY-1";
constexpr std::string_view kPublicComment = "# public key:";
constexpr size_t kMaxKeyFileSize = 1 << 16;
constexpr size_t kPrefixLen = sizeof(kPublicKeyPrefix) - 1;

bool EnsureSodium() { return sodium_init() >= 0; }

std::string ErrnoText(int err) { return std::strerror(err); }

Status InsideMatter(const std::string& path, const std::string& matter_dir) {
  return Status::PermissionDenied(path + ": signing key file lies inside the matter " + matter_dir +
                                  "; keys never live in a matter (matters get copied and handed over): "
                                  "keep it elsewhere, e.g. ~/.config/winnow/");
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// Exactly 2 * out.size() hex digits (either case), nothing else.
// Constant-time (libsodium), so timing says nothing of a secret.
bool DecodeHex(std::string_view text, std::span<uint8_t> out) {
  if (text.size() != 2 * out.size()) return false;
  size_t len = 0;
  const char* end = nullptr;
  return sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end) == 0 &&
         len == out.size() && end == text.data() + text.size();
}

std::string Hex(std::span<const uint8_t> bytes) {
  std::string hex(2 * bytes.size() + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

// Parses "winnow-ed25519:<hex>" into 32 bytes; InvalidArgument saying what
// is wrong (the text is public, so it may be quoted).
Status ParsePublicKey(std::string_view text, std::span<uint8_t, SigningKey::kPublicKeySize> out) {
  const std::string_view prefix(kPublicKeyPrefix, kPrefixLen);
  if (text.substr(0, kPrefixLen) != prefix) {
    return Status::InvalidArgument("not a winnow public key (expected " + std::string(prefix) +
                                   " and 64 hex digits)");
  }
  const std::string_view hex = text.substr(kPrefixLen);
  if (!DecodeHex(hex, out)) {
    return Status::InvalidArgument("public key " + std::string(text.substr(0, 100)) + ": expected " +
                                   std::string(prefix) + " and 64 hex digits, got " + std::to_string(hex.size()) +
                                   " characters after the prefix");
  }
  if (!EnsureSodium()) return Status::Internal("libsodium failed to initialise");
  // Rejects small-order points and non-canonical encodings: no signature
  // made with a real key would verify under them.
  if (crypto_core_ed25519_is_valid_point(out.data()) != 1) {
    return Status::InvalidArgument("public key " + std::string(text) + " is not a valid Ed25519 public key");
  }
  return Status::Ok();
}

// The first line that is neither blank nor a comment, or "" if none.
std::string_view FirstContentLine(std::string_view text) {
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = Trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.front() != '#') return line;
  }
  return {};
}

// Reads a small public file; InvalidArgument when `path` is not a file.
Status ReadPublicFile(const std::string& path, std::string* contents) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) {
      return Status::InvalidArgument(path + ": neither a public key (" + std::string(kPublicKeyPrefix) +
                                     "<64 hex digits>) nor an existing file");
    }
    return Status::InvalidArgument(path + ": " + ErrnoText(err));
  }
  struct stat st;
  Status status;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    status = Status::InvalidArgument(path + ": not a public key file (not a regular file)");
  }
  char buf[4096];
  while (status.ok()) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      status = Status::InvalidArgument(path + ": " + ErrnoText(errno));
    } else if (n == 0) {
      break;
    } else if (contents->size() + static_cast<size_t>(n) > kMaxKeyFileSize) {
      status = Status::InvalidArgument(path + ": too large for a public key file");
    } else {
      contents->append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return status;
}

}  // namespace

struct SigningKey::State {
  uint8_t seed[kSeedSize];
  uint8_t secret[crypto_sign_SECRETKEYBYTES];  // seed || public key, as libsodium wants it
  uint8_t pub[kPublicKeySize];
};

void SigningKey::StateDeleter::operator()(State* s) const {
  sodium_memzero(s, sizeof *s);
  delete s;
}

SigningKey::SigningKey(std::unique_ptr<State, StateDeleter> state) : state_(std::move(state)) {}
SigningKey::SigningKey(SigningKey&& other) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&& other) noexcept = default;
SigningKey::~SigningKey() = default;

StatusOr<SigningKey> SigningKey::FromSeed(std::span<const uint8_t> seed) {
  if (seed.size() != kSeedSize) {
    return Status::InvalidArgument("signing key seed must be " + std::to_string(kSeedSize) + " bytes, not " +
                                   std::to_string(seed.size()));
  }
  if (!EnsureSodium()) return Status::Internal("libsodium failed to initialise");
  std::unique_ptr<State, StateDeleter> s(new State);
  std::memcpy(s->seed, seed.data(), kSeedSize);
  if (crypto_sign_seed_keypair(s->pub, s->secret, s->seed) != 0) {
    return Status::Internal("libsodium could not derive an Ed25519 key pair");
  }
  return SigningKey(std::move(s));
}

StatusOr<SigningKey> SigningKey::Generate() {
  if (!EnsureSodium()) return Status::Internal("libsodium failed to initialise");
  DisableCoreDumps();  // before the key exists, so no core file can hold it
  uint8_t seed[kSeedSize];
  randombytes_buf(seed, kSeedSize);
  StatusOr<SigningKey> key = FromSeed(seed);
  sodium_memzero(seed, kSeedSize);
  return key;
}

StatusOr<SigningKey> SigningKey::Parse(std::string_view text, std::string_view name) {
  struct WipedSeed {
    uint8_t bytes[kSeedSize] = {};
    ~WipedSeed() { sodium_memzero(bytes, kSeedSize); }
  } seed;
  bool found = false;
  std::string claimed_public;  // from a "# public key:" comment
  size_t claimed_line = 0;
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t nl = text.find('\n');
    std::string_view line = Trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.substr(0, kPublicComment.size()) == kPublicComment) {
      claimed_public = Trim(line.substr(kPublicComment.size()));
      claimed_line = line_number;
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(name) + ":" + std::to_string(line_number) + ": ";
    if (line.substr(0, kKeyPrefix.size()) != kKeyPrefix) {
      if (line.substr(0, kPrefixLen) == std::string_view(kPublicKeyPrefix, kPrefixLen)) {
        return Status::InvalidArgument(where + "this is a public key; a signing key file holds a line starting with " +
                                       std::string(kKeyPrefix));
      }
      return Status::InvalidArgument(where + "expected a line starting with " + std::string(kKeyPrefix));
    }
    if (found) return Status::InvalidArgument(where + "more than one signing key in the file");
    line.remove_prefix(kKeyPrefix.size());
    if (line.empty() || (line.front() != ' ' && line.front() != '\t')) {
      return Status::InvalidArgument(where + "expected a space and the key after " + std::string(kKeyPrefix));
    }
    line = Trim(line);
    if (!DecodeHex(line, seed.bytes)) {
      return Status::InvalidArgument(where + "the key must be 32 bytes as 64 hex digits");
    }
    found = true;
  }
  if (!found) return Status::InvalidArgument(std::string(name) + ": no signing key found (a line starting with " +
                                             std::string(kKeyPrefix) + ")");
  StatusOr<SigningKey> key = FromSeed(seed.bytes);
  if (key.ok() && claimed_line != 0 && claimed_public != key->PublicKey()) {
    return Status::InvalidArgument(std::string(name) + ":" + std::to_string(claimed_line) +
                                   ": the \"# public key:\" comment does not match the key in the file");
  }
  return key;
}

StatusOr<SigningKey> SigningKey::Load(const std::string& path, const std::string& matter_dir) {
  if (!matter_dir.empty() && PathIsInside(path, matter_dir)) return InsideMatter(path, matter_dir);
  DisableCoreDumps();  // before the key is read, as LoadIdentities does
  std::string contents;
  Status read = ReadSecretFile(path, "signing key file", kMaxKeyFileSize, /*regular_only=*/true, &contents);
  StatusOr<SigningKey> key = read.ok() ? Parse(contents, path) : StatusOr<SigningKey>(read);
  sodium_memzero(contents.data(), contents.size());
  return key;
}

Status SigningKey::Save(const std::string& path, const std::string& matter_dir) const {
  if (!matter_dir.empty() && PathIsInside(path, matter_dir)) return InsideMatter(path, matter_dir);
  std::string text;
  text.reserve(256);
  text.append(CreatedLine());
  text.append(kPublicComment).append(" ").append(PublicKey()).append("\n");
  text.append(kKeyPrefix).append(" ");
  const size_t hex_at = text.size();
  text.resize(hex_at + 2 * kSeedSize + 1);
  sodium_bin2hex(text.data() + hex_at, 2 * kSeedSize + 1, state_->seed, kSeedSize);
  text.back() = '\n';  // replaces sodium_bin2hex's terminating NUL
  Status status = WriteSecretFile(path, "signing key file", text);
  sodium_memzero(text.data(), text.size());
  return status;
}

Status SigningKey::SavePublicKey(const std::string& path) const {
  // The file is meant to be handed out: 0644 whatever the umask.
  return WriteNewKeyFile(path, "public key file", PublicKey() + "\n", 0644);
}

std::string SigningKey::PublicKey() const { return kPublicKeyPrefix + Hex(state_->pub); }

std::string SigningKey::Sign(std::string_view message) const {
  uint8_t sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const uint8_t*>(message.data()), message.size(),
                       state_->secret);
  return Hex(sig);
}

StatusOr<std::string> LoadPublicKey(const std::string& text_or_path) {
  uint8_t pub[SigningKey::kPublicKeySize];
  const std::string_view trimmed = Trim(text_or_path);
  if (trimmed.substr(0, kPrefixLen) == std::string_view(kPublicKeyPrefix, kPrefixLen)) {
    WINNOW_RETURN_IF_ERROR(ParsePublicKey(trimmed, pub));
    return kPublicKeyPrefix + Hex(pub);
  }
  std::string contents;
  WINNOW_RETURN_IF_ERROR(ReadPublicFile(text_or_path, &contents));
  if (contents.find(kKeyPrefix) != std::string::npos) {
    sodium_memzero(contents.data(), contents.size());
    return Status::InvalidArgument(text_or_path + ": this is a secret signing key file; give its public key (" +
                                   text_or_path + ".pub, or the " + std::string(kPublicKeyPrefix) + "... text)");
  }
  const std::string_view line = FirstContentLine(contents);
  if (line.empty()) {
    return Status::InvalidArgument(text_or_path + ": no public key in the file (expected a line " +
                                   std::string(kPublicKeyPrefix) + "<64 hex digits>)");
  }
  Status parsed = ParsePublicKey(line, pub);
  if (!parsed.ok()) return Status::InvalidArgument(text_or_path + ": " + parsed.message());
  return kPublicKeyPrefix + Hex(pub);
}

Status VerifySignature(std::string_view public_key, std::string_view message, std::string_view signature_hex) {
  uint8_t pub[SigningKey::kPublicKeySize];
  WINNOW_RETURN_IF_ERROR(ParsePublicKey(Trim(public_key), pub));
  uint8_t sig[SigningKey::kSignatureSize];
  if (!DecodeHex(signature_hex, sig)) {
    return Status::InvalidArgument("signature: expected 128 hex digits (64 bytes), got " +
                                   std::to_string(signature_hex.size()) + " characters");
  }
  if (crypto_sign_verify_detached(sig, reinterpret_cast<const uint8_t*>(message.data()), message.size(), pub) != 0) {
    return Status::Corruption("signature does not verify");
  }
  return Status::Ok();
}

}  // namespace winnow::produce
