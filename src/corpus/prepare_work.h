// The per-work step of an index build, run on all cores: compress the
// text, tokenize it, winnow its k-grams (without the excluded set), sketch
// its 5-grams and key its title. Thread-compatible: one Scratch per thread.
#pragma once

#include <zstd.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/common_set.h"
#include "corpus/kgram.h"
#include "corpus/sketch.h"
#include "corpus/work_reader.h"
#include "text/tokenizer.h"
#include "winnow/status.h"

namespace winnow::corpus {

// A work after the parallel step, ready to append.
struct Prepared {
  Work work;
  std::string block;              // zstd frame of the text (level 3, checksum)
  std::vector<Fingerprint> fps;
  uint32_t words = 0;
  uint64_t title_key = 0, title_full = 0;  // see TitleEntry
  uint32_t title_words = 0;                // 0: the title is too short to index
  Sketch sketch;
  Status status;                           // an error compressing
};

// Per-thread scratch for PrepareWork and Fingerprints.
struct Scratch {
  Scratch();
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  ZSTD_CCtx* cctx;
  std::vector<text::Token> tokens;
  std::vector<uint64_t> words, kgrams;
};

// Tokens of `text`, their k-grams without the excluded ones, winnowed into
// *fps; *words gets the token count and s->words the token hashes.
void Fingerprints(std::string_view text, int k, int w, const CommonSet& exclude, Scratch* s,
                  std::vector<Fingerprint>* fps, uint32_t* words);

// Fills every member of *p from p->work.
void PrepareWork(int k, int w, const CommonSet& exclude, Scratch* s, Prepared* p);

}  // namespace winnow::corpus
