// Ingest: reader → per-shard blocks → ShardWorkers (compress, encrypt) →
// commits. A commit seals every open segment, renames the files into place
// and appends one manifest line that also records how many records of the
// current source are done, so a rerun skips exactly what was committed.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "convert/id_set.h"
#include "util/hash.h"
#include "vault/file_util.h"
#include "vault/manifest.h"
#include "vault/worker.h"
#include "winnow/convert.h"
#include "winnow/version.h"
#include "winnow/vault.h"

namespace winnow {

bool IngestReport::all_files_ok() const {
  for (const IngestFileReport& f : files) {
    if (!f.status.ok()) return false;
  }
  return true;
}

namespace vault {
namespace {

constexpr std::string_view kIdsMagic = "WNVIDS1\n";

std::string NowRfc3339() { return FormatRfc3339(static_cast<double>(std::time(nullptr))); }

// Holds the matter's ingest lock (flock on vault/LOCK) for its lifetime.
class IngestLock {
 public:
  static StatusOr<std::unique_ptr<IngestLock>> Acquire(const std::string& vault_dir) {
    std::string path = vault_dir + "/LOCK";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return Status::AlreadyExists(path + ": another ingest is running on this matter");
    }
    return std::unique_ptr<IngestLock>(new IngestLock(fd));
  }
  ~IngestLock() { ::close(fd_); }

 private:
  explicit IngestLock(int fd) : fd_(fd) {}
  int fd_;
};

// Deletes files a crashed run left behind: anything under vault/ that no
// commit names (temporary files, segments renamed but never committed).
Status CollectGarbage(const std::string& vault_dir, const std::vector<Commit>& commits) {
  std::set<std::string> keep;
  for (const Commit& c : commits) {
    for (const SegmentRecord& s : c.segments) {
      keep.insert(s.file);
      keep.insert(s.index);
    }
    if (c.quarantine) keep.insert(c.quarantine->file);
    if (c.ids) keep.insert(c.ids->file);
  }
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(vault_dir, ec)) {
    if (!e.is_regular_file()) continue;
    std::string rel = std::filesystem::relative(e.path(), vault_dir).string();
    bool ours = rel.size() > 4 && (rel.ends_with(".age") || rel.ends_with(".tmp"));
    if (ours && !keep.count(rel)) std::filesystem::remove(e.path(), ec);
  }
  return Status::Ok();
}

class Ingester {
 public:
  Ingester(const Matter& matter, const IngestOptions& options)
      : matter_(matter), options_(options), vault_dir_(matter.Path("vault")), shards_(matter.config().shards),
        recipients_(matter.recipients()) {}

  StatusOr<IngestReport> Run(const std::vector<std::string>& paths) {
    WINNOW_RETURN_IF_ERROR(MakeDirs(vault_dir_));
    WINNOW_ASSIGN_OR_RETURN(lock_, IngestLock::Acquire(vault_dir_));
    WINNOW_ASSIGN_OR_RETURN(std::vector<Commit> commits, LoadManifest(vault_dir_, /*repair=*/true));
    WINNOW_RETURN_IF_ERROR(CollectGarbage(vault_dir_, commits));
    for (const Commit& c : commits) {
      for (const SourceState& s : c.sources) sources_[s.id] = s;
    }
    for (const Commit& c : commits) {
      if (c.ids) WINNOW_RETURN_IF_ERROR(LoadIds(*c.ids));
    }
    next_seq_ = commits.size() + 1;
    prev_hash_ = commits.empty() ? kZeroHash : commits.back().hash;
    for (int s = 0; s < shards_; ++s) WINNOW_RETURN_IF_ERROR(MakeDirs(vault_dir_ + "/" + ShardDir(s)));
    WINNOW_RETURN_IF_ERROR(MakeDirs(vault_dir_ + "/quarantine"));
    WINNOW_RETURN_IF_ERROR(MakeDirs(vault_dir_ + "/ids"));

    int threads = options_.threads > 0 ? options_.threads : static_cast<int>(std::thread::hardware_concurrency());
    int workers = std::max(1, threads - 1);
    for (int i = 0; i < workers; ++i) {
      workers_.push_back(std::make_unique<ShardWorker>(vault_dir_, std::span<const age::Recipient* const>(recipients_),
                                                       options_.zstd_level, 8));
    }
    bufs_.resize(shards_);
    for (const std::string& path : paths) {
      IngestFileReport& file = report_.files.emplace_back();
      file.path = path;
      WINNOW_RETURN_IF_ERROR(IngestOne(&file));
    }
    return std::move(report_);
  }

 private:
  static std::string ShardDir(int shard) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "shard-%03d", shard);
    return buf;
  }

  // Fails only when the vault cannot be written; input problems go to file->status.
  Status IngestOne(IngestFileReport* file) {
    if (file->path == "-") {
      file->status = Status::InvalidArgument("-: ingest reads files, not standard input (a file's hash identifies it "
                                             "so an interrupted ingest can resume)");
      return Status::Ok();
    }
    uint64_t size = 0;
    auto id = Sha256File(file->path, &size);
    if (!id.ok()) {
      file->status = id.status();
      return Status::Ok();
    }
    file->source_id = *id;
    SourceState state;
    if (auto it = sources_.find(*id); it != sources_.end()) state = it->second;
    state.id = *id;
    state.path = file->path;
    if (state.complete) {
      file->already_complete = true;
      file->format = state.format;
      file->already_present = state.records_done;
      done_bytes_ += size;
      if (options_.progress) options_.progress(done_bytes_);
      return Status::Ok();
    }
    auto opened = ChatFileReader::Open(file->path, options_.reader);
    if (!opened.ok()) {
      file->status = opened.status();
      return Status::Ok();
    }
    std::unique_ptr<ChatFileReader> reader = std::move(opened).value();
    const uint64_t skip = state.records_done;
    uint64_t last_commit_bytes = 0;
    BadRecord bad;
    for (;;) {
      auto next = reader->Next(&bad);
      if (!next.ok()) {
        file->status = next.status();
        break;
      }
      if (*next == ChatFileReader::Outcome::kEnd) break;
      ++file->records;
      if (file->records <= skip) {
        ++file->already_present;
        if (*next == ChatFileReader::Outcome::kConversation) seen_ids_.Insert(reader->conversation().id);
        continue;
      }
      if (*next == ChatFileReader::Outcome::kConversation && options_.reject_duplicate_ids &&
          IsDuplicateConversation(*reader, &seen_ids_, &bad)) {
        *next = ChatFileReader::Outcome::kBadRecord;
      }
      if (*next == ChatFileReader::Outcome::kBadRecord) {
        ++file->quarantined;
        ++state.quarantined;
        WINNOW_RETURN_IF_ERROR(Quarantine(file->path, bad));
      } else {
        ++file->stored;
        ++state.stored;
        Route(reader.get(), file, &state);
      }
      uint64_t read = reader->raw_bytes_read();
      if (read - last_commit_bytes >= options_.checkpoint_bytes) {
        state.records_done = file->records;
        state.format = ChatFormatName(reader->format());
        WINNOW_RETURN_IF_ERROR(CommitNow(state));
        last_commit_bytes = read;
      }
      if (options_.progress && (file->records & 1023) == 0) options_.progress(done_bytes_ + read);
    }
    // An input error ends the file without marking it complete: a rerun
    // retries from the last record that was read.
    state.records_done = file->records;
    state.complete = file->status.ok();
    state.format = ChatFormatName(reader->format());
    file->format = state.format;
    WINNOW_RETURN_IF_ERROR(CommitNow(state));
    done_bytes_ += size;
    if (options_.progress) options_.progress(done_bytes_);
    return Status::Ok();
  }

  // Adds the conversation-id fingerprints an earlier commit stored, so a
  // conversation is never stored twice across runs, files or crashes.
  Status LoadIds(const IdsRecord& ids) {
    std::string path = vault_dir_ + "/" + ids.file;
    WINNOW_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
    if (bytes.size() != ids.bytes || Sha256Hex(bytes) != ids.sha256) {
      return Status::Corruption(path + ": does not match the manifest (size or SHA-256)");
    }
    if (bytes.size() < kIdsMagic.size() || bytes.compare(0, kIdsMagic.size(), kIdsMagic) != 0 ||
        (bytes.size() - kIdsMagic.size()) % 8 != 0) {
      return Status::Corruption(path + ": not an ids file");
    }
    for (size_t i = kIdsMagic.size(); i < bytes.size(); i += 8) {
      uint64_t fp = 0;
      for (int b = 7; b >= 0; --b) fp = fp << 8 | static_cast<unsigned char>(bytes[i + b]);
      seen_ids_.InsertFingerprint(fp);
    }
    return Status::Ok();
  }

  StatusOr<std::optional<IdsRecord>> WriteIds(std::vector<std::pair<std::string, std::string>>* renames) {
    if (commit_ids_.empty()) return std::optional<IdsRecord>();
    std::sort(commit_ids_.begin(), commit_ids_.end());
    std::string bytes(kIdsMagic);
    for (uint64_t fp : commit_ids_) {
      for (int b = 0; b < 8; ++b) bytes.push_back(static_cast<char>(fp >> (8 * b)));
    }
    IdsRecord r;
    r.file = "ids/ids-" + std::to_string(next_seq_) + ".bin";
    r.count = commit_ids_.size();
    r.bytes = bytes.size();
    r.sha256 = Sha256Hex(bytes);
    std::string path = vault_dir_ + "/" + r.file;
    WINNOW_ASSIGN_OR_RETURN(auto sink, FileSink::Create(path + ".tmp"));
    WINNOW_RETURN_IF_ERROR(sink->Write({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}));
    WINNOW_RETURN_IF_ERROR(sink->Close());
    renames->push_back({path + ".tmp", path});
    commit_ids_.clear();
    return std::optional<IdsRecord>(r);
  }

  void Route(ChatFileReader* reader, IngestFileReport* file, SourceState* state) {
    const Conversation& conv = reader->conversation();
    commit_ids_.push_back(IdSet::Fingerprint(conv.id));
    int shard = static_cast<int>(StableHash64(conv.id) % static_cast<uint64_t>(shards_));
    ShardBuf& buf = bufs_[shard];
    for (const Entry& e : reader->entries()) {
      EntryLocation loc;
      ParseEntryKey(e.entry_id, &loc.key);
      loc.offset = static_cast<uint32_t>(buf.lines.size());
      AppendEntryJson(e, &buf.lines);
      loc.length = static_cast<uint32_t>(buf.lines.size() - loc.offset - 1);
      buf.entries.push_back(loc);
    }
    file->entries += reader->entries().size();
    state->entries += reader->entries().size();
    if (buf.lines.size() >= options_.block_bytes) Flush(shard);
  }

  void Flush(int shard) {
    ShardBuf& buf = bufs_[shard];
    if (buf.lines.empty()) return;
    ShardWorker& worker = *workers_[shard % workers_.size()];
    BlockJob job{shard, std::move(buf.lines), std::move(buf.entries)};
    buf.lines = worker.TakeBuffer();
    buf.lines.reserve(options_.block_bytes + (options_.block_bytes >> 2));
    buf.entries.clear();
    worker.Submit(next_seq_, std::move(job));
  }

  Status Quarantine(const std::string& source, const BadRecord& bad) {
    if (!quarantine_) {
      std::string rel = "quarantine/q-" + std::to_string(next_seq_) + ".age";
      WINNOW_ASSIGN_OR_RETURN(quarantine_sink_, FileSink::Create(vault_dir_ + "/" + rel + ".tmp"));
      WINNOW_ASSIGN_OR_RETURN(quarantine_, age::Encryptor::Create(recipients_, quarantine_sink_.get()));
      quarantine_rel_ = rel;
      quarantine_records_ = 0;
    }
    line_.clear();
    AppendQuarantineJson(source, bad, &line_);
    ++quarantine_records_;
    return quarantine_->Write({reinterpret_cast<const uint8_t*>(line_.data()), line_.size()});
  }

  Status CommitNow(const SourceState& state) {
    for (int s = 0; s < shards_; ++s) Flush(s);
    Commit commit;
    std::vector<std::pair<std::string, std::string>> renames;
    for (auto& w : workers_) {
      WINNOW_ASSIGN_OR_RETURN(std::vector<SealedSegment> sealed, w->Seal());
      for (SealedSegment& s : sealed) {
        commit.segments.push_back(std::move(s.record));
        renames.insert(renames.end(), s.renames.begin(), s.renames.end());
      }
    }
    std::sort(commit.segments.begin(), commit.segments.end(),
              [](const SegmentRecord& a, const SegmentRecord& b) { return a.shard < b.shard; });
    if (quarantine_) {
      WINNOW_RETURN_IF_ERROR(quarantine_->Finish());
      WINNOW_RETURN_IF_ERROR(quarantine_sink_->Close());
      QuarantineRecord q;
      q.file = quarantine_rel_;
      q.bytes = quarantine_sink_->bytes();
      q.sha256 = quarantine_sink_->HexDigest();
      q.records = quarantine_records_;
      commit.quarantine = q;
      std::string final_path = vault_dir_ + "/" + quarantine_rel_;
      renames.push_back({final_path + ".tmp", final_path});
      quarantine_.reset();
      quarantine_sink_.reset();
    }
    WINNOW_ASSIGN_OR_RETURN(commit.ids, WriteIds(&renames));
    std::set<std::string> dirs;
    for (const auto& [from, to] : renames) {
      if (::rename(from.c_str(), to.c_str()) != 0) {
        return Status::IoError(to + ": rename failed: " + std::strerror(errno));
      }
      dirs.insert(std::filesystem::path(to).parent_path().string());
    }
    for (const std::string& d : dirs) WINNOW_RETURN_IF_ERROR(FsyncDir(d));
    commit.seq = next_seq_;
    commit.time = NowRfc3339();
    commit.version = kVersion;
    commit.prev = prev_hash_;
    commit.sources.push_back(state);
    WINNOW_RETURN_IF_ERROR(AppendCommit(vault_dir_, &commit));
    sources_[state.id] = state;
    prev_hash_ = commit.hash;
    ++next_seq_;
    ++report_.commits;
    return Status::Ok();
  }

  struct ShardBuf {
    std::string lines;
    std::vector<EntryLocation> entries;
  };

  const Matter& matter_;
  const IngestOptions& options_;
  std::string vault_dir_;
  int shards_;
  std::vector<const age::Recipient*> recipients_;
  std::unique_ptr<IngestLock> lock_;
  std::map<std::string, SourceState> sources_;
  uint64_t next_seq_ = 1;
  std::string prev_hash_;
  std::vector<std::unique_ptr<ShardWorker>> workers_;
  std::vector<ShardBuf> bufs_;
  IdSet seen_ids_;
  std::vector<uint64_t> commit_ids_;  // fingerprints of the ids stored since the last commit
  std::unique_ptr<FileSink> quarantine_sink_;
  std::unique_ptr<age::Encryptor> quarantine_;
  std::string quarantine_rel_;
  uint64_t quarantine_records_ = 0;
  std::string line_;
  uint64_t done_bytes_ = 0;
  IngestReport report_;
};

}  // namespace
}  // namespace vault

StatusOr<IngestReport> Ingest(const Matter& matter, const std::vector<std::string>& paths,
                              const IngestOptions& options) {
  vault::Ingester ingester(matter, options);
  return ingester.Run(paths);
}

}  // namespace winnow
