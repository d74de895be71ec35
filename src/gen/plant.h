// Planter: appends the planted items to chat text and records each one's
// kind, place and truth members: copies of works (verbatim and edited), hard
// negatives, publisher references, paywall-workaround requests and personal
// data. Every span is recorded in bytes of the field being written; the
// generator turns them into code points when it writes truth.jsonl.
// Not thread-safe (holds scratch buffers); one Planter per thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gen/chat.h"
#include "gen/copy_edit.h"
#include "gen/rng.h"
#include "gen/works.h"

namespace winnow::gen {

// Where text is being appended: the field's text and the entry's plants.
struct FieldSink {
  std::string* text;
  Field field;
  int tool_index;
  std::vector<Plant>* plants;
};

class Planter {
 public:
  Planter(const WorkSet* works, std::vector<double> edit_rates);

  // Makes work i (or a random one) the subject of the calls below.
  void UseWork(uint64_t i);
  void UseRandomWork(Rng* rng);
  const WorkProfile& work() const { return profile_; }

  // A passage of the current work, framed as the field's place calls for
  // (an answer quoting it, a user pasting it, a fetched page showing it).
  void Copy(const FieldSink& sink, Rng* rng);
  // An answer about the current work's story that copies no long run of it.
  void Negative(const FieldSink& sink, Rng* rng);
  // A question about the current work's story; plants nothing.
  void NewsQuestion(const FieldSink& sink, Rng* rng);
  void HeadlineRequest(const FieldSink& sink, Rng* rng);
  void PublisherRef(const FieldSink& sink, Rng* rng);
  void Paywall(const FieldSink& sink, Rng* rng);
  // One sentence with personal data, as a user (or, if model_side, the
  // model) would write it.
  void Pii(const FieldSink& sink, bool model_side, Rng* rng);
  // A browser tool call about the current work (plants nothing).
  void SearchCall(std::string* out, Rng* rng);

 private:
  void EnsureText();
  void ExpandPlanted(std::string_view tmpl, const FieldSink& sink, Rng* rng);
  void AddPlant(const FieldSink& sink, std::string_view kind, size_t begin, size_t end,
                std::string members);
  void AddPublisherRef(const FieldSink& sink, std::string_view ref, size_t begin, size_t end,
                       bool with_work);
  void AddNonPersonal(const FieldSink& sink, std::string_view type, size_t begin, size_t end);
  void AppendPassage(const FieldSink& sink, size_t min_words, size_t max_words, double whole_share,
                     bool mostly_verbatim, Rng* rng);

  const WorkSet* works_;
  std::vector<double> edit_rates_;
  uint64_t work_index_ = UINT64_MAX;
  bool have_text_ = false;
  WorkProfile profile_;
  std::string text_;
  std::vector<WorkToken> tokens_;
  int person_ = 0;  // the person a {P} slot last named
};

}  // namespace winnow::gen
