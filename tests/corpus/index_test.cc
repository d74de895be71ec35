#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "corpus/index_files.h"
#include "corpus/index_format.h"
#include "corpus_test_util.h"
#include "winnow/corpus.h"

namespace winnow::corpus {
namespace {

std::vector<TestWork> SomeWorks(int n, int first = 0) {
  std::vector<TestWork> works;
  for (int i = first; i < first + n; ++i) {
    works.push_back({"w" + std::to_string(i), "Headline number " + std::to_string(i) + " of the test corpus",
                     Prose(i + 1, 300 + 37 * i)});
  }
  return works;
}

TEST(CorpusIndexTest, BuildOpenAndReadBack) {
  TempDir dir;
  WriteFile(dir.path() + "/works.jsonl", WorksJsonl(SomeWorks(20)));
  auto report = BuildCorpus(dir.path() + "/ix", {dir.path() + "/works.jsonl"}, CorpusBuildOptions());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->works_added, 20u);
  EXPECT_EQ(report->works_total, 20u);
  EXPECT_GT(report->fingerprints, 0u);
  auto index = CorpusIndex::Open(dir.path() + "/ix");
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_EQ((*index)->num_works(), 20u);
  EXPECT_EQ((*index)->k(), 8);
  EXPECT_EQ((*index)->w(), 18);
  EXPECT_EQ((*index)->num_words(), report->words_total);
  auto works = SomeWorks(20);
  for (uint32_t i = 0; i < 20; ++i) {
    EXPECT_EQ((*index)->work(i).id, works[i].id);
    EXPECT_EQ((*index)->work(i).title, works[i].title);
    EXPECT_EQ((*index)->work(i).publisher, "The Daily Ledger");
    std::string text;
    ASSERT_TRUE((*index)->WorkText(i, &text).ok());
    EXPECT_EQ(text, works[i].text);
  }
  // Winnowing density: about 2 / (w + 1) fingerprints per word.
  const double per_word = static_cast<double>(report->fingerprints) / report->words_total;
  EXPECT_NEAR(per_word, 2.0 / 19, 0.03);
}

TEST(CorpusIndexTest, BuildIsIndependentOfThreadsAndSpills) {
  TempDir dir;
  WriteFile(dir.path() + "/works.jsonl", WorksJsonl(SomeWorks(40)));
  CorpusBuildOptions one;
  one.threads = 1;
  CorpusBuildOptions many;
  many.threads = 3;
  many.memory_mb = 16;
  ASSERT_TRUE(BuildCorpus(dir.path() + "/a", {dir.path() + "/works.jsonl"}, one).ok());
  ASSERT_TRUE(BuildCorpus(dir.path() + "/b", {dir.path() + "/works.jsonl"}, many).ok());
  for (const char* kind : {"works", "fingerprints", "titles", "common", "similar"}) {
    std::ifstream a(GenerationFile(dir.path() + "/a", kind, 1), std::ios::binary);
    std::ifstream b(GenerationFile(dir.path() + "/b", kind, 1), std::ios::binary);
    std::string sa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
    EXPECT_EQ(sa, sb) << kind;
  }
}

TEST(CorpusIndexTest, AddEqualsBuildingAtOnce) {
  TempDir dir;
  WriteFile(dir.path() + "/first.jsonl", WorksJsonl(SomeWorks(10)));
  WriteFile(dir.path() + "/second.jsonl", WorksJsonl(SomeWorks(10, 10)));
  WriteFile(dir.path() + "/all.jsonl", WorksJsonl(SomeWorks(20)));
  ASSERT_TRUE(BuildCorpus(dir.path() + "/all", {dir.path() + "/all.jsonl"}, {}).ok());
  ASSERT_TRUE(BuildCorpus(dir.path() + "/inc", {dir.path() + "/first.jsonl"}, {}).ok());
  // The directory of the second generation keeps the first one's size, so
  // compare what the tables hold, not their bytes.
  auto added = AddToCorpus(dir.path() + "/inc", {dir.path() + "/second.jsonl", dir.path() + "/first.jsonl"}, {});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->works_added, 10u);
  EXPECT_EQ(added->duplicate_ids, 10u);
  EXPECT_EQ(added->works_total, 20u);
  EXPECT_FALSE(std::filesystem::exists(GenerationFile(dir.path() + "/inc", "works", 1)));
  auto all = IndexFiles::Open(dir.path() + "/all");
  auto inc = IndexFiles::Open(dir.path() + "/inc");
  ASSERT_TRUE(all.ok() && inc.ok());
  EXPECT_EQ((*inc)->generation(), 2u);
  EXPECT_EQ((*all)->fp_header().num_entries, (*inc)->fp_header().num_entries);
  EXPECT_EQ((*all)->works_header().num_words, (*inc)->works_header().num_words);
  EXPECT_EQ((*all)->titles_header().num_entries, (*inc)->titles_header().num_entries);
  auto index = CorpusIndex::Open(dir.path() + "/inc");
  ASSERT_TRUE(index.ok());
  std::string text;
  ASSERT_TRUE((*index)->WorkText(15, &text).ok());
  EXPECT_EQ(text, SomeWorks(1, 15)[0].text);
}

TEST(CorpusIndexTest, CommonKGramsAreExcluded) {
  TempDir dir;
  // Twelve works sharing one 30-word boilerplate paragraph.
  const std::string boiler = Prose(999, 30);
  std::vector<TestWork> works;
  for (int i = 0; i < 12; ++i) works.push_back({"w" + std::to_string(i), "", Prose(i + 1, 200) + "\n\n" + boiler});
  WriteFile(dir.path() + "/works.jsonl", WorksJsonl(works));
  auto report = BuildCorpus(dir.path() + "/ix", {dir.path() + "/works.jsonl"}, {});
  ASSERT_TRUE(report.ok());
  EXPECT_GT(report->excluded, 0u);
  // The boilerplate seeds nothing; each work's own text still matches.
  auto index = CorpusIndex::Open(dir.path() + "/ix");
  ASSERT_TRUE(index.ok());
  Matcher m(**index, MatchOptions());
  std::vector<CorpusMatch> out;
  ASSERT_TRUE(m.Match("Quoted: " + boiler + " and more " + boiler, false, &out).ok());
  EXPECT_TRUE(out.empty());
  ASSERT_TRUE(m.Match(works[4].text, false, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ((*index)->work(out[0].work).id, "w4");
  EXPECT_EQ(out[0].words, 230u);
}

TEST(CorpusIndexTest, BadWorksNameFileLineAndField) {
  TempDir dir;
  const std::string path = dir.path() + "/works.jsonl";
  WriteFile(path, "{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\"}\n");
  auto r = BuildCorpus(dir.path() + "/ix", {path}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("works.jsonl:2: text: missing"), std::string::npos) << r.status().ToString();
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/ix/CURRENT"));
  WriteFile(path, "{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\",\"text\":7}\n");
  r = BuildCorpus(dir.path() + "/ix", {path}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("works.jsonl:2: text: expected a string"), std::string::npos);
  WriteFile(path, "{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\",\"text\":\"x\"\n");
  r = BuildCorpus(dir.path() + "/ix", {path}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("works.jsonl:2"), std::string::npos) << r.status().ToString();
  // Numeric ids are accepted as their decimal text.
  WriteFile(path, "{\"id\":17,\"text\":\"fine text here\"}\n");
  r = BuildCorpus(dir.path() + "/ix", {path}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto index = CorpusIndex::Open(dir.path() + "/ix");
  ASSERT_TRUE(index.ok());
  EXPECT_EQ((*index)->work(0).id, "17");
  // Building over an index is refused.
  r = BuildCorpus(dir.path() + "/ix", {path}, {});
  EXPECT_EQ(r.status().code(), StatusCode::kAlreadyExists);
}

TEST(CorpusIndexTest, DirectoryOfTextFiles) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/texts/sport");
  WriteFile(dir.path() + "/texts/sport/001.txt", "Cup final tonight\n\n" + Prose(5, 100));
  WriteFile(dir.path() + "/texts/002.txt", "\n  Budget agreed  \n" + Prose(6, 100));
  WriteFile(dir.path() + "/texts/ignored.md", "not a work");
  auto r = BuildCorpus(dir.path() + "/ix", {dir.path() + "/texts"}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto index = CorpusIndex::Open(dir.path() + "/ix");
  ASSERT_TRUE(index.ok());
  ASSERT_EQ((*index)->num_works(), 2u);
  EXPECT_EQ((*index)->work(0).id, "002");
  EXPECT_EQ((*index)->work(0).title, "Budget agreed");
  EXPECT_EQ((*index)->work(1).id, "sport/001");
  EXPECT_EQ((*index)->work(1).title, "Cup final tonight");
}

// Every byte of every file flipped, and every file truncated: Open fails with
// an error naming the file, or the damage is in a text block and WorkText
// reports it, or it is harmless (metadata text). Never a crash.
TEST(CorpusIndexTest, DamageIsDetected) {
  TempDir dir;
  WriteFile(dir.path() + "/works.jsonl", WorksJsonl(SomeWorks(3)));
  ASSERT_TRUE(BuildCorpus(dir.path() + "/ix", {dir.path() + "/works.jsonl"}, {}).ok());
  for (const char* kind : {"works", "fingerprints", "titles", "common", "similar"}) {
    const std::string path = GenerationFile(dir.path() + "/ix", kind, 1);
    std::ifstream in(path, std::ios::binary);
    const std::string original((std::istreambuf_iterator<char>(in)), {});
    in.close();
    const size_t step = std::max<size_t>(1, original.size() / 300);
    for (size_t pos = 0; pos < original.size(); pos += step) {
      std::string damaged = original;
      damaged[pos] = static_cast<char>(damaged[pos] ^ 0x41);
      WriteFile(path, damaged);
      auto index = CorpusIndex::Open(dir.path() + "/ix");
      if (!index.ok()) {
        EXPECT_NE(index.status().message().find(kind), std::string::npos) << index.status().ToString();
        continue;
      }
      std::string text;
      for (uint32_t i = 0; i < (*index)->num_works(); ++i) (void)(*index)->WorkText(i, &text);
      Matcher m(**index, MatchOptions());
      std::vector<CorpusMatch> out;
      (void)m.Match(SomeWorks(1)[0].text, true, &out);
    }
    WriteFile(path, original.substr(0, original.size() - 1));
    auto index = CorpusIndex::Open(dir.path() + "/ix");
    ASSERT_FALSE(index.ok()) << kind;
    EXPECT_EQ(index.status().code(), StatusCode::kCorruption);
    EXPECT_NE(index.status().message().find("truncated"), std::string::npos) << index.status().ToString();
    WriteFile(path, original);
  }
  WriteFile(dir.path() + "/ix/CURRENT", "x\n");
  auto index = CorpusIndex::Open(dir.path() + "/ix");
  ASSERT_FALSE(index.ok());
  EXPECT_NE(index.status().message().find("CURRENT"), std::string::npos);
}

}  // namespace
}  // namespace winnow::corpus
