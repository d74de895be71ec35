// Parts of the STREET_ADDRESS detector (street_address.cc): the table of
// USPS street suffixes, and the reader of what follows a street (a unit,
// then a city, state and ZIP code or a European postal code and city).
//
// Thread safety: both are immutable after construction.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::pii::street_address {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsLetter(char c) { return IsUpper(c) || IsLower(c); }
inline bool IsAlnum(char c) { return IsDigit(c) || IsLetter(c); }
inline bool IsHigh(char c) { return static_cast<unsigned char>(c) >= 0x80; }
inline char Lower(char c) { return IsUpper(c) ? static_cast<char>(c + 32) : c; }


// The street suffixes (USPS Publication 28, Appendix C1), lower case and
// sorted, for binary search.
class SuffixTable {
 public:
  SuffixTable();
  // 0: not a suffix; 1: a full word ("Street"); 2: an abbreviation ("St",
  // after which a period does not end a sentence). `word` is any case.
  int Find(std::string_view word) const;

 private:
  static constexpr size_t kMaxLength = 12;
  void Add(std::string_view s, bool abbreviation);
  std::vector<std::pair<std::string, bool>> entries_;
};

// Reads the address past the street: a unit, then a locality. Each
// method returns the new end and sets *found when it read something.
class Tail {
 public:
  explicit Tail(std::string_view t) : t_(t) {}

  // ", Apt 4B" / " Suite 300" / " #12" (also after a line break).
  size_t Unit(size_t end, bool* found) const;

  // ", City, ST 12345" / ", City ST" / " 12345" / ", 12345 City".
  // `after_period`: the street ends with "St." and the like; without a
  // comma only "City, ST" follows (not "St. Text 0171 ...").
  size_t Locality(size_t end, bool after_period, bool* found) const;

 private:
  bool Starts(size_t i, std::string_view s) const { return t_.substr(i).starts_with(s); }
  bool HasDigit(size_t b, size_t e) const;
  size_t Sep(size_t i) const;
  size_t Zip(size_t i) const;
  size_t City(size_t i) const;
  bool IsState(size_t i) const;
  std::string_view t_;
};

}  // namespace winnow::pii::street_address
