#include "winnow/audit.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "crypto/age_test_util.h"

namespace winnow {
namespace {

using age::testing::Bytes;
using age::testing::Sha256Hex;
using age::testing::TempDir;

constexpr char kHashKey[] = ",\"hash\":\"";
const std::string kZeros(64, '0');

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// Recomputes a line's hash after an edit, as an attacker who knows the
// format would; returns the new hash through *hash.
std::string Rehash(const std::string& line, std::string* hash = nullptr) {
  size_t h = line.rfind(kHashKey);
  std::string body = line.substr(0, h);
  std::string digest = Sha256Hex(Bytes(body));
  if (hash) *hash = digest;
  return body + kHashKey + digest + "\"}";
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from << " not in " << s;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

AuditRecord Record(int i) {
  AuditRecord r;
  r.verb = "scan";
  r.args = {"scan", "m", "--policy", "policy.toml", "--run", std::to_string(i)};
  r.inputs = {{"vault", std::string(64, 'a'), 0}, {"policy.toml", std::string(64, 'b'), 120}};
  r.outputs = {{"scans/S0001/scan.json", std::string(64, 'c'), 4096}};
  r.counts = {{"entries", 100u + i}, {"relevant", 7}};
  return r;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void Append(int n) {
    for (int i = 1; i <= n; ++i) ASSERT_TRUE(AppendAuditRecord(dir_.path(), Record(i)).ok());
  }
  std::string LogPath() const { return dir_.File("audit.log"); }
  std::string HeadPath() const { return dir_.File("audit.head"); }
  std::vector<std::string> LogLines() const { return Lines(ReadText(LogPath())); }
  void SetLines(const std::vector<std::string>& lines) { WriteText(LogPath(), Join(lines)); }
  // The Corruption message VerifyAuditLog gives, or "" if it passes.
  std::string Damage() const {
    auto report = VerifyAuditLog(dir_.path());
    if (report.ok()) return "";
    EXPECT_EQ(report.status().code(), StatusCode::kCorruption) << report.status().ToString();
    return report.status().message();
  }

  TempDir dir_;
};

TEST_F(AuditLogTest, AppendedRecordsVerify) {
  Append(5);
  auto report = VerifyAuditLog(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records, 5u);
  EXPECT_FALSE(report->unanchored_last);
  EXPECT_FALSE(report->torn_tail);

  // Check the chain independently of the library.
  std::vector<std::string> lines = LogLines();
  ASSERT_EQ(lines.size(), 5u);
  std::string prev = kZeros;
  simdjson::dom::parser parser;
  for (size_t i = 0; i < lines.size(); ++i) {
    simdjson::padded_string padded(lines[i]);
    simdjson::dom::element doc = parser.parse(padded);
    EXPECT_EQ(uint64_t(doc["seq"]), i + 1);
    EXPECT_EQ(std::string_view(doc["verb"]), "scan");
    EXPECT_EQ(std::string_view(doc["prev"]), prev);
    EXPECT_EQ(uint64_t(doc["counts"]["entries"]), 101 + i);
    EXPECT_EQ(std::string_view(doc["time"]).size(), 20u);
    std::string hash;
    EXPECT_EQ(Rehash(lines[i], &hash), lines[i]);  // its hash covers the bytes before ,"hash":
    EXPECT_EQ(std::string_view(doc["hash"]), hash);
    prev = hash;
  }
  EXPECT_EQ(report->head_hash, prev);
  EXPECT_EQ(ReadText(HeadPath()), "{\"seq\":5,\"hash\":\"" + prev + "\"}\n");
  // Counts keep the caller's order.
  EXPECT_NE(lines[0].find("\"counts\":{\"entries\":101,\"relevant\":7}"), std::string::npos) << lines[0];
}

TEST_F(AuditLogTest, NoLogIsAnEmptyIntactLog) {
  auto report = VerifyAuditLog(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records, 0u);
  EXPECT_EQ(report->head_hash, kZeros);
}

TEST_F(AuditLogTest, EditedCountIsCaught) {
  Append(5);
  std::vector<std::string> lines = LogLines();
  lines[2] = Replace(lines[2], "\"entries\":103", "\"entries\":3");
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ":3: record 3: does not match its hash (edited)");
}

TEST_F(AuditLogTest, DeletedMiddleRecordIsCaught) {
  Append(5);
  std::vector<std::string> lines = LogLines();
  lines.erase(lines.begin() + 2);
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ":3: record 4 where record 3 belongs (a record was removed, inserted or reordered)");
}

TEST_F(AuditLogTest, SwappedRecordsAreCaught) {
  Append(5);
  std::vector<std::string> lines = LogLines();
  std::swap(lines[1], lines[2]);
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ":2: record 3 where record 2 belongs (a record was removed, inserted or reordered)");
}

TEST_F(AuditLogTest, TruncatedLastRecordIsCaught) {
  Append(5);
  std::string text = ReadText(LogPath());
  WriteText(LogPath(), text.substr(0, text.size() - 30));
  EXPECT_EQ(Damage(), LogPath() + ":5: record 5 is truncated (no end of line)");
}

TEST_F(AuditLogTest, DeletedLastRecordIsCaughtByTheAnchor) {
  Append(5);
  std::vector<std::string> lines = LogLines();
  lines.pop_back();
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ": has 4 records but " + HeadPath() +
                          " names record 5 (records removed from the end)");
}

TEST_F(AuditLogTest, ChangedPrevIsCaughtEvenWhenRehashed) {
  Append(5);
  std::vector<std::string> lines = LogLines();
  const size_t at = lines[2].find("\"prev\":\"") + 8;
  lines[2] = Rehash(lines[2].replace(at, 64, std::string(64, 'f')));
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ":3: record 3: prev does not match record 2's hash");
}

TEST_F(AuditLogTest, FirstRecordMustFollowZeros) {
  Append(2);
  std::vector<std::string> lines = LogLines();
  lines[0] = Rehash(Replace(lines[0], "\"prev\":\"0", "\"prev\":\"1"));
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ":1: record 1: prev is not 64 zeros, as the first record's must be");
}

TEST_F(AuditLogTest, RehashedEditBreaksTheNextRecordsPrev) {
  Append(5);
  std::vector<std::string> lines = LogLines();
  lines[1] = Rehash(Replace(lines[1], "\"relevant\":7", "\"relevant\":0"));
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ":3: record 3: prev does not match record 2's hash");
}

TEST_F(AuditLogTest, AnchorMismatchIsCaught) {
  Append(3);
  WriteText(HeadPath(), "{\"seq\":3,\"hash\":\"" + kZeros + "\"}\n");
  EXPECT_NE(Damage().find(HeadPath() + ": names record 3 with hash " + kZeros), std::string::npos) << Damage();
  WriteText(HeadPath(), "{\"seq\":0,\"hash\":\"" + kZeros + "\"}\n");
  EXPECT_EQ(Damage(), HeadPath() + ": names record 0, which never exists");
  WriteText(HeadPath(), "garbage");
  EXPECT_NE(Damage().find(HeadPath() + ": not {"), std::string::npos) << Damage();
}

TEST_F(AuditLogTest, MissingAnchorOrLogIsCaught) {
  Append(3);
  std::filesystem::remove(HeadPath());
  EXPECT_NE(Damage().find("audit.head is missing but the log goes on past record 1"), std::string::npos) << Damage();

  TempDir other;
  ASSERT_TRUE(AppendAuditRecord(other.path(), Record(1)).ok());
  std::filesystem::remove(other.File("audit.log"));
  auto report = VerifyAuditLog(other.path());
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("audit.log: is missing but"), std::string::npos);
}

TEST_F(AuditLogTest, RecordPastTheAnchorIsAnInterruptedAppend) {
  Append(3);
  const std::string head3 = ReadText(HeadPath());
  Append(1);
  WriteText(HeadPath(), head3);  // as if the crash came before the anchor was replaced
  auto report = VerifyAuditLog(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records, 4u);
  EXPECT_TRUE(report->unanchored_last);
  Append(1);
  report = VerifyAuditLog(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records, 5u);
  EXPECT_FALSE(report->unanchored_last);

  // Two records past the anchor cannot come from one interrupted append.
  WriteText(HeadPath(), head3);
  EXPECT_NE(Damage().find("names record 3 but the log goes on past record 4"), std::string::npos) << Damage();
}

TEST_F(AuditLogTest, TornLineIsCutByTheNextAppend) {
  Append(3);
  WriteText(LogPath(), ReadText(LogPath()) + "{\"seq\":4,\"time\":\"20");
  auto report = VerifyAuditLog(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records, 3u);
  EXPECT_TRUE(report->torn_tail);
  Append(1);
  report = VerifyAuditLog(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records, 4u);
  EXPECT_FALSE(report->torn_tail);
  EXPECT_EQ(LogLines().size(), 4u);
}

TEST_F(AuditLogTest, AppendRefusesADamagedLog) {
  Append(3);
  std::vector<std::string> lines = LogLines();
  lines[1] = Replace(lines[1], "scan", "scam");
  SetLines(lines);
  const std::string before = ReadText(LogPath());
  Status s = AppendAuditRecord(dir_.path(), Record(4));
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.message().find(":2: record 2: does not match its hash (edited)"), std::string::npos) << s.message();
  EXPECT_EQ(ReadText(LogPath()), before);
}

TEST_F(AuditLogTest, MalformedRecordsNameTheMember) {
  Append(2);
  std::vector<std::string> lines = LogLines();
  lines[1] = Rehash(Replace(lines[1], "\"counts\":{\"entries\":102", "\"counts\":{\"entries\":\"x\""));
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ":2: record 2: count \"entries\" is not a number");
  lines[1] = "not json";
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ":2: not a JSON object");
  lines[1] = "";
  SetLines(lines);
  EXPECT_EQ(Damage(), LogPath() + ":2: empty line");
}

TEST_F(AuditLogTest, ConcurrentThreadsKeepOneChain) {
  constexpr int kThreads = 8, kEach = 20;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) EXPECT_TRUE(AppendAuditRecord(dir_.path(), Record(t * 1000 + i)).ok());
    });
  }
  for (std::thread& t : threads) t.join();
  auto report = VerifyAuditLog(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records, uint64_t{kThreads * kEach});
  std::set<std::string> runs;
  for (const std::string& line : LogLines()) runs.insert(line.substr(line.find("\"--run\",")));
  EXPECT_EQ(runs.size(), size_t{kThreads * kEach});  // none lost, none written twice
}

TEST_F(AuditLogTest, ConcurrentProcessesKeepOneChain) {
  constexpr int kProcesses = 4, kEach = 15;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int failures = 0;
      for (int i = 0; i < kEach; ++i) failures += !AppendAuditRecord(dir_.path(), Record(p * 1000 + i)).ok();
      ::_exit(failures == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto report = VerifyAuditLog(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records, uint64_t{kProcesses * kEach});
}

TEST_F(AuditLogTest, KeyMaterialNeverReachesTheLog) {
  const std::string age_key = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";
  const std::string hex(64, 'e');
  AuditRecord r = Record(1);
  r.args.push_back("--identity=" + age_key);
  r.inputs.push_back({"keys/signing.key", "", 0});  // a key file's path is kept
  r.result = "Not found: WINNOW-PSEUDONYM-KEY-1 " + hex + ": no such file; also " +
             "age-secret-key-1egtzvffv20835nwyv6270lxyvk2vknx2mmdkwyklmgr48uawx40q2p2lm0";
  ASSERT_TRUE(AppendAuditRecord(dir_.path(), r).ok());
  const std::string log = ReadText(LogPath());
  EXPECT_EQ(log.find("EGTZVFFV20835"), std::string::npos) << log;
  EXPECT_EQ(log.find("egtzvffv20835"), std::string::npos) << log;
  EXPECT_EQ(log.find(hex), std::string::npos) << log;
  EXPECT_NE(log.find("\"--identity=[secret removed]\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"Not found: [secret removed]: no such file; also [secret removed]\""), std::string::npos)
      << log;
  EXPECT_NE(log.find("keys/signing.key"), std::string::npos);
  EXPECT_TRUE(VerifyAuditLog(dir_.path()).ok());

  EXPECT_TRUE(HoldsKeyMaterial("x WINNOW-SIGNING-KEY-1 abc"));
  EXPECT_FALSE(HoldsKeyMaterial("age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef"));
  EXPECT_EQ(RemoveKeyMaterial("a WINNOW-SIGNING-KEY-1 short b"), "a [secret removed] short b");
}

TEST_F(AuditLogTest, InvalidUtf8IsReplacedSoTheLogStaysVerifiable) {
  AuditRecord r = Record(1);
  r.inputs.push_back({std::string("bad\xff\xc3name.jsonl"), "", 3});
  r.args.push_back(std::string("\xed\xa0\x80"));  // a UTF-16 surrogate: not UTF-8
  ASSERT_TRUE(AppendAuditRecord(dir_.path(), r).ok());
  auto report = VerifyAuditLog(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_NE(ReadText(LogPath()).find("bad\xEF\xBF\xBD\xEF\xBF\xBDname.jsonl"), std::string::npos);
}

TEST(AuditFileTest, HashesFiles) {
  TempDir dir;
  WriteText(dir.File("abc"), "abc");
  auto hash = Sha256File(dir.File("abc"));
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(*hash, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string big(3 << 20, 'x');  // more than one read
  WriteText(dir.File("big"), big);
  auto f = AuditFileFor(dir.File("big"), "big");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->path, "big");
  EXPECT_EQ(f->bytes, big.size());
  EXPECT_EQ(f->sha256, Sha256Hex(Bytes(big)));
  EXPECT_EQ(Sha256File(dir.File("none")).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace winnow
