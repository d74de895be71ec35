// Produce: a scan's relevant entries (or the whole vault) into a numbered,
// de-identified, encrypted and signed production (docs/production.md).
//
// One reader thread walks the vault shard by shard, groups each
// conversation's entries, decides which documents they make and numbers
// them (so numbering depends on the vault's order only, never on threads),
// and hands batches of groups to the workers; the workers de-identify and
// write documents; the calling thread writes them out in order. Memory is a
// couple of batches plus one shard's scan verdicts.
#include <simdjson.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "io/durable.h"
#include "produce/cover_report.h"
#include "produce/documents.h"
#include "produce/layout.h"
#include "produce/output.h"
#include "produce/production_stats.h"
#include "produce/signing.h"
#include "util/json_writer.h"
#include "vault/file_util.h"
#include "winnow/audit.h"
#include "winnow/conversation.h"
#include "winnow/produce.h"
#include "winnow/vault.h"
#include "winnow/version.h"

namespace winnow {

std::string Disclosure::ToString() const {
  switch (level) {
    case DisclosureLevel::kMetadata: return "metadata";
    case DisclosureLevel::kSpan: return "span";
    case DisclosureLevel::kEntry: return "entry";
    case DisclosureLevel::kContext: return "context:" + std::to_string(context);
    case DisclosureLevel::kConversation: return "conversation";
  }
  return "";
}

StatusOr<Disclosure> ParseDisclosure(std::string_view text) {
  Disclosure d;
  if (text == "metadata") d.level = DisclosureLevel::kMetadata;
  else if (text == "span") d.level = DisclosureLevel::kSpan;
  else if (text == "entry") d.level = DisclosureLevel::kEntry;
  else if (text == "conversation") d.level = DisclosureLevel::kConversation;
  else if (text.starts_with("context:")) {
    std::string_view n = text.substr(8);
    int v = 0;
    bool ok = !n.empty() && n.size() <= 4;
    for (char c : n) {
      ok = ok && c >= '0' && c <= '9';
      v = v * 10 + (c - '0');
    }
    if (!ok || v < 1 || v > 1000) {
      return Status::InvalidArgument("level " + std::string(text) + ": context:N needs N from 1 to 1000");
    }
    d.level = DisclosureLevel::kContext;
    d.context = v;
  } else {
    return Status::InvalidArgument("unknown level '" + std::string(text) +
                                   "' (metadata, span, entry, context:N, conversation)");
  }
  return d;
}

namespace produce {
namespace {

namespace od = simdjson::ondemand;

constexpr size_t kBatchBytes = 1 << 20;

struct Batch {
  std::vector<Group> groups;
  std::vector<std::string> withheld;  // withheld-log lines
  std::map<std::string, uint64_t> withheld_by_reason;
  bool last = false;
};

// A queue of at most `capacity` batches between the reader and the writer.
class BatchQueue {
 public:
  explicit BatchQueue(size_t capacity) : capacity_(capacity) {}
  // False when the consumer has stopped.
  bool Push(Batch&& b) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return q_.size() < capacity_ || stopped_; });
    if (stopped_) return false;
    q_.push_back(std::move(b));
    cv_.notify_all();
    return true;
  }
  Batch Pop() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !q_.empty(); });
    Batch b = std::move(q_.front());
    q_.pop_front();
    cv_.notify_all();
    return b;
  }
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> q_;
  bool stopped_ = false;
};

// What the builders made of one batch, for the writing thread: per group,
// its units and which builder's text holds them; per builder, its text.
struct WriteJob {
  struct GroupOutput {
    size_t builder = 0;
    std::vector<UnitOutput> units;
  };
  std::vector<GroupOutput> outputs;  // the first `groups` are this batch's; the rest keep buffers
  size_t groups = 0;
  std::vector<std::string> texts;    // DocumentBuilder::SwapOutput
  std::vector<std::string> withheld;
  std::map<std::string, uint64_t> withheld_by_reason;

  std::string_view Text(const GroupOutput& g, TextRange r) const {
    return std::string_view(texts[g.builder]).substr(r.begin, r.size);
  }
};

// Runs `write` on each submitted job on its own thread, one job at a time:
// the builders make the next batch while the last one is hashed, encrypted
// and written. Submit waits for the job before to be written; once a job
// fails, no other job runs and Submit and Finish return its error.
class JobWriter {
 public:
  explicit JobWriter(std::function<Status(const WriteJob&)> write)
      : write_(std::move(write)), thread_([this] { Run(); }) {}
  ~JobWriter() { (void)Finish(); }

  Status Submit(const WriteJob* job) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return pending_ == nullptr; });
    if (!status_.ok()) return status_;
    pending_ = job;
    cv_.notify_all();
    return Status::Ok();
  }
  // Waits for the last job and ends the thread.
  Status Finish() {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return pending_ == nullptr; });
      done_ = true;
      cv_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    return status_;
  }

 private:
  void Run() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return pending_ != nullptr || done_; });
      if (pending_ == nullptr) return;
      const WriteJob* job = pending_;
      if (status_.ok()) {
        lock.unlock();
        Status s = write_(*job);
        lock.lock();
        status_ = s;
      }
      pending_ = nullptr;
      cv_.notify_all();
    }
  }

  std::function<Status(const WriteJob&)> write_;
  std::mutex mu_;
  std::condition_variable cv_;
  const WriteJob* pending_ = nullptr;  // being written, or waiting to be
  bool done_ = false;
  Status status_;
  std::thread thread_;  // last: it starts once the members above exist
};

// The previous production of the matter and its last Bates number.
struct Previous {
  std::string id;
  uint64_t last_number = 0;
};

StatusOr<Previous> FindPrevious(const Matter& matter) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> ids, ListProductions(matter));
  Previous prev;
  for (const std::string& id : ids) {
    const std::string path = matter.Path(std::string(kProductionsDir) + "/" + id + "/" + kManifest);
    WINNOW_ASSIGN_OR_RETURN(std::string text, vault::ReadWholeFile(path));
    simdjson::padded_string json(text);
    od::parser parser;
    od::document doc;
    uint64_t last = 0, count = 0;
    if (parser.iterate(json).get(doc) || doc["bates"]["count"].get_uint64().get(count)) {
      return Status::Corruption(path + ": bates.count: expected a count");
    }
    if (count > 0 && doc["bates"]["last_number"].get_uint64().get(last)) {
      return Status::Corruption(path + ": bates.last_number: expected a number");
    }
    if (count > 0 && last > prev.last_number) prev.last_number = last;
    prev.id = id;
  }
  return prev;
}

// The ids at the start of a canonical entry line as winnow writes it
// ({"entry_id":"...","conversation_id":"...",...}), without parsing the
// rest: the reader sees every entry of the vault and needs only these.
// False when the line does not start so or an id holds an escape (the
// caller then parses the line).
bool CanonicalIds(std::string_view line, std::string_view* entry_id, std::string_view* conversation_id) {
  auto take = [&](std::string_view key, std::string_view* out) {
    if (!line.starts_with(key)) return false;
    line.remove_prefix(key.size());
    const size_t end = line.find('"');
    if (end == std::string_view::npos || line.substr(0, end).find('\\') != std::string_view::npos) return false;
    *out = line.substr(0, end);
    line.remove_prefix(end + 1);
    return true;
  };
  return take("{\"entry_id\":\"", entry_id) && take(",\"conversation_id\":\"", conversation_id);
}

// What the reader thread needs and keeps.
class Reader {
 public:
  Reader(const Matter& matter, std::span<const age::Identity* const> identities, const ProduceOptions& options,
         const ScanInfo* scan, const pii::PseudonymKey& key, uint64_t first_number, BatchQueue* queue)
      : matter_(matter), identities_(identities), options_(options), scan_(scan), key_(key),
        next_number_(first_number), queue_(queue),
        rules_(options.rules.begin(), options.rules.end()) {}

  Status Run();
  std::atomic<uint64_t> entries_read{0};
  uint64_t next_number() const { return next_number_; }

 private:
  Status Flush();
  Status MaybePush(bool last);
  void Withhold(const Hit& hit, std::string_view entry_id, std::string_view reason, std::string_view duplicate_of);
  bool NeedsNeighbours() const {
    const DisclosureLevel l = options_.disclosure.level;
    return l == DisclosureLevel::kContext || l == DisclosureLevel::kConversation;
  }

  const Matter& matter_;
  std::span<const age::Identity* const> identities_;
  const ProduceOptions& options_;
  const ScanInfo* scan_;
  const pii::PseudonymKey& key_;
  uint64_t next_number_;
  BatchQueue* queue_;
  std::unordered_set<std::string> rules_;
  std::unordered_map<std::string, std::string> produced_dups_;  // dup_key -> Bates number
  HitMap hits_;
  std::vector<std::string> order_;
  Group group_;
  std::string conversation_;
  Batch batch_;
  size_t batch_bytes_ = 0;
};

void Reader::Withhold(const Hit& hit, std::string_view entry_id, std::string_view reason,
                      std::string_view duplicate_of) {
  std::string line;
  JsonWriter w(&line);
  w.BeginObject();
  w.Key("entry"); w.String(key_.MetaToken("entry_id", entry_id));
  w.Key("conversation"); w.String(key_.MetaToken("conversation_id", hit.conversation_id));
  w.Key("turn"); w.Int(hit.turn);
  w.Key("rules");
  w.BeginArray();
  for (const std::string& r : hit.rules) w.String(r);
  w.EndArray();
  w.Key("reason"); w.String(reason);
  if (!duplicate_of.empty()) { w.Key("duplicate_of"); w.String(duplicate_of); }
  w.EndObject();
  line.push_back('\n');
  batch_.withheld.push_back(std::move(line));
  ++batch_.withheld_by_reason[std::string(reason)];
}

Status Reader::Flush() {
  if (group_.entries.empty()) return Status::Ok();
  const DisclosureLevel level = options_.disclosure.level;
  const uint32_t n = static_cast<uint32_t>(group_.entries.size());
  std::vector<uint32_t> bases;
  for (uint32_t i = 0; i < n; ++i) {
    std::optional<Hit>& hit = group_.entries[i].hit;
    if (hit && !rules_.empty()) {
      bool selected = false;
      for (const std::string& r : hit->rules) selected = selected || rules_.count(r) > 0;
      if (!selected) {
        Withhold(*hit, group_.entries[i].entry_id, "rule not selected", "");
        hit.reset();
      }
    }
    if (options_.all || hit) bases.push_back(i);
  }
  auto next = [&] { return BatesNumber(options_.prefix, next_number_++, options_.digits); };
  if (level == DisclosureLevel::kConversation) {
    if (!bases.empty()) group_.units.push_back({next(), bases.front(), 0, n - 1});
  } else {
    const uint32_t c = level == DisclosureLevel::kContext ? static_cast<uint32_t>(options_.disclosure.context) : 0;
    for (uint32_t b : bases) {
      const std::optional<Hit>& hit = group_.entries[b].hit;
      if (hit && options_.deduplicate && !options_.all) {
        auto [it, fresh] = produced_dups_.try_emplace(hit->dup_key);
        if (!fresh) {
          Withhold(*hit, group_.entries[b].entry_id, "duplicate", it->second);
          continue;
        }
        it->second = BatesNumber(options_.prefix, next_number_, options_.digits);
      }
      group_.units.push_back({next(), b, b > c ? b - c : 0, std::min(n - 1, b + c)});
    }
  }
  if (!group_.units.empty()) {
    for (const GroupEntry& e : group_.entries) batch_bytes_ += e.line.size();
    batch_.groups.push_back(std::move(group_));
  }
  group_ = Group();
  return MaybePush(false);
}

Status Reader::MaybePush(bool last) {
  if (!last && batch_bytes_ < kBatchBytes && batch_.withheld.size() < 65536) return Status::Ok();
  batch_.last = last;
  if (!queue_->Push(std::move(batch_))) return Status::Internal("the writer stopped");
  batch_ = Batch();
  batch_bytes_ = 0;
  return Status::Ok();
}

Status Reader::Run() {
  WINNOW_ASSIGN_OR_RETURN(auto reader, VaultReader::Open(matter_, identities_));
  od::parser parser;
  std::string padded;
  const int shards = matter_.config().shards;
  for (int shard = 0; shard < shards; ++shard) {
    if (scan_ != nullptr) {
      WINNOW_RETURN_IF_ERROR(LoadShardHits(matter_, *scan_, shard, identities_, &hits_, &order_));
    }
    if (!options_.all && hits_.empty()) continue;
    conversation_.clear();
    uint64_t line_no = 0;
    WINNOW_RETURN_IF_ERROR(reader->ForEachEntryInShard(shard, [&](std::string_view line) -> Status {
      ++line_no;
      entries_read.fetch_add(1, std::memory_order_relaxed);
      std::string_view entry_id, conversation_id;
      if (!CanonicalIds(line, &entry_id, &conversation_id)) {
        padded.reserve(line.size() + simdjson::SIMDJSON_PADDING);
        padded.assign(line);
        od::document doc;
        if (parser.iterate(padded).get(doc) || doc["entry_id"].get_string().get(entry_id) ||
            doc["conversation_id"].get_string().get(conversation_id)) {
          return Status::Corruption(fmt::format("vault shard {}: entry {}: no entry_id or conversation_id", shard,
                                                line_no));
        }
      }
      if (conversation_id != conversation_) {
        WINNOW_RETURN_IF_ERROR(Flush());
        conversation_.assign(conversation_id);
      }
      std::optional<Hit> hit;
      if (!hits_.empty()) {
        auto it = hits_.find(entry_id);
        if (it != hits_.end() && !it->second.seen) {
          // Seen once: only the unseen ones are read again (withheld as
          // not in the vault), so this one's members move to the batch.
          it->second.seen = true;
          hit = std::move(it->second);
        }
      }
      if (options_.all || hit || NeedsNeighbours()) group_.entries.push_back({std::string(entry_id), PaddedLine(line), std::move(hit)});
      return Status::Ok();
    }));
    WINNOW_RETURN_IF_ERROR(Flush());
    for (const std::string& id : order_) {
      const Hit& hit = hits_.at(id);
      if (!hit.seen) Withhold(hit, id, "not in the vault", "");
    }
  }
  return MaybePush(true);
}

// Writes the signature file: every member but the signature, then the
// signature over "winnow-production-signature-v1\n" and those bytes.
StatusOr<std::string> SignatureJson(const std::string& id, const SigningKey& key, const std::string& manifest,
                                    const std::vector<WrittenFile>& files, const std::string& audit_head) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("format"); w.String("winnow-production-signature");
  w.Key("format_version"); w.Int(1);
  w.Key("production"); w.String(id);
  w.Key("signer"); w.String(key.PublicKey());
  w.Key("signed_at"); w.String(FormatRfc3339(static_cast<double>(std::time(nullptr))));
  w.Key("audit_head");
  if (audit_head.empty()) w.Null(); else w.String(audit_head);
  w.Key("manifest");
  w.BeginObject();
  w.Key("file"); w.String(kManifest);
  w.Key("sha256"); w.String(vault::Sha256Hex(manifest));
  w.Key("bytes"); w.Uint(manifest.size());
  w.EndObject();
  w.Key("encrypted_files");
  w.BeginArray();
  for (const WrittenFile& f : files) {
    if (!f.encrypted) continue;
    w.BeginObject();
    w.Key("file"); w.String(f.name);
    w.Key("sha256"); w.String(f.file_sha256);
    w.Key("bytes"); w.Uint(f.file_bytes);
    w.EndObject();
  }
  w.EndArray();
  const std::string signature = key.Sign(std::string(kSignatureDomain) + out);
  w.Key("signature"); w.String(signature);
  w.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace
}  // namespace produce

StatusOr<ProductionSummary> Produce(const Matter& matter, std::span<const age::Identity* const> identities,
                                    const ProduceOptions& options) {
  using namespace produce;
  // Options first: nothing is read or written for a bad command.
  if (options.recipients.empty()) {
    return Status::InvalidArgument("give the recipient's public key with --to age1... (the production is encrypted to it)");
  }
  std::vector<age::X25519Recipient> parsed;
  for (const std::string& r : options.recipients) {
    auto rec = age::X25519Recipient::Parse(r);
    if (!rec.ok()) return Status::InvalidArgument("--to " + r + ": " + rec.status().message());
    parsed.push_back(*rec);
  }
  std::vector<const age::Recipient*> recipients;
  for (const auto& r : parsed) recipients.push_back(&r);
  if (options.prefix.empty()) return Status::InvalidArgument("give a Bates prefix with --prefix (e.g. OAI-NYT-)");
  for (char c : options.prefix) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '/') {
      return Status::InvalidArgument("--prefix: use letters, digits and punctuation (no control characters, quotes, "
                                     "backslashes or slashes)");
    }
  }
  if (options.digits < 4 || options.digits > 12) return Status::InvalidArgument("--digits must be from 4 to 12");
  if (options.signing_key_path.empty()) {
    return Status::InvalidArgument("give the producer's signing key with --signing-key (winnow keygen --signing)");
  }
  if (options.pii.key_path.empty()) {
    return Status::InvalidArgument("give the pseudonym key with --key (winnow keygen --pseudonym): a production is "
                                   "always de-identified, with consistent pseudonyms");
  }
  if (options.all && options.disclosure.level == DisclosureLevel::kSpan) {
    return Status::InvalidArgument("--all produces whole entries: the span level needs a scan's relevant set "
                                   "(use entry, context:N or conversation with --all)");
  }
  if (options.all && !options.rules.empty()) {
    return Status::InvalidArgument("--rule selects among a scan's relevant entries; --all produces every entry");
  }
  WINNOW_ASSIGN_OR_RETURN(SigningKey signing, SigningKey::Load(options.signing_key_path, matter.path()));
  PiiFilterOptions pii_options = options.pii;
  pii_options.matter_dir = matter.path();
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<pii::Deidentifier> deid, pii::Deidentifier::Create(pii_options));
  if (deid->KeepsAType()) {
    return Status::InvalidArgument("de-identification cannot be turned off for a production: the settings use the "
                                   "keep operator (choose pseudonym, surrogate, placeholder, mask or remove)");
  }
  // The scan: required unless --all, where it only adds reasons (the
  // latest one if there is any, unless one is named).
  std::optional<ScanInfo> scan;
  const std::string scan_id = options.scan_id.empty() ? "latest" : options.scan_id;
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> scans, ListScans(matter));
  if (!options.all || scan_id != "latest" || !scans.empty()) {
    WINNOW_ASSIGN_OR_RETURN(ScanInfo s, OpenScan(matter, scan_id));
    scan.emplace(std::move(s));
  }
  std::string audit_head;
  if (auto audit = VerifyAuditLog(matter.path()); audit.ok()) {
    audit_head = audit->head_hash;
  } else if (audit.status().code() != StatusCode::kNotFound) {
    return audit.status().Prefixed("the matter's audit log does not verify, so no production is made");
  }

  // The folder.
  const std::string root = matter.Path(kProductionsDir);
  WINNOW_RETURN_IF_ERROR(vault::MakeDirs(root));
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> existing, ListProductions(matter));
  WINNOW_ASSIGN_OR_RETURN(Previous previous, FindPrevious(matter));
  ProductionSummary summary;
  summary.production_id = NextProductionId(existing);
  summary.dir = root + "/" + summary.production_id;
  for (const std::string& stale : ListPartialProductions(root)) vault::RemoveTree(root + "/" + stale);
  const std::string partial = root + "/" + PartialProductionName(summary.production_id);
  WINNOW_RETURN_IF_ERROR(vault::MakeDirs(partial));
  auto fail = [&](Status s) {
    vault::RemoveTree(partial);
    return s;
  };

  const std::span<const age::Recipient* const> none;
  std::unique_ptr<HashedOutput> docs, dat, redactions, withheld, hashes;
  auto create = [&]() -> Status {
    WINNOW_ASSIGN_OR_RETURN(docs, HashedOutput::Create(partial, kDocumentsFile, recipients));
    WINNOW_ASSIGN_OR_RETURN(dat, HashedOutput::Create(partial, kLoadFile, recipients));
    WINNOW_ASSIGN_OR_RETURN(redactions, HashedOutput::Create(partial, kRedactionLog, recipients));
    WINNOW_ASSIGN_OR_RETURN(withheld, HashedOutput::Create(partial, kWithheldLog, recipients));
    WINNOW_ASSIGN_OR_RETURN(hashes, HashedOutput::Create(partial, kDocumentHashes, none));
    std::string header;
    DatWriter(LoadFileFields()).AppendHeader(&header);
    return dat->Write(header);
  };
  if (Status s = create(); !s.ok()) return fail(s);

  const pii::PseudonymKey& key = *deid->key();
  const uint64_t first_number = previous.last_number + 1;
  BatchQueue queue(2);
  Reader reader(matter, identities, options, scan ? &*scan : nullptr, key, first_number, &queue);
  Status read_status;
  std::thread read_thread([&] {
    read_status = reader.Run();
    if (!read_status.ok()) {
      Batch end;
      end.last = true;
      queue.Push(std::move(end));
    }
  });

  const size_t threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const BuildSettings settings{options.disclosure, options.span_words, &key};
  std::vector<std::unique_ptr<DocumentBuilder>> builders;
  Status status;
  for (size_t t = 0; t < threads && status.ok(); ++t) {
    auto worker = deid->NewWorker();
    if (!worker.ok()) status = worker.status();
    else builders.push_back(std::make_unique<DocumentBuilder>(settings, std::move(*worker)));
  }
  ProductionStats stats;
  uint64_t conversations = 0;
  // Writes a job's documents, hash lines, load-file rows and log lines in
  // order; on the writing thread, which alone touches the files and stats.
  auto write = [&](const WriteJob& job) -> Status {
    for (size_t g = 0; g < job.groups; ++g) {
      ++conversations;
      const WriteJob::GroupOutput& out = job.outputs[g];
      for (const UnitOutput& u : out.units) {
        WINNOW_RETURN_IF_ERROR(docs->Write(job.Text(out, u.document)));
        WINNOW_RETURN_IF_ERROR(hashes->Write(job.Text(out, u.hash_line)));
        WINNOW_RETURN_IF_ERROR(dat->Write(job.Text(out, u.dat_row)));
        if (u.redactions.size != 0) {
          WINNOW_RETURN_IF_ERROR(redactions->Write(job.Text(out, u.redactions)));
          redactions->CountRecord();
        }
        docs->CountRecord();
        hashes->CountRecord();
        dat->CountRecord();
        if (stats.first_bates.empty()) stats.first_bates = u.bates;
        stats.last_bates = u.bates;
        ++stats.documents;
        stats.entries += u.entries;
        stats.relevant_entries += u.relevant;
        stats.redactions += u.redactions_count;
        stats.text_bytes += u.text_bytes;
        for (const std::string& r : u.rules) ++stats.documents_by_rule[r];
        ++stats.documents_by_month[u.month];
        ++stats.documents_by_model[u.model];
        for (const auto& [type, n] : u.by_type) stats.redactions_by_type[type] += n;
      }
    }
    for (const std::string& line : job.withheld) {
      WINNOW_RETURN_IF_ERROR(withheld->Write(line));
      withheld->CountRecord();
    }
    for (const auto& [reason, n] : job.withheld_by_reason) {
      stats.withheld_by_reason[reason] += n;
      stats.withheld += n;
    }
    if (options.progress) options.progress(reader.entries_read.load(), stats.documents);
    return Status::Ok();
  };
  // Two jobs: the builders fill one while the writer writes the other. Their
  // buffers are kept from batch to batch.
  WriteJob jobs[2];
  size_t current = 0;
  JobWriter writer(write);
  while (status.ok()) {
    Batch batch = queue.Pop();
    WriteJob& job = jobs[current];
    current ^= 1;
    // De-identify and build the batch's documents on all threads.
    job.groups = batch.groups.size();
    if (job.outputs.size() < job.groups) job.outputs.resize(job.groups);
    std::atomic<size_t> next{0};
    std::vector<Status> errors(builders.size());
    std::vector<std::thread> pool;
    for (const auto& builder : builders) builder->BeginBatch();
    for (size_t t = 0; t < builders.size(); ++t) {
      pool.emplace_back([&, t] {
        for (size_t g; (g = next.fetch_add(1)) < batch.groups.size();) {
          job.outputs[g].builder = t;
          Status s = builders[t]->Build(batch.groups[g], &job.outputs[g].units);
          if (!s.ok()) {
            errors[t] = s;
            return;
          }
        }
      });
    }
    for (auto& th : pool) th.join();
    for (const Status& s : errors) {
      if (!s.ok() && status.ok()) status = s;
    }
    if (!status.ok()) break;
    job.texts.resize(builders.size());
    for (size_t t = 0; t < builders.size(); ++t) builders[t]->SwapOutput(&job.texts[t]);
    job.withheld = std::move(batch.withheld);
    job.withheld_by_reason = std::move(batch.withheld_by_reason);
    // Written in order, on the writing thread, while the next batch builds.
    status = writer.Submit(&job);
    if (batch.last) break;
  }
  if (Status s = writer.Finish(); status.ok()) status = s;
  if (!status.ok()) queue.Stop();
  read_thread.join();
  if (status.ok()) status = read_status;
  if (!status.ok()) return fail(status);
  stats.conversations = conversations;

  // Close the files; then the cover report, the manifest and the signature.
  std::vector<WrittenFile> files;
  for (HashedOutput* out : {docs.get(), dat.get(), redactions.get(), withheld.get(), hashes.get()}) {
    auto f = out->Finish();
    if (!f.ok()) return fail(f.status());
    files.push_back(*f);
  }
  stats.production_id = summary.production_id;
  stats.matter_id = matter.config().matter_id;
  stats.level = options.disclosure.ToString();
  stats.all = options.all;
  if (scan) {
    stats.scan_id = scan->id;
    stats.policy_name = scan->policy_name;
    stats.policy_sha256 = scan->policy_sha256;
  }
  stats.prefix = options.prefix;
  stats.winnow_version = kVersion;
  const std::string cover = RenderCoverHtml(stats);
  if (Status s = WriteFileAtomic(partial, kCoverReport, cover); !s.ok()) return fail(s);
  files.push_back({kCoverReport, vault::Sha256Hex(cover), cover.size(), false, vault::Sha256Hex(cover), cover.size(), 0});

  std::string manifest;
  {
    JsonWriter w(&manifest);
    w.BeginObject();
    w.Key("format"); w.String("winnow-production");
    w.Key("format_version"); w.Int(1);
    w.Key("production"); w.String(summary.production_id);
    w.Key("matter_id"); w.String(matter.config().matter_id);
    w.Key("winnow_version"); w.String(kVersion);
    w.Key("level"); w.String(options.disclosure.ToString());
    w.Key("all"); w.Bool(options.all);
    w.Key("scan");
    if (!scan) {
      w.Null();
    } else {
      w.BeginObject();
      w.Key("id"); w.String(scan->id);
      w.Key("scan_json_sha256"); w.String(scan->scan_json_sha256);
      w.Key("policy");
      w.BeginObject();
      w.Key("name"); w.String(scan->policy_name);
      w.Key("sha256"); w.String(scan->policy_sha256);
      w.EndObject();
      w.EndObject();
    }
    w.Key("selection");
    w.BeginObject();
    w.Key("rules");
    w.BeginArray();
    for (const std::string& r : options.rules) w.String(r);
    w.EndArray();
    w.Key("deduplicate"); w.Bool(options.deduplicate && !options.all);
    w.Key("span_words"); w.Int(options.span_words);
    w.EndObject();
    w.Key("deidentification");
    w.BeginObject();
    w.Key("pseudonym_key_id"); w.String(key.KeyId());
    w.Key("default_operator"); w.String(pii::OperatorName(deid->default_operator()));
    w.Key("config_sha256");
    if (options.pii.config_path.empty()) {
      w.Null();
    } else {
      auto text = vault::ReadWholeFile(options.pii.config_path);
      if (!text.ok()) return fail(text.status());
      w.String(vault::Sha256Hex(*text));
    }
    w.Key("evidence_index"); w.Bool(!options.pii.index_dir.empty());
    w.EndObject();
    w.Key("recipients");
    w.BeginArray();
    for (const auto& r : parsed) w.String(r.ToString());
    w.EndArray();
    w.Key("bates");
    w.BeginObject();
    w.Key("prefix"); w.String(options.prefix);
    w.Key("digits"); w.Int(options.digits);
    w.Key("count"); w.Uint(stats.documents);
    w.Key("first"); w.String(stats.first_bates);
    w.Key("last"); w.String(stats.last_bates);
    w.Key("first_number"); w.Uint(first_number);
    w.Key("last_number"); w.Uint(first_number + stats.documents - 1);
    w.EndObject();
    w.Key("previous");
    if (previous.id.empty()) {
      w.Null();
    } else {
      w.BeginObject();
      w.Key("production"); w.String(previous.id);
      w.Key("last_number"); w.Uint(previous.last_number);
      w.EndObject();
    }
    w.Key("stats");
    AppendStatsJson(stats, &w);
    w.Key("files");
    w.BeginArray();
    for (const WrittenFile& f : files) {
      w.BeginObject();
      w.Key("name"); w.String(PlainName(f.name));
      w.Key("stored_as"); w.String(f.name);
      w.Key("encrypted"); w.Bool(f.encrypted);
      w.Key("sha256"); w.String(f.plain_sha256);
      w.Key("bytes"); w.Uint(f.plain_bytes);
      w.Key("records"); w.Uint(f.records);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    manifest.push_back('\n');
  }
  if (Status s = WriteFileAtomic(partial, kManifest, manifest); !s.ok()) return fail(s);
  auto signature = SignatureJson(summary.production_id, signing, manifest, files, audit_head);
  if (!signature.ok()) return fail(signature.status());
  if (Status s = WriteFileAtomic(partial, kSignature, *signature); !s.ok()) return fail(s);
  if (Status s = FsyncDir(partial); !s.ok()) return fail(s);
  if (rename(partial.c_str(), summary.dir.c_str()) != 0) {
    return fail(Status::IoError(summary.dir + ": cannot rename the finished production into place: " +
                                strerror(errno)));
  }
  WINNOW_RETURN_IF_ERROR(FsyncDir(root));
  summary.first_bates = stats.first_bates;
  summary.last_bates = stats.last_bates;
  summary.documents = stats.documents;
  summary.entries = stats.entries;
  summary.withheld = stats.withheld;
  summary.redactions = stats.redactions;
  summary.text_bytes = stats.text_bytes;
  summary.entries_read = reader.entries_read.load();
  summary.cover_text = RenderCoverText(stats);
  return summary;
}

}  // namespace winnow
