// US_BANK_NUMBER and ABA_ROUTING_NUMBER.
//
// A US bank account number has no structure: 8–17 digits, which is also
// what order numbers, timestamps and ids look like. It scores 0.1 and only
// a context word ("account", "acct", "checking", ...) lifts it over the
// threshold.
//
// An ABA routing transit number is nine digits whose first two are a
// Federal Reserve routing symbol (00–12, 21–32, 61–72, 80) and whose
// weighted sum 3-7-1 is a multiple of ten; it is written plain or as
// dddd-dddd-d. One nine-digit run in ten passes the checksum, so a plain
// one scores 0.4 and needs "routing", "aba", "transit", ...; the dashed
// form is itself distinctive (0.6). With its context a routing number
// scores 0.8, above an SSN or account number read of the same digits.
#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kBank = "US_BANK_NUMBER";
constexpr std::string_view kAba = "ABA_ROUTING_NUMBER";
constexpr std::string_view kName = "us_bank";

enum Tag { kRun = 0, kAbaDashed = 1 };



// A yyyymmdd date ("20201003"), which changelogs and file names are full of.
bool LooksLikeDate8(std::string_view d) {
  if (d.size() != 8 || !(d.starts_with("19") || d.starts_with("20"))) return false;
  int m = (d[4] - '0') * 10 + (d[5] - '0'), day = (d[6] - '0') * 10 + (d[7] - '0');
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

bool AbaValid(std::string_view d) {
  if (d.size() != 9) return false;
  int p = (d[0] - '0') * 10 + (d[1] - '0');
  if (!(p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80)) return false;
  int sum = 0;
  static constexpr int kWeights[9] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
  for (int i = 0; i < 9; ++i) sum += kWeights[i] * (d[i] - '0');
  return sum % 10 == 0;
}

class UsBankDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kBank, kAba}; }

  std::vector<Pattern> Patterns() const override {
    return {
        // Eight digits, not [0-9]{8,17}: a fixed width costs Hyperscan less,
        // and Validate() reads the rest of the run.
        {"[0-9]{8}", 0, kRun},
        {"[0-9]{4}-[0-9]{4}-[0-9]", 0, kAbaDashed},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    std::string_view t = ctx.text;
    uint32_t end = c.end;
    if (c.tag == kRun) {
      // Only the whole run can be bounded; past 17 digits it is no account.
      if (c.begin > 0 && IsAsciiDigit(t[c.begin - 1])) return;
      while (end < t.size() && IsAsciiDigit(t[end]) && end - c.begin < 18) ++end;
      if (end - c.begin > 17) return;
    }
    if (!NumberBounded(t, c.begin, end)) return;
    std::string_view s = t.substr(c.begin, end - c.begin);
    if (c.tag == kAbaDashed) {
      std::string d = DigitsOf(s);
      if (AbaValid(d)) out->push_back({kAba, kName, {}, c.begin, c.end, 0.6f});
      return;
    }
    // All one digit ("00000000") is filler, not an account; nor is a date.
    if (s.find_first_not_of(s[0]) == std::string_view::npos || LooksLikeDate8(s)) return;
    out->push_back({kBank, kName, {}, c.begin, end, 0.1f});
    if (AbaValid(s)) out->push_back({kAba, kName, {}, c.begin, end, 0.4f});
  }

  ContextWords Context(std::string_view type) const override {
    ContextWords w;
    if (type == kBank) {
      // Not "checking" alone, a verb too; "checking account" has "account".
      w.raise = {"account", "accounts", "acct",        "acct#",  "a/c",    "account#", "savings", "bank",
                 "banking", "deposit",  "beneficiary", "cuenta", "compte", "konto"};
      w.lower = {"order", "invoice", "tracking", "isbn", "ticket", "confirmation"};
      w.raise_by = 0.45f;
      w.raise_min = 0.55f;
    } else {
      // Not "bank" or "account": those sit next to account numbers too,
      // and one account number in ten would pass the checksum.
      w.raise = {"routing", "aba", "transit", "rtn", "routing number", "routing no", "routing#", "aba#",
                 "ach", "abartn"};
      w.lower = {"isbn"};
      w.raise_by = 0.4f;
      w.raise_min = 0.8f;
    }
    // Routing words are specific enough to look four words ahead ("Is
    // 121000358 the right ABA routing number?"); account words only one.
    w.words_before = 6;
    w.words_after = type == kBank ? 1 : 4;
    w.lower_by = 0.3f;
    return w;
  }

  std::string Normalize(std::string_view, std::string_view value) const override { return DigitsOf(value); }
};

}  // namespace

std::unique_ptr<Detector> MakeUsBankDetector() { return std::make_unique<UsBankDetector>(); }

}  // namespace winnow::pii
