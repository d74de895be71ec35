// Pseudonym keys: generation, the key file, and HMAC tokens.
#include "pii/pseudonym.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "crypto/secret_file.h"
#include "winnow/matter.h"

namespace winnow::pii {

namespace {

constexpr std::string_view kKeyPrefix = "WINNOW-PSEUDONYM-KEY-1";
// Domain separation: a token can never equal an HMAC this key makes for
// another purpose (KeyId) or another version of the token scheme.
constexpr std::string_view kTokenLabel = "winnow/pii/pseudonym/v1";
constexpr std::string_view kKeyIdLabel = "winnow/pii/pseudonym-key-id/v1";
constexpr size_t kMaxKeyFileSize = 1 << 16;
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";


bool EnsureSodium() { return sodium_init() >= 0; }

Status InsideMatter(const std::string& path, const std::string& matter_dir) {
  return Status::PermissionDenied(path + ": pseudonym key file lies inside the matter " + matter_dir +
                                  "; keys never live in a matter (matters get copied and handed "
                                  "over): keep it elsewhere, e.g. ~/.config/winnow/");
}

// Decodes 32 key bytes from hex (64 digits) or standard base64 (with or
// without padding). Constant-time codecs, so timing says nothing of the key.
bool DecodeKey(std::string_view text, uint8_t out[PseudonymKey::kSize]) {
  size_t len = 0;
  const char* end = nullptr;
  if (text.size() == 2 * PseudonymKey::kSize) {
    if (sodium_hex2bin(out, PseudonymKey::kSize, text.data(), text.size(), nullptr, &len, &end) == 0 &&
        len == PseudonymKey::kSize && end == text.data() + text.size()) {
      return true;
    }
  }
  const int variant = !text.empty() && text.back() == '=' ? sodium_base64_VARIANT_ORIGINAL
                                                          : sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
  if (sodium_base642bin(out, PseudonymKey::kSize, text.data(), text.size(), nullptr, &len, &end, variant) == 0 &&
      len == PseudonymKey::kSize && end == text.data() + text.size()) {
    return true;
  }
  sodium_memzero(out, PseudonymKey::kSize);
  return false;
}


}  // namespace

struct PseudonymKey::State {
  uint8_t key[kSize];
  // HMAC state after the key and kTokenLabel: Token() copies it instead of
  // rehashing the key (two SHA-256 blocks) for every value.
  crypto_auth_hmacsha256_state token_state;
};

void PseudonymKey::StateDeleter::operator()(State* s) const {
  sodium_memzero(s, sizeof *s);
  delete s;
}

PseudonymKey::PseudonymKey(std::unique_ptr<State, StateDeleter> state) : state_(std::move(state)) {}
PseudonymKey::PseudonymKey(PseudonymKey&& other) noexcept = default;
PseudonymKey& PseudonymKey::operator=(PseudonymKey&& other) noexcept = default;
PseudonymKey::~PseudonymKey() = default;

StatusOr<PseudonymKey> PseudonymKey::FromBytes(std::span<const uint8_t> bytes) {
  if (bytes.size() != kSize) {
    return Status::InvalidArgument("pseudonym key must be " + std::to_string(kSize) + " bytes, not " +
                                   std::to_string(bytes.size()));
  }
  if (!EnsureSodium()) return Status::Internal("libsodium failed to initialise");
  std::unique_ptr<State, StateDeleter> s(new State);
  std::memcpy(s->key, bytes.data(), kSize);
  crypto_auth_hmacsha256_init(&s->token_state, s->key, kSize);
  crypto_auth_hmacsha256_update(&s->token_state, reinterpret_cast<const uint8_t*>(kTokenLabel.data()),
                                kTokenLabel.size());
  const uint8_t zero = 0;
  crypto_auth_hmacsha256_update(&s->token_state, &zero, 1);
  return PseudonymKey(std::move(s));
}

StatusOr<PseudonymKey> PseudonymKey::Generate() {
  if (!EnsureSodium()) return Status::Internal("libsodium failed to initialise");
  DisableCoreDumps();  // before the key exists, so no core file can hold it
  uint8_t bytes[kSize];
  randombytes_buf(bytes, kSize);
  StatusOr<PseudonymKey> key = FromBytes(bytes);
  sodium_memzero(bytes, kSize);
  return key;
}

StatusOr<PseudonymKey> PseudonymKey::Parse(std::string_view text, std::string_view name) {
  if (!EnsureSodium()) return Status::Internal("libsodium failed to initialise");
  struct WipedKey {
    uint8_t bytes[kSize] = {};
    ~WipedKey() { sodium_memzero(bytes, kSize); }
  } decoded;
  uint8_t* bytes = decoded.bytes;
  bool found = false;
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(name) + ":" + std::to_string(line_number) + ": ";
    if (line.substr(0, kKeyPrefix.size()) != kKeyPrefix) {
      return Status::InvalidArgument(where + "expected a line starting with " + std::string(kKeyPrefix));
    }
    if (found) {
      return Status::InvalidArgument(where + "more than one key in the file");
    }
    line.remove_prefix(kKeyPrefix.size());
    if (line.empty() || (line.front() != ' ' && line.front() != '\t')) {
      return Status::InvalidArgument(where + "expected a space and the key after " + std::string(kKeyPrefix));
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!DecodeKey(line, bytes)) {
      return Status::InvalidArgument(where + "the key must be 32 bytes as 64 hex digits or base64");
    }
    found = true;
  }
  if (!found) return Status::InvalidArgument(std::string(name) + ": no pseudonym key found");
  return FromBytes(std::span<const uint8_t>(bytes, kSize));
}

StatusOr<PseudonymKey> PseudonymKey::Load(const std::string& path, const std::string& matter_dir) {
  if (!matter_dir.empty() && PathIsInside(path, matter_dir)) return InsideMatter(path, matter_dir);
  DisableCoreDumps();  // before the key is read, as LoadIdentities does
  std::string contents;
  Status read = ReadSecretFile(path, "pseudonym key file", kMaxKeyFileSize, /*regular_only=*/true, &contents);
  StatusOr<PseudonymKey> key = read.ok() ? Parse(contents, path) : StatusOr<PseudonymKey>(read);
  sodium_memzero(contents.data(), contents.size());
  return key;
}

Status PseudonymKey::Save(const std::string& path, const std::string& matter_dir) const {
  if (!matter_dir.empty() && PathIsInside(path, matter_dir)) return InsideMatter(path, matter_dir);
  char hex[2 * kSize + 1];
  sodium_bin2hex(hex, sizeof hex, state_->key, kSize);
  std::string text;
  text.reserve(400);
  text.append("# winnow pseudonym key: keep it outside every matter, readable by you only (chmod 600)\n");
  text.append(CreatedLine());
  text.append("# key id: ").append(KeyId()).append("\n");
  text.append(kKeyPrefix).append(" ").append(hex).append("\n");
  sodium_memzero(hex, sizeof hex);
  Status status = WriteSecretFile(path, "pseudonym key file", text);
  sodium_memzero(text.data(), text.size());
  return status;
}

void PseudonymKey::Mac(std::string_view type, std::string_view normalized_value,
                       std::span<uint8_t, kMacSize> out) const {
  crypto_auth_hmacsha256_state st = state_->token_state;
  const uint8_t zero = 0;
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const uint8_t*>(type.data()), type.size());
  crypto_auth_hmacsha256_update(&st, &zero, 1);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const uint8_t*>(normalized_value.data()),
                                normalized_value.size());
  crypto_auth_hmacsha256_final(&st, out.data());
  sodium_memzero(&st, sizeof st);
}

std::string PseudonymKey::Token(std::string_view type, std::string_view normalized_value) const {
  uint8_t mac[kMacSize];
  Mac(type, normalized_value, mac);
  // The first 50 bits, big-endian, five at a time.
  uint64_t bits = 0;
  for (int i = 0; i < 7; ++i) bits = (bits << 8) | mac[i];
  bits >>= 6;
  std::string token;
  token.reserve(type.size() + 1 + kTokenChars);
  token.append(type).push_back('_');
  for (int i = static_cast<int>(kTokenChars) - 1; i >= 0; --i) token.push_back(kCrockford[(bits >> (5 * i)) & 31]);
  return token;
}

std::string PseudonymKey::MetaToken(std::string_view key, std::string_view value) const {
  const std::string type = MetaType(key);
  return Token(type, NormalizeMetaValue(type, value));
}

std::string PseudonymKey::KeyId() const {
  uint8_t mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const uint8_t*>(kKeyIdLabel.data()), kKeyIdLabel.size(),
                         state_->key);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, mac, 8);
  return hex;
}

std::string MetaType(std::string_view key) {
  std::string k;
  k.reserve(key.size());
  for (char c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ' || c == '.') c = '_';
    k.push_back(c);
  }
  const bool ends_ip = k.size() > 3 && k.compare(k.size() - 3, 3, "_ip") == 0;
  if (k == "user" || k == "user_id" || k == "userid" || k == "uid" || k == "username" || k == "user_name" ||
      k == "hashed_user" || k == "account_id" || k == "accountid") {
    return "USER";
  }
  if (k.find("email") != std::string::npos || k == "mail") return "EMAIL_ADDRESS";
  if (k == "ip" || k == "ip_address" || k == "ipaddress" || k == "ip_addr" || k == "remote_addr" ||
      k == "x_forwarded_for" || (ends_ip && k != "hashed_ip")) {
    return "IP_ADDRESS";
  }
  if (k.find("device") != std::string::npos) return "DEVICE_ID";
  if (k.find("phone") != std::string::npos) return "PHONE_NUMBER";
  std::string type;
  type.reserve(k.size());
  for (char c : k) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    type.push_back(!alnum ? '_' : (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return type.empty() ? "META" : type;
}

bool IsIdentifierMetaType(std::string_view type) {
  return type == "USER" || type == "EMAIL_ADDRESS" || type == "IP_ADDRESS" || type == "DEVICE_ID" ||
         type == "PHONE_NUMBER" || type == "HASHED_IP";
}

std::string NormalizeMetaValue(std::string_view type, std::string_view value) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!value.empty() && space(value.front())) value.remove_prefix(1);
  while (!value.empty() && space(value.back())) value.remove_suffix(1);
  std::string v(value);
  if (type == "EMAIL_ADDRESS" || type == "IP_ADDRESS") {
    for (char& c : v) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  if (type == "IP_ADDRESS") {
    unsigned char addr[16];
    char text[INET6_ADDRSTRLEN];
    if (v.find(':') != std::string::npos) {
      if (inet_pton(AF_INET6, v.c_str(), addr) == 1 && inet_ntop(AF_INET6, addr, text, sizeof text)) return text;
    } else if (inet_pton(AF_INET, v.c_str(), addr) == 1 && inet_ntop(AF_INET, addr, text, sizeof text)) {
      return text;
    }
  }
  return v;
}

}  // namespace winnow::pii
