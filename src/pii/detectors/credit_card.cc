// CREDIT_CARD: payment card numbers (PANs).
//
// Candidates are 13–19 digit runs, or digits grouped by single spaces or
// dashes the way cards are printed (4-4-4-4, 4-4-4-4-3, 4-6-5 Amex, 4-6-4
// Diners, 4-4-5). A candidate is a card when it passes Luhn and its prefix
// and length belong to an issuer (the subtype). Printed grouping is strong
// evidence, a bare digit run less so: order ids and snowflake ids are digit
// runs too, so bare runs can be pushed under the threshold by nearby words
// like "order" or "tracking".
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
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 ? "jcb" : "";
  if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) return n >= 14 ? "diners" : "";
  if (p2 == 62) return n >= 16 ? "unionpay" : "";
  // Maestro (and national debit schemes sharing its ranges: Dankort 5019).
  if (p2 == 50 || (p2 >= 56 && p2 <= 69)) return n >= 13 ? "maestro" : "";
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

// True when [begin, end) is not the inside of a longer number: no letter or
// digit touches it, nor a digit behind a '-' or '.' ("12-4111...").
bool NumberBounded(std::string_view t, size_t begin, size_t end) {
  if (!AsciiWordBounded(t, begin, end)) return false;
  if (begin >= 2 && (t[begin - 1] == '-' || t[begin - 1] == '.') && IsDigit(t[begin - 2])) return false;
  if (end + 1 < t.size() && (t[end] == '-' || t[end] == '.') && IsDigit(t[end + 1])) return false;
  return true;
}

class CreditCardDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    return {
        {"[0-9]{13,19}", 0, kRun},
        {"[0-9]{4}[ \\-][0-9]{4,6}[ \\-][0-9]{4,5}(?:[ \\-][0-9]{1,4}){0,2}", 0, kGrouped},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    std::string_view t = ctx.text;
    std::string_view s = t.substr(c.begin, c.end - c.begin);
    if (c.tag == kRun) {
      if (!NumberBounded(t, c.begin, c.end)) return;
      std::string_view issuer = Issuer(s);
      if (issuer.empty() || !LuhnValid(s)) return;
      // 15/16 digits are what cards almost always have; other lengths are
      // more often ids.
      float score = (s.size() == 15 || s.size() == 16) ? 0.75f : 0.6f;
      out->push_back({kType, kName, issuer, c.begin, c.end, score});
      return;
    }
    // Grouped: split, require one separator kind, then try the longest
    // prefix of groups that is a card (the pattern may have run on into a
    // following number, "4111 1111 1111 1111 12/25").
    if (!NumberBounded(t, c.begin, c.begin + 4)) return;
    std::vector<int> groups;
    std::vector<size_t> ends;
    char sep = s[4];
    int len = 0;
    size_t i = 0;
    for (; i < s.size(); ++i) {
      if (IsDigit(s[i])) {
        ++len;
        continue;
      }
      if (s[i] != sep) break;
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
      if (!GroupLayoutOk(g)) continue;
      uint32_t end = c.begin + static_cast<uint32_t>(ends[k - 1]);
      // A dash-joined tail ("4111-1111-1111-1111-22") is part of something
      // else; a space-separated one is just the next word.
      if (end < t.size() && t[end] != ' ' && !NumberBounded(t, c.begin, end)) continue;
      std::string digits = DigitsOf(t.substr(c.begin, end - c.begin));
      if (digits.size() < 13 || digits.size() > 19) continue;
      std::string_view issuer = Issuer(digits);
      if (issuer.empty() || !LuhnValid(digits)) continue;
      out->push_back({kType, kName, issuer, c.begin, end, 0.95f});
      return;
    }
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"card",  "cards",    "credit",  "debit",     "visa",      "mastercard", "amex",
               "american express",  "discover", "jcb",       "diners",    "maestro",
               "unionpay", "cc",    "cvv",     "cvc",       "expiry",    "exp",        "pan",
               "payment", "tarjeta", "carte",  "kreditkarte", "karte"};
    w.lower = {"order",  "tracking", "invoice", "isbn", "transaction", "txn",  "ref",
               "reference", "id",    "serial",  "imei", "awb",         "ticket", "case"};
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
