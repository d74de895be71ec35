#include "gen/text_util.h"

#include <charconv>

namespace winnow::gen {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void AppendUint(uint64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, r.ptr - buf);
}

void AppendPadded(uint64_t v, int width, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  int len = static_cast<int>(r.ptr - buf);
  for (int i = len; i < width; ++i) out->push_back('0');
  out->append(buf, len);
}

void AppendRandom(std::string_view alphabet, int n, Rng* rng, std::string* out) {
  for (int i = 0; i < n; ++i) out->push_back(alphabet[rng->Below(static_cast<uint32_t>(alphabet.size()))]);
}

void AppendHex(int n, Rng* rng, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t bits = 0;
  int left = 0;
  for (int i = 0; i < n; ++i) {
    if (left == 0) { bits = rng->Next(); left = 16; }
    out->push_back(kHex[bits & 15]);
    bits >>= 4;
    --left;
  }
}

void AppendUuid(Rng* rng, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t hi = rng->Next(), lo = rng->Next();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;                      // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
  char buf[36];
  int p = 0;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) buf[p++] = '-';
    uint64_t word = i < 8 ? hi : lo;
    int shift = 56 - 8 * (i % 8);
    unsigned byte = static_cast<unsigned>((word >> shift) & 0xFF);
    buf[p++] = kHex[byte >> 4];
    buf[p++] = kHex[byte & 15];
  }
  out->append(buf, 36);
}

int64_t DaysFromCivil(CivilDate d) {
  int64_t y = d.year - (d.month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

void AppendRfc3339Seconds(int64_t t, std::string* out) {
  int64_t days = t / 86400, secs = t % 86400;
  CivilDate d = CivilFromDays(days);
  AppendPadded(d.year, 4, out);
  out->push_back('-');
  AppendPadded(d.month, 2, out);
  out->push_back('-');
  AppendPadded(d.day, 2, out);
  out->push_back('T');
  AppendPadded(secs / 3600, 2, out);
  out->push_back(':');
  AppendPadded(secs / 60 % 60, 2, out);
  out->push_back(':');
  AppendPadded(secs % 60, 2, out);
  out->push_back('Z');
}

const char* MonthName(int month) {
  static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
  return kMonths[(month - 1) % 12];
}

const char* WeekdayName(int64_t days) {
  static const char* const kDays[] = {"Thursday", "Friday",  "Saturday", "Sunday",
                                      "Monday",   "Tuesday", "Wednesday"};
  return kDays[((days % 7) + 7) % 7];
}

std::string Slugify(std::string_view title, int max_words) {
  std::string slug;
  int words = 0;
  bool in_word = false;
  for (char ch : title) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (!in_word) {
        if (words == max_words) break;
        if (!slug.empty()) slug.push_back('-');
        ++words;
        in_word = true;
      }
      slug.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if (c == '\'' || c >= 0x80) {
      // apostrophes and non-ASCII letters stay inside the word, dropped
    } else {
      in_word = false;
    }
  }
  return slug;
}

void CapitalizeAt(size_t from, std::string* s) {
  for (size_t i = from; i < s->size(); ++i) {
    char& c = (*s)[i];
    if (c >= 'a' && c <= 'z') { c = static_cast<char>(c - 32); return; }
    if (c >= 'A' && c <= 'Z') return;
    if (static_cast<unsigned char>(c) >= 0x80) return;
  }
}

}  // namespace winnow::gen
