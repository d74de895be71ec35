// The canary test: unique random strings planted in the prompts and
// outputs of generated logs (and in records that end in the quarantine) must
// never appear in plaintext anywhere a command writes, except where the user
// asks for decrypted output. keygen, init, ingest, info and export (to
// standard output, captured here in memory) run with TMPDIR set to a fresh
// directory; then every file under the matter and under that TMPDIR, and
// everything the commands printed besides the export itself, is searched
// byte for byte. The same search run on the plaintext input finds every
// canary, so it can fail.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <set>
#include <unordered_set>

#include "vault/vault_test_util.h"

namespace winnow::vault {
namespace {

using namespace testing;  // NOLINT: the vault test helpers
namespace fs = std::filesystem;

constexpr int kCanaries = 400;
constexpr size_t kCanaryLen = 32;

using CanarySet = std::unordered_set<std::string>;

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The canaries (32 lowercase hex digits each) that occur in `bytes`. Looks
// up every 32-byte window inside a run of hex digits, so a canary is found
// wherever it sits, also inside a longer run.
std::set<std::string> FindCanaries(std::string_view bytes, const CanarySet& canaries) {
  std::set<std::string> found;
  size_t run = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    run = IsLowerHex(bytes[i]) ? run + 1 : 0;
    if (run >= kCanaryLen) {
      std::string window(bytes.substr(i + 1 - kCanaryLen, kCanaryLen));
      if (canaries.count(window)) found.insert(std::move(window));
    }
  }
  return found;
}

std::string Base64(std::string_view in) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<uint8_t>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<uint8_t>(in[i + 2]);
    for (size_t j = 0; j < 4; ++j) out.push_back(j <= in.size() - i ? kAlphabet[(v >> (18 - 6 * j)) & 63] : '=');
  }
  return out;
}

// Quarantined records keep their raw bytes in base64: the forms a canary
// takes there, one per alignment (40 characters that depend on the canary
// alone).
std::vector<std::string> Base64Forms(const std::string& canary) {
  std::vector<std::string> forms;
  for (size_t pad = 0; pad < 3; ++pad) {
    std::string b64 = Base64(std::string(pad, '\0') + canary);
    forms.push_back(b64.substr(pad ? 4 : 0, 40));
  }
  return forms;
}

struct Needles {
  CanarySet hex;                 // canaries as planted
  std::vector<std::string> b64;  // base64 forms of the quarantined ones
};

// How many needles `bytes` holds.
size_t CountNeedles(std::string_view bytes, const Needles& needles) {
  size_t n = FindCanaries(bytes, needles.hex).size();
  for (const std::string& form : needles.b64) n += bytes.find(form) != std::string_view::npos;
  return n;
}

// Every file under `dir` that holds a needle, with how many it holds.
std::map<std::string, size_t> ScanTree(const std::string& dir, const Needles& needles, size_t* files) {
  std::map<std::string, size_t> hits;
  *files = 0;
  for (const std::string& path : ListFiles(dir)) {
    ++*files;
    size_t n = CountNeedles(ReadFile(path), needles);
    if (n) hits[path] = n;
  }
  return hits;
}

std::string Describe(const std::map<std::string, size_t>& hits) {
  std::string s;
  for (const auto& [path, n] : hits) s += "  " + path + ": " + std::to_string(n) + " canaries\n";
  return s;
}

// Inserts `canary` between two words of `text` (or at its start).
void Plant(std::string* text, const std::string& canary, Rng* rng) {
  size_t at = 0;
  for (int tries = 0; tries < 4 && at == 0; ++tries) {
    size_t pos = text->find(' ', rng->Uniform(text->size()));
    if (pos != std::string::npos) at = pos + 1;
  }
  text->insert(at, canary + " ");
}

TEST(CanaryTest, NoPlaintextOutsideWhatTheUserAsksFor) {
  TempDir root("winnow-canary");
  ASSERT_FALSE(root.path().empty());
  const std::string plain = root.File("plain"), keys = root.File("keys"), matter = root.File("matter");
  const std::string tmpdir = root.File("tmp");
  for (const std::string& d : {plain, keys, tmpdir}) ASSERT_EQ(::mkdir(d.c_str(), 0700), 0) << d;
  const std::string input = plain + "/input.jsonl", key = keys + "/key.txt";
  const EnvOverrides env = {"TMPDIR=" + tmpdir};

  // The canaries: in entries, and in three kinds of quarantined record
  // (invalid JSON, wrong shape, duplicate conversation id).
  Rng rng(0xCA4A41);
  std::vector<std::string> planted, quarantined;
  for (int i = 0; i < kCanaries; ++i) planted.push_back(rng.Hex(kCanaryLen));
  for (int i = 0; i < 3; ++i) quarantined.push_back(rng.Hex(kCanaryLen));
  Needles all;
  all.hex.insert(planted.begin(), planted.end());
  all.hex.insert(quarantined.begin(), quarantined.end());
  ASSERT_EQ(all.hex.size(), planted.size() + quarantined.size()) << "canaries must be unique";
  for (const std::string& c : quarantined) {
    for (std::string& form : Base64Forms(c)) all.b64.push_back(std::move(form));
  }
  ASSERT_EQ(Base64("any carnal pleas"), "YW55IGNhcm5hbCBwbGVhcw==");

  size_t next = 0;
  LogSpec spec;
  spec.seed = 4242;
  spec.conversations = 300;
  spec.min_output_words = 100;
  spec.max_output_words = 800;
  spec.edit_text = [&](std::string* text, Rng* r) {
    if (next < planted.size() && r->Uniform(2) == 0) Plant(text, planted[next++], r);
  };
  std::string log = GenerateOpenAiLog(spec);
  ASSERT_EQ(next, planted.size()) << "not every canary found a text; generate more conversations";
  std::vector<std::string> bad = MalformedRecords(quarantined[0]);
  log += bad[0] + "\n" + MalformedRecords(quarantined[1])[1] + "\n";
  log += "{\"id\":\"conv-7\",\"messages\":[{\"role\":\"user\",\"content\":\"again " + quarantined[2] +
         "\"},{\"role\":\"assistant\",\"content\":\"duplicate id\"}]}\n";
  WriteFile(input, log);

  // Positive control: the search finds every canary in the plaintext input,
  // through the same directory walk used on the matter.
  size_t files = 0;
  std::map<std::string, size_t> control = ScanTree(plain, all, &files);
  ASSERT_EQ(control.size(), 1u);
  EXPECT_EQ(control.begin()->second, all.hex.size()) << "the search misses canaries in plaintext";

  // The commands, as a user runs them; everything they print is kept.
  std::vector<std::pair<std::string, ProcessResult>> printed;
  auto run = [&](const std::vector<std::string>& args) -> const ProcessResult& {
    ProcessResult r = RunWinnow(args, env);
    std::string cmd;
    for (const std::string& a : args) cmd += " " + a;
    EXPECT_EQ(r.exit_code, 0) << "winnow" << cmd << ": " << r.Describe();
    printed.emplace_back(cmd, std::move(r));
    return printed.back().second;
  };
  std::string recipient = run({"keygen", "-o", key}).out;
  while (!recipient.empty() && recipient.back() == '\n') recipient.pop_back();
  run({"init", matter, "--recipient", recipient, "--shards", "3"});
  run({"ingest", matter, input, "--checkpoint-mb", "1"});
  run({"info", matter});
  run({"info", matter, "--json"});
  run({"export", matter, "-i", key, "--verify"});
  const std::string exported = run({"export", matter, "-i", key}).out;
  const std::string exported_quarantine = run({"export", matter, "-i", key, "--quarantine"}).out;
  ASSERT_FALSE(::testing::Test::HasFailure());

  // The key never lives in the matter.
  const std::string key_real = fs::canonical(key).string(), matter_real = fs::canonical(matter).string();
  ASSERT_NE(key_real.rfind(matter_real + "/", 0), 0u) << key_real << " is inside the matter";

  // The export, which the user asked for, holds every canary: the vault
  // really has the text the search looks for.
  EXPECT_EQ(CountNeedles(exported, all), planted.size());
  // In base64 there: one alignment of each quarantined canary.
  EXPECT_EQ(CountNeedles(exported_quarantine, all), quarantined.size());

  // Nothing else does.
  std::map<std::string, size_t> hits = ScanTree(matter, all, &files);
  EXPECT_GT(files, 5u) << "the matter should hold a manifest, segments, indexes, a quarantine";
  EXPECT_TRUE(hits.empty()) << "plaintext in the matter:\n" << Describe(hits);
  size_t tmp_files = 0;
  hits = ScanTree(tmpdir, all, &tmp_files);
  EXPECT_TRUE(hits.empty()) << "plaintext in TMPDIR:\n" << Describe(hits);
  for (const auto& [cmd, r] : printed) {
    EXPECT_EQ(CountNeedles(r.err, all), 0u) << "winnow" << cmd << " printed chat text on stderr:\n" << r.err;
    bool asked = cmd.find(" export ") != std::string::npos && cmd.find("--verify") == std::string::npos;
    if (!asked) {
      EXPECT_EQ(CountNeedles(r.out, all), 0u) << "winnow" << cmd << " printed chat text:\n" << r.out;
    }
  }
  std::cout << "[          ] searched " << files << " files in the matter and " << tmp_files << " in TMPDIR for "
            << all.hex.size() << " canaries\n";
}

}  // namespace
}  // namespace winnow::vault
