#include "matter/recipients.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace winnow {
namespace {

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != prefix[i]) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  const char* kSpace = " \t\r\n\v\f";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// Quotes user text for a message, cut short so a pasted blob stays readable.
std::string Quoted(std::string_view text) {
  constexpr size_t kMax = 80;
  std::string out = "\"";
  out.append(text.substr(0, kMax));
  if (text.size() > kMax) out.append("...");
  return out + "\"";
}

}  // namespace

StatusOr<age::X25519Recipient> ParseRecipient(std::string_view text) {
  const std::string_view trimmed = Trim(text);
  // Checked before anything else so no error path ever echoes a secret.
  if (StartsWithNoCase(trimmed, "AGE-SECRET-KEY-")) {
    return Status::InvalidArgument(
        "this is a secret key (AGE-SECRET-KEY-1...), not a recipient: give its public key instead "
        "(age1..., the '# public key:' line of its identity file, or age-keygen -y FILE)");
  }
  if (trimmed.starts_with("ssh-")) {
    return Status::InvalidArgument(Quoted(trimmed) +
                                   ": SSH recipients are not supported; use an age X25519 key (age1...)");
  }
  return age::X25519Recipient::Parse(text);  // its errors quote the text
}

StatusOr<std::vector<std::string>> ReadRecipientsFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound(path + ": no such recipients file");
    return Status::IoError(path + ": " + std::strerror(err));
  }
  std::vector<std::string> out;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    const std::string_view text = Trim(line);
    if (text.empty() || text.front() == '#') continue;
    StatusOr<age::X25519Recipient> recipient = ParseRecipient(text);
    if (!recipient.ok()) {
      age::Wipe(line.data(), line.size());  // it may be a secret key
      return Status::InvalidArgument(path + ":" + std::to_string(number) + ": " +
                                     recipient.status().message());
    }
    out.emplace_back(text);
  }
  if (in.bad()) return Status::IoError(path + ": read failed");
  if (out.empty()) return Status::InvalidArgument(path + ": no recipients found");
  return out;
}

}  // namespace winnow
