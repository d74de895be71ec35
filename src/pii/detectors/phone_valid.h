// PhoneNumberUtil::IsValidNumber, answered without its ICU regular
// expressions (phone.cc's hot path).
//
// libphonenumber checks a number against its region's patterns one ICU
// regular expression at a time, behind a locked cache: about 2 µs a call,
// more for a calling code shared by several regions ("+1": 25).
// PhoneValidity reads the same metadata (the PhoneMetadataCollection
// compiled into libphonenumber) and follows the same steps (the region of
// the number, then its possible lengths and patterns in
// GetNumberTypeHelper's order), but matches with a small backtracking
// matcher (phone_pattern.h): the metadata's patterns are only digits, classes,
// groups, alternatives and bounded repeats, so each compiles in
// microseconds to a program whose every instruction knows the digits and
// the number of digits that can still follow, and a match of a national
// number (at most 17 digits) takes tens of nanoseconds. The answer is the
// library's, exactly (phone_valid_test.cc compares the two over every
// region's example numbers and random numbers); a calling code whose
// patterns use other syntax, and a search past its step budget, are
// answered by PhoneNumberUtil itself.
//
// Thread safety: Get() builds the instance once (about 4 ms, on first use);
// IsValid() is const and safe from many threads.
#pragma once

#include <phonenumbers/phonenumber.pb.h>

#include <memory>

namespace winnow::pii {

class PhoneValidity {
 public:
  // The instance over libphonenumber's metadata.
  static const PhoneValidity& Get();

  PhoneValidity(const PhoneValidity&) = delete;
  PhoneValidity& operator=(const PhoneValidity&) = delete;
  ~PhoneValidity();

  // What PhoneNumberUtil::GetInstance()->IsValidNumber(number) returns.
  bool IsValid(const i18n::phonenumbers::PhoneNumber& number) const;

 private:
  struct Tables;
  PhoneValidity();
  std::unique_ptr<Tables> tables_;
};

}  // namespace winnow::pii
