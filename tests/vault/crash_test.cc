// The crash test: `winnow ingest` killed with SIGKILL at 20 random
// moments of a multi-segment ingest and rerun each time must end with a
// vault that holds every input record exactly once.
//
// Kill moments: a scratch ingest of the same input, uninterrupted, gives the
// run's duration T and its number of commits C. For kill i a target commit
// t_i is drawn (sorted, so the 20 kills walk through the whole ingest);
// the test waits until vault/HEAD reaches t_i, then sleeps a random
// 0..2T/C (a commit interval: lands anywhere in parsing, compressing,
// encrypting, renaming, fsyncing or appending), then sends SIGKILL. Targets
// at or below the current commit kill the rerun during its start-up
// (lock, manifest repair, garbage collection, skipping committed records).
// All randomness comes from a fixed seed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "vault/manifest.h"
#include "vault/vault_test_util.h"

namespace winnow::vault {
namespace {

using namespace testing;  // NOLINT: the vault test helpers
using Clock = std::chrono::steady_clock;

constexpr int kKills = 20;
constexpr int kConversations = 2400;  // about 30 MB of JSON lines
constexpr int kMalformed = 12;        // quarantined records spread through the input

// Sorted SHA-256 of every line of `text`: the multiset of records.
std::vector<std::string> LineHashes(std::string_view text) {
  std::vector<std::string> hashes;
  for (std::string_view line : SplitLines(text)) hashes.push_back(Sha256Hex(line));
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

// The commit HEAD names, 0 if there is none yet (or it is being replaced).
uint64_t HeadSeq(const std::string& matter) {
  std::string head = ReadFile(matter + "/vault/HEAD");
  size_t at = head.find("\"seq\":");
  return at == std::string::npos ? 0 : std::strtoull(head.c_str() + at + 6, nullptr, 10);
}

// The input: conversations with long outputs, and malformed lines spread
// through it so the quarantine is crash-tested too.
std::string MakeInput() {
  LogSpec spec;
  spec.seed = 0xC0FFEE;
  spec.conversations = kConversations;
  spec.min_output_words = 200;
  spec.max_output_words = 1200;
  std::string log = GenerateOpenAiLog(spec);
  std::vector<std::string_view> lines = SplitLines(log);
  std::string out;
  size_t every = lines.size() / kMalformed;
  int bad = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    out.append(lines[i]);
    out.push_back('\n');
    if (i % every == every / 2 && bad < kMalformed) {
      out += MalformedRecords("marker-" + std::to_string(bad))[bad % 2] + "\n";
      ++bad;
    }
  }
  return out;
}

TEST(CrashTest, SigkilledIngestResumesAndStoresEveryRecordExactlyOnce) {
  TempDir dir("winnow-crash");
  ASSERT_FALSE(dir.path().empty());
  const std::string input = dir.File("input.jsonl"), key = dir.File("key.txt");
  const std::string matter = dir.File("matter"), scratch = dir.File("scratch");
  const size_t input_bytes = [&] {
    std::string text = MakeInput();
    WriteFile(input, text);
    return text.size();
  }();

  // What the vault must hold: `winnow convert` of the same input.
  ProcessResult converted = RunWinnow({"convert", input, "--quarantine", dir.File("convert-quarantine.jsonl")});
  ASSERT_EQ(converted.exit_code, 0) << converted.Describe();
  const std::vector<std::string> expected = LineHashes(converted.out);
  ASSERT_GT(expected.size(), static_cast<size_t>(kConversations));
  ASSERT_EQ(SplitLines(ReadFile(dir.File("convert-quarantine.jsonl"))).size(), static_cast<size_t>(kMalformed));
  converted = ProcessResult();

  const std::string recipient = Keygen(key);
  ASSERT_FALSE(recipient.empty());
  ASSERT_TRUE(InitMatter(matter, recipient, 4));
  ASSERT_TRUE(InitMatter(scratch, recipient, 4));
  const std::vector<std::string> ingest = {"ingest", matter, input, "--checkpoint-mb", "1"};

  // One uninterrupted run: its duration and commits calibrate the kills.
  Clock::time_point start = Clock::now();
  ProcessResult full = RunWinnow({"ingest", scratch, input, "--checkpoint-mb", "1"});
  const auto run_us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
  ASSERT_EQ(full.exit_code, 0) << full.Describe();
  InfoJson full_info = RunInfo(scratch);
  ASSERT_TRUE(full_info.ok) << full_info.error;
  const uint64_t total_commits = full_info.commits;
  ASSERT_GE(total_commits, 8u) << "the input should need many commits at --checkpoint-mb 1";
  std::filesystem::remove_all(scratch);
  const uint64_t interval_us = std::max<uint64_t>(1000, 2 * run_us / total_commits);
  std::cout << "[          ] uninterrupted ingest of " << input_bytes / 1000000 << " MB: " << run_us / 1000 << " ms, "
            << total_commits << " commits; kill phase within 0.." << interval_us / 1000 << " ms of the target commit\n";

  Rng rng(20240601);
  std::vector<uint64_t> targets;
  for (int i = 0; i < kKills; ++i) targets.push_back(rng.Uniform(total_commits - 1));
  std::sort(targets.begin(), targets.end());

  int killed = 0, exited = 0;
  uint64_t last_commits = 0;
  std::string trace;
  for (int i = 0; i < kKills; ++i) {
    const std::string log = dir.File("ingest-" + std::to_string(i) + ".err");
    const uint64_t phase_us = rng.Uniform(interval_us);
    pid_t pid = SpawnWinnow(ingest, "", log);
    ASSERT_GT(pid, 0);
    // Wait for the target commit (or for the child to end on its own).
    bool ended = false;
    int status = 0;
    const Clock::time_point deadline = Clock::now() + std::chrono::microseconds(10 * run_us) + std::chrono::seconds(30);
    while (HeadSeq(matter) < targets[i]) {
      if (Clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        WaitChild(pid);
        FAIL() << "kill " << i << ": ingest made no progress to commit " << targets[i] << ":\n" << ReadFile(log);
      }
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        ended = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (!ended) {
      std::this_thread::sleep_for(std::chrono::microseconds(phase_us));
      ::kill(pid, SIGKILL);
      ProcessResult r = WaitChild(pid);
      ended = true;
      if (r.term_signal == SIGKILL) {
        ++killed;
      } else {
        ++exited;
        EXPECT_EQ(r.exit_code, 0) << "kill " << i << ": ingest ended on its own but failed:\n" << ReadFile(log);
      }
    } else {
      ++exited;
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
          << "kill " << i << ": ingest ended on its own but failed:\n"
          << ReadFile(log);
    }
    // Every state a crash leaves must be a valid vault: info and a full
    // verification read it without repairing anything, and committed work
    // is never lost.
    InfoJson info = RunInfo(matter);
    ASSERT_TRUE(info.ok) << "after kill " << i << ": " << info.error;
    EXPECT_GE(info.commits, last_commits) << "after kill " << i << ": commits were lost";
    last_commits = info.commits;
    ProcessResult verify = RunWinnow({"export", matter, "-i", key, "--verify"});
    EXPECT_EQ(verify.exit_code, 0) << "after kill " << i << ": " << verify.Describe();
    trace += " " + std::to_string(targets[i]) + "->" + std::to_string(info.commits);
  }
  std::cout << "[          ] target commit -> commits after kill:" << trace << "\n"
            << "[          ] " << killed << " runs killed, " << exited << " ended on their own\n";
  // The kills must really interrupt ingests, or this test proves nothing.
  EXPECT_GE(killed, kKills * 3 / 4);

  // Run to completion.
  ProcessResult final_run = RunWinnow(ingest);
  ASSERT_EQ(final_run.exit_code, 0) << final_run.Describe();
  // No leftovers: no temporary file, and every age file is one the
  // manifest names (segments renamed by a killed run but never committed
  // are collected).
  auto commits = LoadManifest(matter + "/vault", /*repair=*/false);
  ASSERT_TRUE(commits.ok()) << commits.status().ToString();
  std::set<std::string> named;
  for (const Commit& c : *commits) {
    for (const SegmentRecord& s : c.segments) named.insert({matter + "/vault/" + s.file, matter + "/vault/" + s.index});
    if (c.quarantine) named.insert(matter + "/vault/" + c.quarantine->file);
  }
  std::set<std::string> on_disk;
  for (const std::string& f : ListFiles(matter)) {
    EXPECT_FALSE(f.ends_with(".tmp")) << f << " left behind by the successful run";
    if (f.ends_with(".age")) on_disk.insert(f);
  }
  EXPECT_EQ(on_disk, named) << "age files on disk differ from those the manifest names";

  // Every record exactly once: the multisets of line hashes are equal.
  ProcessResult exported = RunWinnow({"export", matter, "-i", key});
  ASSERT_EQ(exported.exit_code, 0) << exported.Describe();
  const std::vector<std::string> got = LineHashes(exported.out);
  if (got != expected) {
    std::map<std::string, int> diff;
    for (const std::string& h : expected) --diff[h];
    for (const std::string& h : got) ++diff[h];
    int missing = 0, extra = 0;
    for (const auto& [h, n] : diff) (n < 0 ? missing : extra) += std::abs(n);
    ADD_FAILURE() << "vault holds " << got.size() << " entries, convert gives " << expected.size() << ": " << missing
                  << " missing, " << extra << " extra or duplicated";
  }
  ProcessResult quarantined = RunWinnow({"export", matter, "-i", key, "--quarantine"});
  ASSERT_EQ(quarantined.exit_code, 0) << quarantined.Describe();
  EXPECT_EQ(SplitLines(quarantined.out).size(), static_cast<size_t>(kMalformed));

  InfoJson info = RunInfo(matter);
  ASSERT_TRUE(info.ok) << info.error;
  EXPECT_EQ(info.entries, expected.size());
  EXPECT_EQ(info.quarantined, static_cast<uint64_t>(kMalformed));
  EXPECT_GT(info.segments, 4u);
  ASSERT_EQ(info.sources.size(), 1u);
  EXPECT_TRUE(info.sources[0].complete);
  EXPECT_EQ(info.sources[0].records, static_cast<uint64_t>(kConversations + kMalformed));
  EXPECT_EQ(info.sources[0].stored, static_cast<uint64_t>(kConversations));
  EXPECT_EQ(info.sources[0].quarantined, static_cast<uint64_t>(kMalformed));
  EXPECT_EQ(info.sources[0].entries, expected.size());

  ProcessResult verify = RunWinnow({"export", matter, "-i", key, "--verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.Describe();

  // Once complete, a rerun is a no-op that says so.
  ProcessResult again = RunWinnow(ingest);
  EXPECT_EQ(again.exit_code, 0) << again.Describe();
  EXPECT_NE(again.err.find("already in the vault"), std::string::npos) << again.err;
  InfoJson after = RunInfo(matter);
  EXPECT_EQ(after.commits, info.commits);
}

// A crash of `winnow ingest M A B` just after A's last commit leaves the
// same vault as `winnow ingest M A` (the manifest says A is complete); the
// rerun `winnow ingest M A B` must then end where one uninterrupted run
// ends. B repeats conversation ids of A, which one run quarantines as
// duplicates.
//
// Regression: the duplicate-id set once held only ids read in the current
// run, so after a resume (or any later run) conversations repeating ids
// committed earlier were stored a second time. Commits now persist id
// fingerprints (vault/ids/), and a resumed ingest must end like one run.
TEST(CrashTest, ResumeBetweenFilesEndsLikeOneRun) {
  TempDir dir("winnow-resume");
  ASSERT_FALSE(dir.path().empty());
  LogSpec spec;
  spec.seed = 5;
  spec.conversations = 60;
  spec.max_output_words = 100;
  const std::string a = GenerateOpenAiLog(spec);
  spec.seed = 6;  // other texts, same ids conv-0 .. conv-59
  spec.conversations = 80;
  const std::string b = GenerateOpenAiLog(spec);
  const std::string file_a = dir.File("a.jsonl"), file_b = dir.File("b.jsonl"), key = dir.File("key.txt");
  WriteFile(file_a, a);
  WriteFile(file_b, b);
  const std::string recipient = Keygen(key);
  ASSERT_FALSE(recipient.empty());
  const std::string once = dir.File("once"), resumed = dir.File("resumed");
  ASSERT_TRUE(InitMatter(once, recipient, 2));
  ASSERT_TRUE(InitMatter(resumed, recipient, 2));

  ProcessResult r = RunWinnow({"ingest", once, file_a, file_b});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  r = RunWinnow({"ingest", resumed, file_a});  // the state the crash leaves
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  r = RunWinnow({"ingest", resumed, file_a, file_b});  // the rerun
  ASSERT_EQ(r.exit_code, 0) << r.Describe();

  InfoJson x = RunInfo(once), y = RunInfo(resumed);
  ASSERT_TRUE(x.ok && y.ok) << x.error << y.error;
  EXPECT_EQ(x.quarantined, 60u) << "one run quarantines B's 60 repeated ids";
  EXPECT_EQ(y.entries, x.entries) << "the resumed ingest stored other entries than one run";
  EXPECT_EQ(y.quarantined, x.quarantined);
  ProcessResult ex = RunWinnow({"export", once, "-i", key}), ey = RunWinnow({"export", resumed, "-i", key});
  ASSERT_EQ(ex.exit_code, 0) << ex.Describe();
  ASSERT_EQ(ey.exit_code, 0) << ey.Describe();
  EXPECT_TRUE(LineHashes(ex.out) == LineHashes(ey.out)) << "the vaults hold different entries";
}

}  // namespace
}  // namespace winnow::vault
