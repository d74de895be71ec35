#include "pii/detectors/phone_valid.h"

#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// Defined in libphonenumber, whose metadata.h is not installed: the
// serialized PhoneMetadataCollection that PhoneNumberUtil loads itself.
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace winnow::pii {
namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberDesc;
using i18n::phonenumbers::PhoneNumberUtil;

// A match, or no match, or a search that ran past its budget (then
// PhoneNumberUtil answers; never seen with the metadata of 8.12).
enum class Match { kNo, kYes, kGaveUp };

// Parses the regular expressions of the metadata: digits, \d, classes of
// digits and ranges, (?:...), |, ? and {n} / {n,m}. That is all 8.12 uses;
// anything else fails (and PhoneNumberUtil answers for that calling code).
class Parser {
 public:
  struct Node {
    enum Kind { kDigits, kSeq, kAlt, kRepeat };
    explicit Node(Kind k = kSeq) : kind(k) {}
    Kind kind;
    uint16_t mask = 0;  // kDigits: bit d for digit d
    int min = 0, max = 0;
    std::vector<Node> kids;
  };

  explicit Parser(std::string_view s) : s_(s) {}
  bool Parse(Node* root) {
    *root = Alt();
    return ok_ && i_ == s_.size();
  }

 private:
  Node Alt() {
    Node n(Node::kAlt);
    n.kids.push_back(Seq());
    while (ok_ && Eat('|')) n.kids.push_back(Seq());
    return n;
  }
  Node Seq() {
    Node n(Node::kSeq);
    while (ok_ && i_ < s_.size() && s_[i_] != '|' && s_[i_] != ')') n.kids.push_back(Quantified());
    return n;
  }
  Node Quantified() {
    Node atom = Atom();
    int min = 1, max = 1;
    if (Eat('?')) {
      min = 0;
    } else if (Eat('{')) {
      min = max = Number();
      if (Eat(',')) max = Number();
      ok_ = ok_ && Eat('}') && min <= max && max <= 64;
    } else {
      return atom;
    }
    // Lazy or possessive modifiers, or a quantifier of a quantifier.
    if (i_ < s_.size() && (s_[i_] == '?' || s_[i_] == '+' || s_[i_] == '{' || s_[i_] == '*')) ok_ = false;
    Node n(Node::kRepeat);
    n.min = min;
    n.max = max;
    n.kids.push_back(std::move(atom));
    return n;
  }
  Node Atom() {
    Node n(Node::kDigits);
    if (i_ < s_.size() && IsDigit(s_[i_])) {
      n.mask = Bit(s_[i_++]);
    } else if (Eat('\\')) {
      ok_ = ok_ && Eat('d');
      n.mask = 0x3ff;
    } else if (Eat('[')) {
      while (ok_ && i_ < s_.size() && IsDigit(s_[i_])) {
        const char lo = s_[i_++];
        char hi = lo;
        if (Eat('-')) ok_ = ok_ && i_ < s_.size() && IsDigit(hi = s_[i_++]) && lo <= hi;
        for (char c = lo; ok_ && c <= hi; ++c) n.mask |= Bit(c);
      }
      ok_ = ok_ && Eat(']') && n.mask != 0;
    } else if (Eat('(')) {
      ok_ = ok_ && Eat('?') && Eat(':');
      if (ok_) n = Alt();
      ok_ = ok_ && Eat(')');
    } else {
      ok_ = false;
    }
    return n;
  }
  int Number() {
    int v = 0;
    if (i_ >= s_.size() || !IsDigit(s_[i_])) ok_ = false;
    while (ok_ && i_ < s_.size() && IsDigit(s_[i_]) && v < 1000) v = v * 10 + (s_[i_++] - '0');
    return v;
  }
  bool Eat(char c) {
    if (i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  static uint16_t Bit(char c) { return static_cast<uint16_t>(1u << (c - '0')); }

  std::string_view s_;
  size_t i_ = 0;
  bool ok_ = true;
};

// A pattern as a program for a backtracking matcher: with no unbounded
// repeats every jump goes forward, so each instruction knows which digits
// can come next and how many digits are left to read before the end of a
// match, and the search drops a path as soon as the input rules it out.
class DigitPattern {
 public:
  // False when `regex` is not of the metadata's syntax.
  bool Compile(std::string_view regex) {
    Parser::Node root;
    if (!Parser(regex).Parse(&root)) return false;
    prog_.clear();
    Emit(root);
    prog_.push_back({kMatch});
    if (prog_.size() > (1u << 20)) return false;
    for (size_t i = prog_.size(); i-- > 0;) {
      Inst& in = prog_[i];
      if (in.op == kMatch) continue;
      const size_t next = in.op == kDigit ? i + 1 : in.x, other = in.op == kSplit ? in.y : next;
      if (next <= i || other <= i || other >= prog_.size()) return false;  // Emit() jumps forward only
      const Inst& a = prog_[next];
      const Inst& b = prog_[other];
      const int step = in.op == kDigit ? 1 : 0;
      in.first = in.op == kDigit ? in.mask : static_cast<uint16_t>(a.first | b.first);
      in.min = static_cast<uint8_t>(std::min(std::min(a.min, b.min) + step, 255));
      in.max = static_cast<uint8_t>(std::min(std::max(a.max, b.max) + step, 255));
    }
    return true;
  }

  // Whether the whole of `digits` matches (`prefix`: some prefix of it).
  Match Run(std::string_view digits, bool prefix) const {
    struct Branch {
      uint32_t pc, pos;
    };
    std::array<Branch, 128> stack;
    size_t depth = 0;
    int budget = 20000;
    const size_t n = digits.size();
    // Whether a match can still be reached from `pc` having read `pos`.
    auto viable = [&](uint32_t pc, uint32_t pos) {
      const Inst& in = prog_[pc];
      const size_t left = n - pos;
      if (in.min > left) return false;
      if (prefix && in.min == 0) return true;
      if (!prefix && left > in.max) return false;
      return left == 0 || ((in.first >> (digits[pos] - '0')) & 1u) != 0;
    };
    uint32_t pc = 0, pos = 0;
    if (!viable(pc, pos)) return Match::kNo;
    for (;;) {
      // Follow one path; viable(pc, pos) holds here.
      for (;;) {
        if (--budget < 0) return Match::kGaveUp;
        const Inst& in = prog_[pc];
        if (in.op == kMatch) return Match::kYes;
        if (in.op == kSplit && viable(in.y, pos)) {
          if (depth == stack.size()) return Match::kGaveUp;
          stack[depth++] = {in.y, pos};
        }
        pos += in.op == kDigit ? 1 : 0;
        pc = in.op == kDigit ? pc + 1 : in.x;
        if (!viable(pc, pos)) break;
      }
      if (depth == 0) return Match::kNo;
      --depth;
      pc = stack[depth].pc;
      pos = stack[depth].pos;
    }
  }

 private:
  enum Op : uint8_t { kDigit, kSplit, kJmp, kMatch };
  struct Inst {
    Op op;
    uint16_t mask = 0;   // kDigit: the digits it reads
    uint16_t first = 0;  // the digits the next read can take, on some path to kMatch
    uint8_t min = 0;     // digits read on the shortest and longest paths to kMatch
    uint8_t max = 0;
    uint32_t x = 0;  // kJmp, kSplit: the next instruction
    uint32_t y = 0;  // kSplit: the other one
  };

  void Emit(const Parser::Node& n) {
    switch (n.kind) {
      case Parser::Node::kDigits:
        prog_.push_back({kDigit, n.mask});
        break;
      case Parser::Node::kSeq:
        for (const Parser::Node& k : n.kids) Emit(k);
        break;
      case Parser::Node::kAlt: {
        // split L1, next; L1: a; jmp end; next: split L2, ...; last: z; end:
        std::vector<size_t> jumps;
        for (size_t k = 0; k < n.kids.size(); ++k) {
          const bool last = k + 1 == n.kids.size();
          const size_t split = prog_.size();
          if (!last) prog_.push_back({kSplit, 0, 0, 0, 0, static_cast<uint32_t>(split + 1)});
          Emit(n.kids[k]);
          if (last) break;
          jumps.push_back(prog_.size());
          prog_.push_back({kJmp});
          prog_[split].y = static_cast<uint32_t>(prog_.size());
        }
        for (size_t j : jumps) prog_[j].x = static_cast<uint32_t>(prog_.size());
        break;
      }
      case Parser::Node::kRepeat: {
        for (int i = 0; i < n.min; ++i) Emit(n.kids[0]);
        // x{0,k}: split body, end; body: x; split body2, end; ...; end:
        std::vector<size_t> exits;
        for (int i = n.min; i < n.max; ++i) {
          exits.push_back(prog_.size());
          prog_.push_back({kSplit, 0, 0, 0, 0, static_cast<uint32_t>(prog_.size() + 1)});
          Emit(n.kids[0]);
        }
        for (size_t e : exits) prog_[e].y = static_cast<uint32_t>(prog_.size());
        break;
      }
    }
  }

  std::vector<Inst> prog_;
};

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

constexpr int kMaxCallingCode = 1000;  // calling codes have 1 to 3 digits
constexpr size_t kMaxNsn = 63;         // longest national number judged here (a uint64_t length mask)

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
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneMetadataCollection metadata;
  // Unreadable metadata leaves every calling code to PhoneNumberUtil.
  if (!metadata.ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size())) return;
  std::map<std::string, const PhoneMetadata*, std::less<>> by_region;
  std::map<int, const PhoneMetadata*> non_geographical;  // region "001", by calling code
  for (const PhoneMetadata& m : metadata.metadata()) {
    if (m.id() == PhoneNumberUtil::kRegionCodeForNonGeoEntity) {
      non_geographical.emplace(m.country_code(), &m);
    } else {
      by_region.emplace(m.id(), &m);
    }
  }
  auto find = [](const auto& map, const auto& key) -> const PhoneMetadata* {
    const auto it = map.find(key);
    return it == map.end() ? nullptr : it->second;
  };
  std::set<int> codes;
  util.GetSupportedCallingCodes(&codes);
  for (int cc : codes) {
    if (cc <= 0 || cc >= kMaxCallingCode) continue;
    std::list<std::string> names;
    util.GetRegionCodesForCountryCallingCode(cc, &names);
    std::vector<Region> rs;
    for (const std::string& name : names) {
      const bool non_geo = name == PhoneNumberUtil::kRegionCodeForNonGeoEntity;
      const PhoneMetadata* m = non_geo ? find(non_geographical, cc) : find(by_region, name);
      if (m == nullptr || !rs.emplace_back().Build(*m, non_geo, cc, names.size() > 1)) {
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
