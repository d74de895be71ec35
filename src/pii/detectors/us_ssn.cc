// US_SSN and US_ITIN: US Social Security numbers and Individual Taxpayer
// Identification Numbers, both nine digits (AAA-GG-SSSS).
//
// SSN rules (SSA): area 001–899 except 666, group 01–99, serial 0001–9999;
// numbers beginning with 9 are never SSNs. ITIN rules (IRS): area 9xx, group
// 50–65, 70–88, 90–92 or 94–99. Like Presidio we also drop numbers that are
// all one digit and the well-known published samples (078-05-1120,
// 123-45-6789, 987-65-432x).
//
// Scores: ddd-dd-dddd is a strong shape (dashes 0.6, spaces or dots 0.5);
// a bare nine-digit run is any id, so it scores 0.3 and needs a context word
// ("ssn", "social security", "itin", ...); the odd ddd-dddddd and ddddd-dddd
// splits (Presidio's "very weak" forms; ddddd-dddd is also a ZIP+4) score
// 0.1. Bank, routing, passport and licence detectors see the same nine-digit
// runs; their context words decide which type wins an overlap.
#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kSsn = "US_SSN";
constexpr std::string_view kItin = "US_ITIN";
constexpr std::string_view kName = "us_ssn";

enum Tag { kDelimited = 0, kPlain = 1, kOddSplit = 2 };



bool SsnValid(std::string_view d) {
  if (d.size() != 9) return false;
  if (d.substr(0, 3) == "000" || d.substr(0, 3) == "666" || d[0] == '9') return false;
  if (d.substr(3, 2) == "00" || d.substr(5, 4) == "0000") return false;
  if (d.find_first_not_of(d[0]) == std::string_view::npos) return false;
  for (std::string_view sample : {"078051120", "123456789", "98765432"}) {
    if (d.substr(0, sample.size()) == sample) return false;
  }
  return true;
}

bool ItinValid(std::string_view d) {
  if (d.size() != 9 || d[0] != '9') return false;
  int g = (d[3] - '0') * 10 + (d[4] - '0');
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

class UsSsnDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kSsn, kItin}; }

  std::vector<Pattern> Patterns() const override {
    return {
        {"[0-9]{3}[ .\\-][0-9]{2}[ .\\-][0-9]{4}", 0, kDelimited},
        {"[0-9]{9}", 0, kPlain},
        {"[0-9]{3}-[0-9]{6}|[0-9]{5}-[0-9]{4}", 0, kOddSplit},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    std::string_view t = ctx.text;
    if (!NumberBounded(t, c.begin, c.end)) return;
    std::string_view s = t.substr(c.begin, c.end - c.begin);
    float score = 0.3f;
    if (c.tag == kDelimited) {
      if (s[3] != s[6]) return;  // "693-09.4444"
      score = s[3] == '-' ? 0.6f : 0.5f;
    } else if (c.tag == kOddSplit) {
      score = 0.1f;
    }
    std::string d = DigitsOf(s);
    if (ItinValid(d)) {
      out->push_back({kItin, kName, {}, c.begin, c.end, score});
    } else if (SsnValid(d)) {
      out->push_back({kSsn, kName, {}, c.begin, c.end, score});
    }
  }

  ContextWords Context(std::string_view type) const override {
    ContextWords w;
    if (type == kSsn) {
      w.raise = {"ssn", "ssns", "ssn#", "ss#", "social security", "social security number",
                 "social security no", "soc sec", "social sec", "ssa"};
    } else {
      w.raise = {"itin", "itins", "itin#", "taxpayer", "tax id", "tax identification", "tax number",
                 "irs", "w-7", "w7"};
    }
    // Few negative words: the window runs across sentences, and a specific
    // raise word ("ssn") already separates SSNs from other nine-digit runs.
    w.lower = {"isbn", "zip", "zipcode", "postal"};
    // One word after ("078051121 (SSN)"): more would reach into the next
    // sentence ("... license number is 853077410. My SSN is ...").
    w.words_before = 6;
    w.words_after = 1;
    w.raise_by = 0.4f;
    w.raise_min = 0.5f;
    w.lower_by = 0.3f;
    return w;
  }

  std::string Normalize(std::string_view, std::string_view value) const override { return DigitsOf(value); }
};

}  // namespace

std::unique_ptr<Detector> MakeUsSsnDetector() { return std::make_unique<UsSsnDetector>(); }

}  // namespace winnow::pii
