// What the tests comparing winnow's phone number code with libphonenumber
// (phone_valid_test.cc, phone_format_test.cc) share: the library, its
// compiled-in metadata, numbers built as Parse builds them, each region's
// example numbers, and the size of the random sets.
#pragma once

#include <gtest/gtest.h>
#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

// Defined in libphonenumber (its metadata.h is not installed).
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace winnow::pii::phone_test {

inline const i18n::phonenumbers::PhoneNumberUtil& Util() {
  return *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
}

// The metadata PhoneNumberUtil loads itself, parsed once.
inline const i18n::phonenumbers::PhoneMetadataCollection& Metadata() {
  static const i18n::phonenumbers::PhoneMetadataCollection* collection = [] {
    auto* c = new i18n::phonenumbers::PhoneMetadataCollection();
    EXPECT_TRUE(c->ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size()));
    return c;
  }();
  return *collection;
}

// Random numbers per region and length: `fallback`, or the environment
// variable `name` when it is a positive number (for longer local runs).
inline size_t RandomPerLength(const char* name, size_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && std::atoi(v) > 0 ? static_cast<size_t>(std::atoi(v)) : fallback;
}

// A number as Parse builds it from national digits
// (PhoneNumberUtil::SetItalianLeadingZerosForPhoneNumber).
inline i18n::phonenumbers::PhoneNumber Make(int cc, std::string_view digits) {
  i18n::phonenumbers::PhoneNumber n;
  n.set_country_code(cc);
  n.set_national_number(std::stoull(std::string(digits)));
  if (digits.size() > 1 && digits[0] == '0') {
    n.set_italian_leading_zero(true);
    size_t zeros = 1;
    while (zeros < digits.size() - 1 && digits[zeros] == '0') ++zeros;
    if (zeros != 1) n.set_number_of_leading_zeros(static_cast<int>(zeros));
  }
  return n;
}

// Every example number of a region's metadata (digits, national form).
inline std::vector<std::string> Examples(const i18n::phonenumbers::PhoneMetadata& m) {
  const i18n::phonenumbers::PhoneNumberDesc* descs[] = {
      &m.general_desc(), &m.fixed_line(), &m.mobile(),          &m.toll_free(),
      &m.premium_rate(), &m.shared_cost(), &m.voip(),           &m.personal_number(),
      &m.pager(),        &m.uan(),         &m.voicemail(),      &m.no_international_dialling()};
  std::vector<std::string> out;
  for (const auto* d : descs) {
    if (d->has_example_number() && !d->example_number().empty()) out.push_back(d->example_number());
  }
  return out;
}

}  // namespace winnow::pii::phone_test
