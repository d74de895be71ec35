// libFuzzer target for the corpus index reader. The input frames the five
// files of one generation: u32 lengths of works, fingerprints, titles and
// common, then their bytes, then the similar file's bytes (the rest). Any
// bytes give an index or a Corruption; an accepted index serves metadata,
// texts and matches without reading outside its files.
#include <cstdint>
#include <cstring>
#include <string>

#include "corpus/index_files.h"
#include "corpus/index_impl.h"
#include "winnow/corpus.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 16) return 0;
  uint32_t len[4];
  std::memcpy(len, data, 16);
  const char* p = reinterpret_cast<const char*>(data) + 16;
  size_t rest = size - 16;
  std::string part[5];  // copies: the reader needs the alignment a mapped file has
  for (int i = 0; i < 4; ++i) {
    if (len[i] > rest) return 0;
    part[i].assign(p, len[i]);
    p += len[i];
    rest -= len[i];
  }
  part[4].assign(p, rest);
  auto files = winnow::corpus::IndexFiles::FromBytes(part[0], part[1], part[2], part[3], part[4]);
  if (!files.ok()) return 0;
  (void)(*files)->ValidateAllPostings();
  winnow::corpus::IndexImpl index(std::move(*files));
  std::string probe = "Give me the full article please. ";
  for (uint32_t i = 0; i < index.num_works() && i < 16; ++i) {
    winnow::WorkInfo info = index.work(i);
    probe.append(info.title).append(". ");
    std::string text;
    if (index.WorkText(i, &text).ok()) probe.append(text.substr(0, 4000)).append("\n");
  }
  winnow::Matcher matcher(index, winnow::MatchOptions());
  std::vector<winnow::CorpusMatch> out;
  (void)matcher.Match(probe, true, &out);
  for (const auto& m : out) {
    if (m.work >= index.num_works() || m.start > m.end) __builtin_trap();
  }
  return 0;
}
