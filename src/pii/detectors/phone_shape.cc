#include "pii/detectors/phone_shape.h"

#include "pii/detector.h"

namespace winnow::pii::phone {

Shape Split(std::string_view s) {
  Shape sh;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && !IsDigit(s[j])) ++j;
    size_t k = j;
    while (k < s.size() && IsDigit(s[k])) ++k;
    if (k == j) break;
    if (sh.n < Shape::kMaxGroups) {
      sh.seps[sh.n] = s.substr(i, j - i);
      sh.groups[sh.n] = s.substr(j, k - j);
      ++sh.n;
    } else {
      sh.overflow = true;
    }
    sh.digits += k - j;
    i = k;
  }
  return sh;
}

namespace {

bool IsYear(std::string_view g) { return g.size() == 4 && (g.starts_with("19") || g.starts_with("20")); }

// A yyyymmdd date ("20020928").
bool LooksLikeDate8(std::string_view d) {
  if (d.size() != 8 || !IsYear(d.substr(0, 4))) return false;
  int m = (d[4] - '0') * 10 + (d[5] - '0'), day = (d[6] - '0') * 10 + (d[7] - '0');
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

// A CAS registry number of chemistry, d{2,7}-dd-d with its check digit: the
// digits before it, weighted 1, 2, 3, ... from the right, sum to it mod 10
// ("7732-18-5" is water, "2060571-02-8").
bool LooksLikeCas(const Shape& sh) {
  const auto& g = sh.groups;
  if (sh.n != 3 || sh.seps[1] != "-" || sh.seps[2] != "-" || g[0].size() < 2 || g[0].size() > 7 ||
      g[1].size() != 2 || g[2].size() != 1)
    return false;
  int sum = 0, weight = 1;
  for (size_t k = 2; k-- > 0;) {
    for (size_t i = g[k].size(); i-- > 0;) sum += weight++ * (g[k][i] - '0');
  }
  return sum % 10 == g[2][0] - '0';
}

// A range of two numbers of the same length, the second above the first
// and sharing its leading half ("pp. 17403-17419", "ids 100230-100299"):
// pages or ids, not one number.
bool LooksLikeRange(const Shape& sh) {
  const auto& g = sh.groups;
  if (sh.n != 2 || g[0].size() != g[1].size() || g[0].size() < 3 || g[0][0] == '0' ||
      sh.seps[1].find('-') == std::string_view::npos || sh.seps[1].size() > 3 || g[1] <= g[0])
    return false;
  size_t same = 0;
  while (same < g[0].size() && g[0][same] == g[1][same]) ++same;
  return same * 2 >= g[0].size();
}

}  // namespace

bool LooksLikeOtherNumber(const Shape& sh, bool plus) {
  const auto& g = sh.groups;
  const size_t n = sh.n;
  if (plus) return false;
  bool all_dot = n > 1, all_space = n > 1, any_paren = false, any_dot = false, other_sep = false;
  bool pairs = n >= 4;
  int singles = 0;
  for (size_t i = 0; i < n; ++i) {
    singles += g[i].size() == 1;
    pairs &= g[i].size() == 2;
    if (i == 0) continue;
    const std::string_view sep = sh.seps[i];
    all_dot &= sep == ".";
    all_space &= sep == " ";
    any_paren |= sep.find_first_of("()") != std::string_view::npos;
    (sep.find('.') != std::string_view::npos ? any_dot : other_sep) = true;
    if (sep == " -") return true;  // a minus sign: "{-5 -232 545 699}"
  }
  if (singles >= 2) return true;  // "1 2 3 4 5 6 7"
  // A row of small numbers ("5 19 17 16 14 12", "17 23 64 6 80 53"); phone
  // numbers written in pairs start with a trunk 0 ("06 12 34 56 78").
  if (n >= 5 && all_space && g[0][0] != '0') {
    bool small = true;
    for (size_t i = 0; i < n; ++i) small &= g[i].size() <= 2;
    if (small) return true;
  }
  // Round amounts or coordinates, every group ending in 00 ("39000 11000",
  // "1500 2500 3000"): no phone number is written so.
  if (n >= 2 && g[0][0] != '0') {
    bool round = true;
    for (size_t i = 0; i < n; ++i) round &= g[i].size() >= 3 && g[i].ends_with("00");
    if (round) return true;
  }
  if (LooksLikeRange(sh) || LooksLikeCas(sh)) return true;
  // Hex dumps and lists ("61 61 61 61 61"); French numbers are five pairs
  // from a trunk 0.
  if (pairs && !(n == 5 && g[0][0] == '0')) return true;
  // Dates: 2021-05-21, 2021/5/21 10, 17.04.2001, 04/17/2001, 20020928.
  if (n >= 3 && !any_paren && sh.seps[1].size() == 1 && sh.seps[2] == sh.seps[1] &&
      std::string_view("-/.").find(sh.seps[1][0]) != std::string_view::npos) {
    if (IsYear(g[0]) && g[1].size() <= 2 && g[2].size() <= 2) return true;
    if (n == 3 && g[0].size() <= 2 && g[1].size() <= 2 && IsYear(g[2])) return true;
  }
  if (n == 1 && LooksLikeDate8(g[0])) return true;
  if (n >= 3 && sh.seps[1] == "/" && sh.seps[2] == "/") return true;  // "01/01/0001"
  // Decimals, versions, list items: dotted phone groups have two digits or
  // more and no other separator ("6356566.435", "153.312 120.9", "3. 42949").
  if (any_dot && (other_sep || n == 2 || singles > 0)) return true;
  // Dotted quads (IP addresses); ZIP+4 ("MA 02110-1301").
  if (all_dot && n == 4 && g[0].size() <= 3 && g[1].size() <= 3 && g[2].size() <= 3 && g[3].size() <= 3) return true;
  if (n == 2 && g[0].size() == 5 && g[1].size() == 4 && sh.seps[1] == "-") return true;
  // Thousands groups (1 234 567, 12.345.678, 399 700 498): a national number
  // would start with a trunk 0, or be Spanish (3-3-3 from 6–9).
  if ((all_dot || all_space) && g[0][0] != '0' && (g[0].size() <= 2 || (g[0].size() == 3 && g[0][0] < '6'))) {
    bool thousands = true;
    for (size_t i = 1; i < n; ++i) thousands &= g[i].size() == 3;
    if (thousands) return true;
  }
  // The US SSN/ITIN layout ddd-dd-dddd.
  if (n == 3 && !any_paren && g[0].size() == 3 && g[1].size() == 2 && g[2].size() == 4 &&
      sh.seps[1] == sh.seps[2] && sh.seps[1].size() == 1) {
    return true;
  }
  // ISBN-13; card numbers (a bare run or 4-digit groups, Luhn-valid; 00 is a
  // call prefix, never a card).
  if (sh.overflow || sh.digits < 13 || sh.digits > 19) return false;
  char buf[19] = {};
  size_t len = 0;
  for (size_t i = 0; i < n; ++i) {
    for (char c : g[i]) buf[len++] = c;
  }
  const std::string_view digits(buf, len);
  if (len == 13 && (digits.starts_with("978") || digits.starts_with("979"))) return true;
  return digits[0] != '0' && (n == 1 || g[0].size() == 4) && LuhnValid(digits);
}

void Readings(const Shape& sh, bool plus, ReadingList* out) {
  struct Cut {
    size_t lead, drop;
  };
  constexpr Cut kCuts[] = {{0, 0}, {0, 1}, {0, 2}, {1, 0}};
  out->size = 0;
  if (sh.overflow) return;  // every reading would have over 17 digits
  const size_t n = sh.n;
  for (const Cut& cut : kCuts) {
    if (cut.lead + cut.drop >= n) continue;
    if (cut.lead > 0 && (plus || sh.seps[1] != " " || sh.groups[0].size() > 4)) continue;
    size_t dropped = 0;
    for (size_t i = n - cut.drop; i < n; ++i) dropped += sh.groups[i].size();
    if (dropped > 4) continue;
    Reading& r = out->items[out->size];
    r = Reading();
    r.lead = cut.lead;
    r.count = n - cut.lead - cut.drop;
    r.cut = cut.lead + cut.drop > 0;
    Shape part;
    size_t len = 0;
    bool too_long = false;
    for (size_t i = r.lead; i < r.lead + r.count && !too_long; ++i) {
      // "+46 (0)8 ...": the trunk prefix shown in an international number.
      if (plus && i == 1 && sh.groups[1] == "0" && sh.seps[1].ends_with('(') && i + 1 < n &&
          sh.seps[2].starts_with(')')) {
        continue;
      }
      if (len + sh.groups[i].size() > Reading::kMaxDigits) {
        too_long = true;
        break;
      }
      if (i > r.lead) r.bound_buf[r.nbounds++] = static_cast<uint8_t>(len);
      for (char c : sh.groups[i]) r.digit_buf[len++] = c;
      part.groups[part.n] = sh.groups[i];
      part.seps[part.n] = i == r.lead ? std::string_view() : sh.seps[i];
      part.digits += sh.groups[i].size();
      ++part.n;
    }
    if (too_long || len < 7) continue;
    r.size = static_cast<uint8_t>(len);
    // A cut is for shedding a neighbour, not for finding a short number
    // inside a long one (it must also come out grouped, see Choose()).
    if (cut.lead + cut.drop > 0 && (len < 9 || LooksLikeOtherNumber(part, plus && cut.lead == 0))) continue;
    r.intl = plus && cut.lead == 0;
    const std::string_view d = r.digits();
    size_t idd = 0;
    if (!r.intl && d.starts_with("00")) idd = 2;
    if (!r.intl && d.starts_with("011") && d.size() >= 13) idd = 3;
    if (idd > 0) {
      for (size_t i = idd; i < len; ++i) r.digit_buf[i - idd] = r.digit_buf[i];
      r.size = static_cast<uint8_t>(len - idd);
      r.intl = true;
      uint8_t kept = 0;
      for (uint8_t i = 0; i < r.nbounds; ++i) {
        if (r.bound_buf[i] > idd) r.bound_buf[kept++] = static_cast<uint8_t>(r.bound_buf[i] - idd);
      }
      r.nbounds = kept;
    }
    ++out->size;
  }
}

bool Grouped(const Reading& r, std::string_view formatted) {
  // The digits of `formatted` and the digit counts at which its groups end.
  constexpr size_t kMax = 32;
  char fd_buf[kMax];
  uint8_t fb[kMax];
  size_t fdn = 0, fbn = 0;
  for (size_t i = 0; i < formatted.size(); ++i) {
    if (!IsDigit(formatted[i])) continue;
    if (fdn == kMax) return false;  // no format of a number of 17 digits or fewer is this long
    if (fdn > 0 && i > 0 && !IsDigit(formatted[i - 1])) fb[fbn++] = static_cast<uint8_t>(fdn);
    fd_buf[fdn++] = formatted[i];
  }
  const std::string_view fd(fd_buf, fdn), rd = r.digits();
  int shift = 0;  // position in `formatted` = position in r.digits - shift
  if (fd.size() < rd.size() && rd.ends_with(fd)) {
    shift = static_cast<int>(rd.size() - fd.size());
  } else if (fd.size() > rd.size() && fd.ends_with(rd)) {
    shift = -static_cast<int>(fd.size() - rd.size());
  } else if (fd != rd) {
    return false;
  }
  for (size_t i = 0; i < r.nbounds; ++i) {
    const int at = r.bound_buf[i] - shift;
    if (at <= 0) continue;  // the end of a trunk prefix written as its own group
    bool found = false;
    for (size_t j = 0; j < fbn && !found; ++j) found = fb[j] == at;
    if (!found) return false;
  }
  return true;
}

size_t ExtensionEnd(std::string_view t, size_t pos) {
  size_t i = pos;
  if (i < t.size() && t[i] == ' ') ++i;
  if (i < t.size() && (t[i] == 'x' || t[i] == 'X')) {
    ++i;
  } else if (i + 3 <= t.size() && (t.substr(i, 3) == "ext" || t.substr(i, 3) == "Ext")) {
    i += 3;
    if (i < t.size() && t[i] == '.') ++i;
  } else {
    return pos;
  }
  if (i < t.size() && t[i] == ' ') ++i;
  size_t d = i;
  while (i < t.size() && IsDigit(t[i]) && i - d < 6) ++i;
  if (i == d || (i < t.size() && IsAlnum(t[i]))) return pos;
  return i;
}

}  // namespace winnow::pii::phone
