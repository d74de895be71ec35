// Small text helpers shared by the generator: code-point counting, number and
// id formatting, civil dates, and the "{slot}" template expander used by every
// sentence table. All functions are pure (or draw only from the Rng passed in)
// and thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gen/rng.h"

namespace winnow::gen {

// Number of Unicode code points in valid UTF-8 `s` (bytes that do not start
// with 0b10).
size_t CodePoints(std::string_view s);

void AppendUint(uint64_t v, std::string* out);
// `v` in decimal, left-padded with zeros to `width` digits.
void AppendPadded(uint64_t v, int width, std::string* out);
// `n` random characters from `alphabet`.
void AppendRandom(std::string_view alphabet, int n, Rng* rng, std::string* out);
void AppendHex(int n, Rng* rng, std::string* out);  // lowercase
// An RFC 4122 version-4 UUID ("8-4-4-4-12", lowercase).
void AppendUuid(Rng* rng, std::string* out);

inline constexpr std::string_view kDigits = "0123456789";
inline constexpr std::string_view kUpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
inline constexpr std::string_view kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::string_view kLowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";

// Proleptic Gregorian calendar (H. Hinnant's algorithms).
struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};
int64_t DaysFromCivil(CivilDate d);
CivilDate CivilFromDays(int64_t days);
// "2024-01-02T03:04:05Z".
void AppendRfc3339Seconds(int64_t epoch_seconds, std::string* out);
const char* MonthName(int month);  // "January"
const char* WeekdayName(int64_t days_since_epoch);  // "Thursday" for day 0

// Lowercase ASCII words of `title` joined by '-' (other characters dropped),
// at most `max_words` words.
std::string Slugify(std::string_view title, int max_words);

// Appends `tmpl` with each "{name}" replaced by what slot(name, out) appends.
// Templates never contain literal braces; code snippets are not templates.
template <typename F>
void Expand(std::string_view tmpl, std::string* out, F&& slot) {
  size_t i = 0;
  while (true) {
    size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) {
      out->append(tmpl.substr(i));
      return;
    }
    out->append(tmpl.substr(i, open - i));
    size_t close = tmpl.find('}', open);
    slot(tmpl.substr(open + 1, close - open - 1), out);
    i = close + 1;
  }
}

// Upper-cases the first ASCII letter at or after byte `from` of *s.
void CapitalizeAt(size_t from, std::string* s);

}  // namespace winnow::gen
