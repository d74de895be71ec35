// IP_ADDRESS: IPv4 dotted quads and IPv6 in every textual form (RFC 4291
// section 2.2: full, "::" compression, embedded IPv4), with an optional
// zone ("%eth0", IPv6 only) and CIDR prefix ("/24") included in the span
// when valid. Subtypes ipv4 and ipv6.
//
// Validation: IPv4 octets 0..255 without leading zeros; IPv6 by
// inet_pton(). Around them, the checks that keep out times ("12:30:45"),
// MAC addresses and key fingerprints ("aa:bb:...": groups of exactly two
// hex digits, or part of a longer run), C++ scopes ("std::cout"), Python
// slices ("x[1::2]"), grammar rules ("::="), versions ("version 1.2.3.4",
// "v1.2.3.4"). Section numbers and ASN.1 object identifiers ("section
// 1.2.3.4", ObjectIdentifier("2.5.29.14")) are lowered by context words.
//
// Scores: an IPv4 address with two or more multi-digit octets 0.8, one 0.6,
// none 0.4 (short dotted numbers are usually versions or section numbers;
// "8.8.8.8"-style repeats 0.6). IPv6 with three or more groups or an
// embedded IPv4 0.8, shorter compressed forms ("fe80::1") 0.6, the bare
// unspecified address "::" 0.3 (context words lift it).
#include <arpa/inet.h>

#include <algorithm>
#include <string>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "IP_ADDRESS";
constexpr std::string_view kName = "ip_address";
constexpr std::string_view kV4 = "ipv4";
constexpr std::string_view kV6 = "ipv6";

enum Tag { kTagV4 = 0, kTagV6 = 1 };

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The end of a valid "/prefix" at `p` (at most `max` bits), else `p`.
size_t PrefixEnd(std::string_view text, size_t p, int max) {
  if (p >= text.size() || text[p] != '/') return p;
  size_t e = p + 1;
  int bits = 0;
  while (e < text.size() && IsDigit(text[e]) && e - p <= 3) bits = bits * 10 + (text[e++] - '0');
  if (e == p + 1 || (e < text.size() && IsAlnum(text[e])) || bits > max) return p;
  if (e - p > 2 && text[p + 1] == '0') return p;  // "/08"
  return e;
}

// The word before `pos`, lower-cased, skipping spaces and ':' or '='.
std::string PrevWord(std::string_view text, size_t pos) {
  size_t i = pos;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == ':' || text[i - 1] == '=')) --i;
  size_t end = i;
  while (i > 0 && IsAlnum(text[i - 1]) && end - i < 12) --i;
  std::string w(text.substr(i, end - i));
  for (char& c : w) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return w;
}

class IpAddressDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  // Short anchors, not the address shapes: the shapes as regexes
  // ("[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}" and
  // "[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?:\.[0-9]{1,3}){0,3}") cost
  // Hyperscan several times more across the whole database. Validate()
  // reads those same shapes around the anchor, with the engine's rule for
  // candidates (per end the leftmost start, per start the longest end), so
  // the findings are the ones the shapes would give.
  std::vector<Pattern> Patterns() const override {
    return {{"[0-9]\\.[0-9]", 0, kTagV4}, {"::|[0-9A-Fa-f]:[0-9A-Fa-f]", 0, kTagV6}};
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    if (c.tag == kTagV4) {
      size_t begin = 0, end = 0;
      if (DottedQuad(ctx.text, c.begin, &begin, &end)) ValidateV4(ctx.text, begin, end, out);
    } else {
      ColonRun(ctx.text, c.begin, out);
    }
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"ip", "ipv4", "ipv6", "ip address", "address", "host", "server", "gateway", "subnet",
               "netmask", "router", "dns", "nameserver", "proxy", "ping", "ssh", "src", "dst",
               "listen", "bind", "loopback", "interface", "unspecified"};
    // Dotted numbers that are not addresses: outline numbers, versions and
    // ASN.1 object identifiers ("2.5.29.14"). Lowered past the threshold
    // even from the top score.
    w.lower = {"section", "chapter", "clause", "article", "paragraph", "isbn",
               "oid", "objectidentifier", "object identifier", "versionadded", "versionchanged"};
    w.lower_by = 0.45f;
    return w;
  }

 private:
  // The candidate of the dotted-quad shape whose first dot follows t[p]:
  // the first group is the (at most three) digits ending at t[p], each
  // group 1-3 digits, the last as long as it goes (up to three).
  static bool DottedQuad(std::string_view t, size_t p, size_t* begin, size_t* end) {
    size_t b = p;
    while (b > 0 && p - b < 2 && IsDigit(t[b - 1])) --b;
    size_t i = p + 1;
    for (int group = 1; group < 4; ++group) {
      if (i >= t.size() || t[i] != '.') return false;
      const size_t g = ++i;
      while (i < t.size() && IsDigit(t[i]) && i - g < 3) ++i;
      if (i == g) return false;
    }
    *begin = b;
    *end = i;
    return true;
  }

  // Every candidate of the IPv6 shape in the run of hex digits, ':' and '.'
  // around the anchor at t[p], validated; only from the run's first anchor.
  static void ColonRun(std::string_view t, size_t p, std::vector<Finding>* out) {
    auto in_run = [](char c) { return IsHex(c) || c == ':' || c == '.'; };
    auto anchor = [&](size_t i) {
      return i + 1 < t.size() && ((t[i] == ':' && t[i + 1] == ':') ||
                                  (IsHex(t[i]) && t[i + 1] == ':' && i + 2 < t.size() && IsHex(t[i + 2])));
    };
    size_t b = p;
    while (b > 0 && in_run(t[b - 1])) {
      if (anchor(b - 1)) return;  // an earlier anchor handles the run
      --b;
    }
    size_t e = p;
    while (e < t.size() && in_run(t[e])) ++e;
    // owner[E - b]: the leftmost start of a match ending at E.
    std::vector<int32_t> owner(e - b + 1, -1);
    std::vector<size_t> ends;
    for (size_t s = b; s < e; ++s) {
      ShapeEnds(t.substr(0, e), s, &ends);
      for (size_t x : ends) {
        if (owner[x - b] < 0) owner[x - b] = static_cast<int32_t>(s - b);
      }
    }
    // Per start, the longest end.
    std::vector<int32_t> longest(e - b + 1, -1);
    for (size_t x = 0; x < owner.size(); ++x) {
      if (owner[x] >= 0) longest[static_cast<size_t>(owner[x])] = static_cast<int32_t>(x);
    }
    for (size_t s = 0; s < longest.size(); ++s) {
      if (longest[s] >= 0) ValidateV6(t, b + s, b + static_cast<size_t>(longest[s]), out);
    }
  }

  // The ends of the matches of
  // [0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?:\.[0-9]{1,3}){0,3}
  // that start at t[s].
  static void ShapeEnds(std::string_view t, size_t s, std::vector<size_t>* ends) {
    ends->clear();
    size_t i = s;
    while (i < t.size() && IsHex(t[i]) && i - s <= 4) ++i;
    if (i - s > 4) return;
    for (int colons = 1; colons <= 8 && i < t.size() && t[i] == ':'; ++colons) {
      const size_t g = ++i;
      if (colons >= 2) ends->push_back(i);
      while (i < t.size() && IsHex(t[i]) && i - g < 4) {
        ++i;
        if (colons >= 2) ends->push_back(i);
      }
      if (colons >= 2 && i < t.size() && t[i] == '.') {
        size_t j = i;
        for (int part = 0; part < 3 && j < t.size() && t[j] == '.'; ++part) {
          const size_t d = ++j;
          while (j < t.size() && IsDigit(t[j]) && j - d < 3) {
            ++j;
            ends->push_back(j);
          }
          if (j == d) break;
        }
      }
    }
  }

  static void ValidateV4(std::string_view text, size_t begin, size_t end, std::vector<Finding>* out) {
    if (begin > 0 && (IsAlnum(text[begin - 1]) || text[begin - 1] == '_')) return;
    // Inside a longer dotted number ("1.2.3.4.5" from its second part).
    if (begin > 1 && text[begin - 1] == '.' && IsDigit(text[begin - 2])) return;
    if (end < text.size() && (IsAlnum(text[end]) || text[end] == '_')) return;
    int multi = 0, octets[4];
    size_t p = begin;
    for (int k = 0; k < 4; ++k) {
      size_t q = p;
      int v = 0;
      while (q < end && IsDigit(text[q])) v = v * 10 + (text[q++] - '0');
      if (q - p > 1 && text[p] == '0') return;  // leading zero: octal in some parsers, never written
      if (v > 255) return;
      octets[k] = v;
      multi += q - p > 1;
      p = q + 1;
    }
    const std::string prev = PrevWord(text, begin);
    if (prev == "v" || prev == "ver" || prev == "version" || prev == "build" || prev == "release" ||
        prev == "rev" || prev == "revision")
      return;
    float score = multi >= 2 ? 0.8f : multi == 1 ? 0.6f : 0.4f;
    if (multi == 0 && octets[0] == octets[1] && octets[1] == octets[2] && octets[2] == octets[3]) score = 0.6f;
    end = PrefixEnd(text, end, 32);
    out->push_back(Finding{kType, kName, kV4, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), score});
  }

  static void ValidateV6(std::string_view text, size_t begin, size_t end, std::vector<Finding>* out) {
    // "IP:2001:db8::1": the candidate starts at the colon after the label.
    if (end - begin > 2 && text[begin] == ':' && text[begin + 1] != ':') {
      ++begin;
    } else if (begin > 0 && (IsAlnum(text[begin - 1]) || text[begin - 1] == '_' || text[begin - 1] == '.')) {
      return;
    }
    // Inside a longer colon-separated run (a fingerprint, "...:b7:0a:3a").
    if (begin > 1 && text[begin - 1] == ':') {
      size_t i = begin - 1;
      while (i > 0 && IsHex(text[i - 1]) && begin - 1 - i < 5) --i;
      if (i < begin - 1 && i > 0 && text[i - 1] == ':') return;
    }
    std::string_view s = text.substr(begin, end - begin);
    if (s.size() > 2 && s.back() == ':' && s[s.size() - 2] != ':') s.remove_suffix(1);
    end = begin + s.size();
    if (end < text.size() && (IsAlnum(text[end]) || text[end] == '_')) return;
    if (end + 1 < text.size() && text[end] == ':' && IsHex(text[end + 1])) return;
    // A Python slice ("x[1::2]", "s[::2]") or a grammar's "::=".
    if (begin > 1 && text[begin - 1] == '[' && (IsAlnum(text[begin - 2]) || text[begin - 2] == '_' ||
                                                 text[begin - 2] == ')' || text[begin - 2] == ']'))
      return;
    if (end < text.size() && (text[end] == '=' || text[end] == '-')) return;
    if (s.size() > 45) return;

    char buf[64];
    s.copy(buf, s.size());
    buf[s.size()] = '\0';
    unsigned char addr[16];
    if (inet_pton(AF_INET6, buf, addr) != 1) return;

    const bool compressed = s.find("::") != std::string_view::npos;
    const bool embedded = s.find('.') != std::string_view::npos;
    int groups = 0, pairs = 0;
    bool digit = false;
    size_t i = 0;
    while (i < s.size()) {
      size_t j = i;
      while (j < s.size() && s[j] != ':') ++j;
      if (j > i) {
        ++groups;
        pairs += j - i == 2;
      }
      digit = digit || std::any_of(s.begin() + i, s.begin() + j, IsDigit);
      i = j + 1;
    }
    // Code ("Ab::Cd") has no digits; MAC-like runs have only two-digit groups.
    if (!digit && s != "::") return;
    if (!compressed && pairs == groups) return;

    float score = groups >= 3 || embedded ? 0.8f : s == "::" ? 0.3f : 0.6f;
    if (end < text.size() && text[end] == '%') {
      size_t z = end + 1;
      while (z < text.size() && (IsAlnum(text[z]) || text[z] == '_' || text[z] == '-' || text[z] == '.') &&
             z - end < 16)
        ++z;
      while (z > end + 1 && text[z - 1] == '.') --z;
      if (z > end + 1) end = z;
    }
    const size_t prefix = PrefixEnd(text, end, 128);
    if (prefix > end && score < 0.6f) score = 0.6f;  // "::/0" is a route
    end = prefix;
    out->push_back(Finding{kType, kName, kV6, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), score});
  }
};

}  // namespace

std::unique_ptr<Detector> MakeIpAddressDetector() { return std::make_unique<IpAddressDetector>(); }

}  // namespace winnow::pii
