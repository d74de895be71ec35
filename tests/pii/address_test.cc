// STREET_ADDRESS (street_address.cc) and LOCATION (location.cc) through the
// engine.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pii/detectors/registry.h"
#include "pii/engine.h"

namespace winnow::pii {
namespace {

class AddressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::unique_ptr<Detector>> d;
    d.push_back(MakeStreetAddressDetector());
    d.push_back(MakeLocationDetector());
    auto e = Engine::Create(std::move(d), {});
    ASSERT_TRUE(e.ok());
    engine_ = std::move(*e);
    scratch_ = engine_->NewScratch();
  }

  std::vector<std::string> Find(const std::string& text, std::string_view type) {
    DetectContext ctx;
    ctx.text = text;
    std::vector<Finding> out;
    engine_->Detect(ctx, scratch_.get(), &out);
    std::vector<std::string> found;
    for (const Finding& f : out) {
      if (f.type == type) found.push_back(text.substr(f.begin, f.end - f.begin));
    }
    return found;
  }
  std::vector<std::string> Addresses(const std::string& text) { return Find(text, "STREET_ADDRESS"); }
  std::vector<std::string> Locations(const std::string& text) { return Find(text, "LOCATION"); }

  std::unique_ptr<Engine> engine_;
  Engine::ScratchPtr scratch_;
};

using V = std::vector<std::string>;

TEST_F(AddressTest, UsAddresses) {
  EXPECT_EQ(Addresses("I live at 1611 Walnut Street, Albany, NY 12241. Fix this"),
            V{"1611 Walnut Street, Albany, NY 12241"});
  EXPECT_EQ(Addresses("Mailing address:\n5237 River Court, Suite 161, Columbus, OH 43236\nDear Ann"),
            V{"5237 River Court, Suite 161, Columbus, OH 43236"});
  EXPECT_EQ(Addresses("Ship it to 2629 Highland Rd #6, please."), V{"2629 Highland Rd #6"});
  EXPECT_EQ(Addresses("Our office is at 2821 W Lakeview Court, Boise, ID 83709-1234."),
            V{"2821 W Lakeview Court, Boise, ID 83709-1234"});
  EXPECT_EQ(Addresses("Our new office is at 1445 Dogwood Lane."), V{"1445 Dogwood Lane"});
  EXPECT_EQ(Addresses("Meet me at 350 5th Ave, New York, NY 10118"), V{"350 5th Ave, New York, NY 10118"});
  EXPECT_EQ(Addresses("The bus station is on P.O. Box 104"), V{"P.O. Box 104"});
  EXPECT_EQ(Addresses("PSC 7951, Box 9972\nAPO AA 69974"), V{"PSC 7951, Box 9972\nAPO AA 69974"});
}

TEST_F(AddressTest, LowerCaseNeedsContext) {
  EXPECT_EQ(Addresses("ship it to 12 main st"), V{"12 main st"});
  EXPECT_EQ(Addresses("we saw 12 red birds on the way"), V{});
}

TEST_F(AddressTest, EuropeanAddresses) {
  EXPECT_EQ(Addresses("Hauptstraße 12, 10115 Berlin"), V{"Hauptstraße 12, 10115 Berlin"});
  EXPECT_EQ(Addresses("Ciset lives on Rua Mina 50 street."), V{"Rua Mina 50"});
  EXPECT_EQ(Addresses("Send it to Via dei Fiorentini 17 please"), V{"Via dei Fiorentini 17"});
}

TEST_F(AddressTest, NotAddresses) {
  EXPECT_EQ(Addresses("I ran 5 miles down the road yesterday."), V{});
  EXPECT_EQ(Addresses("We have 2 blocks from the park to walk."), V{});
  EXPECT_EQ(Addresses("Order 12345 shipped on 2024-01-02 for $40.00"), V{});
  EXPECT_EQ(Addresses("Python 3.11 Way faster than 3.8"), V{});
  EXPECT_EQ(Addresses("see section 4 Park et al. 2019"), V{});
  EXPECT_EQ(Addresses("The Plaza hotel is 5 minutes away"), V{});
}

TEST_F(AddressTest, StreetOnlyBeforeASentence) {
  // The suffix is a whole word: "password" and "router" are not "Pass" and
  // "Route", and a full word with a period ends the sentence.
  EXPECT_EQ(Addresses("Our new office is at 4600 Washington Road. The router shows a device."),
            V{"4600 Washington Road"});
  EXPECT_EQ(Addresses("A letter for my apartment at 1976 Meadow Street. My wifi password is x."),
            V{"1976 Meadow Street"});
  EXPECT_EQ(Addresses("Send it to 2542 W Pine Way. My passport number is 1."), V{"2542 W Pine Way"});
  EXPECT_EQ(Addresses("I live at 2175 Sunset Place. Text 0171 5977966 to confirm."), V{"2175 Sunset Place"});
  EXPECT_EQ(Addresses("I live at 12 Main St. Call 0171 5977966 today."), V{"12 Main St"});
  EXPECT_EQ(Addresses("I live at 12 Main St. Springfield, IL 62704"), V{"12 Main St. Springfield, IL 62704"});
  EXPECT_EQ(Addresses("Mail 12 St. Charles Ave, please"), V{"12 St. Charles Ave"});
  EXPECT_EQ(Addresses("We moved to 12 Main Street Stationery Shop"), V{"12 Main Street"});
}

TEST_F(AddressTest, EachHouseNumberStartsItsOwnCandidate) {
  // "2 kids at 12 Main" reaches the suffix too, but is prose.
  EXPECT_EQ(Addresses("I have 2 kids at 12 Main St"), V{"12 Main St"});
  EXPECT_EQ(Addresses("The Plaza hotel near Via Roma 5"), V{"Via Roma 5"});
}

TEST_F(AddressTest, OtherForms) {
  EXPECT_EQ(Addresses("Write to po box #12 today"), V{"po box #12"});
  EXPECT_EQ(Addresses("Write to Post Office Box 7"), V{"Post Office Box 7"});
  EXPECT_EQ(Addresses("Asunto: Kiannonkatu 98, 00100 Helsinki"), V{"Kiannonkatu 98, 00100 Helsinki"});
  EXPECT_EQ(Addresses("My address is 4844 Nørrebro 52"), V{"4844 Nørrebro 52"});
  EXPECT_EQ(Addresses("We bought 4844 Nørrebro 52"), V{});  // weak without context
  EXPECT_EQ(Addresses("Ship to C/ Mayor 5"), V{"C/ Mayor 5"});
  EXPECT_EQ(Addresses("Ship to 12B Baker Street, London"), V{"12B Baker Street"});
  EXPECT_EQ(Addresses("Mail: 123 MAIN ST, SPRINGFIELD, IL 62704"), V{"123 MAIN ST, SPRINGFIELD, IL 62704"});
}

TEST_F(AddressTest, HeadlinesAndYears) {
  EXPECT_EQ(Addresses("IN 39 REGIONS AROUND CAPE TOWN"), V{});
  EXPECT_EQ(Addresses("IT WAS THE LATEST OF 12 SUCH ANNOUNCEMENTS SALTMARSH POLICY CENTER"), V{});
  EXPECT_EQ(Addresses("During 1971, prices rose."), V{});
  EXPECT_EQ(Addresses("Spring 2020 was quiet."), V{});
  EXPECT_EQ(Addresses("He lives on the north side of Rua Diadema 1903."), V{"Rua Diadema 1903"});
  EXPECT_EQ(Addresses("Kaiserring 1984, 10115 Berlin"), V{"Kaiserring 1984, 10115 Berlin"});
}

TEST_F(AddressTest, Locations) {
  EXPECT_EQ(Locations("I live in Vila Madalena and want to find a running club."), V{"Vila Madalena"});
  EXPECT_EQ(Locations("We're moving to Rio de Janeiro next month, any tips?"), V{"Rio de Janeiro"});
  EXPECT_EQ(Locations("I'm originally from Cork."), V{"Cork"});
  EXPECT_EQ(Locations("What's there to do near Brookline this weekend?"), V{"Brookline"});
  EXPECT_EQ(Locations("Meet me in Austin, TX tomorrow"), V{"Austin, TX"});
}

TEST_F(AddressTest, NotLocations) {
  EXPECT_EQ(Locations("The summit was held in Geneva last week."), V{});
  EXPECT_EQ(Locations("Explain the controversy around Orchard Law Group."), V{});
  EXPECT_EQ(Locations("Hi, OK thanks"), V{});
  EXPECT_EQ(Locations("We're moving to Sarah's place in May."), V{});
  EXPECT_EQ(Locations("I was born in 1990 and moved in June."), V{});
}

// "City, ST": the name is read back from ", ST", one to three capitalized
// words, the longest that fits.
TEST_F(AddressTest, LocationCityStateNames) {
  EXPECT_EQ(Locations("We met in Ann Arbor, MI last year"), V{"Ann Arbor, MI"});
  EXPECT_EQ(Locations("Winston-Salem, NC is home"), V{"Winston-Salem, NC"});
  EXPECT_EQ(Locations("Visiting South Lake Tahoe City, CA soon"), V{"Lake Tahoe City, CA"});
  EXPECT_EQ(Locations("Thanks, ME"), V{});
  EXPECT_EQ(Locations("Austin, TXT"), V{});
}

// Regression tests: false positives on real chat logs, each with a real
// address of the same shape that is still found.
TEST_F(AddressTest, NumberNameNumberIsNoLabelDateOrTableRow) {
  EXPECT_EQ(Addresses("= = = MOVE 1 STAGE 2 = = ="), V{});                  // a name in capitals
  EXPECT_EQ(Addresses("Posted on August 27, 2020 August 27, 2020"), V{});  // a month
  EXPECT_EQ(Addresses("1 Animals; live 2\n2 Organic chemicals 2\n"), V{});  // words in lower case
  EXPECT_EQ(Addresses("My address is 4844 Nørrebro 52"), V{"4844 Nørrebro 52"});
  EXPECT_EQ(Addresses("My address is 4844 Vester Farimags 52"), V{"4844 Vester Farimags 52"});
  EXPECT_EQ(Addresses("My address is 4844 Vila da Serra 52"), V{"4844 Vila da Serra 52"});
  EXPECT_EQ(Addresses("My address is 17693 Király u. 15"), V{"17693 Király u. 15"});
}

TEST_F(AddressTest, GluedRingIsNoEnglishWord) {
  EXPECT_EQ(Addresses("Daily Life and Work: Exploring 5 Cognitive Tools"), V{});
  EXPECT_EQ(Addresses("Monitoring 3 servers at once"), V{});
  EXPECT_EQ(Addresses("Ship to Kaiserring 12, 10115 Berlin"), V{"Kaiserring 12, 10115 Berlin"});
  EXPECT_EQ(Addresses("Ship to Altstadtring 4"), V{"Altstadtring 4"});
}

// A cue's verb needs its preposition: without one it is an adjective or a
// noun.
TEST_F(AddressTest, CueNeedsItsPreposition) {
  EXPECT_EQ(Locations("how could an LLM based AI such as yourself help?"), V{});
  EXPECT_EQ(Locations("- **Blockchain-based Certifications:** MarinaNet uses"), V{});
  EXPECT_EQ(Locations("MCPD Web-Based Applications Exam 70-547"), V{});
  EXPECT_EQ(Locations("INT. LIVING ROOM - DAY"), V{});
  EXPECT_EQ(Locations("Why You Should Stop Saying 'All Lives Matter'"), V{});
  EXPECT_EQ(Locations("Case Study: Community-based Festival to Promote Activity"), V{});
  EXPECT_EQ(Locations("Our agency is based in Leeds."), V{"Leeds"});
  EXPECT_EQ(Locations("Joe lives in New York where he runs a restaurant."), V{"New York"});
}

// "living", "moving", "relocating" without a subject: a place tied to a
// person only with a personal pronoun earlier in the sentence.
TEST_F(AddressTest, LivingInNeedsAPerson) {
  EXPECT_EQ(Locations("We'll take a closer look at the cost of living in Chiang Mai, and more."), V{});
  EXPECT_EQ(Locations("Tips for saving money while living in Chiang Mai."), V{});
  EXPECT_EQ(Locations("YouTube ads to people in early 20s living in Minneapolis"), V{});
  EXPECT_EQ(Locations("Write a sentence about living in Hawaii."), V{});
  EXPECT_EQ(Locations("Living outside Earth is extremely difficult."), V{});
  EXPECT_EQ(Locations("I am a 30 year old man living in NYC, working in operations."), V{"NYC"});
  EXPECT_EQ(Locations("My experiences as a military dependent living in Hawaii."), V{"Hawaii"});
  EXPECT_EQ(Locations("My sister is thinking about moving to Denver."), V{"Denver"});
  EXPECT_EQ(Locations("My friend lives in Hvammstangi"), V{"Hvammstangi"});
  EXPECT_EQ(Locations("We\u2019re living in Trastevere now"), V{"Trastevere"});
}

TEST_F(AddressTest, CueInAHeadingIsNoPerson) {
  EXPECT_EQ(Locations("Chapter 3: The Cost of Living in Chiang Mai"), V{});
  EXPECT_EQ(Locations("Operators Can Improve Life for Communities Near Waste Disposal"), V{});
  EXPECT_EQ(Locations("I LIVE IN BOSTON"), V{});
  EXPECT_EQ(Locations("Living in Chiang Mai, I learned Thai."), V{});  // the pronoun comes later
  EXPECT_EQ(Locations("I live in Chiang Mai."), V{"Chiang Mai"});
  EXPECT_EQ(Locations("I'm from Bristol, UK"), V{"Bristol"});
}

TEST_F(AddressTest, LeadingArticleOfAPlace) {
  EXPECT_EQ(Locations("We're moving to Le Marais next month"), V{"Le Marais"});
  EXPECT_EQ(Locations("I live in La Jolla."), V{"La Jolla"});
  EXPECT_EQ(Locations("We're moving to La next month"), V{});
}

TEST_F(AddressTest, CityStateIsNoNameListOrRegion) {
  EXPECT_EQ(Locations("The columns need to be Course, Name, ID, Code Name, Rank."), V{});
  EXPECT_EQ(Locations("Advised by Prof. Oriel Shoshani, ME BGU"), V{});
  EXPECT_EQ(Locations("the central Great Xing'an Range, NE China"), V{});
  EXPECT_EQ(Locations("at Moneta Ventures, a Sacramento, CA-based venture firm"), V{});
  EXPECT_EQ(Locations("Media News Company Los Angeles, CA whatstrending.com"), V{"Los Angeles, CA"});
  EXPECT_EQ(Locations("We met in Boise, ID, USA last year"), V{"Boise, ID"});
  EXPECT_EQ(Locations("Omaha, NE 68102"), V{"Omaha, NE"});
  EXPECT_EQ(Locations("Dickinson College, Carlisle, PA\n"), V{"Carlisle, PA"});
}

}  // namespace
}  // namespace winnow::pii
