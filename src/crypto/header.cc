#include "crypto/header.h"

#include <algorithm>
#include <optional>

#include "crypto/base64.h"
#include "crypto/failure.h"
#include "crypto/primitives.h"

namespace winnow::age {
namespace {

constexpr size_t kColumnsPerLine = 64;
constexpr size_t kBytesPerLine = kColumnsPerLine / 4 * 3;
constexpr std::string_view kStanzaPrefix = "->";
constexpr std::string_view kMacPrefix = "---";

// A cursor over LF-terminated lines.
class LineReader {
 public:
  explicit LineReader(std::string_view bytes) : bytes_(bytes) {}

  // The next line without its LF, or nullopt if no complete line is left.
  std::optional<std::string_view> Next() {
    const size_t nl = bytes_.find('\n', pos_);
    if (nl == std::string_view::npos) return std::nullopt;
    line_start_ = pos_;
    std::string_view line = bytes_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    ++line_number_;
    return line;
  }

  size_t pos() const { return pos_; }
  size_t line_start() const { return line_start_; }
  std::string where() const { return "line " + std::to_string(line_number_) + ": "; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  int line_number_ = 0;
};

std::vector<std::string_view> SplitSpaces(std::string_view line) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t sp = line.find(' ', start);
    parts.push_back(line.substr(start, sp == std::string_view::npos ? sp : sp - start));
    if (sp == std::string_view::npos) return parts;
    start = sp + 1;
  }
}

// The spec's "arbitrary string": non-empty, printable ASCII without space.
bool IsValidString(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < 33 || c > 126) return false;
  }
  return true;
}

Status ParseStanza(std::string_view opening, LineReader* lines, Stanza* stanza) {
  const std::vector<std::string_view> parts = SplitSpaces(opening);
  if (parts[0] != kStanzaPrefix || parts.size() < 2) {
    return HeaderFailure(lines->where() + "malformed stanza opening line");
  }
  for (size_t i = 1; i < parts.size(); ++i) {
    if (!IsValidString(parts[i])) return HeaderFailure(lines->where() + "malformed stanza argument");
  }
  stanza->type = std::string(parts[1]);
  for (size_t i = 2; i < parts.size(); ++i) stanza->args.emplace_back(parts[i]);

  for (;;) {
    const std::optional<std::string_view> line = lines->Next();
    if (!line) return HeaderFailure("truncated stanza body");
    if (line->size() > kColumnsPerLine) return HeaderFailure(lines->where() + "stanza body line longer than 64 columns");
    std::optional<std::vector<uint8_t>> bytes = Base64Decode(*line);
    if (!bytes) {
      if (line->starts_with(kStanzaPrefix) || line->starts_with(kMacPrefix)) {
        return HeaderFailure(lines->where() + "stanza body did not end with a short line");
      }
      return HeaderFailure(lines->where() + "stanza body is not canonical unpadded base64");
    }
    stanza->body.insert(stanza->body.end(), bytes->begin(), bytes->end());
    if (bytes->size() < kBytesPerLine) return Status::Ok();  // a short line ends the body
  }
}

}  // namespace

StatusOr<Header> ParseHeader(std::string_view bytes) {
  LineReader lines(bytes);
  const std::optional<std::string_view> intro = lines.Next();
  if (!intro) return HeaderFailure(bytes.empty() ? "empty file" : "truncated version line");
  if (*intro != kVersionLine) {
    if (intro->starts_with("age-encryption.org/")) {
      return UnsupportedHeader("unsupported format version (only age-encryption.org/v1 is read)");
    }
    return HeaderFailure("not an age file (no age-encryption.org/v1 line)");
  }

  Header header;
  for (;;) {
    const std::optional<std::string_view> line = lines.Next();
    if (!line) return HeaderFailure("truncated header: no MAC line");
    if (line->starts_with(kMacPrefix)) {
      const std::vector<std::string_view> parts = SplitSpaces(*line);
      if (parts[0] != kMacPrefix || parts.size() != 2) return HeaderFailure(lines.where() + "malformed MAC line");
      std::optional<std::vector<uint8_t>> mac = Base64Decode(parts[1]);
      if (!mac || mac->size() != header.mac.size()) {
        return HeaderFailure(lines.where() + "MAC is not 32 bytes of canonical unpadded base64");
      }
      std::copy(mac->begin(), mac->end(), header.mac.begin());
      header.mac_input_size = lines.line_start() + kMacPrefix.size();
      header.size = lines.pos();
      return header;
    }
    if (!line->starts_with(kStanzaPrefix)) return HeaderFailure(lines.where() + "expected a stanza or the MAC line");
    Stanza& stanza = header.stanzas.emplace_back();
    WINNOW_RETURN_IF_ERROR(ParseStanza(*line, &lines, &stanza));
  }
}

StatusOr<std::string> EncodeHeaderWithoutMac(std::span<const Stanza> stanzas) {
  std::string out(kVersionLine);
  out.push_back('\n');
  for (const Stanza& stanza : stanzas) {
    if (!IsValidString(stanza.type)) return Status::InvalidArgument("age: invalid stanza type");
    out.append(kStanzaPrefix).append(" ").append(stanza.type);
    for (const std::string& arg : stanza.args) {
      if (!IsValidString(arg)) return Status::InvalidArgument("age: invalid stanza argument");
      out.append(" ").append(arg);
    }
    out.push_back('\n');
    const std::string body = Base64Encode(stanza.body);
    // Full 64-column lines, then a short (possibly empty) final line.
    size_t pos = 0;
    for (; body.size() - pos >= kColumnsPerLine; pos += kColumnsPerLine) {
      out.append(body, pos, kColumnsPerLine).push_back('\n');
    }
    out.append(body, pos).push_back('\n');
  }
  out.append(kMacPrefix);
  return out;
}

StatusOr<std::array<uint8_t, 32>> HeaderMac(const FileKey& file_key, std::string_view mac_input) {
  SecretArray<32> hmac_key;
  WINNOW_RETURN_IF_ERROR(HkdfSha256({file_key.data(), kFileKeySize}, {}, "header", {hmac_key.data(), 32}));
  std::array<uint8_t, 32> mac;
  HmacSha256({hmac_key.data(), 32},
             {reinterpret_cast<const uint8_t*>(mac_input.data()), mac_input.size()}, mac);
  return mac;
}

Status ReadHeaderBytes(Source* source, std::string* buf) {
  constexpr size_t kStep = 4096;
  size_t scanned = 0;  // no "\n---" starts before this offset
  for (;;) {
    // The header ends at the first line starting with "---": no valid stanza
    // or body line can start that way, and the MAC line has no LF inside.
    const size_t mac_line = buf->find("\n---", scanned);
    if (mac_line != std::string::npos) {
      if (buf->find('\n', mac_line + 1) != std::string::npos) return Status::Ok();
      scanned = mac_line;
    } else {
      scanned = buf->size() < 3 ? 0 : buf->size() - 3;
    }
    if (buf->size() > kMaxHeaderSize) return HeaderFailure("header is longer than 1 MiB");
    const size_t old = buf->size();
    buf->resize(old + kStep);
    StatusOr<size_t> n = source->Read({reinterpret_cast<uint8_t*>(buf->data()) + old, kStep});
    buf->resize(old + (n.ok() ? *n : 0));
    if (!n.ok()) return n.status();
    if (*n == 0) return Status::Ok();  // end of input: the parser reports what is missing
  }
}

}  // namespace winnow::age
