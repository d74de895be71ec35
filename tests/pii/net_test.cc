// The network and crypto detectors (email, url, ip_address, mac_address,
// crypto) through the engine, so their Hyperscan patterns are exercised:
// positives, the look-alikes of ordinary chat text that must stay
// negatives, and Presidio's own recognizer test cases.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "pii/detectors/registry.h"
#include "pii/engine.h"

namespace winnow::pii {
namespace {

struct Hit {
  std::string type, subtype, value;
  float score;
};

// One engine over the five detectors, compiled once.
const Engine& NetEngine() {
  static const std::unique_ptr<Engine> engine = [] {
    std::vector<std::unique_ptr<Detector>> d;
    d.push_back(MakeEmailDetector());
    d.push_back(MakeUrlDetector());
    d.push_back(MakeIpAddressDetector());
    d.push_back(MakeMacAddressDetector());
    d.push_back(MakeCryptoDetector());
    auto e = Engine::Create(std::move(d), {});
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return std::move(e).value();
  }();
  return *engine;
}

std::vector<Hit> Find(std::string_view text) {
  auto scratch = NetEngine().NewScratch();
  std::vector<Finding> found;
  DetectContext ctx;
    ctx.text = text;
    NetEngine().Detect(ctx, scratch.get(), &found);
  std::vector<Hit> hits;
  for (const Finding& f : found) {
    hits.push_back({std::string(f.type), std::string(f.subtype),
                    std::string(text.substr(f.begin, f.end - f.begin)), f.score});
  }
  return hits;
}

// The values of `type` found in `text`.
std::vector<std::string> Values(std::string_view text, std::string_view type) {
  std::vector<std::string> v;
  for (const Hit& h : Find(text)) {
    if (h.type == type) v.push_back(h.value);
  }
  return v;
}

using V = std::vector<std::string>;

TEST(EmailTest, Addresses) {
  EXPECT_EQ(Values("write to john.doe+news@example.co.uk today", "EMAIL_ADDRESS"), V{"john.doe+news@example.co.uk"});
  EXPECT_EQ(Values("<Jane_Roe@Mail.Example.ORG>.", "EMAIL_ADDRESS"), V{"Jane_Roe@Mail.Example.ORG"});
  EXPECT_EQ(Values("mailto:a@b.io, then", "EMAIL_ADDRESS"), V{"a@b.io"});
  EXPECT_EQ(Values("contact josé.müller@beispiel.de", "EMAIL_ADDRESS"), V{"josé.müller@beispiel.de"});
  EXPECT_EQ(Values("user@xn--80ak6aa92e.com", "EMAIL_ADDRESS"), V{"user@xn--80ak6aa92e.com"});
  // A clone URL names an account: reported.
  EXPECT_EQ(Values("git clone git@github.com:org/repo.git", "EMAIL_ADDRESS"), V{"git@github.com"});
  // A missing space after the address.
  EXPECT_EQ(Values("mail bob@corp.com.Next week", "EMAIL_ADDRESS"), V{"bob@corp.com"});
}

TEST(EmailTest, NotAddresses) {
  for (std::string_view text : {"npm i left-pad@1.3.0", "ping @john.smith on slack", "see icon@2x.png",
                                "my email is info@presidio.", "use @app.route('/')", "user@localhost",
                                "npm i @types/node@18.11.9", "a..b@example.com"}) {
    EXPECT_TRUE(Values(text, "EMAIL_ADDRESS").empty()) << text;
  }
}

TEST(EmailTest, UrlUserinfoIsNotAnAddress) {
  EXPECT_TRUE(Values("https://admin:hunter22@db.example.com/x", "EMAIL_ADDRESS").empty());
  // An unescaped '#' in the password of a connection string.
  EXPECT_TRUE(Values("DATABASE_URL=postgresql://admin:K9$mP2x#vL8q@db.example.com:5432/app", "EMAIL_ADDRESS").empty());
  // An address in the query of a URL is one.
  std::vector<Hit> h = Find("https://example.com/contact?email=jo@example.org");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].value, "https://example.com/contact?email=");
  EXPECT_EQ(h[1].type, "EMAIL_ADDRESS");
  EXPECT_EQ(h[1].value, "jo@example.org");
}

TEST(UrlTest, SchemeUrls) {
  EXPECT_EQ(Values("see https://www.example.com/a/b?q=1#top.", "URL"), V{"https://www.example.com/a/b?q=1#top"});
  EXPECT_EQ(Values("(https://en.wikipedia.org/wiki/Foo_(bar))", "URL"), V{"https://en.wikipedia.org/wiki/Foo_(bar)"});
  EXPECT_EQ(Values("[link](http://example.com/x)", "URL"), V{"http://example.com/x"});
  EXPECT_EQ(Values("ftp://files.example.net:2121/pub", "URL"), V{"ftp://files.example.net:2121/pub"});
  EXPECT_EQ(Values("\"https://presidio.dataprivacystack.org/\"", "URL"), V{"https://presidio.dataprivacystack.org/"});
  EXPECT_TRUE(Values("http://microsoft", "URL").empty());
  // IP hosts are the ip_address detector's.
  EXPECT_EQ(Values("http://192.168.1.1/admin", "IP_ADDRESS"), V{"192.168.1.1"});
}

TEST(UrlTest, BareDomains) {
  EXPECT_EQ(Values("my domains: microsoft.com google.co.il", "URL"), (V{"microsoft.com", "google.co.il"}));
  EXPECT_EQ(Values("go to www.example.de/kontakt now", "URL"), V{"www.example.de/kontakt"});
  EXPECT_EQ(Values("docs.rs/serde and bit.ly/3xYz", "URL"), (V{"docs.rs/serde", "bit.ly/3xYz"}));
  for (std::string_view text : {"run script.py then open index.html", "edit config.json and README.md",
                                "import os.path", "call df.info() on it", "self.app = Flask()",
                                "it was fine.So we left", "version 1.2.3", "www.microsoft", "main.rs and lib.so",
                                "System.Net.Http", "Makefile.in", "src/app.py", "logger.info(msg)",
                                "self.info = info", "return self.ca == other.ca", "ASP.NET and FILE.COM",
                                "file:///etc/hosts", "s3://bucket/key", "the .ly source: score.ly"}) {
    EXPECT_TRUE(Values(text, "URL").empty()) << text;
  }
}

TEST(UrlTest, SecretsInUrls) {
  std::vector<Hit> h = Find("db at https://admin:s3cr3tPass@db.example.com:5432/app ok");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].type, "SECRET");
  EXPECT_EQ(h[0].subtype, "url_credential");
  EXPECT_EQ(h[0].value, "s3cr3tPass");
  EXPECT_EQ(h[1].type, "URL");
  EXPECT_EQ(h[1].value, "db.example.com:5432/app");

  h = Find("DATABASE_URL=postgresql://admin:K9$mP2x#vL8q@db.example.com:5432/app\n");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].value, "K9$mP2x#vL8q");
  EXPECT_EQ(h[1].value, "db.example.com:5432/app");

  h = Find("https://api.example.com/v1/items?limit=5&access_token=ya29.A0ARrdaM-xyz123&x=1");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].value, "https://api.example.com/v1/items?limit=5&access_token=");
  EXPECT_EQ(h[1].type, "SECRET");
  EXPECT_EQ(h[1].subtype, "url_token");
  EXPECT_EQ(h[1].value, "ya29.A0ARrdaM-xyz123");
  // Short or placeholder values are not secrets.
  EXPECT_EQ(Values("https://example.com/?key=1&token=<token>", "SECRET"), V{});
  // Elided or masked passwords, as users paste connection strings.
  EXPECT_EQ(Values("postgresql://doadmin:...@db.example.com:25060/app", "SECRET"), V{});
  EXPECT_EQ(Values("postgresql://doadmin:\xe2\x80\xa6@db.example.com:25060/app", "SECRET"), V{});
  EXPECT_EQ(Values("postgresql://doadmin:****@db.example.com:25060/app", "SECRET"), V{});
  EXPECT_EQ(Values("postgresql://doadmin:a.b.c@db.example.com:25060/app", "SECRET"), V{"a.b.c"});
}

TEST(UrlTest, Normalize) {
  const Engine& e = NetEngine();
  Finding f{"URL", "url", {}, 0, 30, 0.9f};
  EXPECT_EQ(e.Normalize(f, "HTTPS://WWW.Example.COM/Path/X"), "https://www.example.com/Path/X");
}

TEST(IpTest, Addresses) {
  EXPECT_EQ(Values("ssh root@10.0.12.7 and 2001:db8::8a2e:370:7334", "IP_ADDRESS"),
            (V{"10.0.12.7", "2001:db8::8a2e:370:7334"}));
  EXPECT_EQ(Values("route 192.168.0.0/16 via fe80::1%eth0", "IP_ADDRESS"), (V{"192.168.0.0/16", "fe80::1%eth0"}));
  EXPECT_EQ(Values("Connect to [2001:db8::1]:8080", "IP_ADDRESS"), V{"2001:db8::1"});
  EXPECT_EQ(Values("mapped ::ffff:192.0.2.1 here", "IP_ADDRESS"), V{"::ffff:192.0.2.1"});
  EXPECT_EQ(Values("IP:2001:db8::1", "IP_ADDRESS"), V{"2001:db8::1"});
  EXPECT_EQ(Values("listen on :: please", "IP_ADDRESS"), V{"::"});
}

TEST(IpTest, NotAddresses) {
  for (std::string_view text : {"at 12:30:45 today", "version 1.2.3.4", "v10.20.30.40", "std::vector<int>",
                                "Foo::Bar::baz()", "ratio 1:2:3:4", "192.168.01.1", "300.1.1.1",
                                "see section 1.2.3.4", "a :: b", "2001::db8::1",
                                "fingerprint 43:51:43:a1:b5:fc:8b:b7:0a:3a:a9:b1:0f:66:73:a8",
                                "eui 00:1a:2b:ff:fe:3c:4d:5e", "ISBN 978-3-16-148410-0", "pairs = x[1::2]",
                                "s[::2] and s[::-1]", "Reason ::= ENUMERATED",
                                "OID = ObjectIdentifier(\"2.5.29.14\")"}) {
    EXPECT_TRUE(Values(text, "IP_ADDRESS").empty()) << text;
  }
}

// The shapes are read from short anchors ("d.d", "::" or "h:h"); these pin
// the edges of that reading.
TEST(IpTest, ShapesFromAnchors) {
  EXPECT_EQ(Values("hosts 10.0.0.1, 10.0.0.2 and 2001:db8::1 2001:db8::2", "IP_ADDRESS"),
            (V{"10.0.0.1", "10.0.0.2", "2001:db8::1", "2001:db8::2"}));
  EXPECT_EQ(Values("full 2001:0db8:85a3:0000:0000:8a2e:0370:7334.", "IP_ADDRESS"),
            V{"2001:0db8:85a3:0000:0000:8a2e:0370:7334"});
  EXPECT_EQ(Values("net 10.20.0.0/16;", "IP_ADDRESS"), V{"10.20.0.0/16"});
  EXPECT_EQ(Values("at 3.14 and 10.200.30.4", "IP_ADDRESS"), V{"10.200.30.4"});
  for (std::string_view text : {"1234.10.10.10", "10.10.10.1234", "deadbeef::1", "10.1.1", "a:b"}) {
    EXPECT_TRUE(Values(text, "IP_ADDRESS").empty()) << text;
  }
}

TEST(MacTest, Addresses) {
  EXPECT_EQ(Values("MAC 00:1A:2B:3C:4D:5E and 0a-1b-2c-3d-4e-5f", "MAC_ADDRESS"),
            (V{"00:1A:2B:3C:4D:5E", "0a-1b-2c-3d-4e-5f"}));
  EXPECT_EQ(Values("cisco 0012.3456.789a", "MAC_ADDRESS"), V{"0012.3456.789a"});
  for (std::string_view text : {"00:00:00:00:00:00", "FF:FF:FF:FF:FF:FF", "10:2F:33-AC-29-C3", "00:1A:2B:3C:4D",
                                "43:51:43:a1:b5:fc:8b:b7:0a:3a:a9:b1", "1234.5678.9012.3456"}) {
    EXPECT_TRUE(Values(text, "MAC_ADDRESS").empty()) << text;
  }
  Finding f{"MAC_ADDRESS", "mac_address", {}, 0, 14, 0.8f};
  EXPECT_EQ(NetEngine().Normalize(f, "0012.3456.789A"), "00:12:34:56:78:9a");
}

TEST(CryptoTest, Addresses) {
  std::vector<Hit> h = Find("send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 or 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].subtype, "btc");
  EXPECT_EQ(h[1].value, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy");
  EXPECT_EQ(Values("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "CRYPTO"), V{"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"});
  EXPECT_EQ(Values("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "CRYPTO").size(), 1u);
  EXPECT_EQ(Values("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297", "CRYPTO").size(), 1u);
  // EIP-55 test vectors.
  for (std::string_view a : {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                             "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
    h = Find(a);
    ASSERT_EQ(h.size(), 1u) << a;
    EXPECT_EQ(h[0].score, 1.0f);
  }
  // All lower case: no checksum, a lower score that still passes.
  h = Find("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_LT(h[0].score, 1.0f);
}

TEST(CryptoTest, NotAddresses) {
  for (std::string_view text : {"16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",
                                "0x5AaEb6053F3E94C9b9A09f33669435E7Ef1BeAed",  // one letter's case flipped
                                "8f953371d3e85eddb89b05ed6b9e680791055315c73e1025ab5dba7bb2aee189",
                                "0x8f953371d3e85eddb89b05ed6b9e680791055315c73e1025ab5dba7bb2aee189",
                                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp",
                                "commit 3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"}) {
    EXPECT_TRUE(Values(text, "CRYPTO").empty()) << text;
  }
}

// Presidio's recognizer test cases for these types (spans in code points).
// Reports every case that does not match exactly, and requires most to.
TEST(PresidioCasesTest, NetTypes) {
  std::ifstream in(std::string(WINNOW_TESTDATA) + "/pii/presidio_cases.jsonl");
  if (!in) GTEST_SKIP() << "no presidio_cases.jsonl";
  const std::set<std::string> types = {"EMAIL_ADDRESS", "URL", "IP_ADDRESS", "MAC_ADDRESS", "CRYPTO"};
  simdjson::dom::parser parser;
  std::map<std::string, std::pair<int, int>> tally;  // passed, total
  std::string line;
  while (std::getline(in, line)) {
    simdjson::dom::element doc;
    if (parser.parse(line).get(doc) != simdjson::SUCCESS) continue;
    std::string type{std::string_view(doc["entity"])};
    if (!types.count(type)) continue;
    std::string text{std::string_view(doc["text"])};
    std::vector<std::pair<int64_t, int64_t>> want, got;
    simdjson::dom::array expected;
    const bool count_only = doc["expected"].get(expected) != simdjson::SUCCESS;
    if (!count_only) {
      for (auto span : expected) want.push_back({int64_t(span.at(0)), int64_t(span.at(1))});
    }
    auto scratch = NetEngine().NewScratch();
    std::vector<Finding> found;
    DetectContext ctx;
    ctx.text = text;
    NetEngine().Detect(ctx, scratch.get(), &found);
    auto cp = [&](uint32_t byte) {
      int64_t n = 0;
      for (uint32_t i = 0; i < byte; ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
      return n;
    };
    for (const Finding& f : found) {
      if (f.type == type) got.push_back({cp(f.begin), cp(f.end)});
    }
    auto& [passed, total] = tally[type];
    ++total;
    if (count_only ? got.size() == uint64_t(doc["expected_count"]) : got == want) {
      ++passed;
    } else {
      std::ostringstream s;
      for (auto [b, e] : got) s << "[" << b << "," << e << ")";
      std::cout << "  presidio " << type << " differs: " << text << " -> " << s.str() << "\n";
    }
  }
  for (const auto& [type, pt] : tally) {
    std::cout << "  presidio " << type << ": " << pt.first << "/" << pt.second << "\n";
    EXPECT_GE(pt.first * 10, pt.second * 8) << type;
  }
}

}  // namespace
}  // namespace winnow::pii
