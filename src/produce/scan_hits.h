// A scan's verdicts as a production reads them (docs/policy.md): the scan's
// scan.json, and per shard its relevant entries with their rules, reasons
// and duplicate keys, decrypted from results/shard-NNNN.age after checking
// the file against the SHA-256 that scan.json records.
//
// Thread safety: values; LoadShardHits may run for different shards at once.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "winnow/age.h"
#include "winnow/matter.h"
#include "winnow/status.h"

namespace winnow::produce {

struct ScanInfo {
  std::string id, dir;
  std::string policy_name, policy_sha256;
  std::string scan_json_sha256;  // of scan.json, recorded in the production's manifest
  uint64_t relevant = 0;
  struct Results {
    std::string file, sha256;
    uint64_t relevant = 0;
  };
  std::vector<Results> results;  // per shard
};

// Opens scan `scan_id` ("latest": the newest) of `matter`. NotFound when
// there is no such scan (listing those there are); Corruption naming
// scan.json and the member when it does not parse.
StatusOr<ScanInfo> OpenScan(const Matter& matter, const std::string& scan_id);

struct Hit {
  std::string conversation_id;
  int turn = 0;
  std::vector<std::string> rules;  // names, in the scan's order (priority, then policy order)
  std::string reasons_json;        // the reasons array as the scan wrote it
  std::string dup_key;
  bool seen = false;               // the vault held this entry
};

// Hits by entry id, found by a std::string_view too (a production looks up
// every entry of the vault, mostly in vain: no string is made for that).
struct EntryIdHash {
  using is_transparent = void;
  size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
};
using HitMap = std::unordered_map<std::string, Hit, EntryIdHash, std::equal_to<>>;

// The relevant entries of `shard`, by entry id; `order` gets the ids in the
// results file's order. Corruption naming the file (and line) when its hash
// differs from scan.json's or a line does not parse.
Status LoadShardHits(const Matter& matter, const ScanInfo& scan, int shard,
                     std::span<const age::Identity* const> identities, HitMap* hits, std::vector<std::string>* order);

}  // namespace winnow::produce
