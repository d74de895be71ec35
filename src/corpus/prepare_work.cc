#include "corpus/prepare_work.h"

#include "corpus/fingerprinter.h"
#include "corpus/index_format.h"

namespace winnow::corpus {

namespace {

constexpr int kZstdLevel = 3;

}  // namespace

Scratch::Scratch() : cctx(ZSTD_createCCtx()) {
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, kZstdLevel);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);  // damaged text is an error, not other words
}

Scratch::~Scratch() { ZSTD_freeCCtx(cctx); }

void Fingerprints(std::string_view text, int k, int w, const CommonSet& exclude, Scratch* s,
                  std::vector<Fingerprint>* fps, uint32_t* words) {
  text::Tokenize(text, &s->tokens);
  *words = static_cast<uint32_t>(s->tokens.size());
  s->words.resize(s->tokens.size());
  for (size_t i = 0; i < s->tokens.size(); ++i) s->words[i] = s->tokens[i].hash;
  FingerprintWords(s->words, k, w, exclude, fps);
}

void PrepareWork(int k, int w, const CommonSet& exclude, Scratch* s, Prepared* p) {
  const std::string& text = p->work.text;
  p->block.resize(ZSTD_compressBound(text.size()));
  size_t n = ZSTD_compress2(s->cctx, p->block.data(), p->block.size(), text.data(), text.size());
  if (ZSTD_isError(n)) {
    p->status = Status::Internal("work " + p->work.id + ": zstd: " + ZSTD_getErrorName(n));
    return;
  }
  p->block.resize(n);
  Fingerprints(text, k, w, exclude, s, &p->fps, &p->words);
  ShingleHashes(s->words, &s->kgrams);  // s->words: the work's word hashes
  p->sketch = SketchOf(s->kgrams);
  text::Tokenize(p->work.title, &s->tokens);
  if (s->tokens.size() >= static_cast<size_t>(kTitleKeyWords)) {
    s->words.resize(kTitleKeyWords);
    for (int i = 0; i < kTitleKeyWords; ++i) s->words[i] = s->tokens[i].hash;
    KGramHashes(s->words, kTitleKeyWords, &s->kgrams);
    p->title_key = s->kgrams[0];
    p->title_words = static_cast<uint32_t>(s->tokens.size());
    s->words.resize(s->tokens.size());
    for (size_t i = 0; i < s->tokens.size(); ++i) s->words[i] = s->tokens[i].hash;
    KGramHashes(s->words, static_cast<int>(s->words.size()), &s->kgrams);
    p->title_full = s->kgrams[0];
  }
}

}  // namespace winnow::corpus
