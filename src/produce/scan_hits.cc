#include "produce/scan_hits.h"

#include <simdjson.h>

#include <algorithm>

#include <fmt/format.h>

#include "vault/file_util.h"
#include "winnow/search.h"

namespace winnow::produce {
namespace {

namespace od = simdjson::ondemand;

Status Bad(const std::string& path, std::string_view what) {
  return Status::Corruption(path + ": " + std::string(what));
}

}  // namespace

StatusOr<ScanInfo> OpenScan(const Matter& matter, const std::string& scan_id) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> ids, ListScans(matter));
  if (ids.empty()) return Status::NotFound(matter.path() + ": no scans yet (run winnow scan, or produce --all)");
  const std::string id = scan_id == "latest" || scan_id.empty() ? ids.back() : scan_id;
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
    std::string list;
    for (const std::string& s : ids) list += (list.empty() ? "" : ", ") + s;
    return Status::NotFound(matter.path() + ": no scan " + scan_id + " (scans: " + list + ")");
  }
  ScanInfo info;
  info.id = id;
  info.dir = matter.Path("scans/" + id);
  const std::string path = info.dir + "/scan.json";
  WINNOW_ASSIGN_OR_RETURN(std::string text, vault::ReadWholeFile(path));
  info.scan_json_sha256 = vault::Sha256Hex(text);
  simdjson::padded_string json(text);
  od::parser parser;
  od::document doc;
  od::object root;
  if (parser.iterate(json).get(doc) || doc.get_object().get(root)) return Bad(path, "not a JSON object");
  std::string_view sv;
  uint64_t n = 0;
  od::object policy;
  if (root["policy"].get_object().get(policy)) return Bad(path, "policy: expected an object");
  if (policy["name"].get_string().get(sv)) return Bad(path, "policy.name: expected a string");
  info.policy_name.assign(sv);
  if (policy["sha256"].get_string().get(sv)) return Bad(path, "policy.sha256: expected a string");
  info.policy_sha256.assign(sv);
  if (root["relevant"].get_uint64().get(n)) return Bad(path, "relevant: expected a count");
  info.relevant = n;
  od::array results;
  if (root["results"].get_array().get(results)) return Bad(path, "results: expected an array");
  for (auto item : results) {
    const std::string at = fmt::format("results[{}]", info.results.size());
    od::object r;
    ScanInfo::Results res;
    if (item.get_object().get(r)) return Bad(path, at + ": expected an object");
    if (r["file"].get_string().get(sv)) return Bad(path, at + ".file: expected a string");
    res.file.assign(sv);
    if (r["sha256"].get_string().get(sv)) return Bad(path, at + ".sha256: expected a string");
    res.sha256.assign(sv);
    if (r["relevant"].get_uint64().get(res.relevant)) return Bad(path, at + ".relevant: expected a count");
    if (res.file.find('/') != 0 && res.file.find("..") != std::string::npos) return Bad(path, at + ".file: bad name");
    info.results.push_back(std::move(res));
  }
  if (info.results.size() != static_cast<size_t>(matter.config().shards)) {
    return Bad(path, fmt::format("results: {} files for a vault of {} shards", info.results.size(),
                                 matter.config().shards));
  }
  return info;
}

Status LoadShardHits(const Matter& matter, const ScanInfo& scan, int shard,
                     std::span<const age::Identity* const> identities, HitMap* hits, std::vector<std::string>* order) {
  hits->clear();
  order->clear();
  const ScanInfo::Results& res = scan.results.at(shard);
  if (res.relevant == 0) return Status::Ok();
  const std::string path = scan.dir + "/" + res.file;
  WINNOW_ASSIGN_OR_RETURN(std::string bytes, vault::ReadWholeFile(path));
  if (vault::Sha256Hex(bytes) != res.sha256) {
    return Bad(path, "SHA-256 differs from the one scan.json records (the results file was changed)");
  }
  std::vector<uint8_t> plain;
  Status s = age::DecryptBuffer({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}, identities, &plain);
  if (!s.ok()) return s.Prefixed(path);
  od::parser parser;
  std::string_view all(reinterpret_cast<const char*>(plain.data()), plain.size());
  uint64_t line_no = 0;
  while (!all.empty()) {
    const size_t nl = all.find('\n');
    std::string_view line = all.substr(0, nl);
    all.remove_prefix(nl == std::string_view::npos ? all.size() : nl + 1);
    ++line_no;
    if (line.empty()) continue;
    auto bad = [&](std::string_view what) { return Bad(path, fmt::format("line {}: {}", line_no, what)); };
    simdjson::padded_string json(line);
    od::document doc;
    od::object obj;
    if (parser.iterate(json).get(doc) || doc.get_object().get(obj)) return bad("not a JSON object");
    std::string_view entry_id, sv;
    Hit hit;
    int64_t turn = 0;
    if (obj["entry_id"].get_string().get(entry_id)) return bad("entry_id: expected a string");
    std::string id(entry_id);
    if (obj["conversation_id"].get_string().get(sv)) return bad("conversation_id: expected a string");
    hit.conversation_id.assign(sv);
    if (obj["turn"].get_int64().get(turn)) return bad("turn: expected an integer");
    hit.turn = static_cast<int>(turn);
    od::array rules;
    if (obj["rules"].get_array().get(rules)) return bad("rules: expected an array");
    for (auto r : rules) {
      od::object ro;
      if (r.get_object().get(ro) || ro["name"].get_string().get(sv)) return bad("rules: expected {\"name\":...}");
      hit.rules.emplace_back(sv);
    }
    od::array reasons;
    if (obj["reasons"].get_array().get(reasons) || reasons.raw_json().get(sv)) return bad("reasons: expected an array");
    hit.reasons_json.assign(sv);
    if (obj["dup_key"].get_string().get(sv)) return bad("dup_key: expected a string");
    hit.dup_key.assign(sv);
    if (!hits->emplace(id, std::move(hit)).second) return bad("entry " + id + " listed twice");
    order->push_back(std::move(id));
  }
  return Status::Ok();
}

}  // namespace winnow::produce
