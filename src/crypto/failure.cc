#include "crypto/failure.h"

#include "winnow/age.h"

namespace winnow::age {
namespace {

constexpr char kHeaderTag[] = "age header: ";
constexpr char kMacTag[] = "age header MAC: ";
constexpr char kNoMatchTag[] = "age no match: ";
constexpr char kPayloadTag[] = "age payload: ";

}  // namespace

Status HeaderFailure(const std::string& detail) { return Status::Corruption(kHeaderTag + detail); }
Status UnsupportedHeader(const std::string& detail) { return Status::Unsupported(kHeaderTag + detail); }
Status MacFailure(const std::string& detail) { return Status::Corruption(kMacTag + detail); }
Status NoMatchFailure(const std::string& detail) { return Status::NotFound(kNoMatchTag + detail); }
Status PayloadFailure(const std::string& detail) { return Status::Corruption(kPayloadTag + detail); }

Failure FailureOf(const Status& status) {
  if (status.ok()) return Failure::kNone;
  const std::string& m = status.message();
  // "age header MAC: " does not contain "age header: ", so order is free.
  if (m.find(kMacTag) != std::string::npos) return Failure::kHmac;
  if (m.find(kHeaderTag) != std::string::npos) return Failure::kHeader;
  if (m.find(kNoMatchTag) != std::string::npos) return Failure::kNoMatch;
  if (m.find(kPayloadTag) != std::string::npos) return Failure::kPayload;
  return Failure::kOther;
}

const char* FailureName(Failure failure) {
  switch (failure) {
    case Failure::kNone: return "success";
    case Failure::kNoMatch: return "no match";
    case Failure::kHeader: return "header failure";
    case Failure::kHmac: return "HMAC failure";
    case Failure::kPayload: return "payload failure";
    case Failure::kOther: return "other failure";
  }
  return "other failure";
}

}  // namespace winnow::age
