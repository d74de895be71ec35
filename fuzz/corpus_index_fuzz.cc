// libFuzzer target for the corpus index reader. The input frames the three
// files of one generation: u32 length of works, u32 length of fingerprints,
// the works bytes, the fingerprints bytes, the titles bytes (the rest). Any
// bytes give an index or a Corruption; an accepted index serves metadata,
// texts and matches without reading outside its files.
#include <cstdint>
#include <cstring>
#include <string>

#include "corpus/index_files.h"
#include "corpus/index_impl.h"
#include "winnow/corpus.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 8) return 0;
  uint32_t wlen, flen;
  std::memcpy(&wlen, data, 4);
  std::memcpy(&flen, data + 4, 4);
  const size_t rest = size - 8;
  if (wlen > rest || flen > rest - wlen) return 0;
  // Copies: the reader needs the alignment a mapped file has.
  const std::string works(reinterpret_cast<const char*>(data) + 8, wlen);
  const std::string fps(reinterpret_cast<const char*>(data) + 8 + wlen, flen);
  const std::string titles(reinterpret_cast<const char*>(data) + 8 + wlen + flen, rest - wlen - flen);
  auto files = winnow::corpus::IndexFiles::FromBytes(works, fps, titles);
  if (!files.ok()) return 0;
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
