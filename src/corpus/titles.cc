#include "corpus/titles.h"

#include "corpus/kgram.h"

namespace winnow::corpus {

Status FindTitles(const IndexImpl& index, const MatchOptions& options, std::span<const text::Token> tokens,
                  std::span<const uint64_t> hashes, std::vector<CorpusMatch>* out) {
  thread_local std::vector<uint64_t> kgrams, title_hash;  // scratch, reused
  if (hashes.size() < static_cast<size_t>(kTitleKeyWords)) return Status::Ok();
  KGramHashes(hashes, kTitleKeyWords, &kgrams);
  const size_t copies = out->size();
  for (size_t p = 0; p < kgrams.size(); ++p) {
    if (!index.MayBeTitleKey(kgrams[p])) continue;
    size_t found = SIZE_MAX;  // index in *out of this position's title match
    for (const TitleEntry& e : index.TitleEntries(kgrams[p])) {
      if (e.words < static_cast<uint32_t>(options.min_title_words) || p + e.words > hashes.size()) continue;
      KGramHashes(hashes.subspan(p, e.words), static_cast<int>(e.words),
                  &title_hash);
      if (title_hash[0] != e.full) continue;
      if (found != SIZE_MAX && (*out)[found].words == e.words) {
        ++(*out)[found].also;
        continue;
      }
      const uint32_t start = tokens[p].begin, end = tokens[p + e.words - 1].end;
      bool inside_copy = false;
      for (size_t c = 0; c < copies; ++c) {
        inside_copy |= (*out)[c].work == e.work && (*out)[c].start <= start && end <= (*out)[c].end;
      }
      if (inside_copy) continue;
      CorpusMatch m;
      m.kind = CorpusMatch::Kind::kTitle;
      m.work = e.work;
      m.start = start;
      m.end = end;
      m.words = m.work_words = m.longest_run = e.words;
      m.identity = 1.0;
      out->push_back(m);
      found = out->size() - 1;
    }
  }
  return Status::Ok();
}

}  // namespace winnow::corpus
