#include "gen/plant.h"

#include <algorithm>
#include <cmath>

#include "gen/lexicon.h"
#include "gen/pii_values.h"
#include "gen/text_util.h"
#include "util/json_writer.h"

namespace winnow::gen {
namespace {

constexpr std::string_view kNewsQuestions[] = {
    "What's the latest on {O1}?", "Can you tell me what happened with {O1} and {N}?",
    "Summarize recent developments about {N} in {K}.", "Why is {O1} in the news?",
    "Explain the controversy around {O1}.", "What do we know about {N} right now?",
    "Give me a quick rundown of the {O1} story.", "Is it true that {O1} {A} {X}?",
};

// Relative frequency of each personal-data type, in kPiiTemplates order.
constexpr double kPiiWeights[] = {20, 10, 10, 5, 5, 2, 4, 5, 3, 4, 3, 3, 3, 3, 3, 5, 8, 6, 4};
static_assert(std::size(kPiiWeights) == 19);

void AppendMember(std::string_view key, std::string_view value, std::string* m) {
  m->push_back(',');
  AppendJsonString(key, m);
  m->push_back(':');
  AppendJsonString(value, m);
}

void AppendMember(std::string_view key, uint64_t value, std::string* m) {
  m->push_back(',');
  AppendJsonString(key, m);
  m->push_back(':');
  AppendUint(value, m);
}

}  // namespace

Planter::Planter(const WorkSet* works, std::vector<double> edit_rates)
    : works_(works), edit_rates_(std::move(edit_rates)) {}

void Planter::UseWork(uint64_t i) {
  if (i == work_index_) return;
  work_index_ = i;
  have_text_ = false;
  works_->Profile(i, &profile_);
}

void Planter::UseRandomWork(Rng* rng) {
  UseWork(rng->Next() % works_->size());
}

void Planter::EnsureText() {
  if (have_text_) return;
  works_->Text(profile_, &text_);
  TokenizeWork(text_, &tokens_);
  have_text_ = true;
}

void Planter::AddPlant(const FieldSink& sink, std::string_view kind, size_t begin, size_t end,
                       std::string members) {
  Plant p;
  p.kind = kind;
  p.field = sink.field;
  p.tool_index = sink.tool_index;
  p.begin = begin;
  p.end = end;
  p.members = std::move(members);
  sink.plants->push_back(std::move(p));
}

void Planter::AddPublisherRef(const FieldSink& sink, std::string_view ref, size_t begin, size_t end,
                              bool with_work) {
  std::string m;
  AppendMember("ref", ref, &m);
  AppendMember("publisher", kPublishers[profile_.publisher].name, &m);
  if (with_work) AppendMember("work", profile_.id, &m);
  AppendMember("value", std::string_view(*sink.text).substr(begin, end - begin), &m);
  AddPlant(sink, "publisher_ref", begin, end, std::move(m));
}

// Personal-data-shaped text that names no private person: public figures of
// the news, places in the news, article and service URLs.
void Planter::AddNonPersonal(const FieldSink& sink, std::string_view type, size_t begin, size_t end) {
  std::string m;
  AppendMember("type", type, &m);
  AppendMember("value", std::string_view(*sink.text).substr(begin, end - begin), &m);
  m.append(",\"personal\":false");
  AddPlant(sink, "pii", begin, end, std::move(m));
}

void Planter::ExpandPlanted(std::string_view tmpl, const FieldSink& sink, Rng* rng) {
  const Publisher& pub = kPublishers[profile_.publisher];
  const NewsTopic& topic = kNewsTopics[profile_.topic];
  std::string* out = sink.text;
  Expand(tmpl, out, [&](std::string_view s, std::string*) {
    size_t b = out->size();
    if (s == "PUB") {
      out->append(pub.name);
      AddPublisherRef(sink, "name", b, out->size(), false);
    } else if (s == "DOM") {
      out->append(pub.domain);
      AddPublisherRef(sink, "domain", b, out->size(), false);
      AddNonPersonal(sink, "URL", b, out->size());
    } else if (s == "LINK") {
      out->append(profile_.url);
      AddPublisherRef(sink, "url", b, out->size(), true);
      AddNonPersonal(sink, "URL", b, out->size());
    } else if (s == "H") {
      out->append(profile_.title);
      AddPublisherRef(sink, "headline", b, out->size(), true);
    } else if (s == "SVC") {
      out->append(rng->Pick(kArchiveServices));
      AddNonPersonal(sink, "URL", b, out->size());
    } else if (s == "P") {
      person_ = static_cast<int>(rng->Below(static_cast<uint32_t>(profile_.people.size())));
      out->append(profile_.people[person_].full);
      AddNonPersonal(sink, "PERSON", b, out->size());
    } else if (s == "C") {
      out->append(profile_.cities[rng->Below(static_cast<uint32_t>(profile_.cities.size()))]);
      AddNonPersonal(sink, "LOCATION", b, out->size());
    } else if (s == "R") out->append(topic.roles[profile_.people[person_].role]);
    else if (s == "PO") out->append(profile_.orgs[profile_.people[person_].org]);
    else if (s == "O1") out->append(profile_.orgs[0]);
    else if (s == "O") out->append(profile_.orgs[rng->Below(static_cast<uint32_t>(profile_.orgs.size()))]);
    else if (s == "K") out->append(profile_.country);
    else if (s == "N") out->append(rng->Pick(topic.nouns));
    else if (s == "A") out->append(rng->Pick(topic.actions));
    else if (s == "X") out->append(rng->Pick(topic.objects));
    else if (s == "T") out->append(rng->Pick(topic.trends));
    else if (s == "Y") AppendUint(CivilFromDays(profile_.day).year - rng->Range(1, 10), out);
    else {
      size_t colon = s.find(':');
      std::string_view type = s.substr(0, colon);
      std::string_view hint = colon == std::string_view::npos ? std::string_view() : s.substr(colon + 1);
      std::string_view kind;
      if (!AppendPiiValue(type, hint, rng, out, &kind)) return;
      std::string m;
      AppendMember("type", type, &m);
      AppendMember("value", std::string_view(*out).substr(b), &m);
      if (!kind.empty()) AppendMember("subtype", kind, &m);
      m.append(",\"personal\":true");
      AddPlant(sink, "pii", b, out->size(), std::move(m));
    }
  });
}

void Planter::AppendPassage(const FieldSink& sink, size_t min_words, size_t max_words, double whole_share,
                            bool mostly_verbatim, Rng* rng) {
  EnsureText();
  const size_t n = tokens_.size();
  size_t words;
  bool whole = rng->Chance(whole_share);
  if (whole) {
    words = n;
  } else {
    // Log-uniform between the bounds: many short passages, some long ones.
    double lo = static_cast<double>(min_words), hi = static_cast<double>(max_words);
    words = static_cast<size_t>(lo * std::pow(hi / lo, rng->Uniform()));
    words = std::clamp<size_t>(words, 1, n);
    whole = words == n;
  }
  size_t first = whole ? 0 : rng->Below(static_cast<uint32_t>(n - words + 1));
  size_t last = first + words - 1;
  if (!whole && rng->Chance(0.6)) {
    // Most regurgitated passages start at a sentence and end at one.
    auto ends_sentence = [&](size_t k) {
      char c = text_[tokens_[k].end - 1];
      return c == '.' || c == '?' || c == '!' || tokens_[k].end == text_.size() ||
             (k + 1 < n && tokens_[k + 1].paragraph_before);
    };
    while (first > 0 && !ends_sentence(first - 1)) --first;
    while (last + 1 < n && !ends_sentence(last)) ++last;
    words = last - first + 1;
    whole = words == n;
  }
  CopyStyle style;
  if (!(mostly_verbatim && rng->Chance(0.7))) style = ChooseCopyStyle(edit_rates_, rng);
  CopyResult r = AppendCopy(text_, tokens_, first, last, style, rng, sink.text);
  std::string_view t(text_);
  size_t work_start = CodePoints(t.substr(0, tokens_[first].begin));
  size_t work_end = work_start + CodePoints(t.substr(tokens_[first].begin, tokens_[last].end - tokens_[first].begin));
  std::string m;
  AppendMember("work", profile_.id, &m);
  AppendMember("work_start", work_start, &m);
  AppendMember("work_end", work_end, &m);
  AppendMember("words", words, &m);
  m.append(",\"edit_rate\":");
  JsonWriter(&m).Double(style.edit_rate);
  AppendMember("edits", r.substitutions + r.insertions + r.deletions, &m);
  AppendMember("substitutions", r.substitutions, &m);
  AppendMember("insertions", r.insertions, &m);
  AppendMember("deletions", r.deletions, &m);
  AppendMember("variant", style.Name(), &m);
  m.append(whole ? ",\"whole\":true" : ",\"whole\":false");
  m.append(",\"also_in\":[");
  bool first_sib = true;
  for (uint64_t sib : works_->Siblings(profile_.index)) {
    if (!first_sib) m.push_back(',');
    first_sib = false;
    AppendJsonString(WorkSet::Id(sib), &m);
  }
  m.push_back(']');
  AddPlant(sink, "copy", r.begin, r.end, std::move(m));
}

void Planter::Copy(const FieldSink& sink, Rng* rng) {
  std::string* out = sink.text;
  if (sink.field == Field::kTool) {
    // A fetched page: site chrome, the headline, then the story.
    out->append(rng->Pick(kPageChromeBefore));
    size_t b = out->size();
    out->append(profile_.title);
    AddPublisherRef(sink, "headline", b, out->size(), true);
    out->append("\n\n");
    AppendPassage(sink, 80, 800, 0.3, true, rng);
    out->append(rng->Pick(kPageChromeAfter));
    return;
  }
  bool prompt = sink.field == Field::kPrompt;
  std::string_view frame = rng->Pick(prompt ? kCopyPromptFrames : kCopyOutputFrames);
  Expand(frame, out, [&](std::string_view s, std::string*) {
    if (s == "COPY") {
      if (prompt) AppendPassage(sink, 10, 300, 0.1, false, rng);
      else AppendPassage(sink, 10, 2000, 0.1, false, rng);
    }
  });
}

void Planter::Negative(const FieldSink& sink, Rng* rng) {
  std::string* out = sink.text;
  size_t b = out->size();
  ExpandPlanted(rng->Pick(kNegativeOpeners), sink, rng);
  out->append("\n\n");
  int sentences = rng->Range(2, 5);
  for (int k = 0; k < sentences; ++k) {
    if (k > 0) out->push_back(' ');
    ExpandPlanted(rng->Pick(kNegativeSentences), sink, rng);
  }
  if (rng->Chance(0.6)) {
    out->append("\n\n");
    int items = rng->Range(2, 5);
    size_t start = rng->Below(static_cast<uint32_t>(kNegativeBullets.size()));
    for (int k = 0; k < items; ++k) {
      if (k > 0) out->push_back('\n');
      ExpandPlanted(kNegativeBullets[(start + k) % kNegativeBullets.size()], sink, rng);
    }
  }
  if (rng->Chance(0.5)) {
    out->append("\n\n");
    ExpandPlanted(rng->Pick(kNegativeSentences), sink, rng);
  }
  std::string m;
  AppendMember("work", profile_.id, &m);
  AddPlant(sink, "negative", b, out->size(), std::move(m));
}

void Planter::NewsQuestion(const FieldSink& sink, Rng* rng) {
  ExpandPlanted(rng->Pick(kNewsQuestions), sink, rng);
}

void Planter::HeadlineRequest(const FieldSink& sink, Rng* rng) {
  ExpandPlanted(rng->Pick(kHeadlineRequests), sink, rng);
}

void Planter::PublisherRef(const FieldSink& sink, Rng* rng) {
  ExpandPlanted(rng->Pick(kPublisherRefPrompts), sink, rng);
}

void Planter::Paywall(const FieldSink& sink, Rng* rng) {
  size_t b = sink.text->size();
  uint32_t phrase = rng->Below(static_cast<uint32_t>(kPaywallRequests.size()));
  ExpandPlanted(kPaywallRequests[phrase], sink, rng);
  std::string m;
  AppendMember("phrase", phrase, &m);
  AppendMember("value", std::string_view(*sink.text).substr(b), &m);
  AddPlant(sink, "paywall", b, sink.text->size(), std::move(m));
}

void Planter::Pii(const FieldSink& sink, bool model_side, Rng* rng) {
  const PiiTemplates* t = &kPiiTemplates[rng->Weighted(kPiiWeights)];
  // The model writes only the kinds it plausibly would (names in letters,
  // contact details, addresses).
  while (model_side && t->outputs.empty()) t = &kPiiTemplates[rng->Weighted(kPiiWeights)];
  Words list = model_side ? t->outputs : t->prompts;
  ExpandPlanted(rng->Pick(list), sink, rng);
}

void Planter::SearchCall(std::string* out, Rng* rng) {
  std::vector<Plant> ignored;
  FieldSink sink{out, Field::kTool, 0, &ignored};
  ExpandPlanted(rng->Pick(kSearchQueries), sink, rng);
}

}  // namespace winnow::gen
