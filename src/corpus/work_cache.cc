#include "corpus/work_cache.h"

namespace winnow::corpus {

StatusOr<CachedWork*> WorkCache::Load(uint32_t work) {
  ++clock_;
  CachedWork* victim = &cache_[0];
  for (CachedWork& c : cache_) {
    if (c.work == work) {
      c.used = clock_;
      return &c;
    }
    if (c.used < victim->used) victim = &c;
  }
  // Regions keep what they need of a work (its code-point span), so
  // evicting a work aligned earlier is safe.
  WINNOW_RETURN_IF_ERROR(index_.WorkText(work, &text_));
  victim->work = work;
  victim->used = clock_;
  text::Tokenize(text_, &victim->tokens);
  victim->shingles.clear();
  victim->hashes.resize(victim->tokens.size());
  for (size_t i = 0; i < victim->tokens.size(); ++i) victim->hashes[i] = victim->tokens[i].hash;
  return victim;
}

}  // namespace winnow::corpus
