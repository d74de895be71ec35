// PERSON (src/pii/detectors/person.cc) through the engine, and its
// gazetteer (person_names.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pii/detectors/person_names.h"
#include "pii/detectors/registry.h"
#include "pii/engine.h"

namespace winnow::pii {
namespace {

class PersonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::unique_ptr<Detector>> d;
    d.push_back(MakeStreetAddressDetector());
    d.push_back(MakeLocationDetector());
    d.push_back(MakePersonDetector());
    auto e = Engine::Create(std::move(d), {});
    ASSERT_TRUE(e.ok());
    engine_ = std::move(*e);
    scratch_ = engine_->NewScratch();
  }

  // The PERSON findings of `text`, as the text they cover.
  std::vector<std::string> Names(const std::string& text, const std::vector<std::string>* known = nullptr) {
    DetectContext ctx;
    ctx.text = text;
    ctx.known_names = known;
    std::vector<Finding> out;
    engine_->Detect(ctx, scratch_.get(), &out);
    std::vector<std::string> names;
    for (const Finding& f : out) {
      if (f.type == "PERSON") names.push_back(text.substr(f.begin, f.end - f.begin));
    }
    return names;
  }

  std::unique_ptr<Engine> engine_;
  Engine::ScratchPtr scratch_;
};

using V = std::vector<std::string>;

TEST(NameGazetteerTest, EmbeddedListsLoad) {
  const NameGazetteer& g = NameGazetteer::Get();
  EXPECT_GT(g.size(), 30000u);
  EXPECT_TRUE(g.Lookup("John") & kGivenName);
  EXPECT_TRUE(g.Lookup("JOHN") & kGivenName);
  EXPECT_TRUE(g.Lookup("Nixon") & kSurname);
  EXPECT_TRUE(g.Lookup("Müller") & kSurname);
  EXPECT_TRUE(g.Lookup("MÜLLER") & kSurname);  // Unicode case folding
  EXPECT_TRUE(g.Lookup("Иван") & kGivenName);
  EXPECT_TRUE(g.Lookup("May") & kAmbiguousName);
  EXPECT_TRUE(g.Lookup("Will") & kAmbiguousName);
  EXPECT_FALSE(g.Lookup("John") & kAmbiguousName);
  EXPECT_EQ(g.Lookup("Xyzzyq"), 0);
}

TEST(NameGazetteerTest, ParsesFlagsAndComments) {
  NameGazetteer g("# comment\nAnna\nRose\tw\n", "Smith\nRose\n");
  EXPECT_EQ(g.Lookup("anna"), kGivenName);
  EXPECT_EQ(g.Lookup("smith"), kSurname);
  EXPECT_EQ(g.Lookup("rose"), kGivenName | kSurname | kAmbiguousName);
  EXPECT_EQ(g.Lookup("# comment"), 0);
}

// Presidio's recognizer tests for PERSON (presidio_cases.jsonl).
TEST_F(PersonTest, PresidioCases) {
  EXPECT_EQ(Names("my name is Dan"), V{"Dan"});
  EXPECT_EQ(Names("Dan Tailor"), V{"Dan Tailor"});
  EXPECT_EQ(Names("John Oliver is a comedian."), V{"John Oliver"});
  EXPECT_EQ(Names("Richard Milhous Nixon"), V{"Richard Milhous Nixon"});
  EXPECT_EQ(Names("Richard M. Nixon"), V{"Richard M. Nixon"});
  EXPECT_EQ(Names("Dan Bar has a bank account."), V{"Dan Bar"});
  EXPECT_EQ(Names("Dan May has a bank account."), V{"Dan May"});
  EXPECT_EQ(Names("Mr. Mayers"), V{"Mayers"});
  EXPECT_EQ(Names("They call me Mr. Mayers"), V{"Mayers"});
  EXPECT_EQ(Names("Mr. May"), V{"May"});
  EXPECT_EQ(Names("his name is Mr. May"), V{"May"});
}

TEST_F(PersonTest, FullNamesAndParts) {
  EXPECT_EQ(Names("I met Sarah Johnson at the conference."), V{"Sarah Johnson"});
  EXPECT_EQ(Names("Ludwig van Beethoven wrote it."), V{"Ludwig van Beethoven"});
  EXPECT_EQ(Names("Ask Mary-Jane O'Brien about it."), V{"Mary-Jane O'Brien"});
  EXPECT_EQ(Names("Have you been to a Ravil G Yefimov concert?"), V{"Ravil G Yefimov"});
  EXPECT_EQ(Names("Anna's report is late."), V{"Anna"});
  EXPECT_EQ(Names("Talk to Ivan Petrovsky tomorrow."), V{"Ivan Petrovsky"});  // surname ending
}

TEST_F(PersonTest, Cues) {
  EXPECT_EQ(Names("Hi Vinicio, can you help?"), V{"Vinicio"});
  EXPECT_EQ(Names("Dear Ms. Okonkwo,\nThanks"), V{"Okonkwo"});
  EXPECT_EQ(Names("Best regards,\nTomasz Wierzbicki"), V{"Tomasz Wierzbicki"});
  EXPECT_EQ(Names("Name: Emilie Broberg\nPhone: 72 128 827"), V{"Emilie Broberg"});
  EXPECT_EQ(Names("My daughter Rizky was diagnosed last month."), V{"Rizky"});
  EXPECT_EQ(Names("She named him Frank"), V{"Frank"});
  EXPECT_EQ(Names("What's your last name? Magnusson"), V{"Magnusson"});
  EXPECT_EQ(Names("Hi, I'm Vikram Reddy. Can you help me?"), V{"Vikram Reddy"});
}

TEST_F(PersonTest, MultilingualCues) {
  EXPECT_EQ(Names("Меня зовут Наталья, помогите."), V{"Наталья"});
  EXPECT_EQ(Names("Je m'appelle Théo et j'ai besoin d'aide."), V{"Théo"});
  EXPECT_EQ(Names("我叫王小明，请帮我写一封求职信。"), V{"王小明"});
  EXPECT_EQ(Names("私の名前は田中太郎です。"), V{"田中太郎"});
  EXPECT_EQ(Names("제 이름은 김민수입니다."), V{"김민수"});
  EXPECT_EQ(Names("Dear 伊藤拓也,\nthank you"), V{"伊藤拓也"});
  EXPECT_EQ(Names("Hi राहुल यादव,\n\nThanks"), V{"राहुल यादव"});
  EXPECT_EQ(Names("我叫Tyler McAllister，请帮我。"), V{"Tyler McAllister"});
  EXPECT_EQ(Names("田中さんに聞いてください。"), V{"田中"});
}

TEST_F(PersonTest, LowerCaseText) {
  EXPECT_EQ(Names("my name is dan"), V{"dan"});
  EXPECT_EQ(Names("follow up with naomi ryan in a couple of months"), V{"naomi ryan"});
  EXPECT_EQ(Names("i will sue them if they do not pay"), V{});
}

TEST_F(PersonTest, NamesSeenBefore) {
  EXPECT_EQ(Names("The film was directed by Wacława Adamska and starring Adamska."),
            (V{"Wacława Adamska", "Adamska"}));
  const std::vector<std::string> known = {"Kreutzmann Olsen"};
  EXPECT_EQ(Names("Then Kreutzmann left.", &known), V{"Kreutzmann"});
  EXPECT_EQ(Names("Then Kreutzmann left."), V{});
}

// Ordinary chat text that must not be reported.
TEST_F(PersonTest, Negatives) {
  EXPECT_EQ(Names("Will you send it in May? Mark the date."), V{});
  EXPECT_EQ(Names("The White House is on Pennsylvania Avenue."), V{});
  EXPECT_EQ(Names("I moved to New York last year."), V{});
  EXPECT_EQ(Names("Washington University and Jackson County are nearby."), V{});
  EXPECT_EQ(Names("Hey Siri, ask Alexa to play Ruby on Rails tutorials."), V{});
  EXPECT_EQ(Names("Write a Python function that calls JavaScript."), V{});
  EXPECT_EQ(Names("Dear Hiring Manager,\nI am applying"), V{});
  EXPECT_EQ(Names("Thanks Everyone! See you on Monday."), V{});
  EXPECT_EQ(Names("It was a German company with French investors."), V{});
  EXPECT_EQ(Names("Jones, Mitchell and Williams is a law firm."), V{});
  EXPECT_EQ(Names("Call getUser() then user_Name.John"), V{});
  EXPECT_EQ(Names("Version 2.3 of the API (released 2019) costs $40."), V{});
  EXPECT_EQ(Names("THE QUICK BROWN FOX"), V{});
}

TEST_F(PersonTest, EmailsAndAddressesAreNotNames) {
  // The address detector's finding covers the street; PERSON never overlaps it.
  EXPECT_EQ(Names("Ship it to 2232 Victor Hugo Street, Denver, CO 80203."), V{});
  EXPECT_EQ(Names("He lives on the north side of Joaquin Suarez 2906."), V{});
}

}  // namespace
}  // namespace winnow::pii
