#include "matter/keygen.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "winnow/conversation.h"

namespace winnow {

Status WriteIdentityText(int fd, const age::X25519Identity& identity, const std::string& name) {
  std::string secret = identity.ToString();
  std::string text;
  text.reserve(256);  // no reallocation may leave a copy of the secret behind
  text.append("# created: ").append(FormatRfc3339(static_cast<double>(std::time(nullptr)))).append("\n");
  text.append("# public key: ").append(identity.recipient().ToString()).append("\n");
  text.append(secret).append("\n");
  age::Wipe(secret.data(), secret.size());
  Status status;
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = Status::IoError(name + ": " + std::strerror(errno));
      break;
    }
    done += static_cast<size_t>(n);
  }
  age::Wipe(text.data(), text.size());
  return status;
}

}  // namespace winnow
