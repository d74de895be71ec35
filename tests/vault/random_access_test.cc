// Random access to vault entries (`winnow export --entry`, VaultReader::
// GetEntries) must not trust a segment the manifest does not vouch for.
// (Random access on an intact vault, and on damaged ones, is checked in
// tamper_test.cc.)
#include <gtest/gtest.h>
#include <zstd.h>

#include <algorithm>

#include "vault/manifest.h"
#include "vault/segment_index.h"
#include "vault/vault_test_util.h"
#include "winnow/age.h"

namespace winnow::vault {
namespace {

using namespace testing;  // NOLINT: the vault test helpers

// A segment replaced by a re-encryption of its plaintext with one entry's
// text changed. Anyone with the matter's public recipient (an ingest
// machine holds nothing else) can make one; the block keeps its compressed
// size, so the index still fits. `export --verify` catches it (SHA-256 of
// the file); the random-access read must catch it too.
//
// Regression: random access once trusted any well-formed age file in place
// of a segment (chunk tags hold for a file re-encrypted to the public
// recipients), so `export --entry` printed a forged line. The segment is now
// checked against the manifest's SHA-256 before a line is handed out.
TEST(RandomAccessTest, ReencryptedSegmentWithForgedEntryIsDetected) {
  TempDir dir("winnow-random-access");
  ASSERT_FALSE(dir.path().empty());
  const std::string key = dir.File("key.txt"), matter = dir.File("matter"), input = dir.File("input.jsonl");
  LogSpec spec;
  spec.seed = 31;
  spec.conversations = 100;
  WriteFile(input, GenerateOpenAiLog(spec));
  const std::string recipient_text = Keygen(key);
  ASSERT_FALSE(recipient_text.empty());
  ASSERT_TRUE(InitMatter(matter, recipient_text, 1));
  ProcessResult ingested = RunWinnow({"ingest", matter, input});
  ASSERT_EQ(ingested.exit_code, 0) << ingested.Describe();
  auto commits = LoadManifest(matter + "/vault", false);
  ASSERT_TRUE(commits.ok()) << commits.status().ToString();
  const SegmentRecord seg = commits->at(0).segments.at(0);
  // The segment's first entry: the first line the full export gives.
  ProcessResult all = RunWinnow({"export", matter, "-i", key});
  ASSERT_EQ(all.exit_code, 0) << all.Describe();
  const size_t id_at = all.out.find("\"entry_id\":\"");
  ASSERT_NE(id_at, std::string::npos);
  const std::string entry = all.out.substr(id_at + 12, 24);

  auto ids = age::ReadIdentityFile(key);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  const age::Identity* id_ptrs[] = {&(*ids)[0]};
  const age::X25519Recipient recipient = (*ids)[0].recipient();
  const age::Recipient* recipients[] = {&recipient};
  auto decrypt = [&](const std::string& path, std::vector<uint8_t>* plain) {
    std::string bytes = ReadFile(path);
    Status st = age::DecryptBuffer({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}, id_ptrs, plain);
    ASSERT_TRUE(st.ok()) << path << ": " << st.ToString();
  };
  std::vector<uint8_t> index_plain, plain;
  decrypt(matter + "/vault/" + seg.index, &index_plain);
  decrypt(matter + "/vault/" + seg.file, &plain);
  auto index = DecodeSegmentIndex({reinterpret_cast<const char*>(index_plain.data()), index_plain.size()}, "idx");
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  const BlockInfo& b = index->blocks.at(0);

  // Change one letter of the first line's output, keeping the frame's size.
  std::string raw(b.raw_size, '\0');
  ASSERT_EQ(ZSTD_decompress(raw.data(), raw.size(), plain.data() + b.offset, b.stored_size), raw.size());
  const size_t output_at = raw.find("\"output\":\"");
  ASSERT_NE(output_at, std::string::npos);
  std::string frame(ZSTD_compressBound(raw.size()), '\0');
  std::string forged_line;
  for (size_t at = output_at + 10; at < raw.find('\n') && forged_line.empty(); ++at) {
    if (raw[at] < 'a' || raw[at] > 'y') continue;
    std::string forged = raw;
    forged[at] = static_cast<char>(forged[at] + 1);
    size_t n = ZSTD_compress(frame.data(), frame.size(), forged.data(), forged.size(), 1);
    if (ZSTD_isError(n) || n != b.stored_size) continue;
    std::copy(frame.begin(), frame.begin() + n, plain.begin() + b.offset);
    forged_line = forged.substr(0, forged.find('\n'));
  }
  // The vault is generated deterministically, so a forgery is always found;
  // without one this regression test would prove nothing.
  ASSERT_FALSE(forged_line.empty()) << "no one-letter change kept the block's compressed size";
  auto forged_file = age::EncryptBuffer(plain, recipients);
  ASSERT_TRUE(forged_file.ok()) << forged_file.status().ToString();
  const std::string bytes(forged_file->begin(), forged_file->end());

  WriteFile(matter + "/vault/" + seg.file, bytes);
  ProcessResult verify = RunWinnow({"export", matter, "-i", key, "--verify"});
  EXPECT_NE(verify.exit_code, 0) << verify.Describe();
  EXPECT_NE(verify.err.find("vault/" + seg.file), std::string::npos) << verify.err;
  ProcessResult r = RunWinnow({"export", matter, "-i", key, "--entry", entry});
  EXPECT_NE(r.exit_code, 0) << "random access served a replaced segment; it printed the forged line: "
                            << (r.out == forged_line + "\n" ? "yes" : "no");
  EXPECT_NE(r.err.find("vault/" + seg.file), std::string::npos) << r.err;
}

}  // namespace
}  // namespace winnow::vault
