#include "search/hit_report.h"

#include <simdjson.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <optional>

#include "util/hash.h"
#include "search/hit_report_text.h"
#include "util/json_writer.h"

namespace winnow::search {
namespace {

using report_text::Clip;
using report_text::CodePoints;
using report_text::Grouped;
using report_text::Share;

constexpr int kJsonVersion = 1;

// ---------------------------------------------------------------------------
// CSV

// A spreadsheet runs a cell starting with one of these as a formula (CWE-1236).
bool LooksLikeFormula(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

void AppendCsvText(std::string_view cell, std::string* out) {
  std::string v = LooksLikeFormula(cell) ? "'" + std::string(cell) : std::string(cell);
  if (v.find_first_of(",\"\r\n") == std::string::npos) {
    out->append(v);
    return;
  }
  out->push_back('"');
  for (char c : v) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

// One CSV line; `unique` and the counts may be absent (empty cells).
struct CsvLine {
  std::string_view kind, name, category, query;
  std::optional<uint64_t> hits, unique, conversations, users;
  std::string share;
};

void AppendCsvLine(const CsvLine& l, std::string* out) {
  auto num = [out](std::optional<uint64_t> n) {
    out->push_back(',');
    if (n) out->append(std::to_string(*n));
  };
  AppendCsvText(l.kind, out);
  for (std::string_view text : {l.name, l.category, l.query}) {
    out->push_back(',');
    AppendCsvText(text, out);
  }
  num(l.hits);
  num(l.unique);
  num(l.conversations);
  num(l.users);
  out->push_back(',');
  out->append(l.share);
  out->append("\r\n");
}

// ---------------------------------------------------------------------------
// JSON reading: every getter names the member it reads in its error.

namespace dom = simdjson::dom;

Status Missing(const std::string& path) {
  return Status::InvalidArgument("hit report JSON: missing member \"" + path + "\"");
}
Status Mistyped(const std::string& path, std::string_view expected) {
  return Status::InvalidArgument("hit report JSON: member \"" + path + "\" must be " + std::string(expected));
}

Status GetMember(dom::object obj, std::string_view key, const std::string& path, dom::element* e) {
  if (obj.at_key(key).get(*e) != simdjson::SUCCESS) return Missing(path);
  return Status::Ok();
}

Status GetString(dom::object obj, std::string_view key, const std::string& prefix, std::string* out) {
  std::string path = prefix + std::string(key);
  dom::element e;
  WINNOW_RETURN_IF_ERROR(GetMember(obj, key, path, &e));
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return Mistyped(path, "a string");
  out->assign(s);
  return Status::Ok();
}

Status GetCount(dom::object obj, std::string_view key, const std::string& prefix, uint64_t* out) {
  std::string path = prefix + std::string(key);
  dom::element e;
  WINNOW_RETURN_IF_ERROR(GetMember(obj, key, path, &e));
  if (e.get_uint64().get(*out) != simdjson::SUCCESS) return Mistyped(path, "a non-negative integer");
  return Status::Ok();
}

Status GetRows(dom::object obj, std::string_view key, std::vector<HitReportRow>* rows) {
  std::string path(key);
  dom::element e;
  WINNOW_RETURN_IF_ERROR(GetMember(obj, key, path, &e));
  dom::array array;
  if (e.get_array().get(array) != simdjson::SUCCESS) return Mistyped(path, "an array");
  size_t i = 0;
  for (dom::element item : array) {
    std::string prefix = path + "[" + std::to_string(i++) + "].";
    dom::object row_obj;
    if (item.get_object().get(row_obj) != simdjson::SUCCESS) {
      return Mistyped(prefix.substr(0, prefix.size() - 1), "an object");
    }
    HitReportRow row;
    WINNOW_RETURN_IF_ERROR(GetString(row_obj, "name", prefix, &row.name));
    WINNOW_RETURN_IF_ERROR(GetString(row_obj, "query", prefix, &row.query));
    WINNOW_RETURN_IF_ERROR(GetString(row_obj, "category", prefix, &row.category));
    WINNOW_RETURN_IF_ERROR(GetCount(row_obj, "hits", prefix, &row.hits));
    WINNOW_RETURN_IF_ERROR(GetCount(row_obj, "unique_hits", prefix, &row.unique_hits));
    WINNOW_RETURN_IF_ERROR(GetCount(row_obj, "conversations", prefix, &row.conversations));
    WINNOW_RETURN_IF_ERROR(GetCount(row_obj, "users", prefix, &row.users));
    if (row.unique_hits > row.hits) {
      return Status::InvalidArgument("hit report JSON: member \"" + prefix + "unique_hits\" exceeds its hits");
    }
    rows->push_back(std::move(row));
  }
  return Status::Ok();
}

// The top-level counts, in JSON order.
struct CountMember {
  const char* key;
  uint64_t HitReport::*field;
};
constexpr CountMember kCounts[] = {
    {"entries", &HitReport::entries},
    {"conversations", &HitReport::conversations},
    {"users", &HitReport::users},
    {"hit_entries", &HitReport::hit_entries},
    {"hit_conversations", &HitReport::hit_conversations},
    {"hit_users", &HitReport::hit_users},
    {"relevant_entries", &HitReport::relevant_entries},
    {"relevant_conversations", &HitReport::relevant_conversations},
    {"relevant_users", &HitReport::relevant_users},
    {"duplicate_groups", &HitReport::duplicate_groups},
    {"duplicate_entries", &HitReport::duplicate_entries},
};

void WriteRows(const std::vector<HitReportRow>& rows, JsonWriter* w) {
  w->BeginArray();
  for (const HitReportRow& r : rows) {
    w->BeginObject();
    w->Key("name"); w->String(r.name);
    w->Key("query"); w->String(r.query);
    w->Key("category"); w->String(r.category);
    w->Key("hits"); w->Uint(r.hits);
    w->Key("unique_hits"); w->Uint(r.unique_hits);
    w->Key("conversations"); w->Uint(r.conversations);
    w->Key("users"); w->Uint(r.users);
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace

// ---------------------------------------------------------------------------
// HitCounter

void HitCounter::IdSet::Compact() const {
  std::sort(v_.begin(), v_.end());
  v_.erase(std::unique(v_.begin(), v_.end()), v_.end());
  compact_at_ = std::max<size_t>(1024, 2 * v_.size());
}

HitCounter::HitCounter(std::vector<HitReportRow> terms, std::vector<HitReportRow> rules)
    : term_rows_(std::move(terms)), rule_rows_(std::move(rules)),
      terms_(term_rows_.size()), rules_(rule_rows_.size()) {}

void HitCounter::Add(std::string_view conversation, std::string_view user, const std::vector<uint32_t>& terms,
                     const std::vector<uint32_t>& rules, uint64_t dup_key) {
  const uint64_t conv = conversation.empty() ? 0 : StableHash64(conversation);
  const uint64_t usr = user.empty() ? 0 : StableHash64(user);
  auto note = [&](IdSet* conversations, IdSet* users) {
    if (!conversation.empty()) conversations->insert(conv);
    if (!user.empty()) users->insert(usr);
  };
  auto count = [&](const std::vector<uint32_t>& hit, std::vector<Row>* rows, Total* total) {
    if (hit.empty()) return;
    ++total->entries;
    note(&total->conversations, &total->users);
    for (uint32_t i : hit) {
      assert(i < rows->size());
      if (i >= rows->size()) continue;
      Row& row = (*rows)[i];
      ++row.hits;
      if (hit.size() == 1) ++row.unique;
      note(&row.conversations, &row.users);
    }
  };
  ++searched_.entries;
  if (!conversation.empty() && conv != last_conversation_) searched_.conversations.insert(conv);
  if (!user.empty() && usr != last_user_) searched_.users.insert(usr);
  last_conversation_ = conv;
  last_user_ = usr;
  count(terms, &terms_, &hit_);
  count(rules, &rules_, &relevant_);
  if (!rules.empty() && dup_key != 0) ++dup_counts_[dup_key];
}

void HitCounter::Merge(const HitCounter& other) {
  assert(other.terms_.size() == terms_.size() && other.rules_.size() == rules_.size());
  auto merge_rows = [](const std::vector<Row>& from, std::vector<Row>* into) {
    for (size_t i = 0; i < from.size() && i < into->size(); ++i) {
      Row& row = (*into)[i];
      row.hits += from[i].hits;
      row.unique += from[i].unique;
      row.conversations.Merge(from[i].conversations);
      row.users.Merge(from[i].users);
    }
  };
  auto merge_total = [](const Total& from, Total* into) {
    into->entries += from.entries;
    into->conversations.Merge(from.conversations);
    into->users.Merge(from.users);
  };
  merge_rows(other.terms_, &terms_);
  merge_rows(other.rules_, &rules_);
  merge_total(other.searched_, &searched_);
  merge_total(other.hit_, &hit_);
  merge_total(other.relevant_, &relevant_);
  for (const auto& [key, n] : other.dup_counts_) dup_counts_[key] += n;
}

HitReport HitCounter::Finish(std::string title, std::string scope, std::string created) const {
  HitReport r;
  r.title = std::move(title);
  r.scope = std::move(scope);
  r.created = std::move(created);
  r.entries = searched_.entries;
  r.conversations = searched_.conversations.size();
  r.users = searched_.users.size();
  r.hit_entries = hit_.entries;
  r.hit_conversations = hit_.conversations.size();
  r.hit_users = hit_.users.size();
  r.relevant_entries = relevant_.entries;
  r.relevant_conversations = relevant_.conversations.size();
  r.relevant_users = relevant_.users.size();
  for (const auto& [key, n] : dup_counts_) {
    if (n < 2) continue;
    ++r.duplicate_groups;
    r.duplicate_entries += n;
  }
  auto finish_rows = [](const std::vector<HitReportRow>& names, const std::vector<Row>& counts,
                        std::vector<HitReportRow>* out) {
    for (size_t i = 0; i < names.size(); ++i) {
      HitReportRow row = names[i];
      row.hits = counts[i].hits;
      row.unique_hits = counts[i].unique;
      row.conversations = counts[i].conversations.size();
      row.users = counts[i].users.size();
      out->push_back(std::move(row));
    }
  };
  finish_rows(term_rows_, terms_, &r.terms);
  finish_rows(rule_rows_, rules_, &r.rules);
  return r;
}

// ---------------------------------------------------------------------------
// CSV and JSON

std::string HitReportCsv(const HitReport& report) {
  std::string out = "kind,name,category,query,hits,unique_hits,conversations,users,share\r\n";
  auto rows = [&](std::string_view kind, const std::vector<HitReportRow>& rows) {
    for (const HitReportRow& r : rows) {
      AppendCsvLine({kind, r.name, r.category, r.query, r.hits, r.unique_hits, r.conversations, r.users,
                     Share(r.hits, report.entries)},
                    &out);
    }
  };
  rows("term", report.terms);
  rows("rule", report.rules);
  const std::string_view kTotal = "total";
  AppendCsvLine({kTotal, "searched", "", "", report.entries, {}, report.conversations, report.users,
                 Share(report.entries, report.entries)},
                &out);
  AppendCsvLine({kTotal, "any term", "", "", report.hit_entries, {}, report.hit_conversations, report.hit_users,
                 Share(report.hit_entries, report.entries)},
                &out);
  AppendCsvLine({kTotal, "any rule", "", "", report.relevant_entries, {}, report.relevant_conversations,
                 report.relevant_users, Share(report.relevant_entries, report.entries)},
                &out);
  AppendCsvLine({kTotal, "duplicate groups", "", "", report.duplicate_groups, {}, {}, {}, ""}, &out);
  AppendCsvLine({kTotal, "duplicate entries", "", "", report.duplicate_entries, {}, {}, {},
                 Share(report.duplicate_entries, report.entries)},
                &out);
  return out;
}

std::string HitReportJson(const HitReport& report) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("version"); w.Int(kJsonVersion);
  w.Key("title"); w.String(report.title);
  w.Key("scope"); w.String(report.scope);
  w.Key("created"); w.String(report.created);
  for (const CountMember& m : kCounts) {
    w.Key(m.key);
    w.Uint(report.*m.field);
  }
  w.Key("terms"); WriteRows(report.terms, &w);
  w.Key("rules"); WriteRows(report.rules, &w);
  w.EndObject();
  return out;
}

StatusOr<HitReport> ParseHitReportJson(std::string_view json) {
  dom::parser parser;
  simdjson::padded_string padded(json);
  dom::element doc;
  if (auto err = parser.parse(padded).get(doc)) {
    return Status::InvalidArgument(std::string("hit report JSON: not valid JSON: ") + simdjson::error_message(err));
  }
  dom::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    return Status::InvalidArgument("hit report JSON: the top level must be an object");
  }
  uint64_t version = 0;
  WINNOW_RETURN_IF_ERROR(GetCount(obj, "version", "", &version));
  if (version != kJsonVersion) {
    return Status::Unsupported("hit report JSON: version " + std::to_string(version) + "; this build reads version " +
                               std::to_string(kJsonVersion));
  }
  HitReport r;
  WINNOW_RETURN_IF_ERROR(GetString(obj, "title", "", &r.title));
  WINNOW_RETURN_IF_ERROR(GetString(obj, "scope", "", &r.scope));
  WINNOW_RETURN_IF_ERROR(GetString(obj, "created", "", &r.created));
  for (const CountMember& m : kCounts) WINNOW_RETURN_IF_ERROR(GetCount(obj, m.key, "", &(r.*m.field)));
  WINNOW_RETURN_IF_ERROR(GetRows(obj, "terms", &r.terms));
  WINNOW_RETURN_IF_ERROR(GetRows(obj, "rules", &r.rules));
  return r;
}

// ---------------------------------------------------------------------------
// Terminal summary

std::string HitReportSummary(const HitReport& report) {
  const auto printable = report_text::Printable;
  auto pad = [](std::string s, size_t width, bool right) {
    size_t n = CodePoints(s);
    if (n >= width) return s;
    return right ? std::string(width - n, ' ') + s : s + std::string(width - n, ' ');
  };
  std::string out;
  if (!report.title.empty()) out += printable(report.title) + "\n";
  auto total = [&](std::string_view label, uint64_t entries, uint64_t convs, uint64_t users, bool share) {
    out += "  " + pad(std::string(label), 10, false) + pad(Grouped(entries), 14, true) + " entries";
    if (share) out += " " + pad("(" + Share(entries, report.entries) + ")", 9, true);
    else out += std::string(10, ' ');
    out += pad(Grouped(convs), 12, true) + " conversations" + pad(Grouped(users), 10, true) + " users\n";
  };
  total("searched", report.entries, report.conversations, report.users, false);
  total("term hits", report.hit_entries, report.hit_conversations, report.hit_users, true);
  // A search term report (winnow search --report) has no rules.
  if (!report.rules.empty()) {
    total("relevant", report.relevant_entries, report.relevant_conversations, report.relevant_users, true);
    out += "  " + pad("duplicates", 10, false) + pad(Grouped(report.duplicate_entries), 14, true) +
           " relevant entries in " + Grouped(report.duplicate_groups) + " groups of exact duplicates\n";
  }

  constexpr size_t kTop = 10, kNameWidth = 40;
  auto top = [&](std::string_view heading, const std::vector<HitReportRow>& rows) {
    if (rows.empty()) return;
    std::vector<size_t> order(rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rows[a].hits > rows[b].hits; });
    order.resize(std::min(order.size(), kTop));
    size_t width = 4;
    std::vector<std::string> names;
    for (size_t i : order) {
      names.push_back(Clip(printable(rows[i].name), kNameWidth));
      width = std::max(width, CodePoints(names.back()));
    }
    out += "Top " + std::string(heading) + " by hits" +
           (rows.size() > kTop ? " (" + std::to_string(kTop) + " of " + std::to_string(rows.size()) + ")" : "") +
           ":\n";
    out += "  " + pad("name", width, false) + pad("hits", 14, true) + pad("unique", 12, true) +
           pad("conversations", 15, true) + pad("users", 10, true) + pad("share", 10, true) + "\n";
    for (size_t k = 0; k < order.size(); ++k) {
      const HitReportRow& r = rows[order[k]];
      out += "  " + pad(names[k], width, false) + pad(Grouped(r.hits), 14, true) +
             pad(Grouped(r.unique_hits), 12, true) + pad(Grouped(r.conversations), 15, true) +
             pad(Grouped(r.users), 10, true) + pad(Share(r.hits, report.entries), 10, true) + "\n";
    }
  };
  top("terms", report.terms);
  top("rules", report.rules);
  return out;
}

}  // namespace winnow::search
