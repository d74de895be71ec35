// The C2SP CCTV age test vectors (shared/testdata/age): every vector of a
// kind this module implements is decrypted and its outcome and released
// plaintext checked. Armored (armor_*) and post-quantum (hybrid*) vectors
// are skipped, by name, with the reason.

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

#include "crypto/header.h"
#include "crypto/age_test_util.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

using testing::Sha256Hex;

std::string VectorDir() { return std::string(WINNOW_TESTDATA) + "/age"; }

// Why a vector is not run, or empty if it is.
std::string SkipReason(const std::string& name) {
  if (name.starts_with("armor")) return "ASCII armor is not implemented";
  if (name.starts_with("hybrid")) return "post-quantum (mlkem768x25519) keys are not implemented";
  return "";
}

std::vector<std::string> ListVectors() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(VectorDir(), ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.find('.') != std::string::npos || name == "README") continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Vector {
  std::multimap<std::string, std::string> fields;
  std::vector<uint8_t> file;  // the age file, decompressed

  std::string Get(const std::string& key) const {
    auto it = fields.find(key);
    return it == fields.end() ? std::string() : it->second;
  }
};

bool Inflate(std::span<const uint8_t> in, std::vector<uint8_t>* out) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return false;
  zs.next_in = const_cast<uint8_t*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  uint8_t buf[1 << 16];
  while (rc == Z_OK) {
    zs.next_out = buf;
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out->insert(out->end(), buf, buf + (sizeof buf - zs.avail_out));
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END;
}

::testing::AssertionResult LoadVector(const std::string& name, Vector* v) {
  const std::vector<uint8_t> raw = testing::ReadFileBytes(VectorDir() + "/" + name);
  const std::string_view text(reinterpret_cast<const char*>(raw.data()), raw.size());
  const size_t end = text.find("\n\n");
  if (end == std::string_view::npos) return ::testing::AssertionFailure() << "no blank line";
  size_t pos = 0;
  while (pos < end) {
    const size_t nl = text.find('\n', pos);
    const std::string_view line = text.substr(pos, nl - pos);
    const size_t colon = line.find(": ");
    if (colon == std::string_view::npos) return ::testing::AssertionFailure() << "bad line " << line;
    v->fields.emplace(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
    pos = nl + 1;
  }
  std::span<const uint8_t> body(raw.data() + end + 2, raw.size() - end - 2);
  if (v->Get("compressed") == "zlib") {
    if (!Inflate(body, &v->file)) return ::testing::AssertionFailure() << "bad zlib data";
  } else {
    v->file.assign(body.begin(), body.end());
  }
  return ::testing::AssertionSuccess();
}

class AgeCctvTest : public ::testing::TestWithParam<std::string> {};

TEST_P(AgeCctvTest, Vector) {
  const std::string& name = GetParam();
  if (const std::string why = SkipReason(name); !why.empty()) GTEST_SKIP() << name << ": " << why;
  Vector v;
  ASSERT_TRUE(LoadVector(name, &v));
  SCOPED_TRACE(name + " (" + v.Get("comment") + ")");

  std::vector<std::unique_ptr<Identity>> owned;
  for (auto [it, last] = v.fields.equal_range("identity"); it != last; ++it) {
    StatusOr<X25519Identity> id = X25519Identity::Parse(it->second);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    owned.push_back(std::make_unique<X25519Identity>(std::move(*id)));
  }
  for (auto [it, last] = v.fields.equal_range("passphrase"); it != last; ++it) {
    owned.push_back(std::make_unique<ScryptIdentity>(it->second));
  }
  if (owned.empty()) {  // e.g. "empty": the header fails before any key is needed
    StatusOr<X25519Identity> id = X25519Identity::Generate();
    ASSERT_TRUE(id.ok());
    owned.push_back(std::make_unique<X25519Identity>(std::move(*id)));
  }
  std::vector<const Identity*> ids;
  for (const auto& id : owned) ids.push_back(id.get());

  // Streaming, whole-chunk reads (decrypts straight into the output).
  std::vector<uint8_t> plaintext;
  const Status status = DecryptBuffer(v.file, ids, &plaintext);
  const std::string expect = v.Get("expect");
  EXPECT_EQ(FailureName(FailureOf(status)), expect) << status.ToString();
  if (!v.Get("payload").empty()) {
    EXPECT_EQ(Sha256Hex(plaintext), v.Get("payload"));
  }
  if (expect != "success" && expect != "payload failure") {
    EXPECT_TRUE(plaintext.empty());
  }

  // Streaming again with small reads, through the internal plaintext buffer.
  {
    SpanSource source(v.file);
    StatusOr<std::unique_ptr<Decryptor>> d = Decryptor::Open(&source, ids);
    std::vector<uint8_t> small;
    Status small_status = d.status();
    while (d.ok()) {
      uint8_t buf[1000];
      StatusOr<size_t> n = (*d)->Read(buf);
      if (!n.ok()) {
        small_status = n.status();
        break;
      }
      if (*n == 0) break;
      small.insert(small.end(), buf, buf + *n);
    }
    EXPECT_EQ(FailureOf(small_status), FailureOf(status)) << small_status.ToString();
    EXPECT_EQ(small, plaintext);
  }

  // Random access: every chunk of a good file, and never all chunks of a bad
  // payload (random access is strict: no trailing data, no unmarked end).
  SpanSource source(v.file);
  StatusOr<std::unique_ptr<RandomAccessDecryptor>> ra = RandomAccessDecryptor::Open(&source, ids);
  if (expect == "success") {
    ASSERT_TRUE(ra.ok()) << ra.status().ToString();
    std::vector<uint8_t> all, chunk(kChunkSize);
    for (uint64_t i = 0; i < (*ra)->chunk_count(); ++i) {
      StatusOr<size_t> n = (*ra)->ReadChunk(i, chunk);
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      all.insert(all.end(), chunk.begin(), chunk.begin() + *n);
    }
    EXPECT_EQ(all, plaintext);
    EXPECT_EQ((*ra)->plaintext_size(), plaintext.size());
  } else if (expect == "payload failure") {
    bool failed = !ra.ok();
    if (!failed) {
      std::vector<uint8_t> chunk(kEncryptedChunkSize);
      for (uint64_t i = 0; i < (*ra)->chunk_count() && !failed; ++i) failed = !(*ra)->ReadChunk(i, chunk).ok();
    }
    EXPECT_TRUE(failed);
  } else {
    EXPECT_EQ(FailureOf(ra.status()), FailureOf(status)) << ra.status().ToString();
  }

  // Header round trip: any header that parses re-encodes to the same bytes.
  if (expect != "header failure") {
    const std::string_view bytes(reinterpret_cast<const char*>(v.file.data()), v.file.size());
    StatusOr<Header> header = ParseHeader(bytes);
    ASSERT_TRUE(header.ok()) << header.status().ToString();
    StatusOr<std::string> encoded = EncodeHeaderWithoutMac(header->stanzas);
    ASSERT_TRUE(encoded.ok());
    EXPECT_EQ(*encoded, bytes.substr(0, header->mac_input_size));
  }
}

std::string VectorName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

INSTANTIATE_TEST_SUITE_P(Cctv, AgeCctvTest, ::testing::ValuesIn(ListVectors()), VectorName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AgeCctvTest);

// Says what ran and what was skipped, by kind; skips if the data is absent.
TEST(AgeCctvSummaryTest, Coverage) {
  const std::vector<std::string> names = ListVectors();
  if (names.empty()) GTEST_SKIP() << "CCTV age vectors not found in " << VectorDir();
  std::map<std::string, int> run, skipped;
  for (const std::string& name : names) {
    const std::string kind = name.substr(0, name.find('_'));
    (SkipReason(name).empty() ? run : skipped)[kind]++;
  }
  std::string summary = "CCTV age vectors: " + std::to_string(names.size()) + " total; run:";
  for (const auto& [kind, n] : run) summary += " " + kind + "=" + std::to_string(n);
  summary += "; skipped:";
  for (const auto& [kind, n] : skipped) summary += " " + kind + "=" + std::to_string(n) + " (" + SkipReason(kind) + ")";
  std::cout << summary << "\n";
  RecordProperty("summary", summary);
  EXPECT_GT(run.size(), 0u);
}

}  // namespace
}  // namespace winnow::age
