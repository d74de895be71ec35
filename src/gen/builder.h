// ConversationBuilder: draws conversation i of a workload (turn count,
// language, topic, user, model, times) and fills each entry with everyday
// text and, at the configured rates, planted items. Conversation i depends
// only on the options and i. Not thread-safe (owns a Planter); one builder
// per thread.
#pragma once

#include <cstdint>
#include <string>

#include "gen/chat.h"
#include "gen/plant.h"
#include "gen/works.h"
#include "winnow/gen.h"

namespace winnow::gen {

class ConversationBuilder {
 public:
  // `works` must outlive the builder.
  ConversationBuilder(const GenOptions& options, const WorkSet* works);

  // Replaces *conv with conversation `index`. With plant == false nothing is
  // planted (used for records that are written malformed).
  void Build(uint64_t index, bool plant, GenConversation* conv);

  // The id that conversation `index` carries, in the format's id style.
  std::string ConversationId(uint64_t index) const;

 private:
  void BuildEntry(Rng* rng, int topic, bool plant, GenConversation* conv, GenEntry* e);
  void Separate(Rng* rng, std::string* text);

  const GenOptions& options_;
  const WorkSet* works_;
  Planter planter_;
};

}  // namespace winnow::gen
