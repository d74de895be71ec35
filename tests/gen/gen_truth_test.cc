// Checks every line of truth.jsonl against the written files, decoded
// independently (gen_decode.cc): spans hold exactly what they claim, planted
// values are valid, corrupt records are malformed in the way recorded, and
// text outside copies shares no long run of words with any work.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "gen/gen_decode.h"
#include "gen/pii_checks.h"
#include "winnow/conversation.h"
#include "winnow/gen.h"

namespace winnow::gen_test {
namespace {

constexpr size_t kShingle = 25;

GenOptions DenseOptions(GenFormat format, const std::string& dir) {
  GenOptions o;
  o.seed = 7;
  o.conversations = 300;
  o.works = 120;
  o.format = format;
  o.corrupt_rate = 0.06;
  o.copy_rate = 0.25;
  o.negative_rate = 0.15;
  o.publisher_rate = 0.15;
  o.paywall_rate = 0.1;
  o.pii_rate = 0.5;
  o.browse_rate = 0.2;
  o.branch_rate = 0.2;
  o.non_english_rate = 0.15;
  o.out_dir = dir;
  return o;
}

void AddShingles(const std::vector<std::string>& words, std::unordered_set<uint64_t>* set) {
  for (uint64_t h : ShingleHashes(words, kShingle)) set->insert(h);
}

bool SharesShingle(const std::vector<std::string>& words, const std::unordered_set<uint64_t>& set) {
  for (uint64_t h : ShingleHashes(words, kShingle)) {
    if (set.count(h)) return true;
  }
  return false;
}

// Words of a copied span with list markup removed ("- ", "12. ", "> ").
std::vector<std::string> CopyWords(std::string_view span, bool numbered) {
  std::string cleaned;
  size_t pos = 0;
  while (pos <= span.size()) {
    size_t nl = span.find('\n', pos);
    if (nl == std::string_view::npos) nl = span.size();
    std::string_view line = span.substr(pos, nl - pos);
    if (numbered && pos > 0) {
      size_t d = 0;
      while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
      if (d > 0 && d + 1 < line.size() && line[d] == '.' && line[d + 1] == ' ') line.remove_prefix(d + 2);
    }
    cleaned.append(line);
    cleaned.push_back('\n');
    pos = nl + 1;
  }
  return NormalizedWords(cleaned);
}

class GenTruthTest : public ::testing::TestWithParam<GenFormat> {};

TEST_P(GenTruthTest, EverySpanHoldsWhatItClaims) {
  const GenFormat format = GetParam();
  const std::string dir = ::testing::TempDir() + "/gen_truth_" + GenFormatName(format);
  StatusOr<GenStats> stats = Generate(DenseOptions(format, dir), nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();

  simdjson::dom::parser parser;
  std::map<std::string, std::string> works;
  std::unordered_set<uint64_t> work_shingles;
  for (const std::string& line : ReadLines(dir + "/works.jsonl")) {
    simdjson::dom::element w;
    ASSERT_EQ(parser.parse(line).get(w), simdjson::SUCCESS);
    std::string_view id, text, title, url;
    ASSERT_EQ(w["id"].get(id), simdjson::SUCCESS);
    ASSERT_EQ(w["text"].get(text), simdjson::SUCCESS);
    ASSERT_EQ(w["title"].get(title), simdjson::SUCCESS);
    ASSERT_EQ(w["url"].get(url), simdjson::SUCCESS);
    works[std::string(id)] = std::string(text);
    AddShingles(NormalizedWords(text), &work_shingles);
  }
  ASSERT_EQ(works.size(), 120u);

  std::vector<DecodedRecord> records = DecodeConversations(dir, format);
  ASSERT_EQ(records.size(), stats->records);

  // Corrupt records first: each must be malformed the way truth says.
  std::map<int, std::string> corrupt;  // line -> reason
  std::map<int, int64_t> duplicate_of;
  std::vector<std::string> truth_lines = ReadLines(dir + "/truth.jsonl");
  for (const std::string& line : truth_lines) {
    simdjson::dom::element t;
    ASSERT_EQ(parser.parse(line).get(t), simdjson::SUCCESS) << line;
    std::string_view kind;
    ASSERT_EQ(t["kind"].get(kind), simdjson::SUCCESS);
    if (kind != "corrupt") continue;
    int64_t ln = 0;
    std::string_view reason;
    ASSERT_EQ(t["line"].get(ln), simdjson::SUCCESS);
    ASSERT_EQ(t["reason"].get(reason), simdjson::SUCCESS);
    corrupt[static_cast<int>(ln)] = std::string(reason);
    int64_t dup = 0;
    if (t["duplicate_of_record"].get(dup) == simdjson::SUCCESS) duplicate_of[static_cast<int>(ln)] = dup;
  }
  EXPECT_EQ(corrupt.size(), stats->corrupt);
  EXPECT_GT(corrupt.size(), 0u);

  std::map<std::string, const DecodedEntry*> entries;
  std::map<std::string, const DecodedRecord*> by_id;
  uint64_t entry_count = 0, alternates = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    const DecodedRecord& r = records[i];
    auto c = corrupt.find(r.line);
    if (c != corrupt.end()) {
      const std::string& reason = c->second;
      if (reason == "wrong_type" || reason == "missing_field") {
        EXPECT_TRUE(r.parsed && !r.schema_ok) << reason << " at line " << r.line;
      } else if (reason == "duplicate_id") {
        ASSERT_TRUE(r.parsed && r.schema_ok) << "line " << r.line;
        int64_t orig = duplicate_of.at(r.line);
        EXPECT_EQ(r.id, records[orig].id);
        EXPECT_LT(orig, static_cast<int64_t>(i));
      } else {
        EXPECT_FALSE(r.parsed) << reason << " at line " << r.line;
      }
      if (format == GenFormat::kChatGpt || format == GenFormat::kShareGpt) {
        if (reason == "truncated") {
          EXPECT_EQ(i + 1, records.size()) << "truncated only as the last element";
        }
      }
      continue;
    }
    ASSERT_TRUE(r.parsed && r.schema_ok) << "line " << r.line;
    EXPECT_TRUE(by_id.emplace(r.id, &r).second) << "duplicate id " << r.id;
    for (size_t t = 0; t < r.entries.size(); ++t) {
      entries[EntryId(r.id, static_cast<int>(t), "")] = &r.entries[t];
    }
    entry_count += r.entries.size();
    alternates += r.alternates;
  }
  EXPECT_EQ(entry_count, stats->entries);
  if (format == GenFormat::kChatGpt) {
    EXPECT_EQ(alternates, stats->alternates) << "one branch per regenerated answer or edited prompt";
    EXPECT_GT(stats->alternates, 0u);
  }

  std::map<std::string, int> kinds, pii_types, variants;
  std::set<double> edit_rates;
  std::set<std::pair<const DecodedEntry*, std::string>> copied_fields;
  int whole = 0, tool_copies = 0, prompt_copies = 0;
  for (const std::string& line : truth_lines) {
    simdjson::dom::element t;
    ASSERT_EQ(parser.parse(line).get(t), simdjson::SUCCESS);
    std::string_view kind;
    ASSERT_EQ(t["kind"].get(kind), simdjson::SUCCESS);
    ++kinds[std::string(kind)];
    if (kind == "corrupt") continue;
    if (kind == "user_meta") {
      std::string_view cid, value;
      ASSERT_EQ(t["conversation_id"].get(cid), simdjson::SUCCESS);
      ASSERT_EQ(t["value"].get(value), simdjson::SUCCESS);
      ASSERT_TRUE(by_id.count(std::string(cid)));
      EXPECT_EQ(by_id[std::string(cid)]->user, value);
      continue;
    }
    std::string_view entry_id, field;
    uint64_t start = 0, end = 0;
    ASSERT_EQ(t["entry_id"].get(entry_id), simdjson::SUCCESS);
    ASSERT_EQ(t["field"].get(field), simdjson::SUCCESS);
    ASSERT_EQ(t["start"].get(start), simdjson::SUCCESS);
    ASSERT_EQ(t["end"].get(end), simdjson::SUCCESS);
    ASSERT_TRUE(entries.count(std::string(entry_id))) << line;
    const DecodedEntry* e = entries[std::string(entry_id)];
    std::string_view text;
    if (field == "tools") {
      uint64_t ti = 0;
      ASSERT_EQ(t["tool_index"].get(ti), simdjson::SUCCESS);
      ASSERT_LT(ti, e->tools.size()) << line;
      text = e->tools[ti];
    } else {
      text = field == "prompt" ? e->prompt : e->output;
    }
    bool ok;
    std::string_view span = CodePointSlice(text, start, end, &ok);
    ASSERT_TRUE(ok && end > start) << line;
    std::string_view value;
    if (t["value"].get(value) == simdjson::SUCCESS) {
      EXPECT_EQ(span, value) << line;
    }

    if (kind == "copy") {
      copied_fields.insert({e, std::string(field) + (field == "tools" ? std::to_string(t["tool_index"].get_uint64().value()) : "")});
      std::string_view work_id, variant;
      uint64_t ws = 0, we = 0, words = 0, subs = 0, ins = 0, dels = 0;
      double rate = -1;
      bool is_whole = false;
      ASSERT_EQ(t["work"].get(work_id), simdjson::SUCCESS);
      ASSERT_EQ(t["work_start"].get(ws), simdjson::SUCCESS);
      ASSERT_EQ(t["work_end"].get(we), simdjson::SUCCESS);
      ASSERT_EQ(t["words"].get(words), simdjson::SUCCESS);
      ASSERT_EQ(t["variant"].get(variant), simdjson::SUCCESS);
      ASSERT_EQ(t["edit_rate"].get(rate), simdjson::SUCCESS);
      ASSERT_EQ(t["substitutions"].get(subs), simdjson::SUCCESS);
      ASSERT_EQ(t["insertions"].get(ins), simdjson::SUCCESS);
      ASSERT_EQ(t["deletions"].get(dels), simdjson::SUCCESS);
      ASSERT_EQ(t["whole"].get(is_whole), simdjson::SUCCESS);
      ASSERT_TRUE(works.count(std::string(work_id))) << line;
      const std::string& work = works[std::string(work_id)];
      std::string_view source = CodePointSlice(work, ws, we, &ok);
      ASSERT_TRUE(ok) << line;
      std::vector<std::string> source_words = NormalizedWords(source);
      EXPECT_EQ(source_words.size(), words) << line;
      if (is_whole) {
        ++whole;
        EXPECT_EQ(source, std::string_view(work)) << "a whole copy spans the whole work";
      }
      if (variant == "verbatim") {
        EXPECT_EQ(span, source) << line;
      } else {
        std::vector<std::string> copy_words = CopyWords(span, variant.find("numbered") != std::string_view::npos);
        ASSERT_FALSE(copy_words.empty());
        EXPECT_EQ(copy_words.size(), source_words.size() - dels + ins) << line;
        EXPECT_EQ(copy_words.front(), source_words.front()) << line;
        EXPECT_EQ(copy_words.back(), source_words.back()) << line;
        if (rate == 0) {
          EXPECT_EQ(copy_words, source_words) << line;
        }
      }
      ++variants[std::string(variant)];
      edit_rates.insert(rate);
      tool_copies += field == "tools";
      prompt_copies += field == "prompt";
    } else if (kind == "negative") {
      EXPECT_EQ(field, "output");
      EXPECT_FALSE(SharesShingle(NormalizedWords(span), work_shingles)) << "negative shares a 25-word run: " << line;
    } else if (kind == "pii") {
      std::string_view type, sub;
      ASSERT_EQ(t["type"].get(type), simdjson::SUCCESS);
      if (t["subtype"].get(sub) != simdjson::SUCCESS) sub = {};
      bool personal = false;
      ASSERT_EQ(t["personal"].get(personal), simdjson::SUCCESS);
      std::string why;
      EXPECT_TRUE(ValidPii(type, sub, span, &why)) << why << ": " << line;
      if (personal) ++pii_types[std::string(type)];
    } else if (kind == "publisher_ref") {
      std::string_view ref;
      ASSERT_EQ(t["ref"].get(ref), simdjson::SUCCESS);
      EXPECT_TRUE(ref == "name" || ref == "domain" || ref == "url" || ref == "headline") << line;
    } else {
      EXPECT_EQ(kind, "paywall") << line;
    }
  }

  // Everything outside copies copies nothing: no 25-word run of any work.
  for (const auto& [key, e] : entries) {
    auto check = [&, e = e](const std::string& text, const std::string& name) {
      if (copied_fields.count({e, name})) return;
      EXPECT_FALSE(SharesShingle(NormalizedWords(text), work_shingles)) << name << " of " << key;
    };
    check(e->prompt, "prompt");
    check(e->output, "output");
    for (size_t k = 0; k < e->tools.size(); ++k) check(e->tools[k], "tools" + std::to_string(k));
  }

  for (const char* k : {"copy", "negative", "publisher_ref", "paywall", "pii"}) EXPECT_GT(kinds[k], 0) << k;
  for (const char* type : {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "US_ITIN",
                           "IBAN_CODE", "IP_ADDRESS", "MAC_ADDRESS", "URL", "CRYPTO", "US_BANK_NUMBER",
                           "ABA_ROUTING_NUMBER", "US_PASSPORT", "US_DRIVER_LICENSE", "DATE_TIME", "SECRET",
                           "STREET_ADDRESS", "LOCATION"}) {
    EXPECT_GT(pii_types[type], 0) << type;
  }
  EXPECT_GT(variants["verbatim"], 0);
  EXPECT_EQ(edit_rates, (std::set<double>{0, 0.02, 0.05, 0.10}));
  EXPECT_GT(whole, 0);
  EXPECT_GT(prompt_copies, 0);
  if (format == GenFormat::kChatGpt) {
    EXPECT_GT(tool_copies, 0);
  }
  if (format == GenFormat::kOpenAi || format == GenFormat::kWildChat) {
    EXPECT_GT(kinds["user_meta"], 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, GenTruthTest,
                         ::testing::Values(GenFormat::kChatGpt, GenFormat::kOpenAi, GenFormat::kShareGpt,
                                           GenFormat::kWildChat),
                         [](const auto& info) { return std::string(GenFormatName(info.param)); });

}  // namespace
}  // namespace winnow::gen_test
