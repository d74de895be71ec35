// Pieces shared by the two pii filters (pii_filter.cc, pii_redact.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pii/engine.h"
#include "pii/pii_config.h"
#include "winnow/pii.h"

namespace winnow::pii {

// The config file's settings with the command line's on top.
StatusOr<PiiConfig> ResolveConfig(const PiiFilterOptions& options);

// Code-point offsets of byte offsets that only grow (findings sorted by
// begin, non-overlapping): one pass over the text for all of them.
class CodePointCursor {
 public:
  explicit CodePointCursor(std::string_view text) : text_(text) {}
  // REQUIRES: `byte` >= the previous call's, and <= text.size().
  uint32_t At(uint32_t byte);

 private:
  std::string_view text_;
  uint32_t byte_ = 0, cp_ = 0;
};

// The PERSON values found so far in one conversation, for the detector's
// "names already found" cue. Reset when the conversation changes.
class ConversationNames {
 public:
  // Starts over unless `conversation_id` is the current one (empty: a
  // record of its own).
  void Enter(std::string_view conversation_id);
  void Add(std::string_view text, const std::vector<Finding>& found);
  const std::vector<std::string>* names() const { return names_.empty() ? nullptr : &names_; }

 private:
  std::string conversation_;
  std::vector<std::string> names_;
};

}  // namespace winnow::pii
