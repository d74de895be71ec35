// URL: web addresses, in three shapes, each scored by how sure the shape is.
//   scheme URLs      "https://host/path", any "scheme://host"   0.9
//   www hosts        "www.example.com/path"                     0.7
//   bare domains     "example.com/abc" (with a path)            0.6
//                    "example.com" (no path; Presidio's 0.5)    0.5
// Bare domains are where false positives live: file names ("script.py",
// "README.md"), attribute access in code ("self.info", "operator.gt",
// "from a.b.ec import"), words run together after a full stop ("this.is").
// So a bare domain without a path needs a lower-case TLD that is none of
// those (see kBareGenericTlds), or a second-level registry domain
// ("bbc.co.uk"), and must not read as code; with a path, any known TLD
// will do.
//
// Secrets inside URLs are reported as SECRET findings too: the password of
// the userinfo ("https://user:pw@host", subtype url_credential) and the
// values of query parameters that carry credentials (token=, api_key=,
// sig=, password=, ...; subtype url_token or url_credential). The engine
// keeps only non-overlapping findings, so the URL finding stops where the
// secret starts: it covers the scheme, host and path up to the first secret
// value (or starts at the host when the userinfo holds a password, leaving
// the user name as written). It stops as well before a query value holding
// an email address, which the email detector reports. A URL whose host is an
// IP literal is left to the ip_address detector.
//
// Candidates: the scheme ("https://"), and any "x.yy" (a host character, a
// dot, two letters) from which Validate() extends to the whole host.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_set>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "URL";
constexpr std::string_view kSecret = "SECRET";
constexpr std::string_view kName = "url";
constexpr std::string_view kCredential = "url_credential";
constexpr std::string_view kToken = "url_token";

enum Tag { kScheme = 0, kDotted = 1 };

// Two-letter country-code TLDs in use.
constexpr std::string_view kCcTlds =
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw "
    "by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et "
    "eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id "
    "ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu "
    "lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np "
    "nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj "
    "sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us "
    "uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";
// Generic TLDs: the legacy ones and the new ones seen most on the web.
constexpr std::string_view kGenericTlds =
    "com org net edu gov mil int info biz name pro mobi asia tel travel jobs aero coop museum app dev "
    "xyz online site tech store blog cloud page shop club live life world today news email link space "
    "website fun top icu vip one art design agency media studio digital network systems solutions "
    "services support tools software academy center company group global ltd llc inc gmbh team zone "
    "work works wiki guru ninja rocks social chat video film music photo photos gallery games "
    "money finance bank insurance law legal health clinic school college university events cafe "
    "restaurant pizza wine coffee tours holiday hotel house homes estate city town land place london "
    "paris berlin nyc tokyo miami boston amsterdam vegas webcam vlaanderen";
// TLDs a bare domain without path may end in: the generic TLDs that are
// not also attribute or method names in code ("app", "page", "store",
// "run", "show", "link", "world"), and every country code except file
// extensions ("py", "md", "rs", "sh", "pl", "cc", "so", "ly", "pt", "in")
// and attributes in code ("id", "at", "to", "tz", "gt", "ne", "bg").
// Country codes that are English words ("is", "it", "me") need a first
// label that is not a word run into them after a full stop ("this.is").
constexpr std::string_view kBareGenericTlds =
    "com org net edu gov mil biz info online tech site blog shop news today club vip icu mobi asia travel "
    "jobs museum aero coop tel pro london paris berlin nyc tokyo miami boston amsterdam vegas vlaanderen";
constexpr std::string_view kNotBareCcTlds =
    "ac ad am as at ax bz cc cl cr cx gd ge gl gs id in la ls ly ma md mk ml mm mo ms nc nu pl pm ps pt py "
    "re rs sc sh so st sv sx tf tk tm to tr tt tz vc gt lt ne ec bg hr bw sd cv et";
constexpr std::string_view kWordCcTlds = "be by do is it me my no us";
constexpr std::string_view kFunctionWords =
    "this that what here there which where when then they them thus also just well only even still yeah "
    "and but not now how who why you she her his its our";
// Receivers of attribute access in code: "self.info", "logger.info".
constexpr std::string_view kCodeReceivers =
    "self this cls other obj log logger logging level console window document os sys np pd df plt torch "
    "tf args kwargs ctx req res request response config settings options opts module exports process "
    "event err data result item user app model state props date datetime time math json str string path "
    "file url uri http client server db session auth api router view views models forms admin";
// Second-level labels of registries ("co.uk", "com.au", "ac.jp").
constexpr std::string_view kSecondLevel = "co com org net gov edu ac or ne go gob nic";
// Names of frameworks and packages that look like domains.
constexpr std::string_view kNotDomains = "vb.net asp.net ado.net java.io java.net";

using Set = std::unordered_set<std::string_view>;

Set Words(std::string_view list) {
  Set s;
  size_t i = 0;
  while (i < list.size()) {
    size_t j = list.find(' ', i);
    if (j == std::string_view::npos) j = list.size();
    if (j > i) s.insert(list.substr(i, j - i));
    i = j + 1;
  }
  return s;
}

bool IsAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHostChar(unsigned char c) { return IsAlnum(c) || c == '-' || c == '.'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Length of the UTF-8 letter or digit at `i`, 0 when it is anything else
// (CJK punctuation, dashes and quotes end a URL).
size_t NonAsciiWordChar(std::string_view text, size_t i) {
  int32_t j = static_cast<int32_t>(i);
  UChar32 cp;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), j, static_cast<int32_t>(text.size()), cp);
  if (cp < 0 || !(u_isalnum(cp) || u_getCombiningClass(cp) != 0)) return 0;
  return static_cast<size_t>(j) - i;
}

// The end of the path, query and fragment that start at `p` (one of / ? #),
// without trailing punctuation or an unbalanced closing bracket.
size_t PathEnd(std::string_view text, size_t p) {
  size_t e = p;
  while (e < text.size()) {
    const auto c = static_cast<unsigned char>(text[e]);
    if (c >= 0x80) {
      size_t n = NonAsciiWordChar(text, e);
      if (n == 0) break;
      e += n;
      continue;
    }
    if (c <= 0x20 || c == 0x7f || std::string_view("\"'<>\\^`{|}").find(static_cast<char>(c)) != std::string_view::npos)
      break;
    ++e;
  }
  while (e > p) {
    const char c = text[e - 1];
    if (std::string_view(".,;:!?*").find(c) != std::string_view::npos) {
      --e;
      continue;
    }
    if (c == ')' || c == ']') {
      const char open = c == ')' ? '(' : '[';
      std::string_view s = text.substr(p, e - p);
      if (std::count(s.begin(), s.end(), open) < std::count(s.begin(), s.end(), c)) {
        --e;
        continue;
      }
    }
    break;
  }
  return e;
}

// A ":port" after the host, if any: its end, else `p`.
size_t PortEnd(std::string_view text, size_t p) {
  if (p >= text.size() || text[p] != ':') return p;
  size_t e = p + 1;
  while (e < text.size() && e - p <= 5 && text[e] >= '0' && text[e] <= '9') ++e;
  if (e == p + 1 || (e < text.size() && IsAlnum(static_cast<unsigned char>(text[e])))) return p;
  return e;
}

bool Placeholder(std::string_view v) {
  if (v.empty()) return true;
  // Masked or elided values: "****", "xxxx", "..." (also the one-character
  // ellipsis, U+2026).
  if (std::all_of(v.begin(), v.end(), [](char c) { return c == '*' || c == 'x' || c == 'X' || c == '.'; }))
    return true;
  if (v == "\xe2\x80\xa6") return true;
  const std::string l = Lower(v);
  return l.front() == '<' || l.front() == '{' || l.front() == '$' || l == "password" || l == "pass" ||
         l == "secret" || l == "token" || l.find("your") != std::string::npos;
}

Set BareTlds() {
  Set bare = Words(kBareGenericTlds);
  const Set not_bare = Words(kNotBareCcTlds);
  for (std::string_view cc : Words(kCcTlds)) {
    if (!not_bare.count(cc)) bare.insert(cc);
  }
  return bare;
}

class UrlDetector final : public Detector {
 public:
  UrlDetector()
      : cc_(Words(kCcTlds)), generic_(Words(kGenericTlds)), bare_(BareTlds()),
        second_level_(Words(kSecondLevel)), receivers_(Words(kCodeReceivers)),
        word_cc_(Words(kWordCcTlds)), function_words_(Words(kFunctionWords)), not_domains_(Words(kNotDomains)) {}

  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType, kSecret}; }

  std::vector<Pattern> Patterns() const override {
    return {{"[A-Za-z][A-Za-z0-9+.-]{1,15}://", 0, kScheme},
            {"[A-Za-z0-9-]\\.[A-Za-z]{2}", 0, kDotted}};
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    if (c.tag == kScheme) {
      ValidateScheme(ctx.text, c, out);
    } else {
      ValidateDotted(ctx.text, c, out);
    }
  }

  ContextWords Context(std::string_view type) const override {
    ContextWords w;
    if (type == kType) w.raise = {"url", "website", "web site", "link", "site", "homepage", "domain", "visit"};
    return w;
  }

  // Scheme and host fold case; the path is case-sensitive and kept.
  std::string Normalize(std::string_view type, std::string_view value) const override {
    if (type != kType) return std::string(value);
    size_t host = value.find("://");
    host = host == std::string_view::npos ? 0 : host + 3;
    size_t path = value.find_first_of("/?#", host);
    if (path == std::string_view::npos) path = value.size();
    return Lower(value.substr(0, path)) + std::string(value.substr(path));
  }

 private:
  bool KnownTld(const std::string& tld) const {
    return (tld.size() == 2 ? cc_.count(tld) : generic_.count(tld)) > 0 ||
           (tld.size() > 4 && tld.compare(0, 4, "xn--") == 0);
  }

  // Splits a host into labels; false when a label is empty, too long or
  // starts or ends with '-'.
  static bool Labels(std::string_view host, std::vector<std::string_view>* labels) {
    labels->clear();
    size_t i = 0;
    while (i <= host.size()) {
      size_t j = host.find('.', i);
      if (j == std::string_view::npos) j = host.size();
      std::string_view l = host.substr(i, j - i);
      if (l.empty() || l.size() > 63 || l.front() == '-' || l.back() == '-') return false;
      labels->push_back(l);
      i = j + 1;
    }
    return true;
  }

  void ValidateScheme(std::string_view text, const Candidate& c, std::vector<Finding>* out) const {
    if (c.begin > 0 && IsAlnum(static_cast<unsigned char>(text[c.begin - 1]))) return;
    if (Lower(text.substr(c.begin, c.end - c.begin)) == "file://") return;
    // The authority: [userinfo@]host[:port]. Passwords in connection
    // strings are often written unescaped ("#", "$"), so the userinfo runs
    // to the last '@' before the path.
    size_t p = c.end, auth_end = c.end;
    while (auth_end < text.size()) {
      const auto ch = static_cast<unsigned char>(text[auth_end]);
      if (ch <= 0x20 || ch >= 0x7f || std::string_view("/?\"'<>`\\").find(static_cast<char>(ch)) != std::string_view::npos)
        break;
      ++auth_end;
    }
    std::string_view auth = text.substr(p, auth_end - p);
    size_t at = auth.rfind('@');
    size_t host_begin = at == std::string_view::npos ? p : p + at + 1;
    if (host_begin < text.size() && text[host_begin] == '[') return;  // IPv6 literal
    size_t host_end = host_begin;
    while (host_end < auth_end && IsHostChar(static_cast<unsigned char>(text[host_end]))) ++host_end;
    std::string_view host = text.substr(host_begin, host_end - host_begin);
    while (!host.empty() && host.back() == '.') host.remove_suffix(1);
    std::vector<std::string_view> labels;
    if (!Labels(host, &labels) || labels.size() < 2) return;
    // Any alphabetic TLD: Presidio's long list, new gTLDs; a numeric one is
    // an IPv4 host, left to the ip_address detector.
    const std::string tld = Lower(labels.back());
    const bool punycode = tld.size() > 4 && tld.compare(0, 4, "xn--") == 0;
    if (!punycode && (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), [](char ch) { return IsAlpha(ch); })))
      return;
    size_t end = PortEnd(text, host_begin + host.size());
    if (end < text.size() && (text[end] == '/' || text[end] == '?' || text[end] == '#')) end = PathEnd(text, end);
    if (end < text.size() && (IsAlnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) return;

    size_t url_begin = c.begin;
    if (at != std::string_view::npos) {
      std::string_view userinfo = auth.substr(0, at);
      size_t colon = userinfo.find(':');
      if (colon != std::string_view::npos && !Placeholder(userinfo.substr(colon + 1))) {
        const size_t pw = p + colon + 1;
        Emit(kSecret, kCredential, pw, p + at, 0.95f, out);
        url_begin = host_begin;
      }
    }
    const size_t url_end = QuerySecrets(text, host_begin + host.size(), end, out);
    Emit(kType, {}, url_begin, url_end, 0.9f, out);
  }

  void ValidateDotted(std::string_view text, const Candidate& c, std::vector<Finding>* out) const {
    const size_t dot = c.begin + 1;
    size_t tld_end = dot + 1;
    while (tld_end < text.size() && (IsAlnum(static_cast<unsigned char>(text[tld_end])) || text[tld_end] == '-'))
      ++tld_end;
    // Only the candidate at the last label of the host goes on.
    if (tld_end + 1 < text.size() && text[tld_end] == '.' && IsAlnum(static_cast<unsigned char>(text[tld_end + 1])))
      return;
    if (tld_end < text.size() && (text[tld_end] == '_' || text[tld_end] == '@')) return;
    size_t begin = c.begin;
    while (begin > 0 && IsHostChar(static_cast<unsigned char>(text[begin - 1]))) --begin;
    while (begin < dot && (text[begin] == '.' || text[begin] == '-')) ++begin;
    if (begin > 0) {
      const char before = text[begin - 1];
      // Part of an address, a path, an identifier or a scheme URL (which
      // its own candidate reports).
      if (std::string_view("@/\\_$%~#").find(before) != std::string_view::npos) return;
      if (static_cast<unsigned char>(before) >= 0x80 && NonAsciiWordChar(text, PrevChar(text, begin)) > 0) return;
    }
    std::string_view host = text.substr(begin, tld_end - begin);
    std::vector<std::string_view> labels;
    if (!Labels(host, &labels) || labels.size() < 2) return;
    const std::string tld = Lower(labels.back());
    if (!KnownTld(tld)) return;
    const bool www = labels.size() >= 3 && Lower(labels[0].substr(0, 3)) == "www";

    size_t end = PortEnd(text, tld_end);
    const bool has_path = end < text.size() && text[end] == '/';
    if (has_path) end = PathEnd(text, end);
    if (end < text.size() && (IsAlnum(static_cast<unsigned char>(text[end])) || text[end] == '(')) return;

    const float score = www ? 0.7f : has_path ? 0.6f : 0.5f;
    if (!www && !has_path && !BareDomain(text, begin, host, labels)) return;
    const size_t url_end = QuerySecrets(text, tld_end, end, out);
    Emit(kType, {}, begin, url_end, score, out);
  }

  // True when `host` (at `begin`, with no path after it) reads as a domain:
  // a lower-case TLD allowed bare or a registry's second level, and not
  // code ("self.info", "logging.level.info", "r.qa", "from a.b.ec import").
  bool BareDomain(std::string_view text, size_t begin, std::string_view host,
                  const std::vector<std::string_view>& labels) const {
    const std::string_view tld = labels.back();
    if (std::any_of(tld.begin(), tld.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) return false;
    const std::string first = Lower(labels[0]);
    const bool major = tld == "com" || tld == "org" || tld == "net" || tld == "edu" || tld == "gov";
    if ((labels.size() == 2 || !major) && receivers_.count(first)) return false;
    if (labels.size() == 2 && word_cc_.count(tld) && (first.size() <= 3 || function_words_.count(first)))
      return false;
    if (first.size() == 1 && !(major || tld == "co" || tld == "io" || tld == "ai")) return false;
    if (std::all_of(first.begin(), first.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return false;
    if (not_domains_.count(Lower(host))) return false;
    const std::string prev = Lower(PrevWord(text, begin));
    if (prev == "from" || prev == "import") return false;
    const bool registry =
        labels.size() >= 3 && tld.size() == 2 && second_level_.count(Lower(labels[labels.size() - 2]));
    return bare_.count(tld) || registry;
  }

  // The ASCII word before `pos`, past spaces.
  static std::string_view PrevWord(std::string_view text, size_t pos) {
    size_t i = pos;
    while (i > 0 && text[i - 1] == ' ') --i;
    const size_t end = i;
    while (i > 0 && end - i < 8 && IsAlpha(static_cast<unsigned char>(text[i - 1]))) --i;
    return text.substr(i, end - i);
  }

  static size_t PrevChar(std::string_view text, size_t i) {
    while (i > 0 && (static_cast<unsigned char>(text[i - 1]) & 0xC0) == 0x80) --i;
    return i > 0 ? i - 1 : 0;
  }

  // Reports the credential values in the query of [from, end) as SECRET
  // findings; returns where the URL finding should end (before the first
  // credential or email address).
  static size_t QuerySecrets(std::string_view text, size_t from, size_t end, std::vector<Finding>* out) {
    std::string_view url = text.substr(from, end - from);
    size_t q = url.find('?');
    if (q == std::string_view::npos) return end;
    size_t frag = url.find('#', q);
    if (frag == std::string_view::npos) frag = url.size();
    size_t url_end = end;
    size_t i = q + 1;
    while (i < frag) {
      size_t amp = url.find_first_of("&;", i);
      if (amp == std::string_view::npos || amp > frag) amp = frag;
      std::string_view param = url.substr(i, amp - i);
      size_t eq = param.find('=');
      if (eq != std::string_view::npos) {
        const std::string key = Lower(param.substr(0, eq));
        std::string_view value = param.substr(eq + 1);
        const bool password = key == "password" || key == "passwd" || key == "pwd" || key == "pass";
        const bool token = key == "token" || key == "access_token" || key == "refresh_token" || key == "id_token" ||
                           key == "api_key" || key == "apikey" || key == "api-key" || key == "key" ||
                           key == "sig" || key == "signature" || key == "secret" || key == "client_secret" ||
                           key == "auth" || key == "auth_token" || key == "private_token" ||
                           key == "x-amz-signature" || key == "x-goog-signature";
        const size_t vb = from + i + eq + 1;
        if ((password && value.size() >= 3 && !Placeholder(value)) ||
            (token && value.size() >= 8 && !Placeholder(value))) {
          Emit(kSecret, password ? kCredential : kToken, vb, vb + value.size(), 0.9f, out);
          url_end = std::min(url_end, vb);
        } else if (value.find('@') != std::string_view::npos) {
          url_end = std::min(url_end, vb);  // an address, the email detector's
        }
      }
      i = amp + 1;
    }
    return url_end;
  }

  static void Emit(std::string_view type, std::string_view subtype, size_t begin, size_t end, float score,
                   std::vector<Finding>* out) {
    if (end <= begin) return;
    out->push_back(Finding{type, kName, subtype, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), score});
  }

  const Set cc_, generic_, bare_, second_level_, receivers_, word_cc_, function_words_, not_domains_;
};

}  // namespace

std::unique_ptr<Detector> MakeUrlDetector() { return std::make_unique<UrlDetector>(); }

}  // namespace winnow::pii
