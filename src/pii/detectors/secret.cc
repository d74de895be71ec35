// SECRET: credentials, by their published formats and by the words that
// introduce them. Subtypes and scores:
//   aws         AWS access key id, AKIA/ASIA + 16 [A-Z0-9]            0.95
//   aws_secret  40 base64 characters after "aws_secret_access_key"    0.9
//   github      ghp_/gho_/ghu_/ghs_/ghr_ + 36+, github_pat_...         0.95
//   slack       xoxb-/xoxp-/xoxa-/xoxr-/xoxs- tokens, webhook URLs     0.95
//   openai      sk-..., sk-proj-..., sk-svcacct-...                    0.9
//   anthropic   sk-ant-...                                            0.95
//   google      AIza + 35                                             0.9
//   stripe      sk_/pk_/rk_ + live_/test_                             0.95 live, 0.8 test
//   jwt         three base64url segments; the header decodes to JSON
//               naming "alg"                                          0.95
//   pem         -----BEGIN ... PRIVATE KEY----- through its END line   1.0
//   password    the value after a cue ("password", "passwd", "pwd", "mot
//               de passe", "Passwort", "contraseña", "пароль", "密码", ...)
//               and a separator (":", "=", "is", "ist", "est", "是", ...):
//               0.85 (0.7 under 8 characters) with letters and digits or
//               symbols; 0.6 for digits only, a hyphenated passphrase or
//               any quoted value; plain words, identifiers and code
//               ("password is incorrect", "password = getpass()") are not
//               reported
//   generic     a high-entropy value (>= 16 characters) assigned to
//               "api_key", "token", "secret", "Bearer", ...            0.75
// Each finding covers the value only (not the cue), so a redacted text
// still says what was there ("password: <SECRET>").
//
// Cues inside a URL query ("?token=...") are left to the url detector,
// which reports them with the URL around them.
#include <hs/hs.h>

#include <algorithm>
#include <cmath>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "SECRET";
constexpr std::string_view kName = "secret";

enum Tag {
  kAws, kAwsSecret, kGithub, kSlack, kSlackHook, kSk, kGoogle, kStripe, kJwt, kPem,
  kPassword, kPasswordShort, kAssign, kBearer,
};

bool IsAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsQuote(char c) { return c == '"' || c == '\'' || c == '`'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

size_t SkipBlanks(std::string_view text, size_t i) {
  while (i < text.size() && IsBlank(text[i])) ++i;
  return i;
}

// Shannon entropy in bits per character.
double Entropy(std::string_view s) {
  int counts[256] = {};
  for (char c : s) ++counts[static_cast<unsigned char>(c)];
  double h = 0;
  for (int n : counts) {
    if (n == 0) continue;
    const double p = static_cast<double>(n) / static_cast<double>(s.size());
    h -= p * std::log2(p);
  }
  return h;
}

bool Base64UrlDecode(std::string_view in, std::string* out) {
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = IsUpper(c) ? c - 'A' : IsLower(c) ? c - 'a' + 26 : IsDigit(c) ? c - '0' + 52 : c == '-' ? 62 : c == '_' ? 63 : -1;
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return true;
}

// Words ending the key of a value: "password is X", "Passwort ist X".
bool SeparatorWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "is", "was", "to", "ist", "lautet", "war", "est", "était", "es", "era", "\xC3\xA9" /* é */,
      "\xC3\xA8" /* è */, "\xC3\xA4r" /* är */, "er", "jest", "je", "on", "\xD1\x8D\xD1\x82\xD0\xBE" /* это */,
      "\xE6\x98\xAF" /* 是 */, "\xE3\x81\xAF" /* は */};
  const std::string l = Lower(w);
  return std::find(std::begin(kWords), std::end(kWords), l) != std::end(kWords);
}

// Values that name a type, a placeholder or a state, not a password.
bool NotAValue(std::string_view v) {
  static constexpr std::string_view kWords[] = {
      "string", "str", "int", "bool", "boolean", "text", "varchar", "char", "bytes", "none", "null", "nil",
      "true", "false", "undefined", "any", "object", "optional", "required", "secretstr", "password",
      "passwd", "hidden", "number", "field", "type", "value", "input", "secret", "empty", "blank"};
  size_t n = 0;
  while (n < v.size() && (IsAlnum(v[n]) || v[n] == '_')) ++n;
  const std::string head = Lower(v.substr(0, n));
  if (std::find(std::begin(kWords), std::end(kWords), head) != std::end(kWords) && n + 2 >= v.size()) return true;
  const std::string l = Lower(v);
  return l.find("your") != std::string::npos || l.find("placeholder") != std::string::npos ||
         l.find("://") != std::string::npos;
}

// True when `v` contains a word that names a credential ("db_pass_2").
bool NamesASecret(std::string_view v) {
  const std::string l = Lower(v);
  for (std::string_view w : {"pass", "pwd", "secret", "key", "token", "hash", "cred"}) {
    if (l.find(w) != std::string::npos) return true;
  }
  return false;
}

// An identifier followed by '(' or '[' or a dotted attribute path: code,
// not a value ("getpass()", "os.environ['PW']", "Optional[str]",
// "settings.DB_PASSWORD"). Chat often shows code with markdown's escaped
// underscore ("creds\_get('password')"), read as '_'. So is a value that
// closes a string literal and goes on with code ("Incorrect');location='x"):
// text pasted from a program, not a password.
bool LooksLikeCode(std::string_view v) {
  for (size_t q = v.find_first_of("'\""); q != std::string_view::npos; q = v.find_first_of("'\"", q + 1)) {
    if (q + 1 < v.size() && (v[q + 1] == ')' || v[q + 1] == ';')) return true;
  }
  size_t i = 0;
  if (i == v.size() || !(IsAlnum(v[0]) || v[0] == '_') || IsDigit(v[0])) return false;
  bool dotted = false;
  auto ident = [&](size_t k) {
    return IsAlnum(v[k]) || v[k] == '_' || v[k] == '.' || (v[k] == '\\' && k + 1 < v.size() && v[k + 1] == '_');
  };
  while (i < v.size() && ident(i)) dotted |= v[i++] == '.';
  if (i < v.size()) return v[i] == '(' || v[i] == '[';
  return dotted && v.back() != '.';
}

class SecretDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    const unsigned ci = HS_FLAG_CASELESS;
    return {
        {"(?:AKIA|ASIA)[A-Z0-9]{16}", 0, kAws},
        {"(?:aws_?)?secret_?access_?key|aws_?secret_?key|aws[ -]secret(?:[ -]access)?[ -]key", ci, kAwsSecret},
        {"gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,}", 0, kGithub},
        {"xox[abprs]-[A-Za-z0-9-]{10,}", 0, kSlack},
        {"hooks\\.slack\\.com/services/T[A-Za-z0-9_]{6,}/B[A-Za-z0-9_]{6,}/[A-Za-z0-9_]{16,}", 0, kSlackHook},
        {"sk-[A-Za-z0-9_-]{20,}", 0, kSk},
        {"AIza[0-9A-Za-z_-]{35}", 0, kGoogle},
        {"[spr]k_(?:live|test)_[0-9A-Za-z]{10,}", 0, kStripe},
        {"eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*", 0, kJwt},
        {"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----", 0, kPem},
        {"password|passwd|passphrase|passcode|pass phrase|mot de passe|passwort|kennwort|contrase\xC3\xB1""a|"
         "contrasena|senha|wachtwoord|has\xC5\x82o|haslo|l\xC3\xB6senord|losenord|salasana|adgangskode|passord|"
         "heslo|jelsz\xC3\xB3|\xC5\x9F\xC4\xB1""fre|parola|\xD0\xBF\xD0\xB0\xD1\x80\xD0\xBE\xD0\xBB\xD1\x8C|"
         "\xE5\xAF\x86\xE7\xA0\x81|\xE5\xAF\x86\xE7\xA2\xBC|\xE3\x83\x91\xE3\x82\xB9\xE3\x83\xAF\xE3\x83\xBC\xE3\x83\x89|"
         "\xEB\xB9\x84\xEB\xB0\x80\xEB\xB2\x88\xED\x98\xB8", ci, kPassword},
        {"pass|pwd|pw|mdp", ci, kPasswordShort},
        {"api[_ -]?key|api[_-]?secret|api[_-]?token|access[_-]?token|auth[_-]?token|refresh[_-]?token|"
         "client[_-]?secret|secret[_-]?key|private[_-]?token|token|secret", ci, kAssign},
        {"bearer", ci, kBearer},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    const std::string_view text = ctx.text;
    const char before = c.begin > 0 ? text[c.begin - 1] : ' ';
    if (IsAlnum(before)) return;
    const std::string_view s = text.substr(c.begin, c.end - c.begin);
    const bool word_after = c.end < text.size() && (IsAlnum(text[c.end]) || text[c.end] == '_');
    switch (c.tag) {
      case kAws:
        if (!word_after) Emit(c.begin, c.end, "aws", 0.95f, out);
        return;
      case kGoogle:
        if (!word_after && text.substr(c.end, 1) != "-") Emit(c.begin, c.end, "google", 0.9f, out);
        return;
      case kGithub:
        Emit(c.begin, c.end, "github", 0.95f, out);
        return;
      case kSlack:
        if (std::any_of(s.begin() + 5, s.end(), IsDigit)) Emit(c.begin, TrimEnd(text, c.begin, c.end, "-"), "slack", 0.95f, out);
        return;
      case kSlackHook: {
        size_t b = c.begin;
        if (b >= 8 && text.substr(b - 8, 8) == "https://") b -= 8;
        Emit(b, c.end, "slack", 0.95f, out);
        return;
      }
      case kSk:
        ValidateSk(text, c, out);
        return;
      case kStripe:
        Emit(c.begin, c.end, "stripe", s.find("_live_") != std::string_view::npos ? 0.95f : 0.8f, out);
        return;
      case kJwt:
        ValidateJwt(s, c, out);
        return;
      case kPem:
        ValidatePem(text, c, out);
        return;
      default:
        break;
    }
    // The cues: whole words, not inside an identifier ("passwordless",
    // "compass"), not a URL query parameter (the url detector's).
    if (before == '?' || before == '&' || word_after) return;
    if (c.tag == kAwsSecret) {
      const size_t v = ValueStart(text, c.end, false);
      if (v == std::string_view::npos) return;
      size_t e = v;
      while (e < text.size() && (IsAlnum(text[e]) || text[e] == '/' || text[e] == '+')) ++e;
      if (e - v == 40 && (e == text.size() || text[e] != '=')) Emit(v, e, "aws_secret", 0.9f, out);
    } else if (c.tag == kAssign || c.tag == kBearer) {
      ValidateAssignment(text, c, out);
    } else {
      ValidatePassword(text, c, out);
    }
  }

  std::string Normalize(std::string_view, std::string_view value) const override { return std::string(value); }

 private:
  static void Emit(size_t b, size_t e, std::string_view subtype, float score, std::vector<Finding>* out) {
    if (e > b) out->push_back(Finding{kType, kName, subtype, static_cast<uint32_t>(b), static_cast<uint32_t>(e), score});
  }

  static size_t TrimEnd(std::string_view text, size_t b, size_t e, std::string_view chars) {
    while (e > b && chars.find(text[e - 1]) != std::string_view::npos) --e;
    return e;
  }

  // After a key ending at `i`: where its value starts, or npos. Accepts
  // `"key": "v"`, `key=v`, `KEY := v`, `key => 'v'`, `key is v`, and when
  // `blank_ok` a plain space (`Bearer v`).
  static size_t ValueStart(std::string_view text, size_t i, bool blank_ok) {
    if (i < text.size() && IsQuote(text[i])) ++i;
    size_t j = SkipBlanks(text, i);
    if (j < text.size() && (text[j] == ':' || text[j] == '=')) {
      while (j < text.size() && (text[j] == ':' || text[j] == '=' || text[j] == '>')) ++j;
    } else if (j + 2 < text.size() && Lower(text.substr(j, 2)) == "is" && IsBlank(text[j + 2])) {
      j += 2;
    } else if (!blank_ok || j == i) {
      return std::string_view::npos;
    }
    j = SkipBlanks(text, j);
    if (j < text.size() && IsQuote(text[j])) ++j;
    return j;
  }

  static void ValidateSk(std::string_view text, const Candidate& c, std::vector<Finding>* out) {
    const std::string_view s = text.substr(c.begin, c.end - c.begin);
    const bool anthropic = s.substr(0, 7) == "sk-ant-";
    size_t body = 3;
    for (std::string_view prefix : {"proj-", "svcacct-", "admin-", "ant-api03-", "ant-admin01-", "ant-"}) {
      if (s.substr(3, prefix.size()) == prefix) {
        body += prefix.size();
        break;
      }
    }
    std::string_view b = s.substr(body);
    // Random base62/base64url: digits and both cases, high entropy. Keeps
    // "sk-learn-style-long-hyphenated-names" out.
    if (b.size() < 20 || !std::any_of(b.begin(), b.end(), IsDigit) || !std::any_of(b.begin(), b.end(), IsUpper) ||
        !std::any_of(b.begin(), b.end(), IsLower) || Entropy(b) < 3.5)
      return;
    Emit(c.begin, c.end, anthropic ? "anthropic" : "openai", anthropic ? 0.95f : 0.9f, out);
  }

  static void ValidateJwt(std::string_view s, const Candidate& c, std::vector<Finding>* out) {
    const size_t dot = s.find('.');
    std::string header, payload;
    const size_t dot2 = s.find('.', dot + 1);
    if (!Base64UrlDecode(s.substr(0, dot), &header) || !Base64UrlDecode(s.substr(dot + 1, dot2 - dot - 1), &payload))
      return;
    if (header.empty() || header[0] != '{' || header.find("\"alg\"") == std::string::npos) return;
    if (payload.empty() || payload[0] != '{') return;
    Emit(c.begin, c.end, "jwt", 0.95f, out);
  }

  // A key has a body: the markers alone (in code that parses keys) are not
  // a secret.
  static void ValidatePem(std::string_view text, const Candidate& c, std::vector<Finding>* out) {
    auto body = [&](size_t e) {
      return std::count_if(text.begin() + c.end, text.begin() + e, [](char ch) { return IsAlnum(ch); }) >= 40;
    };
    size_t end = text.find("-----END ", c.end);
    if (end != std::string_view::npos && end - c.end < 16384) {
      const size_t close = text.find("-----", end + 9);
      if (close != std::string_view::npos && close - end < 64) {
        if (body(end)) Emit(c.begin, close + 5, "pem", 1.0f, out);
        return;
      }
    }
    // Truncated: the key runs as far as base64 lines do.
    end = c.end;
    while (end < text.size() && (IsAlnum(text[end]) || std::string_view("+/=\r\n \t").find(text[end]) != std::string_view::npos))
      ++end;
    end = TrimEnd(text, c.begin, end, "\r\n \t");
    if (body(end)) Emit(c.begin, end, "pem", 1.0f, out);
  }

  static void ValidateAssignment(std::string_view text, const Candidate& c, std::vector<Finding>* out) {
    const size_t v = ValueStart(text, c.end, c.tag == kBearer);
    if (v == std::string_view::npos) return;
    size_t e = v;
    while (e < text.size() && (IsAlnum(text[e]) || std::string_view("_-.+/=~").find(text[e]) != std::string_view::npos))
      ++e;
    e = TrimEnd(text, v, e, ".");
    const std::string_view value = text.substr(v, e - v);
    if (value.size() < 16 || value.size() > 512) return;
    if (!std::any_of(value.begin(), value.end(), IsDigit) || !std::any_of(value.begin(), value.end(), [](char ch) {
          return IsLower(ch) || IsUpper(ch);
        }))
      return;
    // Identifiers ("my_secret_token_2") and placeholders are not secrets.
    if (std::all_of(value.begin(), value.end(), [](char ch) { return IsLower(ch) || IsDigit(ch) || ch == '_'; }) &&
        value.find('_') != std::string_view::npos)
      return;
    const std::string l = Lower(value);
    if (l.find("your") != std::string::npos || l.find("xxx") != std::string::npos ||
        l.find("redacted") != std::string::npos || Entropy(value) < 3.0)
      return;
    Emit(v, e, "generic", 0.75f, out);
  }

  static void ValidatePassword(std::string_view text, const Candidate& c, std::vector<Finding>* out) {
    const bool strict = c.tag == kPasswordShort;
    size_t i = c.end;
    if (i < text.size() && IsQuote(text[i])) ++i;
    const size_t limit = std::min(text.size(), i + 160);
    for (int words = 0; words < 8 && i < limit;) {
      // Short cues ("pwd", "pass") only as keys: "pwd: x", "PASS=x".
      if (!strict) i = SkipBlanks(text, i);
      if (i >= limit) return;
      const char ch = text[i];
      if (ch == ':' || ch == '=' || text.substr(i, 3) == "\xEF\xBC\x9A" /* ： */ || text.substr(i, 2) == "->") {
        i += text.substr(i, 3) == "\xEF\xBC\x9A" ? 3 : 1;
        while (i < text.size() && (text[i] == '=' || text[i] == '>' || text[i] == ':')) ++i;
        PasswordValue(text, SkipBlanks(text, i), false, out);
        return;
      }
      if (strict) return;
      size_t w = i;
      while (w < limit && (IsLower(text[w]) || IsUpper(text[w]) || static_cast<unsigned char>(text[w]) >= 0x80)) {
        if (text.substr(w, 3) == "\xEF\xBC\x9A") break;
        ++w;
      }
      if (w == i) return;  // punctuation or a digit: the sentence moved on
      const std::string_view word = text.substr(i, w - i);
      // Chinese and Japanese write the value right after the particle:
      // "密码是abc123", "パスワードはabc123".
      if (word.size() > 3 && (word.substr(0, 3) == "\xE6\x98\xAF" || word.substr(0, 3) == "\xE3\x81\xAF")) {
        if (PasswordValue(text, i + 3, false, out)) return;
      }
      i = w;
      if (SeparatorWord(word)) {
        if (i < text.size() && text[i] == ':') ++i;
        // "to" also joins other phrases ("mapped to key/cert"): only a
        // value with letters and digits counts after it.
        if (PasswordValue(text, SkipBlanks(text, i), Lower(word) == "to", out)) return;
      }
      ++words;
    }
  }

  // Reports the password at `i` if there is one there; true if reported.
  // `strong`: only a value with both letters and digits.
  static bool PasswordValue(std::string_view text, size_t i, bool strong, std::vector<Finding>* out) {
    if (i >= text.size()) return false;
    size_t b = i, e;
    bool quoted = false;
    if (IsQuote(text[i])) {
      e = text.find(text[i], i + 1);
      if (e == std::string_view::npos || e - i > 129 || text.substr(i, e - i).find('\n') != std::string_view::npos)
        return false;
      b = i + 1;
      quoted = true;
      if (e == b || IsBlank(text[b]) || IsBlank(text[e - 1])) return false;
    } else {
      e = i;
      while (e < text.size() && !IsBlank(text[e]) && text[e] != '\n' && text[e] != '\r') ++e;
      e = TrimEnd(text, b, e, ".,;:)]}\"'`?");
    }
    const std::string_view v = text.substr(b, e - b);
    if (v.size() < (quoted ? 4u : 6u) || v.size() > 128) return false;
    if (!quoted && std::string_view("<{[($%:!&@#*").find(v[0]) != std::string_view::npos) return false;
    if (std::all_of(v.begin(), v.end(), [](char ch) { return ch == '*' || ch == 'x' || ch == 'X' || ch == '.'; }) ||
        std::count(v.begin(), v.end(), '*') * 2 >= static_cast<long>(v.size()))
      return false;
    if (v.find("\xE2\x80\xA2") != std::string_view::npos || NotAValue(v) || (!quoted && LooksLikeCode(v)))
      return false;
    bool digit = false, lower = false, upper = false, symbol = false, underscore = false, inner_upper = false;
    for (size_t k = 0; k < v.size(); ++k) {
      const char ch = v[k];
      digit |= IsDigit(ch);
      lower |= IsLower(ch);
      upper |= IsUpper(ch);
      underscore |= ch == '_';
      symbol |= !IsAlnum(ch) && ch != '-' && ch != '\'' && ch != ' ' && ch != '_';
      inner_upper |= k > 0 && IsUpper(ch) && IsLower(v[k - 1]);
    }
    const bool letter = lower || upper;
    // Identifiers: snake_case, CONSTANT_CASE without digits or naming what
    // they hold, camelCase ("evp_cipher", "key_password_2",
    // "challengePassword") are variables, not values; "letmein_2023" is one.
    if (!symbol && underscore && !(lower && upper) && (!digit || NamesASecret(v))) return false;
    if (!symbol && !digit && !underscore && IsLower(v[0]) && inner_upper) return false;
    if (strong && !(digit && letter) && !quoted) return false;
    float score;
    if ((digit && letter) || (symbol && letter) || inner_upper) {
      score = v.size() >= 8 ? 0.85f : 0.7f;
    } else if (!digit && !symbol && std::count(v.begin(), v.end(), '-') >= 3 && v.size() >= 16) {
      score = 0.6f;  // a passphrase: "correct-horse-battery-staple"
    } else if (digit && !letter && !symbol) {
      score = 0.6f;  // a PIN-like password: "password: 48213377"
    } else if (quoted) {
      score = 0.6f;
    } else {
      return false;  // a plain word: "password is incorrect"
    }
    Emit(b, e, "password", score, out);
    return true;
  }
};

}  // namespace

std::unique_ptr<Detector> MakeSecretDetector() { return std::make_unique<SecretDetector>(); }

}  // namespace winnow::pii
