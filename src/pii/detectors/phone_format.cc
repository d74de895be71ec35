#include "pii/detectors/phone_format.h"

#include <phonenumbers/phonemetadata.pb.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pii/detectors/phone_pattern.h"

namespace winnow::pii {
namespace {

using i18n::phonenumbers::NumberFormat;
using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
using phone::DigitPattern;
using phone::Match;

constexpr int kMaxCallingCode = 1000;   // calling codes have 1 to 3 digits
constexpr size_t kMinLengthForNsn = 2;  // PhoneNumberUtil's limits
constexpr size_t kMaxLengthForNsn = 17;
constexpr size_t kMaxNsn = 40;  // longer national numbers (absurd leading zeros) go to PhoneNumberUtil

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether `t` is an ICU replacement string ("$1 $2-$3", "0$1", "9$1") of
// the form read here: ASCII text with no '\', and "$n" only for a group
// the pattern has, n a single digit not followed by another. ICU reads
// more ("${name}", escapes, "$12"), or fails; those go to PhoneNumberUtil.
bool ValidTemplate(std::string_view t, size_t groups) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\\' || static_cast<unsigned char>(t[i]) >= 0x80) return false;
    if (t[i] != '$') continue;
    if (i + 1 == t.size() || !IsDigit(t[i + 1]) || static_cast<size_t>(t[i + 1] - '0') > groups) return false;
    if (i + 2 < t.size() && IsDigit(t[i + 2])) return false;
    ++i;
  }
  return true;
}

// Appends template `t` (ValidTemplate) with the groups of a match in `in`.
void Expand(std::string_view t, std::string_view in, const DigitPattern::Groups& g, std::string* out) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '$') {
      out->append(g.Of(in, static_cast<size_t>(t[++i] - '0')));
    } else {
      out->push_back(t[i]);
    }
  }
}

// The NATIONAL format of a number format: FormatNsnUsingPatternWithCarrier
// replaces the first "$<digit>" of the format with the national prefix
// formatting rule, itself an ICU replacement in which $1 (or $0) is that
// "$<digit>" ("$1 $2" and "0$1" give "0$1 $2"; "$2 $3" and "0$1", "0$2 $3").
// The metadata's rules are stored with $NP and $FG already spelled out.
// False for a rule outside ValidTemplate.
bool NationalTemplate(std::string_view format, std::string_view rule, std::string* out) {
  out->assign(format);
  if (rule.empty()) return true;
  if (!ValidTemplate(rule, 1)) return false;
  size_t at = 0;
  while (at + 1 < format.size() && !(format[at] == '$' && IsDigit(format[at + 1]))) ++at;
  if (at + 1 >= format.size()) return true;  // nothing to replace
  std::string replaced(format.substr(0, at));
  for (size_t i = 0; i < rule.size(); ++i) {
    if (rule[i] == '$') {
      replaced.append(format.substr(at, 2));
      ++i;
    } else {
      replaced.push_back(rule[i]);
    }
  }
  replaced.append(format.substr(at + 2));
  *out = std::move(replaced);
  return true;
}

// pattern.GlobalReplace(&in, t) (ICU): each match found from where the
// last one ended, replaced by the expanded template. False (PhoneNumberUtil
// answers) for a search given up or an empty match (ICU steps over it;
// the metadata's number patterns never match nothing).
bool ReplaceAll(const DigitPattern& pattern, std::string_view in, std::string_view t, std::string* out) {
  out->clear();
  size_t last = 0;
  DigitPattern::Groups g;
  for (size_t from = last; from <= in.size(); from = last) {
    Match m = Match::kNo;
    for (size_t start = from; start <= in.size() && m == Match::kNo; ++start) m = pattern.LookingAt(in, start, &g);
    if (m == Match::kGaveUp || (m == Match::kYes && g.at[0] == g.at[1])) return false;
    if (m == Match::kNo) break;
    out->append(in.substr(last, g.at[0] - last));
    Expand(t, in, g, out);
    last = g.at[1];
  }
  out->append(in.substr(last));
  return true;
}

// One NumberFormat of the metadata.
struct Rule {
  bool has_leading = false;
  DigitPattern leading;  // the last leading-digits pattern, matched as a prefix
  DigitPattern pattern;
  std::string national;       // the format with the national prefix formatting rule
  std::string international;  // the format

  bool Build(const NumberFormat& f) {
    const int n = f.leading_digits_pattern_size();
    has_leading = n > 0;
    if (has_leading && !leading.Compile(f.leading_digits_pattern(n - 1))) return false;
    if (!pattern.Compile(f.pattern())) return false;
    international = f.format();
    return ValidTemplate(international, pattern.groups()) &&
           NationalTemplate(f.format(), f.national_prefix_formatting_rule(), &national) &&
           ValidTemplate(national, pattern.groups());
  }
};

// What Format and Parse read of a calling code's main region.
struct Code {
  // Format.
  bool format_ok = false;
  std::string plus;            // "+44 "
  std::vector<Rule> national;  // number_format
  std::vector<Rule> intl;      // intl_number_format (the metadata leaves out "NA" ones)
  bool has_intl = false;
  // Parse.
  bool parse_ok = false;
  bool has_prefix = false;
  DigitPattern prefix;    // national_prefix_for_parsing
  std::string transform;  // national_prefix_transform_rule
  bool has_general = false;
  DigitPattern general;  // the general description's national number pattern
  std::vector<int> lengths, local_lengths;

  bool BuildFormat(const PhoneMetadata& m, int cc) {
    plus = std::to_string(cc);  // (not "+" + ...: GCC 12 warns falsely on that)
    plus.insert(plus.begin(), '+');
    plus.push_back(' ');
    for (const NumberFormat& f : m.number_format()) {
      if (!national.emplace_back().Build(f)) return false;
    }
    for (const NumberFormat& f : m.intl_number_format()) {
      if (!intl.emplace_back().Build(f)) return false;
    }
    has_intl = m.intl_number_format_size() > 0;
    return true;
  }

  bool BuildParse(const PhoneMetadata& m) {
    has_prefix = !m.national_prefix_for_parsing().empty();
    if (has_prefix && !prefix.Compile(m.national_prefix_for_parsing())) return false;
    transform = m.national_prefix_transform_rule();
    if (has_prefix && !ValidTemplate(transform, prefix.groups())) return false;
    const auto& g = m.general_desc();
    has_general = !g.national_number_pattern().empty();
    if (has_general && !general.Compile(g.national_number_pattern())) return false;
    lengths.assign(g.possible_length().begin(), g.possible_length().end());
    local_lengths.assign(g.possible_length_local_only().begin(), g.possible_length_local_only().end());
    return !lengths.empty();  // the library reads the first one unchecked
  }

  // IsMatch(general_desc): a whole match of a non-empty pattern.
  Match General(std::string_view nsn) const { return has_general ? general.Run(nsn, false) : Match::kNo; }

  // Whether TestNumberLength(nsn, metadata) is IS_POSSIBLE or TOO_LONG,
  // the results for which ParseHelper keeps a stripped national prefix.
  bool KeepsStripped(size_t size) const {
    const int len = static_cast<int>(size);
    if (lengths[0] == -1 || std::find(local_lengths.begin(), local_lengths.end(), len) != local_lengths.end()) {
      return false;  // INVALID_LENGTH, IS_POSSIBLE_LOCAL_ONLY
    }
    if (lengths[0] >= len) return lengths[0] == len;  // IS_POSSIBLE, TOO_SHORT
    return lengths.back() < len || std::find(lengths.begin() + 1, lengths.end(), len) != lengths.end();
  }

  // MaybeStripNationalPrefixAndCarrierCode: *out is `nsn` without its
  // national prefix (or transformed, in `buf`), or `nsn` itself.
  Match StripNationalPrefix(std::string_view nsn, std::string_view* out, std::string* buf) const {
    *out = nsn;
    if (nsn.empty() || !has_prefix) return Match::kYes;
    const Match viable = General(nsn);
    DigitPattern::Groups g;
    const Match m = prefix.LookingAt(nsn, 0, &g);
    if (viable == Match::kGaveUp) return viable;
    if (m != Match::kYes) return m;
    // With a transform rule, the prefix's second group (or its only one)
    // must have caught something; else the prefix is only cut off.
    std::string_view rest = nsn.substr(g.at[1]);
    const size_t groups = prefix.groups();
    if (!transform.empty() && groups > 0 && !g.Of(nsn, std::min<size_t>(groups, 2)).empty()) {
      buf->clear();
      Expand(transform, nsn, g, buf);
      buf->append(rest);
      rest = *buf;
    }
    // A number that matched the general pattern must still match it.
    if (viable == Match::kYes) {
      const Match still = General(rest);
      if (still != Match::kYes) return still == Match::kGaveUp ? still : Match::kYes;
    }
    *out = rest;
    return Match::kYes;
  }
};

}  // namespace

struct PhoneFormat::Tables {
  std::array<std::unique_ptr<Code>, kMaxCallingCode> codes;  // null: not a calling code

  const Code* Find(int cc) const {
    return cc > 0 && cc < kMaxCallingCode ? codes[static_cast<size_t>(cc)].get() : nullptr;
  }

  // Format; false when PhoneNumberUtil must answer.
  bool Format(const PhoneNumber& number, PhoneNumberUtil::PhoneNumberFormat format, std::string* out) const {
    if (format != PhoneNumberUtil::NATIONAL && format != PhoneNumberUtil::INTERNATIONAL) return false;
    if ((number.national_number() == 0 && !number.raw_input().empty()) ||
        (number.has_extension() && !number.extension().empty())) {
      return false;
    }
    // GetNationalSignificantNumber: the Italian leading zeros, then the number.
    const size_t zeros =
        number.italian_leading_zero() ? static_cast<size_t>(std::max(number.number_of_leading_zeros(), 0)) : 0;
    if (zeros + 20 > kMaxNsn) return false;
    std::array<char, kMaxNsn> buf;
    std::fill_n(buf.begin(), zeros, '0');
    size_t size = zeros;
    for (uint64_t v = number.national_number(); size == zeros || v != 0; v /= 10)
      buf[size++] = static_cast<char>('0' + v % 10);
    std::reverse(buf.begin() + static_cast<std::ptrdiff_t>(zeros), buf.begin() + static_cast<std::ptrdiff_t>(size));
    const std::string_view nsn(buf.data(), size);
    const Code* code = Find(number.country_code());
    if (code == nullptr) {  // !HasValidCountryCallingCode
      out->assign(nsn);
      return true;
    }
    if (!code->format_ok) return false;
    const bool national = format == PhoneNumberUtil::NATIONAL;
    // ChooseFormattingPatternForNumber.
    const Rule* chosen = nullptr;
    for (const Rule& rule : national || !code->has_intl ? code->national : code->intl) {
      if (rule.has_leading) {
        const Match lead = rule.leading.Run(nsn, true);
        if (lead == Match::kGaveUp) return false;
        if (lead == Match::kNo) continue;
      }
      const Match whole = rule.pattern.Run(nsn, false);
      if (whole == Match::kGaveUp) return false;
      if (whole == Match::kYes) {
        chosen = &rule;
        break;
      }
    }
    if (chosen == nullptr) {
      out->assign(nsn);
    } else if (!ReplaceAll(chosen->pattern, nsn, national ? chosen->national : chosen->international, out)) {
      return false;
    }
    if (!national) out->insert(0, code->plus);
    return true;
  }

  // ParseHelper for "+" + digits in region "ZZ"; false when
  // PhoneNumberUtil must answer.
  bool Parse(std::string_view digits, PhoneNumber* number, PhoneNumberUtil::ErrorType* error) const {
    if (digits.size() > DigitPattern::kMaxInput || !std::all_of(digits.begin(), digits.end(), IsDigit)) return false;
    // IsViablePhoneNumber: three digits at least.
    if (digits.size() < 3) {
      *error = PhoneNumberUtil::NOT_A_NUMBER;
      return true;
    }
    // ExtractCountryCode: the shortest prefix that is a calling code.
    const Code* code = nullptr;
    size_t cc_size = 1;
    int cc = 0;
    for (; digits[0] != '0' && cc_size <= 3 && code == nullptr; ++cc_size) {
      cc = cc * 10 + (digits[cc_size - 1] - '0');
      code = Find(cc);
    }
    if (code == nullptr) {
      *error = PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR;
      return true;
    }
    if (!code->parse_ok) return false;
    std::string_view nsn = digits.substr(cc_size - 1);
    if (nsn.size() < kMinLengthForNsn) {
      *error = PhoneNumberUtil::TOO_SHORT_NSN;
      return true;
    }
    // The national prefix goes only if what is left has a possible length.
    std::string buf;
    std::string_view stripped;
    if (code->StripNationalPrefix(nsn, &stripped, &buf) == Match::kGaveUp) return false;
    if (code->KeepsStripped(stripped.size())) nsn = stripped;
    if (nsn.size() < kMinLengthForNsn || nsn.size() > kMaxLengthForNsn) {
      *error = nsn.size() < kMinLengthForNsn ? PhoneNumberUtil::TOO_SHORT_NSN : PhoneNumberUtil::TOO_LONG_NSN;
      return true;
    }
    number->Clear();
    number->set_country_code(cc);
    // SetItalianLeadingZerosForPhoneNumber: a lone "0" is no leading zero.
    if (nsn.size() > 1 && nsn[0] == '0') {
      number->set_italian_leading_zero(true);
      size_t zeros = 1;
      while (zeros < nsn.size() - 1 && nsn[zeros] == '0') ++zeros;
      if (zeros != 1) number->set_number_of_leading_zeros(static_cast<int>(zeros));
    }
    uint64_t value = 0;
    for (char c : nsn) value = value * 10 + static_cast<uint64_t>(c - '0');
    number->set_national_number(value);
    *error = PhoneNumberUtil::NO_PARSING_ERROR;
    return true;
  }
};

PhoneFormat::PhoneFormat() : tables_(std::make_unique<Tables>()) {
  // Unreadable metadata leaves every calling code to PhoneNumberUtil.
  const phone::CallingCodeMetadata metadata;
  for (int cc : metadata.codes()) {
    auto code = std::make_unique<Code>();
    if (const std::vector<const PhoneMetadata*>& regions = metadata.Regions(cc); !regions.empty()) {
      code->format_ok = code->BuildFormat(*regions[0], cc);
      code->parse_ok = code->BuildParse(*regions[0]);
    }
    tables_->codes[static_cast<size_t>(cc)] = std::move(code);
  }
}

PhoneFormat::~PhoneFormat() = default;

const PhoneFormat& PhoneFormat::Get() {
  static const PhoneFormat format;
  return format;
}

void PhoneFormat::Format(const PhoneNumber& number, PhoneNumberUtil::PhoneNumberFormat format, std::string* out) const {
  if (!tables_->Format(number, format, out)) PhoneNumberUtil::GetInstance()->Format(number, format, out);
}

PhoneNumberUtil::ErrorType PhoneFormat::ParseInternational(std::string_view digits, PhoneNumber* number) const {
  PhoneNumberUtil::ErrorType error;
  if (tables_->Parse(digits, number, &error)) return error;
  std::string plus = "+";
  plus.append(digits);
  return PhoneNumberUtil::GetInstance()->Parse(plus, "ZZ", number);
}

}  // namespace winnow::pii
