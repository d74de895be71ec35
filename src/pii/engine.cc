#include "pii/engine.h"

#include <hs/hs.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "pii/context.h"
#include "vault/file_util.h"

namespace winnow::pii {

// What Create() derives once: the Hyperscan database over every enabled
// detector's patterns, and per type its threshold and context words.
struct Engine::Compiled {
  hs_database_t* db = nullptr;
  std::string key;        // database_key()
  bool prebuilt = false;  // db came from PrebuiltDatabases()
  struct PatternOwner {
    uint32_t detector;
    int tag;
  };
  std::vector<PatternOwner> owners;  // by Hyperscan id
  struct TypeRule {
    float threshold = 0.5f;
    ContextMatcher context;
  };
  std::map<std::string, TypeRule, std::less<>> types;  // enabled types only
  std::vector<uint32_t> scanners;                      // detectors with a Scan()

  ~Compiled() { hs_free_database(db); }
};

class Engine::Scratch {
 public:
  ~Scratch() { hs_free_scratch(hs); }
  hs_scratch_t* hs = nullptr;
  struct Hit {
    uint32_t id;
    uint32_t begin;
    uint32_t end;
  };
  std::vector<Hit> hits;
  std::vector<Finding> found;
  std::vector<Finding> extra;
  ContextWindow window;
};

namespace {

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
  auto* hits = static_cast<std::vector<Engine::Scratch::Hit>*>(ctx);
  hits->push_back({id, static_cast<uint32_t>(from), static_cast<uint32_t>(to)});
  return 0;
}

// Keeps the findings that overlap no better one: higher score first, then
// longer, then earlier. `v` ends sorted by begin. Most texts have no
// overlap at all, and then nothing is allocated.
void ResolveOverlaps(std::vector<Finding>* v) {
  auto by_begin = [](const Finding& a, const Finding& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  };
  std::sort(v->begin(), v->end(), by_begin);
  bool overlap = false;
  for (size_t i = 1; i < v->size() && !overlap; ++i) overlap = (*v)[i].begin < (*v)[i - 1].end;
  if (!overlap) return;
  std::sort(v->begin(), v->end(), [](const Finding& a, const Finding& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    return a.begin < b.begin;
  });
  std::set<std::pair<uint32_t, uint32_t>> taken;  // [begin, end) of kept findings
  size_t kept = 0;
  for (size_t i = 0; i < v->size(); ++i) {
    const Finding& f = (*v)[i];
    auto it = taken.lower_bound({f.begin, 0});
    if (it != taken.end() && it->first < f.end) continue;
    if (it != taken.begin() && std::prev(it)->second > f.begin) continue;
    taken.insert({f.begin, f.end});
    (*v)[kept++] = f;
  }
  v->resize(kept);
  std::sort(v->begin(), v->end(), by_begin);
}

// The key of a pattern set: anything that changes the compiled database
// changes it.
std::string DatabaseKey(const std::vector<std::string>& exprs, const std::vector<unsigned>& flags,
                        const std::vector<unsigned>& ids) {
  std::string text = "winnow-pii-hyperscan-v1\n";
  text += hs_version();
  text += "\nmode " + std::to_string(HS_MODE_BLOCK) + "\n";
  for (size_t i = 0; i < exprs.size(); ++i) {
    text += std::to_string(ids[i]) + " " + std::to_string(flags[i]) + " " + std::to_string(exprs[i].size()) + " ";
    text += exprs[i];
    text += '\n';
  }
  return vault::Sha256Hex(text);
}

// The prebuilt database for `key`, if this program has one that loads on
// this CPU (a database built for other CPU features is refused with
// HS_DB_PLATFORM_ERROR; the caller then compiles).
hs_database_t* LoadPrebuilt(const std::string& key) {
  for (const PrebuiltDatabase& p : PrebuiltDatabases()) {
    if (p.key != key) continue;
    hs_database_t* db = nullptr;
    if (hs_deserialize_database(p.bytes.data(), p.bytes.size(), &db) == HS_SUCCESS) return db;
  }
  return nullptr;
}

}  // namespace

// Weak: the winnow command links a generated definition (tools/pii_db).
__attribute__((weak)) std::span<const PrebuiltDatabase> PrebuiltDatabases() { return {}; }

Engine::Engine() = default;
Engine::~Engine() = default;

const std::string& Engine::database_key() const { return compiled_->key; }
bool Engine::prebuilt() const { return compiled_->prebuilt; }

StatusOr<std::string> Engine::SerializeDatabase() const {
  if (compiled_->db == nullptr) return std::string();
  char* bytes = nullptr;
  size_t size = 0;
  if (hs_serialize_database(compiled_->db, &bytes, &size) != HS_SUCCESS) {
    return Status::Internal("Hyperscan could not serialize the de-identification database");
  }
  std::string out(bytes, size);
  std::free(bytes);  // hs_serialize_database allocates with the misc allocator, malloc by default
  return out;
}

StatusOr<std::unique_ptr<Engine>> Engine::Create(const EngineOptions& options) {
  return Create(AllDetectors(), options);
}

StatusOr<std::unique_ptr<Engine>> Engine::Create(std::vector<std::unique_ptr<Detector>> detectors,
                                                 const EngineOptions& options) {
  std::set<std::string, std::less<>> names, types;
  for (const auto& d : detectors) {
    names.insert(std::string(d->Name()));
    for (std::string_view t : d->Types()) types.insert(std::string(t));
  }
  for (const std::string& s : options.disabled) {
    if (!names.count(s) && !types.count(s))
      return Status::InvalidArgument("unknown detector or entity type '" + s + "'");
  }
  for (const std::string& s : options.only_types) {
    if (!types.count(s)) return Status::InvalidArgument("unknown entity type '" + s + "'");
  }
  for (const auto& [t, value] : options.type_thresholds) {
    if (!types.count(t)) return Status::InvalidArgument("threshold for unknown entity type '" + t + "'");
    if (!(value >= 0 && value <= 1))
      return Status::InvalidArgument("threshold for " + t + " must be between 0 and 1");
  }

  std::unique_ptr<Engine> engine(new Engine());
  engine->compiled_ = std::make_unique<Compiled>();
  Compiled& c = *engine->compiled_;
  std::vector<std::string> exprs;
  std::vector<unsigned> flags, ids;
  for (auto& d : detectors) {
    if (Contains(options.disabled, std::string(d->Name()))) continue;
    bool any_type = false;
    for (std::string_view t : d->Types()) {
      std::string type(t);
      if (Contains(options.disabled, type)) continue;
      if (!options.only_types.empty() && !Contains(options.only_types, type)) continue;
      Compiled::TypeRule rule;
      rule.threshold = d->Threshold(t);
      if (options.threshold >= 0) rule.threshold = options.threshold;
      if (auto it = options.type_thresholds.find(type); it != options.type_thresholds.end())
        rule.threshold = it->second;
      rule.context = ContextMatcher(d->Context(t));
      c.types.emplace(type, std::move(rule));
      any_type = true;
    }
    if (!any_type) continue;
    const uint32_t index = static_cast<uint32_t>(engine->detectors_.size());
    for (Pattern& p : d->Patterns()) {
      ids.push_back(static_cast<unsigned>(c.owners.size()));
      c.owners.push_back({index, p.tag});
      flags.push_back(p.flags | HS_FLAG_SOM_LEFTMOST);
      exprs.push_back(std::move(p.regex));
    }
    c.scanners.push_back(index);
    engine->detectors_.push_back(std::move(d));
  }
  c.key = DatabaseKey(exprs, flags, ids);
  if (!exprs.empty() && options.use_prebuilt) {
    c.db = LoadPrebuilt(c.key);
    c.prebuilt = c.db != nullptr;
  }
  if (!exprs.empty() && c.db == nullptr) {
    std::vector<const char*> ptrs;
    for (const std::string& e : exprs) ptrs.push_back(e.c_str());
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(ptrs.data(), flags.data(), ids.data(), static_cast<unsigned>(ptrs.size()),
                         HS_MODE_BLOCK, nullptr, &c.db, &err) != HS_SUCCESS) {
      std::string what = "a detector pattern";
      if (err->expression >= 0) {
        const auto& owner = c.owners[static_cast<size_t>(err->expression)];
        what = "pattern " + std::to_string(owner.tag) + " of detector '" +
               std::string(engine->detectors_[owner.detector]->Name()) + "' (" +
               exprs[static_cast<size_t>(err->expression)] + ")";
      }
      Status s = Status::Internal("Hyperscan rejected " + what + ": " + err->message);
      hs_free_compile_error(err);
      return s;
    }
  }
  return engine;
}

void Engine::ScratchDeleter::operator()(Scratch* s) const { delete s; }

Engine::ScratchPtr Engine::NewScratch() const {
  ScratchPtr s(new Scratch());
  if (compiled_->db != nullptr && hs_alloc_scratch(compiled_->db, &s->hs) != HS_SUCCESS) {
    throw std::bad_alloc();
  }
  return s;
}

void Engine::Detect(const DetectContext& ctx, Scratch* scratch, std::vector<Finding>* out) const {
  const Compiled& c = *compiled_;
  out->clear();
  std::vector<Finding>& found = scratch->found;
  found.clear();
  const std::string_view text = ctx.text;

  // 1. Candidates: one pass, then one candidate per pattern and start (the
  // longest end; Hyperscan reports every end it reaches).
  auto& hits = scratch->hits;
  hits.clear();
  if (c.db != nullptr && !text.empty()) {
    hs_scan(c.db, text.data(), static_cast<unsigned>(text.size()), 0, scratch->hs, OnMatch, &hits);
  }
  std::sort(hits.begin(), hits.end(), [](const Scratch::Hit& a, const Scratch::Hit& b) {
    if (a.id != b.id) return a.id < b.id;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  // 2. Validation.
  for (size_t i = 0; i < hits.size(); ++i) {
    if (i > 0 && hits[i].id == hits[i - 1].id && hits[i].begin == hits[i - 1].begin) continue;
    const auto& owner = c.owners[hits[i].id];
    detectors_[owner.detector]->Validate(ctx, Candidate{hits[i].begin, hits[i].end, owner.tag}, &found);
  }

  // 3 and 4. Context and thresholds; Scan() detectors then see what passed.
  auto settle = [&](std::vector<Finding>* v) {
    size_t kept = 0;
    for (Finding& f : *v) {
      auto rule = c.types.find(f.type);
      if (rule == c.types.end() || f.end <= f.begin || f.end > text.size()) continue;
      rule->second.context.Apply(text, &scratch->window, &f);
      if (f.score >= rule->second.threshold) (*v)[kept++] = f;
    }
    v->resize(kept);
    ResolveOverlaps(v);
  };
  settle(&found);
  for (uint32_t d : c.scanners) {
    scratch->extra.clear();
    detectors_[d]->Scan(ctx, found, &scratch->extra);
    if (scratch->extra.empty()) continue;
    settle(&scratch->extra);
    found.insert(found.end(), scratch->extra.begin(), scratch->extra.end());
    ResolveOverlaps(&found);
  }
  out->swap(found);
}

std::string Engine::Normalize(const Finding& f, std::string_view text) const {
  std::string_view value = text.substr(f.begin, f.end - f.begin);
  for (const auto& d : detectors_) {
    if (d->Name() == f.detector) return d->Normalize(f.type, value);
  }
  return FoldAndCollapse(value);
}

std::vector<std::string_view> Engine::Types() const {
  std::vector<std::string_view> out;
  for (const auto& [t, rule] : compiled_->types) out.push_back(t);
  return out;
}

std::vector<std::string> KnownTypes() {
  std::set<std::string> types;
  for (const auto& d : AllDetectors()) {
    for (std::string_view t : d->Types()) types.insert(std::string(t));
  }
  return {types.begin(), types.end()};
}

}  // namespace winnow::pii
