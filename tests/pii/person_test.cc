// PERSON (src/pii/detectors/person.cc) through the engine, and its
// gazetteer and word tables (person_names.h), cues (person_cues.h) and
// byte scanning (person_skim.h).
#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <string>
#include <vector>

#include "pii/detectors/person_cues.h"
#include "pii/detectors/person_names.h"
#include "pii/detectors/person_skim.h"
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

// FoldCase folds one code point at a time; it must equal ICU's folding of
// the whole word.
TEST(NameGazetteerTest, FoldCaseMatchesIcu) {
  for (std::string w : {"MÜLLER", "Straße", "İstanbul", "ΣΊΣΥΦΟΣ", "ǰ", "ﬃ", "ÅNGSTRÖM", "Иван",
                        "田中", "O’Brien", "abc", "", "\xC3(", "A\xE2\x82", "x\xF0\x9F\x98\x80y"}) {
    std::string expected;
    icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size())))
        .foldCase()
        .toUTF8String(expected);
    std::string got;
    FoldCase(w, &got);
    EXPECT_EQ(got, expected) << w;
  }
}

TEST(NameGazetteerTest, WordTableClearAndFoldedLookups) {
  WordTable t(16);
  for (int i = 0; i < 100; ++i) t.Insert("word" + std::to_string(i), 1);
  t.Insert("müller", 2);
  EXPECT_EQ(t.size(), 101u);
  EXPECT_EQ(t.Lookup("WORD42"), 1);
  EXPECT_EQ(t.Lookup(FoldedWord("MÜLLER")), 2);
  EXPECT_EQ(t.Lookup(std::string(100, 'x')), 0);
  t.Clear();
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.Lookup("word42"), 0);
  t.Insert("word42", 4);
  EXPECT_EQ(t.Lookup("Word42"), 4);
}

TEST(NameGazetteerTest, ShortWordCacheRecomputesOnCollision) {
  ShortWordCache<int, 2> cache;  // two slots: words collide
  int calls = 0;
  auto length = [&](std::string_view w) { return ++calls, static_cast<int>(w.size()); };
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(cache.Get("alpha", length), 5);
    EXPECT_EQ(cache.Get("be", length), 2);
    EXPECT_EQ(cache.Get("gamma ray", length), 9);
    EXPECT_EQ(cache.Get(std::string_view("a\0", 2), length), 2);
    EXPECT_EQ(cache.Get("a", length), 1);
  }
  EXPECT_GE(calls, 5);
}

// The skim may jump only over lower-case words that cannot matter.
TEST(PersonSkimTest, StopsWhereAWordMayMatter) {
  const std::string plain(100, 'a');
  EXPECT_EQ(SkipPlainWords(plain + " x", 0), 0u);  // one long word: nothing to skip
  // Near the end of a text the skim stops early (at a word start) and
  // leaves the rest to the byte loop: these texts run on past the target.
  const std::string more = " and so on and so forth for a good while longer";
  const std::string head = "we talked about the plan for quite a while and then about the ";
  auto skim = [&](const std::string& tail, std::string_view target) {
    const std::string t = head + tail + more;
    EXPECT_EQ(SkipPlainWords(t, 0), t.find(target)) << tail;
  };
  skim("budget. Then Anna left", "Then");
  skim("budgets of 2024 and more", "2024");
  skim("stuff; my name is dan ok", "is dan");
  skim("stuff; this is Dan ok ok", "Dan");  // "is" before a capital is no lower-case cue
  skim("stuff of the café there", "café");  // the word that touches the non-ASCII letter
  skim("stuff that isn't there", "isn't");
  const std::string t = head + "plain words only";
  EXPECT_LE(SkipPlainWords(t, 0), t.size());
  EXPECT_EQ(LowerRunEnd(plain + "B", 3), 100u);
  EXPECT_TRUE(AnyUpperOrNonAscii(plain + "é"));
  EXPECT_FALSE(AnyUpperOrNonAscii(plain + " 123 ok"));
}

TEST(PersonCueTest, Vocative) {
  const std::string t = "Great work.\nSure, Grace Green! Here it is.";
  const uint32_t b = static_cast<uint32_t>(t.find("Grace")), e = static_cast<uint32_t>(t.find('!'));
  EXPECT_EQ(VocativeCue(t, b, e), 0.3f);
  EXPECT_EQ(VocativeCue(t, b, e - 1), 0);  // no "!" right after
  const std::string u = "I am not sure, Grace Green! Here it is.";
  EXPECT_EQ(VocativeCue(u, static_cast<uint32_t>(u.find("Grace")), static_cast<uint32_t>(u.find('!'))), 0);
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

TEST_F(PersonTest, AddressedAfterAnInterjection) {
  EXPECT_EQ(Names("Sure, Grace Green! Here's a short bio you can use."), V{"Grace Green"});
  EXPECT_EQ(Names("Of course, Rania Hamdan! Here it is."), V{"Rania Hamdan"});
  EXPECT_EQ(Names("Sure, محمد! Here's a short bio you can use."), V{"محمد"});
  EXPECT_EQ(Names("Sure, 山本彩花! Here's a short bio you can use."), V{"山本彩花"});
  EXPECT_EQ(Names("Sure, Python is a good first language."), V{});
}

TEST_F(PersonTest, NamesInAnotherScriptsFrame) {
  EXPECT_EQ(Names("我叫이지우，请帮我写一封求职信。"), V{"이지우"});
  EXPECT_EQ(Names("我叫さくら，请帮我写一封求职信。"), V{"さくら"});
  EXPECT_EQ(Names("私の名前は윤지민です。"), V{"윤지민"});
  EXPECT_EQ(Names("私の名前は鈴木さくらです。"), V{"鈴木さくら"});
}

TEST_F(PersonTest, LongNamesOfUncasedScripts) {
  // Thai and Devanagari names run past a dozen code points with their marks.
  EXPECT_EQ(Names("Hi สุดารัตน์ รัตนพันธ์,\nThanks"), V{"สุดารัตน์ รัตนพันธ์"});
  EXPECT_EQ(Names("Hi अर्जुन मिश्रा,\nThanks"), V{"अर्जुन मिश्रा"});
}

TEST_F(PersonTest, FirmsNamedAfterPeople) {
  EXPECT_EQ(Names("Why is Eldridge Shipping in the news?"), V{});
  EXPECT_EQ(Names("Find the prescription drug prices Orion Steel report"), V{});
  EXPECT_EQ(Names("White said Lindqvist Shipping had raised its forecast."), V{});
}

// Long lower-case stretches are skimmed; cues and particles in them count.
TEST_F(PersonTest, CuesInsideLongLowerCaseStretches) {
  EXPECT_EQ(Names("Okay so we talked about the plan for quite a while and my name is dan by the way"),
            V{"dan"});
  EXPECT_EQ(Names("We had a long talk with the engineers yesterday about Ludwig van Beethoven and music"),
            V{"Ludwig van Beethoven"});
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

// A capitalized word named as software or a product somewhere in the text
// is no person there, even where it stands alone or was found as a name
// earlier in the conversation.
TEST_F(PersonTest, ProductNames) {
  EXPECT_EQ(Names("Set the variable in the Watson image. Then Watson restarts."), V{});
  EXPECT_EQ(Names("Customising Oscar is easy. Oscar is used in production; fork the Oscar app."), V{});
  EXPECT_EQ(Names("First install Jenkins, then Jenkins runs the build."), V{});
  EXPECT_EQ(Names("from keras.optimizers import Adam, SGD"), V{});
  EXPECT_EQ(Names("I use Vicuna 13.1 daily."), V{});
  const std::vector<std::string> known = {"Watson"};
  EXPECT_EQ(Names("Use the Watson Developer Cloud API. Watson answers.", &known), V{});
}

// The same words as people's names: no product word next to them, or a
// full name the gazetteer knows.
TEST_F(PersonTest, ProductWordsDoNotHidePeople) {
  EXPECT_EQ(Names("My name is Oscar and I fixed the app."), V{"Oscar"});
  EXPECT_EQ(Names("Emily Watson reviewed the Watson container."), V{"Emily Watson"});
  EXPECT_EQ(Names("Dear Adam, thanks for the import."), V{"Adam"});
}

// Keys of code and configuration ("name:" in YAML, indented or fenced) are
// no form label; a form's "Name:" still is.
TEST_F(PersonTest, NameKeysInCode) {
  EXPECT_EQ(Names("steps:\n  - name: Checkout code\n    uses: actions/checkout@v2"), V{});
  EXPECT_EQ(Names("```yaml\nname: Deploy to Production\non: push\n```"), V{});
  EXPECT_EQ(Names("Name: Vinicio Fuentes\nAge: 32"), V{"Vinicio Fuentes"});
  EXPECT_EQ(Names("name: Vikram\nage: 32"), V{"Vikram"});
  EXPECT_EQ(Names("```\nuser:\n  name: Emily Smith\n```"), V{"Emily Smith"});
}

TEST_F(PersonTest, EmailsAndAddressesAreNotNames) {
  // The address detector's finding covers the street; PERSON never overlaps it.
  EXPECT_EQ(Names("Ship it to 2232 Victor Hugo Street, Denver, CO 80203."), V{});
  EXPECT_EQ(Names("He lives on the north side of Joaquin Suarez 2906."), V{});
}

}  // namespace
}  // namespace winnow::pii
