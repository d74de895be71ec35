// ScanMatter: every shard of the vault through the policy, on all cores.
// Each worker owns a VaultReader, a PolicyEvaluator and a HitCounter and
// takes whole shards; each shard's verdicts go to their own age file, so
// workers never wait for each other and the output does not depend on
// scheduling. The scan is built in a hidden folder and renamed into place.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "io/durable.h"
#include "search/policy_engine.h"
#include "search/report_format.h"
#include "search/scan_layout.h"
#include "util/json_writer.h"
#include "vault/file_util.h"
#include "winnow/conversation.h"
#include "winnow/corpus.h"
#include "winnow/search.h"
#include "winnow/vault.h"
#include "winnow/version.h"

namespace winnow {
namespace search {
namespace {

namespace od = simdjson::ondemand;

struct ShardResult {
  std::string file;  // relative to the scan folder
  std::string sha256;
  uint64_t bytes = 0, entries = 0, relevant = 0;
};

struct Shared {
  Shared(const Matter& m, std::span<const age::Identity* const> ids, const PolicyEngine& e, std::string d)
      : matter(m), identities(ids), engine(e), dir(std::move(d)) {}
  const Matter& matter;
  std::span<const age::Identity* const> identities;
  const PolicyEngine& engine;
  std::string dir;  // the scan folder being built
  int shards = 0;
  std::atomic<int> next_shard{0};
  std::atomic<uint64_t> entries{0}, bytes{0};
  std::atomic<bool> failed{false};
  std::vector<ShardResult> results;  // per shard
};

void AppendVerdict(const SearchDoc& doc, const PolicyEngine& engine, const Verdict& v, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("entry_id"); w.Raw(doc.id_json);
  w.Key("conversation_id"); w.String(doc.conversation_id);
  w.Key("turn"); w.Int(doc.turn);
  w.Key("user_id");
  if (doc.user_id.empty()) w.Null(); else w.String(doc.user_id);
  w.Key("time");
  if (doc.time.empty()) w.Null(); else w.String(doc.time);
  w.Key("model");
  if (doc.model.empty()) w.Null(); else w.String(doc.model);
  w.Key("alternate"); w.Bool(doc.alternate);
  w.Key("rules");
  w.BeginArray();
  for (uint32_t r : v.rules) {
    const RuleSpec& spec = engine.policy().rules[r];
    w.BeginObject();
    w.Key("name"); w.String(spec.name);
    w.Key("category"); w.String(spec.category);
    w.Key("priority"); w.Int(spec.priority);
    w.EndObject();
  }
  w.EndArray();
  w.Key("reasons"); w.Raw(v.reasons_json);
  w.Key("dup_key"); w.String(fmt::format("{:016x}", v.dup_key));
  w.EndObject();
  out->push_back('\n');
}

Status ScanShard(Shared& sh, int shard, VaultReader& reader, PolicyEvaluator& eval, HitCounter& counter,
                 od::parser& parser, ShardResult* result) {
  result->file = fmt::format("results/shard-{:04d}.age", shard);
  const std::string path = sh.dir + "/" + result->file;
  WINNOW_ASSIGN_OR_RETURN(auto sink, vault::FileSink::Create(path));
  std::vector<const age::Recipient*> recipients = sh.matter.recipients();
  WINNOW_ASSIGN_OR_RETURN(auto enc, age::Encryptor::Create(recipients, sink.get()));
  std::string line, out;
  SearchDoc doc;
  Verdict verdict;
  uint64_t n = 0;
  WINNOW_RETURN_IF_ERROR(reader.ForEachEntryInShard(shard, [&](std::string_view raw) -> Status {
    if (sh.failed.load(std::memory_order_relaxed)) return Status::Internal("another shard failed");
    line.reserve(raw.size() + simdjson::SIMDJSON_PADDING);
    line.assign(raw);
    std::string error = ParseSearchDoc(parser, line, &doc);
    if (!error.empty()) {
      return Status::Corruption(fmt::format("vault shard {}: entry {}: {}", shard, n + 1, error));
    }
    ++n;
    WINNOW_RETURN_IF_ERROR(eval.Evaluate(doc, &verdict));
    counter.Add(doc.conversation_id, doc.user_id, verdict.terms, verdict.rules, verdict.dup_key);
    if (verdict.relevant()) {
      ++result->relevant;
      out.clear();
      AppendVerdict(doc, sh.engine, verdict, &out);
      WINNOW_RETURN_IF_ERROR(enc->Write({reinterpret_cast<const uint8_t*>(out.data()), out.size()}));
    }
    sh.entries.fetch_add(1, std::memory_order_relaxed);
    sh.bytes.fetch_add(raw.size() + 1, std::memory_order_relaxed);
    return Status::Ok();
  }));
  WINNOW_RETURN_IF_ERROR(enc->Finish());
  WINNOW_RETURN_IF_ERROR(sink->Close());
  result->entries = n;
  result->bytes = sink->bytes();
  result->sha256 = sink->HexDigest();
  return Status::Ok();
}

Status Worker(Shared& sh, HitCounter* counter) {
  WINNOW_ASSIGN_OR_RETURN(auto reader, VaultReader::Open(sh.matter, sh.identities));
  PolicyEvaluator eval(sh.engine);
  od::parser parser;
  for (int shard; (shard = sh.next_shard.fetch_add(1)) < sh.shards;) {
    Status s = ScanShard(sh, shard, *reader, eval, *counter, parser, &sh.results[shard]);
    if (!s.ok()) {
      sh.failed = true;
      return s;
    }
  }
  return Status::Ok();
}

std::string ScanJson(const ScanSummary& summary, const Shared& sh, const std::string& index_dir,
                     const std::string& created) {
  const Policy& p = sh.engine.policy();
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("format"); w.String("winnow-scan");
  w.Key("format_version"); w.Int(1);
  w.Key("scan"); w.String(summary.scan_id);
  w.Key("created"); w.String(created);
  w.Key("winnow_version"); w.String(kVersion);
  w.Key("matter_id"); w.String(sh.matter.config().matter_id);
  w.Key("policy");
  w.BeginObject();
  w.Key("source"); w.String(p.source);
  w.Key("name"); w.String(p.name);
  w.Key("sha256"); w.String(vault::Sha256Hex(p.text));
  w.Key("text"); w.String(p.text);
  w.EndObject();
  w.Key("index");
  if (index_dir.empty()) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("path"); w.String(index_dir);
    w.Key("works"); w.Uint(sh.engine.index()->num_works());
    w.EndObject();
  }
  w.Key("terms"); w.Uint(sh.engine.terms()->size());
  w.Key("entries"); w.Uint(summary.entries);
  w.Key("relevant"); w.Uint(summary.relevant);
  w.Key("warnings");
  w.BeginArray();
  for (const std::string& s : summary.warnings) w.String(s);
  w.EndArray();
  w.Key("results");
  w.BeginArray();
  for (const ShardResult& r : sh.results) {
    w.BeginObject();
    w.Key("file"); w.String(r.file);
    w.Key("sha256"); w.String(r.sha256);
    w.Key("bytes"); w.Uint(r.bytes);
    w.Key("entries"); w.Uint(r.entries);
    w.Key("relevant"); w.Uint(r.relevant);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace
}  // namespace search

StatusOr<ScanSummary> ScanMatter(const Matter& matter, std::span<const age::Identity* const> identities,
                                 const ScanOptions& options) {
  using namespace search;
  Policy policy;
  if (options.policy_path.empty()) {
    WINNOW_ASSIGN_OR_RETURN(policy, DefaultPolicy());
  } else {
    WINNOW_ASSIGN_OR_RETURN(policy, LoadPolicy(options.policy_path));
  }
  std::unique_ptr<CorpusIndex> index;
  if (!options.index_dir.empty()) {
    WINNOW_ASSIGN_OR_RETURN(index, CorpusIndex::Open(options.index_dir));
  }
  WINNOW_ASSIGN_OR_RETURN(auto engine, PolicyEngine::Create(std::move(policy), index.get()));

  const std::string scans = matter.Path(kScansDir);
  WINNOW_RETURN_IF_ERROR(vault::MakeDirs(scans));
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> existing, ListScans(matter));
  ScanSummary summary;
  summary.scan_id = NextScanId(existing);
  summary.dir = scans + "/" + summary.scan_id;
  for (const std::string& stale : ListPartialScans(scans)) vault::RemoveTree(scans + "/" + stale);
  const std::string partial = scans + "/" + PartialScanName(summary.scan_id);
  WINNOW_RETURN_IF_ERROR(vault::MakeDirs(partial));  // 0700, as every folder of a matter
  WINNOW_RETURN_IF_ERROR(vault::MakeDirs(partial + "/results"));

  Shared sh(matter, identities, *engine, partial);
  sh.shards = matter.config().shards;
  sh.results.resize(sh.shards);
  const int threads = std::max(1, std::min(sh.shards, options.threads > 0
                                                          ? options.threads
                                                          : static_cast<int>(std::thread::hardware_concurrency())));
  const HitCounter blank(engine->TermRows(), engine->RuleRows());
  std::vector<HitCounter> counters(threads, blank);
  std::vector<Status> errors(threads);
  std::atomic<int> running{threads};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      errors[t] = Worker(sh, &counters[t]);
      running.fetch_sub(1);
    });
  }
  while (running.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (options.progress) options.progress(sh.entries.load(), sh.bytes.load());
  }
  for (auto& th : pool) th.join();
  for (const Status& s : errors) {
    if (!s.ok() && s.message() != "another shard failed") {
      vault::RemoveTree(partial);
      return s;
    }
  }
  for (int t = 1; t < threads; ++t) counters[0].Merge(counters[t]);
  const std::string created = FormatRfc3339(static_cast<double>(std::time(nullptr)));
  HitReport report = counters[0].Finish(
      "Hit report of scan " + summary.scan_id + " (policy: " + engine->policy().source + ")",
      "vault of matter " + matter.config().matter_id, created);
  summary.entries = sh.entries.load();
  summary.bytes = sh.bytes.load();
  summary.relevant = report.relevant_entries;
  summary.warnings = engine->warnings();
  summary.summary = HitReportSummary(report);
  WINNOW_RETURN_IF_ERROR(WriteFileAtomic(partial, "report.json", HitReportJson(report)));
  WINNOW_RETURN_IF_ERROR(WriteFileAtomic(partial, "report.csv", HitReportCsv(report)));
  WINNOW_RETURN_IF_ERROR(WriteFileAtomic(partial, "report.html", HitReportHtml(report)));
  WINNOW_RETURN_IF_ERROR(WriteFileAtomic(partial, "scan.json", ScanJson(summary, sh, options.index_dir, created)));
  WINNOW_RETURN_IF_ERROR(FsyncDir(partial + "/results"));
  if (rename(partial.c_str(), summary.dir.c_str()) != 0) {
    return Status::IoError(summary.dir + ": cannot rename the finished scan into place: " + strerror(errno));
  }
  WINNOW_RETURN_IF_ERROR(FsyncDir(scans));
  return summary;
}

}  // namespace winnow
