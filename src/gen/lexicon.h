// The generator's data tables: word lists, names and sentence templates.
// Templates use "{slot}" placeholders that the module using the table fills
// (each table's comment names its slots). All tables are immutable, constant-
// initialized and safe to read from any thread.
#pragma once

#include <span>
#include <string_view>

namespace winnow::gen {

using Words = std::span<const std::string_view>;

// ---- news (lexicon_news.cc): the synthetic reference corpus -------------

struct NewsTopic {
  std::string_view section;  // URL section, e.g. "business"
  Words nouns;      // mass or plural noun phrases: "consumer spending"
  Words actions;    // simple-past verb phrases taking an object: "approved a plan to expand"
  Words objects;    // noun phrases: "its regional data centers"
  Words trends;     // simple-past intransitive phrases: "slowed for a third straight quarter"
  Words quotes;     // spoken sentences, no final punctuation
  Words roles;      // "chief executive"
  Words headlines;  // Title Case; slots {O} org, {K} country, {NUM} number
};
extern const std::span<const NewsTopic> kNewsTopics;

// Body sentences. Slots: {P} a person (full name at first mention, surname
// after), {R} that person's role, {PO} that person's organization, {O} an
// organization, {O1} the main organization, {C} a city, {K} a country,
// {N} a topic noun, {A} an action, {X} an object, {T} a trend, {Q} a quote,
// {D} a weekday, {M} a month, {Y} a year, {NUM} a number, {PCT} a percentage,
// {AMT} an amount of money, {OQ}/{CQ} opening and closing quotation marks,
// {B} a boilerplate sentence.
extern const Words kWorkSentences;
// Sentences shared by many works (and by hard negatives): same slots.
extern const Words kBoilerplate;
// Quotes that fit any topic (used alongside NewsTopic::quotes).
extern const Words kGenericQuotes;
extern const Words kOrgPrefixes;
extern const Words kOrgSuffixes;
extern const Words kCities;     // cities of the world, some with accents
extern const Words kCountries;  // country names

// Hard negatives: chat answers on a work's topic. Same slots as
// kWorkSentences; they share names and short phrases with the works, never a
// long run of words.
extern const Words kNegativeOpeners;
extern const Words kNegativeSentences;
extern const Words kNegativeBullets;

// ---- names (lexicon_names.cc) --------------------------------------------

struct NameCulture {
  std::string_view code;  // e.g. "ru-Cyrl", "en", "zh-Hans"
  Words given;
  Words family;
  bool family_first;  // East Asian order
  bool spaced;        // false for CJK: no space between family and given name
  bool latin;         // written in Latin script (usable in email addresses and news)
};
extern const std::span<const NameCulture> kNameCultures;

// ---- chat filler (lexicon_chat.cc) ----------------------------------------

struct ChatTopic {
  Words subjects;  // what a user asks about: "a binary search tree"
  Words tasks;     // imperative phrases: "reverse a linked list"
  Words terms;     // key terms for bullet lists: "Time complexity"
  bool code;       // answers often carry a code block
};
extern const std::span<const ChatTopic> kChatTopics;
// Prompt templates. Slots: {S} subject, {T} task, {L} programming language.
extern const Words kPromptTemplates;
extern const Words kCodePromptTemplates;
// Output pieces. Slots: {S}, {T}, {E} term, {L}.
extern const Words kOutputIntros;
extern const Words kOutputSentences;
extern const Words kOutputClosers;
extern const Words kHeadings;
extern const Words kProgrammingLanguages;
extern const Words kCodeSnippets;   // literal code, not templates
extern const Words kEmoji;

// Non-English filler, one entry per language.
struct Language {
  std::string_view code;  // "fr"
  std::string_view name;  // WildChat-style language name: "French"
  std::string_view country;
  Words prompts;
  Words sentences;
  bool spaced;  // words separated by spaces (false for Chinese and Japanese)
};
extern const std::span<const Language> kHumanLanguages;

}  // namespace winnow::gen

namespace winnow::gen {

// ---- planted items (lexicon_plant.cc) --------------------------------------

struct Publisher {
  std::string_view name;    // "The Daily Ledger"
  std::string_view domain;  // "dailyledger.com"
  int url_style;            // 0..3, see works.cc
  bool curly_quotes;        // house style: “curly” or "straight" quotation marks
};
extern const std::span<const Publisher> kPublishers;

// Prompts asking for a work by its headline. Slots: {H} headline, {PUB}
// publisher name, {LINK} article URL, {DOM} publisher domain.
extern const Words kHeadlineRequests;
// An answer that carries a copied passage {COPY}; slots as above.
extern const Words kCopyOutputFrames;
// A prompt that carries a pasted passage {COPY}.
extern const Words kCopyPromptFrames;
// A prompt that mentions the publisher. Slots: {PUB}, {DOM}, {LINK}, {N} topic noun.
extern const Words kPublisherRefPrompts;
// Paywall-workaround requests; the whole expanded template is the planted
// span. Slots: {PUB}, {DOM}, {LINK}, {SVC} an archive or reader service.
extern const Words kPaywallRequests;
extern const Words kArchiveServices;  // domain-like names: "archive.ph"
// Browsing: search queries sent to the browser tool ({N} topic noun, {O} org).
extern const Words kSearchQueries;
// Page chrome around a fetched page: lines before and after the text.
extern const Words kPageChromeBefore;
extern const Words kPageChromeAfter;

// Sentences carrying personal data. Slots are Presidio entity names:
// {PERSON}, {EMAIL_ADDRESS}, {PHONE_NUMBER}, {CREDIT_CARD}, ... One table per
// entity type; every template holds at least one slot of its type.
struct PiiTemplates {
  std::string_view type;
  Words prompts;  // written by the user
  Words outputs;  // written by the model
};
extern const std::span<const PiiTemplates> kPiiTemplates;
extern const Words kStreetNames;
extern const Words kStreetSuffixes;
struct UsCity {
  std::string_view city;
  std::string_view state;  // USPS code
  std::string_view zip3;   // first three ZIP digits used in that city
};
extern const std::span<const UsCity> kUsCities;
extern const Words kLocations;  // towns and neighborhoods below state level
extern const Words kEmailDomains;
extern const Words kPasswords;

}  // namespace winnow::gen
