// DATE_TIME: personal dates (dates of birth and the like).
//
// A date is personal data only when it says something about a person, so
// this detector finds dates in the common written forms (2001-04-17,
// 04/17/2001, 17.04.2001, April 17, 2001, 17 April 2001, Apr. 17th 2001,
// 17 de abril de 2001, 17. April 2001, ...) and scores them low: 0.2 for a
// full date, 0.15 with a two-digit year, 0.1 for a date without a year or a
// month and year ("May 1st", "May 2021") and for timestamps, 0.01 for
// numeric month/year ("05/21", which is as often a score or a fraction).
// Birth context ("born", "dob", "date of birth", "birthday", "né le",
// "geboren", "nacido", ...) adds 0.45, which takes every form but the
// numeric month/year over the default 0.5; news dates and meeting times
// stay below it.
#include <hs/hs.h>

#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "DATE_TIME";
constexpr std::string_view kName = "date_time";

enum Tag { kYearFirst = 0, kNumeric = 1, kMonthYearNumeric = 2, kMonthFirst = 3, kDayFirst = 4, kMonthYear = 5 };

// English, French, German and Spanish month names and abbreviations, with
// their month number; longer names first so a prefix does not win.
struct MonthName {
  std::string_view name;
  int month;
};
constexpr MonthName kMonths[] = {
    {"january", 1},    {"janvier", 1},   {"januar", 1},    {"jänner", 1},    {"enero", 1},      {"jan", 1},
    {"february", 2},   {"février", 2},   {"fevrier", 2},   {"februar", 2},   {"febrero", 2},    {"feb", 2},
    {"march", 3},      {"mars", 3},      {"märz", 3},      {"maerz", 3},     {"marzo", 3},      {"mar", 3},
    {"april", 4},      {"avril", 4},     {"abril", 4},     {"apr", 4},       {"may", 5},        {"mayo", 5},
    {"mai", 5},        {"june", 6},      {"juin", 6},      {"juni", 6},      {"junio", 6},      {"jun", 6},
    {"july", 7},       {"juillet", 7},   {"juli", 7},      {"julio", 7},     {"jul", 7},        {"august", 8},
    {"août", 8},       {"aout", 8},      {"agosto", 8},    {"aug", 8},       {"september", 9},  {"septembre", 9},
    {"septiembre", 9}, {"setiembre", 9}, {"sept", 9},      {"sep", 9},       {"october", 10},   {"octobre", 10},
    {"oktober", 10},   {"octubre", 10},  {"oct", 10},      {"november", 11}, {"novembre", 11},  {"noviembre", 11},
    {"nov", 11},       {"december", 12}, {"décembre", 12}, {"decembre", 12}, {"dezember", 12},  {"diciembre", 12},
    {"dec", 12},
};

std::string MonthAlternation() {
  std::string re = "(?:";
  for (const MonthName& m : kMonths) {
    if (re.size() > 3) re += '|';
    re += m.name;
  }
  return re + ")";
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The month named at the start of `s` (case-folded ASCII; UTF-8 bytes as
// written), or 0. Longest name wins.
int MonthAt(std::string_view s, size_t* len) {
  int best = 0;
  *len = 0;
  for (const MonthName& m : kMonths) {
    if (m.name.size() <= *len || m.name.size() > s.size()) continue;
    bool eq = true;
    for (size_t i = 0; i < m.name.size() && eq; ++i) eq = Lower(s[i]) == m.name[i];
    if (eq) best = m.month, *len = m.name.size();
  }
  return best;
}

// Reads the digit groups of `s` into `nums` (value, digit count) and the
// month named in it, if any.
struct Parts {
  std::vector<std::pair<int, int>> nums;
  std::vector<char> seps;  // the first separator after each number
  int month = 0;
};

Parts Read(std::string_view s) {
  Parts p;
  for (size_t i = 0; i < s.size();) {
    if (IsDigit(s[i])) {
      int v = 0, n = 0;
      while (i < s.size() && IsDigit(s[i])) v = v * 10 + (s[i++] - '0'), ++n;
      p.nums.push_back({v, n});
      p.seps.push_back(i < s.size() ? s[i] : 0);
    } else if (IsLetter(s[i]) || static_cast<unsigned char>(s[i]) >= 0x80) {
      size_t len = 0;
      int m = p.month == 0 ? MonthAt(s.substr(i), &len) : 0;
      if (m != 0) {
        p.month = m;
        i += len;
      } else {
        ++i;
      }
    } else {
      ++i;
    }
  }
  return p;
}

bool YearOk(std::pair<int, int> y) { return y.second == 2 || (y.second == 4 && y.first >= 1900 && y.first <= 2099); }
bool DayOk(int d) { return d >= 1 && d <= 31; }
bool MonthOk(int m) { return m >= 1 && m <= 12; }

// True when [begin, end) is not the inside of a longer token.
bool Bounded(std::string_view t, size_t begin, size_t end) {
  if (!AsciiWordBounded(t, begin, end)) return false;
  auto joiner = [](char c) { return c == '-' || c == '.' || c == '/' || c == ':'; };
  if (begin >= 2 && joiner(t[begin - 1]) && IsDigit(t[begin - 2])) return false;
  // Nor is it part of a path, slug or file name ("report_2021-05-21.pdf").
  auto path = [](char c) { return c == '-' || c == '.' || c == '/' || c == '_'; };
  if (begin >= 2 && path(t[begin - 1]) && IsAsciiAlnum(t[begin - 2])) return false;
  if (end + 1 < t.size() && joiner(t[end]) && IsDigit(t[end + 1])) return false;
  return true;
}

class DateTimeDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    const std::string m = MonthAlternation();
    const std::string day = "[0-3]?[0-9]";
    const std::string year = "[12][0-9]{3}";
    return {
        {year + "[\\-/.][01]?[0-9][\\-/.]" + day +
             "(?:[T ][0-2][0-9]:[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]{1,9})?)?(?:Z|[+\\-][0-2][0-9](?::?[0-5][0-9])?)?)?",
         0, kYearFirst},
        {day + "[\\-/.]" + day + "[\\-/.](?:[12][0-9])?[0-9]{2}", 0, kNumeric},
        {"[01]?[0-9]/(?:[12][0-9])?[0-9]{2}", 0, kMonthYearNumeric},
        {m + "\\.?[ \\-]?" + day + "(?:st|nd|rd|th)?(?:,? ?" + year + ")?", HS_FLAG_CASELESS, kMonthFirst},
        {day + "(?:st|nd|rd|th|er|\\.)?(?: of| de)?[ \\-]" + m + "\\.?(?:,?[ \\-](?:de |del )?(?:" + year +
             "|[0-9]{2}))?",
         HS_FLAG_CASELESS, kDayFirst},
        // Classes, not alternations, after the month: Hyperscan runs
        // "(?:,? |-|/)" several times slower.
        {m + "\\.?[ ,/\\-]{1,2}" + year, HS_FLAG_CASELESS, kMonthYear},
    };
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    std::string_view t = ctx.text;
    if (!Bounded(t, c.begin, c.end)) return;
    std::string_view s = t.substr(c.begin, c.end - c.begin);
    Parts p = Read(s);
    const auto& n = p.nums;
    float score = 0;
    switch (c.tag) {
      case kYearFirst:
        if (n.size() < 3 || p.seps[0] != p.seps[1]) return;
        if (!YearOk(n[0]) || !MonthOk(n[1].first) || !DayOk(n[2].first)) return;
        score = n.size() > 3 ? 0.1f : 0.2f;  // with a time it is a timestamp
        break;
      case kNumeric: {
        if (n.size() != 3 || p.seps[0] != p.seps[1] || !YearOk(n[2])) return;
        int a = n[0].first, b = n[1].first;
        if (!((MonthOk(a) && DayOk(b)) || (DayOk(a) && MonthOk(b)))) return;
        score = n[2].second == 4 ? 0.2f : 0.15f;
        break;
      }
      case kMonthYearNumeric:
        if (n.size() != 2 || !MonthOk(n[0].first) || !YearOk(n[1])) return;
        score = 0.01f;
        break;
      case kMonthFirst:
      case kDayFirst:
        if (p.month == 0 || n.empty() || !DayOk(n[0].first)) return;
        if (n.size() == 1) {
          score = 0.1f;
        } else {
          if (!YearOk(n[1])) return;
          score = n[1].second == 4 ? 0.2f : 0.15f;
        }
        break;
      case kMonthYear:
        if (p.month == 0 || n.size() != 1 || !YearOk(n[0])) return;
        score = 0.1f;
        break;
      default:
        return;
    }
    out->push_back({kType, kName, {}, c.begin, c.end, score});
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"born",        "birth",      "birthday",   "birthdate", "dob",         "d.o.b",
               "date of birth", "bday",     "b-day",      "aged",        "né",       "née",
               "naissance",   "date de naissance", "anniversaire", "geboren", "geb",   "geburtsdatum",
               "geburtstag",  "nacido",     "nacida",     "nacimiento", "fecha de nacimiento", "cumpleaños"};
    w.words_before = 6;
    w.words_after = 3;
    w.raise_by = 0.45f;
    w.raise_min = 0.3f;
    return w;
  }
};

}  // namespace

std::unique_ptr<Detector> MakeDateTimeDetector() { return std::make_unique<DateTimeDetector>(); }

}  // namespace winnow::pii
