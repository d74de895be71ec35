#include "gen/corrupt.h"

namespace winnow::gen {
namespace {

// The first place inside a message string where bytes can be inserted.
size_t StringInsertPoint(const std::string& r) {
  static constexpr std::string_view kKeys[] = {"\"parts\":[\"", "\"content\":\"", "\"value\":\"", "\"title\":\""};
  for (std::string_view k : kKeys) {
    size_t p = r.find(k);
    if (p != std::string::npos) return p + k.size();
  }
  size_t p = r.find('"');  // the first key: always inside a string
  return p == std::string::npos ? 0 : p + 1;
}

}  // namespace

const char* FaultName(Fault f) {
  switch (f) {
    case Fault::kNone: return "none";
    case Fault::kBrokenJson: return "broken_json";
    case Fault::kInvalidUtf8: return "invalid_utf8";
    case Fault::kBadEscape: return "bad_escape";
    case Fault::kWrongType: return "wrong_type";
    case Fault::kMissingField: return "missing_field";
    case Fault::kTruncated: return "truncated";
    case Fault::kDeepNesting: return "deep_nesting";
    case Fault::kDuplicateId: return "duplicate_id";
  }
  return "?";
}

Fault DrawFault(uint64_t seed, uint64_t index, double rate, bool json_lines, bool last) {
  if (rate <= 0) return Fault::kNone;
  Rng rng(StreamSeed(seed, kStreamCorrupt, index));
  if (!rng.Chance(rate)) return Fault::kNone;
  if (json_lines) {
    static constexpr Fault kLines[] = {Fault::kBrokenJson, Fault::kInvalidUtf8, Fault::kBadEscape,
                                       Fault::kWrongType,  Fault::kMissingField, Fault::kTruncated,
                                       Fault::kDeepNesting, Fault::kDuplicateId};
    return rng.Pick(kLines);
  }
  static constexpr Fault kArray[] = {Fault::kInvalidUtf8, Fault::kBadEscape, Fault::kWrongType,
                                     Fault::kMissingField, Fault::kDuplicateId, Fault::kTruncated};
  Fault f = rng.Pick(kArray);
  if (f == Fault::kTruncated && !last) f = Fault::kWrongType;
  return f;
}

Mutation MutationFor(Fault f) {
  switch (f) {
    case Fault::kWrongType: return Mutation::kWrongType;
    case Fault::kMissingField: return Mutation::kMissingField;
    case Fault::kDeepNesting: return Mutation::kDeepNesting;
    default: return Mutation::kNone;
  }
}

void ApplyFault(Fault f, Rng* rng, std::string* r) {
  switch (f) {
    case Fault::kBrokenJson: {
      switch (rng->Below(3)) {
        case 0: {  // {"id" "x", ...
          size_t colon = r->find("\":");
          if (colon != std::string::npos) (*r)[colon + 1] = ' ';
          break;
        }
        case 1: {  // ..., "last": 1,}
          size_t close = r->rfind('}');
          if (close != std::string::npos) r->insert(close, 1, ',');
          break;
        }
        default:  // {id": ...
          if (r->size() > 1 && (*r)[1] == '"') r->erase(1, 1);
          break;
      }
      return;
    }
    case Fault::kInvalidUtf8: {
      static constexpr std::string_view kBad[] = {"\xFF", "\xC3\x28", "\xED\xA0\x80", "\xE2\x82", "\xF8\x88\x80\x80\x80",
                                                  "\xC0\xAF"};
      r->insert(StringInsertPoint(*r), rng->Pick(kBad));
      return;
    }
    case Fault::kBadEscape: {
      static constexpr std::string_view kEscapes[] = {"\\q", "\\x41", "\\u12G4", "\\U0001F600"};
      r->insert(StringInsertPoint(*r), rng->Pick(kEscapes));
      return;
    }
    case Fault::kTruncated: {
      size_t n = r->size();
      size_t cut = n / 10 + rng->Below(static_cast<uint32_t>(std::max<size_t>(1, n * 8 / 10)));
      r->resize(std::min(cut, n - 1));
      return;
    }
    default:
      return;
  }
}

}  // namespace winnow::gen
