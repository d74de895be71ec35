// The two pieces phone_valid.h and phone_format.h share: DigitPattern, a
// matcher of the regular expressions in libphonenumber's metadata, and
// CallingCodeMetadata, that metadata by calling code.
//
// They exist so that validity, formatting and parsing of phone numbers can
// follow libphonenumber's own steps over its own metadata without its ICU
// regular expressions (microseconds a call behind a locked cache): the
// metadata uses a small regex subset that compiles here in microseconds
// and matches in tens of nanoseconds, with ICU's backtracking order.
//
// Thread safety: a compiled DigitPattern is immutable and safe from many
// threads; CallingCodeMetadata is immutable once built.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace i18n::phonenumbers {
class PhoneMetadata;
class PhoneMetadataCollection;
}  // namespace i18n::phonenumbers

namespace winnow::pii {
namespace phone {

// A match, or no match, or a search that ran past its budget (then
// PhoneNumberUtil answers; never seen with the metadata of 8.12).
enum class Match { kNo, kYes, kGaveUp };

// A regular expression of libphonenumber's metadata, matched as ICU's
// backtracking engine matches it: digits, \d, classes of digits, (?:...),
// capturing (...), |, ?, {n} / {n,m} and a final $. With no unbounded
// repeats every jump goes forward, so each instruction knows which digits
// can come next and how many digits are left to read before the end of a
// match, and the search drops a path as soon as the input rules it out. A
// search tries the alternatives and repeats in ICU's priority order (left
// alternative first, greedy repeats), so the first match it finds, and its
// groups, are ICU's. Compile() must succeed before any match.
class DigitPattern {
 public:
  static constexpr size_t kMaxGroups = 9;   // "$1".."$9" only
  static constexpr size_t kMaxInput = 250;  // longer inputs give kGaveUp
  static constexpr uint8_t kUnset = 0xff;

  // Where each group matched: [at[2g], at[2g + 1]) for group g, group 0
  // being the whole match; kUnset for a group that took no part.
  struct Groups {
    std::array<uint8_t, 2 * (kMaxGroups + 1)> at;
    // The text of group g of a match in `input` ("" when unset).
    std::string_view Of(std::string_view input, size_t g) const {
      return at[2 * g] == kUnset ? std::string_view() : input.substr(at[2 * g], at[2 * g + 1] - at[2 * g]);
    }
  };

  // False when `regex` is not of the metadata's syntax.
  bool Compile(std::string_view regex);

  // The number of capturing groups.
  size_t groups() const { return groups_; }

  // Whether the whole of `digits` matches (ICU matches()), or, with
  // `prefix`, some prefix of it (lookingAt()).
  Match Run(std::string_view digits, bool prefix) const;

  // lookingAt() from `start`: the first match in ICU's priority order
  // that starts there, and its groups.
  Match LookingAt(std::string_view digits, size_t start, Groups* groups) const;

 private:
  friend class ProgramBuilder;
  enum Op : uint8_t { kDigit, kSplit, kJmp, kSave, kEnd, kMatch };
  struct Inst {
    Op op;
    uint16_t mask = 0;   // kDigit: the digits it reads; kSave: the slot of Groups::at
    uint16_t first = 0;  // the digits the next read can take, on some path to kMatch
    uint8_t min = 0;     // digits read on the shortest and longest paths to kMatch
    uint8_t max = 0;
    uint32_t x = 0;  // kJmp, kSplit, kSave, kEnd: the next instruction
    uint32_t y = 0;  // kSplit: the other one
  };
  template <bool kCapture>
  Match Exec(std::string_view digits, size_t start, bool prefix, Groups* groups) const;

  std::vector<Inst> prog_;
  size_t groups_ = 0;
};

// libphonenumber's compiled-in metadata (the PhoneMetadataCollection
// PhoneNumberUtil loads itself), by calling code.
class CallingCodeMetadata {
 public:
  // Parses the metadata (a few milliseconds). On failure every Regions()
  // is empty.
  CallingCodeMetadata();
  ~CallingCodeMetadata();

  // The calling codes libphonenumber supports (GetSupportedCallingCodes),
  // all of them from 1 to 999.
  const std::vector<int>& codes() const { return codes_; }

  // The metadata of the regions of `cc`, in
  // GetRegionCodesForCountryCallingCode's order: the main region first,
  // whose metadata Format and Parse use. A non-geographical entity has id
  // "001". Empty for an unknown code or when some region's metadata is
  // missing.
  const std::vector<const i18n::phonenumbers::PhoneMetadata*>& Regions(int cc) const;

 private:
  std::unique_ptr<i18n::phonenumbers::PhoneMetadataCollection> collection_;
  std::vector<int> codes_;
  std::vector<std::vector<const i18n::phonenumbers::PhoneMetadata*>> regions_;  // by calling code
};

}  // namespace phone

}  // namespace winnow::pii
