// WorkSet: the synthetic reference corpus of news articles ("works").
//
// Work i is a pure function of (seed, i): its profile (id, title, url, date,
// publisher, the people, organizations and places it mentions) and its body
// text are regenerated on demand, so a corpus of any size costs only a small
// table in memory. About 1.5% of works are syndicated copies of an earlier
// work: same title and body text, another publisher, id and url. Body text
// is wire-style prose built from the news tables in lexicon_news.cc.
//
// Immutable after construction; const methods are safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winnow::gen {

struct WorkPerson {
  std::string full;     // "María García"
  std::string surname;  // "García"
  int role = 0;         // index into the topic's roles
  int org = 0;          // index into WorkProfile::orgs
};

struct WorkProfile {
  uint64_t index = 0;
  uint64_t root = 0;  // the work whose body this one carries (itself unless syndicated)
  int topic = 0;      // index into kNewsTopics
  int publisher = 0;  // index into kPublishers
  bool curly_quotes = false;  // the root publisher's house style, shared by copies
  int64_t day = 0;    // publication date, days since 1970-01-01
  std::string id;     // "w0000042"
  std::string title;
  std::string url;
  std::vector<std::string> orgs;  // orgs[0] is the main organization
  std::vector<WorkPerson> people;
  std::vector<std::string_view> cities;
  std::string_view country;
};

class WorkSet {
 public:
  // REQUIRES: count < 2^32.
  WorkSet(uint64_t seed, uint64_t count);

  uint64_t size() const { return roots_.size(); }
  uint64_t Root(uint64_t i) const { return roots_[i]; }
  // The other works whose body text equals work i's, ascending (usually none).
  std::vector<uint64_t> Siblings(uint64_t i) const;

  // Fills *p with the profile of work i. REQUIRES: i < size().
  void Profile(uint64_t i, WorkProfile* p) const;
  // Replaces *text with the body of the work described by `p` (paragraphs
  // separated by a blank line). The same for every work with the same root.
  void Text(const WorkProfile& p, std::string* text) const;
  // Appends the JSON line of work i (id, title, url, date, publisher, text).
  void AppendJsonLine(uint64_t i, WorkProfile* scratch_profile, std::string* scratch_text,
                      std::string* out) const;

  static std::string Id(uint64_t i);

 private:
  void RootProfile(uint64_t root, WorkProfile* p) const;

  uint64_t seed_;
  std::vector<uint32_t> roots_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> groups_;  // root -> all members, when > 1
};

}  // namespace winnow::gen
