// Search term hit reports: what a lawyer hands to the court before it
// decides what must be produced. Per term and per rule: hits (entries),
// unique hits (entries hit by no other term, or matched by no other rule),
// conversations and distinct users; totals and the share of the vault.
//
// HitCounter accumulates per-entry results (one per thread, then Merge);
// HitReport is the finished table, rendered as CSV, JSON or a self-contained
// HTML page (inline SVG bar chart, no scripts, no network) and read back
// from its JSON form (scan writes it; `winnow report` renders it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "winnow/status.h"

namespace winnow::search {

struct HitReportRow {
  std::string name;
  std::string query;     // terms: the query as written; rules: its signals in words
  std::string category;  // rules: the policy category; terms: empty
  uint64_t hits = 0;           // entries
  uint64_t unique_hits = 0;    // entries hit by this row and no other of its kind
  uint64_t conversations = 0;  // distinct conversations among the hits
  uint64_t users = 0;          // distinct users among the hits (entries without a user not counted)

  bool operator==(const HitReportRow&) const = default;
};

struct HitReport {
  std::string title;     // e.g. "Scan S0002 of matter nyt-v-oai, policy nyt.toml"
  std::string scope;     // what was searched, e.g. "vault of matter X (commits 1-4)"
  std::string created;   // RFC 3339 UTC
  uint64_t entries = 0, conversations = 0, users = 0;  // searched
  // Entries (conversations, users) hit by at least one term; relevant to at
  // least one rule.
  uint64_t hit_entries = 0, hit_conversations = 0, hit_users = 0;
  uint64_t relevant_entries = 0, relevant_conversations = 0, relevant_users = 0;
  // Exact duplicates among relevant entries (same normalized prompt and
  // output): groups of two or more, and the entries in them.
  uint64_t duplicate_groups = 0, duplicate_entries = 0;
  std::vector<HitReportRow> terms, rules;  // in term file and policy order

  bool operator==(const HitReport&) const = default;
};

// Accumulates entries. Identifiers are hashed (64-bit StableHash64) to count
// distinct conversations and users, so memory grows with the conversations
// and users searched and with the hits, not with the entries. An empty
// conversation or user id is not counted as a conversation or user.
// Not thread-safe: use one counter per thread, then Merge them into one.
class HitCounter {
 public:
  // Names (and queries, categories) of the rows, in report order.
  HitCounter(std::vector<HitReportRow> terms, std::vector<HitReportRow> rules);

  // One entry: the indexes of the terms that hit it and the rules it is
  // relevant to (each list without duplicates); `user` may be empty.
  // `dup_key` is the hash of its normalized prompt and output (0: none);
  // it is counted only for entries relevant to at least one rule.
  // REQUIRES: every index is below the number of rows of its kind (an index
  // out of range is a programmer error: asserted, ignored in release).
  void Add(std::string_view conversation, std::string_view user, const std::vector<uint32_t>& terms,
           const std::vector<uint32_t>& rules, uint64_t dup_key);

  // Adds another counter's entries. The result equals one counter that saw
  // the entries of both. REQUIRES: `other` was built with the same rows.
  void Merge(const HitCounter& other);

  // The finished report; the counter is unchanged and may keep counting.
  HitReport Finish(std::string title, std::string scope, std::string created) const;

 private:
  // A set of 64-bit id hashes kept as a vector that is sorted and made
  // unique whenever it doubles: appends are cheap and cache-friendly, and a
  // conversation's entries, which arrive together, repeat the last value.
  class IdSet {
   public:
    void insert(uint64_t h) {
      if (!v_.empty() && v_.back() == h) return;
      v_.push_back(h);
      if (v_.size() >= compact_at_) Compact();
    }
    void Merge(const IdSet& other) {
      v_.insert(v_.end(), other.v_.begin(), other.v_.end());
      Compact();
    }
    size_t size() const {
      Compact();
      return v_.size();
    }

   private:
    void Compact() const;
    mutable std::vector<uint64_t> v_;
    mutable size_t compact_at_ = 1024;
  };
  struct Row {
    uint64_t hits = 0, unique = 0;
    IdSet conversations, users;
  };
  // Entries, conversations and users hit by one kind of row (any term, any rule).
  struct Total {
    uint64_t entries = 0;
    IdSet conversations, users;
  };

  std::vector<HitReportRow> term_rows_, rule_rows_;
  std::vector<Row> terms_, rules_;
  Total searched_, hit_, relevant_;
  std::unordered_map<uint64_t, uint32_t> dup_counts_;  // dup_key -> relevant entries with it
  // The previous entry's ids: a vault holds a conversation's entries one
  // after another, so most searched entries repeat them (no set insert).
  uint64_t last_conversation_ = 0, last_user_ = 0;
};

// The renderers below are pure functions of the report: thread-safe. The
// formats and every count are defined in docs/hit-report.md.

// CSV (RFC 4180, CRLF line ends): header
// `kind,name,category,query,hits,unique_hits,conversations,users,share`, one
// line per term (kind `term`), per rule (`rule`), then `total` lines:
// `searched`, `any term`, `any rule`, `duplicate groups`, `duplicate entries`.
// `share` is hits / entries searched as a percentage ("12.3%"), empty when
// nothing was searched. A text cell starting with = + - @, tab or CR gets a
// leading apostrophe so a spreadsheet does not run it as a formula.
std::string HitReportCsv(const HitReport& report);
// JSON object with every member of HitReport (rows as arrays of objects)
// plus "version": 1; one line, no trailing newline.
std::string HitReportJson(const HitReport& report);
// Reads HitReportJson's output back. Unknown members are ignored. On
// failure: InvalidArgument naming the member that is missing or has the
// wrong type (or "not valid JSON"); Unsupported for another version.
StatusOr<HitReport> ParseHitReportJson(std::string_view json);
// A self-contained HTML page: summary, tables and an inline SVG bar chart of
// hits and unique hits per term and per rule. All text is HTML-escaped; no
// scripts, no links, no external resources.
std::string HitReportHtml(const HitReport& report);
// A few plain-text lines for a terminal: totals and the top 10 terms and
// rules by hits. Control characters in names are shown as '?'.
std::string HitReportSummary(const HitReport& report);

}  // namespace winnow::search
