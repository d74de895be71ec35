#include "vault/manifest.h"

#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/json_writer.h"
#include "vault/file_util.h"

namespace winnow::vault {
namespace {

constexpr char kHashKey[] = ",\"hash\":\"";

std::string ManifestPath(const std::string& dir) { return dir + "/manifest.jsonl"; }
std::string HeadPath(const std::string& dir) { return dir + "/HEAD"; }

std::string HeadText(const Commit& c) {
  return "{\"seq\":" + std::to_string(c.seq) + ",\"hash\":\"" + c.hash + "\"}\n";
}

Status ParseCommit(std::string_view line, const std::string& where, Commit* c) {
  auto bad = [&](const std::string& what) { return Status::Corruption(where + ": " + what); };
  size_t h = line.rfind(kHashKey);
  if (h == std::string_view::npos || line.size() < h + sizeof(kHashKey) - 1 + 64 + 2) {
    return bad("no \"hash\" member");
  }
  std::string_view claimed = line.substr(h + sizeof(kHashKey) - 1, 64);
  if (Sha256Hex(line.substr(0, h)) != claimed) return bad("line does not match its hash (edited)");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::padded_string padded(line);
  if (parser.parse(padded).get(doc)) return bad("not valid JSON");
  try {
    c->seq = doc["seq"].get_uint64().value();
    c->time = std::string(doc["time"].get_string().value());
    c->version = std::string(doc["winnow"].get_string().value());
    c->prev = std::string(doc["prev"].get_string().value());
    c->hash = std::string(claimed);
    for (simdjson::dom::element s : doc["segments"].get_array()) {
      SegmentRecord r;
      r.shard = static_cast<int>(s["shard"].get_int64().value());
      r.file = std::string(s["file"].get_string().value());
      r.sha256 = std::string(s["sha256"].get_string().value());
      r.bytes = s["bytes"].get_uint64().value();
      r.index = std::string(s["index"].get_string().value());
      r.index_sha256 = std::string(s["index_sha256"].get_string().value());
      r.index_bytes = s["index_bytes"].get_uint64().value();
      r.entries = s["entries"].get_uint64().value();
      r.blocks = s["blocks"].get_uint64().value();
      r.plain_bytes = s["plain_bytes"].get_uint64().value();
      r.raw_bytes = s["raw_bytes"].get_uint64().value();
      c->segments.push_back(std::move(r));
    }
    simdjson::dom::element q = doc["quarantine"];
    if (!q.is_null()) {
      QuarantineRecord r;
      r.file = std::string(q["file"].get_string().value());
      r.sha256 = std::string(q["sha256"].get_string().value());
      r.bytes = q["bytes"].get_uint64().value();
      r.records = q["records"].get_uint64().value();
      c->quarantine = r;
    }
    simdjson::dom::element ids;
    if (doc["ids"].get(ids) == simdjson::SUCCESS && !ids.is_null()) {
      IdsRecord r;
      r.file = std::string(ids["file"].get_string().value());
      r.sha256 = std::string(ids["sha256"].get_string().value());
      r.bytes = ids["bytes"].get_uint64().value();
      r.count = ids["count"].get_uint64().value();
      c->ids = r;
    }
    for (simdjson::dom::element s : doc["sources"].get_array()) {
      SourceState r;
      r.id = std::string(s["id"].get_string().value());
      r.path = std::string(s["path"].get_string().value());
      r.format = std::string(s["format"].get_string().value());
      r.records_done = s["records_done"].get_uint64().value();
      r.stored = s["stored"].get_uint64().value();
      r.quarantined = s["quarantined"].get_uint64().value();
      r.entries = s["entries"].get_uint64().value();
      r.complete = s["complete"].get_bool().value();
      c->sources.push_back(std::move(r));
    }
  } catch (const simdjson::simdjson_error& e) {
    return bad(std::string("missing or mistyped field: ") + e.what());
  }
  return Status::Ok();
}

}  // namespace

std::string SerializeCommit(Commit* c) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("seq"); w.Uint(c->seq);
  w.Key("time"); w.String(c->time);
  w.Key("winnow"); w.String(c->version);
  w.Key("segments");
  w.BeginArray();
  for (const SegmentRecord& s : c->segments) {
    w.BeginObject();
    w.Key("shard"); w.Int(s.shard);
    w.Key("file"); w.String(s.file);
    w.Key("sha256"); w.String(s.sha256);
    w.Key("bytes"); w.Uint(s.bytes);
    w.Key("index"); w.String(s.index);
    w.Key("index_sha256"); w.String(s.index_sha256);
    w.Key("index_bytes"); w.Uint(s.index_bytes);
    w.Key("entries"); w.Uint(s.entries);
    w.Key("blocks"); w.Uint(s.blocks);
    w.Key("plain_bytes"); w.Uint(s.plain_bytes);
    w.Key("raw_bytes"); w.Uint(s.raw_bytes);
    w.EndObject();
  }
  w.EndArray();
  w.Key("quarantine");
  if (c->quarantine) {
    w.BeginObject();
    w.Key("file"); w.String(c->quarantine->file);
    w.Key("sha256"); w.String(c->quarantine->sha256);
    w.Key("bytes"); w.Uint(c->quarantine->bytes);
    w.Key("records"); w.Uint(c->quarantine->records);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("ids");
  if (c->ids) {
    w.BeginObject();
    w.Key("file"); w.String(c->ids->file);
    w.Key("sha256"); w.String(c->ids->sha256);
    w.Key("bytes"); w.Uint(c->ids->bytes);
    w.Key("count"); w.Uint(c->ids->count);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("sources");
  w.BeginArray();
  for (const SourceState& s : c->sources) {
    w.BeginObject();
    w.Key("id"); w.String(s.id);
    w.Key("path"); w.String(s.path);
    w.Key("format"); w.String(s.format);
    w.Key("records_done"); w.Uint(s.records_done);
    w.Key("stored"); w.Uint(s.stored);
    w.Key("quarantined"); w.Uint(s.quarantined);
    w.Key("entries"); w.Uint(s.entries);
    w.Key("complete"); w.Bool(s.complete);
    w.EndObject();
  }
  w.EndArray();
  w.Key("prev"); w.String(c->prev);
  // The hash covers the line up to here; "hash" is always the last member.
  c->hash = Sha256Hex(out);
  out += kHashKey + c->hash + "\"}\n";
  return out;
}

StatusOr<std::vector<Commit>> LoadManifest(const std::string& dir, bool repair) {
  std::vector<Commit> commits;
  const std::string path = ManifestPath(dir);
  auto text = ReadWholeFile(path);
  if (!text.ok() && text.status().code() != StatusCode::kNotFound) return text.status();
  std::string data = text.ok() ? *text : "";
  auto head_text = ReadWholeFile(HeadPath(dir));
  uint64_t head_seq = 0;
  std::string head_hash = kZeroHash;
  if (head_text.ok()) {
    simdjson::dom::parser parser;
    simdjson::dom::element head;
    simdjson::padded_string padded(*head_text);
    uint64_t seq;
    std::string_view hash;
    if (parser.parse(padded).get(head) || head["seq"].get_uint64().get(seq) || head["hash"].get_string().get(hash)) {
      return Status::Corruption(HeadPath(dir) + ": not valid");
    }
    // HEAD is first written by commit 1: a HEAD naming commit 0 is forged.
    if (seq == 0) return Status::Corruption(HeadPath(dir) + ": names commit 0, which never exists");
    head_seq = seq;
    head_hash = std::string(hash);
  } else if (head_text.status().code() != StatusCode::kNotFound) {
    return head_text.status();
  }
  // A missing HEAD is seq 0: a crash may come after the first append and
  // before HEAD exists; more than one commit past it is caught below.

  size_t pos = 0, line_no = 0, good_end = 0;
  std::string prev = kZeroHash;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    ++line_no;
    std::string where = path + ":" + std::to_string(line_no);
    if (nl == std::string::npos) {
      // A line without its newline: an append cut short by a crash, never committed.
      if (line_no <= head_seq) return Status::Corruption(where + ": truncated commit");
      break;
    }
    Commit c;
    WINNOW_RETURN_IF_ERROR(ParseCommit(std::string_view(data).substr(pos, nl - pos), where, &c));
    if (c.seq != line_no) return Status::Corruption(where + ": commit " + std::to_string(c.seq) + " out of order");
    if (c.prev != prev) return Status::Corruption(where + ": does not follow the previous commit (reordered or removed)");
    prev = c.hash;
    commits.push_back(std::move(c));
    pos = nl + 1;
    good_end = pos;
  }
  if (commits.size() < head_seq) {
    return Status::Corruption(path + ": has " + std::to_string(commits.size()) + " commits but HEAD names commit " +
                              std::to_string(head_seq) + " (truncated)");
  }
  if (head_seq > 0 && commits[head_seq - 1].hash != head_hash) {
    return Status::Corruption(HeadPath(dir) + ": does not match commit " + std::to_string(head_seq));
  }
  if (commits.size() > head_seq + 1) {
    return Status::Corruption(path + ": " + std::to_string(commits.size() - head_seq) + " commits past HEAD");
  }
  if (repair) {
    if (good_end < data.size()) {
      if (::truncate(path.c_str(), static_cast<off_t>(good_end)) != 0) {
        return Status::IoError(path + ": cannot cut the torn last line: " + std::strerror(errno));
      }
    }
    if (commits.size() == head_seq + 1) WINNOW_RETURN_IF_ERROR(WriteFileAtomic(dir, "HEAD", HeadText(commits.back())));
  }
  return commits;
}

Status AppendCommit(const std::string& dir, Commit* commit) {
  std::string line = SerializeCommit(commit);
  const std::string path = ManifestPath(dir);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  size_t done = 0;
  while (done < line.size()) {
    ssize_t w = ::write(fd, line.data() + done, line.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return Status::IoError(path + ": append failed: " + std::strerror(errno));
    }
    done += static_cast<size_t>(w);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    return Status::IoError(path + ": fsync failed: " + std::strerror(errno));
  }
  ::close(fd);
  WINNOW_RETURN_IF_ERROR(FsyncDir(dir));
  return WriteFileAtomic(dir, "HEAD", HeadText(*commit));
}

}  // namespace winnow::vault
