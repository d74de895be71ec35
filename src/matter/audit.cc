// The matter's audit log (docs/audit.md): writing records, checking the
// chain, and the anchor file audit.head.
#include "winnow/audit.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <simdjson.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <functional>
#include <memory>
#include <vector>

#include "io/durable.h"
#include "util/hex.h"
#include "util/json_writer.h"
#include "util/sha256.h"
#include "winnow/conversation.h"
#include "winnow/version.h"

namespace winnow {
namespace {

constexpr char kLogName[] = "audit.log";
constexpr char kHeadName[] = "audit.head";
constexpr std::string_view kHashKey = ",\"hash\":\"";
constexpr size_t kHexLen = 64;
std::string ZeroHash() { return std::string(kHexLen, '0'); }

std::string ErrnoText() { return std::strerror(errno); }

std::string Sha256Hex(std::string_view bytes) {
  uint8_t d[kSha256Bytes];
  Sha256Digest(bytes, d);
  return LowerHex(d);
}

bool IsHash(std::string_view s) {
  if (s.size() != kHexLen) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Length of the valid UTF-8 sequence at s[i] (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 if it is not one.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// JsonWriter needs valid UTF-8, and so does the reader that checks the log:
// a path with stray bytes must not make the log unverifiable.
std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

constexpr std::string_view kKeyMarkers[] = {"AGE-SECRET-KEY-", "AGE-PLUGIN-", "WINNOW-PSEUDONYM-KEY-",
                                            "WINNOW-SIGNING-KEY-"};
constexpr std::string_view kRemoved = "[secret removed]";

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// Length of the key marker starting at text[i], or 0.
size_t MarkerAt(std::string_view text, size_t i) {
  for (std::string_view m : kKeyMarkers) {
    if (text.size() - i < m.size()) continue;
    bool same = true;
    for (size_t k = 0; k < m.size() && same; ++k) same = Upper(text[i + k]) == m[k];
    if (same) return m.size();
  }
  return 0;
}

// Characters of Bech32, hex and base64 key bodies.
bool IsKeyChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '/' ||
         c == '=' || c == '-' || c == '_';
}

// The record's strings, as written: no key material, valid UTF-8.
std::string Clean(std::string_view s) { return ValidUtf8(RemoveKeyMaterial(s)); }

void WriteFiles(JsonWriter& w, const std::vector<AuditFile>& files) {
  w.BeginArray();
  for (const AuditFile& f : files) {
    w.BeginObject();
    w.Key("path"); w.String(Clean(f.path));
    w.Key("sha256"); w.String(Clean(f.sha256));
    w.Key("bytes"); w.Uint(f.bytes);
    w.EndObject();
  }
  w.EndArray();
}

// The record's line (with its newline); sets *hash.
std::string SerializeRecord(const AuditRecord& r, uint64_t seq, const std::string& time, const std::string& prev,
                            std::string* hash) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("seq"); w.Uint(seq);
  w.Key("time"); w.String(time);
  w.Key("winnow"); w.String(kVersion);
  w.Key("verb"); w.String(Clean(r.verb));
  w.Key("args");
  w.BeginArray();
  for (const std::string& a : r.args) w.String(Clean(a));
  w.EndArray();
  w.Key("inputs"); WriteFiles(w, r.inputs);
  w.Key("outputs"); WriteFiles(w, r.outputs);
  w.Key("counts");
  w.BeginObject();
  for (const auto& [name, n] : r.counts) {
    w.Key(Clean(name));
    w.Uint(n);
  }
  w.EndObject();
  w.Key("result"); w.String(Clean(r.result));
  w.Key("prev"); w.String(prev);
  // The hash covers the line up to here; "hash" is always the last member.
  *hash = Sha256Hex(out);
  out.append(kHashKey);
  out += *hash + "\"}\n";
  return out;
}

std::string HeadText(uint64_t seq, const std::string& hash) {
  return "{\"seq\":" + std::to_string(seq) + ",\"hash\":\"" + hash + "\"}\n";
}

Status CheckFiles(simdjson::dom::element doc, const char* member, const std::function<Status(std::string)>& bad) {
  simdjson::dom::array files;
  if (doc[member].get_array().get(files)) return bad(std::string("\"") + member + "\" is missing or not an array");
  for (simdjson::dom::element f : files) {
    std::string_view s;
    uint64_t n;
    if (f["path"].get_string().get(s) || f["sha256"].get_string().get(s) || f["bytes"].get_uint64().get(n)) {
      return bad(std::string("an element of \"") + member + "\" lacks a string path and sha256 or a number bytes");
    }
  }
  return Status::Ok();
}

// Checks one complete line (without its newline): its hash, its members,
// that it is record `line_no`, and that it follows `prev`. Sets *hash.
Status CheckRecord(simdjson::dom::parser& parser, std::string_view line, uint64_t line_no, const std::string& prev,
                   const std::string& where, std::string* hash) {
  if (line.empty()) return Status::Corruption(where + ": empty line");
  simdjson::padded_string padded(line);
  simdjson::dom::element doc;
  if (parser.parse(padded).get(doc) || !doc.is_object()) return Status::Corruption(where + ": not a JSON object");
  uint64_t seq = 0;
  if (doc["seq"].get_uint64().get(seq)) return Status::Corruption(where + ": \"seq\" is missing or not a number");
  const std::string record = where + ": record " + std::to_string(seq);
  auto bad = [&](const std::string& what) { return Status::Corruption(record + ": " + what); };

  const size_t h = line.size() >= kHashKey.size() + kHexLen + 2 ? line.size() - kHashKey.size() - kHexLen - 2 : 0;
  if (line.size() < kHashKey.size() + kHexLen + 2 || line.substr(h, kHashKey.size()) != kHashKey ||
      line.substr(line.size() - 2) != "\"}" || !IsHash(line.substr(h + kHashKey.size(), kHexLen))) {
    return bad("does not end with its \"hash\" member");
  }
  *hash = std::string(line.substr(h + kHashKey.size(), kHexLen));
  if (Sha256Hex(line.substr(0, h)) != *hash) return bad("does not match its hash (edited)");

  std::string_view s;
  if (doc["time"].get_string().get(s)) return bad("\"time\" is missing or not a string");
  if (doc["winnow"].get_string().get(s)) return bad("\"winnow\" is missing or not a string");
  if (doc["verb"].get_string().get(s) || s.empty()) return bad("\"verb\" is missing or empty");
  simdjson::dom::array args;
  if (doc["args"].get_array().get(args)) return bad("\"args\" is missing or not an array");
  for (simdjson::dom::element a : args) {
    if (!a.is_string()) return bad("an element of \"args\" is not a string");
  }
  WINNOW_RETURN_IF_ERROR(CheckFiles(doc, "inputs", bad));
  WINNOW_RETURN_IF_ERROR(CheckFiles(doc, "outputs", bad));
  simdjson::dom::object counts;
  if (doc["counts"].get_object().get(counts)) return bad("\"counts\" is missing or not an object");
  for (auto field : counts) {
    if (!field.value.is_uint64()) return bad("count \"" + std::string(field.key) + "\" is not a number");
  }
  if (doc["result"].get_string().get(s)) return bad("\"result\" is missing or not a string");
  std::string_view claimed_prev;
  if (doc["prev"].get_string().get(claimed_prev) || !IsHash(claimed_prev)) {
    return bad("\"prev\" is missing or not 64 hex digits");
  }
  if (seq != line_no) {
    return Status::Corruption(where + ": record " + std::to_string(seq) + " where record " + std::to_string(line_no) +
                              " belongs (a record was removed, inserted or reordered)");
  }
  if (claimed_prev != prev) {
    return bad(seq == 1 ? "prev is not 64 zeros, as the first record's must be"
                        : "prev does not match record " + std::to_string(seq - 1) + "'s hash");
  }
  return Status::Ok();
}

// audit.head: {"seq":N,"hash":"..."} with N >= 1.
Status ParseHead(const std::string& text, const std::string& head_name, uint64_t* seq, std::string* hash) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element head;
  std::string_view h;
  if (parser.parse(padded).get(head) || head["seq"].get_uint64().get(*seq) || head["hash"].get_string().get(h) ||
      !IsHash(h)) {
    return Status::Corruption(head_name + ": not {\"seq\":N,\"hash\":\"<64 hex digits>\"}");
  }
  // audit.head is first written with record 1: naming record 0 is forged.
  if (*seq == 0) return Status::Corruption(head_name + ": names record 0, which never exists");
  *hash = std::string(h);
  return Status::Ok();
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { if (fd_ >= 0) ::close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Status Lock(int fd, int how, const std::string& path) {
  while (::flock(fd, how) != 0) {
    if (errno != EINTR) return Status::IoError(path + ": cannot lock: " + ErrnoText());
  }
  return Status::Ok();
}

StatusOr<std::string> ReadFd(int fd, const std::string& path) {
  std::string text;
  char buf[1 << 16];
  for (off_t off = 0;;) {
    ssize_t n = ::pread(fd, buf, sizeof buf, off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path + ": cannot read: " + ErrnoText());
    }
    if (n == 0) return text;
    text.append(buf, static_cast<size_t>(n));
    off += n;
  }
}

// The file's bytes, or nullopt if it does not exist.
StatusOr<std::optional<std::string>> ReadIfExists(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return Status::IoError(path + ": cannot open: " + ErrnoText());
  }
  Fd closer(fd);
  WINNOW_ASSIGN_OR_RETURN(std::string text, ReadFd(fd, path));
  return std::optional<std::string>(std::move(text));
}

std::string NowRfc3339() { return FormatRfc3339(static_cast<double>(std::time(nullptr))); }

}  // namespace

bool HoldsKeyMaterial(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (MarkerAt(text, i)) return true;
  }
  return false;
}

std::string RemoveKeyMaterial(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t m = MarkerAt(text, i);
    if (m == 0) {
      out.push_back(text[i++]);
      continue;
    }
    size_t end = i + m;
    while (end < text.size() && IsKeyChar(text[end])) ++end;
    // "WINNOW-PSEUDONYM-KEY-1 <64 hex>": the body follows after blanks.
    size_t body = end;
    while (body < text.size() && (text[body] == ' ' || text[body] == '\t')) ++body;
    size_t body_end = body;
    while (body_end < text.size() && IsKeyChar(text[body_end])) ++body_end;
    if (body > end && body_end - body >= 16) end = body_end;
    out.append(kRemoved);
    i = end;
  }
  return out;
}

StatusOr<AuditVerifyReport> CheckAuditLog(std::string_view log, const std::optional<std::string>& head,
                                          const std::string& log_name, const std::string& head_name) {
  uint64_t head_seq = 0;
  std::string head_hash;
  if (head) WINNOW_RETURN_IF_ERROR(ParseHead(*head, head_name, &head_seq, &head_hash));

  AuditVerifyReport report;
  report.head_hash = ZeroHash();
  std::vector<std::string> hashes;  // hashes[i]: record i+1
  simdjson::dom::parser parser;
  size_t pos = 0;
  while (pos < log.size()) {
    const uint64_t line_no = report.records + 1;
    const std::string where = log_name + ":" + std::to_string(line_no);
    const size_t nl = log.find('\n', pos);
    if (nl == std::string_view::npos) {
      // An unterminated line is an append cut short by a crash only if no
      // anchor names it; otherwise a record was cut.
      if (line_no <= head_seq) {
        return Status::Corruption(where + ": record " + std::to_string(line_no) + " is truncated (no end of line)");
      }
      report.torn_tail = true;
      break;
    }
    std::string hash;
    WINNOW_RETURN_IF_ERROR(CheckRecord(parser, log.substr(pos, nl - pos), line_no, report.head_hash, where, &hash));
    report.head_hash = hash;
    hashes.push_back(std::move(hash));
    report.records = line_no;
    pos = nl + 1;
    report.bytes = pos;
  }

  if (report.records < head_seq) {
    return Status::Corruption(log_name + ": has " + std::to_string(report.records) + " records but " + head_name +
                              " names record " + std::to_string(head_seq) + " (records removed from the end)");
  }
  if (head_seq > 0 && hashes[head_seq - 1] != head_hash) {
    return Status::Corruption(head_name + ": names record " + std::to_string(head_seq) + " with hash " + head_hash +
                              ", but that record's hash is " + hashes[head_seq - 1]);
  }
  if (report.records > head_seq + 1 || (report.torn_tail && report.records > head_seq)) {
    const std::string anchor = head ? head_name + " names record " + std::to_string(head_seq) : head_name + " is missing";
    return Status::Corruption(log_name + ": " + anchor + " but the log goes on past record " +
                              std::to_string(head_seq + 1) + " (only one append can be interrupted)");
  }
  report.unanchored_last = report.records == head_seq + 1;
  return report;
}

Status AppendAuditRecord(const std::string& matter_dir, const AuditRecord& record) {
  const std::string log_path = matter_dir + "/" + kLogName;
  const std::string head_path = matter_dir + "/" + kHeadName;
  int raw = ::open(log_path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (raw < 0) return Status::IoError(log_path + ": cannot open: " + ErrnoText());
  Fd fd(raw);
  WINNOW_RETURN_IF_ERROR(Lock(fd.get(), LOCK_EX, log_path));  // released by close
  WINNOW_ASSIGN_OR_RETURN(std::string text, ReadFd(fd.get(), log_path));
  WINNOW_ASSIGN_OR_RETURN(std::optional<std::string> head, ReadIfExists(head_path));
  WINNOW_ASSIGN_OR_RETURN(AuditVerifyReport state, CheckAuditLog(text, head, log_path, head_path));
  if (state.torn_tail && ::ftruncate(fd.get(), static_cast<off_t>(state.bytes)) != 0) {
    return Status::IoError(log_path + ": cannot cut the torn last line: " + ErrnoText());
  }

  std::string hash;
  const uint64_t seq = state.records + 1;
  const std::string line = SerializeRecord(record, seq, NowRfc3339(), state.head_hash, &hash);
  for (size_t done = 0; done < line.size();) {
    ssize_t w = ::write(fd.get(), line.data() + done, line.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(log_path + ": append failed: " + ErrnoText());
    }
    done += static_cast<size_t>(w);
  }
  if (::fsync(fd.get()) != 0) return Status::IoError(log_path + ": fsync failed: " + ErrnoText());
  // WriteFileAtomic fsyncs the directory too, which makes a new audit.log's
  // entry durable along with the anchor.
  return WriteFileAtomic(matter_dir, kHeadName, HeadText(seq, hash));
}

StatusOr<AuditVerifyReport> VerifyAuditLog(const std::string& matter_dir) {
  const std::string log_path = matter_dir + "/" + kLogName;
  const std::string head_path = matter_dir + "/" + kHeadName;
  int raw = ::open(log_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (raw < 0 && errno != ENOENT) return Status::IoError(log_path + ": cannot open: " + ErrnoText());
  Fd fd(raw);
  std::string text;
  if (raw >= 0) {
    // A shared lock: an append in progress finishes (log and anchor) first.
    WINNOW_RETURN_IF_ERROR(Lock(fd.get(), LOCK_SH, log_path));
    WINNOW_ASSIGN_OR_RETURN(text, ReadFd(fd.get(), log_path));
  }
  WINNOW_ASSIGN_OR_RETURN(std::optional<std::string> head, ReadIfExists(head_path));
  if (raw < 0 && head) {
    return Status::Corruption(log_path + ": is missing but " + head_path + " names a record (the log was deleted)");
  }
  return CheckAuditLog(text, head, log_path, head_path);
}

StatusOr<std::string> Sha256File(const std::string& path) {
  WINNOW_ASSIGN_OR_RETURN(AuditFile f, AuditFileFor(path));
  return f.sha256;
}

StatusOr<AuditFile> AuditFileFor(const std::string& path, const std::string& shown) {
  int raw = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (raw < 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": cannot open: " + ErrnoText());
  }
  Fd fd(raw);
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), Sha256Md(), nullptr);
  std::vector<char> buf(1 << 20);
  AuditFile file;
  file.path = shown.empty() ? path : shown;
  for (;;) {
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path + ": cannot read: " + ErrnoText());
    }
    if (n == 0) break;
    EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<size_t>(n));
    file.bytes += static_cast<uint64_t>(n);
  }
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx.get(), d, &len);
  file.sha256 = LowerHex(std::span<const uint8_t>(d, len));
  return file;
}

}  // namespace winnow
