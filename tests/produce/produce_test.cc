// Productions end to end on generated data (production_fixture.h): each
// level of disclosure against the generator's ground truth (what must and
// must not appear, and no planted personal value in any produced file after
// decryption), reproducibility, the selection options and the refused ones,
// and a production read back as search input.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "produce/dat_file.h"
#include "produce/production_fixture.h"
#include "search/search_doc.h"
#include "vault/file_util.h"
#include "io/byte_source.h"
#include "winnow/gen.h"
#include "winnow/matter.h"
#include "winnow/search.h"
#include "winnow/vault.h"

namespace winnow::produce_test {
namespace {

namespace fs = std::filesystem;
namespace dom = simdjson::dom;

class ProduceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { GetWorkload(); }
  void SetUp() override { ASSERT_TRUE(GetWorkload().status.ok()) << GetWorkload().status.ToString(); }
  const Workload& w() const { return GetWorkload(); }
};

ProduceOptions Level(std::string_view level, bool all = false) {
  ProduceOptions o = DefaultOptions();
  auto d = ParseDisclosure(level);
  EXPECT_TRUE(d.ok());
  o.disclosure = *d;
  o.all = all;
  return o;
}

std::vector<std::string> SortedRules(const produce::Hit& hit) {
  std::vector<std::string> r = hit.rules;
  std::sort(r.begin(), r.end());
  r.erase(std::unique(r.begin(), r.end()), r.end());
  return r;
}

// A text as it appears in the load file (line breaks as ®, þ doubled).
std::string DatForm(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += "\xC2\xAE";
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (s[i] == '\n') {
      out += "\xC2\xAE";
    } else if (s.substr(i).starts_with("\xC3\xBE")) {
      out += "\xC3\xBE\xC3\xBE";
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Planted personal values the detector misses, kept as an expected failure
// until it finds them (reported to the lead; see the session's report). A
// value listed here that no longer leaks is reported, not failed.
const std::set<std::string>& KnownLeaks() {
  static const std::set<std::string> known = {};
  return known;
}

// A value that may also occur, by chance, in text produced as it is: a
// name or place (the works' news prose names people from the same name
// sets, and a copy of a work is the evidence, kept), or a short word. Such
// values are searched with the original text on one side of them.
bool NeedsContext(const TruthItem& t) {
  return t.type == "PERSON" || t.type == "LOCATION" ||
         (t.value.size() < 12 && t.value.find_first_of(" 0123456789@.:/-_") == std::string::npos);
}

// Every planted personal value of the produced entries (by their visible
// entry: truth names that one only) that appears in any file of `p`, raw,
// JSON-escaped or as the load file writes it (see NeedsContext).
std::vector<std::string> PlantedValuesFound(const Production& p, size_t* searched) {
  const Workload& w = GetWorkload();
  std::set<std::string> ids;
  for (const Doc& d : p.docs) {
    for (const DocEntry& e : d.entries) {
      auto it = w.by_token.find(e.entry);
      if (it != w.by_token.end()) ids.insert(VisibleId(w.entries[it->second]));
    }
  }
  std::vector<std::string> found;
  *searched = 0;
  for (const std::string& id : ids) {
    auto t = w.truth_by_entry.find(id);
    if (t == w.truth_by_entry.end()) continue;
    const VaultEntry& v = w.entries.at(w.by_id.at(id));
    for (size_t i : t->second) {
      const TruthItem& item = w.truth[i];
      if (item.kind != "pii" || !item.personal) continue;
      ++*searched;
      std::vector<std::string> probes;
      if (NeedsContext(item)) {
        const std::string& field = item.field == "prompt" ? v.prompt : item.field == "output" ? v.output
                                                                                              : v.tools.at(item.tool_index);
        const uint32_t len = CodePoints(field);
        const std::string left = CodePointSlice(field, item.start > 12 ? item.start - 12 : 0, item.start);
        const std::string right = CodePointSlice(field, item.end, std::min(len, item.end + 12));
        if (!left.empty()) probes.push_back(left + item.value);
        if (!right.empty()) probes.push_back(item.value + right);
      } else {
        probes.push_back(item.value);
      }
      for (const auto& [file, text] : p.plain) {
        for (const std::string& probe : probes) {
          size_t at = std::string::npos;
          for (const std::string& form : {probe, JsonEscaped(probe), DatForm(probe)}) {
            if ((at = text.find(form)) != std::string::npos) break;
          }
          if (at == std::string::npos) continue;
          const size_t from = at > 40 ? at - 40 : 0;
          found.push_back(item.type + (item.subtype.empty() ? "" : "/" + item.subtype) + " in " + item.field +
                          " of entry " + id + " found in " + file + " (\"" + text.substr(from, at - from + probe.size() + 40) +
                          "\"): " + item.value);
          break;
        }
      }
    }
  }
  return found;
}

void ExpectNoPlantedValues(const Production& p) {
  size_t searched = 0;
  std::vector<std::string> found = PlantedValuesFound(p, &searched);
  EXPECT_GT(searched, 10u) << "too few planted values to make the check meaningful";
  std::vector<std::string> unexpected;
  for (const std::string& f : found) {
    const std::string value = f.substr(f.find(": ") + 2);
    if (!KnownLeaks().count(value)) unexpected.push_back(f);
  }
  std::string list;
  for (const std::string& u : unexpected) list += "\n  " + u;
  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " of " << searched << " planted personal values appear:"
                                  << list;
}

// The produced entries agree with the vault and the scan: ids, turns, times,
// models, relevance and rules; at text levels, an entry with nothing
// redacted is the original text.
void ExpectEntriesMatchVault(const Production& p, bool text) {
  const Workload& w = GetWorkload();
  for (const Doc& d : p.docs) {
    ASSERT_FALSE(d.entries.empty()) << d.bates;
    for (const DocEntry& e : d.entries) {
      auto it = w.by_token.find(e.entry);
      ASSERT_NE(it, w.by_token.end()) << d.bates << ": unknown entry token " << e.entry;
      const VaultEntry& v = w.entries[it->second];
      EXPECT_EQ(w.conversation_by_token.at(d.conversation), v.conversation_id) << d.bates;
      EXPECT_EQ(e.turn, v.turn) << d.bates;
      EXPECT_EQ(e.time, v.time) << d.bates;
      EXPECT_EQ(e.model, v.model) << d.bates;
      EXPECT_EQ(e.alternate, v.alternate) << d.bates;
      auto hit = w.hits.find(v.entry_id);
      EXPECT_EQ(e.relevant, hit != w.hits.end()) << d.bates;
      if (hit != w.hits.end()) {
        EXPECT_EQ(e.rules, hit->second.rules) << d.bates;
      }
      EXPECT_EQ(e.has_text, text) << d.bates;
      if (text && e.redactions == "[]" && d.level != "span") {
        EXPECT_EQ(e.prompt, v.prompt) << d.bates;
        EXPECT_EQ(e.output, v.output) << d.bates;
        EXPECT_EQ(e.tools, v.tools) << d.bates;
      }
    }
  }
}

// Tokens of the produced relevant entries, in document order.
std::vector<std::string> RelevantTokens(const Production& p) {
  std::vector<std::string> out;
  for (const Doc& d : p.docs) {
    for (const DocEntry& e : d.entries) {
      if (e.relevant) out.push_back(e.entry);
    }
  }
  return out;
}

size_t ArraySize(const std::string& json) {
  dom::parser parser;
  dom::array a;
  if (json.empty() || parser.parse(json).get_array().get(a)) return 0;
  return a.size();
}

TEST_F(ProduceTest, EntryLevelProducesEachRelevantEntryWithItsReasonsAndCopies) {
  const Production& p = CachedProduction("entry", DefaultOptions());
  ASSERT_FALSE(p.docs.empty());
  EXPECT_EQ(p.docs.size(), p.summary.documents);
  EXPECT_TRUE(p.withheld.empty()) << p.withheld.front();
  // Exactly the scan's relevant entries, one document each.
  std::set<std::string> produced;
  for (const Doc& d : p.docs) {
    ASSERT_EQ(d.entries.size(), 1u) << d.bates;
    const DocEntry& e = d.entries[0];
    EXPECT_TRUE(e.relevant) << d.bates;
    EXPECT_TRUE(produced.insert(e.entry).second) << d.bates << ": produced twice";
    const VaultEntry& v = w().entries.at(w().by_token.at(e.entry));
    const produce::Hit& hit = w().hits.at(v.entry_id);
    EXPECT_EQ(d.rules, SortedRules(hit)) << d.bates;
    EXPECT_EQ(d.time, v.time);
    EXPECT_EQ(d.model, v.model);
    EXPECT_EQ(ArraySize(e.reasons), ArraySize(hit.reasons_json)) << d.bates;
  }
  EXPECT_EQ(produced.size(), w().hits.size());
  ExpectEntriesMatchVault(p, true);

  // The ground truth: long copies, paywall requests and publisher references
  // are produced with their rule, and the copied text is there, unredacted.
  std::map<std::string, const DocEntry*> by_id;
  for (const Doc& d : p.docs) by_id[w().entries.at(w().by_token.at(d.entries[0].entry)).entry_id] = &d.entries[0];
  size_t copies = 0, paywalls = 0, refs = 0;
  std::vector<std::string> missing;
  for (const TruthItem& t : w().truth) {
    if (!w().by_id.count(t.entry_id)) continue;
    const VaultEntry& v = w().entries.at(w().by_id.at(t.entry_id));
    auto it = by_id.find(t.entry_id);
    const DocEntry* e = it == by_id.end() ? nullptr : it->second;
    auto has_rule = [&](std::string_view r) {
      return e != nullptr && std::find(e->rules.begin(), e->rules.end(), r) != e->rules.end();
    };
    if (t.kind == "copy" && t.words >= 50) {
      ++copies;
      if (!has_rule("corpus-copy") && !has_rule("corpus-similar")) {
        missing.push_back("copy of " + t.work + " in " + t.entry_id);
        continue;
      }
      const std::string& original =
          t.field == "prompt" ? v.prompt : t.field == "output" ? v.output : v.tools.at(t.tool_index);
      const std::string& produced_text =
          t.field == "prompt" ? e->prompt : t.field == "output" ? e->output : e->tools.at(t.tool_index);
      const std::string copy = CodePointSlice(original, t.start, t.end);
      ASSERT_FALSE(copy.empty());
      EXPECT_NE(produced_text.find(copy), std::string::npos)
          << t.entry_id << ": the copy of " << t.work << " is not produced as it is";
      bool named = false;
      for (const std::string& work : t.works) named = named || e->reasons.find("\"work\":\"" + work + "\"") != std::string::npos;
      EXPECT_TRUE(named) << t.entry_id << ": no reason names " << t.work << " (or a syndicated copy): " << e->reasons;
    } else if (t.kind == "paywall") {
      ++paywalls;
      if (!has_rule("paywall-workaround")) missing.push_back("paywall request in " + t.entry_id);
    } else if (t.kind == "publisher_ref") {
      ++refs;
      if (!has_rule("publisher-reference")) missing.push_back("publisher " + t.ref + " in " + t.entry_id);
    }
  }
  EXPECT_GT(copies, 10u);
  EXPECT_GT(paywalls, 5u);
  EXPECT_GT(refs, 10u);
  std::string list;
  for (const std::string& m : missing) list += "\n  " + m;
  EXPECT_TRUE(missing.empty()) << missing.size() << " planted items not produced with their rule:" << list;
  ExpectNoPlantedValues(p);

  // The search finds every value in the same entries' original text, so
  // the check above can fail.
  Production original;
  original.docs = p.docs;
  std::string& text = original.plain["original.txt"];
  for (const Doc& d : p.docs) {
    const VaultEntry& v = w().entries.at(w().by_token.at(d.entries[0].entry));
    text += v.prompt + "\n" + v.output + "\n";
    for (const std::string& t : v.tools) text += t + "\n";
  }
  size_t searched = 0;
  EXPECT_EQ(PlantedValuesFound(original, &searched).size(), searched);
}

TEST_F(ProduceTest, MetadataLevelHoldsNoChatText) {
  const Production& p = CachedProduction("metadata", Level("metadata"));
  const Production& entry = CachedProduction("entry", DefaultOptions());
  ASSERT_EQ(RelevantTokens(p), RelevantTokens(entry));
  ExpectEntriesMatchVault(p, false);
  std::map<std::string, const DocEntry*> entry_docs;
  for (const Doc& d : entry.docs) entry_docs[d.entries[0].entry] = &d.entries[0];
  for (const Doc& d : p.docs) {
    EXPECT_EQ(d.level, "metadata");
    for (const DocEntry& e : d.entries) {
      for (const char* key : {"prompt", "output", "tools", "elided"}) {
        EXPECT_EQ(std::count(e.keys.begin(), e.keys.end(), key), 0) << d.bates << " has " << key;
      }
      EXPECT_EQ(e.redactions.find("replacement"), std::string::npos) << d.bates << e.redactions;
      // The lengths of the de-identified fields.
      const DocEntry* de = entry_docs.at(e.entry);
      EXPECT_NE(e.chars.find("\"prompt\":" + std::to_string(CodePoints(de->prompt)) + ","), std::string::npos)
          << d.bates << " " << e.chars;
      EXPECT_NE(e.chars.find("\"output\":" + std::to_string(CodePoints(de->output)) + ","), std::string::npos)
          << d.bates << " " << e.chars;
    }
  }
  // The load file's TEXT is empty.
  auto table = produce::ParseDat(p.plain.at("loadfile.dat.age"), "loadfile.dat");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->fields.back(), "TEXT");
  for (const auto& row : table->rows) EXPECT_EQ(row.back(), "") << row.front();
  // No line of 30 bytes or more of any produced entry's prompt, output or
  // tools, nor of its planted copies, appears in any file (work titles,
  // which metadata names, excepted).
  std::set<std::string> probes;
  for (const std::string& token : RelevantTokens(p)) {
    const VaultEntry& v = w().entries.at(w().by_token.at(token));
    std::vector<std::string> texts = v.tools;
    texts.push_back(v.prompt);
    texts.push_back(v.output);
    for (const std::string& text : texts) {
      for (const std::string& line : Lines(text)) {
        if (line.size() >= 30 && !w().titles.count(line)) probes.insert(line);
      }
    }
    auto t = w().truth_by_entry.find(v.entry_id);
    if (t == w().truth_by_entry.end()) continue;
    for (size_t i : t->second) {
      const TruthItem& item = w().truth[i];
      if (item.kind != "copy") continue;
      const std::string& field = item.field == "prompt" ? v.prompt : item.field == "output" ? v.output
                                                                                            : v.tools.at(item.tool_index);
      std::string copy = CodePointSlice(field, item.start, std::min(item.end, item.start + 40));
      if (copy.size() >= 30 && !w().titles.count(copy)) probes.insert(copy);
    }
  }
  EXPECT_GT(probes.size(), 100u);
  for (const auto& [file, text] : p.plain) {
    for (const std::string& probe : probes) {
      EXPECT_EQ(text.find(probe), std::string::npos) << file << " holds chat text: " << probe;
      EXPECT_EQ(text.find(JsonEscaped(probe)), std::string::npos) << file << " holds chat text: " << probe;
    }
  }
  ExpectNoPlantedValues(p);
}

struct Span {
  std::string field;
  int tool_index = -1;
  uint32_t start = 0, end = 0, chars = 0;
};

std::vector<Span> ParseSpans(const std::string& json, bool cuts) {
  std::vector<Span> out;
  dom::parser parser;
  dom::array a;
  if (json.empty() || parser.parse(json).get_array().get(a)) return out;
  for (dom::element el : a) {
    std::string_view field;
    if (el["field"].get_string().get(field)) continue;
    int64_t ti = -1;
    Optional(el["tool_index"].get_int64().get(ti));
    if (cuts) {
      uint64_t s = 0, e = 0, c = 0;
      Optional(el["start"].get_uint64().get(s));
      Optional(el["end"].get_uint64().get(e));
      Optional(el["chars"].get_uint64().get(c));
      out.push_back({std::string(field), static_cast<int>(ti), static_cast<uint32_t>(s), static_cast<uint32_t>(e),
                     static_cast<uint32_t>(c)});
      continue;
    }
    dom::array spans;
    if (el["spans"].get_array().get(spans)) continue;
    for (dom::element s : spans) {
      uint64_t b = 0, e = 0;
      Optional(s.at(0).get_uint64().get(b));
      Optional(s.at(1).get_uint64().get(e));
      out.push_back({std::string(field), static_cast<int>(ti), static_cast<uint32_t>(b), static_cast<uint32_t>(e), 0});
    }
  }
  return out;
}

TEST_F(ProduceTest, SpanLevelKeepsTheSpansAndMarksWhatItElides) {
  const Production& p = CachedProduction("span", Level("span"));
  const Production& entry = CachedProduction("entry", DefaultOptions());
  ASSERT_EQ(RelevantTokens(p), RelevantTokens(entry));
  ExpectEntriesMatchVault(p, true);
  std::map<std::string, const DocEntry*> entry_docs;
  for (const Doc& d : entry.docs) entry_docs[d.entries[0].entry] = &d.entries[0];
  const std::regex marker(R"(\[\.\.\. (\d+) characters elided \.\.\.\])");
  size_t cuts_seen = 0, kept_chars = 0, total_chars = 0;
  for (const Doc& d : p.docs) {
    const DocEntry& e = d.entries.at(0);
    const DocEntry& full = *entry_docs.at(e.entry);
    const std::vector<Span> cuts = ParseSpans(e.elided, true);
    const std::vector<Span> spans = ParseSpans(e.reasons, false);
    std::vector<std::tuple<std::string, int, const std::string*, const std::string*>> fields = {
        {"prompt", -1, &e.prompt, &full.prompt}, {"output", -1, &e.output, &full.output}};
    for (size_t i = 0; i < e.tools.size(); ++i) fields.emplace_back("tools", static_cast<int>(i), &e.tools[i], &full.tools.at(i));
    for (const auto& [name, ti, elided, deid] : fields) {
      std::vector<Span> mine, field_spans;
      for (const Span& c : cuts) if (c.field == name && c.tool_index == ti) mine.push_back(c);
      for (const Span& s : spans) if (s.field == name && s.tool_index == ti) field_spans.push_back(s);
      std::sort(mine.begin(), mine.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
      // Walk the elided text: kept text equals the de-identified text there,
      // each marker stands for exactly the characters it says.
      uint32_t in = 0, out = 0;
      const uint32_t deid_len = CodePoints(*deid);
      auto check_kept = [&](uint32_t from, uint32_t to) {
        if (to <= from) return;
        const std::string kept = CodePointSlice(*elided, from, to);
        EXPECT_EQ(kept, CodePointSlice(*deid, in, in + (to - from))) << d.bates << " " << name;
        in += to - from;
        kept_chars += to - from;
        bool near_a_span = false;
        for (const Span& s : field_spans) near_a_span = near_a_span || (s.start < to && s.end > from);
        EXPECT_TRUE(near_a_span) << d.bates << " " << name << ": kept text with no span in it: " << kept;
      };
      for (const Span& c : mine) {
        check_kept(out, c.start);
        std::smatch m;
        const std::string text = CodePointSlice(*elided, c.start, c.end);
        ASSERT_TRUE(std::regex_match(text, m, marker)) << d.bates << " " << name << ": " << text;
        EXPECT_EQ(std::stoul(m[1].str()), c.chars) << d.bates;
        in += c.chars;
        out = c.end;
        ++cuts_seen;
        for (const Span& s : field_spans) {
          EXPECT_FALSE(s.start < c.end && s.end > c.start) << d.bates << " " << name << ": a span is elided";
        }
      }
      check_kept(out, CodePoints(*elided));
      EXPECT_EQ(in, deid_len) << d.bates << " " << name << ": the markers and the kept text do not add up";
      total_chars += deid_len;
    }
  }
  EXPECT_GT(cuts_seen, p.docs.size());
  EXPECT_LT(kept_chars, total_chars) << "the span level elides nothing";
  ExpectNoPlantedValues(p);
}

// The window of `b` in its conversation: positions max(0, b-c) .. min(n-1, b+c).
void ExpectWindows(const Production& p, uint32_t c) {
  const Workload& w = GetWorkload();
  std::map<std::string, std::set<size_t>> bases_left;  // conversation -> relevant positions not yet produced
  for (const auto& [id, hit] : w.hits) {
    const VaultEntry& v = w.entries.at(w.by_id.at(id));
    bases_left[v.conversation_id].insert(v.position);
  }
  size_t docs = 0;
  for (const Doc& d : p.docs) {
    const VaultEntry& first = w.entries.at(w.by_token.at(d.entries.front().entry));
    const std::vector<size_t>& conv = w.conversations.at(first.conversation_id);
    const size_t lo = first.position, hi = lo + d.entries.size() - 1;
    ASSERT_LT(hi, conv.size()) << d.bates;
    for (size_t i = 0; i < d.entries.size(); ++i) {
      EXPECT_EQ(w.entries.at(conv[lo + i]).token, d.entries[i].entry) << d.bates << ": entries not consecutive";
    }
    std::set<size_t>& left = bases_left[first.conversation_id];
    bool matched = false;
    for (size_t b : left) {
      const size_t want_lo = b > c ? b - c : 0, want_hi = std::min(conv.size() - 1, b + c);
      if (want_lo == lo && want_hi == hi) {
        EXPECT_EQ(d.time, w.entries.at(conv[b]).time) << d.bates;
        left.erase(b);
        matched = true;
        break;
      }
    }
    EXPECT_TRUE(matched) << d.bates << ": not the window of a relevant entry";
    ++docs;
  }
  for (const auto& [conv, left] : bases_left) EXPECT_TRUE(left.empty()) << conv << ": relevant entries not produced";
  EXPECT_EQ(docs, w.hits.size());
}

TEST_F(ProduceTest, ContextLevelAddsTheNeighbours) {
  const Production& p = CachedProduction("context1", Level("context:1"));
  ExpectEntriesMatchVault(p, true);
  ExpectWindows(p, 1);
  size_t neighbours = 0;
  for (const Doc& d : p.docs) {
    EXPECT_EQ(d.level, "context:1");
    for (const DocEntry& e : d.entries) neighbours += !e.relevant;
  }
  EXPECT_GT(neighbours, 10u);
  ExpectNoPlantedValues(p);
}

TEST_F(ProduceTest, ConversationLevelProducesWholeConversations) {
  const Production& p = CachedProduction("conversation", Level("conversation"));
  ExpectEntriesMatchVault(p, true);
  std::set<std::string> want;
  for (const auto& [id, hit] : w().hits) want.insert(hit.conversation_id);
  std::set<std::string> got;
  for (const Doc& d : p.docs) {
    const std::string& conv = w().conversation_by_token.at(d.conversation);
    EXPECT_TRUE(got.insert(conv).second) << d.bates << ": conversation produced twice";
    const std::vector<size_t>& entries = w().conversations.at(conv);
    ASSERT_EQ(d.entries.size(), entries.size()) << d.bates;
    for (size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(d.entries[i].entry, w().entries[entries[i]].token);
  }
  EXPECT_EQ(got, want);
  ExpectNoPlantedValues(p);
}

TEST_F(ProduceTest, AllAtEntryLevelProducesEveryEntryOfTheVault) {
  const Production& p = CachedProduction("all-entry", Level("entry", true));
  ExpectEntriesMatchVault(p, true);
  ASSERT_EQ(p.docs.size(), w().entries.size());
  for (size_t i = 0; i < p.docs.size(); ++i) {
    ASSERT_EQ(p.docs[i].entries.size(), 1u);
    EXPECT_EQ(p.docs[i].entries[0].entry, w().entries[i].token) << p.docs[i].bates << ": not in vault order";
  }
  EXPECT_TRUE(p.withheld.empty());
  EXPECT_EQ(RelevantTokens(p).size(), w().hits.size());
  ExpectNoPlantedValues(p);
}

TEST_F(ProduceTest, AllAtConversationLevelProducesEveryConversation) {
  const Production& p = CachedProduction("all-conversation", Level("conversation", true));
  ExpectEntriesMatchVault(p, true);
  ASSERT_EQ(p.docs.size(), w().conversations.size());
  size_t entries = 0;
  std::set<std::string> seen;
  for (const Doc& d : p.docs) {
    const std::string& conv = w().conversation_by_token.at(d.conversation);
    EXPECT_TRUE(seen.insert(conv).second);
    EXPECT_EQ(d.entries.size(), w().conversations.at(conv).size()) << d.bates;
    entries += d.entries.size();
  }
  EXPECT_EQ(entries, w().entries.size());
  ExpectNoPlantedValues(p);
}

// OpenAI logs carry user ids and email addresses in their metadata
// (truth kind user_meta): documents and the load file carry pseudonyms.
TEST_F(ProduceTest, UserIdsInMetadataArePseudonymized) {
  const std::string root = w().root + "/openai";
  GenOptions g;
  g.seed = 11;
  g.conversations = 60;
  g.works = 20;
  g.format = GenFormat::kOpenAi;
  g.out_dir = root + "/data";
  ASSERT_TRUE(Generate(g, nullptr).ok());
  auto matter = Matter::Create(root + "/matter", {w().vault_identity[0].recipient().ToString()}, 2);
  ASSERT_TRUE(matter.ok()) << matter.status().ToString();
  auto ingested = Ingest(**matter, {g.out_dir + "/conversations.jsonl"}, {});
  ASSERT_TRUE(ingested.ok() && ingested->all_files_ok());
  const auto ids = VaultIds();
  ASSERT_TRUE(ScanMatter(**matter, ids, {}).ok());
  ProduceOptions o = Level("entry", true);
  o.pii.index_dir.clear();
  auto summary = Produce(**matter, ids, o);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto p = ReadProduction(summary->dir);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::set<std::string> values;
  dom::parser parser;
  for (const std::string& line : Lines(ReadFile(g.out_dir + "/truth.jsonl"))) {
    dom::object t;
    ASSERT_FALSE(parser.parse(line).get_object().get(t));
    std::string_view kind, value;
    if (!t["kind"].get_string().get(kind) && kind == "user_meta" && !t["value"].get_string().get(value)) {
      values.emplace(value);
    }
  }
  ASSERT_GT(values.size(), 5u);
  size_t users = 0;
  for (const Doc& d : p->docs) {
    if (d.user_null) continue;
    ++users;
    EXPECT_TRUE(d.user.starts_with("USER_")) << d.bates << ": user " << d.user;
  }
  EXPECT_EQ(users, p->docs.size());
  for (const auto& [file, text] : p->plain) {
    for (const std::string& v : values) EXPECT_EQ(text.find(v), std::string::npos) << file << " holds user id " << v;
  }
}

// A conversation's title and system text (custom instructions often say who
// the user is) come with its turns at the context and conversation levels,
// de-identified like them; the entry and metadata levels leave them out.
// The canonical entry lines `winnow search` reads from production `dir`.
std::vector<std::string> ProductionEntryLines(const std::string& dir) {
  const auto ids = RecipientIds();
  auto source = OpenProductionEntries(dir, ids);
  EXPECT_TRUE(source.ok()) << source.status().ToString();
  if (!source.ok()) return {};
  std::string text;
  char buf[4096];
  for (;;) {
    auto n = (*source)->Read(buf, sizeof buf);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    if (!n.ok() || *n == 0) break;
    text.append(buf, *n);
  }
  return Lines(text);
}

// The names of the text fields search finds in canonical entry `line`.
std::vector<std::string> SearchedFields(std::string line) {
  simdjson::ondemand::parser parser;
  search::SearchDoc doc;
  line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  EXPECT_EQ(search::ParseSearchDoc(parser, line, &doc), "") << line;
  std::vector<std::string> names;
  for (const search::DocField& f : doc.doc.fields) names.push_back(search::DocFieldName(f));
  return names;
}

// A matter in folder `root` holding the chat lines `jsonl` (OpenAI messages
// format), ingested and scanned with the default policy; null on failure.
std::unique_ptr<Matter> ScannedMatter(const std::string& root, const std::string& jsonl) {
  fs::create_directories(root);
  const std::string input = root + "/chats.jsonl";
  WriteFile(input, jsonl);
  auto matter = Matter::Create(root + "/matter", {GetWorkload().vault_identity[0].recipient().ToString()}, 1);
  EXPECT_TRUE(matter.ok()) << matter.status().ToString();
  if (!matter.ok()) return nullptr;
  auto ingested = Ingest(**matter, {input}, {});
  EXPECT_TRUE(ingested.ok() && ingested->all_files_ok());
  const Status scanned = ScanMatter(**matter, VaultIds(), {}).status();
  EXPECT_TRUE(scanned.ok()) << scanned.ToString();
  if (!ingested.ok() || !scanned.ok()) return nullptr;
  return std::move(matter).value();
}

// A production of `matter` with options `o`, de-identified without the
// corpus index, read back.
Production ProduceWithoutIndex(const Matter& matter, ProduceOptions o) {
  o.pii.index_dir.clear();
  auto summary = Produce(matter, VaultIds(), o);
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  if (!summary.ok()) return {};
  auto p = ReadProduction(summary->dir);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? std::move(p).value() : Production{};
}

TEST_F(ProduceTest, ConversationLevelProducesTitleAndSystemTextDeidentified) {
  const std::unique_ptr<Matter> matter = ScannedMatter(
      w().root + "/titles",
      "{\"id\":\"c1\",\"title\":\"Letter to maria.lopez@example.com\",\"messages\":["
      "{\"role\":\"system\",\"content\":\"About me: I am Maria Lopez, call me on +1 415 555 2671.\"},"
      "{\"role\":\"user\",\"content\":\"Draft a short letter.\"},{\"role\":\"assistant\",\"content\":\"Dear Sir,\"},"
      "{\"role\":\"user\",\"content\":\"Shorter.\"},{\"role\":\"assistant\",\"content\":\"Hi.\"}]}\n");
  ASSERT_NE(matter, nullptr);
  auto produce = [&](std::string_view level) { return ProduceWithoutIndex(*matter, Level(level, true)); };
  const Production conversation = produce("conversation");
  for (const auto& [file, text] : conversation.plain) {
    for (const char* value : {"maria.lopez", "Maria Lopez", "555 2671"}) {
      EXPECT_EQ(text.find(value), std::string::npos) << file << " holds " << value;
    }
  }
  const std::string& docs = conversation.plain.at("documents.jsonl.age");
  ASSERT_EQ(Lines(docs).size(), 1u) << docs;
  // The title on the document's first entry only; the system text on the
  // entry it belongs to; both with their redactions.
  EXPECT_NE(docs.find("\"tools\":[],\"title\":\"Letter to [EMAIL_ADDRESS_"), std::string::npos) << docs;
  EXPECT_NE(docs.find("\"system\":\"About me: I am [PERSON_"), std::string::npos) << docs;
  EXPECT_NE(docs.find("call me on [PHONE_NUMBER_"), std::string::npos) << docs;
  EXPECT_NE(docs.find("{\"field\":\"title\",\"start\":10,"), std::string::npos) << docs;
  EXPECT_NE(docs.find("{\"field\":\"system\",\"start\":15,"), std::string::npos) << docs;
  EXPECT_EQ(docs.find("\"title\":\""), docs.rfind("\"title\":\"")) << docs;
  const std::string& dat = conversation.plain.at("loadfile.dat.age");
  EXPECT_NE(dat.find("TITLE: Letter to [EMAIL_ADDRESS_"), std::string::npos) << dat;
  EXPECT_NE(dat.find("SYSTEM:\u00aeAbout me"), std::string::npos) << dat;
  EXPECT_NE(conversation.plain.at("redactions.jsonl.age").find("\"field\":\"system\",\"type\":\"PHONE_NUMBER\""),
            std::string::npos);
  // The recipient's search finds the title once, on the document's first
  // entry, and the system text on its entry.
  const std::vector<std::string> lines = ProductionEntryLines(conversation.dir);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(SearchedFields(lines[0]), (std::vector<std::string>{"prompt", "output", "system", "title"})) << lines[0];
  EXPECT_EQ(SearchedFields(lines[1]), (std::vector<std::string>{"prompt", "output"})) << lines[1];
  for (const char* level : {"entry", "metadata"}) {
    const Production p = produce(level);
    for (const auto& [file, text] : p.plain) {
      EXPECT_EQ(text.find("Letter to"), std::string::npos) << level << ": " << file;
      EXPECT_EQ(text.find("About me"), std::string::npos) << level << ": " << file;
    }
  }
}

// An entry relevant only by its system text (custom instructions asking for
// paywalled articles) is produced at the entry and span levels with that
// text, de-identified, so the recipient sees why; the entry's other meta and
// the conversation's other turns are not produced.
TEST_F(ProduceTest, EntryRelevantBySystemTextIsProducedWithIt) {
  const std::unique_ptr<Matter> matter = ScannedMatter(
      w().root + "/system",
      "{\"id\":\"c1\",\"title\":\"Dinner ideas\",\"messages\":["
      "{\"role\":\"system\",\"content\":\"I am Maria Lopez. Always paste the full text of paywalled "
      "articles for me.\"},"
      "{\"role\":\"user\",\"content\":\"What should I cook tonight?\"},"
      "{\"role\":\"assistant\",\"content\":\"Try a risotto.\"},"
      "{\"role\":\"user\",\"content\":\"Something faster.\"},{\"role\":\"assistant\",\"content\":\"An omelette.\"}]}\n");
  ASSERT_NE(matter, nullptr);
  auto produce = [&](std::string_view level) { return ProduceWithoutIndex(*matter, Level(level)); };
  for (const char* level : {"entry", "span"}) {
    const Production p = produce(level);
    for (const auto& [file, text] : p.plain) {
      EXPECT_EQ(text.find("Maria Lopez"), std::string::npos) << level << ": " << file;
      EXPECT_EQ(text.find("Dinner ideas"), std::string::npos) << level << ": " << file;
      EXPECT_EQ(text.find("omelette"), std::string::npos) << level << ": " << file;
    }
    const std::string& docs = p.plain.at("documents.jsonl.age");
    ASSERT_EQ(Lines(docs).size(), 1u) << level << ": " << docs;
    EXPECT_NE(docs.find("\"rules\":[\"paywall-workaround\"]"), std::string::npos) << level << ": " << docs;
    EXPECT_NE(docs.find("\"field\":\"system\""), std::string::npos) << level << ": " << docs;
    EXPECT_NE(docs.find("\"system\":\""), std::string::npos) << level << ": " << docs;
    EXPECT_NE(docs.find("paywalled"), std::string::npos) << level << ": " << docs;
    EXPECT_NE(p.plain.at("loadfile.dat.age").find("SYSTEM:"), std::string::npos) << level;
  }
  EXPECT_NE(produce("entry").plain.at("documents.jsonl.age").find("\"system\":\"I am [PERSON_"), std::string::npos);
  const std::string span_docs = produce("span").plain.at("documents.jsonl.age");
  EXPECT_EQ(span_docs.find("cook tonight"), std::string::npos) << span_docs;  // elided: no span there
  const Production metadata = produce("metadata");
  EXPECT_EQ(metadata.plain.at("documents.jsonl.age").find("paywalled"), std::string::npos);
  // The recipient's search finds the system text.
  const std::vector<std::string> lines = ProductionEntryLines(produce("entry").dir);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(SearchedFields(lines[0]), (std::vector<std::string>{"prompt", "output", "system"})) << lines[0];
}

// Two copies of the matter produce the same bytes (apart from the age files'
// random keys and the signing time), even with other thread counts.
TEST_F(ProduceTest, ReproducibleAcrossCopiesAndThreadCounts) {
  const std::string a = CopyMatter("repro-a"), b = CopyMatter("repro-b");
  ProduceOptions o = Level("context:1");
  o.threads = 1;
  auto pa = ProduceIn(a, o);
  ASSERT_TRUE(pa.ok()) << pa.status().ToString();
  o.threads = 3;
  auto pb = ProduceIn(b, o);
  ASSERT_TRUE(pb.ok()) << pb.status().ToString();
  auto ra = ReadProduction(pa->dir), rb = ReadProduction(pb->dir);
  ASSERT_TRUE(ra.ok() && rb.ok());
  for (const char* f : {"documents.jsonl.age", "loadfile.dat.age", "redactions.jsonl.age", "withheld.jsonl.age",
                        "documents.sha256", "cover.html", "manifest.json"}) {
    ASSERT_TRUE(ra->plain.count(f)) << f;
    EXPECT_EQ(ra->plain.at(f), rb->plain.at(f)) << f << " differs";
  }
  EXPECT_NE(ReadFile(pa->dir + "/documents.jsonl.age"), ReadFile(pb->dir + "/documents.jsonl.age"));
  // signature.json: only signed_at, the age files' hashes and the signature differ.
  auto normalize = [](std::string s) {
    s = std::regex_replace(s, std::regex(R"("signed_at":"[^"]*")"), R"("signed_at":"T")");
    s = std::regex_replace(s, std::regex(R"(("file":"[a-z.]+\.age","sha256":")[0-9a-f]{64})"), "$1H");
    s = std::regex_replace(s, std::regex(R"(("file":"[a-z.]+\.age","sha256":"H","bytes":)\d+)"), "$1N");
    return std::regex_replace(s, std::regex(R"("signature":"[0-9a-f]{128}")"), R"("signature":"S")");
  };
  const std::string sa = ra->plain.at("signature.json"), sb = rb->plain.at("signature.json");
  EXPECT_EQ(normalize(sa), normalize(sb));
  EXPECT_NE(normalize(sa), sa);
}

TEST_F(ProduceTest, RuleSelectsAndWithholdsTheOthers) {
  ProduceOptions o = DefaultOptions();
  o.rules = {"corpus-copy"};
  const Production& p = CachedProduction("rule-copy", o);
  size_t selected = 0;
  std::set<std::string> withheld_tokens;
  for (const auto& [id, hit] : w().hits) {
    selected += std::count(hit.rules.begin(), hit.rules.end(), "corpus-copy") > 0;
  }
  ASSERT_GT(selected, 0u);
  ASSERT_LT(selected, w().hits.size());
  EXPECT_EQ(p.docs.size(), selected);
  for (const Doc& d : p.docs) {
    EXPECT_NE(std::find(d.rules.begin(), d.rules.end(), "corpus-copy"), d.rules.end()) << d.bates;
  }
  EXPECT_EQ(p.withheld.size(), w().hits.size() - selected);
  dom::parser parser;
  for (const std::string& line : p.withheld) {
    dom::object o2;
    ASSERT_FALSE(parser.parse(line).get_object().get(o2)) << line;
    std::string_view reason, entry;
    ASSERT_FALSE(o2["reason"].get_string().get(reason));
    ASSERT_FALSE(o2["entry"].get_string().get(entry));
    EXPECT_EQ(reason, "rule not selected");
    const VaultEntry& v = w().entries.at(w().by_token.at(std::string(entry)));
    const auto& rules = w().hits.at(v.entry_id).rules;
    EXPECT_EQ(std::count(rules.begin(), rules.end(), "corpus-copy"), 0) << line;
    withheld_tokens.insert(std::string(entry));
  }
  EXPECT_EQ(withheld_tokens.size(), p.withheld.size());
  EXPECT_NE(p.plain.at("manifest.json").find("\"rules\":[\"corpus-copy\"]"), std::string::npos);
}

// A second file holding copies of some conversations under new ids: their
// relevant entries are exact duplicates of produced ones.
TEST_F(ProduceTest, DuplicatesAreWithheldNamingTheProducedDocument) {
  const std::string matter_dir = CopyMatter("dedup");
  const std::vector<std::string> records = Lines(ReadFile(w().data + "/conversations.json"));
  std::string copies = "[\n";
  std::set<std::string> copied;
  for (size_t i = 1; i + 1 < records.size() && copied.size() < 40; ++i) {
    std::string rec = records[i];
    if (rec.back() == ',') rec.pop_back();
    const size_t at = rec.find("\"conversation_id\":\"");
    ASSERT_NE(at, std::string::npos);
    const std::string id = rec.substr(at + 19, rec.find('"', at + 19) - at - 19);
    bool relevant = false;
    for (size_t e : w().conversations.at(id)) relevant = relevant || w().hits.count(w().entries[e].entry_id);
    if (!relevant) continue;
    std::string fresh = id;
    fresh.replace(0, 8, "dddddddd");
    for (size_t pos; (pos = rec.find(id)) != std::string::npos;) rec.replace(pos, id.size(), fresh);
    copies += (copied.empty() ? "" : ",\n") + rec;
    copied.insert(id);
  }
  copies += "\n]\n";
  const std::string file = w().root + "/dups.json";
  WriteFile(file, copies);
  auto matter = Matter::Open(matter_dir);
  ASSERT_TRUE(matter.ok());
  const auto ids = VaultIds();
  auto ingested = Ingest(**matter, {file}, {});
  ASSERT_TRUE(ingested.ok() && ingested->all_files_ok()) << ingested.status().ToString();
  ScanOptions so;
  so.index_dir = w().index;
  ASSERT_TRUE(ScanMatter(**matter, ids, so).ok());
  size_t relevant_copied = 0;
  for (const auto& [id, hit] : w().hits) relevant_copied += copied.count(hit.conversation_id);
  ASSERT_GT(relevant_copied, 20u);

  auto summary = ProduceIn(matter_dir, DefaultOptions());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto p = ReadProduction(summary->dir);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->docs.size(), w().hits.size());
  std::map<std::string, const Doc*> by_bates;
  for (const Doc& d : p->docs) by_bates[d.bates] = &d;
  dom::parser parser;
  size_t duplicates = 0;
  for (const std::string& line : p->withheld) {
    dom::object o;
    ASSERT_FALSE(parser.parse(line).get_object().get(o)) << line;
    std::string_view reason, of;
    ASSERT_FALSE(o["reason"].get_string().get(reason));
    EXPECT_EQ(reason, "duplicate") << line;
    ASSERT_FALSE(o["duplicate_of"].get_string().get(of)) << line;
    auto it = by_bates.find(std::string(of));
    ASSERT_NE(it, by_bates.end()) << line << ": duplicate_of is not a produced document";
    ++duplicates;
  }
  EXPECT_EQ(duplicates, relevant_copied);
  EXPECT_EQ(summary->withheld, relevant_copied);

  // --no-dedup produces them all.
  ProduceOptions o = DefaultOptions();
  o.deduplicate = false;
  auto all = ProduceIn(matter_dir, o);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->documents, w().hits.size() + relevant_copied);
  EXPECT_EQ(all->withheld, 0u);
}

TEST_F(ProduceTest, RefusedOptionsLeaveNoProduction) {
  const std::string matter_dir = CopyMatter("refused");
  auto refused = [&](ProduceOptions o, StatusCode code, std::string_view words) {
    auto s = ProduceIn(matter_dir, o);
    ASSERT_FALSE(s.ok()) << words;
    EXPECT_EQ(s.status().code(), code) << s.status().ToString();
    EXPECT_NE(s.status().message().find(words), std::string::npos) << s.status().ToString();
  };
  refused(Level("span", true), StatusCode::kInvalidArgument, "span");
  ProduceOptions o = DefaultOptions();
  o.pii.key_path.clear();
  refused(o, StatusCode::kInvalidArgument, "--key");
  o = DefaultOptions();
  o.signing_key_path.clear();
  refused(o, StatusCode::kInvalidArgument, "--signing-key");
  o = DefaultOptions();
  o.recipients.clear();
  refused(o, StatusCode::kInvalidArgument, "--to");
  o = DefaultOptions();
  o.recipients = {"age1notakey"};
  refused(o, StatusCode::kInvalidArgument, "age1notakey");
  o = DefaultOptions();
  o.all = true;
  o.rules = {"corpus-copy"};
  refused(o, StatusCode::kInvalidArgument, "--rule");
  // The keep operator turns de-identification off for a type.
  const std::string config = w().root + "/keep.toml";
  WriteFile(config, "operator = \"pseudonym\"\n[operators]\nPERSON = \"keep\"\n");
  o = DefaultOptions();
  o.pii.config_path = config;
  refused(o, StatusCode::kInvalidArgument, "keep");
  // Keys inside the matter.
  const std::string inside = matter_dir + "/s.key";
  fs::copy_file(w().signing_key, inside);
  o = DefaultOptions();
  o.signing_key_path = inside;
  refused(o, StatusCode::kPermissionDenied, "s.key");
  const std::string pinside = matter_dir + "/p.key";
  fs::copy_file(w().pseudonym_key, pinside);
  o = DefaultOptions();
  o.pii.key_path = pinside;
  refused(o, StatusCode::kPermissionDenied, "p.key");
  // A scan that does not exist.
  o = DefaultOptions();
  o.scan_id = "S0099";
  refused(o, StatusCode::kNotFound, "S0099");
  std::vector<std::string> left;
  if (fs::exists(matter_dir + "/productions")) {
    for (const auto& e : fs::directory_iterator(matter_dir + "/productions")) left.push_back(e.path().string());
  }
  EXPECT_TRUE(left.empty()) << left.front();
}

// Search on a production: one canonical entry line per produced entry.
TEST_F(ProduceTest, ProductionEntriesForSearch) {
  for (const char* name : {"entry", "context1"}) {
    const Production& p = std::string(name) == "entry" ? CachedProduction("entry", DefaultOptions())
                                                       : CachedProduction("context1", Level("context:1"));
    const auto ids = RecipientIds();
    auto source = OpenProductionEntries(p.dir, ids);
    ASSERT_TRUE(source.ok()) << source.status().ToString();
    std::string text;
    char buf[4096];
    for (;;) {
      auto n = (*source)->Read(buf, sizeof buf);
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      if (*n == 0) break;
      text.append(buf, *n);
    }
    std::vector<std::string> lines = Lines(text);
    size_t i = 0;
    dom::parser parser;
    for (const Doc& d : p.docs) {
      for (const DocEntry& e : d.entries) {
        ASSERT_LT(i, lines.size());
        dom::object o;
        ASSERT_FALSE(parser.parse(lines[i]).get_object().get(o)) << lines[i];
        std::string_view entry_id, conversation, prompt, output;
        ASSERT_FALSE(o["entry_id"].get_string().get(entry_id));
        ASSERT_FALSE(o["conversation_id"].get_string().get(conversation));
        ASSERT_FALSE(o["prompt"].get_string().get(prompt));
        ASSERT_FALSE(o["output"].get_string().get(output));
        const std::string want =
            d.entries.size() > 1 ? d.bates + "." + std::to_string(e.turn) : d.bates;
        EXPECT_EQ(entry_id, want);
        EXPECT_EQ(conversation, d.conversation);
        EXPECT_EQ(prompt, e.prompt);
        EXPECT_EQ(output, e.output);
        ++i;
      }
    }
    EXPECT_EQ(i, lines.size()) << name;
  }
  // A changed line of documents.sha256 makes reading fail.
  const Production& p = CachedProduction("entry", DefaultOptions());
  const std::string dir = GetWorkload().root + "/search-tampered/PROD0001";
  fs::create_directories(dir);
  fs::copy(p.dir, dir, fs::copy_options::recursive);
  std::string hashes = ReadFile(dir + "/documents.sha256");
  const size_t second = hashes.find('\n') + 1;
  hashes[second] = hashes[second] == '0' ? '1' : '0';
  WriteFile(dir + "/documents.sha256", hashes);
  const auto ids = RecipientIds();
  auto source = OpenProductionEntries(dir, ids);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  char buf[1 << 16];
  Status status;
  for (;;) {
    auto n = (*source)->Read(buf, sizeof buf);
    if (!n.ok()) {
      status = n.status();
      break;
    }
    if (*n == 0) break;
  }
  ASSERT_FALSE(status.ok()) << "a changed documents.sha256 line was read without error";
  EXPECT_EQ(status.code(), StatusCode::kCorruption);
  EXPECT_NE(status.message().find("documents.jsonl.age: document 2"), std::string::npos) << status.ToString();
  EXPECT_NE(status.message().find("documents.sha256"), std::string::npos) << status.ToString();
  // Without a key, nothing is read.
  EXPECT_FALSE(OpenProductionEntries(p.dir, {}).ok());
}

}  // namespace
}  // namespace winnow::produce_test
