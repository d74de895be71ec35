// The vault manifest (src/vault/manifest.cc): commits round trip through
// manifest.jsonl and HEAD; a crash mid-append is repaired; any edit,
// reordering, removal or truncation of a committed line is Corruption
// naming the file and line.
#include "vault/manifest.h"

#include <gtest/gtest.h>

#include <string>

#include "vault/vault_test_util.h"

namespace winnow::vault {
namespace {

using testing::ReadFile;
using testing::SplitLines;
using testing::TempDir;
using testing::WriteFile;

Commit MakeCommit(uint64_t seq, const std::string& prev, bool quarantine) {
  Commit c;
  c.seq = seq;
  c.time = "2024-05-0" + std::to_string(seq % 10) + "T10:00:00Z";
  c.version = "0.1.0-test";
  c.prev = prev;
  for (int shard : {0, 3}) {
    SegmentRecord s;
    s.shard = shard;
    s.file = "shard-00" + std::to_string(shard) + "/seg-00000" + std::to_string(seq) + ".age";
    s.sha256 = std::string(64, static_cast<char>('a' + shard));
    s.bytes = 1000 + seq * 10 + shard;
    s.index = "shard-00" + std::to_string(shard) + "/seg-00000" + std::to_string(seq) + ".idx.age";
    s.index_sha256 = std::string(64, static_cast<char>('0' + shard));
    s.index_bytes = 300 + shard;
    s.entries = 42 + shard;
    s.blocks = 2 + shard;
    s.plain_bytes = 5000 + seq;
    s.raw_bytes = (uint64_t{1} << 40) + seq;  // above 32 bits
    c.segments.push_back(s);
  }
  if (quarantine)
    c.quarantine = QuarantineRecord{"quarantine/q-" + std::to_string(seq) + ".age", std::string(64, 'f'), 777, 3};
  SourceState src;
  src.id = std::string(64, 'e');
  src.path = "/data/logs \"quoted\" \\ päth.jsonl";
  src.format = "openai";
  src.records_done = 100 * seq;
  src.stored = 97 * seq;
  src.quarantined = 3 * seq;
  src.entries = 250 * seq;
  src.complete = seq == 3;
  c.sources.push_back(src);
  return c;
}

// A vault dir with three commits appended the way ingest does it.
class ManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    std::string prev = kZeroHash;
    for (uint64_t seq = 1; seq <= 3; ++seq) {
      Commit c = MakeCommit(seq, prev, seq == 2);
      Status s = AppendCommit(dir_.path(), &c);
      ASSERT_TRUE(s.ok()) << s.ToString();
      prev = c.hash;
      written_.push_back(c);
    }
    manifest_ = dir_.File("manifest.jsonl");
    head_ = dir_.File("HEAD");
  }

  void ExpectCorruption(bool repair, const std::string& names, const std::string& what) {
    std::string before = ReadFile(manifest_), head_before = ReadFile(head_);
    auto r = LoadManifest(dir_.path(), repair);
    ASSERT_FALSE(r.ok()) << what << ": accepted " << r->size() << " commits";
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << what << ": " << r.status().ToString();
    EXPECT_NE(r.status().message().find(names), std::string::npos)
        << what << ": should name " << names << ": " << r.status().message();
    // A damaged manifest is never "repaired" away.
    EXPECT_EQ(ReadFile(manifest_), before) << what;
    EXPECT_EQ(ReadFile(head_), head_before) << what;
  }

  TempDir dir_;
  std::vector<Commit> written_;
  std::string manifest_, head_;
};

void ExpectSameCommit(const Commit& a, const Commit& b) {
  EXPECT_EQ(a.seq, b.seq);
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.prev, b.prev);
  EXPECT_EQ(a.hash, b.hash);
  ASSERT_EQ(a.segments.size(), b.segments.size());
  for (size_t i = 0; i < a.segments.size(); ++i) {
    const SegmentRecord &x = a.segments[i], &y = b.segments[i];
    EXPECT_EQ(x.shard, y.shard);
    EXPECT_EQ(x.file, y.file);
    EXPECT_EQ(x.sha256, y.sha256);
    EXPECT_EQ(x.bytes, y.bytes);
    EXPECT_EQ(x.index, y.index);
    EXPECT_EQ(x.index_sha256, y.index_sha256);
    EXPECT_EQ(x.index_bytes, y.index_bytes);
    EXPECT_EQ(x.entries, y.entries);
    EXPECT_EQ(x.blocks, y.blocks);
    EXPECT_EQ(x.plain_bytes, y.plain_bytes);
    EXPECT_EQ(x.raw_bytes, y.raw_bytes);
  }
  ASSERT_EQ(a.quarantine.has_value(), b.quarantine.has_value());
  if (a.quarantine) {
    EXPECT_EQ(a.quarantine->file, b.quarantine->file);
    EXPECT_EQ(a.quarantine->sha256, b.quarantine->sha256);
    EXPECT_EQ(a.quarantine->bytes, b.quarantine->bytes);
    EXPECT_EQ(a.quarantine->records, b.quarantine->records);
  }
  ASSERT_EQ(a.sources.size(), b.sources.size());
  for (size_t i = 0; i < a.sources.size(); ++i) {
    const SourceState &x = a.sources[i], &y = b.sources[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.path, y.path);
    EXPECT_EQ(x.format, y.format);
    EXPECT_EQ(x.records_done, y.records_done);
    EXPECT_EQ(x.stored, y.stored);
    EXPECT_EQ(x.quarantined, y.quarantined);
    EXPECT_EQ(x.entries, y.entries);
    EXPECT_EQ(x.complete, y.complete);
  }
}

TEST_F(ManifestTest, SerializeAndLoadRoundTrip) {
  auto loaded = LoadManifest(dir_.path(), /*repair=*/false);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    ExpectSameCommit((*loaded)[i], written_[i]);
  }
  EXPECT_EQ((*loaded)[0].prev, kZeroHash);
  EXPECT_EQ((*loaded)[1].prev, (*loaded)[0].hash);
  EXPECT_EQ(ReadFile(head_), "{\"seq\":3,\"hash\":\"" + written_[2].hash + "\"}\n");
  // One line per commit; each line is what SerializeCommit gives.
  std::string text = ReadFile(manifest_);
  auto lines = SplitLines(text);
  ASSERT_EQ(lines.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    Commit c = written_[i];
    EXPECT_EQ(SerializeCommit(&c), std::string(lines[i]) + "\n");
    EXPECT_EQ(c.hash, written_[i].hash);
  }
}

TEST_F(ManifestTest, SerializeSetsHashOverTheLineUpToIt) {
  Commit c = MakeCommit(1, kZeroHash, true);
  std::string line = SerializeCommit(&c);
  ASSERT_EQ(c.hash.size(), 64u);
  size_t at = line.rfind(",\"hash\":\"");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(testing::Sha256Hex(line.substr(0, at)), c.hash);
  EXPECT_EQ(line.substr(at), ",\"hash\":\"" + c.hash + "\"}\n");
}

TEST(ManifestEmptyTest, NoManifestIsAnEmptyVault) {
  TempDir dir;
  auto loaded = LoadManifest(dir.path(), true);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(loaded->empty());
}

TEST_F(ManifestTest, TornLastLineIsDroppedAndRepaired) {
  const std::string good = ReadFile(manifest_);
  Commit next = MakeCommit(4, written_[2].hash, false);
  std::string line = SerializeCommit(&next);
  for (size_t cut : {size_t{1}, line.size() / 2, line.size() - 1}) {
    SCOPED_TRACE(cut);
    WriteFile(manifest_, good + line.substr(0, cut));
    auto r = LoadManifest(dir_.path(), /*repair=*/false);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->size(), 3u);
    EXPECT_EQ(ReadFile(manifest_), good + line.substr(0, cut)) << "repair=false must not write";
    r = LoadManifest(dir_.path(), /*repair=*/true);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->size(), 3u);
    EXPECT_EQ(ReadFile(manifest_), good) << "the torn line is cut off";
  }
  // After a repair the next commit appends cleanly.
  Status s = AppendCommit(dir_.path(), &next);
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto r = LoadManifest(dir_.path(), false);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 4u);
}

TEST_F(ManifestTest, CompleteLinePastHeadIsAcceptedAndHeadRepaired) {
  // A crash after the append and before HEAD was replaced.
  const std::string head_before = ReadFile(head_);
  Commit next = MakeCommit(4, written_[2].hash, true);
  WriteFile(manifest_, ReadFile(manifest_) + SerializeCommit(&next));
  auto r = LoadManifest(dir_.path(), false);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 4u);
  EXPECT_EQ(ReadFile(head_), head_before);
  r = LoadManifest(dir_.path(), true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ReadFile(head_), "{\"seq\":4,\"hash\":\"" + next.hash + "\"}\n");
}

TEST_F(ManifestTest, EditedLineIsDetected) {
  const std::string good = ReadFile(manifest_);
  const auto lines = SplitLines(good);
  const size_t line2 = lines[0].size() + 1;
  // Change one digit inside line 2 ("entries":42 -> 43).
  size_t at = good.find("\"entries\":42", line2);
  ASSERT_NE(at, std::string::npos);
  std::string bad = good;
  bad[at + 11] = '3';
  WriteFile(manifest_, bad);
  ExpectCorruption(true, "manifest.jsonl:2", "edited digit");
}

TEST_F(ManifestTest, EditedLineWithRecomputedHashBreaksTheChain) {
  // An editor who recomputes the line's own hash still breaks the link from
  // the next line (and HEAD for the last line).
  const std::string good = ReadFile(manifest_);
  auto lines = SplitLines(good);
  Commit c = written_[1];
  c.segments[0].entries = 43;
  std::string edited = SerializeCommit(&c);
  WriteFile(manifest_, std::string(lines[0]) + "\n" + edited + std::string(lines[2]) + "\n");
  ExpectCorruption(true, "manifest.jsonl:3", "re-hashed line 2");

  Commit last = written_[2];
  last.sources[0].complete = false;
  WriteFile(manifest_, std::string(lines[0]) + "\n" + std::string(lines[1]) + "\n" + SerializeCommit(&last));
  ExpectCorruption(true, "HEAD", "re-hashed last line");
}

TEST_F(ManifestTest, EveryFlippedByteIsDetected) {
  const std::string good = ReadFile(manifest_);
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    WriteFile(manifest_, bad);
    ExpectCorruption(true, "manifest.jsonl", "byte " + std::to_string(i));
  }
}

TEST_F(ManifestTest, SwappedLinesAreDetected) {
  const std::string text = ReadFile(manifest_);
  auto lines = SplitLines(text);
  WriteFile(manifest_, std::string(lines[1]) + "\n" + std::string(lines[0]) + "\n" + std::string(lines[2]) + "\n");
  ExpectCorruption(true, "manifest.jsonl:1", "lines 1 and 2 swapped");
}

TEST_F(ManifestTest, RemovedLineIsDetected) {
  const std::string text = ReadFile(manifest_);
  auto lines = SplitLines(text);
  WriteFile(manifest_, std::string(lines[0]) + "\n" + std::string(lines[2]) + "\n");
  ExpectCorruption(true, "manifest.jsonl:2", "line 2 removed");
  WriteFile(manifest_, std::string(lines[0]) + "\n" + std::string(lines[1]) + "\n");
  ExpectCorruption(true, "manifest.jsonl", "last line removed");
}

TEST_F(ManifestTest, TruncatedCommittedLineIsDetected) {
  // Unlike a torn append, HEAD says this line was committed.
  const std::string good = ReadFile(manifest_);
  for (size_t cut : {size_t{1}, size_t{5}, size_t{100}}) {
    WriteFile(manifest_, good.substr(0, good.size() - cut));
    ExpectCorruption(true, "manifest.jsonl", "cut by " + std::to_string(cut));
  }
}

TEST_F(ManifestTest, DamagedHeadIsDetected) {
  const std::string good_head = ReadFile(head_);
  const std::string hash = written_[2].hash;
  for (const std::string& bad : {std::string("{\"seq\":3,\"hash\":\"") + written_[1].hash + "\"}\n",
                                 std::string("{\"seq\":3,\"hash\":\"") + hash.substr(0, 63) + "x\"}\n",
                                 std::string("{\"seq\":3,\"hash\":\"") + hash + "\"\n", std::string("")}) {
    WriteFile(head_, bad);
    ExpectCorruption(true, "HEAD", "HEAD '" + bad + "'");
  }
  // HEAD naming an earlier commit with that commit's hash: the manifest
  // holds two commits past it, which no crash can produce.
  WriteFile(head_, "{\"seq\":1,\"hash\":\"" + written_[0].hash + "\"}\n");
  ExpectCorruption(true, "past HEAD", "HEAD two behind");
  WriteFile(head_, good_head);
  EXPECT_TRUE(LoadManifest(dir_.path(), false).ok());
}

TEST_F(ManifestTest, EveryFlippedHeadByteIsDetected) {
  const std::string good = ReadFile(head_);
  for (size_t i = 0; i < good.size(); ++i) {
    for (int bit : {0, 1, 6}) {
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      WriteFile(head_, bad);
      ExpectCorruption(true, "HEAD", "HEAD byte " + std::to_string(i) + " bit " + std::to_string(bit));
    }
  }
}

// Regression: a HEAD naming commit 0 once skipped the hash check, so in a
// one-commit vault flipping HEAD's "1" to "0" went unnoticed. HEAD is only
// ever written with seq >= 1: seq 0 is Corruption.
TEST(ManifestHeadTest, HeadWithSeqZeroIsCorruption) {
  TempDir dir;
  Commit c = MakeCommit(1, kZeroHash, false);
  ASSERT_TRUE(AppendCommit(dir.path(), &c).ok());
  const std::string head = dir.File("HEAD");
  std::string text = ReadFile(head);
  ASSERT_EQ(text.substr(0, 8), "{\"seq\":1");
  text[7] = '0';  // one flipped bit
  WriteFile(head, text);
  auto r = LoadManifest(dir.path(), /*repair=*/false);
  EXPECT_FALSE(r.ok()) << "HEAD " << text << " accepted";
  WriteFile(head, "{\"seq\":0,\"hash\":\"" + std::string(64, '7') + "\"}\n");
  r = LoadManifest(dir.path(), /*repair=*/false);
  EXPECT_FALSE(r.ok()) << "HEAD with seq 0 and a made-up hash accepted";
}

TEST_F(ManifestTest, MissingHeadWithSeveralCommitsIsDetected) {
  ASSERT_EQ(std::remove(head_.c_str()), 0);
  auto r = LoadManifest(dir_.path(), true);
  ASSERT_FALSE(r.ok()) << "three commits and no HEAD";
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace winnow::vault
