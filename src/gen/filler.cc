#include "gen/filler.h"

#include <cstdint>

#include "gen/text_util.h"

namespace winnow::gen {
namespace {

struct Slots {
  const ChatTopic& topic;
  std::string_view subject;
  std::string_view task;
  std::string_view language;
  Rng* rng;

  void operator()(std::string_view s, std::string* out) const {
    if (s == "S") out->append(subject);
    else if (s == "T") out->append(task);
    else if (s == "L") out->append(language);
    else if (s == "E") out->append(rng->Pick(topic.terms));
  }
};

Slots MakeSlots(int topic, Rng* rng) {
  const ChatTopic& t = kChatTopics[topic];
  return Slots{t, rng->Pick(t.subjects), rng->Pick(t.tasks), rng->Pick(kProgrammingLanguages), rng};
}

void AppendSentence(std::string_view tmpl, const Slots& slots, std::string* out) {
  size_t at = out->size();
  Expand(tmpl, out, slots);
  CapitalizeAt(at, out);
}

// Picks from `list` avoiding *last (the previous pick), and updates *last.
std::string_view PickFresh(Words list, Rng* rng, size_t* last) {
  size_t k = rng->Below(static_cast<uint32_t>(list.size()));
  if (k == *last) k = (k + 1) % list.size();
  *last = k;
  return list[k];
}

void AppendParagraph(const Slots& slots, int sentences, Rng* rng, std::string* out) {
  size_t last = SIZE_MAX;
  for (int k = 0; k < sentences; ++k) {
    if (k > 0) out->push_back(' ');
    AppendSentence(PickFresh(kOutputSentences, rng, &last), slots, out);
  }
}

void AppendForeign(const Language& lang, int sentences, Rng* rng, std::string* out) {
  size_t last = SIZE_MAX;
  for (int k = 0; k < sentences; ++k) {
    if (k > 0 && lang.spaced) out->push_back(' ');
    out->append(PickFresh(lang.sentences, rng, &last));
  }
}

}  // namespace

std::string_view FillerSubject(int topic, Rng* rng) { return rng->Pick(kChatTopics[topic].subjects); }

void AppendFillerPrompt(const Language* language, int topic, Rng* rng, std::string* out) {
  if (language != nullptr) {
    out->append(rng->Pick(language->prompts));
    if (rng->Chance(0.2)) { out->push_back(' '); out->append(rng->Pick(kEmoji)); }
    return;
  }
  Slots slots = MakeSlots(topic, rng);
  if (rng->Chance(0.08)) out->append(rng->Chance(0.5) ? "Hi! " : "Thanks. ");
  if (kChatTopics[topic].code && rng->Chance(0.6)) {
    std::string_view tmpl = rng->Pick(kCodePromptTemplates);
    AppendSentence(tmpl, slots, out);
    if (tmpl == "Fix this:" || rng->Chance(0.3)) {
      out->append("\n\n");
      out->append(rng->Pick(kCodeSnippets));
    }
  } else {
    AppendSentence(rng->Pick(kPromptTemplates), slots, out);
  }
  if (rng->Chance(0.05)) {  // a long prompt: the user pastes their own notes
    out->append("\n\nHere are my notes so far:\n");
    AppendParagraph(slots, rng->Range(4, 12), rng, out);
  }
  if (rng->Chance(0.06)) { out->push_back(' '); out->append(rng->Pick(kEmoji)); }
}

void AppendFillerOutput(const Language* language, int topic, Rng* rng, std::string* out) {
  if (language != nullptr) {
    AppendForeign(*language, rng->Range(1, 3), rng, out);
    int items = rng->Range(0, 5);
    if (items > 0) out->append("\n\n");
    for (int i = 0; i < items; ++i) {
      if (i > 0) out->push_back('\n');
      out->append("- ");
      out->append(rng->Pick(language->sentences));
    }
    out->append("\n\n");
    AppendForeign(*language, rng->Range(1, 4), rng, out);
    return;
  }
  Slots slots = MakeSlots(topic, rng);
  AppendSentence(rng->Pick(kOutputIntros), slots, out);
  int sections = rng->Chance(0.06) ? rng->Range(5, 10) : rng->Range(1, 4);
  bool code_done = false;
  for (int s = 0; s < sections; ++s) {
    out->append("\n\n");
    if (sections > 2 && rng->Chance(0.5)) {
      out->append("### ");
      out->append(rng->Pick(kHeadings));
      out->append("\n\n");
    }
    int kind = static_cast<int>(rng->Below(4));
    if (kChatTopics[topic].code && !code_done && rng->Chance(0.6)) kind = 3;
    switch (kind) {
      case 0:
        AppendParagraph(slots, rng->Range(2, 5), rng, out);
        break;
      case 1: {
        int items = rng->Range(3, 6);
        size_t last_term = SIZE_MAX, last = SIZE_MAX;
        for (int i = 0; i < items; ++i) {
          if (i > 0) out->push_back('\n');
          out->append("- **");
          out->append(PickFresh(kChatTopics[topic].terms, rng, &last_term));
          out->append(":** ");
          AppendSentence(PickFresh(kOutputSentences, rng, &last), slots, out);
        }
        break;
      }
      case 2: {
        int items = rng->Range(3, 7);
        size_t last = SIZE_MAX;
        for (int i = 0; i < items; ++i) {
          if (i > 0) out->push_back('\n');
          AppendUint(i + 1, out);
          out->append(". ");
          AppendSentence(PickFresh(kOutputSentences, rng, &last), slots, out);
        }
        break;
      }
      default:
        if (kChatTopics[topic].code) {
          out->append("Here's an example:\n\n");
          out->append(rng->Pick(kCodeSnippets));
          code_done = true;
        } else {
          AppendParagraph(slots, rng->Range(1, 3), rng, out);
        }
        break;
    }
  }
  out->append("\n\n");
  out->append(rng->Pick(kOutputClosers));
}

void AppendFillerPage(int topic, Rng* rng, std::string* out) {
  Slots slots = MakeSlots(topic, rng);
  int paragraphs = rng->Range(2, 5);
  for (int p = 0; p < paragraphs; ++p) {
    if (p > 0) out->append("\n\n");
    AppendParagraph(slots, rng->Range(2, 4), rng, out);
  }
}

}  // namespace winnow::gen
