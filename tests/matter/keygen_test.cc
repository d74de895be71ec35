// `winnow keygen` run as a program, checked against age's own tools.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "crypto/age_test_util.h"
#include "winnow/age.h"

namespace winnow {
namespace {

using age::testing::HaveCommand;
using age::testing::ShellQuote;
using age::testing::TempDir;

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int Sh(const std::string& command) { return age::testing::Run(command); }

std::string Winnow() { return ShellQuote(WINNOW_BINARY); }

TEST(KeygenTest, WritesIdentityFileAndPrintsRecipient) {
  TempDir dir;
  const std::string key = dir.File("key.txt");
  ASSERT_EQ(Sh(Winnow() + " keygen -o " + ShellQuote(key) + " >" + ShellQuote(dir.File("out")) + " 2>" +
                ShellQuote(dir.File("err"))),
            0)
      << ReadText(dir.File("err"));
  struct stat st;
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  StatusOr<std::vector<age::X25519Identity>> ids = age::ReadIdentityFile(key);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 1u);
  const std::string recipient = (*ids)[0].recipient().ToString();
  EXPECT_EQ(ReadText(dir.File("out")), recipient + "\n");
  EXPECT_EQ(ReadText(dir.File("err")), "Public key: " + recipient + "\n");

  const std::string text = ReadText(key);
  EXPECT_EQ(text.rfind("# created: ", 0), 0u) << text;
  EXPECT_NE(text.find("\n# public key: " + recipient + "\nAGE-SECRET-KEY-1"), std::string::npos) << text;
}

TEST(KeygenTest, RefusesToOverwrite) {
  TempDir dir;
  const std::string key = dir.File("key.txt");
  age::testing::WriteFileBytes(key, age::testing::Bytes("precious\n"));
  EXPECT_EQ(Sh(Winnow() + " keygen -o " + ShellQuote(key) + " >/dev/null 2>" + ShellQuote(dir.File("err"))), 1);
  EXPECT_EQ(ReadText(key), "precious\n");
  EXPECT_NE(ReadText(dir.File("err")).find("already exists"), std::string::npos) << ReadText(dir.File("err"));
}

TEST(KeygenTest, WithoutOutputPrintsIdentityFile) {
  TempDir dir;
  ASSERT_EQ(Sh(Winnow() + " keygen >" + ShellQuote(dir.File("out")) + " 2>" + ShellQuote(dir.File("err"))), 0);
  const std::string text = ReadText(dir.File("out"));
  StatusOr<std::vector<age::X25519Identity>> ids = age::ParseIdentityFile(text, "stdout");
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  const std::string recipient = (*ids)[0].recipient().ToString();
  EXPECT_NE(text.find("# public key: " + recipient + "\n"), std::string::npos) << text;
  EXPECT_EQ(ReadText(dir.File("err")), "Public key: " + recipient + "\n");
}

TEST(KeygenTest, AgeKeygenDerivesTheSameRecipient) {
  if (!HaveCommand("age-keygen")) GTEST_SKIP() << "age-keygen not installed";
  TempDir dir;
  const std::string key = dir.File("key.txt");
  ASSERT_EQ(Sh(Winnow() + " keygen -o " + ShellQuote(key) + " >" + ShellQuote(dir.File("out")) + " 2>/dev/null"),
            0);
  ASSERT_EQ(Sh("age-keygen -y " + ShellQuote(key) + " >" + ShellQuote(dir.File("y"))), 0);
  EXPECT_EQ(ReadText(dir.File("y")), ReadText(dir.File("out")));
}

TEST(KeygenTest, AgeDecryptsWithTheIdentityFile) {
  if (!HaveCommand("age")) GTEST_SKIP() << "age not installed";
  TempDir dir;
  const std::string key = dir.File("key.txt");
  const std::string out = dir.File("out");
  ASSERT_EQ(Sh(Winnow() + " keygen -o " + ShellQuote(key) + " >" + ShellQuote(out) + " 2>/dev/null"), 0);
  std::string recipient = ReadText(out);
  recipient.pop_back();
  age::testing::WriteFileBytes(dir.File("plain"), age::testing::Bytes("hello, court\n"));
  ASSERT_EQ(Sh("age -e -r " + ShellQuote(recipient) + " -o " + ShellQuote(dir.File("c.age")) + " " +
                ShellQuote(dir.File("plain"))),
            0);
  ASSERT_EQ(Sh("age -d -i " + ShellQuote(key) + " -o " + ShellQuote(dir.File("back")) + " " +
                ShellQuote(dir.File("c.age"))),
            0);
  EXPECT_EQ(ReadText(dir.File("back")), "hello, court\n");

  // The stdout form is an identity file age accepts too.
  const std::string key2 = dir.File("key2.txt");
  ASSERT_EQ(Sh("umask 077; " + Winnow() + " keygen >" + ShellQuote(key2) + " 2>/dev/null"), 0);
  StatusOr<std::vector<age::X25519Identity>> ids = age::ReadIdentityFile(key2);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(Sh("age -e -r " + ShellQuote((*ids)[0].recipient().ToString()) + " " +
                ShellQuote(dir.File("plain")) + " | age -d -i " + ShellQuote(key2) + " >" +
                ShellQuote(dir.File("back2"))),
            0);
  EXPECT_EQ(ReadText(dir.File("back2")), "hello, court\n");
}

}  // namespace
}  // namespace winnow
