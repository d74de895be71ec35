// Status and StatusOr<T>: how winnow reports an operation that can fail.
//
// A Status is either OK or a code plus a message that names the file, line
// and field involved. Errors that end a whole operation travel as a Status;
// expected bad data (a malformed record) is counted and quarantined instead
// and never becomes a Status. Both types are cheap to move and are not
// thread-safe to mutate concurrently (like any value type).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace winnow {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller passed something unusable (flag, option)
  kNotFound,         // a file or key that must exist does not
  kIoError,          // the operating system refused a read or write
  kCorruption,       // stored data fails a check (hash, MAC, format)
  kPermissionDenied, // e.g. an identity file readable by others
  kAlreadyExists,
  kUnsupported,      // a valid input winnow does not handle
  kInternal,         // a bug: an invariant did not hold
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {StatusCode::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status PermissionDenied(std::string msg) { return {StatusCode::kPermissionDenied, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) { return {StatusCode::kAlreadyExists, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {StatusCode::kUnsupported, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "Corruption: vault/seg-0001.age: block 3: MAC mismatch", or "OK".
  std::string ToString() const;

  // The same code, the message after "context: " (OK stays OK).
  Status Prefixed(std::string_view context) const {
    return ok() ? *this : Status(code_, std::string(context) + ": " + message_);
  }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A T or the Status that explains why there is none.
// REQUIRES: the Status passed to the error constructor is not OK.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT
  StatusOr(T value) : value_(std::move(value)) {}                                  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace winnow

// Returns early from the enclosing function with the Status if it is not OK.
#define WINNOW_RETURN_IF_ERROR(expr)               \
  do {                                             \
    ::winnow::Status winnow_status_ = (expr);      \
    if (!winnow_status_.ok()) return winnow_status_; \
  } while (0)

#define WINNOW_CONCAT_INNER_(a, b) a##b
#define WINNOW_CONCAT_(a, b) WINNOW_CONCAT_INNER_(a, b)
// Declares `lhs` from a StatusOr, or returns its Status from the function.
#define WINNOW_ASSIGN_OR_RETURN(lhs, expr)                               \
  auto WINNOW_CONCAT_(winnow_or_, __LINE__) = (expr);                    \
  if (!WINNOW_CONCAT_(winnow_or_, __LINE__).ok())                        \
    return WINNOW_CONCAT_(winnow_or_, __LINE__).status();                \
  lhs = std::move(WINNOW_CONCAT_(winnow_or_, __LINE__)).value()
