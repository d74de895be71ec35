// Checking productions (production_fixture.h): Bates numbers continue
// across a matter's productions, the load file parses back field by field,
// Debian's `age` decrypts every file to the manifest's hashes, and
// VerifyProduction names the file (and document) of every kind of tampering.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <regex>

#include "produce/dat_file.h"
#include "produce/layout.h"
#include "produce/production_fixture.h"
#include "produce/signing.h"
#include "vault/file_util.h"

namespace winnow::produce_test {
namespace {

namespace fs = std::filesystem;
namespace dom = simdjson::dom;

class VerifyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { GetWorkload(); }
  void SetUp() override { ASSERT_TRUE(GetWorkload().status.ok()) << GetWorkload().status.ToString(); }
  const Workload& w() const { return GetWorkload(); }

  const Production& Entry() { return CachedProduction("entry", DefaultOptions()); }

  // A copy of the entry-level production, alone in a new folder.
  std::string CopyOfEntry(const std::string& name) {
    const std::string dir = w().root + "/" + name + "/PROD0001";
    fs::create_directories(dir);
    fs::copy(Entry().dir, dir, fs::copy_options::recursive);
    return dir;
  }

  StatusOr<VerifyProductionReport> Verify(const std::string& dir, bool decrypt, std::string signer = "") {
    const auto ids = RecipientIds();
    return VerifyProduction(dir, signer.empty() ? w().signing_pub : signer,
                            decrypt ? std::span<const age::Identity* const>(ids) : std::span<const age::Identity* const>());
  }

  // Expects verification of `dir` (with and without the recipient's key) to
  // fail with Corruption, the message holding every one of `words`.
  void ExpectFails(const std::string& dir, std::vector<std::string> words, bool also_without_key = true) {
    for (bool decrypt : {true, false}) {
      if (!decrypt && !also_without_key) continue;
      auto r = Verify(dir, decrypt);
      ASSERT_FALSE(r.ok()) << dir << (decrypt ? " (decrypting)" : "") << " verified";
      EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << r.status().ToString();
      for (const std::string& word : words) {
        EXPECT_NE(r.status().message().find(word), std::string::npos)
            << "'" << word << "' not in: " << r.status().ToString();
      }
    }
  }
};

std::string Sha256(std::string_view s) { return vault::Sha256Hex(s); }

std::vector<uint8_t> Encrypt(std::string_view plain) {
  auto r = age::X25519Recipient::Parse(GetWorkload().recipient);
  EXPECT_TRUE(r.ok());
  const age::Recipient* rs[] = {&*r};
  auto out = age::EncryptBuffer(std::span(reinterpret_cast<const uint8_t*>(plain.data()), plain.size()), rs);
  EXPECT_TRUE(out.ok());
  return *out;
}

void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  WriteFile(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// Replaces the first match of `re` in *s (groups 1 and 2 around a SHA-256
// and a size) with group 1, `sha`, group 2 and `size`.
bool SetHashAndSize(std::string* s, const std::regex& re, const std::string& sha, size_t size) {
  std::smatch m;
  if (!std::regex_search(*s, m, re)) return false;
  const std::string with = m[1].str() + sha + m[2].str() + std::to_string(size);
  s->replace(m.position(0), m.length(0), with);
  return true;
}

std::string Escaped(const std::string& name) { return std::regex_replace(name, std::regex(R"(\.)"), R"(\.)"); }

// Sets the manifest's plaintext hash and size of `stored_as` to those of `plain`.
void UpdateManifest(const std::string& dir, const std::string& stored_as, std::string_view plain) {
  std::string m = ReadFile(dir + "/manifest.json");
  const std::regex re("(\"stored_as\":\"" + Escaped(stored_as) + R"(","encrypted":(?:true|false),"sha256":")[0-9a-f]{64}(","bytes":)\d+)");
  ASSERT_TRUE(SetHashAndSize(&m, re, Sha256(plain), plain.size())) << stored_as;
  WriteFile(dir + "/manifest.json", m);
}

// Signs the folder's current manifest and age files again with the
// producer's key: what a producer whose files disagree would hand over.
void Resign(const std::string& dir) {
  std::string sig = ReadFile(dir + "/signature.json");
  const std::string manifest = ReadFile(dir + "/manifest.json");
  ASSERT_TRUE(SetHashAndSize(&sig, std::regex(R"(("file":"manifest\.json","sha256":")[0-9a-f]{64}(","bytes":)\d+)"),
                             Sha256(manifest), manifest.size()));
  for (const auto& f : fs::directory_iterator(dir)) {
    const std::string name = f.path().filename().string();
    if (!name.ends_with(".age")) continue;
    const std::string bytes = ReadFile(f.path().string());
    ASSERT_TRUE(SetHashAndSize(&sig, std::regex("(\"file\":\"" + Escaped(name) + R"(","sha256":")[0-9a-f]{64}(","bytes":)\d+)"),
                               Sha256(bytes), bytes.size()))
        << name;
  }
  const size_t cut = sig.rfind(",\"signature\":");
  ASSERT_NE(cut, std::string::npos);
  auto key = produce::SigningKey::Load(GetWorkload().signing_key);
  ASSERT_TRUE(key.ok());
  const std::string head = sig.substr(0, cut);
  WriteFile(dir + "/signature.json",
            head + ",\"signature\":\"" + key->Sign(std::string(produce::kSignatureDomain) + head) + "\"}\n");
}

struct ManifestFile {
  std::string stored_as, sha256;
  bool encrypted = false;
  uint64_t bytes = 0;
};

std::vector<ManifestFile> ManifestFiles(const std::string& manifest) {
  std::vector<ManifestFile> out;
  dom::parser parser;
  dom::array files;
  EXPECT_FALSE(parser.parse(manifest)["files"].get_array().get(files));
  for (dom::element f : files) {
    ManifestFile mf;
    std::string_view s;
    EXPECT_FALSE(f["stored_as"].get_string().get(s));
    mf.stored_as.assign(s);
    EXPECT_FALSE(f["sha256"].get_string().get(s));
    mf.sha256.assign(s);
    EXPECT_FALSE(f["encrypted"].get_bool().get(mf.encrypted));
    EXPECT_FALSE(f["bytes"].get_uint64().get(mf.bytes));
    out.push_back(mf);
  }
  return out;
}

TEST_F(VerifyTest, AnUntouchedProductionVerifies) {
  const Production& p = Entry();
  auto r = Verify(p.dir, true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->decrypted);
  EXPECT_FALSE(r->continuity_checked);
  EXPECT_EQ(r->production_id, "PROD0001");
  EXPECT_EQ(r->documents, p.docs.size());
  EXPECT_EQ(r->first_bates, "OAI-NYT-00000001");
  EXPECT_EQ(r->last_bates, p.docs.back().bates);
  EXPECT_EQ(r->files, 8u);
  auto pub = produce::LoadPublicKey(w().signing_pub);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(r->signer, *pub);
  auto plain = Verify(p.dir, false);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_FALSE(plain->decrypted);
  // The public key as text works as well as its file.
  EXPECT_TRUE(Verify(p.dir, false, *pub).ok());
}

TEST_F(VerifyTest, BatesNumbersContinueAcrossProductions) {
  const std::string matter = CopyMatter("continuity");
  ProduceOptions first = DefaultOptions();
  first.rules = {"paywall-workaround"};
  auto a = ProduceIn(matter, first);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_GT(a->documents, 0u);
  auto b = ProduceIn(matter, DefaultOptions());
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(a->production_id, "PROD0001");
  EXPECT_EQ(b->production_id, "PROD0002");
  EXPECT_EQ(a->first_bates, "OAI-NYT-00000001");
  EXPECT_EQ(a->last_bates, produce::BatesNumber("OAI-NYT-", a->documents, 8));
  EXPECT_EQ(b->first_bates, produce::BatesNumber("OAI-NYT-", a->documents + 1, 8));
  EXPECT_EQ(b->last_bates, produce::BatesNumber("OAI-NYT-", a->documents + b->documents, 8));
  // documents.sha256 and the documents carry the numbers.
  auto pb = ReadProduction(b->dir);
  ASSERT_TRUE(pb.ok());
  const std::vector<std::string> hashes = Lines(pb->plain.at("documents.sha256"));
  ASSERT_EQ(hashes.size(), pb->docs.size());
  for (size_t i = 0; i < hashes.size(); ++i) {
    const std::string want = produce::BatesNumber("OAI-NYT-", a->documents + 1 + i, 8);
    EXPECT_EQ(hashes[i], Sha256(pb->docs[i].line) + "  " + want);
    EXPECT_EQ(pb->docs[i].bates, want);
  }
  EXPECT_NE(pb->plain.at("manifest.json")
                .find("\"previous\":{\"production\":\"PROD0001\",\"last_number\":" + std::to_string(a->documents) + "}"),
            std::string::npos);
  auto va = Verify(a->dir, true), vb = Verify(b->dir, true);
  ASSERT_TRUE(va.ok()) << va.status().ToString();
  ASSERT_TRUE(vb.ok()) << vb.status().ToString();
  EXPECT_FALSE(va->continuity_checked);
  EXPECT_TRUE(vb->continuity_checked);
  // Alone, the second one verifies without the continuity check.
  const std::string alone = w().root + "/continuity-alone/PROD0002";
  fs::create_directories(alone);
  fs::copy(b->dir, alone, fs::copy_options::recursive);
  auto v = Verify(alone, false);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_FALSE(v->continuity_checked);
  // Beside an earlier production that ends elsewhere, it does not.
  const std::string other = w().root + "/continuity-other";
  fs::create_directories(other + "/PROD0001");
  fs::create_directories(other + "/PROD0002");
  fs::copy(Entry().dir, other + "/PROD0001", fs::copy_options::recursive);
  fs::copy(b->dir, other + "/PROD0002", fs::copy_options::recursive);
  auto bad = Verify(other + "/PROD0002", false);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("PROD0002/manifest.json: bates"), std::string::npos) << bad.status().ToString();
}

TEST_F(VerifyTest, AnEmptyProductionKeepsTheNumbering) {
  const std::string matter = CopyMatter("empty-first");
  ProduceOptions none = DefaultOptions();
  none.rules = {"no-such-rule"};
  auto a = ProduceIn(matter, none);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->documents, 0u);
  EXPECT_EQ(a->withheld, w().hits.size());
  auto b = ProduceIn(matter, DefaultOptions());
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->first_bates, "OAI-NYT-00000001");
  auto va = Verify(a->dir, true);
  EXPECT_TRUE(va.ok()) << va.status().ToString();
  auto vb = Verify(b->dir, true);
  EXPECT_TRUE(vb.ok()) << vb.status().ToString();
}

void ExpectLoadFileMatches(const Production& p) {
  auto table = produce::ParseDat(p.plain.at("loadfile.dat.age"), "loadfile.dat");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const std::vector<std::string> fields = {"BEGBATES", "ENDBATES", "LEVEL",     "CONVERSATION", "USER",
                                           "DATETIME", "MODEL",    "ENTRIES",   "RELEVANT",     "TURNS",
                                           "RULES",    "WORKS",    "REDACTIONS", "SHA256",      "TEXT"};
  ASSERT_EQ(table->fields, fields);
  ASSERT_EQ(table->rows.size(), p.docs.size());
  auto col = [&](const std::vector<std::string>& row, std::string_view name) {
    return row.at(std::find(fields.begin(), fields.end(), name) - fields.begin());
  };
  dom::parser parser;
  for (size_t i = 0; i < p.docs.size(); ++i) {
    const Doc& d = p.docs[i];
    const std::vector<std::string>& row = table->rows[i];
    EXPECT_EQ(col(row, "BEGBATES"), d.bates);
    EXPECT_EQ(col(row, "ENDBATES"), d.bates);
    EXPECT_EQ(col(row, "LEVEL"), d.level);
    EXPECT_EQ(col(row, "SHA256"), Sha256(d.line));
    EXPECT_EQ(col(row, "CONVERSATION"), d.conversation);
    EXPECT_EQ(col(row, "USER"), d.user);
    EXPECT_EQ(col(row, "MODEL"), d.model);
    EXPECT_EQ(col(row, "DATETIME"), d.time);
    EXPECT_EQ(col(row, "ENTRIES"), std::to_string(d.entries.size()));
    size_t relevant = 0, redactions = 0;
    std::set<std::string> works;
    for (const DocEntry& e : d.entries) {
      relevant += e.relevant;
      dom::array a;
      if (!parser.parse(e.redactions).get_array().get(a)) redactions += a.size();
      if (!e.reasons.empty() && !parser.parse(e.reasons).get_array().get(a)) {
        for (dom::element r : a) {
          std::string_view work;
          if (!r["work"].get_string().get(work)) works.emplace(work);
        }
      }
    }
    EXPECT_EQ(col(row, "RELEVANT"), std::to_string(relevant));
    EXPECT_EQ(col(row, "REDACTIONS"), std::to_string(redactions)) << d.bates;
    std::string turns = std::to_string(d.entries.front().turn);
    if (d.entries.size() > 1) turns += "-" + std::to_string(d.entries.back().turn);
    EXPECT_EQ(col(row, "TURNS"), turns);
    std::string rules, work_list;
    for (const std::string& r : d.rules) rules += (rules.empty() ? "" : "; ") + r;
    for (const std::string& wk : works) work_list += (work_list.empty() ? "" : "; ") + wk;
    EXPECT_EQ(col(row, "RULES"), rules);
    EXPECT_EQ(col(row, "WORKS"), work_list);
    const std::string text = col(row, "TEXT");
    for (const DocEntry& e : d.entries) {
      std::string prompt = std::regex_replace(e.prompt, std::regex("\r\n?"), "\n");
      std::string output = std::regex_replace(e.output, std::regex("\r\n?"), "\n");
      EXPECT_NE(text.find(prompt), std::string::npos) << d.bates << ": TEXT lacks the prompt of turn " << e.turn;
      EXPECT_NE(text.find(output), std::string::npos) << d.bates << ": TEXT lacks the output of turn " << e.turn;
    }
  }
}

TEST_F(VerifyTest, LoadFileParsesBackFieldByField) {
  ExpectLoadFileMatches(Entry());
  ProduceOptions o = DefaultOptions();
  o.disclosure = *ParseDisclosure("context:1");
  ExpectLoadFileMatches(CachedProduction("context1", o));
}

TEST_F(VerifyTest, DebianAgeDecryptsEveryFileToTheManifestHashes) {
  ASSERT_EQ(access("/usr/bin/age", X_OK), 0) << "/usr/bin/age is not installed (make installs it: it is the interop check)";
  const Production& p = Entry();
  const std::vector<ManifestFile> files = ManifestFiles(p.plain.at("manifest.json"));
  ASSERT_EQ(files.size(), 6u);
  size_t decrypted = 0;
  for (const ManifestFile& f : files) {
    const std::string path = p.dir + "/" + f.stored_as;
    std::string plain;
    if (f.encrypted) {
      const std::string out = w().root + "/age-out-" + f.stored_as;
      const std::string cmd = "/usr/bin/age -d -i '" + w().recipient_key + "' -o '" + out + "' '" + path + "'";
      ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
      plain = ReadFile(out);
      EXPECT_EQ(plain, p.plain.at(f.stored_as)) << f.stored_as;
      ++decrypted;
    } else {
      plain = ReadFile(path);
    }
    EXPECT_EQ(Sha256(plain), f.sha256) << f.stored_as;
    EXPECT_EQ(plain.size(), f.bytes) << f.stored_as;
  }
  EXPECT_EQ(decrypted, 4u);
  // The manifest and signature are plain JSON; the age files are not readable without the key.
  EXPECT_EQ(ReadFile(p.dir + "/documents.jsonl.age").rfind("age-encryption.org/v1\n", 0), 0u);
}

TEST_F(VerifyTest, ATamperedDocumentIsNamed) {
  // Changed and encrypted again to the recipient: a valid age file, but not
  // the signed one.
  const std::string dir = CopyOfEntry("tamper-document");
  std::string docs = Decrypt(dir + "/documents.jsonl.age");
  ASSERT_FALSE(docs.empty());
  const size_t third = docs.find("\"bates\":\"OAI-NYT-00000003\"");
  ASSERT_NE(third, std::string::npos);
  const size_t at = docs.find("\"entries\":", third) + 20;
  docs[at] = docs[at] == 'x' ? 'y' : 'x';
  WriteBytes(dir + "/documents.jsonl.age", Encrypt(docs));
  ExpectFails(dir, {"PROD0001/documents.jsonl.age", "SHA-256 differs from the signed one"});
}

// Verify stops at the changed file's hash, so the document is not named. The
// issue asks for the document too ("naming the file and document"): with an
// identity, verify could decrypt and name the changed document. Re-enable
// when it does.
TEST_F(VerifyTest, ATamperedDocumentIsNamedByItsBatesNumber) {
  const std::string dir = CopyOfEntry("tamper-document-bates");
  std::string docs = Decrypt(dir + "/documents.jsonl.age");
  const size_t third = docs.find("\"bates\":\"OAI-NYT-00000003\"");
  ASSERT_NE(third, std::string::npos);
  const size_t at = docs.find("\"entries\":", third) + 20;
  docs[at] = docs[at] == 'x' ? 'y' : 'x';
  WriteBytes(dir + "/documents.jsonl.age", Encrypt(docs));
  ExpectFails(dir, {"documents.jsonl.age", "OAI-NYT-00000003"}, /*also_without_key=*/false);
}

TEST_F(VerifyTest, ASignedDocumentThatDiffersFromItsHashIsNamedByItsBatesNumber) {
  // The producer signed files that disagree: the document's hash in
  // documents.sha256 is not the document's.
  const std::string dir = CopyOfEntry("resigned-document");
  std::string docs = Decrypt(dir + "/documents.jsonl.age");
  const size_t third = docs.find("\"bates\":\"OAI-NYT-00000003\"");
  ASSERT_NE(third, std::string::npos);
  const size_t at = docs.find("\"entries\":", third) + 20;
  docs[at] = docs[at] == 'x' ? 'y' : 'x';
  WriteBytes(dir + "/documents.jsonl.age", Encrypt(docs));
  UpdateManifest(dir, "documents.jsonl.age", docs);
  Resign(dir);
  auto plain = Verify(dir, false);
  EXPECT_TRUE(plain.ok()) << "without a key the documents cannot be checked: " << plain.status().ToString();
  ExpectFails(dir, {"PROD0001/documents.jsonl.age", "document OAI-NYT-00000003", "documents.sha256"},
              /*also_without_key=*/false);
}

TEST_F(VerifyTest, ASignedLoadFileThatDiffersFromTheDocumentsIsNamed) {
  const std::string dir = CopyOfEntry("resigned-loadfile");
  std::string dat = Decrypt(dir + "/loadfile.dat.age");
  const size_t row = dat.find("OAI-NYT-00000002");
  ASSERT_NE(row, std::string::npos);
  const size_t sha = dat.find(Sha256(Entry().docs[1].line), row);
  ASSERT_NE(sha, std::string::npos);
  dat[sha] = dat[sha] == '0' ? '1' : '0';
  WriteBytes(dir + "/loadfile.dat.age", Encrypt(dat));
  UpdateManifest(dir, "loadfile.dat.age", dat);
  Resign(dir);
  ExpectFails(dir, {"PROD0001/loadfile.dat.age", "OAI-NYT-00000002"}, /*also_without_key=*/false);
}

TEST_F(VerifyTest, ATamperedManifestIsNamed) {
  const std::string dir = CopyOfEntry("tamper-manifest");
  std::string m = ReadFile(dir + "/manifest.json");
  const size_t at = m.find("\"conversations\":") + 16;
  m[at] = m[at] == '9' ? '8' : '9';
  WriteFile(dir + "/manifest.json", m);
  ExpectFails(dir, {"PROD0001/manifest.json", "SHA-256 differs from the signed one"});
}

TEST_F(VerifyTest, ATamperedSignatureIsNamed) {
  const std::string dir = CopyOfEntry("tamper-signed-at");
  std::string s = ReadFile(dir + "/signature.json");
  s = std::regex_replace(s, std::regex(R"("signed_at":"\d{4})"), R"("signed_at":"1999)");
  ASSERT_NE(s, ReadFile(dir + "/signature.json"));
  WriteFile(dir + "/signature.json", s);
  ExpectFails(dir, {"PROD0001/signature.json", "the signature does not verify"});

  const std::string dir2 = CopyOfEntry("tamper-signature");
  s = ReadFile(dir2 + "/signature.json");
  const size_t at = s.rfind("\"signature\":\"") + 20;
  s[at] = s[at] == 'a' ? 'b' : 'a';
  WriteFile(dir2 + "/signature.json", s);
  ExpectFails(dir2, {"PROD0001/signature.json", "the signature does not verify"});
}

TEST_F(VerifyTest, AnotherSignerIsRefused) {
  const std::string dir = CopyOfEntry("wrong-signer");
  auto r = Verify(dir, true, w().other_signing_pub);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("PROD0001/signature.json: signed by winnow-ed25519:"), std::string::npos)
      << r.status().ToString();
  EXPECT_NE(r.status().message().find("not by the expected signer"), std::string::npos) << r.status().ToString();
  // A secret key given as the signer is refused as such.
  auto secret = Verify(dir, false, w().signing_key);
  ASSERT_FALSE(secret.ok());
  EXPECT_EQ(secret.status().code(), StatusCode::kInvalidArgument) << secret.status().ToString();
}

TEST_F(VerifyTest, AnExtraFileIsNamed) {
  const std::string dir = CopyOfEntry("extra-file");
  WriteFile(dir + "/notes.txt", "added later\n");
  ExpectFails(dir, {"PROD0001/notes.txt", "not part of the production"});
}

TEST_F(VerifyTest, AMissingFileIsNamed) {
  for (const char* file : {"withheld.jsonl.age", "cover.html", "documents.sha256"}) {
    const std::string dir = CopyOfEntry(std::string("missing-") + file);
    fs::remove(dir + "/" + file);
    ExpectFails(dir, {std::string("PROD0001/") + file});
  }
}

TEST_F(VerifyTest, ARemovedHashLineIsNamed) {
  const std::string dir = CopyOfEntry("removed-hash-line");
  std::string hashes = ReadFile(dir + "/documents.sha256");
  const size_t b = hashes.find('\n') + 1, e = hashes.find('\n', b) + 1;
  hashes.erase(b, e - b);
  WriteFile(dir + "/documents.sha256", hashes);
  ExpectFails(dir, {"PROD0001/documents.sha256", "SHA-256 differs from the manifest"});
  // Signed that way, the gap in the numbers is named.
  UpdateManifest(dir, "documents.sha256", hashes);
  Resign(dir);
  ExpectFails(dir, {"PROD0001/documents.sha256", "line 2: document OAI-NYT-00000003 where OAI-NYT-00000002"});
}

}  // namespace
}  // namespace winnow::produce_test
