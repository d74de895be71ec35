// The written shape of a phone-number candidate (phone.cc): its digit
// groups and separators, the shapes that are some other kind of number
// (dates, versions, IPs, cards, ...), the ways of reading it (whole, or
// without a short neighbouring group), and whether a reading's groups fall
// where libphonenumber's format puts them. No parsing here, and no heap:
// every type is a fixed-size value, so the detector's hot path allocates
// nothing.
//
// Thread safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace winnow::pii::phone {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// A candidate cut into digit groups and the separators in front of each.
// Only the first kMaxGroups groups are kept (`overflow` says more were
// seen); `digits` counts all of them. A candidate has at most 20 digits.
struct Shape {
  static constexpr size_t kMaxGroups = 24;
  std::array<std::string_view, kMaxGroups> groups;
  std::array<std::string_view, kMaxGroups> seps;  // seps[i] precedes groups[i]; seps[0] is ""
  size_t n = 0;                                   // groups kept
  size_t digits = 0;
  bool overflow = false;
};

Shape Split(std::string_view s);

// Shapes that are not phone numbers whatever a parser says. A '+' says
// phone, so only national-looking runs are checked.
bool LooksLikeOtherNumber(const Shape& sh, bool plus);

// One way of reading a candidate: its digit groups [lead, lead + count).
struct Reading {
  static constexpr size_t kMaxDigits = 17;
  size_t lead = 0;
  size_t count = 0;
  std::array<char, kMaxDigits> digit_buf{};
  uint8_t size = 0;                     // digits in digit_buf
  std::array<uint8_t, kMaxDigits> bound_buf{};  // digit counts at which the written groups end
  uint8_t nbounds = 0;
  bool intl = false;  // '+' or an international call prefix
  bool cut = false;   // groups of the run left out

  std::string_view digits() const { return {digit_buf.data(), size}; }
  bool HasBounds() const { return nbounds > 0; }
};

// The readings of a run, most preferred first (at most four).
struct ReadingList {
  std::array<Reading, 4> items;
  size_t size = 0;
};

// The ways of reading a run: whole; without one or two short trailing
// groups ("415-555-0132. 2"); without a short leading group
// ("5 415 555 0132"). An international call prefix (00, 011) makes a
// reading international. Readings of 7 to 17 digits only.
void Readings(const Shape& sh, bool plus, ReadingList* out);

// True when every boundary of `r` is one of `formatted`'s (libphonenumber's
// NATIONAL or INTERNATIONAL format of the number), after aligning a trunk
// prefix written in one and not the other.
bool Grouped(const Reading& r, std::string_view formatted);

// The end of an extension written after a number ("x4587", " ext. 12"), or
// `pos` when there is none.
size_t ExtensionEnd(std::string_view t, size_t pos);

}  // namespace winnow::pii::phone
