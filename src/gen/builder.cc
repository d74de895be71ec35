#include "gen/builder.h"

#include "gen/filler.h"
#include "gen/pii_values.h"
#include "gen/text_util.h"

namespace winnow::gen {
namespace {

constexpr int64_t kFirstConversation = 1677628800;  // 2023-03-01
constexpr int kConversationDays = 640;

// Turns per conversation: mostly one to five, with a long tail.
int DrawTurns(Rng* rng) {
  static constexpr double kWeights[] = {38, 22, 14, 9, 6, 4, 3, 2};
  if (rng->Chance(0.02)) return rng->Range(9, 40);
  return 1 + static_cast<int>(rng->Weighted(kWeights));
}

constexpr std::string_view kChatGptModels[] = {"gpt-4o", "gpt-4o", "gpt-4", "gpt-4o-mini", "gpt-3.5-turbo", "o1-preview"};
constexpr std::string_view kApiModels[] = {"gpt-4o-2024-08-06", "gpt-4-0613", "gpt-3.5-turbo-0125", "gpt-4o-mini"};
constexpr std::string_view kWildChatModels[] = {"gpt-3.5-turbo-0613", "gpt-4-0314", "gpt-4-1106-preview", "gpt-3.5-turbo-0301"};
constexpr std::string_view kSystemPrompts[] = {"You are a helpful assistant.",
    "You are ChatGPT, a large language model. Answer as concisely as possible.",
    "You are a friendly tutor who explains things step by step.", "Respond in a professional tone."};

}  // namespace

ConversationBuilder::ConversationBuilder(const GenOptions& options, const WorkSet* works)
    : options_(options), works_(works), planter_(works, options.edit_rates) {}

std::string ConversationBuilder::ConversationId(uint64_t index) const {
  Rng rng(StreamSeed(options_.seed, kStreamConversationId, index));
  std::string id;
  switch (options_.format) {
    case GenFormat::kChatGpt: AppendUuid(&rng, &id); break;
    case GenFormat::kOpenAi: id = "conv-"; AppendRandom(kAlnum, 20, &rng, &id); break;
    case GenFormat::kShareGpt: AppendRandom(kAlnum, 7, &rng, &id); id += "_0"; break;
    case GenFormat::kWildChat: AppendHex(32, &rng, &id); break;
  }
  return id;
}

void ConversationBuilder::Build(uint64_t index, bool plant, GenConversation* c) {
  c->Clear();
  Rng rng(StreamSeed(options_.seed, kStreamConversation, index));
  c->index = index;
  c->id = ConversationId(index);
  // Users: a pool a third the size of the workload, some users far more active.
  uint64_t pool = std::max<uint64_t>(1, options_.conversations / 3);
  double u = rng.Uniform();
  uint64_t user = static_cast<uint64_t>(u * u * static_cast<double>(pool));
  Rng user_rng(StreamSeed(options_.seed, kStreamUser, user));
  if (options_.format == GenFormat::kOpenAi) {
    if (user_rng.Chance(0.2)) { AppendEmail(&user_rng, &c->user); c->user_kind = "EMAIL_ADDRESS"; }
    else { c->user = "user-"; AppendRandom(kAlnum, 24, &user_rng, &c->user); c->user_kind = "user_id"; }
  } else if (options_.format == GenFormat::kWildChat) {
    AppendHex(64, &user_rng, &c->user);
    c->user_kind = "hashed_ip";
  }
  if (rng.Chance(options_.non_english_rate)) c->language = &rng.Pick(kHumanLanguages);
  int topic = static_cast<int>(rng.Below(static_cast<uint32_t>(kChatTopics.size())));
  c->created = kFirstConversation + static_cast<int64_t>(rng.Below(kConversationDays)) * 86400 + rng.Below(86400);
  switch (options_.format) {
    case GenFormat::kChatGpt:
      c->model = rng.Pick(kChatGptModels);
      c->system_node = rng.Chance(0.7);
      break;
    case GenFormat::kOpenAi:
      c->model = rng.Pick(kApiModels);
      if (rng.Chance(0.35)) c->system_prompt = rng.Pick(kSystemPrompts);
      break;
    case GenFormat::kShareGpt:
      c->model = rng.Pick(kApiModels);
      if (rng.Chance(0.1)) c->system_prompt = rng.Pick(kSystemPrompts);
      break;
    case GenFormat::kWildChat: c->model = rng.Pick(kWildChatModels); break;
  }
  if (c->language != nullptr) {
    c->title = "Chat in ";
    c->title += c->language->name;
  } else {
    c->title = "Help with ";
    c->title += FillerSubject(topic, &rng);
  }
  int turns = DrawTurns(&rng);
  int64_t t = c->created;
  for (int k = 0; k < turns; ++k) {
    GenEntry& e = c->AddEntry();
    e.time = t;
    BuildEntry(&rng, topic, plant, c, &e);
    t += rng.Range(15, 900);
  }
}

void ConversationBuilder::Separate(Rng* rng, std::string* text) {
  if (text->empty()) return;
  // Multi-line pieces (signatures, code, pasted text) end a paragraph.
  bool multiline = text->find('\n') != std::string::npos;
  char last = text->back();
  bool sentence = last == '.' || last == '?' || last == '!';
  text->append(sentence && !multiline && rng->Chance(0.5) ? " " : "\n\n");
}

void ConversationBuilder::BuildEntry(Rng* rng, int topic, bool plant, GenConversation* c, GenEntry* e) {
  const GenOptions& o = options_;
  const bool chatgpt = o.format == GenFormat::kChatGpt;
  const bool have_works = works_->size() > 0;
  const bool copy = plant && have_works && rng->Chance(o.copy_rate);
  const bool negative = plant && have_works && !copy && rng->Chance(o.negative_rate);
  const bool pub = plant && have_works && rng->Chance(o.publisher_rate);
  const bool paywall = plant && have_works && rng->Chance(o.paywall_rate);
  const bool pii = plant && rng->Chance(o.pii_rate);
  Field copy_field = Field::kOutput;
  if (copy) {
    double r = rng->Uniform();
    if (r < 0.15) copy_field = Field::kPrompt;
    else if (r < 0.27 && chatgpt) copy_field = Field::kTool;
  }
  const bool story = copy || negative;
  if (story || pub || paywall) planter_.UseRandomWork(rng);

  // The prompt.
  FieldSink ps{&e->prompt, Field::kPrompt, 0, &e->plants};
  const bool pii_in_prompt = pii && rng->Chance(0.8);
  int pii_count = 1 + (rng->Chance(0.4) ? 1 + rng->Chance(0.25) : 0);
  bool pii_done = false;
  auto add_pii = [&](const FieldSink& sink, bool model_side) {
    for (int k = 0; k < pii_count; ++k) {
      if (k > 0) {
        // A sentence without final punctuation ("DOB: ...") ends its line.
        char last = sink.text->back();
        bool sentence = last == '.' || last == '?' || last == '!';
        sink.text->push_back(model_side || !sentence ? '\n' : ' ');
      }
      planter_.Pii(sink, model_side, rng);
    }
    pii_done = true;
  };
  if (pii_in_prompt && rng->Chance(0.5)) add_pii(ps, false);
  Separate(rng, &e->prompt);
  if (copy && copy_field == Field::kPrompt) planter_.Copy(ps, rng);
  else if (copy && rng->Chance(0.6)) planter_.HeadlineRequest(ps, rng);
  else if (story) planter_.NewsQuestion(ps, rng);
  else AppendFillerPrompt(c->language, topic, rng, &e->prompt);
  if (pub) { Separate(rng, &e->prompt); planter_.PublisherRef(ps, rng); }
  if (paywall) { Separate(rng, &e->prompt); planter_.Paywall(ps, rng); }
  if (pii_in_prompt && !pii_done) { Separate(rng, &e->prompt); add_pii(ps, false); }

  // Browsing (ChatGPT): a search call, then the page the tool quoted.
  const bool browse = chatgpt && ((copy && copy_field == Field::kTool) || (plant && rng->Chance(o.browse_rate)));
  if (browse) {
    int steps = copy && copy_field == Field::kTool && rng->Chance(0.3) ? 2 : 1;
    for (int s = 0; s < steps; ++s) {
      BrowseStep& b = e->browse.emplace_back();
      if (story) planter_.SearchCall(&b.call, rng);
      else { b.call = "search(\""; b.call += FillerSubject(topic, rng); b.call += "\")"; }
      if (copy && copy_field == Field::kTool && s == steps - 1) {
        FieldSink ts{&b.quote, Field::kTool, 2 * s + 1, &e->plants};
        planter_.Copy(ts, rng);
        const WorkProfile& w = planter_.work();
        b.url = w.url;
        b.domain = kPublishers[w.publisher].domain;
        b.title = w.title;
      } else {
        AppendFillerPage(topic, rng, &b.quote);
        b.domain = "help.example.org";
        b.url = "https://help.example.org/guides/";
        AppendHex(10, rng, &b.url);
        b.title = "Guide: ";
        b.title += FillerSubject(topic, rng);
      }
    }
  }

  // The answer.
  FieldSink os{&e->output, Field::kOutput, 0, &e->plants};
  const bool pii_in_output = pii && !pii_in_prompt;
  if (pii_in_output && rng->Chance(0.3)) { add_pii(os, true); e->output.append("\n\n"); }
  if (copy && copy_field == Field::kOutput) planter_.Copy(os, rng);
  else if (story) planter_.Negative(os, rng);
  else AppendFillerOutput(c->language, topic, rng, &e->output);
  if (pii_in_output && !pii_done) { e->output.append("\n\n"); add_pii(os, true); }

  // ChatGPT branches, never planted.
  if (chatgpt && rng->Chance(o.branch_rate)) {
    if (rng->Chance(0.5)) {
      AppendFillerOutput(c->language, topic, rng, &e->regenerated_output);
    } else {
      AppendFillerPrompt(c->language, topic, rng, &e->edited_prompt);
      AppendFillerOutput(c->language, topic, rng, &e->edited_output);
    }
  }
}

}  // namespace winnow::gen
