#include "produce/production_fixture.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "pii/pseudonym.h"
#include "produce/signing.h"
#include "util/json_writer.h"
#include "winnow/conversation.h"
#include "winnow/corpus.h"
#include "winnow/gen.h"
#include "winnow/matter.h"
#include "winnow/search.h"
#include "winnow/vault.h"

namespace winnow::produce_test {
namespace {

namespace fs = std::filesystem;
namespace dom = simdjson::dom;

std::string Str(dom::element e) {
  std::string_view s;
  return e.get_string().get(s) == simdjson::SUCCESS ? std::string(s) : std::string();
}

std::string Member(dom::object o, std::string_view key) {
  dom::element e;
  if (o[key].get(e) != simdjson::SUCCESS) return "";
  return Str(e);
}

std::string Minified(dom::object o, std::string_view key) {
  dom::element e;
  if (o[key].get(e) != simdjson::SUCCESS) return "";
  return simdjson::minify(e);
}

std::vector<std::string> Strings(dom::object o, std::string_view key) {
  std::vector<std::string> out;
  dom::array a;
  if (o[key].get_array().get(a) != simdjson::SUCCESS) return out;
  for (dom::element e : a) out.push_back(Str(e));
  return out;
}

#define RETURN_IF(cond, msg) \
  if (cond) return Status::Internal(msg)

Status BuildKeys(Workload* w) {
  w->keys = w->root + "/keys";
  if (mkdir(w->keys.c_str(), 0700) != 0) return Status::IoError("mkdir keys");
  w->vault_key = w->keys + "/c.key";
  w->recipient_key = w->keys + "/r.key";
  w->pseudonym_key = w->keys + "/p.key";
  w->signing_key = w->keys + "/s.key";
  w->signing_pub = w->keys + "/s.key.pub";
  w->other_signing_pub = w->keys + "/other.key.pub";
  WINNOW_ASSIGN_OR_RETURN(age::X25519Identity c, age::X25519Identity::Generate());
  WINNOW_RETURN_IF_ERROR(age::WriteIdentityFile(w->vault_key, c));
  WINNOW_ASSIGN_OR_RETURN(age::X25519Identity r, age::X25519Identity::Generate());
  WINNOW_RETURN_IF_ERROR(age::WriteIdentityFile(w->recipient_key, r));
  w->recipient = r.recipient().ToString();
  w->vault_identity.push_back(std::move(c));
  w->recipient_identity.push_back(std::move(r));
  std::vector<uint8_t> bytes(32);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i);
  WINNOW_ASSIGN_OR_RETURN(pii::PseudonymKey p, pii::PseudonymKey::FromBytes(bytes));
  WINNOW_RETURN_IF_ERROR(p.Save(w->pseudonym_key));
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(0xa0 + i);
  WINNOW_ASSIGN_OR_RETURN(produce::SigningKey s, produce::SigningKey::FromSeed(bytes));
  WINNOW_RETURN_IF_ERROR(s.Save(w->signing_key));
  WINNOW_RETURN_IF_ERROR(s.SavePublicKey(w->signing_pub));
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(0x40 + i);
  WINNOW_ASSIGN_OR_RETURN(produce::SigningKey other, produce::SigningKey::FromSeed(bytes));
  return other.SavePublicKey(w->other_signing_pub);
}

Status BuildMatter(Workload* w) {
  GenOptions g;
  g.seed = 7;
  g.conversations = 300;
  g.works = 120;
  g.copy_rate = 0.08;
  g.pii_rate = 0.25;
  g.paywall_rate = 0.04;
  g.publisher_rate = 0.05;
  g.browse_rate = 0.06;
  g.branch_rate = 0.06;
  g.out_dir = w->data = w->root + "/data";
  WINNOW_RETURN_IF_ERROR(Generate(g, nullptr).status());
  w->matter = w->root + "/matter";
  WINNOW_ASSIGN_OR_RETURN(auto matter, Matter::Create(w->matter, {w->vault_identity[0].recipient().ToString()}, 4));
  IngestOptions io;
  io.threads = 2;
  WINNOW_ASSIGN_OR_RETURN(IngestReport ir, Ingest(*matter, {w->data + "/conversations.json"}, io));
  RETURN_IF(!ir.all_files_ok(), "ingest failed");
  w->index = w->root + "/corpus";
  CorpusBuildOptions co;
  co.threads = 2;
  co.memory_mb = 64;
  WINNOW_RETURN_IF_ERROR(BuildCorpus(w->index, {w->data + "/works.jsonl"}, co).status());
  ScanOptions so;
  so.index_dir = w->index;
  so.threads = 2;
  std::vector<const age::Identity*> ids;
  for (const auto& id : w->vault_identity) ids.push_back(&id);
  WINNOW_RETURN_IF_ERROR(ScanMatter(*matter, ids, so).status());
  // The scan's verdicts, as a production reads them.
  WINNOW_ASSIGN_OR_RETURN(produce::ScanInfo scan, produce::OpenScan(*matter, "latest"));
  for (int shard = 0; shard < matter->config().shards; ++shard) {
    produce::HitMap hits;
    std::vector<std::string> order;
    WINNOW_RETURN_IF_ERROR(produce::LoadShardHits(*matter, scan, shard, ids, &hits, &order));
    for (auto& [id, hit] : hits) w->hits.emplace(id, std::move(hit));
  }
  // The vault's entries.
  WINNOW_ASSIGN_OR_RETURN(pii::PseudonymKey key, pii::PseudonymKey::Load(w->pseudonym_key));
  WINNOW_ASSIGN_OR_RETURN(auto reader, VaultReader::Open(*matter, ids));
  dom::parser parser;
  WINNOW_RETURN_IF_ERROR(reader->ForEachEntry([&](std::string_view line) -> Status {
    dom::object o;
    if (parser.parse(line.data(), line.size()).get_object().get(o)) return Status::Corruption("vault line");
    VaultEntry e;
    e.entry_id = Member(o, "entry_id");
    e.conversation_id = Member(o, "conversation_id");
    e.user_id = Member(o, "user_id");
    e.time = Member(o, "time");
    e.model = Member(o, "model");
    e.prompt = Member(o, "prompt");
    e.output = Member(o, "output");
    int64_t turn = 0;
    Optional(o["turn"].get_int64().get(turn));
    e.turn = static_cast<int>(turn);
    Optional(o["alternate"].get_bool().get(e.alternate));
    dom::array tools;
    if (o["tools"].get_array().get(tools) == simdjson::SUCCESS) {
      for (dom::element t : tools) e.tools.push_back(Str(t["text"]));
    }
    e.token = key.MetaToken("entry_id", e.entry_id);
    std::vector<size_t>& conv = w->conversations[e.conversation_id];
    e.position = conv.size();
    conv.push_back(w->entries.size());
    w->conversation_by_token[key.MetaToken("conversation_id", e.conversation_id)] = e.conversation_id;
    w->by_id[e.entry_id] = w->entries.size();
    w->by_token[e.token] = w->entries.size();
    w->entries.push_back(std::move(e));
    return Status::Ok();
  }));
  // The ground truth and the works' titles.
  for (const std::string& line : Lines(ReadFile(w->data + "/truth.jsonl"))) {
    dom::object o;
    if (parser.parse(line).get_object().get(o)) return Status::Corruption("truth line");
    TruthItem t;
    t.kind = Member(o, "kind");
    t.entry_id = Member(o, "entry_id");
    t.conversation_id = Member(o, "conversation_id");
    t.field = Member(o, "field");
    t.type = Member(o, "type");
    t.subtype = Member(o, "subtype");
    t.value = Member(o, "value");
    t.work = Member(o, "work");
    t.ref = Member(o, "ref");
    int64_t n = 0;
    if (o["turn"].get_int64().get(n) == simdjson::SUCCESS) t.turn = static_cast<int>(n);
    if (o["tool_index"].get_int64().get(n) == simdjson::SUCCESS) t.tool_index = static_cast<int>(n);
    uint64_t u = 0;
    if (o["start"].get_uint64().get(u) == simdjson::SUCCESS) t.start = static_cast<uint32_t>(u);
    if (o["end"].get_uint64().get(u) == simdjson::SUCCESS) t.end = static_cast<uint32_t>(u);
    Optional(o["words"].get_uint64().get(t.words));
    Optional(o["personal"].get_bool().get(t.personal));
    if (!t.work.empty()) t.works.push_back(t.work);
    for (const std::string& also : Strings(o, "also_in")) t.works.push_back(also);
    if (!t.entry_id.empty()) w->truth_by_entry[t.entry_id].push_back(w->truth.size());
    w->truth.push_back(std::move(t));
  }
  for (const std::string& line : Lines(ReadFile(w->data + "/works.jsonl"))) {
    dom::object o;
    if (parser.parse(line).get_object().get(o)) return Status::Corruption("works line");
    w->titles.insert(Member(o, "title"));
  }
  RETURN_IF(w->entries.empty() || w->hits.empty() || w->truth.empty(), "empty workload");
  return Status::Ok();
}

struct Holder {
  Workload w;
  std::map<std::string, std::unique_ptr<Production>> productions;
  ~Holder() {
    std::error_code ec;
    if (!w.root.empty()) fs::remove_all(w.root, ec);
  }
};

Holder& GetHolder() {
  static Holder* holder = [] {
    static Holder h;
    std::string tmpl = (fs::temp_directory_path() / "winnow-produce-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      h.w.status = Status::IoError("mkdtemp");
      return &h;
    }
    h.w.root = tmpl;
    h.w.status = BuildKeys(&h.w);
    if (h.w.status.ok()) h.w.status = BuildMatter(&h.w);
    return &h;
  }();
  return *holder;
}

}  // namespace

const Workload& GetWorkload() { return GetHolder().w; }

std::vector<const age::Identity*> VaultIds() {
  std::vector<const age::Identity*> ids;
  for (const auto& id : GetWorkload().vault_identity) ids.push_back(&id);
  return ids;
}

std::vector<const age::Identity*> RecipientIds() {
  std::vector<const age::Identity*> ids;
  for (const auto& id : GetWorkload().recipient_identity) ids.push_back(&id);
  return ids;
}

std::string CopyMatter(const std::string& name) {
  const Workload& w = GetWorkload();
  const std::string to = w.root + "/" + name;
  fs::copy(w.matter, to, fs::copy_options::recursive);
  return to;
}

ProduceOptions DefaultOptions() {
  const Workload& w = GetWorkload();
  ProduceOptions o;
  o.recipients = {w.recipient};
  o.prefix = "OAI-NYT-";
  o.signing_key_path = w.signing_key;
  o.pii.key_path = w.pseudonym_key;
  o.pii.index_dir = w.index;
  o.threads = 2;
  return o;
}

StatusOr<ProductionSummary> ProduceIn(const std::string& matter_dir, const ProduceOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(auto matter, Matter::Open(matter_dir));
  const auto ids = VaultIds();
  return Produce(*matter, ids, options);
}

StatusOr<Production> ReadProduction(const std::string& dir) {
  Production p;
  p.dir = dir;
  for (const auto& f : fs::directory_iterator(dir)) {
    const std::string name = f.path().filename().string();
    if (name.ends_with(".age")) {
      std::vector<uint8_t> plain;
      const std::string bytes = ReadFile(f.path().string());
      const auto ids = RecipientIds();
      WINNOW_RETURN_IF_ERROR(age::DecryptBuffer(
          std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), ids, &plain));
      p.plain[name].assign(plain.begin(), plain.end());
    } else {
      p.plain[name] = ReadFile(f.path().string());
    }
  }
  dom::parser parser;
  for (const std::string& line : Lines(p.plain["documents.jsonl.age"])) {
    Doc d;
    d.line = line;
    dom::object o;
    if (parser.parse(line).get_object().get(o)) return Status::Corruption("document does not parse: " + line);
    d.bates = Member(o, "bates");
    d.level = Member(o, "level");
    d.conversation = Member(o, "conversation");
    d.user = Member(o, "user");
    d.user_null = o["user"].is_null();
    d.time = Member(o, "time");
    d.model = Member(o, "model");
    d.rules = Strings(o, "rules");
    dom::array entries;
    if (o["entries"].get_array().get(entries)) return Status::Corruption("document without entries: " + line);
    for (dom::element el : entries) {
      dom::object e;
      if (el.get_object().get(e)) return Status::Corruption("entry is not an object");
      DocEntry de;
      for (auto [k, v] : e) de.keys.emplace_back(k);
      de.entry = Member(e, "entry");
      int64_t turn = 0;
      Optional(e["turn"].get_int64().get(turn));
      de.turn = static_cast<int>(turn);
      de.time = Member(e, "time");
      de.model = Member(e, "model");
      Optional(e["relevant"].get_bool().get(de.relevant));
      Optional(e["alternate"].get_bool().get(de.alternate));
      de.rules = Strings(e, "rules");
      dom::element prompt;
      de.has_text = e["prompt"].get(prompt) == simdjson::SUCCESS;
      de.prompt = Member(e, "prompt");
      de.output = Member(e, "output");
      dom::array tools;
      if (e["tools"].get_array().get(tools) == simdjson::SUCCESS) {
        for (dom::element t : tools) de.tools.push_back(Str(t["text"]));
      }
      de.reasons = Minified(e, "reasons");
      de.elided = Minified(e, "elided");
      de.redactions = Minified(e, "redactions");
      de.chars = Minified(e, "chars");
      d.entries.push_back(std::move(de));
    }
    p.docs.push_back(std::move(d));
  }
  p.withheld = Lines(p.plain["withheld.jsonl.age"]);
  return p;
}

const Production& CachedProduction(const std::string& name, const ProduceOptions& options) {
  Holder& h = GetHolder();
  auto it = h.productions.find(name);
  if (it == h.productions.end()) {
    auto p = std::make_unique<Production>();
    const std::string matter = CopyMatter("cached-" + name);
    auto summary = ProduceIn(matter, options);
    EXPECT_TRUE(summary.ok()) << name << ": " << summary.status().ToString();
    if (summary.ok()) {
      auto read = ReadProduction(summary->dir);
      EXPECT_TRUE(read.ok()) << name << ": " << read.status().ToString();
      if (read.ok()) *p = std::move(*read);
      p->summary = *summary;
    }
    it = h.productions.emplace(name, std::move(p)).first;
  }
  return *it->second;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    out.emplace_back(text.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

std::string Decrypt(const std::string& path) {
  const std::string bytes = ReadFile(path);
  std::vector<uint8_t> plain;
  const auto ids = RecipientIds();
  if (!age::DecryptBuffer(std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), ids, &plain)
           .ok()) {
    return "";
  }
  return std::string(plain.begin(), plain.end());
}

std::string JsonEscaped(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out.substr(1, out.size() - 2);
}

uint32_t CodePoints(std::string_view s) {
  uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string CodePointSlice(std::string_view s, uint32_t begin, uint32_t end) {
  size_t b = s.size(), e = s.size();
  uint32_t cp = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (cp == begin && b == s.size()) b = i;
    if (cp == end) {
      e = i;
      break;
    }
    ++cp;
  }
  return b <= e ? std::string(s.substr(b, e - b)) : std::string();
}

std::string VisibleId(const VaultEntry& e) { return EntryId(e.conversation_id, e.turn, ""); }

}  // namespace winnow::produce_test
