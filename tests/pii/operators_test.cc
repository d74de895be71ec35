// Operators, the redaction log and surrogates: placeholder numbering, mask,
// remove, keep, pseudonyms across redactors, code-point offsets in non-ASCII
// text, surrogate validity, and that no log ever holds an original value.
#include "pii/operators.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <set>

#include "pii/engine.h"
#include "pii/surrogate.h"

namespace winnow::pii {
namespace {

PseudonymKey KeyOf(uint8_t first) {
  std::array<uint8_t, 32> b;
  for (int i = 0; i < 32; ++i) b[i] = static_cast<uint8_t>(first + i);
  StatusOr<PseudonymKey> key = PseudonymKey::FromBytes(b);
  EXPECT_TRUE(key.ok());
  return std::move(key).value();
}

Redactor Make(Operator op, const PseudonymKey* key = nullptr, std::map<std::string, Operator, std::less<>> per = {}) {
  RedactorOptions o;
  o.default_operator = op;
  o.type_operators = std::move(per);
  StatusOr<Redactor> r = Redactor::Create(o, key);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

// Findings for each (type, value) in `text`, at the first occurrence after
// the previous finding (byte offsets, sorted, as the engine returns them).
std::vector<Finding> FindAll(std::string_view text, const std::vector<std::pair<std::string_view, std::string_view>>& want) {
  std::vector<Finding> out;
  size_t from = 0;
  for (const auto& [type, value] : want) {
    const size_t at = text.find(value, from);
    EXPECT_NE(at, std::string_view::npos) << value;
    Finding f;
    f.type = type;
    f.detector = "test";
    f.begin = static_cast<uint32_t>(at);
    f.end = static_cast<uint32_t>(at + value.size());
    f.score = 0.85f;
    out.push_back(f);
    from = f.end;
  }
  return out;
}

std::string Redact(Redactor* r, std::string_view text, std::span<const Finding> f,
                   std::vector<RedactionRecord>* log = nullptr, std::span<const std::string> norm = {},
                   std::span<const KeepReason> keep = {}) {
  std::string out;
  const Status s = r->Apply(text, f, norm, keep, &out, log);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

// The code points of UTF-8 `s` (decoded independently of operators.cc).
std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

bool Luhn(std::string_view digits) { return LuhnValid(digits); }

TEST(OperatorsTest, NamesRoundTrip) {
  for (Operator op : {Operator::kPlaceholder, Operator::kPseudonym, Operator::kSurrogate, Operator::kMask,
                      Operator::kRemove, Operator::kKeep}) {
    EXPECT_EQ(ParseOperator(OperatorName(op)), op);
  }
  EXPECT_EQ(OperatorName(Operator::kPlaceholder), "placeholder");
  EXPECT_FALSE(ParseOperator("Mask").has_value());
  EXPECT_FALSE(ParseOperator("").has_value());
}

TEST(OperatorsTest, PseudonymAndSurrogateNeedAKey) {
  RedactorOptions o;
  o.default_operator = Operator::kPseudonym;
  EXPECT_EQ(Redactor::Create(o, nullptr).status().code(), StatusCode::kInvalidArgument);
  o.default_operator = Operator::kMask;
  o.type_operators["PERSON"] = Operator::kSurrogate;
  StatusOr<Redactor> r = Redactor::Create(o, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("PERSON"), std::string::npos);
  PseudonymKey key = KeyOf(1);
  EXPECT_TRUE(Redactor::Create(o, &key).ok());
  o.type_operators.clear();
  o.mask_char = '\n';
  EXPECT_FALSE(Redactor::Create(o, nullptr).ok());
}

TEST(OperatorsTest, PlaceholdersNumberDistinctValuesPerDocument) {
  Redactor r = Make(Operator::kPlaceholder);
  const std::string text = "a@x.io wrote to Bob, b@x.io and A@X.io; Bob replied to a@x.io.";
  const auto f = FindAll(text, {{"EMAIL_ADDRESS", "a@x.io"}, {"PERSON", "Bob"}, {"EMAIL_ADDRESS", "b@x.io"},
                                {"EMAIL_ADDRESS", "A@X.io"}, {"PERSON", "Bob"}, {"EMAIL_ADDRESS", "a@x.io"}});
  const std::vector<std::string> norm = {"a@x.io", "bob", "b@x.io", "a@x.io", "bob", "a@x.io"};
  r.BeginDocument();
  EXPECT_EQ(Redact(&r, text, f, nullptr, norm),
            "[EMAIL_ADDRESS_1] wrote to [PERSON_1], [EMAIL_ADDRESS_2] and [EMAIL_ADDRESS_1]; [PERSON_1] replied to "
            "[EMAIL_ADDRESS_1].");
  // Without normalized values, the spelling as written decides.
  r.BeginDocument();
  EXPECT_EQ(Redact(&r, text, f),
            "[EMAIL_ADDRESS_1] wrote to [PERSON_1], [EMAIL_ADDRESS_2] and [EMAIL_ADDRESS_3]; [PERSON_1] replied to "
            "[EMAIL_ADDRESS_1].");
  // Numbering carries on within a document (several texts of one entry)...
  const std::string more = "c@x.io and a@x.io";
  const auto g = FindAll(more, {{"EMAIL_ADDRESS", "c@x.io"}, {"EMAIL_ADDRESS", "a@x.io"}});
  EXPECT_EQ(Redact(&r, more, g), "[EMAIL_ADDRESS_4] and [EMAIL_ADDRESS_1]");
  // ...and starts again with the next.
  r.BeginDocument();
  EXPECT_EQ(Redact(&r, more, g), "[EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_2]");
}

TEST(OperatorsTest, PseudonymsAgreeAcrossRedactorsAndDocuments) {
  PseudonymKey key1 = KeyOf(5);
  PseudonymKey key2 = KeyOf(5);  // "another shard": a separate load of the same key
  PseudonymKey other = KeyOf(6);
  Redactor shard1 = Make(Operator::kPseudonym, &key1);
  Redactor shard2 = Make(Operator::kPseudonym, &key2);
  Redactor stranger = Make(Operator::kPseudonym, &other);
  const std::string text = "Mail jane@roe.example or call Jane Roe.";
  const auto f = FindAll(text, {{"EMAIL_ADDRESS", "jane@roe.example"}, {"PERSON", "Jane Roe"}});
  const std::vector<std::string> norm = {"jane@roe.example", "jane roe"};
  shard1.BeginDocument();
  const std::string out1 = Redact(&shard1, text, f, nullptr, norm);
  EXPECT_EQ(out1, "Mail [" + key1.Token("EMAIL_ADDRESS", "jane@roe.example") + "] or call [" +
                      key1.Token("PERSON", "jane roe") + "].");
  shard2.BeginDocument();
  EXPECT_EQ(Redact(&shard2, text, f, nullptr, norm), out1);
  shard1.BeginDocument();
  EXPECT_EQ(Redact(&shard1, text, f, nullptr, norm), out1);  // numbering plays no part
  stranger.BeginDocument();
  EXPECT_NE(Redact(&stranger, text, f, nullptr, norm), out1);
}

TEST(OperatorsTest, MaskKeepsSeparatorsLengthAndLastFourWhereUseful) {
  Redactor r = Make(Operator::kMask);
  struct Case {
    std::string_view type, value, masked;
  };
  for (const Case& c : std::vector<Case>{
           {"CREDIT_CARD", "4111 1111 1111 1111", "**** **** **** 1111"},
           {"PHONE_NUMBER", "(212) 555-0123", "(***) ***-0123"},
           {"PHONE_NUMBER", "+44 20 7946 0958", "+** ** **** 0958"},
           {"IBAN_CODE", "DE89 3704 0044 0532 0130 00", "**** **** **** **** **30 00"},
           {"US_BANK_NUMBER", "1234", "****"},
           {"US_SSN", "078-05-1120", "***-**-****"},
           {"EMAIL_ADDRESS", "jo.doe@x.io", "**.***@*.**"},
           {"PERSON", "José Müller", "**** ******"},
       }) {
    std::string text = "<", expected = "<";
    text.append(c.value).push_back('>');
    expected.append(c.masked).push_back('>');
    const auto f = FindAll(text, {{c.type, c.value}});
    r.BeginDocument();
    EXPECT_EQ(Redact(&r, text, f), expected) << c.value;
  }
  RedactorOptions o;
  o.default_operator = Operator::kMask;
  o.mask_char = '#';
  StatusOr<Redactor> hash = Redactor::Create(o, nullptr);
  ASSERT_TRUE(hash.ok());
  const auto f = FindAll("x 212-555-0123", {{"PHONE_NUMBER", "212-555-0123"}});
  EXPECT_EQ(Redact(&*hash, "x 212-555-0123", f), "x ###-###-0123");
}

TEST(OperatorsTest, RemoveCutsTheValueOut) {
  Redactor r = Make(Operator::kRemove);
  const std::string text = "call 555-0123 now";
  const auto f = FindAll(text, {{"PHONE_NUMBER", "555-0123"}});
  std::vector<RedactionRecord> log;
  EXPECT_EQ(Redact(&r, text, f, &log), "call  now");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].out_begin, 5u);
  EXPECT_EQ(log[0].out_end, 5u);
  EXPECT_EQ(log[0].replacement, "");
  EXPECT_EQ(log[0].op, "remove");
  EXPECT_EQ(log[0].action, "redacted");
}

TEST(OperatorsTest, KeptFindingsStayAndSayWhy) {
  Redactor r = Make(Operator::kPlaceholder, nullptr, {{"URL", Operator::kKeep}});
  const std::string text = "Dr. Ada Lovelace (see https://ex.org/ada) wrote it; Ada Lovelace again.";
  const auto f = FindAll(text, {{"PERSON", "Ada Lovelace"}, {"URL", "https://ex.org/ada"}, {"PERSON", "Ada Lovelace"}});
  const std::vector<KeepReason> keep = {{2, "evidence: work W12"}};
  std::vector<RedactionRecord> log;
  EXPECT_EQ(Redact(&r, text, f, &log, {}, keep), "Dr. [PERSON_1] (see https://ex.org/ada) wrote it; Ada Lovelace again.");
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].action, "redacted");
  EXPECT_EQ(log[1].action, "kept");
  EXPECT_EQ(log[1].reason, "operator: keep");
  EXPECT_EQ(log[1].replacement, "");
  EXPECT_EQ(log[2].action, "kept");
  EXPECT_EQ(log[2].reason, "evidence: work W12");
  EXPECT_EQ(log[2].op, "keep");
  EXPECT_EQ(log[2].out_end - log[2].out_begin, 12u);
}

TEST(OperatorsTest, LogOffsetsAreCodePointsOfBothTexts) {
  PseudonymKey key = KeyOf(7);
  const std::string text =
      "Grüße von José Müller 👋 — schreib an josé.müller@beispiel.de oder ruf +49 30 1234567 an. Danke, José Müller!";
  const auto f = FindAll(text, {{"PERSON", "José Müller"}, {"EMAIL_ADDRESS", "josé.müller@beispiel.de"},
                                {"PHONE_NUMBER", "+49 30 1234567"}, {"PERSON", "José Müller"}});
  const std::u32string in = Decode(text);
  for (Operator op : {Operator::kPlaceholder, Operator::kPseudonym, Operator::kSurrogate, Operator::kMask,
                      Operator::kRemove}) {
    Redactor r = Make(op, &key, {{"PHONE_NUMBER", Operator::kMask}});
    r.BeginDocument();
    std::vector<RedactionRecord> log;
    const std::string out = Redact(&r, text, f, &log);
    const std::u32string o = Decode(out);
    ASSERT_EQ(log.size(), f.size());
    for (size_t i = 0; i < f.size(); ++i) {
      const auto value = Decode(text.substr(f[i].begin, f[i].end - f[i].begin));
      EXPECT_EQ(in.substr(log[i].begin, log[i].end - log[i].begin), value) << OperatorName(op) << " " << i;
      EXPECT_EQ(o.substr(log[i].out_begin, log[i].out_end - log[i].out_begin), Decode(log[i].replacement))
          << OperatorName(op) << " " << i;
    }
    // The text between findings is carried over where the offsets say.
    EXPECT_EQ(o.substr(0, log[0].out_begin), in.substr(0, log[0].begin));
    EXPECT_EQ(o.substr(log.back().out_end), in.substr(log.back().end));
    if (op == Operator::kMask) {
      EXPECT_EQ(o.size(), in.size());
    }
  }
}

TEST(OperatorsTest, NoLogOrOutputEverHoldsTheOriginalValue) {
  PseudonymKey key = KeyOf(8);
  const std::string text =
      "From ada.lovelace@mail.example (Ada Lovelace, +1 212 555 7890, card 4539 1488 0343 6467, SSN 536-22-1234, "
      "IBAN GB82 WEST 1234 5698 7654 32, host 10.1.2.3, mac 00:1A:2B:3C:4D:5E, passport X12345678, "
      "https://ada-lovelace.example/cv).";
  const auto f = FindAll(text, {{"EMAIL_ADDRESS", "ada.lovelace@mail.example"},
                                {"PERSON", "Ada Lovelace"},
                                {"PHONE_NUMBER", "+1 212 555 7890"},
                                {"CREDIT_CARD", "4539 1488 0343 6467"},
                                {"US_SSN", "536-22-1234"},
                                {"IBAN_CODE", "GB82 WEST 1234 5698 7654 32"},
                                {"IP_ADDRESS", "10.1.2.3"},
                                {"MAC_ADDRESS", "00:1A:2B:3C:4D:5E"},
                                {"US_PASSPORT", "X12345678"},
                                {"URL", "https://ada-lovelace.example/cv"}});
  for (Operator op : {Operator::kPlaceholder, Operator::kPseudonym, Operator::kSurrogate, Operator::kMask,
                      Operator::kRemove}) {
    Redactor r = Make(op, &key);
    r.BeginDocument();
    std::vector<RedactionRecord> log;
    const std::string out = Redact(&r, text, f, &log);
    std::string json;
    for (const RedactionRecord& rec : log) {
      AppendRecordJson(rec, &json);
      json.push_back('\n');
    }
    for (const Finding& x : f) {
      const std::string value = text.substr(x.begin, x.end - x.begin);
      EXPECT_EQ(json.find(value), std::string::npos) << OperatorName(op) << ": " << value;
      EXPECT_EQ(out.find(value), std::string::npos) << OperatorName(op) << ": " << value;
    }
    EXPECT_EQ(json.find("Lovelace"), std::string::npos) << json;
    EXPECT_EQ(json.find("lovelace"), std::string::npos) << json;
  }
}

TEST(OperatorsTest, RefusesMalformedFindingsWithoutTouchingOutput) {
  Redactor r = Make(Operator::kPlaceholder);
  const std::string text = "abcdef";
  auto finding = [](uint32_t b, uint32_t e) {
    Finding f;
    f.type = "X";
    f.begin = b;
    f.end = e;
    return f;
  };
  std::string out = "unchanged";
  std::vector<RedactionRecord> log;
  const std::vector<std::vector<Finding>> bad = {
      {finding(2, 4), finding(3, 5)}, {finding(3, 4), finding(0, 1)}, {finding(4, 7)}, {finding(3, 2)}};
  for (const auto& f : bad) {
    EXPECT_EQ(r.Apply(text, f, {}, {}, &out, &log).code(), StatusCode::kInvalidArgument);
  }
  const std::vector<Finding> one = {finding(0, 1)};
  const std::vector<std::string> two = {"a", "b"};
  EXPECT_FALSE(r.Apply(text, one, two, {}, &out, &log).ok());
  const std::vector<KeepReason> keep = {{1, "x"}};
  EXPECT_FALSE(r.Apply(text, one, {}, keep, &out, &log).ok());
  EXPECT_EQ(out, "unchanged");
  EXPECT_TRUE(log.empty());
  // Adjacent findings and an empty text are fine.
  const std::vector<Finding> adjacent = {finding(0, 3), finding(3, 6)};
  EXPECT_EQ(Redact(&r, text, adjacent), "[X_1][X_2]");
  EXPECT_EQ(Redact(&r, "", {}), "");
}

TEST(OperatorsTest, RecordJson) {
  RedactionRecord r;
  r.type = "CREDIT_CARD";
  r.detector = "credit_card";
  r.subtype = "visa";
  r.score = 0.85f;
  r.begin = 3;
  r.end = 22;
  r.out_begin = 3;
  r.out_end = 20;
  r.op = "placeholder";
  r.replacement = "[CREDIT_CARD_1]";
  r.action = "redacted";
  std::string json;
  AppendRecordJson(r, &json);
  EXPECT_EQ(json,
            R"({"type":"CREDIT_CARD","detector":"credit_card","subtype":"visa","score":0.85,"begin":3,"end":22,)"
            R"("out_begin":3,"out_end":20,"operator":"placeholder","replacement":"[CREDIT_CARD_1]","action":"redacted"})");
  r.subtype.clear();
  r.action = "kept";
  r.reason = "evidence: work W\"1\"";
  json.clear();
  AppendRecordJson(r, &json);
  EXPECT_EQ(json.find("subtype"), std::string::npos);
  EXPECT_NE(json.find(R"("reason":"evidence: work W\"1\"")"), std::string::npos) << json;
}

// ---------------------------------------------------------------- surrogates

std::array<uint8_t, 32> MacOf(const PseudonymKey& key, std::string_view type, std::string_view value) {
  std::array<uint8_t, 32> mac;
  key.Mac(type, value, mac);
  return mac;
}

std::string Shape(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(std::isdigit(static_cast<unsigned char>(c)) ? 'd' : std::isalpha(static_cast<unsigned char>(c)) ? 'a' : c);
  return out;
}

TEST(SurrogateTest, CardsAreLuhnValidTestNumbersOfTheSameNetworkAndGrouping) {
  PseudonymKey key = KeyOf(11);
  for (std::string_view card : {"4539 1488 0343 6467", "4539148803436467", "5425-2334-3010-9903", "2223 0031 2200 3222",
                                "3714 496353 98431", "6011 0009 9013 9424", "3530111333300000", "36227206271667"}) {
    const std::string s = Surrogate("CREDIT_CARD", card, MacOf(key, "CREDIT_CARD", DigitsOf(card)));
    EXPECT_EQ(Shape(s), Shape(card)) << s;
    EXPECT_TRUE(Luhn(DigitsOf(s))) << s;
    EXPECT_EQ(s[0], card[0]) << s;
    EXPECT_NE(DigitsOf(s), DigitsOf(card));
    EXPECT_EQ(s, Surrogate("CREDIT_CARD", card, MacOf(key, "CREDIT_CARD", DigitsOf(card))));  // deterministic
  }
  EXPECT_EQ(DigitsOf(Surrogate("CREDIT_CARD", "4539 1488 0343 6467", MacOf(key, "CREDIT_CARD", "1"))).substr(0, 6),
            "411111");
  EXPECT_EQ(DigitsOf(Surrogate("CREDIT_CARD", "3714 496353 98431", MacOf(key, "CREDIT_CARD", "2"))).substr(0, 6),
            "378282");
  // Many values: always valid, rarely equal.
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string s = Surrogate("CREDIT_CARD", "4539 1488 0343 6467", MacOf(key, "CREDIT_CARD", std::to_string(i)));
    ASSERT_TRUE(Luhn(DigitsOf(s))) << s;
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

// ISO 13616 check: move the first four characters to the end, letters to
// 10..35, the number mod 97 is 1.
bool IbanValid(std::string_view iban) {
  std::string s;
  for (char c : iban) {
    if (c != ' ') s.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  s = s.substr(4) + s.substr(0, 4);
  int r = 0;
  for (char c : s) r = std::isdigit(static_cast<unsigned char>(c)) ? (r * 10 + (c - '0')) % 97 : (r * 100 + (c - 'A' + 10)) % 97;
  return r == 1;
}

TEST(SurrogateTest, IbansKeepCountryAndLayoutWithValidCheckDigits) {
  PseudonymKey key = KeyOf(12);
  ASSERT_TRUE(IbanValid("GB82 WEST 1234 5698 7654 32"));
  for (std::string_view iban : {"GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "FR14 2004 1010 0505 0001 3M02 606",
                                "NL91ABNA0417164300", "gb82west12345698765432"}) {
    for (int i = 0; i < 200; ++i) {
      const std::string s = Surrogate("IBAN_CODE", iban, MacOf(key, "IBAN_CODE", std::string(iban) + std::to_string(i)));
      ASSERT_TRUE(IbanValid(s)) << s;
      ASSERT_EQ(Shape(s), Shape(iban)) << s;
      ASSERT_EQ(s.substr(0, 2), iban.substr(0, 2));
    }
  }
  EXPECT_EQ(Surrogate("IBAN_CODE", "12", MacOf(key, "IBAN_CODE", "x")), "");
}

TEST(SurrogateTest, IpAddressesComeFromDocumentationRanges) {
  PseudonymKey key = KeyOf(13);
  for (int i = 0; i < 300; ++i) {
    const auto mac = MacOf(key, "IP_ADDRESS", std::to_string(i));
    const std::string v4 = Surrogate("IP_ADDRESS", "10.1.2.3", mac);
    in_addr a4;
    ASSERT_EQ(inet_pton(AF_INET, v4.c_str(), &a4), 1) << v4;
    const uint32_t net = ntohl(a4.s_addr) >> 8;
    EXPECT_TRUE(net == 0xC00002 || net == 0xC63364 || net == 0xCB0071) << v4;
    const std::string v6 = Surrogate("IP_ADDRESS", "fe80::1ff:fe23:4567:890a", mac);
    in6_addr a6;
    ASSERT_EQ(inet_pton(AF_INET6, v6.c_str(), &a6), 1) << v6;
    EXPECT_EQ(a6.s6_addr[0], 0x20);
    EXPECT_EQ(a6.s6_addr[1], 0x01);
    EXPECT_EQ(a6.s6_addr[2], 0x0d);
    EXPECT_EQ(a6.s6_addr[3], 0xb8);
  }
  EXPECT_EQ(Surrogate("IP_ADDRESS", "FE80::1", MacOf(key, "IP_ADDRESS", "u")).substr(0, 9), "2001:DB8:");
}

TEST(SurrogateTest, MacAddressesAreLocallyAdministeredUnicast) {
  PseudonymKey key = KeyOf(14);
  for (std::string_view mac : {"00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "001a.2b3c.4d5e"}) {
    for (int i = 0; i < 100; ++i) {
      const std::string s = Surrogate("MAC_ADDRESS", mac, MacOf(key, "MAC_ADDRESS", std::to_string(i)));
      ASSERT_EQ(s.size(), mac.size());
      for (size_t k = 0; k < s.size(); ++k) {
        if (!std::isxdigit(static_cast<unsigned char>(mac[k]))) {
          ASSERT_EQ(s[k], mac[k]);
        }
      }
      const int first = std::stoi(s.substr(0, 2), nullptr, 16);
      EXPECT_EQ(first & 0x03, 0x02) << s;
      const bool upper = mac[2] == ':';
      for (char c : s) EXPECT_FALSE(upper ? std::islower(static_cast<unsigned char>(c)) : std::isupper(static_cast<unsigned char>(c)));
    }
  }
}

TEST(SurrogateTest, PhonesKeepPunctuationAndUseFictionalRanges) {
  PseudonymKey key = KeyOf(15);
  for (int i = 0; i < 200; ++i) {
    const auto mac = MacOf(key, "PHONE_NUMBER", std::to_string(i));
    const std::string us = Surrogate("PHONE_NUMBER", "(212) 867-5309", mac);
    ASSERT_EQ(Shape(us), Shape("(212) 867-5309"));
    EXPECT_EQ(us.substr(6, 6), "555-01") << us;
    EXPECT_GE(us[1], '2');
    const std::string us1 = Surrogate("PHONE_NUMBER", "+1 212-867-5309", mac);
    EXPECT_EQ(us1.substr(0, 3), "+1 ");
    EXPECT_EQ(DigitsOf(us1).substr(4, 5), "55501") << us1;
    const std::string uk = Surrogate("PHONE_NUMBER", "+44 7911 123456", mac);
    EXPECT_EQ(uk.substr(0, 12), "+44 7700 900") << uk;  // 07700 900000-900999 is Ofcom's drama range
    const std::string de = Surrogate("PHONE_NUMBER", "+49 30 12345678", mac);
    EXPECT_EQ(Shape(de), Shape("+49 30 12345678"));
    EXPECT_EQ(de.substr(0, 4), "+49 ") << de;
    EXPECT_NE(de[4], '0');
  }
  // Consistent across spellings once normalized: the digits agree.
  const auto mac = MacOf(key, "PHONE_NUMBER", "+12128675309");
  EXPECT_EQ(DigitsOf(Surrogate("PHONE_NUMBER", "(212) 867-5309", mac)),
            DigitsOf(Surrogate("PHONE_NUMBER", "212.867.5309", mac)));
}

TEST(SurrogateTest, SsnsComeFromNeverIssuedAreas) {
  PseudonymKey key = KeyOf(16);
  for (int i = 0; i < 500; ++i) {
    const std::string s = Surrogate("US_SSN", "536-22-1234", MacOf(key, "US_SSN", std::to_string(i)));
    ASSERT_EQ(Shape(s), "ddd-dd-dddd");
    EXPECT_EQ(s[0], '9');
    const int group = std::stoi(s.substr(4, 2));
    EXPECT_GE(group, 1);
    EXPECT_LE(group, 49);  // outside the ITIN groups (50-65, 70-88, 90-92, 94-99)
    EXPECT_NE(s.substr(7), "0000");
  }
}

TEST(SurrogateTest, NamesEmailsAndUrlsLookFictional) {
  PseudonymKey key = KeyOf(17);
  std::set<std::string> names;
  for (int i = 0; i < 300; ++i) {
    const auto mac = MacOf(key, "PERSON", std::to_string(i));
    const std::string full = Surrogate("PERSON", "Ada Lovelace", mac);
    EXPECT_NE(full.find(' '), std::string::npos);
    names.insert(full);
    EXPECT_EQ(Surrogate("PERSON", "Ada", mac).find(' '), std::string::npos);
    const std::string upper = Surrogate("PERSON", "ADA LOVELACE", mac);
    for (char c : upper) EXPECT_FALSE(std::islower(static_cast<unsigned char>(c)));
    const std::string email = Surrogate("EMAIL_ADDRESS", "ada@lovelace.example", mac);
    const std::string domain = email.substr(email.find('@'));
    EXPECT_TRUE(domain == "@example.com" || domain == "@example.org" || domain == "@example.net") << email;
    EXPECT_EQ(Surrogate("URL", "https://ada.example/cv", mac).substr(0, 20), "https://example.com/");
  }
  EXPECT_GT(names.size(), 100u);
  EXPECT_TRUE(HasSurrogate("PERSON"));
  EXPECT_FALSE(HasSurrogate("US_PASSPORT"));
  EXPECT_EQ(Surrogate("US_PASSPORT", "X12345678", MacOf(key, "US_PASSPORT", "x")), "");
}

TEST(SurrogateTest, RedactorFallsBackToThePseudonymWithoutAFormat) {
  PseudonymKey key = KeyOf(18);
  Redactor r = Make(Operator::kSurrogate, &key);
  const std::string text = "passport X12345678, ip 10.0.0.1";
  const auto f = FindAll(text, {{"US_PASSPORT", "X12345678"}, {"IP_ADDRESS", "10.0.0.1"}});
  const std::string out = Redact(&r, text, f);
  const std::string passport = "passport [" + key.Token("US_PASSPORT", "X12345678") + "], ip ";
  ASSERT_EQ(out.substr(0, passport.size()), passport);
  const std::string ip = out.substr(passport.size());
  EXPECT_TRUE(ip.starts_with("192.0.2.") || ip.starts_with("198.51.100.") || ip.starts_with("203.0.113.")) << ip;
  EXPECT_EQ(Redact(&r, text, f), out);
}

// The pipeline as the produce stage will run it: engine findings and
// normalized values straight into the redactor.
class PhoneLikeDetector : public Detector {
 public:
  std::string_view Name() const override { return "phone_like"; }
  std::vector<std::string_view> Types() const override { return {"PHONE_NUMBER"}; }
  std::vector<Pattern> Patterns() const override { return {{"\\(?[0-9]{3}\\)?[ .-]?[0-9]{3}[ .-][0-9]{4}", 0, 0}}; }
  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    out->push_back(Finding{"PHONE_NUMBER", "phone_like", "", c.begin, c.end, 0.9f});
  }
  std::string Normalize(std::string_view, std::string_view value) const override { return DigitsOf(value); }
};

TEST(OperatorsTest, EngineFindingsFeedTheRedactor) {
  std::vector<std::unique_ptr<Detector>> d;
  d.push_back(std::make_unique<PhoneLikeDetector>());
  auto engine = Engine::Create(std::move(d), {});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  const std::string text = "Ring (212) 867-5309 — or 212.867.5309 — or 415-555-0199.";
  auto scratch = (*engine)->NewScratch();
  std::vector<Finding> found;
  DetectContext ctx;
  ctx.text = text;
  (*engine)->Detect(ctx, scratch.get(), &found);
  ASSERT_EQ(found.size(), 3u);
  std::vector<std::string> norm;
  for (const Finding& f : found) norm.push_back((*engine)->Normalize(f, text));
  Redactor r = Make(Operator::kPlaceholder);
  r.BeginDocument();
  std::vector<RedactionRecord> log;
  EXPECT_EQ(Redact(&r, text, found, &log, norm),
            "Ring [PHONE_NUMBER_1] — or [PHONE_NUMBER_1] — or [PHONE_NUMBER_2].");
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[1].begin, 25u);  // "—" is one code point, three bytes
  EXPECT_EQ(log[1].out_begin, 27u);
}

}  // namespace
}  // namespace winnow::pii
