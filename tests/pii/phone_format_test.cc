// PhoneFormat (phone_format.h) against PhoneNumberUtil: Format, NATIONAL
// and INTERNATIONAL, gives the same string for every region's and
// non-geographical entity's example numbers of every type and their near
// misses, and for random valid numbers of each possible length (Italian
// leading zeros and shared calling codes among them); ParseInternational
// gives the same error and the same PhoneNumber as Parse("+" + digits,
// "ZZ") for random digit strings, many of them a calling code and an
// example number, with or without a national prefix between the two.
//
// WINNOW_PHONE_FORMAT_RANDOM=N raises the random numbers per region and
// length (40 by default; random parse strings: 500 times as many) for a longer
// local run.
#include "pii/detectors/phone_format.h"

#include <gtest/gtest.h>
#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
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

// "+" and `s` (not "+" + s: GCC 12 warns falsely on that).
std::string Plus(std::string_view s) {
  std::string out = "+";
  out += s;
  return out;
}


size_t RandomPerLength() { return phone_test::RandomPerLength("WINNOW_PHONE_FORMAT_RANDOM", 40); }



// Asks both and counts; the first few differences are reported in full.
class Comparer {
 public:
  void Format(const PhoneNumber& n) {
    const bool valid = Util().IsValidNumber(n);
    for (auto f : {PhoneNumberUtil::NATIONAL, PhoneNumberUtil::INTERNATIONAL}) {
      std::string want, got = "junk";
      Util().Format(n, f, &want);
      PhoneFormat::Get().Format(n, f, &got);
      Count(want == got, valid, [&] {
        return Plus(std::to_string(n.country_code())) + " national " + std::to_string(n.national_number()) + " zeros " +
               std::to_string(n.italian_leading_zero() ? n.number_of_leading_zeros() : 0) +
               (f == PhoneNumberUtil::NATIONAL ? " NATIONAL" : " INTERNATIONAL") + ": library \"" + want +
               "\", ours \"" + got + "\"";
      });
    }
  }
  void Format(int cc, std::string_view digits) { Format(Make(cc, digits)); }

  // The error and every field of the number, left untouched on an error;
  // the library's number in *parsed, if asked for.
  void Parse(std::string_view digits, PhoneNumber* parsed = nullptr) {
    PhoneNumber want, got;
    want.set_country_code(999);  // seen again only if Parse leaves it alone
    want.set_national_number(4242);
    got = want;
    const auto want_error = Util().Parse(Plus(digits), "ZZ", &want);
    const auto got_error = PhoneFormat::Get().ParseInternational(digits, &got);
    const bool same = want_error == got_error && want.SerializeAsString() == got.SerializeAsString();
    if (parsed != nullptr) *parsed = want_error == PhoneNumberUtil::NO_PARSING_ERROR ? want : PhoneNumber();
    Count(same, want_error == PhoneNumberUtil::NO_PARSING_ERROR, [&] {
      return Plus(digits) + ": library error " + std::to_string(want_error) + " {" + want.ShortDebugString() +
             "}, ours " + std::to_string(got_error) + " {" + got.ShortDebugString() + "}";
    });
  }

  // One line in the test's output, for the record.
  void Report(std::string_view what, std::string_view good) const {
    std::cout << "[          ] " << compared << " " << what << " compared, " << good_count << " " << good << ", "
              << mismatches << " mismatches\n";
  }

  size_t compared = 0;
  size_t good_count = 0;  // valid numbers, or strings parsed without error
  size_t mismatches = 0;

 private:
  template <typename Describe>
  void Count(bool same, bool good, Describe describe) {
    ++compared;
    good_count += good ? 1 : 0;
    if (!same && ++mismatches <= 20) ADD_FAILURE() << describe();
  }
};

// Every region's example numbers of every type, the non-geographical
// entities' from their metadata, and near misses of each: a digit changed,
// one fewer at either end, one more at the end.
TEST(PhoneFormat, FormatExampleNumbersAndNearMisses) {
  Comparer cmp;
  std::set<std::string> regions;
  Util().GetSupportedRegions(&regions);
  ASSERT_GT(regions.size(), 200u);
  for (const std::string& region : regions) {
    for (int t = 0; t <= static_cast<int>(PhoneNumberUtil::kMaxNumberType); ++t) {
      PhoneNumber n;
      if (Util().GetExampleNumberForType(region, static_cast<PhoneNumberUtil::PhoneNumberType>(t), &n)) cmp.Format(n);
    }
  }
  for (const PhoneMetadata& m : Metadata().metadata()) {
    for (const std::string& e : Examples(m)) {
      cmp.Format(m.country_code(), e);
      for (size_t i = 0; i < e.size(); ++i) {
        std::string d = e;
        d[i] = static_cast<char>('0' + (d[i] - '0' + 1 + i) % 10);
        cmp.Format(m.country_code(), d);
      }
      if (e.size() > 1) cmp.Format(m.country_code(), e.substr(0, e.size() - 1));
      if (e.size() > 1) cmp.Format(m.country_code(), e.substr(1));
      cmp.Format(m.country_code(), e + "5");
    }
  }
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
  EXPECT_GT(cmp.good_count, 3000u);
  cmp.Report("formats of example numbers and near misses", "of valid numbers");
}

// Random national numbers of each possible length of each region (half
// after a prefix of one of its examples, so that many are valid), valid
// ones kept; the calling codes of several regions and the regions whose
// numbers keep a leading zero get more.
TEST(PhoneFormat, FormatRandomValidNumbers) {
  Comparer cmp;
  std::mt19937_64 rng(20240612);
  const std::set<int> shared = {1, 7, 39, 44, 47, 61, 212, 225, 242, 262, 290, 358, 590, 599};
  std::map<int, size_t> valid_by_code;
  size_t leading_zeros = 0;
  for (const PhoneMetadata& m : Metadata().metadata()) {
    const PhoneNumberDesc& g = m.general_desc();
    std::set<int> lengths(g.possible_length().begin(), g.possible_length().end());
    lengths.erase(-1);
    const std::vector<std::string> examples = Examples(m);
    const size_t per_length = RandomPerLength() * (shared.count(m.country_code()) != 0 ? 3 : 1);
    for (int len : lengths) {
      for (size_t i = 0; i < per_length; ++i) {
        std::string d;
        if (i % 2 == 1 && !examples.empty()) {
          const std::string& e = examples[rng() % examples.size()];
          d = e.substr(0, std::min<size_t>(1 + rng() % static_cast<size_t>(len), e.size()));
        }
        while (d.size() < static_cast<size_t>(len)) d.push_back(static_cast<char>('0' + rng() % 10));
        d.resize(static_cast<size_t>(len));
        const PhoneNumber n = Make(m.country_code(), d);
        if (!Util().IsValidNumber(n)) continue;
        ++valid_by_code[m.country_code()];
        leading_zeros += n.italian_leading_zero() ? 1 : 0;
        cmp.Format(n);
      }
    }
  }
  for (int cc : shared) EXPECT_GT(valid_by_code[cc], 20u) << cc;
  EXPECT_GT(leading_zeros, 100u);
  std::cout << "[          ] " << leading_zeros << " with Italian leading zeros, " << valid_by_code[1] << " of +1, "
            << valid_by_code[7] << " of +7, " << valid_by_code[44] << " of +44\n";
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
  EXPECT_EQ(cmp.good_count, cmp.compared);
  EXPECT_GT(cmp.compared, 5000u);
  cmp.Report("formats of random valid numbers", "valid");
}

// Calling codes nobody has, Italian leading zeros in odd counts, numbers
// without a national number.
TEST(PhoneFormat, FormatOddNumbers) {
  Comparer cmp;
  for (int cc : {-1, 0, 1, 39, 44, 800, 979, 999, 1000}) {
    for (uint64_t national : {uint64_t{0}, uint64_t{7}, uint64_t{2015550123}, uint64_t{236618300}}) {
      for (int zeros : {-3, 0, 1, 2, 5}) {
        PhoneNumber n;
        n.set_country_code(cc);
        n.set_national_number(national);
        if (zeros != 0) n.set_italian_leading_zero(true);
        if (zeros != 1) n.set_number_of_leading_zeros(zeros);
        cmp.Format(n);
      }
    }
  }
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
}

// The national prefixes a number can carry after its calling code:
// the region's own, its national prefix for parsing's usual ones, and
// prefixes the transform rules catch.
std::vector<std::string> Prefixes(const PhoneMetadata& m) {
  std::vector<std::string> out = {"", "0", "1", "8", "90", "00", "015"};
  if (!m.national_prefix().empty()) out.push_back(m.national_prefix());
  return out;
}

// Each calling code and example number, with each national prefix, whole,
// cut short or run on.
TEST(PhoneFormat, ParseExampleNumbersWithNationalPrefixes) {
  Comparer cmp;
  for (const PhoneMetadata& m : Metadata().metadata()) {
    const std::string cc = std::to_string(m.country_code());
    for (const std::string& e : Examples(m)) {
      for (const std::string& p : Prefixes(m)) {
        const std::string d = cc + p + e;
        for (size_t len = 1; len <= d.size() + 2; ++len) {
          cmp.Parse(len <= d.size() ? d.substr(0, len) : d + std::string(len - d.size(), '7'));
        }
      }
    }
  }
  for (std::string_view d : {"", "1", "12", "123", "0", "00", "000123", "4402079460000", "390612345678", "78495123456",
                             "8612345", "999123456789", "123456789012345678901234567890"}) {
    cmp.Parse(d);
  }
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
  EXPECT_GT(cmp.good_count, cmp.compared / 3);
  cmp.Report("parses of example numbers", "parsed");
}

// National prefixes for parsing that rewrite the number ("+54 0 11 15 ..."
// is "+54 9 11 ...", Brazil's carrier codes, the short numbers of
// Madagascar, Norfolk Island and San Marino that gain an area code), and
// ones only cut off, each followed by random digits.
TEST(PhoneFormat, ParseNationalPrefixTransforms) {
  Comparer cmp;
  std::mt19937_64 rng(54);
  std::set<int> transformed;
  size_t stripped = 0;
  for (std::string_view head :
       {"54011", "5401115", "541115", "54022215", "5403414", "5402202", "55015", "5501511", "559021", "55021",
        "2410",  "2411",    "2610",   "2612",     "2617",    "6721",    "6723",  "3788",    "3789",   "3780549",
        "440",   "4407",    "390",    "3903",     "78",      "79",      "70",    "10",      "17"}) {
    for (size_t tail = 0; tail <= 13; ++tail) {
      for (int k = 0; k < 20; ++k) {
        std::string d(head);
        while (d.size() < head.size() + tail) d.push_back(static_cast<char>('0' + rng() % 10));
        PhoneNumber n;
        cmp.Parse(d, &n);
        if (n.country_code() == 0) continue;
        std::string nsn;
        Util().GetNationalSignificantNumber(n, &nsn);
        const std::string rest = d.substr(std::to_string(n.country_code()).size());
        if (rest.ends_with(nsn)) {
          stripped += nsn.size() < rest.size() ? 1 : 0;
        } else {
          transformed.insert(n.country_code());
        }
      }
    }
  }
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
  EXPECT_GT(stripped, 100u);
  // (Brazil's and Gabon's rules keep a suffix: counted as stripped.)
  EXPECT_EQ(transformed, (std::set<int>{54, 261, 378, 672}));
  cmp.Report("parses with national prefixes", "parsed");
}

// Random strings of 5 to 20 digits: wholly random, or a calling code and
// random digits, or a calling code, a national prefix and a prefix of an
// example number, then random digits.
TEST(PhoneFormat, ParseRandomDigits) {
  Comparer cmp;
  std::mt19937_64 rng(44020);
  std::vector<const PhoneMetadata*> all;
  for (const PhoneMetadata& m : Metadata().metadata()) all.push_back(&m);
  const size_t count = RandomPerLength() * 500;
  for (size_t i = 0; i < count; ++i) {
    const size_t len = 5 + rng() % 16;
    std::string d;
    const PhoneMetadata& m = *all[rng() % all.size()];
    const std::vector<std::string> examples = Examples(m);
    switch (i % 4) {
      case 0:
        break;
      case 1:
        d = std::to_string(m.country_code());
        break;
      default: {
        const std::vector<std::string> prefixes = Prefixes(m);
        d = std::to_string(m.country_code()) + (i % 4 == 3 ? prefixes[rng() % prefixes.size()] : "");
        if (!examples.empty()) {
          const std::string& e = examples[rng() % examples.size()];
          d += e.substr(0, rng() % (e.size() + 1));
        }
      }
    }
    while (d.size() < len) d.push_back(static_cast<char>('0' + rng() % 10));
    if (i % 4 != 3) d.resize(len);  // with a prefix: the whole example may stay
    cmp.Parse(d);
  }
  EXPECT_EQ(cmp.mismatches, 0u) << "of " << cmp.compared;
  EXPECT_GT(cmp.good_count, cmp.compared / 3);
  cmp.Report("parses of random digit strings", "parsed");
}

// Several threads at once, from the first use on (ctest runs each test in
// a process of its own, so Get() builds the instance while they race).
TEST(PhoneFormat, ManyThreads) {
  std::vector<std::string> inputs;
  for (const PhoneMetadata& m : Metadata().metadata()) {
    for (const std::string& e : Examples(m)) inputs.push_back(std::to_string(m.country_code()) + e);
  }
  std::vector<std::string> want;
  for (const std::string& d : inputs) {
    PhoneNumber n;
    std::string s = "error";
    if (Util().Parse(Plus(d), "ZZ", &n) == PhoneNumberUtil::NO_PARSING_ERROR) {
      Util().Format(n, PhoneNumberUtil::NATIONAL, &s);
    }
    want.push_back(s);
  }
  std::vector<std::thread> threads;
  std::vector<size_t> wrong(4, 0);
  for (size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < inputs.size(); ++i) {
        const size_t k = (i + t * inputs.size() / wrong.size()) % inputs.size();  // different orders
        PhoneNumber n;
        std::string s = "error";
        if (PhoneFormat::Get().ParseInternational(inputs[k], &n) == PhoneNumberUtil::NO_PARSING_ERROR) {
          PhoneFormat::Get().Format(n, PhoneNumberUtil::NATIONAL, &s);
        }
        wrong[t] += s != want[k] ? 1 : 0;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (size_t w : wrong) EXPECT_EQ(w, 0u);
}

}  // namespace
}  // namespace winnow::pii
