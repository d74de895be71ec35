// Identity files as age-keygen writes them, and the permission check that
// keeps a world-readable key from being used silently.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "crypto/secret_file.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

constexpr size_t kMaxIdentityFileSize = 1 << 24;  // age's own limit, 16 MiB

}  // namespace

StatusOr<std::vector<X25519Identity>> ParseIdentityFile(std::string_view text, std::string_view name) {
  std::vector<X25519Identity> ids;
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    StatusOr<X25519Identity> id = X25519Identity::Parse(line);
    if (!id.ok()) {
      return Status::InvalidArgument(std::string(name) + ":" + std::to_string(line_number) + ": " +
                                     id.status().message());
    }
    ids.push_back(std::move(*id));
  }
  if (ids.empty()) return Status::InvalidArgument(std::string(name) + ": no secret keys found");
  return ids;
}

StatusOr<std::vector<X25519Identity>> ReadIdentityFile(const std::string& path) {
  std::string contents;
  Status read = ReadSecretFile(path, "identity file", kMaxIdentityFileSize, /*regular_only=*/false, &contents);
  StatusOr<std::vector<X25519Identity>> ids =
      read.ok() ? ParseIdentityFile(contents, path) : StatusOr<std::vector<X25519Identity>>(read);
  Wipe(contents.data(), contents.size());
  return ids;
}

Status WriteIdentityFile(const std::string& path, const X25519Identity& identity) {
  std::string secret = identity.ToString();
  std::string text;
  text.reserve(200);
  text.append(CreatedLine());
  text.append("# public key: ").append(identity.recipient().ToString()).append("\n");
  text.append(secret).append("\n");
  Wipe(secret.data(), secret.size());
  Status status = WriteSecretFile(path, "identity file", text);
  Wipe(text.data(), text.size());
  return status;
}

}  // namespace winnow::age
