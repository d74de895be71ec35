// US_PASSPORT and US_DRIVER_LICENSE.
//
// Passport book numbers are nine digits; next-generation books (2021+) and
// passport cards are a letter and eight digits. Driver licence numbers have
// a format per state: one to three letters and digits (CA A1234567, NY
// 123 456 789, IL/MD/MI/MN A123-4567-8901 or A123-456-789-012, FL
// A123-456-78-901-0, WA's name code FRANCRF705BA or WDL...), plus plain digit
// runs of 6–14 in many states. The shapes follow Presidio's
// UsLicenseRecognizer and the states' published formats.
//
// Every one of these shapes is also an ordinary id, so all score low
// (0.1–0.15 for digit runs, 0.2–0.25 for letter+digits, 0.3 for the distinctive
// dashed and WA shapes) and only a context word ("passport", "license",
// "dl", ...) lifts them over the threshold. The context word also
// decides the type when a shape fits both (A12345678).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kPassport = "US_PASSPORT";
constexpr std::string_view kLicense = "US_DRIVER_LICENSE";
constexpr std::string_view kName = "us_document";

// Candidates come from short fixed-width anchors (a run of six digits, a
// capital or '*' before three digits, and the NY, dashed and WA "WDL"
// shapes); Validate() reads the whole shape around the anchor in C++. The
// anchors cost Hyperscan far less than the state shapes as regexes (open
// character classes of varying width), and the result is the same: a shape
// counts only as a whole token (NumberBounded), so it is enough to classify
// each token once, from its first anchor.
enum Tag {
  kDigitAnchor = 0,   // [0-9]{6}: digit-only tokens, and digits+letters shapes
  kLetterAnchor = 1,  // [A-Z*][0-9]{3}: letter-led tokens, FL/MD/IL, WA
  kNewYork = 2,       // 123 456 789
  kDashed = 3,        // 1234-56-7890
  kWdl = 4,           // WA's WDL + nine
};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsSep(char c) { return c == ' ' || c == '-'; }

// True when "WDL[A-Z0-9]{9}" starts at t[i].
bool Wdl(std::string_view t, size_t i) {
  if (t.substr(i, 3) != "WDL" || i + 12 > t.size()) return false;
  for (size_t k = i + 3; k < i + 12; ++k) {
    if (!IsUpper(t[k]) && !IsAsciiDigit(t[k])) return false;
  }
  return true;
}

// True when `n` digits start at t[i].
bool DigitsAt(std::string_view t, size_t i, size_t n) {
  if (i + n > t.size()) return false;
  for (size_t k = i; k < i + n; ++k) {
    if (!IsAsciiDigit(t[k])) return false;
  }
  return true;
}

// The shape of a token as runs of capitals ('A') and digits ('9'); false
// when it has anything else (lower case) or more runs than any shape.
struct Shape {
  char kind[4];
  size_t len[4];
  size_t runs = 0;
};
bool ShapeOf(std::string_view s, Shape* shape) {
  for (char c : s) {
    const char k = IsAsciiDigit(c) ? '9' : IsUpper(c) ? 'A' : 0;
    if (k == 0) return false;
    if (shape->runs > 0 && shape->kind[shape->runs - 1] == k) {
      ++shape->len[shape->runs - 1];
    } else {
      if (shape->runs == 4) return false;
      shape->kind[shape->runs] = k;
      shape->len[shape->runs++] = 1;
    }
  }
  return shape->runs > 0;
}

// A letter-led or mixed state licence shape: [A-Z][0-9]{3,14}, [A-Z]{2}[0-9]{3,7},
// [A-Z]{2}[0-9]{6}[A-Z], [0-9]{2}[A-Z]{3}[0-9]{5,6}, [0-9]{7,9}[A-Z],
// [0-9]{8}[A-Z]{2}, [0-9]{3}[A-Z]{2}[0-9]{4}.
bool MixedLicense(const Shape& s) {
  auto is = [&](size_t i, char k, size_t lo, size_t hi) { return s.kind[i] == k && s.len[i] >= lo && s.len[i] <= hi; };
  switch (s.runs) {
    case 2:
      return (is(0, 'A', 1, 1) && is(1, '9', 3, 14)) || (is(0, 'A', 2, 2) && is(1, '9', 3, 7)) ||
             (is(0, '9', 7, 9) && is(1, 'A', 1, 1)) || (is(0, '9', 8, 8) && is(1, 'A', 2, 2));
    case 3:
      return (is(0, 'A', 2, 2) && is(1, '9', 6, 6) && is(2, 'A', 1, 1)) ||
             (is(0, '9', 2, 2) && is(1, 'A', 3, 3) && is(2, '9', 5, 6)) ||
             (is(0, '9', 3, 3) && is(1, 'A', 2, 2) && is(2, '9', 4, 4));
    default:
      return false;
  }
}

class UsDocumentDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kPassport, kLicense}; }

  std::vector<Pattern> Patterns() const override {
    // Case-sensitive: licences are printed in capitals, and lower case
    // would catch "h264", "mp3".
    return {
        {"[0-9]{6}", 0, kDigitAnchor},
        {"[A-Z*][0-9]{3}", 0, kLetterAnchor},
        {"[0-9]{3} [0-9]{3} [0-9]{3}", 0, kNewYork},
        {"[0-9]{4}-[0-9]{2}-[0-9]{4}", 0, kDashed},
        {"WDL[A-Z0-9]{9}", 0, kWdl},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    const std::string_view t = ctx.text;
    switch (c.tag) {
      case kDigitAnchor:
        Token(t, c.begin, out);
        return;
      case kLetterAnchor:
        if (t[c.begin] != '*') {
          Token(t, c.begin, out);
          StateDashed(t, c.begin, out);
        }
        Washington(t, c.begin, out);
        return;
      case kNewYork:
        // The tail of a spaced MD/MI/MN number ("A123 456 789 012"), which
        // that shape reports.
        if (c.begin >= 5 && IsSep(t[c.begin - 1]) && DigitsAt(t, c.begin - 4, 3) && IsUpper(t[c.begin - 5]))
          return;
        [[fallthrough]];
      case kDashed:
      case kWdl:
        if (NumberBounded(t, c.begin, c.end)) out->push_back({kLicense, kName, {}, c.begin, c.end, 0.3f});
        return;
      default:
        return;
    }
  }

  ContextWords Context(std::string_view type) const override {
    ContextWords w;
    if (type == kPassport) {
      w.raise = {"passport", "passports", "passport#", "passport no", "passport number", "travel document",
                 "pasaporte", "passeport", "reisepass", "passaporto"};
    } else {
      // Not "driver" alone: device drivers ("drivers/regulator: enable
      // MP8859"); "driver's license" has "license".
      w.raise = {"license", "licence", "licenses", "licences", "dl",  "dl#",     "dln",    "dls",  "lic",
                 "lic#",    "cdl",     "permit",   "dmv",      "licencia", "permis", "driving licence"};
    }
    // Few negative words: the window runs across sentences ("... account
    // 27176635. Driver license: K003-7671-9772").
    w.lower = {"isbn"};
    // A short window, and none after: the engine's window runs across
    // sentences, and in "My driver's license number is 426433798. Is 617
    // 670 809 a scam number?" or "... account 66921884318582. Driver
    // license: ..." only the first number is a licence.
    w.words_before = 4;
    w.words_after = 0;
    w.raise_by = 0.45f;
    w.raise_min = 0.5f;
    w.lower_by = 0.3f;
    return w;
  }

  std::string Normalize(std::string_view, std::string_view value) const override {
    std::string out;
    for (char c : value) {
      if (c == ' ' || c == '-') continue;
      out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
    return out;
  }

 private:
  // The capital-and-digit token around an anchor at t[p], classified once:
  // from the first anchor in it.
  static void Token(std::string_view t, size_t p, std::vector<Finding>* out) {
    size_t b = p, e = p;
    while (b > 0 && IsAsciiAlnum(t[b - 1])) --b;
    while (e < t.size() && IsAsciiAlnum(t[e])) ++e;
    if (!NumberBounded(t, b, e)) return;
    size_t first = b;
    while (first < p && !DigitsAt(t, first, 6) && !(IsUpper(t[first]) && DigitsAt(t, first + 1, 3))) ++first;
    if (first != p) return;
    Shape shape;
    if (!ShapeOf(t.substr(b, e - b), &shape)) return;
    const auto begin = static_cast<uint32_t>(b), end = static_cast<uint32_t>(e);
    const std::string_view s = t.substr(b, e - b);
    const bool one_digit = s.find_first_not_of(s[0]) == std::string_view::npos;
    if (shape.runs == 1 && shape.kind[0] == '9' && !one_digit) {
      const size_t n = shape.len[0];
      if (n == 9) {  // a passport book, or a licence in digit-only states
        out->push_back({kPassport, kName, {}, begin, end, 0.15f});
        out->push_back({kLicense, kName, {}, begin, end, 0.12f});
      } else if (n >= 6 && n <= 14) {
        out->push_back({kLicense, kName, {}, begin, end, 0.12f});
      }
    }
    // A next-generation passport or passport card: a letter and eight digits.
    if (shape.runs == 2 && shape.kind[0] == 'A' && shape.len[0] == 1 && shape.len[1] == 8)
      out->push_back({kPassport, kName, {}, begin, end, 0.25f});
    if (MixedLicense(shape)) out->push_back({kLicense, kName, {}, begin, end, 0.2f});
  }

  // FL A123-456-78-901-0, MD/MI/MN A123-456-789-012, IL A123-4567-8901
  // (spaces or dashes), from the capital at t[p].
  static void StateDashed(std::string_view t, size_t p, std::vector<Finding>* out) {
    if (p + 9 > t.size() || !IsSep(t[p + 4]) || !DigitsAt(t, p + 5, 3)) return;
    size_t end = 0;
    if (IsSep(t[p + 8])) {
      if (DigitsAt(t, p + 9, 2) && p + 11 < t.size() && IsSep(t[p + 11]) && DigitsAt(t, p + 12, 3) &&
          p + 15 < t.size() && IsSep(t[p + 15]) && DigitsAt(t, p + 16, 1)) {
        end = p + 17;  // FL
      } else if (DigitsAt(t, p + 9, 3) && p + 12 < t.size() && IsSep(t[p + 12]) && DigitsAt(t, p + 13, 3)) {
        end = p + 16;  // MD, MI, MN
      }
    } else if (IsAsciiDigit(t[p + 8]) && p + 9 < t.size() && IsSep(t[p + 9]) && DigitsAt(t, p + 10, 4)) {
      end = p + 14;  // IL
    }
    if (end != 0 && NumberBounded(t, p, end))
      out->push_back({kLicense, kName, {}, static_cast<uint32_t>(p), static_cast<uint32_t>(end), 0.3f});
  }

  // WA's name code: five to seven capitals or '*' (the last at t[p]), three
  // digits and two capitals or digits ("FRANCRF705BA").
  static void Washington(std::string_view t, size_t p, std::vector<Finding>* out) {
    const size_t end = p + 6;
    if (end > t.size() || !(IsUpper(t[p + 4]) || IsAsciiDigit(t[p + 4])) ||
        !(IsUpper(t[p + 5]) || IsAsciiDigit(t[p + 5])))
      return;
    size_t n = 1;
    while (n < 8 && n <= p && (IsUpper(t[p - n]) || t[p - n] == '*')) ++n;
    if (n < 5) return;
    const size_t begin = p + 1 - std::min<size_t>(n, 7);
    // A surname starts with a letter; "WDL" plus nine is that shape's
    // (the same or a longer span).
    if (t[begin] == '*' || Wdl(t, begin)) return;
    if (NumberBounded(t, begin, end))
      out->push_back({kLicense, kName, {}, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), 0.3f});
  }
};

}  // namespace

std::unique_ptr<Detector> MakeUsDocumentDetector() { return std::make_unique<UsDocumentDetector>(); }

}  // namespace winnow::pii
