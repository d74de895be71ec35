// The tamper test: a changed, missing, reordered or truncated byte
// in any segment, index, quarantine file, the manifest or HEAD is reported
// by `winnow export --verify` (and by the reads that touch it) with a
// non-zero exit and a message naming the damaged file, and for a segment's
// payload the block. Each damage is applied to a fresh copy of one vault
// built with several commits, two shards and some quarantined records.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "vault/manifest.h"
#include "vault/vault_test_util.h"

namespace winnow::vault {
namespace {

using namespace testing;  // NOLINT: the vault test helpers
namespace fs = std::filesystem;

// Byte offset just past the age header ("--- MAC\n") of an age file.
size_t AgeHeaderEnd(const std::string& bytes) {
  size_t mac = bytes.find("\n--- ");
  if (mac == std::string::npos) return std::string::npos;
  size_t nl = bytes.find('\n', mac + 1);
  return nl == std::string::npos ? nl : nl + 1;
}

void FlipByte(const std::string& path, size_t at) {
  std::string bytes = ReadFile(path);
  ASSERT_LT(at, bytes.size()) << path;
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
  WriteFile(path, bytes);
}

void Truncate(const std::string& path, size_t by) {
  std::string bytes = ReadFile(path);
  ASSERT_LE(by, bytes.size()) << path;
  WriteFile(path, std::string_view(bytes).substr(0, bytes.size() - by));
}

void SwapFiles(const std::string& a, const std::string& b) {
  std::string x = ReadFile(a), y = ReadFile(b);
  ASSERT_NE(x, y);
  WriteFile(a, y);
  WriteFile(b, x);
}

// Rewrites a JSON-lines file with its lines in the order `order` (0-based;
// lines not listed are dropped).
void Reorder(const std::string& path, const std::vector<size_t>& order) {
  std::string text = ReadFile(path);
  std::vector<std::string_view> lines = SplitLines(text);
  std::string out;
  for (size_t i : order) {
    ASSERT_LT(i, lines.size());
    out.append(lines[i]);
    out.push_back('\n');
  }
  WriteFile(path, out);
}

class TamperTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("winnow-tamper");
    ASSERT_FALSE(dir_->path().empty());
    key_ = dir_->File("key.txt");
    matter_ = dir_->File("matter");
    LogSpec spec;
    spec.seed = 77;
    spec.conversations = 550;  // about 7 MB: several commits at --checkpoint-mb 1
    spec.min_output_words = 200;
    spec.max_output_words = 1200;
    std::string log = GenerateOpenAiLog(spec);
    // Malformed records in several commits, so several quarantine files.
    std::vector<std::string_view> lines = SplitLines(log);
    std::string input;
    for (size_t i = 0; i < lines.size(); ++i) {
      input.append(lines[i]);
      input.push_back('\n');
      if (i % 100 == 50) input += MalformedRecords("bad-" + std::to_string(i))[i % 2] + "\n";
    }
    const std::string input_path = dir_->File("input.jsonl");
    WriteFile(input_path, input);
    std::string recipient = Keygen(key_);
    ASSERT_FALSE(recipient.empty());
    ASSERT_TRUE(InitMatter(matter_, recipient, 2));
    ProcessResult r = RunWinnow({"ingest", matter_, input_path, "--checkpoint-mb", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.Describe();

    auto commits = LoadManifest(matter_ + "/vault", false);
    ASSERT_TRUE(commits.ok()) << commits.status().ToString();
    commits_ = new std::vector<Commit>(std::move(*commits));
    ProcessResult exported = RunWinnow({"export", matter_, "-i", key_});
    ASSERT_EQ(exported.exit_code, 0) << exported.Describe();
    export_ = new std::string(std::move(exported.out));
  }

  static void TearDownTestSuite() {
    delete dir_;
    delete commits_;
    delete export_;
    dir_ = nullptr;
    commits_ = nullptr;
    export_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(commits_, nullptr) << "the vault could not be built";
    ASSERT_GE(commits_->size(), 3u) << "want several commits";
    for (const Commit& c : *commits_) {
      if (c.quarantine && quarantine_.empty()) quarantine_ = c.quarantine->file;
    }
    ASSERT_FALSE(quarantine_.empty()) << "want a quarantine file";
  }

  // A segment record of commit `commit` (a middle one by default).
  static const SegmentRecord& Segment(size_t commit, size_t i = 0) { return (*commits_)[commit].segments.at(i); }

  // The id of the first entry of `seg`, from the export of the intact vault
  // (entries come in commit, shard and block order).
  static std::string FirstEntryOf(const SegmentRecord& seg) {
    size_t before = 0;
    for (const Commit& c : *commits_) {
      for (const SegmentRecord& s : c.segments) {
        if (s.file == seg.file) {
          std::string_view line = SplitLines(*export_).at(before);
          size_t at = line.find("\"entry_id\":\"");
          return at == std::string_view::npos ? "" : std::string(line.substr(at + 12, 24));
        }
        before += s.entries;
      }
    }
    return "";
  }

  struct Expect {
    std::vector<std::string> names = {};  // stderr names at least one of these
    bool block = false;                   // and says "block"
    bool info = false;                    // `winnow info` fails too (manifest, HEAD)
    std::string entry = {};               // `export --entry` of this id fails too
    std::vector<std::string> read = {};   // this read (export arguments) fails too
  };

  // Copies the vault, damages the copy with `damage(vault_dir)`, and checks
  // that the reads fail with messages as `expect` says.
  void Check(const std::string& what, const std::function<void(const std::string&)>& damage, const Expect& expect) {
    SCOPED_TRACE(what);
    const std::string copy = dir_->File("copy");
    fs::remove_all(copy);
    fs::copy(matter_, copy, fs::copy_options::recursive);
    damage(copy + "/vault");
    if (::testing::Test::HasFatalFailure()) return;

    auto check = [&](const std::vector<std::string>& args, bool want_block) {
      ProcessResult r = RunWinnow(args);
      std::string cmd;
      for (const std::string& a : args) cmd += " " + a;
      EXPECT_NE(r.exit_code, 0) << what << ": winnow" << cmd << " succeeded on a damaged vault";
      EXPECT_EQ(r.term_signal, 0) << what << ": winnow" << cmd << " crashed: " << r.err;
      bool named = false;
      for (const std::string& n : expect.names) named = named || r.err.find(n) != std::string::npos;
      EXPECT_TRUE(named) << what << ": winnow" << cmd
                         << ": the message names none of: " << ::testing::PrintToString(expect.names) << "\n"
                         << r.err;
      if (want_block) {
        EXPECT_NE(r.err.find("block"), std::string::npos) << what << ": no block named:\n" << r.err;
      }
    };
    check({"export", copy, "-i", key_, "--verify"}, expect.block);
    if (expect.info) check({"info", copy}, false);
    if (!expect.entry.empty()) check({"export", copy, "-i", key_, "--entry", expect.entry}, expect.block);
    if (!expect.read.empty()) {
      std::vector<std::string> args = {"export", copy, "-i", key_};
      args.insert(args.end(), expect.read.begin(), expect.read.end());
      check(args, expect.block);
    }
  }

  // How a message names a file of the copy: its path from the matter on.
  static std::string Named(const std::string& rel) { return "copy/vault/" + rel; }

  static TempDir* dir_;
  static std::string key_, matter_;
  static std::vector<Commit>* commits_;
  static std::string* export_;
  std::string quarantine_;
};

TempDir* TamperTest::dir_ = nullptr;
std::string TamperTest::key_, TamperTest::matter_;
std::vector<Commit>* TamperTest::commits_ = nullptr;
std::string* TamperTest::export_ = nullptr;

TEST_F(TamperTest, IntactVaultVerifies) {
  ProcessResult r = RunWinnow({"export", matter_, "-i", key_, "--verify"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  // The fixture is what the other tests assume: multi-block segments.
  uint64_t max_blocks = 0;
  for (const Commit& c : *commits_) {
    for (const SegmentRecord& s : c.segments) max_blocks = std::max(max_blocks, s.blocks);
  }
  EXPECT_GE(max_blocks, 2u);
  EXPECT_GT(Segment(1).bytes, 2u * 65536) << "the payload should span several age chunks";
}

// The baseline the --entry checks below rely on: random access returns the
// very lines the full export gives, from every segment.
TEST_F(TamperTest, IntactVaultRandomAccessMatchesExport) {
  std::vector<std::string_view> lines = SplitLines(*export_);
  ASSERT_GT(lines.size(), 100u);
  std::vector<std::string> args = {"export", matter_, "-i", key_}, want;
  for (size_t i = 0; i < lines.size(); i += lines.size() / 37) {
    size_t at = lines[i].find("\"entry_id\":\"");
    ASSERT_NE(at, std::string_view::npos);
    args.push_back("--entry");
    args.push_back(std::string(lines[i].substr(at + 12, 24)));
    want.emplace_back(lines[i]);
  }
  ProcessResult r = RunWinnow(args);
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  std::vector<std::string> got;
  for (std::string_view l : SplitLines(r.out)) got.emplace_back(l);
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
}

TEST_F(TamperTest, SegmentByteFlipped) {
  const SegmentRecord& seg = Segment(1);
  const std::string rel = seg.file;
  const std::string bytes = ReadFile(matter_ + "/vault/" + rel);
  const size_t header_end = AgeHeaderEnd(bytes);
  ASSERT_NE(header_end, std::string::npos);
  const std::string mac_line = "\n--- ";
  const size_t mac_at = bytes.find(mac_line) + mac_line.size() + 5;
  const std::string entry = FirstEntryOf(seg);
  ASSERT_EQ(entry.size(), 24u);

  Check("segment header (recipient stanza)", [&](const std::string& v) { FlipByte(v + "/" + rel, 40); },
        {.names = {Named(rel)}, .entry = entry, .read = {"--output", "-"}});
  Check("segment header (MAC)", [&](const std::string& v) { FlipByte(v + "/" + rel, mac_at); },
        {.names = {Named(rel)}, .entry = entry});
  Check("segment payload nonce", [&](const std::string& v) { FlipByte(v + "/" + rel, header_end + 3); },
        {.names = {Named(rel)}, .block = true, .entry = entry});
  Check("segment payload, first chunk", [&](const std::string& v) { FlipByte(v + "/" + rel, header_end + 16 + 100); },
        {.names = {Named(rel)}, .block = true, .entry = entry, .read = {"--output", "-"}});
  Check("segment payload, middle",
        [&](const std::string& v) { FlipByte(v + "/" + rel, header_end + (bytes.size() - header_end) / 2); },
        {.names = {Named(rel)}, .block = true, .read = {"--output", "-"}});
  Check("segment payload, last byte", [&](const std::string& v) { FlipByte(v + "/" + rel, bytes.size() - 1); },
        {.names = {Named(rel)}, .read = {"--output", "-"}});
}

TEST_F(TamperTest, IndexByteFlipped) {
  const SegmentRecord& seg = Segment(1, 1);
  const std::string rel = seg.index;
  const std::string entry = FirstEntryOf(seg);
  const size_t size = ReadFile(matter_ + "/vault/" + rel).size();
  for (size_t at : {size_t{30}, size / 2, size - 1}) {
    Check("index byte " + std::to_string(at), [&](const std::string& v) { FlipByte(v + "/" + rel, at); },
          {.names = {Named(rel)}, .entry = entry, .read = {"--output", "-"}});
  }
}

TEST_F(TamperTest, QuarantineByteFlipped) {
  const std::string rel = quarantine_;
  const size_t size = ReadFile(matter_ + "/vault/" + rel).size();
  for (size_t at : {size_t{40}, size / 2, size - 1}) {
    Check("quarantine byte " + std::to_string(at), [&](const std::string& v) { FlipByte(v + "/" + rel, at); },
          {.names = {Named(rel)}, .read = {"--quarantine"}});
  }
}

TEST_F(TamperTest, ManifestByteFlipped) {
  const std::string text = ReadFile(matter_ + "/vault/manifest.jsonl");
  const std::vector<std::string_view> lines = SplitLines(text);
  const size_t line2 = lines[0].size() + 1;
  const size_t last = text.size() - lines.back().size() - 1;
  for (size_t at : {size_t{10}, lines[0].size(), line2 + lines[1].size() / 2, last + 30, text.size() - 1}) {
    Check("manifest byte " + std::to_string(at), [&](const std::string& v) { FlipByte(v + "/manifest.jsonl", at); },
          {.names = {Named("manifest.jsonl")}, .info = true, .read = {"--output", "-"}});
  }
}

TEST_F(TamperTest, HeadByteFlipped) {
  const std::string head = ReadFile(matter_ + "/vault/HEAD");
  const size_t seq = head.find("\"seq\":") + 6, hash = head.find("\"hash\":\"") + 10;
  for (size_t at : {size_t{0}, seq, hash, head.size() - 2}) {
    Check("HEAD byte " + std::to_string(at), [&](const std::string& v) { FlipByte(v + "/HEAD", at); },
          {.names = {Named("HEAD")}, .info = true, .read = {"--output", "-"}});
  }
}

TEST_F(TamperTest, FilesTruncated) {
  const SegmentRecord& seg = Segment(1);
  Check("segment cut by 3 bytes", [&](const std::string& v) { Truncate(v + "/" + seg.file, 3); },
        {.names = {Named(seg.file)}, .read = {"--output", "-"}});
  Check("segment cut by 70000 bytes", [&](const std::string& v) { Truncate(v + "/" + seg.file, 70000); },
        {.names = {Named(seg.file)}});
  Check("index cut by 3 bytes", [&](const std::string& v) { Truncate(v + "/" + seg.index, 3); },
        {.names = {Named(seg.index)}, .entry = FirstEntryOf(seg)});
  Check("quarantine cut by 3 bytes", [&](const std::string& v) { Truncate(v + "/" + quarantine_, 3); },
        {.names = {Named(quarantine_)}, .read = {"--quarantine"}});
  Check("manifest cut by 3 bytes", [&](const std::string& v) { Truncate(v + "/manifest.jsonl", 3); },
        {.names = {Named("manifest.jsonl")}, .info = true});
  Check("manifest cut by its last line",
        [&](const std::string& v) {
          const std::string path = v + "/manifest.jsonl";
          Truncate(path, SplitLines(ReadFile(path)).back().size() + 1);
        },
        {.names = {Named("manifest.jsonl")}, .info = true});
}

TEST_F(TamperTest, FilesExtended) {
  const SegmentRecord& seg = Segment(1);
  Check("segment with a byte appended",
        [&](const std::string& v) { WriteFile(v + "/" + seg.file, ReadFile(v + "/" + seg.file) + "x"); },
        {.names = {Named(seg.file)}});
  Check("manifest with a line appended",
        [&](const std::string& v) {
          const std::string path = v + "/manifest.jsonl";
          std::string text = ReadFile(path);
          WriteFile(path, text + std::string(SplitLines(text).back()) + "\n");
        },
        {.names = {Named("manifest.jsonl")}, .info = true});
}

TEST_F(TamperTest, FilesSwapped) {
  const SegmentRecord &a = Segment(0), &b = Segment(2);
  Check("two segments swapped", [&](const std::string& v) { SwapFiles(v + "/" + a.file, v + "/" + b.file); },
        {.names = {Named(a.file), Named(b.file)}, .entry = FirstEntryOf(a), .read = {"--output", "-"}});
  Check("two indexes swapped", [&](const std::string& v) { SwapFiles(v + "/" + a.index, v + "/" + b.index); },
        {.names = {Named(a.index), Named(b.index)}, .entry = FirstEntryOf(b)});
  const SegmentRecord &s0 = Segment(1, 0), &s1 = Segment(1, 1);
  Check("segments of two shards swapped",
        [&](const std::string& v) { SwapFiles(v + "/" + s0.file, v + "/" + s1.file); },
        {.names = {Named(s0.file), Named(s1.file)}});
  Check("manifest lines 1 and 2 swapped",
        [&](const std::string& v) {
          const std::string path = v + "/manifest.jsonl";
          std::vector<size_t> order;
          for (size_t i = 0; i < commits_->size(); ++i) order.push_back(i);
          std::swap(order[0], order[1]);
          Reorder(path, order);
        },
        {.names = {Named("manifest.jsonl")}, .info = true});
  Check("manifest last two lines swapped",
        [&](const std::string& v) {
          std::vector<size_t> order;
          for (size_t i = 0; i < commits_->size(); ++i) order.push_back(i);
          std::swap(order[order.size() - 2], order[order.size() - 1]);
          Reorder(v + "/manifest.jsonl", order);
        },
        {.names = {Named("manifest.jsonl")}, .info = true});
}

TEST_F(TamperTest, FilesDeleted) {
  const SegmentRecord& seg = Segment(1);
  Check("segment deleted", [&](const std::string& v) { fs::remove(v + "/" + seg.file); },
        {.names = {Named(seg.file)}, .entry = FirstEntryOf(seg), .read = {"--output", "-"}});
  Check("index deleted", [&](const std::string& v) { fs::remove(v + "/" + seg.index); },
        {.names = {Named(seg.index)}, .entry = FirstEntryOf(seg)});
  Check("quarantine deleted", [&](const std::string& v) { fs::remove(v + "/" + quarantine_); },
        {.names = {Named(quarantine_)}, .read = {"--quarantine"}});
  Check("manifest line 2 deleted",
        [&](const std::string& v) {
          std::vector<size_t> order;
          for (size_t i = 0; i < commits_->size(); ++i)
            if (i != 1) order.push_back(i);
          Reorder(v + "/manifest.jsonl", order);
        },
        {.names = {Named("manifest.jsonl")}, .info = true});
  Check("manifest deleted", [&](const std::string& v) { fs::remove(v + "/manifest.jsonl"); },
        {.names = {Named("manifest.jsonl")}, .info = true});
  // "manifest.jsonl: 5 commits past HEAD": which of the two is damaged cannot be known.
  Check("HEAD deleted", [&](const std::string& v) { fs::remove(v + "/HEAD"); },
        {.names = {Named("HEAD"), "commits past HEAD"}, .info = true});
}

}  // namespace
}  // namespace winnow::vault
