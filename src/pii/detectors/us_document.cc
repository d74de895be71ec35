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
#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kPassport = "US_PASSPORT";
constexpr std::string_view kLicense = "US_DRIVER_LICENSE";
constexpr std::string_view kName = "us_document";

enum Tag {
  kNineDigits = 0,   // passport book, or a licence in digit-only states
  kLetterEight = 1,  // next-generation passport / passport card
  kLicenseDigits = 2,
  kLicenseAlnum = 3,
  kLicenseDistinct = 4,
};



class UsDocumentDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kPassport, kLicense}; }

  std::vector<Pattern> Patterns() const override {
    return {
        {"[0-9]{9}", 0, kNineDigits},
        {"[A-Z][0-9]{8}", 0, kLetterEight},
        {"[0-9]{6,8}|[0-9]{10,14}", 0, kLicenseDigits},
        // Letter-led and mixed state shapes (case-sensitive: licences are
        // printed in capitals, and lower case would catch "h264", "mp3").
        {"[A-Z][0-9]{3,14}|[A-Z]{2}[0-9]{3,7}|[A-Z]{2}[0-9]{6}[A-Z]|[0-9]{2}[A-Z]{3}[0-9]{5,6}|"
         "[0-9]{7,9}[A-Z]|[0-9]{8}[A-Z]{2}|[0-9]{3}[A-Z]{2}[0-9]{4}",
         0, kLicenseAlnum},
        {"[A-Z][0-9]{3}[ \\-][0-9]{3}[ \\-][0-9]{2}[ \\-][0-9]{3}[ \\-][0-9]|"  // FL
         "[A-Z][0-9]{3}[ \\-][0-9]{3}[ \\-][0-9]{3}[ \\-][0-9]{3}|"            // MD, MI, MN
         "[A-Z][0-9]{3}[ \\-][0-9]{4}[ \\-][0-9]{4}|"                          // IL
         "[0-9]{3} [0-9]{3} [0-9]{3}|[0-9]{4}-[0-9]{2}-[0-9]{4}|"               // NY, ...
         "[A-Z*]{5,7}[0-9]{3}[A-Z0-9]{2}|WDL[A-Z0-9]{9}",                      // WA
         0, kLicenseDistinct},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    std::string_view t = ctx.text;
    if (!NumberBounded(t, c.begin, c.end)) return;
    std::string_view s = t.substr(c.begin, c.end - c.begin);
    switch (c.tag) {
      case kNineDigits:
        if (s.find_first_not_of(s[0]) == std::string_view::npos) return;
        out->push_back({kPassport, kName, {}, c.begin, c.end, 0.15f});
        out->push_back({kLicense, kName, {}, c.begin, c.end, 0.12f});
        return;
      case kLetterEight:
        out->push_back({kPassport, kName, {}, c.begin, c.end, 0.25f});
        return;
      case kLicenseDigits:
        if (s.find_first_not_of(s[0]) == std::string_view::npos) return;
        out->push_back({kLicense, kName, {}, c.begin, c.end, 0.12f});
        return;
      case kLicenseAlnum:
        out->push_back({kLicense, kName, {}, c.begin, c.end, 0.2f});
        return;
      case kLicenseDistinct:
        if (s[0] == '*') return;  // a WA code starts with a surname letter
        out->push_back({kLicense, kName, {}, c.begin, c.end, 0.3f});
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
};

}  // namespace

std::unique_ptr<Detector> MakeUsDocumentDetector() { return std::make_unique<UsDocumentDetector>(); }

}  // namespace winnow::pii
