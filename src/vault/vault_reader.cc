#include <simdjson.h>
#include <sys/stat.h>
#include <zstd.h>

#include <algorithm>
#include <map>

#include "vault/file_util.h"
#include "vault/manifest.h"
#include "vault/segment_index.h"
#include "winnow/vault.h"

namespace winnow {
namespace vault {
namespace {

using LineFn = std::function<Status(std::string_view)>;

// Calls fn for each newline-terminated line of `raw`; returns how many.
StatusOr<uint64_t> EachLine(std::string_view raw, const LineFn& fn) {
  uint64_t n = 0;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t nl = raw.find('\n', pos);
    if (nl == std::string_view::npos) nl = raw.size();
    WINNOW_RETURN_IF_ERROR(fn(raw.substr(pos, nl - pos)));
    ++n;
    pos = nl + 1;
  }
  return n;
}

class VaultReaderImpl final : public VaultReader {
 public:
  VaultReaderImpl(std::string vault_dir, std::vector<Commit> commits, std::span<const age::Identity* const> ids)
      : dir_(std::move(vault_dir)), commits_(std::move(commits)), ids_(ids.begin(), ids.end()),
        dctx_(ZSTD_createDCtx()) {}
  ~VaultReaderImpl() override { ZSTD_freeDCtx(dctx_); }

  Status ForEachEntry(const LineFn& fn) override {
    for (const Commit& c : commits_) {
      for (const SegmentRecord& s : c.segments) WINNOW_RETURN_IF_ERROR(ReadSegment(s, fn));
    }
    return Status::Ok();
  }

  Status ForEachEntryInShard(int shard, const LineFn& fn) override {
    for (const Commit& c : commits_) {
      for (const SegmentRecord& s : c.segments) {
        if (s.shard == shard) WINNOW_RETURN_IF_ERROR(ReadSegment(s, fn));
      }
    }
    return Status::Ok();
  }

  Status GetEntries(const std::vector<std::string>& ids, const LineFn& fn, std::vector<std::string>* missing) override {
    std::map<EntryKey, std::string> wanted;
    for (const std::string& id : ids) {
      EntryKey k;
      if (!ParseEntryKey(id, &k)) return Status::InvalidArgument("'" + id + "' is not an entry id (24 hex digits)");
      wanted[k] = id;
    }
    std::map<EntryKey, bool> found;
    for (const Commit& c : commits_) {
      for (const SegmentRecord& s : c.segments) {
        WINNOW_ASSIGN_OR_RETURN(SegmentIndex index, LoadIndex(s));
        std::unique_ptr<FileSource> src;
        std::unique_ptr<age::RandomAccessDecryptor> dec;
        bool verified = false;
        for (const auto& [key, id] : wanted) {
          auto [first, last] = index.Find(key);
          for (const EntryLocation* e = first; e != last; ++e) {
            if (!dec) {
              WINNOW_ASSIGN_OR_RETURN(src, FileSource::Open(Path(s.file), false));
              auto opened = age::RandomAccessDecryptor::Open(src.get(), ids_);
              if (!opened.ok()) return Status::Corruption(Path(s.file) + ": " + opened.status().message());
              dec = std::move(opened).value();
            }
            WINNOW_ASSIGN_OR_RETURN(std::string raw, ReadBlock(*dec, s, index, e->block));
            if (!verified) {
              // Chunk tags alone do not prove the file is the one committed:
              // anyone with the (public) recipients can re-encrypt a forged
              // segment. Check the whole file before handing out a line.
              uint64_t size = 0;
              WINNOW_ASSIGN_OR_RETURN(std::string digest, Sha256File(Path(s.file), &size));
              if (size != s.bytes || digest != s.sha256) return Mismatch(Path(s.file));
              verified = true;
            }
            WINNOW_RETURN_IF_ERROR(fn(std::string_view(raw).substr(e->offset, e->length)));
            found[key] = true;
          }
        }
      }
    }
    for (const auto& [key, id] : wanted) {
      if (!found.count(key)) missing->push_back(id);
    }
    return Status::Ok();
  }

  Status ForEachQuarantined(const LineFn& fn) override {
    for (const Commit& c : commits_) {
      if (!c.quarantine) continue;
      std::string path = Path(c.quarantine->file);
      WINNOW_RETURN_IF_ERROR(CheckSize(path, c.quarantine->bytes));
      WINNOW_ASSIGN_OR_RETURN(auto src, FileSource::Open(path, true));
      auto dec = age::Decryptor::Open(src.get(), ids_);
      if (!dec.ok()) return Status::Corruption(path + ": " + dec.status().message());
      std::string data, pending;
      std::vector<uint8_t> buf(age::kChunkSize);
      for (;;) {
        auto n = (*dec)->Read(buf);
        if (!n.ok()) return Status::Corruption(path + ": " + n.status().message());
        if (*n == 0) break;
        pending.append(reinterpret_cast<const char*>(buf.data()), *n);
        size_t last = pending.rfind('\n');
        if (last == std::string::npos) continue;
        WINNOW_RETURN_IF_ERROR(EachLine(std::string_view(pending).substr(0, last + 1), fn).status());
        pending.erase(0, last + 1);
      }
      if (!pending.empty()) WINNOW_RETURN_IF_ERROR(EachLine(pending, fn).status());
      WINNOW_ASSIGN_OR_RETURN(std::string digest, src->FinishHash());
      if (digest != c.quarantine->sha256) return Mismatch(path);
    }
    return Status::Ok();
  }

  Status Verify() override {
    // Beyond the hashes and MACs: every line must parse as an entry whose id
    // is a well-formed entry id.
    simdjson::ondemand::parser parser;
    std::string padded;
    uint64_t lines = 0;
    WINNOW_RETURN_IF_ERROR(ForEachEntry([&](std::string_view line) {
      ++lines;
      padded.assign(line);
      padded.append(simdjson::SIMDJSON_PADDING, ' ');
      simdjson::ondemand::document doc;
      std::string_view id;
      EntryKey key;
      if (parser.iterate(padded.data(), line.size(), padded.size()).get(doc) ||
          doc["entry_id"].get_string().get(id) || !ParseEntryKey(id, &key)) {
        return Status::Corruption("vault entry " + std::to_string(lines) + " is not a valid canonical entry");
      }
      return Status::Ok();
    }));
    WINNOW_RETURN_IF_ERROR(ForEachQuarantined([](std::string_view) { return Status::Ok(); }));
    for (const Commit& c : commits_) {
      if (!c.ids) continue;
      uint64_t size = 0;
      auto digest = Sha256File(Path(c.ids->file), &size);
      if (!digest.ok()) return Status::Corruption(Path(c.ids->file) + ": missing (named in the manifest)");
      if (size != c.ids->bytes || *digest != c.ids->sha256) return Mismatch(Path(c.ids->file));
    }
    return Status::Ok();
  }

 private:
  std::string Path(const std::string& rel) const { return dir_ + "/" + rel; }

  static Status Mismatch(const std::string& path) {
    return Status::Corruption(path + ": SHA-256 does not match the manifest (the file was replaced or altered)");
  }

  static Status CheckSize(const std::string& path, uint64_t expected) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return Status::Corruption(path + ": missing (named in the manifest)");
    if (static_cast<uint64_t>(st.st_size) != expected) {
      return Status::Corruption(path + ": is " + std::to_string(st.st_size) + " bytes, the manifest says " +
                                std::to_string(expected) + " (truncated or extended)");
    }
    return Status::Ok();
  }

  StatusOr<SegmentIndex> LoadIndex(const SegmentRecord& s) {
    std::string path = Path(s.index);
    WINNOW_RETURN_IF_ERROR(CheckSize(path, s.index_bytes));
    WINNOW_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
    if (Sha256Hex(bytes) != s.index_sha256) return Mismatch(path);
    std::vector<uint8_t> plain;
    Status st = age::DecryptBuffer({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}, ids_, &plain);
    if (!st.ok()) return Status::Corruption(path + ": " + st.message());
    WINNOW_ASSIGN_OR_RETURN(SegmentIndex index,
                            DecodeSegmentIndex({reinterpret_cast<const char*>(plain.data()), plain.size()}, path));
    if (index.entries.size() != s.entries || index.blocks.size() != s.blocks) {
      return Status::Corruption(path + ": counts differ from the manifest");
    }
    return index;
  }

  Status Decompress(std::string_view frame, const BlockInfo& b, const std::string& where, std::string* raw) {
    raw->resize(b.raw_size);
    size_t n = ZSTD_decompressDCtx(dctx_, raw->data(), raw->size(), frame.data(), frame.size());
    if (ZSTD_isError(n) || n != b.raw_size) {
      return Status::Corruption(where + ": does not decompress to the size the index gives");
    }
    return Status::Ok();
  }

  Status ReadSegment(const SegmentRecord& s, const LineFn& fn) {
    std::string path = Path(s.file);
    WINNOW_ASSIGN_OR_RETURN(SegmentIndex index, LoadIndex(s));
    WINNOW_RETURN_IF_ERROR(CheckSize(path, s.bytes));
    WINNOW_ASSIGN_OR_RETURN(auto src, FileSource::Open(path, true));
    auto opened = age::Decryptor::Open(src.get(), ids_);
    if (!opened.ok()) return Status::Corruption(path + ": header: " + opened.status().message());
    std::unique_ptr<age::Decryptor> dec = std::move(opened).value();
    std::string frame, raw;
    for (size_t i = 0; i < index.blocks.size(); ++i) {
      const BlockInfo& b = index.blocks[i];
      std::string where = path + ": block " + std::to_string(i);
      frame.resize(b.stored_size);
      size_t got = 0;
      while (got < frame.size()) {
        auto n = dec->Read({reinterpret_cast<uint8_t*>(frame.data()) + got, frame.size() - got});
        if (!n.ok()) return Status::Corruption(where + ": " + n.status().message());
        if (*n == 0) return Status::Corruption(where + ": the segment ends early");
        got += *n;
      }
      WINNOW_RETURN_IF_ERROR(Decompress(frame, b, where, &raw));
      WINNOW_ASSIGN_OR_RETURN(uint64_t lines, EachLine(raw, fn));
      if (lines != b.entries) return Status::Corruption(where + ": holds " + std::to_string(lines) +
                                                        " entries, the index says " + std::to_string(b.entries));
    }
    uint8_t extra[1];
    auto n = dec->Read(extra);
    if (!n.ok()) return Status::Corruption(path + ": after the last block: " + n.status().message());
    if (*n != 0) return Status::Corruption(path + ": data after the last block");
    WINNOW_ASSIGN_OR_RETURN(std::string digest, src->FinishHash());
    if (digest != s.sha256) return Mismatch(path);
    return Status::Ok();
  }

  StatusOr<std::string> ReadBlock(const age::RandomAccessDecryptor& dec, const SegmentRecord& s,
                                  const SegmentIndex& index, uint32_t block) {
    const BlockInfo& b = index.blocks[block];
    std::string where = Path(s.file) + ": block " + std::to_string(block);
    uint64_t first = b.offset / age::kChunkSize, last = (b.offset + b.stored_size - 1) / age::kChunkSize;
    if (b.stored_size == 0 || last >= dec.chunk_count()) return Status::Corruption(where + ": beyond the end");
    std::string frame;
    std::vector<uint8_t> chunk(age::kChunkSize);
    for (uint64_t c = first; c <= last; ++c) {
      auto n = dec.ReadChunk(c, chunk);
      if (!n.ok()) return Status::Corruption(where + ": chunk " + std::to_string(c) + ": " + n.status().message());
      uint64_t chunk_start = c * age::kChunkSize;
      uint64_t from = std::max(b.offset, chunk_start) - chunk_start;
      uint64_t to = std::min<uint64_t>(b.offset + b.stored_size, chunk_start + *n) - chunk_start;
      if (to < from) return Status::Corruption(where + ": the segment ends early");
      frame.append(reinterpret_cast<const char*>(chunk.data()) + from, to - from);
    }
    std::string raw;
    WINNOW_RETURN_IF_ERROR(Decompress(frame, b, where, &raw));
    return raw;
  }

  std::string dir_;
  std::vector<Commit> commits_;
  std::vector<const age::Identity*> ids_;
  ZSTD_DCtx* dctx_;
};

}  // namespace
}  // namespace vault

StatusOr<std::unique_ptr<VaultReader>> VaultReader::Open(const Matter& matter,
                                                         std::span<const age::Identity* const> identities) {
  std::string dir = matter.Path("vault");
  WINNOW_ASSIGN_OR_RETURN(std::vector<vault::Commit> commits, vault::LoadManifest(dir, /*repair=*/false));
  return std::unique_ptr<VaultReader>(new vault::VaultReaderImpl(dir, std::move(commits), identities));
}

StatusOr<VaultInfo> GetVaultInfo(const Matter& matter) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<vault::Commit> commits,
                          vault::LoadManifest(matter.Path("vault"), /*repair=*/false));
  VaultInfo info;
  info.commits = commits.size();
  info.entries_per_shard.assign(matter.config().shards, 0);
  std::map<std::string, size_t> source_index;
  for (const vault::Commit& c : commits) {
    for (const vault::SegmentRecord& s : c.segments) {
      ++info.segments;
      info.entries += s.entries;
      info.blocks += s.blocks;
      info.stored_bytes += s.bytes + s.index_bytes;
      info.raw_bytes += s.raw_bytes;
      if (s.shard >= 0 && s.shard < static_cast<int>(info.entries_per_shard.size())) {
        info.entries_per_shard[s.shard] += s.entries;
      }
    }
    if (c.quarantine) {
      info.quarantined += c.quarantine->records;
      info.stored_bytes += c.quarantine->bytes;
    }
    for (const vault::SourceState& s : c.sources) {
      VaultInfo::Source src{s.path, s.id, s.format, s.records_done, s.stored, s.quarantined, s.entries, s.complete};
      auto it = source_index.find(s.id);
      if (it == source_index.end()) {
        source_index[s.id] = info.sources.size();
        info.sources.push_back(src);
      } else {
        info.sources[it->second] = src;
      }
    }
  }
  return info;
}

}  // namespace winnow
