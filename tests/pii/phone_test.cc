// PHONE_NUMBER through the engine: national and international forms, the
// region hint, context words, E.164 normalization, and the numbers of chat
// text that are not phones (dates, IPs, versions, prices, ISBNs, cards);
// and the shape logic of phone_shape.h on its own.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "pii/detectors/phone_shape.h"
#include "pii/detectors/registry.h"
#include "pii/engine.h"

namespace winnow::pii {
namespace {

// The phone detector alone, or with the card detector beside it.
const Engine& PhoneEngine(bool with_cards) {
  auto make = [](bool cards) {
    std::vector<std::unique_ptr<Detector>> ds;
    ds.push_back(MakePhoneDetector());
    if (cards) ds.push_back(MakeCreditCardDetector());
    auto e = Engine::Create(std::move(ds), {});
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.value().release();
  };
  static const Engine* alone = make(false);
  static const Engine* both = make(true);
  return *(with_cards ? both : alone);
}

std::vector<std::string> Find(std::string_view text, std::string_view region = {}, bool with_cards = false,
                              std::vector<Finding>* findings = nullptr) {
  const Engine& e = PhoneEngine(with_cards);
  auto scratch = e.NewScratch();
  std::vector<Finding> found;
  DetectContext ctx;
  ctx.text = text;
  ctx.region = region;
  e.Detect(ctx, scratch.get(), &found);
  std::vector<std::string> out;
  for (const Finding& f : found) {
    if (f.type == "PHONE_NUMBER") out.emplace_back(text.substr(f.begin, f.end - f.begin));
  }
  if (findings != nullptr) *findings = found;
  return out;
}

using Values = std::vector<std::string>;

TEST(Phone, NationalAndInternationalForms) {
  EXPECT_EQ(Find("My US number is (415) 555-0132, and my international one is +1 415 555 0132"),
            (Values{"(415) 555-0132", "+1 415 555 0132"}));
  EXPECT_EQ(Find("_: (415)555-0132"), (Values{"(415)555-0132"}));
  EXPECT_EQ(Find("US: 415-555-0132"), (Values{"415-555-0132"}));
  EXPECT_EQ(Find("or 415.555.0132."), (Values{"415.555.0132"}));
  EXPECT_EQ(Find("Brazil: +55 11 98456 5666"), (Values{"+55 11 98456 5666"}));
  EXPECT_EQ(Find("London +44 (20) 7123 4567"), (Values{"+44 (20) 7123 4567"}));
  EXPECT_EQ(Find("Berlin +49 30 1234567"), (Values{"+49 30 1234567"}));
  EXPECT_EQ(Find("Paris +33 1 42 68 53 00"), (Values{"+33 1 42 68 53 00"}));
  EXPECT_EQ(Find("Athens +30 21 0 1234567"), (Values{"+30 21 0 1234567"}));
  EXPECT_EQ(Find("Mumbai +91 4155550132"), (Values{"+91 4155550132"}));
  EXPECT_EQ(Find("office 020 7946 0958"), (Values{"020 7946 0958"}));
  EXPECT_EQ(Find("bureau 01.42.68.53.00"), (Values{"01.42.68.53.00"}));
  EXPECT_EQ(Find("tel:+14155550132"), (Values{"+14155550132"}));
}

TEST(Phone, BareDigitRunsNeedContext) {
  EXPECT_EQ(Find("ref 4155550132"), Values{});
  EXPECT_EQ(Find("4155550132"), Values{});
  EXPECT_EQ(Find("call me at 4155550132"), (Values{"4155550132"}));
  EXPECT_EQ(Find("my number is 13812345678"), (Values{"13812345678"}));
  EXPECT_EQ(Find("My CN number is 13812345678"), Values{});  // "number" alone is any number
  EXPECT_EQ(Find("Telefon: 030 1234567"), (Values{"030 1234567"}));
}

TEST(Phone, RegionHint) {
  // 07 12 34 56 78 is a French mobile number; it is also valid in Germany,
  // so without a hint the region list decides.
  EXPECT_EQ(Find("mobile 07 12 34 56 78", "FR"), (Values{"07 12 34 56 78"}));
  EXPECT_EQ(Find("ligne fixe 01 42 68 53 00", "fr"), (Values{"01 42 68 53 00"}));
  // A hint outside the built-in list takes the general parser.
  EXPECT_EQ(Find("My Israeli number is 09-7625400", "IL"), (Values{"09-7625400"}));
  EXPECT_EQ(Find("tel 0 22 123 45 67", "BE"), (Values{"0 22 123 45 67"}));
}

TEST(Phone, NormalizesToE164) {
  auto d = MakePhoneDetector();
  EXPECT_EQ(d->Normalize("PHONE_NUMBER", "(415) 555-0132"), "+14155550132");
  EXPECT_EQ(d->Normalize("PHONE_NUMBER", "+44 (20) 7123 4567"), "+442071234567");
  EXPECT_EQ(d->Normalize("PHONE_NUMBER", "tel:+1-415-555-0132"), "+14155550132");
}

TEST(Phone, ExtensionsAndShownTrunkPrefix) {
  EXPECT_EQ(Find("Fax: 345-899-3560x4587"), (Values{"345-899-3560x4587"}));
  EXPECT_EQ(Find("desk +1-903-140-4508 ext. 769"), (Values{"+1-903-140-4508 ext. 769"}));
  EXPECT_EQ(Find("fax +46 (0)8 928 571 38"), (Values{"+46 (0)8 928 571 38"}));
  EXPECT_EQ(MakePhoneDetector()->Normalize("PHONE_NUMBER", "+46 (0)8 928 571 38"), "+46892857138");
}

TEST(Phone, OtherStylesOfGrouping) {
  // Valid numbers in groups libphonenumber would not use.
  EXPECT_EQ(Find("Phone: 680 677 557"), (Values{"680 677 557"}));  // Spain
  EXPECT_EQ(Find("07700 900 123 is my cell"), (Values{"07700 900 123"}));
}

TEST(Phone, StopsBeforeAFollowingNumber) {
  EXPECT_EQ(Find("call 415-555-0132. 2 people will answer"), (Values{"415-555-0132"}));
}

TEST(Phone, NotDatesIpsVersionsOrPrices) {
  for (std::string_view s :
       {"on 2021-05-21 at noon", "Today is 17.04.2001", "due 04/17/2001", "at 2024-03-15 14:30",
        "host 192.168.100.200", "Windows 10.0.19041.1234", "costs 1 234 567 rubles", "pop. 12.345.678",
        "ISBN 978-3-16-148410-0", "pi is 3.14159265", "items 1 2 3 4 5 6 7", "id #4155550132",
        "order number 4155550132", "$ 415 555 0132", "license number 674618390",
        "see https://news.example.com/a-story-25657988", "MAC 08-72-48-23-BC-10", "SSN 078-05-1121",
        "Boston, MA 02110-1301", "<Buffer 61 61 61 61 61>", "3. 4294967295", "/FontBBox {-5 -232 545 699}",
        "(a,6377276.345)", "399 700 498 bytes", "reach 1000 (cf: 20020928)",
        // Rows of small numbers, round amounts, ranges, CAS registry numbers.
        "Sample input: 5 19 17 16 14 12", "CONFLICT 15 10 18 4 17 47%", "HQ at 11S NU 39000 11000",
        "Research, 106(D15), 17403-17419.", "\"CAS ID\": \"2060571-02-8\"", "water is CAS 7732-18-5"}) {
    EXPECT_EQ(Find(s), Values{}) << s;
  }
}

// Phone numbers of the shapes just above: pairs after a trunk 0, groups
// that are not all round, a dash between two unrelated groups, a last
// group of one digit that is no CAS check digit.
TEST(Phone, NumbersShapedLikeListsRangesOrCas) {
  EXPECT_EQ(Find("mobile 06 12 34 56 78"), (Values{"06 12 34 56 78"}));
  EXPECT_EQ(Find("call 020 7000 1234"), (Values{"020 7000 1234"}));
  EXPECT_EQ(Find("Telefoon: 06-49294092"), (Values{"06-49294092"}));
  EXPECT_EQ(Find("phone 98765-43210", "IN"), (Values{"98765-43210"}));
}

TEST(Phone, CardNumbersAreNotPhones) {
  EXPECT_EQ(Find("4111111111111111"), Values{});
  EXPECT_EQ(Find("4111 1111 1111 1111"), Values{});
  std::vector<Finding> f;
  Find("card 4012 8888 8888 1881 call 415-555-0132", {}, true, &f);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].type, "CREDIT_CARD");
  EXPECT_EQ(f[1].type, "PHONE_NUMBER");
}

// Normalize() reuses what Validate() decided on the same thread; the answer
// must be the one a thread that detected nothing computes.
TEST(Phone, NormalizeAfterDetectMatchesFreshNormalize) {
  const std::string text =
      "call (415) 555-0132 or +44 (20) 7123 4567, fax 345-899-3560x4587, bureau 01.42.68.53.00, "
      "mobile 07 12 34 56 78, or 5 415 555 0132 and +46 (0)8 928 571 38";
  auto d = MakePhoneDetector();
  std::vector<Finding> found;
  Find(text, {}, false, &found);
  ASSERT_GE(found.size(), 6u);
  for (const Finding& f : found) {
    const std::string value = text.substr(f.begin, f.end - f.begin);
    const std::string warm = d->Normalize("PHONE_NUMBER", value);
    std::string fresh;
    std::thread([&] { fresh = d->Normalize("PHONE_NUMBER", value); }).join();
    EXPECT_EQ(warm, fresh) << value;
  }
  EXPECT_EQ(d->Normalize("PHONE_NUMBER", "(415) 555-0132"), "+14155550132");
  EXPECT_EQ(d->Normalize("PHONE_NUMBER", "01.42.68.53.00"), "+33142685300");
  // Not a number anywhere: its digits.
  EXPECT_EQ(d->Normalize("PHONE_NUMBER", "+999 1"), "+9991");
  EXPECT_EQ(d->Normalize("PHONE_NUMBER", std::string(60, '7')), std::string(60, '7'));
}

TEST(PhoneShape, SplitsGroupsAndSeparators) {
  const phone::Shape sh = phone::Split("+44 (20) 7123-4567");
  ASSERT_EQ(sh.n, 4u);
  EXPECT_EQ(sh.digits, 12u);
  EXPECT_EQ(sh.groups[1], "20");
  EXPECT_EQ(sh.seps[1], " (");
  EXPECT_EQ(sh.seps[2], ") ");
  EXPECT_EQ(sh.seps[3], "-");
  EXPECT_FALSE(sh.overflow);
  // Too many groups to keep: all digits still counted, and no reading.
  std::string many;
  for (int i = 0; i < 30; ++i) many += "1 ";
  const phone::Shape big = phone::Split(many);
  EXPECT_TRUE(big.overflow);
  EXPECT_EQ(big.digits, 30u);
  phone::ReadingList readings;
  phone::Readings(big, false, &readings);
  EXPECT_EQ(readings.size, 0u);
}

TEST(PhoneShape, ReadingsDropNeighboursAndCallPrefixes) {
  phone::ReadingList rs;
  phone::Readings(phone::Split("5 415 555 0132"), false, &rs);
  ASSERT_EQ(rs.size, 2u);
  EXPECT_EQ(rs.items[0].digits(), "54155550132");
  EXPECT_FALSE(rs.items[0].cut);
  EXPECT_EQ(rs.items[1].digits(), "4155550132");
  EXPECT_TRUE(rs.items[1].cut);
  EXPECT_EQ(rs.items[1].lead, 1u);
  // 00 is an international call prefix; its group boundary goes with it.
  phone::Readings(phone::Split("00 44 20 7123 4567"), false, &rs);
  ASSERT_GE(rs.size, 1u);
  EXPECT_TRUE(rs.items[0].intl);
  EXPECT_EQ(rs.items[0].digits(), "442071234567");
  ASSERT_EQ(rs.items[0].nbounds, 3);
  EXPECT_EQ(rs.items[0].bound_buf[0], 2);
  // "(0)" after a '+' country code is skipped.
  phone::Readings(phone::Split("+46 (0)8 928 571 38"), true, &rs);
  ASSERT_GE(rs.size, 1u);
  EXPECT_EQ(rs.items[0].digits(), "46892857138");
  // Over 17 digits: no whole reading.
  phone::Readings(phone::Split("123456789012345678"), false, &rs);
  EXPECT_EQ(rs.size, 0u);
}

TEST(PhoneShape, GroupedComparesBoundaries) {
  phone::ReadingList rs;
  phone::Readings(phone::Split("020 7946 0958"), false, &rs);
  ASSERT_GE(rs.size, 1u);
  EXPECT_TRUE(phone::Grouped(rs.items[0], "020 7946 0958"));
  EXPECT_TRUE(phone::Grouped(rs.items[0], "20 7946 0958"));  // trunk prefix not in the format
  EXPECT_FALSE(phone::Grouped(rs.items[0], "0207 946 0958"));
  EXPECT_FALSE(phone::Grouped(rs.items[0], "020 7946 0959"));  // other digits
}

TEST(PhoneShape, OtherNumbersAndExtensions) {
  EXPECT_TRUE(phone::LooksLikeOtherNumber(phone::Split("4111111111111111"), false));
  EXPECT_TRUE(phone::LooksLikeOtherNumber(phone::Split("9783161484100"), false));
  EXPECT_FALSE(phone::LooksLikeOtherNumber(phone::Split("4111111111111111"), true));
  EXPECT_FALSE(phone::LooksLikeOtherNumber(phone::Split("415-555-0132"), false));
  EXPECT_EQ(phone::ExtensionEnd("0132 ext. 769!", 4), 13u);
  EXPECT_EQ(phone::ExtensionEnd("0132x45a", 4), 4u);
}

}  // namespace
}  // namespace winnow::pii
