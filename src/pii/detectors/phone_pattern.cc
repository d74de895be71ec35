#include "pii/detectors/phone_pattern.h"

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
using i18n::phonenumbers::PhoneNumberUtil;
using phone::DigitPattern;
using phone::Match;

constexpr int kMaxCallingCode = 1000;  // calling codes have 1 to 3 digits

// Parses the regular expressions of the metadata: digits, \d, classes of
// digits and ranges, (?:...), capturing (...), |, ?, {n} / {n,m} and $.
// That is all 8.12 uses; anything else fails (and PhoneNumberUtil answers).
class Parser {
 public:
  struct Node {
    enum Kind { kDigits, kSeq, kAlt, kRepeat, kGroup, kEnd };
    explicit Node(Kind k = kSeq) : kind(k) {}
    Kind kind;
    uint16_t mask = 0;  // kDigits: bit d for digit d
    int min = 0, max = 0;
    size_t group = 0;  // kGroup: its number, in the order of the '('s (ICU's)
    std::vector<Node> kids;
  };

  explicit Parser(std::string_view s) : s_(s) {}
  bool Parse(Node* root) {
    *root = Alt();
    return ok_ && i_ == s_.size();
  }
  size_t groups() const { return groups_; }

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
    // Lazy or possessive modifiers, a quantifier of a quantifier, or of $.
    if (i_ < s_.size() && (s_[i_] == '?' || s_[i_] == '+' || s_[i_] == '{' || s_[i_] == '*')) ok_ = false;
    ok_ = ok_ && atom.kind != Node::kEnd;
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
      const bool capturing = !Eat('?');
      ok_ = ok_ && (capturing || Eat(':'));
      const size_t group = capturing ? ++groups_ : 0;
      ok_ = ok_ && groups_ <= DigitPattern::kMaxGroups;
      if (ok_) n = Alt();
      ok_ = ok_ && Eat(')');
      if (capturing) {
        Node g(Node::kGroup);
        g.group = group;
        g.kids.push_back(std::move(n));
        return g;
      }
    } else if (Eat('$')) {
      n.kind = Node::kEnd;
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
  size_t groups_ = 0;
  bool ok_ = true;
};

}  // namespace

namespace phone {

// Lays out a parsed pattern as DigitPattern's program. Alternatives and
// optional repeats become splits whose first branch (x) is the one ICU
// tries first: the left alternative, one more repeat (greedy).
class ProgramBuilder {
 public:
  using Inst = DigitPattern::Inst;
  explicit ProgramBuilder(std::vector<Inst>* prog) : prog_(*prog) {}

  void Emit(const Parser::Node& n) {
    switch (n.kind) {
      case Parser::Node::kDigits:
        prog_.push_back({DigitPattern::kDigit, n.mask});
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
          if (!last) prog_.push_back({DigitPattern::kSplit, 0, 0, 0, 0, Here() + 1});
          Emit(n.kids[k]);
          if (last) break;
          jumps.push_back(prog_.size());
          prog_.push_back({DigitPattern::kJmp});
          prog_[split].y = Here();
        }
        for (size_t j : jumps) prog_[j].x = Here();
        break;
      }
      case Parser::Node::kRepeat: {
        for (int i = 0; i < n.min; ++i) Emit(n.kids[0]);
        // x{0,k}: split body, end; body: x; split body2, end; ...; end:
        std::vector<size_t> exits;
        for (int i = n.min; i < n.max; ++i) {
          exits.push_back(prog_.size());
          prog_.push_back({DigitPattern::kSplit, 0, 0, 0, 0, Here() + 1});
          Emit(n.kids[0]);
        }
        for (size_t e : exits) prog_[e].y = Here();
        break;
      }
      case Parser::Node::kGroup:
        prog_.push_back({DigitPattern::kSave, static_cast<uint16_t>(2 * n.group), 0, 0, 0, Here() + 1});
        Emit(n.kids[0]);
        prog_.push_back({DigitPattern::kSave, static_cast<uint16_t>(2 * n.group + 1), 0, 0, 0, Here() + 1});
        break;
      case Parser::Node::kEnd:
        prog_.push_back({DigitPattern::kEnd, 0, 0, 0, 0, Here() + 1});
        break;
    }
  }

  // Each instruction's first digits and shortest and longest rest, from
  // the end back. False when a jump goes backwards (Emit() never makes one).
  bool Annotate() {
    for (size_t i = prog_.size(); i-- > 0;) {
      Inst& in = prog_[i];
      if (in.op == DigitPattern::kMatch) continue;
      const size_t next = in.op == DigitPattern::kDigit ? i + 1 : in.x;
      const size_t other = in.op == DigitPattern::kSplit ? in.y : next;
      if (next <= i || other <= i || other >= prog_.size()) return false;
      const Inst& a = prog_[next];
      const Inst& b = prog_[other];
      const int step = in.op == DigitPattern::kDigit ? 1 : 0;
      in.first = in.op == DigitPattern::kDigit ? in.mask : static_cast<uint16_t>(a.first | b.first);
      in.min = static_cast<uint8_t>(std::min(std::min(a.min, b.min) + step, 255));
      in.max = static_cast<uint8_t>(std::min(std::max(a.max, b.max) + step, 255));
      if (in.op == DigitPattern::kEnd) in.first = in.max = 0;  // nothing is read after the end
    }
    return true;
  }

 private:
  uint32_t Here() const { return static_cast<uint32_t>(prog_.size()); }
  std::vector<Inst>& prog_;
};

bool DigitPattern::Compile(std::string_view regex) {
  Parser::Node root;
  Parser parser(regex);
  if (!parser.Parse(&root)) return false;
  prog_.clear();
  ProgramBuilder builder(&prog_);
  builder.Emit(root);
  prog_.push_back({kMatch});
  groups_ = parser.groups();
  return prog_.size() <= (1u << 20) && builder.Annotate();
}

Match DigitPattern::Run(std::string_view digits, bool prefix) const { return Exec<false>(digits, 0, prefix, nullptr); }

Match DigitPattern::LookingAt(std::string_view digits, size_t start, Groups* groups) const {
  return Exec<true>(digits, start, true, groups);
}

template <bool kCapture>
Match DigitPattern::Exec(std::string_view digits, size_t start, bool prefix, Groups* groups) const {
  using Slots = decltype(Groups::at);
  // A branch to try on failure, with the groups as they were there (ICU
  // saves its whole state so, too).
  struct Branch {
    uint32_t pc, pos;
    Slots at;
  };
  std::array<Branch, 128> stack;
  size_t depth = 0;
  int budget = 20000;
  const size_t n = digits.size();
  if (n > kMaxInput || start > n) return Match::kGaveUp;
  Slots at;
  if constexpr (kCapture) at.fill(kUnset);
  // Whether a match can still be reached from `pc` having read `pos`.
  auto viable = [&](uint32_t pc, uint32_t pos) {
    const Inst& in = prog_[pc];
    const size_t left = n - pos;
    if (in.min > left) return false;
    if (prefix && in.min == 0) return true;
    if (!prefix && left > in.max) return false;
    return left == 0 || ((in.first >> (digits[pos] - '0')) & 1u) != 0;
  };
  uint32_t pc = 0, pos = static_cast<uint32_t>(start);
  if (!viable(pc, pos)) return Match::kNo;
  for (;;) {
    // Follow one path; viable(pc, pos) holds here.
    for (;;) {
      if (--budget < 0) return Match::kGaveUp;
      const Inst& in = prog_[pc];
      if (in.op == kMatch) {
        if constexpr (kCapture) {
          at[0] = static_cast<uint8_t>(start);
          at[1] = static_cast<uint8_t>(pos);
          groups->at = at;
        }
        return Match::kYes;
      }
      if (in.op == kEnd && pos != n) break;
      if constexpr (kCapture) {
        if (in.op == kSave) at[in.mask] = static_cast<uint8_t>(pos);
      }
      if (in.op == kSplit && viable(in.y, pos)) {
        if (depth == stack.size()) return Match::kGaveUp;
        stack[depth].pc = in.y;
        stack[depth].pos = pos;
        if constexpr (kCapture) stack[depth].at = at;
        ++depth;
      }
      pos += in.op == kDigit ? 1 : 0;
      pc = in.op == kDigit ? pc + 1 : in.x;
      if (!viable(pc, pos)) break;
    }
    if (depth == 0) return Match::kNo;
    --depth;
    pc = stack[depth].pc;
    pos = stack[depth].pos;
    if constexpr (kCapture) at = stack[depth].at;
  }
}

CallingCodeMetadata::CallingCodeMetadata()
    : collection_(std::make_unique<PhoneMetadataCollection>()), regions_(kMaxCallingCode) {
  if (!collection_->ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size())) return;
  std::map<std::string, const PhoneMetadata*, std::less<>> by_region;
  std::map<int, const PhoneMetadata*> non_geographical;  // region "001", by calling code
  for (const PhoneMetadata& m : collection_->metadata()) {
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
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::set<int> codes;
  util.GetSupportedCallingCodes(&codes);
  for (int cc : codes) {
    if (cc <= 0 || cc >= kMaxCallingCode) continue;
    codes_.push_back(cc);
    std::list<std::string> names;
    util.GetRegionCodesForCountryCallingCode(cc, &names);
    std::vector<const PhoneMetadata*>& rs = regions_[static_cast<size_t>(cc)];
    for (const std::string& name : names) {
      const bool non_geo = name == PhoneNumberUtil::kRegionCodeForNonGeoEntity;
      const PhoneMetadata* m = non_geo ? find(non_geographical, cc) : find(by_region, name);
      if (m == nullptr) {
        rs.clear();
        break;
      }
      rs.push_back(m);
    }
  }
}

CallingCodeMetadata::~CallingCodeMetadata() = default;

const std::vector<const PhoneMetadata*>& CallingCodeMetadata::Regions(int cc) const {
  static const std::vector<const PhoneMetadata*> kNone;
  return cc > 0 && cc < kMaxCallingCode ? regions_[static_cast<size_t>(cc)] : kNone;
}

}  // namespace phone

}  // namespace winnow::pii
