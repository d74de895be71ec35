#include "winnow/matter.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "crypto/age_test_util.h"
#include "matter/matter_toml.h"

namespace winnow {
namespace {

using age::testing::TempDir;

constexpr char kRecipient[] = "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef";
constexpr char kIdentity[] = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";

std::string OtherRecipient() { return age::X25519Identity::Generate()->recipient().ToString(); }

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

mode_t ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

bool Contains(const Status& s, const std::string& part) { return s.message().find(part) != std::string::npos; }

TEST(MatterTest, CreateThenOpenRoundTrips) {
  TempDir dir;
  const std::string path = dir.File("m");
  const std::string escrow = OtherRecipient();
  StatusOr<std::unique_ptr<Matter>> created = Matter::Create(path, {kRecipient, escrow}, 8);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const MatterConfig& c = (*created)->config();
  EXPECT_EQ(c.format_version, 1);
  EXPECT_EQ(c.matter_id.size(), 32u);
  EXPECT_EQ(c.matter_id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(c.created.size(), 20u);
  EXPECT_EQ(c.created.back(), 'Z');
  EXPECT_EQ((*created)->recipients().size(), 2u);
  EXPECT_EQ(ModeOf(path + "/vault"), 0700u);
  EXPECT_EQ(ModeOf(path), 0700u);
  EXPECT_EQ(ModeOf(path + "/matter.toml"), 0600u);

  StatusOr<std::unique_ptr<Matter>> opened = Matter::Open(path + "/");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)->path(), path);
  EXPECT_EQ((*opened)->config().matter_id, c.matter_id);
  EXPECT_EQ((*opened)->config().created, c.created);
  EXPECT_EQ((*opened)->config().recipients, (std::vector<std::string>{kRecipient, escrow}));
  EXPECT_EQ((*opened)->config().shards, 8);
  EXPECT_EQ((*opened)->Path("vault"), path + "/vault");

  // The matter encrypts to both recipients, and the custodian's key opens it.
  std::vector<uint8_t> file = *age::EncryptBuffer(age::testing::Bytes("x"), (*opened)->recipients());
  StatusOr<age::X25519Identity> id = age::X25519Identity::Parse(kIdentity);
  const age::Identity* ids[] = {&*id};
  std::vector<uint8_t> plain;
  EXPECT_TRUE(age::DecryptBuffer(file, ids, &plain).ok());

  // Nothing is left beside it.
  size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) entries += e.path().filename() != "m";
  EXPECT_EQ(entries, 0u);
}

TEST(MatterTest, MatterIdsDiffer) {
  TempDir dir;
  auto a = Matter::Create(dir.File("a"), {kRecipient}, 1);
  auto b = Matter::Create(dir.File("b"), {kRecipient}, 1);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE((*a)->config().matter_id, (*b)->config().matter_id);
}

TEST(MatterTest, DuplicateRecipientsAreDropped) {
  TempDir dir;
  auto m = Matter::Create(dir.File("m"), {kRecipient, kRecipient}, 4);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ((*m)->config().recipients.size(), 1u);
}

TEST(MatterTest, CreateRefusesBadArguments) {
  TempDir dir;
  const std::string path = dir.File("m");
  auto none = Matter::Create(path, {}, 16);
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);

  auto bad = Matter::Create(path, {kRecipient, "age1notakey"}, 16);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(bad.status(), "age1notakey")) << bad.status().message();

  auto secret = Matter::Create(path, {kIdentity}, 16);
  EXPECT_EQ(secret.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(secret.status(), "secret key")) << secret.status().message();
  EXPECT_FALSE(Contains(secret.status(), kIdentity + 16)) << "the message must not repeat the key";

  auto lower_secret = Matter::Create(path, {"age-secret-key-1qqqq"}, 16);
  EXPECT_TRUE(Contains(lower_secret.status(), "secret key"));

  auto ssh = Matter::Create(path, {"ssh-ed25519 AAAAC3Nza"}, 16);
  EXPECT_TRUE(Contains(ssh.status(), "SSH")) << ssh.status().message();

  for (int shards : {0, -1, 4097}) {
    EXPECT_EQ(Matter::Create(path, {kRecipient}, shards).status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_FALSE(std::filesystem::exists(path)) << "a refused Create leaves nothing";
}

TEST(MatterTest, CreateRefusesExistingContent) {
  TempDir dir;
  const std::string path = dir.File("m");
  ASSERT_TRUE(Matter::Create(path, {kRecipient}, 2).ok());
  auto again = Matter::Create(path, {kRecipient}, 2);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(Contains(again.status(), path)) << again.status().message();

  const std::string other = dir.File("other");
  ASSERT_TRUE(std::filesystem::create_directory(other));
  WriteText(other + "/notes.txt", "x");
  EXPECT_EQ(Matter::Create(other, {kRecipient}, 2).status().code(), StatusCode::kAlreadyExists);

  const std::string file = dir.File("file");
  WriteText(file, "x");
  EXPECT_EQ(Matter::Create(file, {kRecipient}, 2).status().code(), StatusCode::kAlreadyExists);

  EXPECT_EQ(Matter::Create(dir.File("no/such/parent"), {kRecipient}, 2).status().code(),
            StatusCode::kNotFound);
}

TEST(MatterTest, CreateUsesAnEmptyDirectoryOrAnInterruptedOne) {
  TempDir dir;
  const std::string empty = dir.File("empty");
  ASSERT_TRUE(std::filesystem::create_directory(empty));
  ASSERT_TRUE(Matter::Create(empty, {kRecipient}, 2).ok());
  EXPECT_TRUE(Matter::Open(empty).ok());

  // What an in-place Create killed before matter.toml was committed leaves.
  const std::string torn = dir.File("torn");
  ASSERT_TRUE(std::filesystem::create_directories(torn + "/vault"));
  WriteText(torn + "/.matter.toml.tmp", "format_vers");
  EXPECT_EQ(Matter::Open(torn).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(Matter::Create(torn, {kRecipient}, 2).ok());
  EXPECT_TRUE(Matter::Open(torn).ok());
  EXPECT_FALSE(std::filesystem::exists(torn + "/.matter.toml.tmp"));
}

TEST(MatterTest, OpenReportsMissingMatter) {
  TempDir dir;
  EXPECT_EQ(Matter::Open(dir.File("absent")).status().code(), StatusCode::kNotFound);
  auto plain = Matter::Open(dir.path());
  EXPECT_EQ(plain.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Contains(plain.status(), "winnow init")) << plain.status().message();
}

TEST(MatterTest, OpenReportsMissingVault) {
  TempDir dir;
  const std::string path = dir.File("m");
  ASSERT_TRUE(Matter::Create(path, {kRecipient}, 2).ok());
  ASSERT_TRUE(std::filesystem::remove(path + "/vault"));
  auto m = Matter::Open(path);
  EXPECT_EQ(m.status().code(), StatusCode::kCorruption);
  EXPECT_TRUE(Contains(m.status(), "vault")) << m.status().message();
}

// Replaces matter.toml of a fresh matter with `text` and opens it.
Status OpenWithConfig(const TempDir& dir, const std::string& text) {
  const std::string path = dir.File("m");
  std::filesystem::remove_all(path);
  EXPECT_TRUE(Matter::Create(path, {kRecipient}, 2).ok());
  WriteText(path + "/matter.toml", text);
  StatusOr<std::unique_ptr<Matter>> m = Matter::Open(path);
  return m.ok() ? Status::Ok() : m.status();
}

std::string Config(const std::string& shards_line, const std::string& recipients_line) {
  return "format_version = 1\n"
         "matter_id = \"0123456789abcdef0123456789abcdef\"\n"
         "created = \"2024-05-01T10:00:00Z\"\n" +
         shards_line + "\n" + recipients_line + "\n";
}

TEST(MatterTest, OpenNamesFileLineAndField) {
  TempDir dir;
  const std::string file = dir.File("m") + "/matter.toml";
  const std::string good_recipients = std::string("recipients = [\"") + kRecipient + "\"]";
  EXPECT_TRUE(OpenWithConfig(dir, Config("shards = 3", good_recipients)).ok());

  Status s = OpenWithConfig(dir, Config("shards = 0", good_recipients));
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_TRUE(Contains(s, file + ":4:")) << s.message();
  EXPECT_TRUE(Contains(s, "shards")) << s.message();

  s = OpenWithConfig(dir, Config("shards = \"many\"", good_recipients));
  EXPECT_TRUE(Contains(s, file + ":4:") && Contains(s, "shards: expected an integer")) << s.message();

  s = OpenWithConfig(dir, Config("shards = 3", "recipients = [\n  \"" + std::string(kRecipient) +
                                                   "\",\n  \"age1bogus\",\n]"));
  EXPECT_TRUE(Contains(s, file + ":7:") && Contains(s, "recipients[1]")) << s.message();

  s = OpenWithConfig(dir, Config("shards = 3", "recipients = []"));
  EXPECT_TRUE(Contains(s, "recipients: no recipients")) << s.message();

  s = OpenWithConfig(dir, Config("shards = 3", good_recipients + "\nescrow = true"));
  EXPECT_TRUE(Contains(s, file + ":6:") && Contains(s, "escrow: unknown field")) << s.message();

  s = OpenWithConfig(dir, Config("shards = 3", ""));
  EXPECT_TRUE(Contains(s, "missing field recipients")) << s.message();

  s = OpenWithConfig(dir, Config("shards = 3 3", good_recipients));
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_TRUE(Contains(s, file + ":4:")) << s.message();

  s = OpenWithConfig(dir, "format_version = 2\n");
  EXPECT_EQ(s.code(), StatusCode::kUnsupported) << s.ToString();

  s = OpenWithConfig(dir, "format_version = 1\nmatter_id = \"XYZ\"\n");
  EXPECT_TRUE(Contains(s, file + ":2:") && Contains(s, "matter_id")) << s.message();

  s = OpenWithConfig(dir, "format_version = 1\nmatter_id = \"0123456789abcdef0123456789abcdef\"\n"
                          "created = \"yesterday\"\n");
  EXPECT_TRUE(Contains(s, file + ":3:") && Contains(s, "created")) << s.message();
}

TEST(MatterTest, FormatThenParseIsIdentity) {
  MatterConfig c;
  c.matter_id = "00112233445566778899aabbccddeeff";
  c.created = "2024-05-01T10:00:00.250Z";
  c.recipients = {kRecipient};
  c.shards = 4096;
  StatusOr<MatterConfig> back = ParseMatterToml(FormatMatterToml(c), "t.toml");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->matter_id, c.matter_id);
  EXPECT_EQ(back->created, c.created);
  EXPECT_EQ(back->recipients, c.recipients);
  EXPECT_EQ(back->shards, 4096);
}

}  // namespace
}  // namespace winnow
