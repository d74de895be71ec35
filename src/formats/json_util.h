// Helpers shared by the format parsers: reading simdjson on-demand values
// into the data model with errors that name the field, and time parsing.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "winnow/conversation.h"

namespace winnow::formats {

namespace od = simdjson::ondemand;

// "a string", "a number", ... for messages.
const char* JsonTypeName(od::json_type type);

// Appends the value as JSON text (objects and arrays whole) to *out.
// Returns false on a JSON error.
bool RawJson(od::value value, std::string* out);

// Adds `key` with the value's raw JSON to *meta. Returns false on a JSON error.
bool AddRawMeta(std::string_view key, od::value value, std::vector<MetaField>* meta);
void AddStringMeta(std::string_view key, std::string_view value, std::vector<MetaField>* meta);

// Reads a string, or leaves *out empty for null. On any other type sets
// *reason to "<field>: expected a string, got <type>" and returns false.
bool GetOptionalString(od::value value, std::string_view field, std::string* out, std::string* reason);

// Seconds since the epoch from a number (seconds, or milliseconds when above
// 1e11) or an RFC 3339 / "YYYY-MM-DD HH:MM:SS" string; -1 for null or a
// value that is not a time (never an error: times are metadata).
double GetTime(od::value value);
double ParseTimeString(std::string_view s);

// Formats a simdjson error for a field: "<field>: <what>".
std::string FieldError(std::string_view field, simdjson::error_code error);

}  // namespace winnow::formats
