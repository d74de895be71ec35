#include "pii/detectors/phone_valid.h"

#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "pii/detectors/phone_pattern.h"

namespace winnow::pii {
namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberDesc;
using i18n::phonenumbers::PhoneNumberUtil;
using phone::DigitPattern;
using phone::Match;

constexpr int kMaxCallingCode = 1000;  // calling codes have 1 to 3 digits

// A region's descriptions, in GetNumberTypeHelper's order.
enum Slot : unsigned {
  kGeneral,
  // A match of any of these makes the number valid.
  kPremiumRate,
  kTollFree,
  kSharedCost,
  kVoip,
  kPersonalNumber,
  kPager,
  kUan,
  kVoicemail,
  kFixedLine,
  kMobile,  // counts only when the mobile and fixed-line patterns differ
  kSlots,
};

using DescOf = const PhoneNumberDesc& (PhoneMetadata::*)() const;
constexpr DescOf kDescs[kSlots] = {
    &PhoneMetadata::general_desc, &PhoneMetadata::premium_rate, &PhoneMetadata::toll_free,
    &PhoneMetadata::shared_cost,  &PhoneMetadata::voip,         &PhoneMetadata::personal_number,
    &PhoneMetadata::pager,        &PhoneMetadata::uan,          &PhoneMetadata::voicemail,
    &PhoneMetadata::fixed_line,   &PhoneMetadata::mobile,
};

constexpr size_t kMaxNsn = 63;  // longest national number judged here (a uint64_t length mask)

// What PhoneNumberUtil reads of a region's metadata to judge a number.
struct Region {
  struct Desc {
    // Bit L: a national number of L digits passes the possible lengths
    // (IsNumberMatchingDesc: no list passes every length; the list {-1}, none).
    uint64_t lengths = 0;
    bool has_pattern = false;  // an empty pattern matches nothing (RegexBasedMatcher)
    DigitPattern pattern;
  };
  std::array<Desc, kSlots> descs;
  bool has_leading_digits = false;
  DigitPattern leading_digits;  // a prefix match picks the region of a shared calling code
  bool mobile_counts = false;   // !same_mobile_and_fixed_line_pattern
  bool same_country = false;    // IsValidNumberForRegion's calling code check

  // False when a pattern is not of the syntax DigitPattern reads.
  bool Build(const PhoneMetadata& m, bool non_geo, int cc, bool shared) {
    for (unsigned s = kGeneral; s < kSlots; ++s) {
      const PhoneNumberDesc& d = (m.*kDescs[s])();
      Desc& out = descs[s];
      out.lengths = d.possible_length_size() == 0 ? ~uint64_t{0} : 0;
      for (int len : d.possible_length()) {
        if (len >= 0 && static_cast<size_t>(len) <= kMaxNsn) out.lengths |= uint64_t{1} << len;
      }
      out.has_pattern = !d.national_number_pattern().empty();
      if (out.has_pattern && !out.pattern.Compile(d.national_number_pattern())) return false;
    }
    mobile_counts = !m.same_mobile_and_fixed_line_pattern();
    same_country = non_geo || m.country_code() == cc;
    // Leading digits are read only to choose among several regions.
    has_leading_digits = shared && m.has_leading_digits();
    return !has_leading_digits || leading_digits.Compile(m.leading_digits());
  }

  // IsNumberMatchingDesc.
  Match Matches(unsigned slot, std::string_view nsn) const {
    const Desc& d = descs[slot];
    if (!d.has_pattern || ((d.lengths >> nsn.size()) & 1u) == 0) return Match::kNo;
    return d.pattern.Run(nsn, false);
  }

  // GetNumberTypeHelper(nsn, metadata) != UNKNOWN.
  Match KnownType(std::string_view nsn) const {
    if (Match m = Matches(kGeneral, nsn); m != Match::kYes) return m;
    for (unsigned s = kPremiumRate; s <= kFixedLine; ++s) {
      if (Match m = Matches(s, nsn); m != Match::kNo) return m;
    }
    return mobile_counts ? Matches(kMobile, nsn) : Match::kNo;
  }
};

}  // namespace

struct PhoneValidity::Tables {
  // The regions of each calling code, in GetRegionCodesForCountryCallingCode's
  // order; none when PhoneNumberUtil answers for the code.
  std::array<std::vector<Region>, kMaxCallingCode> regions;

  // IsValidNumber over regions[cc]: GetRegionCodeForNumber, then
  // IsValidNumberForRegion.
  Match Valid(const std::vector<Region>& rs, std::string_view nsn) const {
    if (rs.size() == 1) return rs[0].same_country ? rs[0].KnownType(nsn) : Match::kNo;
    for (const Region& r : rs) {
      if (r.has_leading_digits) {
        const Match lead = r.leading_digits.Run(nsn, true);
        if (lead == Match::kGaveUp) return lead;
        if (lead == Match::kYes) return r.same_country ? r.KnownType(nsn) : Match::kNo;
      } else if (const Match known = r.KnownType(nsn); known != Match::kNo) {
        return known == Match::kYes && !r.same_country ? Match::kNo : known;
      }
    }
    return Match::kNo;  // region "ZZ"
  }
};

PhoneValidity::PhoneValidity() : tables_(std::make_unique<Tables>()) {
  // Unreadable metadata leaves every calling code to PhoneNumberUtil.
  const phone::CallingCodeMetadata metadata;
  for (int cc : metadata.codes()) {
    const std::vector<const PhoneMetadata*>& ms = metadata.Regions(cc);
    std::vector<Region> rs;
    for (const PhoneMetadata* m : ms) {
      const bool non_geo = m->id() == PhoneNumberUtil::kRegionCodeForNonGeoEntity;
      if (!rs.emplace_back().Build(*m, non_geo, cc, ms.size() > 1)) {
        rs.clear();
        break;
      }
    }
    tables_->regions[static_cast<size_t>(cc)] = std::move(rs);
  }
}

PhoneValidity::~PhoneValidity() = default;

const PhoneValidity& PhoneValidity::Get() {
  static const PhoneValidity validity;
  return validity;
}

bool PhoneValidity::IsValid(const PhoneNumber& number) const {
  const int cc = number.country_code();
  // GetNationalSignificantNumber: the Italian leading zeros, then the number.
  std::array<char, kMaxNsn> nsn;
  char digits[20];  // a uint64_t has at most 20
  size_t n = 0;
  for (uint64_t v = number.national_number(); n == 0 || v != 0; v /= 10) digits[n++] = static_cast<char>('0' + v % 10);
  const size_t zeros =
      number.italian_leading_zero() ? static_cast<size_t>(std::max(number.number_of_leading_zeros(), 0)) : 0;
  if (cc > 0 && cc < kMaxCallingCode && zeros + n <= kMaxNsn) {
    const std::vector<Region>& rs = tables_->regions[static_cast<size_t>(cc)];
    if (!rs.empty()) {
      std::fill_n(nsn.begin(), zeros, '0');
      std::reverse_copy(digits, digits + n, nsn.begin() + zeros);
      const Match m = tables_->Valid(rs, std::string_view(nsn.data(), zeros + n));
      if (m != Match::kGaveUp) return m == Match::kYes;
    }
  }
  // Calling codes without regions, absurd lengths and searches given up.
  return PhoneNumberUtil::GetInstance()->IsValidNumber(number);
}

}  // namespace winnow::pii
