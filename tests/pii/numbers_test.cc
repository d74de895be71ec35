// The number-shaped detectors through the engine: credit cards, US SSN and
// ITIN, US bank and routing numbers, US passports and driver licences,
// IBANs and personal dates. Positives, their context words, and the
// look-alikes of ordinary chat text that must stay unreported.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/registry.h"
#include "pii/engine.h"

namespace winnow::pii {
namespace {

struct Hit {
  std::string type;
  std::string value;
  std::string subtype;
  float score;
};

// One engine over every detector of this test, built once.
const Engine& NumbersEngine() {
  static const Engine* engine = [] {
    std::vector<std::unique_ptr<Detector>> ds;
    ds.push_back(MakeCreditCardDetector());
    ds.push_back(MakeUsSsnDetector());
    ds.push_back(MakeUsBankDetector());
    ds.push_back(MakeUsDocumentDetector());
    ds.push_back(MakeIbanDetector());
    ds.push_back(MakeDateTimeDetector());
    auto e = Engine::Create(std::move(ds), {});
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.value().release();
  }();
  return *engine;
}

std::vector<Hit> Find(std::string_view text) {
  const Engine& e = NumbersEngine();
  auto scratch = e.NewScratch();
  std::vector<Finding> found;
  DetectContext ctx;
  ctx.text = text;
  e.Detect(ctx, scratch.get(), &found);
  std::vector<Hit> out;
  for (const Finding& f : found) {
    out.push_back({std::string(f.type), std::string(text.substr(f.begin, f.end - f.begin)),
                   std::string(f.subtype), f.score});
  }
  return out;
}

// The single finding of `text`, or a failure.
Hit One(std::string_view text) {
  auto hits = Find(text);
  EXPECT_EQ(hits.size(), 1u) << text;
  return hits.empty() ? Hit{} : hits[0];
}

void ExpectNone(std::string_view text) {
  auto hits = Find(text);
  for (const Hit& h : hits) ADD_FAILURE() << text << ": unexpected " << h.type << " '" << h.value << "'";
}

void ExpectOne(std::string_view text, std::string_view type, std::string_view value) {
  Hit h = One(text);
  EXPECT_EQ(h.type, type) << text;
  EXPECT_EQ(h.value, value) << text;
}

TEST(CreditCard, PrintedAndBareForms) {
  ExpectOne("4012888888881881", "CREDIT_CARD", "4012888888881881");
  ExpectOne("card: 4012-8888-8888-1881.", "CREDIT_CARD", "4012-8888-8888-1881");
  ExpectOne("pay with 4012 8888 8888 1881 please", "CREDIT_CARD", "4012 8888 8888 1881");
  ExpectOne("amex 3714 496353 98431", "CREDIT_CARD", "3714 496353 98431");
  EXPECT_EQ(One("371449635398431").subtype, "amex");
  EXPECT_EQ(One("5555555555554444").subtype, "mastercard");
  EXPECT_EQ(One("2221000000000009").subtype, "mastercard");
  EXPECT_EQ(One("6011000400000000").subtype, "discover");
  EXPECT_EQ(One("3528000700000000").subtype, "jcb");
  EXPECT_EQ(One("card 30569309025904").subtype, "diners");
  EXPECT_EQ(One("6200000000000005").subtype, "unionpay");
  EXPECT_EQ(One("6759649826438453").subtype, "maestro");
  EXPECT_EQ(One("my credit card: 122000000000003").subtype, "uatp");
  EXPECT_EQ(One("4111111111111111").subtype, "visa");
  EXPECT_EQ(One("213176828496175").subtype, "jcb");  // legacy 15-digit JCB
}

TEST(CreditCard, ShortMaestroNeedsACardWord) {
  ExpectNone("501864667909");
  ExpectOne("What is the limit for card 501864667909?", "CREDIT_CARD", "501864667909");
}

TEST(CreditCard, SeveralInARow) {
  auto hits = Find("4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[2].value, "4012 8888 8888 1881");
}

TEST(CreditCard, StopsBeforeAFollowingNumber) {
  ExpectOne("4111 1111 1111 1111 12/25", "CREDIT_CARD", "4111 1111 1111 1111");
}

TEST(CreditCard, RejectsLookAlikes) {
  ExpectNone("4012-8888-8888-1882");                 // Luhn
  ExpectNone("my credit card number is 36168002586008");
  ExpectNone("1748503543012");                       // no issuer starts with 1 at 13 digits
  ExpectNone("4111 1111-1111 1111");                 // mixed separators
  ExpectNone("41111111111111112222");                // 20 digits
  ExpectNone("order number 4111111111111111");       // bare run next to "order"
  ExpectNone("ISBN 978-0-306-40615-7");
  ExpectNone("tweet 1456789012345678901 went viral");
  ExpectNone("30569309025904");                      // 14 digits: needs a card word
  ExpectNone("reqNonce: 6614698701445762950");
  ExpectNone("#pragma warning(disable : 4251 4231 4660 4275 4511 4512)");
}

TEST(Normalize, DigitsOnly) {
  EXPECT_EQ(MakeCreditCardDetector()->Normalize("CREDIT_CARD", "4012-8888-8888-1881"), "4012888888881881");
  EXPECT_EQ(MakeUsSsnDetector()->Normalize("US_SSN", "078 05 1121"), "078051121");
  EXPECT_EQ(MakeUsBankDetector()->Normalize("ABA_ROUTING_NUMBER", "0711-0130-7"), "071101307");
  EXPECT_EQ(MakeUsDocumentDetector()->Normalize("US_DRIVER_LICENSE", "s530-460-99-424-0"), "S53046099424" "0");
}

TEST(UsSsn, FormattedNumbers) {
  ExpectOne("078-05-1121", "US_SSN", "078-05-1121");
  ExpectOne("abc 078 05 1121 abc", "US_SSN", "078 05 1121");
  ExpectOne("078.05.1121", "US_SSN", "078.05.1121");
}

TEST(UsSsn, BareNumbersNeedContext) {
  ExpectNone("078051121");
  ExpectOne("my ssn is 078051121", "US_SSN", "078051121");
  ExpectOne("Social Security number: 078051121", "US_SSN", "078051121");
  ExpectOne("SS# 078051121", "US_SSN", "078051121");
}

TEST(UsSsn, InvalidNumbers) {
  for (std::string_view s : {"000-12-3456", "666-12-3456", "078-00-1121", "078-05-0000", "123-45-6789",
                             "693-09.4444", "900-12-3456", "111-11-1111", "ssn 078051120"}) {
    ExpectNone(s);
  }
}

TEST(UsSsn, Itin) {
  ExpectOne("911-70-1234", "US_ITIN", "911-70-1234");
  ExpectOne("911 53 1234", "US_ITIN", "911 53 1234");
  ExpectOne("my ITIN is 911701234", "US_ITIN", "911701234");
  ExpectNone("my tax id 911-89-1234");
  ExpectNone("911-93-1234");
}

TEST(UsSsn, NotPhonesZipsOrDates) {
  ExpectNone("call 415-555-0132");
  ExpectNone("San Francisco, CA 94105-1234");
  ExpectNone("on 2021-05-21");
}

TEST(UsBank, RoutingNumbers) {
  ExpectOne("routing number 121000358", "ABA_ROUTING_NUMBER", "121000358");
  ExpectOne("ABA: 322271627", "ABA_ROUTING_NUMBER", "322271627");
  ExpectOne("0711-0130-7", "ABA_ROUTING_NUMBER", "0711-0130-7");
  ExpectNone("121000358");
  ExpectNone("routing 421042111");   // no Federal Reserve prefix 42
  ExpectNone("1234-0000-0");         // checksum
}

TEST(UsBank, AccountNumbersNeedContext) {
  ExpectOne("account number 945456787654", "US_BANK_NUMBER", "945456787654");
  ExpectOne("Acct# 12345678", "US_BANK_NUMBER", "12345678");
  ExpectNone("945456787654");
  ExpectNone("order 945456787654 shipped");
  ExpectNone("account 1234567");  // too short
  ExpectNone("my bank: https://news.example.com/investors-sour-on-tidewater-bank-72500105");
}

TEST(UsBank, AccountNumbersAreWholeRuns) {
  ExpectOne("account 12345678901234567", "US_BANK_NUMBER", "12345678901234567");  // 17 digits
  for (const Hit& h : Find("account 123456789012345678")) EXPECT_NE(h.type, "US_BANK_NUMBER") << h.value;
  for (const Hit& h : Find("account x12345678")) EXPECT_NE(h.type, "US_BANK_NUMBER") << h.value;
}

TEST(UsBank, RoutingAndAccountTogether) {
  auto hits = Find("wire it to routing 121000358, checking account 000123456789");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].type, "ABA_ROUTING_NUMBER");
  EXPECT_EQ(hits[1].type, "US_BANK_NUMBER");
  EXPECT_EQ(hits[1].value, "000123456789");
}

TEST(UsDocument, Passports) {
  ExpectOne("passport number 912803456", "US_PASSPORT", "912803456");
  ExpectOne("my travel passport is A12803456", "US_PASSPORT", "A12803456");
  ExpectNone("A12803456");
  ExpectNone("912803456");
}

TEST(UsDocument, DriverLicenses) {
  ExpectOne("driver's license D1234567", "US_DRIVER_LICENSE", "D1234567");
  ExpectOne("DL: S530-460-99-424-0", "US_DRIVER_LICENSE", "S530-460-99-424-0");
  ExpectOne("WA licence FRANCRF705BA", "US_DRIVER_LICENSE", "FRANCRF705BA");
  ExpectOne("driving licence no. 123456789", "US_DRIVER_LICENSE", "123456789");
  ExpectNone("H12234567");
  ExpectNone("C12T345672 license");
  ExpectNone("the license is MIT, see section 3");
  ExpectNone("drivers/regulator: enable MP8859 as module");
  ExpectNone("license fix (Closes: #996866)");
}

// The detector reads each shape from a short anchor; a shape counts only as
// a whole token, whichever anchor (digits, capital + digits) it holds.
TEST(UsDocument, ShapesFromAnchors) {
  ExpectOne("license 1234567", "US_DRIVER_LICENSE", "1234567");
  ExpectOne("license AB1234567", "US_DRIVER_LICENSE", "AB1234567");
  ExpectOne("license 12ABC34567", "US_DRIVER_LICENSE", "12ABC34567");
  ExpectOne("license 12345678AB", "US_DRIVER_LICENSE", "12345678AB");
  ExpectOne("license 123AB4567", "US_DRIVER_LICENSE", "123AB4567");
  ExpectOne("IL license A123-4567-8901", "US_DRIVER_LICENSE", "A123-4567-8901");
  // The NY shape inside a spaced MD number is that number's.
  ExpectOne("MD license A123 456 789 012", "US_DRIVER_LICENSE", "A123 456 789 012");
  ExpectOne("NY license 123 456 789", "US_DRIVER_LICENSE", "123 456 789");
  ExpectOne("license 1234-56-7890", "US_DRIVER_LICENSE", "1234-56-7890");
  // WA: five to seven capitals or '*', three digits, two more; WDL + nine.
  ExpectOne("WA license SMITH*J123AB", "US_DRIVER_LICENSE", "SMITH*J123AB");
  ExpectOne("WA license WDLABCD12345", "US_DRIVER_LICENSE", "WDLABCD12345");
  ExpectOne("WA license WDLAB123XY here", "US_DRIVER_LICENSE", "WDLAB123XY");
  ExpectNone("WA license ABCDEFGH123XY");  // eight letters
  ExpectNone("WA license *MITHJ123AB");
  ExpectNone("license AB1234567x");        // inside a longer token
  ExpectNone("license 123456789012345");   // fifteen digits
}

TEST(Iban, Forms) {
  ExpectOne("DE89 3704 0044 0532 0130 00", "IBAN_CODE", "DE89 3704 0044 0532 0130 00");
  ExpectOne("IBAN DE89370400440532013000.", "IBAN_CODE", "DE89370400440532013000");
  ExpectOne("AL47-2121-1009-0000-0002-3569-8741", "IBAN_CODE", "AL47-2121-1009-0000-0002-3569-8741");
  ExpectOne("GB29 NWBK 6016 1331 9268 19 is mine", "IBAN_CODE", "GB29 NWBK 6016 1331 9268 19");
  ExpectOne("VG96 VPVG 0000 0123 4567 8901 X in", "IBAN_CODE", "VG96 VPVG 0000 0123 4567 8901");
  ExpectOne("iban: de89370400440532013000", "IBAN_CODE", "de89370400440532013000");
  EXPECT_EQ(One("NL91ABNA0417164300").subtype, "NL");
}

TEST(Iban, SeveralInARow) {
  auto hits = Find("AT61 1904 3002 3457 3201 DE89 3704 0044 0532 0130 00");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[1].value, "DE89 3704 0044 0532 0130 00");
}

TEST(Iban, Rejects) {
  ExpectNone("DE89 3704 0044 0532 0130 01");   // mod 97
  ExpectNone("AT61 1904 A002 3457 3201");      // letter where AT has digits
  ExpectNone("EE38 2200 2210  014 5686");      // broken grouping
  ExpectNone("GI75 aWBK 0000 0000 7099 453");  // mixed case
  ExpectNone("AL47/2121/1009/0000/0002/3569/8741");
  ExpectNone("XX89370400440532013000");        // no such country
}

TEST(Iban, Normalizes) {
  EXPECT_EQ(MakeIbanDetector()->Normalize("IBAN_CODE", "de89 3704 0044 0532 0130 00"), "DE89370400440532013000");
}

TEST(DateTime, BirthDates) {
  ExpectOne("I was born on April 17, 2001 in Ohio", "DATE_TIME", "April 17, 2001");
  ExpectOne("DOB: 04/17/2001", "DATE_TIME", "04/17/2001");
  ExpectOne("Date of birth: 17.04.2001", "DATE_TIME", "17.04.2001");
  ExpectOne("d.o.b. 2001-04-17", "DATE_TIME", "2001-04-17");
  ExpectOne("born Apr. 17th 2001", "DATE_TIME", "Apr. 17th 2001");
  ExpectOne("my birthday is 17 April 2001", "DATE_TIME", "17 April 2001");
  ExpectOne("née le 17 avril 2001", "DATE_TIME", "17 avril 2001");
  ExpectOne("geboren am 17. April 2001", "DATE_TIME", "17. April 2001");
  ExpectOne("nacido el 17 de abril de 2001", "DATE_TIME", "17 de abril de 2001");
}

TEST(DateTime, PartialBirthDates) {
  ExpectOne("born in May 1990", "DATE_TIME", "May 1990");
  ExpectOne("my birthday is May 21st", "DATE_TIME", "May 21st");
  ExpectNone("born 5/90");  // numeric month/year stays below the threshold
}

TEST(DateTime, OtherDatesStayBelowThreshold) {
  ExpectNone("The summit took place on April 17, 2001.");
  ExpectNone("Released 2021-05-21, updated 05/21/2021.");
  ExpectNone("Meeting at 2024-03-15T14:30Z");
  ExpectNone("born to run, I scored 8/10");
  ExpectNone("Version 3.10.12 was released in May 2021");
  ExpectNone("ip 10.1.1.255");
}

}  // namespace
}  // namespace winnow::pii
