// The secret detector through the engine: published token formats, keys
// introduced by a word ("password is ...", "api_key = ..."), and the chat
// text that merely talks about passwords and tokens.
//
// Token-shaped test values are assembled at run time so that the source
// holds no string a secret scanner would flag; they are not real keys.
#include <gtest/gtest.h>

#include "pii/detectors/registry.h"
#include "pii/engine.h"

namespace winnow::pii {
namespace {

struct Hit {
  std::string subtype, value;
  float score;
};

const Engine& SecretEngine() {
  static const std::unique_ptr<Engine> engine = [] {
    std::vector<std::unique_ptr<Detector>> d;
    d.push_back(MakeSecretDetector());
    d.push_back(MakeUrlDetector());
    auto e = Engine::Create(std::move(d), {});
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return std::move(e).value();
  }();
  return *engine;
}

std::vector<Hit> Secrets(std::string_view text) {
  auto scratch = SecretEngine().NewScratch();
  std::vector<Finding> found;
  DetectContext ctx;
  ctx.text = text;
  SecretEngine().Detect(ctx, scratch.get(), &found);
  std::vector<Hit> hits;
  for (const Finding& f : found) {
    if (f.type == "SECRET") hits.push_back({std::string(f.subtype), std::string(text.substr(f.begin, f.end - f.begin)), f.score});
  }
  return hits;
}

// The single secret found in `text`, or an empty Hit.
Hit One(std::string_view text) {
  std::vector<Hit> h = Secrets(text);
  EXPECT_EQ(h.size(), 1u) << text;
  return h.empty() ? Hit{} : h[0];
}

// "prefix" + n characters cycling through a mixed alphabet.
std::string Token(std::string_view prefix, size_t n) {
  static constexpr std::string_view kMix = "a7Kq2ZpX9mR4tB8wN3cV6yH1jL5sD0fG";
  std::string s(prefix);
  for (size_t i = 0; i < n; ++i) s.push_back(kMix[(i * 7 + i / 32) % kMix.size()]);
  return s;
}

TEST(SecretTest, PublishedFormats) {
  const std::string aws = std::string("AKIA") + "IOSFODNN7EXAMPLE";
  EXPECT_EQ(One("key id " + aws + " in the config").value, aws);
  EXPECT_EQ(One(aws).subtype, "aws");

  const std::string aws_secret = std::string("wJalrXUtnFEMI/K7MDENG/") + "bPxRfiCYEXAMPLEKEY";
  Hit h = One("aws_secret_access_key = " + aws_secret + "\n");
  EXPECT_EQ(h.subtype, "aws_secret");
  EXPECT_EQ(h.value, aws_secret);

  const std::string gh = Token("gh" "p_", 36);
  h = One("export GITHUB_TOKEN=" + gh);
  EXPECT_EQ(h.subtype, "github");
  EXPECT_EQ(h.value, gh);
  EXPECT_EQ(One(Token("github_" "pat_", 82)).subtype, "github");

  const std::string slack = std::string("xox") + "b-1234567890-1234567890123-" + Token("", 24);
  EXPECT_EQ(One("SLACK_BOT=" + slack).value, slack);
  const std::string hook = "https://hooks." "slack.com/services/T0123ABCD/B0456EFGH/" + Token("", 24);
  h = One("post to " + hook + " please");
  EXPECT_EQ(h.subtype, "slack");
  EXPECT_EQ(h.value, hook);

  const std::string openai = Token("sk-" "proj-", 48);
  h = One("OPENAI_API_KEY=" + openai);
  EXPECT_EQ(h.subtype, "openai");
  EXPECT_EQ(h.value, openai);
  EXPECT_EQ(One("key: " + Token("sk-" "ant-api03-", 93)).subtype, "anthropic");

  EXPECT_EQ(One("maps key " + Token("AI" "za", 35)).subtype, "google");
  EXPECT_EQ(One(Token("sk_" "live_", 24)).subtype, "stripe");

  const std::string jwt =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
      "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  h = One("Authorization: Bearer " + jwt);
  EXPECT_EQ(h.subtype, "jwt");
  EXPECT_EQ(h.value, jwt);

  const std::string pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi\nZ1BjP5CE/Wm/Rr500P\n"
                          "-----END RSA PRIVATE KEY-----";
  h = One("here it is:\n" + pem + "\nthanks");
  EXPECT_EQ(h.subtype, "pem");
  EXPECT_EQ(h.value, pem);
}

TEST(SecretTest, FormatLookalikes) {
  for (std::string_view text : {"install scikit-learn; sk-learn-is-a-common-misspelling-of-it",
                                "task-abcdefghijklmnopqrstuvwxyz0123456789", "AKIAIOSFODNN7EXAMPLE1",
                                "eyJhbGciOiJIUzI1NiJ9.notbase64json.sig", "xoxb-not-a-real-token-at-all",
                                "START = b\"-----BEGIN OPENSSH PRIVATE KEY-----\"\nEND = b\"-----END OPENSSH PRIVATE KEY-----\""}) {
    EXPECT_TRUE(Secrets(text).empty()) << text;
  }
}

TEST(SecretTest, Passwords) {
  struct Case {
    std::string_view text, value;
  } cases[] = {
      {"my password is hunter22.", "hunter22"},
      {"Password: Tr0ub4dor&3", "Tr0ub4dor&3"},
      {"DB_PASSWORD=Sup3rS3cret!", "Sup3rS3cret!"},
      {"{\"password\": \"opensesame\"}", "opensesame"},
      {"the wifi password for the guest network is BlueSky42", "BlueSky42"},
      {"Passwort: Sommer2024!", "Sommer2024!"},
      {"le mot de passe est Soleil#42", "Soleil#42"},
      {"la contraseña es Gato_1987", "Gato_1987"},
      {"\xE5\xAF\x86\xE7\xA0\x81\xE6\x98\xAF" "abc12345", "abc12345"},
      {"pwd: qwerty123", "qwerty123"},
      {"the PIN-style password: 48213377", "48213377"},
      // Same shapes as code read as code (TalkAboutPasswords), but values.
      {"password=creds\\_2024!", "creds\\_2024!"},
      {"password: it's'-Ok;9", "it's'-Ok;9"},
  };
  for (const Case& c : cases) {
    Hit h = One(c.text);
    EXPECT_EQ(h.value, c.value) << c.text;
    EXPECT_EQ(h.subtype, "password") << c.text;
  }
}

TEST(SecretTest, TalkAboutPasswords) {
  for (std::string_view text : {"password is incorrect", "Password: ********", "password = os.environ['DB_PASS']",
                                "password: str", "password: Optional[str] = None", "password = getpass()",
                                "Forgot your password? Reset it here", "passwordless login is nice",
                                "the password must be at least 8 characters long", "password: ${DB_PASSWORD}",
                                "password: <your-password>", "compass: north 12345678", "pass the salt: 12345678",
                                "password = settings.DB_PASSWORD", "my password is not hunter2",
                                "I forgot my password. It was 2019 when", "password: String!",
                                "self.key_password = key_password", "if not password:\n    cipher = NULL",
                                "username, password = url_user_password", "CHALLENGE: \"challengePassword\"",
                                "name/password are mapped to key/cert", "Pass :meth:`peek` a default",
                                "search for \"password:\" or \"token:\" strings", "password = \":****\"",
                                // Code read from chat, markdown-escaped; a script ending a literal.
                                "api.login(password=creds\\_store.get('password'))",
                                "echo \"alert('Password is Incorrect');document.location='Login.php'\";"}) {
    EXPECT_TRUE(Secrets(text).empty()) << text;
  }
}

TEST(SecretTest, GenericAssignments) {
  Hit h = One("api_key = 'a8f5f167f44f4964e6c998dee827110c'");
  EXPECT_EQ(h.subtype, "generic");
  EXPECT_EQ(h.value, "a8f5f167f44f4964e6c998dee827110c");
  EXPECT_EQ(One("Authorization: Bearer abcDEF123456ghiJKL789mno").value, "abcDEF123456ghiJKL789mno");
  EXPECT_EQ(One("\"client_secret\": \"7f3e9a2b1c4d5e6f7a8b9c0d\"").value, "7f3e9a2b1c4d5e6f7a8b9c0d");
  for (std::string_view text : {"max_tokens=4096", "token limit: 8192", "the secret is out", "api_key = YOUR_API_KEY_HERE",
                                "secret_key = my_secret_key_2024", "token: xxxxxxxxxxxxxxxxxxxx",
                                "the tokenizer splits text", "token: ghp_4qLz9xxxREDACTEDxxx"}) {
    EXPECT_TRUE(Secrets(text).empty()) << text;
  }
}

TEST(SecretTest, UrlQueryTokenReportedOnce) {
  std::vector<Hit> h = Secrets("GET https://example.com/cb?token=Zx81kQ2m9PLa7Bv3 HTTP/1.1");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].subtype, "url_token");
  EXPECT_EQ(h[0].value, "Zx81kQ2m9PLa7Bv3");
}

TEST(SecretTest, NormalizeKeepsTheValue) {
  Finding f{"SECRET", "secret", "password", 0, 8, 0.85f};
  EXPECT_EQ(SecretEngine().Normalize(f, "HuNtEr22"), "HuNtEr22");
}

}  // namespace
}  // namespace winnow::pii
