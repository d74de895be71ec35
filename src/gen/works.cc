#include "gen/works.h"

#include <cmath>

#include "gen/lexicon.h"
#include "gen/rng.h"
#include "gen/text_util.h"
#include "util/json_writer.h"

namespace winnow::gen {
namespace {

constexpr double kSyndicatedShare = 0.015;
constexpr int64_t kFirstDay = 16436;  // 2015-01-01
constexpr int kDaySpan = 3652;        // ten years

void AppendUrl(const WorkProfile& p, Rng* rng, std::string* out) {
  const Publisher& pub = kPublishers[p.publisher];
  std::string slug = Slugify(p.title, 8);
  CivilDate d = CivilFromDays(p.day);
  std::string_view section = kNewsTopics[p.topic].section;
  switch (pub.url_style) {
    case 0:
      *out += "https://www.";
      *out += pub.domain;
      out->push_back('/');
      AppendUint(d.year, out);
      out->push_back('/');
      AppendPadded(d.month, 2, out);
      out->push_back('/');
      AppendPadded(d.day, 2, out);
      out->push_back('/');
      *out += section;
      *out += "/" + slug + ".html";
      break;
    case 1:
      *out += "https://www.";
      *out += pub.domain;
      out->push_back('/');
      *out += section;
      *out += "/" + slug + "-";
      AppendRandom(kDigits, 8, rng, out);
      break;
    case 2:
      *out += "https://www.";
      *out += pub.domain;
      *out += "/news/";
      AppendUint(d.year, out);
      out->push_back('/');
      AppendPadded(d.month, 2, out);
      *out += "/" + slug + "/";
      break;
    default:
      *out += "https://";
      *out += pub.domain;
      *out += "/article/" + slug + "-";
      AppendHex(12, rng, out);
      break;
  }
}

// Words of a template, counting a slot that varies little across works
// (weekday, month, number, role, topic phrase, quote) as several words; a
// slot that varies a lot (a person, an organization, a city, an amount)
// breaks the run.
constexpr int kMaxSharedRun = 18;

// Words a token stands for: a low-variety slot counts as the words it
// usually expands to.
int SlotWords(std::string_view tok) {
  size_t open = tok.find('{');
  if (open == std::string_view::npos) return 1;
  std::string_view slot = tok.substr(open + 1, tok.find('}') - open - 1);
  if (slot == "Q") return 10;
  if (slot == "A" || slot == "X" || slot == "T") return 4;
  if (slot == "N" || slot == "R") return 2;
  if (slot == "OQ") return tok.size() > 4 ? SlotWords(tok.substr(4)) : 0;
  return 1;
}

struct TemplateRuns {
  int prefix = 0;  // words before the first varied slot
  int suffix = 0;  // words after the last one
  int words = 0;   // all words, when there is no varied slot
  bool fixed = true;
};

TemplateRuns Runs(std::string_view tmpl) {
  static constexpr std::string_view kVaried[] = {"{P}", "{O}", "{O1}", "{PO}", "{C}", "{AMT}", "{PCT}"};
  TemplateRuns r;
  int since = 0;
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t sp = tmpl.find(' ', i);
    if (sp == std::string_view::npos) sp = tmpl.size();
    std::string_view tok = tmpl.substr(i, sp - i);
    i = sp + 1;
    bool varied = false;
    for (std::string_view v : kVaried) varied = varied || tok.find(v) != std::string_view::npos;
    if (varied) {
      if (r.fixed) r.prefix = since;
      r.fixed = false;
      since = 0;
      continue;
    }
    since += SlotWords(tok);
  }
  r.suffix = since;
  if (r.fixed) r.words = r.prefix = since;
  return r;
}

}  // namespace

WorkSet::WorkSet(uint64_t seed, uint64_t count) : seed_(seed), roots_(count) {
  for (uint64_t i = 0; i < count; ++i) {
    Rng rng(StreamSeed(seed, kStreamWorkRoot, i));
    roots_[i] = static_cast<uint32_t>(i);
    if (i > 0 && rng.Chance(kSyndicatedShare)) {
      uint64_t back = 1 + rng.Below(static_cast<uint32_t>(std::min<uint64_t>(i, 500)));
      roots_[i] = roots_[i - back];
    }
  }
  for (uint64_t i = 0; i < count; ++i) {
    if (roots_[i] != i) {
      auto& g = groups_[roots_[i]];
      if (g.empty()) g.push_back(roots_[i]);
      g.push_back(static_cast<uint32_t>(i));
    }
  }
}

std::vector<uint64_t> WorkSet::Siblings(uint64_t i) const {
  std::vector<uint64_t> out;
  auto it = groups_.find(roots_[i]);
  if (it == groups_.end()) return out;
  for (uint32_t m : it->second) if (m != i) out.push_back(m);
  return out;
}

std::string WorkSet::Id(uint64_t i) {
  std::string id = "w";
  AppendPadded(i, 7, &id);
  return id;
}

void WorkSet::RootProfile(uint64_t root, WorkProfile* p) const {
  Rng rng(StreamSeed(seed_, kStreamWork, root));
  p->index = p->root = root;
  p->topic = static_cast<int>(rng.Below(static_cast<uint32_t>(kNewsTopics.size())));
  // Most works come from the first publisher (the plaintiff in the scenario).
  p->publisher = rng.Chance(0.5) ? 0 : static_cast<int>(rng.Below(static_cast<uint32_t>(kPublishers.size())));
  p->curly_quotes = kPublishers[p->publisher].curly_quotes;
  p->day = kFirstDay + rng.Below(kDaySpan);
  p->orgs.clear();
  int n_orgs = rng.Range(2, 4);
  for (int k = 0; k < n_orgs; ++k) {
    std::string org(rng.Pick(kOrgPrefixes));
    org.push_back(' ');
    org.append(rng.Pick(kOrgSuffixes));
    p->orgs.push_back(std::move(org));
  }
  p->people.clear();
  int n_people = rng.Range(2, 5);
  const NewsTopic& topic = kNewsTopics[p->topic];
  for (int k = 0; k < n_people; ++k) {
    const NameCulture* c;
    do c = &kNameCultures[rng.Chance(0.4) ? 0 : rng.Below(static_cast<uint32_t>(kNameCultures.size()))];
    while (!c->latin);
    WorkPerson person;
    std::string_view given = rng.Pick(c->given), family = rng.Pick(c->family);
    person.full = c->family_first ? std::string(family) + " " + std::string(given)
                                  : std::string(given) + " " + std::string(family);
    person.surname = std::string(family);
    person.role = static_cast<int>(rng.Below(static_cast<uint32_t>(topic.roles.size())));
    person.org = static_cast<int>(rng.Below(static_cast<uint32_t>(n_orgs)));
    p->people.push_back(std::move(person));
  }
  p->cities.clear();
  int n_cities = rng.Range(1, 3);
  for (int k = 0; k < n_cities; ++k) p->cities.push_back(rng.Pick(kCities));
  p->country = rng.Pick(kCountries);
  p->title.clear();
  Expand(rng.Pick(topic.headlines), &p->title, [&](std::string_view slot, std::string* out) {
    if (slot == "O") out->append(p->orgs[0]);
    else if (slot == "K") {
      // "the Netherlands" reads "The Netherlands" at the start of a headline.
      size_t at = out->size();
      out->append(p->country);
      if (at == 0) CapitalizeAt(0, out);
    } else if (slot == "NUM") AppendUint(rng.Range(2, 40), out);
  });
  p->id = Id(root);
  p->url.clear();
  AppendUrl(*p, &rng, &p->url);
}

void WorkSet::Profile(uint64_t i, WorkProfile* p) const {
  uint64_t root = roots_[i];
  RootProfile(root, p);
  if (root == i) return;
  Rng rng(StreamSeed(seed_, kStreamWork, i));
  p->index = i;
  int n = static_cast<int>(kPublishers.size());
  p->publisher = (p->publisher + 1 + static_cast<int>(rng.Below(n - 1))) % n;
  p->id = Id(i);
  p->url.clear();
  AppendUrl(*p, &rng, &p->url);
}

void WorkSet::Text(const WorkProfile& p, std::string* text) const {
  text->clear();
  Rng rng(StreamSeed(seed_, kStreamWorkText, p.root));
  const NewsTopic& topic = kNewsTopics[p.topic];
  const bool curly = p.curly_quotes;
  int target_words = static_cast<int>(250.0 * std::pow(12.0, rng.Uniform()));
  std::vector<bool> mentioned(p.people.size(), false);
  int person = 0;
  int year = CivilFromDays(p.day).year;
  auto slot = [&](std::string_view s, std::string* out) {
    if (s == "P") {
      person = static_cast<int>(rng.Below(static_cast<uint32_t>(p.people.size())));
      out->append(mentioned[person] ? p.people[person].surname : p.people[person].full);
      mentioned[person] = true;
    } else if (s == "R") out->append(topic.roles[p.people[person].role]);
    else if (s == "PO") out->append(p.orgs[p.people[person].org]);
    else if (s == "O") out->append(p.orgs[rng.Below(static_cast<uint32_t>(p.orgs.size()))]);
    else if (s == "O1") out->append(p.orgs[0]);
    else if (s == "C") out->append(p.cities[rng.Below(static_cast<uint32_t>(p.cities.size()))]);
    else if (s == "K") out->append(p.country);
    else if (s == "N") out->append(rng.Pick(topic.nouns));
    else if (s == "A") out->append(rng.Pick(topic.actions));
    else if (s == "X") out->append(rng.Pick(topic.objects));
    else if (s == "T") out->append(rng.Pick(topic.trends));
    else if (s == "Q") out->append(rng.Chance(0.5) ? rng.Pick(topic.quotes) : rng.Pick(kGenericQuotes));
    else if (s == "D") out->append(WeekdayName(p.day - rng.Below(6)));
    else if (s == "M") out->append(MonthName(rng.Range(1, 12)));
    else if (s == "Y") AppendUint(year - rng.Range(1, 25), out);
    else if (s == "NUM") AppendUint(rng.Range(2, 95), out);
    else if (s == "PCT") { AppendUint(rng.Range(1, 38), out); out->push_back('.'); AppendUint(rng.Below(10), out); }
    else if (s == "AMT") {
      static constexpr std::string_view kCurrencies[] = {"$", "$", "€", "£"};
      out->append(rng.Pick(kCurrencies));
      AppendUint(rng.Range(1, 950), out);
      if (rng.Chance(0.5)) { out->push_back('.'); AppendUint(rng.Range(1, 9), out); }
      out->append(rng.Chance(0.6) ? " million" : " billion");
    } else if (s == "OQ") out->append(curly ? "“" : "\"");
    else if (s == "CQ") out->append(curly ? "”" : "\"");
  };
  int words = 0;
  // Templates are dealt from a shuffled deck so a work rarely repeats one,
  // and the next sentence must keep the run of low-variety words (fixed
  // words, weekdays, topic phrases, ...) under kMaxSharedRun: works then
  // share no long run of words beyond what syndication copies.
  std::vector<uint16_t> deck;
  size_t dealt = 0;
  auto deal = [&] {
    if (dealt == deck.size()) {
      deck.resize(kWorkSentences.size() - 1);
      for (size_t k = 0; k < deck.size(); ++k) deck[k] = static_cast<uint16_t>(k + 1);
      for (size_t k = deck.size(); k > 1; --k) std::swap(deck[k - 1], deck[rng.Below(static_cast<uint32_t>(k))]);
      dealt = 0;
    }
    std::string_view t = kWorkSentences[deck[dealt++]];
    return t == "{B}" ? rng.Pick(kBoilerplate) : t;
  };
  int run = 0;
  bool first = true;
  while (words < target_words) {
    if (!text->empty()) text->append("\n\n");
    size_t para_start = text->size();
    int sentences = first ? 1 : rng.Range(1, 3);
    for (int k = 0; k < sentences; ++k) {
      if (k > 0) text->push_back(' ');
      std::string_view tmpl = kWorkSentences[0];  // the lede; starts with an organization
      if (!first) {
        for (int tries = 0; tries < 64; ++tries) {
          std::string_view t = deal();
          TemplateRuns r = Runs(t);
          if ((r.fixed ? run + r.words : run + r.prefix) < kMaxSharedRun) { tmpl = t; break; }
        }
      }
      TemplateRuns r = Runs(tmpl);
      run = r.fixed ? run + r.words : r.suffix;
      size_t at = text->size();
      Expand(tmpl, text, slot);
      CapitalizeAt(at, text);
      first = false;
    }
    if (curly) {
      // House style: typographic apostrophes as well as quotation marks.
      std::string para = text->substr(para_start);
      text->resize(para_start);
      for (char c : para) {
        if (c == '\'') text->append("’");
        else text->push_back(c);
      }
    }
    for (size_t k = para_start; k < text->size(); ++k) words += (*text)[k] == ' ';
    ++words;
  }
}

void WorkSet::AppendJsonLine(uint64_t i, WorkProfile* p, std::string* text, std::string* out) const {
  Profile(i, p);
  Text(*p, text);
  JsonWriter w(out);
  w.BeginObject();
  w.Key("id"); w.String(p->id);
  w.Key("title"); w.String(p->title);
  w.Key("url"); w.String(p->url);
  std::string date;
  CivilDate d = CivilFromDays(p->day);
  AppendUint(d.year, &date);
  date.push_back('-');
  AppendPadded(d.month, 2, &date);
  date.push_back('-');
  AppendPadded(d.day, 2, &date);
  w.Key("date"); w.String(date);
  w.Key("publisher"); w.String(kPublishers[p->publisher].name);
  w.Key("text"); w.String(*text);
  w.EndObject();
  out->push_back('\n');
}

}  // namespace winnow::gen
