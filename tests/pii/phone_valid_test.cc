// PhoneValidity (phone_valid.h) against PhoneNumberUtil::IsValidNumber: the
// same answer for every region's and non-geographical entity's example
// numbers and perturbations of them, random national numbers of each
// possible length (some after a prefix of an example, some with Italian
// leading zeros), the calling codes shared by several regions, odd fields,
// and from several threads at once.
//
// WINNOW_PHONE_VALID_RANDOM=N raises the random numbers per region and
// length (200 by default) for a longer local run.
#include "pii/detectors/phone_valid.h"

#include <gtest/gtest.h>
#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <list>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "pii/phone_metadata_support.h"

namespace winnow::pii {
namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberDesc;
using i18n::phonenumbers::PhoneNumberUtil;

using phone_test::Examples;
using phone_test::Make;
using phone_test::Metadata;
using phone_test::Util;

size_t RandomPerLength() { return phone_test::RandomPerLength("WINNOW_PHONE_VALID_RANDOM", 200); }


// Asks both and counts; the first few differences are reported in full.
class Comparer {
 public:
  void Check(const PhoneNumber& n) {
    const bool want = Util().IsValidNumber(n);
    const bool got = PhoneValidity::Get().IsValid(n);
    ++compared;
    valid += want ? 1 : 0;
    if (want != got && ++mismatches <= 20) {
      ADD_FAILURE() << "+" << n.country_code() << " national " << n.national_number() << " italian_leading_zero "
                    << n.italian_leading_zero() << " zeros " << n.number_of_leading_zeros() << ": library " << want
                    << ", ours " << got;
    }
  }
  void Check(int cc, std::string_view digits) { Check(Make(cc, digits)); }

  // The example itself and its near misses: each digit changed, one digit
  // fewer at either end, one more at the end.
  void CheckAround(int cc, const std::string& digits) {
    Check(cc, digits);
    for (size_t i = 0; i < digits.size(); ++i) {
      for (char c = '0'; c <= '9'; ++c) {
        if (c == digits[i]) continue;
        std::string d = digits;
        d[i] = c;
        Check(cc, d);
      }
    }
    if (digits.size() > 1) {
      Check(cc, digits.substr(0, digits.size() - 1));
      Check(cc, digits.substr(1));
    }
    for (char c = '0'; c <= '9'; ++c) Check(cc, digits + c);
  }

  // One line in the test's output, for the record.
  void Report(std::string_view what) const {
    std::cout << "[          ] " << compared << " " << what << " compared, " << valid << " valid, " << mismatches
              << " mismatches\n";
  }

  size_t compared = 0;
  size_t valid = 0;
  size_t mismatches = 0;
};


TEST(PhoneValid, ExampleNumbersOfEveryRegionAndType) {
  Comparer cmp;
  std::set<std::string> regions;
  Util().GetSupportedRegions(&regions);
  ASSERT_GT(regions.size(), 200u);
  for (const std::string& region : regions) {
    for (int t = 0; t <= static_cast<int>(PhoneNumberUtil::kMaxNumberType); ++t) {
      PhoneNumber n;
      if (!Util().GetExampleNumberForType(region, static_cast<PhoneNumberUtil::PhoneNumberType>(t), &n)) continue;
      cmp.Check(n);
      std::string nsn;
      Util().GetNationalSignificantNumber(n, &nsn);
      cmp.CheckAround(n.country_code(), nsn);
    }
  }
  std::set<int> global;
  Util().GetSupportedGlobalNetworkCallingCodes(&global);
  ASSERT_FALSE(global.empty());
  for (int cc : global) {
    PhoneNumber n;
    ASSERT_TRUE(Util().GetExampleNumberForNonGeoEntity(cc, &n)) << cc;
    cmp.Check(n);
  }
  // The examples of every type straight from the metadata (the only way to
  // reach each type of a non-geographical entity).
  for (const PhoneMetadata& m : Metadata().metadata()) {
    for (const std::string& e : Examples(m)) cmp.CheckAround(m.country_code(), e);
  }
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
  EXPECT_GT(cmp.valid, cmp.compared / 20);
  cmp.Report("example numbers and near misses");
}

// Random national numbers of each possible length of each region (and one
// digit shorter and longer than those): half wholly random, half after a
// prefix of one of the region's examples, so that many are valid.
TEST(PhoneValid, RandomNumbersOfEachPossibleLength) {
  Comparer cmp;
  std::mt19937_64 rng(20240611);
  const size_t per_length = RandomPerLength();
  size_t entities = 0;
  for (const PhoneMetadata& m : Metadata().metadata()) {
    ++entities;
    const PhoneNumberDesc& g = m.general_desc();
    std::set<int> lengths(g.possible_length().begin(), g.possible_length().end());
    lengths.insert(g.possible_length_local_only().begin(), g.possible_length_local_only().end());
    lengths.erase(-1);
    ASSERT_FALSE(lengths.empty()) << m.id() << " " << m.country_code();
    lengths.insert(std::max(*lengths.begin() - 1, 1));
    lengths.insert(std::min(*lengths.rbegin() + 1, 17));
    const std::vector<std::string> examples = Examples(m);
    for (int len : lengths) {
      for (size_t i = 0; i < per_length; ++i) {
        std::string d;
        if (i % 2 == 1 && !examples.empty()) {
          const std::string& e = examples[rng() % examples.size()];
          d = e.substr(0, std::min<size_t>(1 + rng() % static_cast<size_t>(len), e.size()));
        }
        while (d.size() < static_cast<size_t>(len)) d.push_back(static_cast<char>('0' + rng() % 10));
        d.resize(static_cast<size_t>(len));
        cmp.Check(m.country_code(), d);
      }
    }
  }
  EXPECT_GT(entities, 240u);
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
  EXPECT_GT(cmp.valid, cmp.compared / 20);
  cmp.Report("random numbers");
}

// Calling codes of several regions: the region is picked by leading digits
// or by the first region the number is valid in, and a number valid only
// in a region that is not picked is invalid.
TEST(PhoneValid, SharedCallingCodes) {
  Comparer cmp;
  std::mt19937_64 rng(7);
  for (int cc : {1, 7, 44, 47, 61, 212, 262, 290, 358, 590, 599}) {
    std::list<std::string> regions;
    Util().GetRegionCodesForCountryCallingCode(cc, &regions);
    EXPECT_GT(regions.size(), 1u) << cc;
    for (const std::string& region : regions) {
      for (int t = 0; t <= static_cast<int>(PhoneNumberUtil::kMaxNumberType); ++t) {
        PhoneNumber n;
        if (!Util().GetExampleNumberForType(region, static_cast<PhoneNumberUtil::PhoneNumberType>(t), &n)) continue;
        std::string nsn;
        Util().GetNationalSignificantNumber(n, &nsn);
        // The example's first digits, then random ones, at every length.
        for (size_t keep = 1; keep <= nsn.size(); ++keep) {
          for (size_t len = keep; len <= nsn.size() + 1; ++len) {
            std::string d = nsn.substr(0, keep);
            while (d.size() < len) d.push_back(static_cast<char>('0' + rng() % 10));
            cmp.Check(cc, d);
          }
        }
      }
    }
  }
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
  EXPECT_GT(cmp.valid, 0u);
  cmp.Report("numbers of shared calling codes");
}

TEST(PhoneValid, ItalianLeadingZerosAndOddFields) {
  Comparer cmp;
  std::mt19937_64 rng(39);
  // Regions whose numbers may start with 0: the zeros belong to the number.
  for (int cc : {39, 225, 242, 378, 379, 44, 27, 81}) {
    for (int i = 0; i < 2000; ++i) {
      const size_t len = 2 + rng() % 12;
      std::string d = "0";
      if (rng() % 4 == 0) d += "0";
      while (d.size() < len) d.push_back(static_cast<char>('0' + rng() % 10));
      cmp.Check(cc, d);
    }
  }
  // Fields Parse never writes: leading zeros without the flag, counts of 0,
  // negative or far too many, national number 0 or 20 digits long, calling
  // codes nobody has.
  PhoneNumber italian;
  ASSERT_TRUE(Util().GetExampleNumberForType("IT", PhoneNumberUtil::FIXED_LINE, &italian));
  for (int zeros : {-5, 0, 1, 2, 3, 17, 60, 1000}) {
    for (bool flag : {false, true}) {
      PhoneNumber n = italian;
      n.set_italian_leading_zero(flag);
      n.set_number_of_leading_zeros(zeros);
      cmp.Check(n);
    }
  }
  for (int cc : {-1, 0, 1, 39, 44, 800, 979, 999, 1000, 2000}) {
    for (uint64_t national : {uint64_t{0}, uint64_t{1}, uint64_t{2015550123}, uint64_t{236618300},
                              uint64_t{99999999999999999}, ~uint64_t{0}}) {
      PhoneNumber n;
      n.set_country_code(cc);
      n.set_national_number(national);
      cmp.Check(n);
    }
  }
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
  EXPECT_GT(cmp.valid, 0u);
  cmp.Report("numbers with leading zeros or odd fields");
}

// Several threads at once, from the first use on (ctest runs each test in
// a process of its own, so Get() builds the instance while they race).
TEST(PhoneValid, ManyThreads) {
  std::vector<PhoneNumber> numbers;
  std::set<std::string> regions;
  Util().GetSupportedRegions(&regions);
  for (const std::string& region : regions) {
    for (auto t : {PhoneNumberUtil::FIXED_LINE, PhoneNumberUtil::MOBILE}) {
      PhoneNumber n;
      if (!Util().GetExampleNumberForType(region, t, &n)) continue;
      numbers.push_back(n);
      n.set_national_number(n.national_number() / 10);
      numbers.push_back(n);
    }
  }
  std::vector<char> want;
  for (const PhoneNumber& n : numbers) want.push_back(Util().IsValidNumber(n) ? 1 : 0);
  std::vector<std::thread> threads;
  std::vector<size_t> wrong(4, 0);
  for (size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([&, t] {
      for (size_t round = 0; round < 3; ++round) {
        for (size_t i = 0; i < numbers.size(); ++i) {
          const size_t k = (i + t * numbers.size() / wrong.size()) % numbers.size();  // different orders
          wrong[t] += PhoneValidity::Get().IsValid(numbers[k]) != (want[k] != 0) ? 1 : 0;
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (size_t w : wrong) EXPECT_EQ(w, 0u);
}

}  // namespace
}  // namespace winnow::pii
