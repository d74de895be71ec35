// RecordParser: turns one record (a parsed JSON document) of one chat-log
// format into a Conversation. One implementation per format; each is
// stateless between records apart from reused buffers, and not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "formats/json_util.h"
#include "winnow/chat_reader.h"
#include "winnow/conversation.h"

namespace winnow::formats {

class RecordParser {
 public:
  virtual ~RecordParser() = default;
  // Parses `doc`, whose bytes are `raw`, into *conv (cleared first). On
  // failure returns false and sets *reason to a message naming the field.
  virtual bool Parse(od::document& doc, std::string_view raw, Conversation* conv,
                     std::string* reason) = 0;
};

// REQUIRES: format != kAuto.
std::unique_ptr<RecordParser> NewRecordParser(ChatFormat format);

// The format whose telltale key the record's top-level object has
// ("mapping", "messages", "conversations", "conversation", "instruction" or
// "prompt"), or kAuto when none or the record is not an object.
ChatFormat DetectRecordFormat(od::document& doc);

// Maps a role name from any format ("human", "gpt", "developer", ...).
// Returns false for an unknown name.
bool MapRole(std::string_view name, Role* role);

// Reads message content: a string, null, or an array of parts (strings or
// objects with "type" and "text"; other parts become "[type]" placeholders
// and are listed in *turn's meta as "attachments"). Sets *reason on failure.
bool ReadContent(od::value value, std::string_view field, Turn* turn, std::string* reason);

// The list of messages of the linear formats: objects with a role key and a
// content key (role/content, from/value). Unknown keys of each message go to
// the turn's meta; "name", "timestamp"/"create_time" and "model" are read.
bool ReadTurnList(od::array messages, std::string_view field, std::string_view role_key,
                  std::string_view content_key, Conversation* conv, std::string* reason);

}  // namespace winnow::formats
