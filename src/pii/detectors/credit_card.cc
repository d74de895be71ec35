// CREDIT_CARD: payment card numbers (PANs).
//
// Candidates are 12–19 digit runs, or digits grouped by single spaces or
// dashes the way cards are printed (4-4-4-4, 4-4-4-4-3, 4-6-5 Amex, 4-6-4
// Diners, 4-4-5). A candidate is a card when it passes Luhn and its prefix
// and length belong to an issuer (the subtype).
//
// Scores: printed grouping is strong evidence (0.95); a bare run of 15 or
// 16 digits 0.75, of other lengths (or UATP) 0.45, and a 12-digit short
// Maestro 0.3 (ids, hashes, nonces and account numbers are digit runs too,
// and one in ten passes Luhn). Card words ("card", "visa", "cvv", ...) lift a
// finding to at least 0.8; "order", "tracking", "account", ... take 0.3
// away, which drops a bare run without card words.
#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "CREDIT_CARD";
constexpr std::string_view kName = "credit_card";

enum Tag { kRun = 0, kGrouped = 1 };

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int PrefixNum(std::string_view d, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n && i < d.size(); ++i) v = v * 10 + (d[i] - '0');
  return v;
}

// The issuer of a Luhn-checked PAN from its IIN prefix and length, or empty
// when no scheme issues such numbers. Ranges follow the schemes' published
// IIN tables (ISO/IEC 7812 as listed by the networks).
std::string_view Issuer(std::string_view d) {
  const size_t n = d.size();
  const int p1 = PrefixNum(d, 1), p2 = PrefixNum(d, 2), p3 = PrefixNum(d, 3), p4 = PrefixNum(d, 4);
  if (p1 == 4) return (n == 13 || n == 16 || n == 19) ? "visa" : "";
  if (p2 == 34 || p2 == 37) return n == 15 ? "amex" : "";
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n == 16 ? "mastercard" : "";
  if (p4 >= 2200 && p4 <= 2204) return n >= 16 ? "mir" : "";
  if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) return n >= 16 ? "discover" : "";
  // JCB: 3528–3589 assigned, but card lists and test generators use all of
  // 35xx; 15-digit legacy JCB cards start 2131 or 1800.
  if (p2 == 35) return n >= 16 ? "jcb" : "";
  if ((p4 == 2131 || p4 == 1800) && n == 15) return "jcb";
  if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) return n >= 14 ? "diners" : "";
  if (p2 == 62) return n >= 16 ? "unionpay" : "";
  // Maestro (and national debit schemes sharing its ranges: Dankort 5019).
  if (p2 == 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 ? "maestro" : "";
  if (p1 == 1) return n == 15 ? "uatp" : "";
  if (p2 == 81 || p2 == 82) return n == 16 ? "rupay" : "";
  return "";
}

// Printed layouts, as group lengths.
bool GroupLayoutOk(const std::vector<int>& g) {
  const size_t k = g.size();
  if (k < 3 || k > 5 || g[0] != 4) return false;
  if (k == 3) return (g[1] == 6 && (g[2] == 4 || g[2] == 5)) || (g[1] == 4 && g[2] == 5);
  if (g[1] != 4 || g[2] != 4) return false;
  if (k == 4) return g[3] >= 1 && g[3] <= 4;
  return g[3] == 4 && g[4] >= 1 && g[4] <= 3;
}

// A number starting at `begin` / ending at `end` is not the inside of a
// longer one: no letter or digit touches it, nor a digit behind a '-' or '.'
// ("12-4111..."), and it does not end a path or slug ("/a-4111...").
bool Joiner(char c) { return c == '-' || c == '.'; }
bool AsciiAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool StartBounded(std::string_view t, size_t begin) {
  if (begin == 0) return true;
  const char p = t[begin - 1];
  return !AsciiAlnum(p) && !(begin >= 2 && (Joiner(p) || p == '/' || p == '_') && AsciiAlnum(t[begin - 2]));
}
bool EndBounded(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  return !AsciiAlnum(t[end]) && !(end + 1 < t.size() && Joiner(t[end]) && IsDigit(t[end + 1]));
}

// True when " dddd" and no further digit follows `end`: the next number of
// a list, where a card would be followed by an expiry or a CVV if anything.
bool FourDigitsFollow(std::string_view t, size_t end) {
  if (end + 5 > t.size() || t[end] != ' ') return false;
  for (size_t i = end + 1; i < end + 5; ++i) {
    if (!IsDigit(t[i])) return false;
  }
  return end + 5 == t.size() || !IsDigit(t[end + 5]);
}

// The end of the printed card number starting at `begin` (within `limit`),
// or 0. One separator kind throughout; the longest run of groups that is a
// card wins (the candidate may have run on into a following number,
// "4111 1111 1111 1111 12/25").
uint32_t GroupedCardEnd(std::string_view t, uint32_t begin, uint32_t limit) {
  if (!StartBounded(t, begin) || limit - begin < 5 || !(t[begin + 4] == ' ' || t[begin + 4] == '-')) return 0;
  // Inside a list of short numbers ("disable : 4251 4231 4660 4275 4511",
  // tables), where one run of four groups in ten passes Luhn.
  if (begin >= 2 && t[begin - 1] == ' ' && IsDigit(t[begin - 2])) {
    size_t i = begin - 1;
    while (i > 0 && IsDigit(t[i - 1])) --i;
    if (begin - 1 - i <= 6 && !(i > 0 && t[i - 1] == '-')) return 0;
  }
  const char sep = t[begin + 4];
  std::vector<int> groups;
  std::vector<uint32_t> ends;
  int len = 0;
  uint32_t i = begin;
  for (; i < limit; ++i) {
    if (IsDigit(t[i])) {
      ++len;
      continue;
    }
    if (t[i] != sep || len == 0) break;
    groups.push_back(len);
    ends.push_back(i);
    len = 0;
  }
  if (len > 0) {
    groups.push_back(len);
    ends.push_back(i);
  }
  for (size_t k = groups.size(); k >= 3; --k) {
    std::vector<int> g(groups.begin(), groups.begin() + k);
    // A dash-joined tail ("4111-1111-1111-1111-22") is part of something
    // else; a space-separated one is just the next word.
    if (!GroupLayoutOk(g) || !EndBounded(t, ends[k - 1]) || (sep == ' ' && FourDigitsFollow(t, ends[k - 1]))) {
      continue;
    }
    std::string digits = DigitsOf(t.substr(begin, ends[k - 1] - begin));
    if (digits.size() < 13 || digits.size() > 19 || Issuer(digits).empty() || !LuhnValid(digits)) continue;
    return ends[k - 1];
  }
  return 0;
}

class CreditCardDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    return {
        {"[0-9]{12,19}", 0, kRun},
        {"[0-9]{4}[ \\-][0-9]{4,6}[ \\-][0-9]{4,5}(?:[ \\-][0-9]{1,4}){0,2}", 0, kGrouped},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    std::string_view t = ctx.text;
    std::string_view s = t.substr(c.begin, c.end - c.begin);
    if (c.tag == kRun) {
      if (!StartBounded(t, c.begin) || !EndBounded(t, c.end)) return;
      std::string_view issuer = Issuer(s);
      if (issuer.empty() || !LuhnValid(s)) return;
      // 15/16 digits are what cards almost always have; other lengths, and
      // UATP's 1-prefix, are more often ids, hashes and nonces: those need a
      // card word.
      float score = (s.size() == 15 || s.size() == 16) && issuer != "uatp" ? 0.75f : s.size() == 12 ? 0.3f : 0.45f;
      out->push_back({kType, kName, issuer, c.begin, c.end, score});
      return;
    }
    // Grouped. Hyperscan reports only the leftmost start for each end, so a
    // card right after another number ("...-1881 4012 8888 8888 1881") sits
    // inside a candidate that starts earlier: try every group start.
    for (uint32_t at = c.begin; at + 4 < c.end; ++at) {
      if (at > c.begin && !(IsDigit(t[at]) && (t[at - 1] == ' ' || t[at - 1] == '-'))) continue;
      uint32_t end = GroupedCardEnd(t, at, c.end);
      if (end == 0) continue;
      std::string digits = DigitsOf(t.substr(at, end - at));
      out->push_back({kType, kName, Issuer(digits), at, end, 0.95f});
      at = end;
    }
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"card",  "cards",    "credit",  "debit",     "visa",      "mastercard", "amex",
               "american express",  "discover", "jcb",       "diners",    "maestro",
               "unionpay", "cc",    "cvv",     "cvc",       "expiry",    "exp",
               "payment", "tarjeta", "carte",  "kreditkarte", "karte"};
    // Account words: a bare 16-digit account number passes Luhn one time in
    // ten.
    w.lower = {"order",  "tracking", "invoice", "isbn",    "transaction", "txn",    "ref",  "reference",
               "id",     "serial",   "imei",    "awb",     "ticket",      "account", "acct", "deposit",
               "routing"};
    w.raise_by = 0.2f;
    w.raise_min = 0.8f;
    w.lower_by = 0.3f;
    return w;
  }

  std::string Normalize(std::string_view, std::string_view value) const override { return DigitsOf(value); }
};

}  // namespace

std::unique_ptr<Detector> MakeCreditCardDetector() { return std::make_unique<CreditCardDetector>(); }

}  // namespace winnow::pii
