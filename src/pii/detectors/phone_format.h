// PhoneNumberUtil::Format (NATIONAL and INTERNATIONAL) and
// PhoneNumberUtil::Parse of "+digits" in region "ZZ", answered without
// ICU (phone.cc's hot path, after PhoneValidity).
//
// Both cost microseconds in libphonenumber: every pattern is an ICU
// regular expression fetched from a locked cache, every input a
// UnicodeString. PhoneFormat reads the same metadata and takes the same
// steps, matching with DigitPattern (phone_pattern.h), whose first match and
// groups are ICU's for the metadata's patterns:
//  - Format: the calling code's main region, its number formats (the
//    international ones for INTERNATIONAL when it has them), the first
//    whose last leading-digits pattern matches a prefix and whose pattern
//    matches the whole national significant number, then that pattern's
//    replace-all with the format ("$1 $2"), the national prefix formatting
//    rule ("0$1", "($1)") standing in for the first group in NATIONAL;
//    "+<code> " in front for INTERNATIONAL.
//  - Parse: the calling code (one to three digits, a code some region
//    has), then the main region's national prefix for parsing stripped (or
//    transformed) when the rest stays a match of the general pattern and
//    of a possible length, the length limits, and the Italian leading
//    zeros.
// The answers are the library's, exactly (phone_format_test.cc compares
// them over every region's example numbers and random numbers). A calling
// code whose metadata has other syntax, a number with an extension or raw
// input, and a search past its step budget are answered by PhoneNumberUtil.
//
// Thread safety: Get() builds the instance once (a few milliseconds, on
// first use); Format() and ParseInternational() are const and safe from
// many threads.
#pragma once

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <memory>
#include <string>
#include <string_view>

namespace winnow::pii {

class PhoneFormat {
 public:
  // The instance over libphonenumber's metadata.
  static const PhoneFormat& Get();

  PhoneFormat(const PhoneFormat&) = delete;
  PhoneFormat& operator=(const PhoneFormat&) = delete;
  ~PhoneFormat();

  // What PhoneNumberUtil::GetInstance()->Format(number, format, out) leaves
  // in *out. `format` is NATIONAL or INTERNATIONAL (others are passed to
  // PhoneNumberUtil).
  void Format(const i18n::phonenumbers::PhoneNumber& number,
              i18n::phonenumbers::PhoneNumberUtil::PhoneNumberFormat format, std::string* out) const;

  // What PhoneNumberUtil::GetInstance()->Parse("+" + digits, "ZZ", number)
  // returns, and leaves in *number (untouched on an error). `digits` holds
  // ASCII digits only (anything else is passed to PhoneNumberUtil).
  i18n::phonenumbers::PhoneNumberUtil::ErrorType ParseInternational(std::string_view digits,
                                                                    i18n::phonenumbers::PhoneNumber* number) const;

 private:
  struct Tables;
  PhoneFormat();
  std::unique_ptr<Tables> tables_;
};

}  // namespace winnow::pii
