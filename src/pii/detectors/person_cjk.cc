// Names in Chinese, Japanese and Korean text (FindUncasedNames in
// person_cues.h). These scripts have no case and no spaces between words,
// so a name is taken only right after a cue that announces it ("我叫",
// "私の名前は", "제 이름은") or right before an honorific suffix ("さん",
// "先生", "씨"), and its length comes from the gazetteer's surnames (one or
// two characters) plus a given name of one or two characters (Chinese), up
// to the copula or particle that ends it (Japanese, Korean).
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <span>

#include "pii/detectors/person_cues.h"

namespace winnow::pii {
namespace {

bool IsHan(UChar32 c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
bool IsKatakana(UChar32 c) { return c >= 0x30A0 && c <= 0x30FF; }
bool IsHangul(UChar32 c) { return c >= 0xAC00 && c <= 0xD7AF; }

// The code points of `text` from byte `pos` on (at most `max`), with the
// byte offset of each and one past the last.
struct Chars {
  std::vector<UChar32> cp;
  std::vector<uint32_t> at;  // at[i]: byte offset of cp[i]; at[size]: end
};

Chars Forward(std::string_view t, size_t pos, size_t max) {
  Chars c;
  size_t i = pos;
  while (i < t.size() && c.cp.size() < max) {
    c.at.push_back(static_cast<uint32_t>(i));
    UChar32 cp;
    U8_NEXT(t.data(), i, t.size(), cp);
    c.cp.push_back(cp);
  }
  c.at.push_back(static_cast<uint32_t>(i));
  return c;
}

Chars Backward(std::string_view t, size_t pos, size_t max) {
  Chars c;
  size_t i = pos;
  std::vector<UChar32> cps;
  std::vector<uint32_t> at;
  while (i > 0 && cps.size() < max) {
    size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
    size_t k = start;
    UChar32 cp;
    U8_NEXT(t.data(), k, t.size(), cp);
    i = start;
    cps.insert(cps.begin(), cp);
    at.insert(at.begin(), static_cast<uint32_t>(i));
  }
  c.cp = std::move(cps);
  c.at = std::move(at);
  c.at.push_back(static_cast<uint32_t>(pos));
  return c;
}

std::string Utf8(UChar32 a, UChar32 b = -1) {
  std::string s;
  for (UChar32 c : {a, b}) {
    if (c < 0) continue;
    char buf[4];
    size_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    s.append(buf, n);
  }
  return s;
}

// Length in code points of a surname at the start of cp[from...] (0: none).
int SurnameAt(const NameGazetteer& names, const std::vector<UChar32>& cp, size_t from) {
  if (from + 1 < cp.size() && (names.Lookup(Utf8(cp[from], cp[from + 1])) & kSurname)) return 2;
  if (from < cp.size() && (names.Lookup(Utf8(cp[from])) & kSurname)) return 1;
  return 0;
}

// Chinese characters that end a name after "我叫" ("我叫王明，今年…").
bool EndsChineseName(UChar32 c) {
  static constexpr std::u32string_view kEnd = U"是的了在和与我你他她们今年岁来从住说就也都很吗呢吧啊，。、！？";
  return kEnd.find(static_cast<char32_t>(c)) != std::u32string_view::npos;
}

void Push(std::vector<NameSpan>* out, const Chars& c, size_t from, size_t to, float score) {
  if (to > from) out->push_back({c.at[from], c.at[to], score});
}

bool IsKana(UChar32 c) { return (c >= 0x3040 && c <= 0x309F) || IsKatakana(c); }

// The number of leading characters of c that are `letter`s.
size_t RunOf(const Chars& c, bool (*letter)(UChar32)) {
  size_t n = 0;
  while (n < c.cp.size() && letter(c.cp[n])) ++n;
  return n;
}

// A Korean or Japanese name written in its own script inside a Chinese or
// Japanese sentence ("我叫이지우，", "我叫さくら，", "私の名前は윤지민です"):
// the run of that script is the name, when it is a name's length.
bool ForeignName(std::string_view t, size_t pos, bool kana, std::vector<NameSpan>* out) {
  Chars c = Forward(t, pos, 6);
  if (c.cp.empty()) return false;
  if (IsHangul(c.cp[0])) {
    const size_t n = RunOf(c, IsHangul);
    if (n >= 2 && n <= 4) Push(out, c, 0, n, 0.75f);
    return true;
  }
  if (kana && IsKana(c.cp[0])) {
    const size_t n = RunOf(c, [](UChar32 x) { return IsKana(x) || IsHan(x); });
    if (n >= 2 && n <= 5) Push(out, c, 0, n, 0.7f);
    return true;
  }
  return false;
}

// "我叫王小明": a surname, then one or two given characters.
void Chinese(std::string_view t, size_t pos, const NameGazetteer& names, std::vector<NameSpan>* out) {
  if (ForeignName(t, pos, true, out)) return;
  Chars c = Forward(t, pos, 5);
  size_t n = 0;
  while (n < c.cp.size() && IsHan(c.cp[n]) && !EndsChineseName(c.cp[n])) ++n;
  if (n < 2) return;
  const int sur = SurnameAt(names, c.cp, 0);
  if (sur > 0) Push(out, c, 0, std::min<size_t>(n, sur + 2), 0.75f);
  else Push(out, c, 0, std::min<size_t>(n, 3), 0.6f);
}

// Japanese or Korean: the name runs up to one of `enders` (max `max` chars).
size_t UpTo(std::string_view t, const Chars& c, std::span<const std::string_view> enders,
            bool (*letter)(UChar32)) {
  for (size_t n = 1; n < c.cp.size(); ++n) {
    if (!letter(c.cp[n - 1])) return 0;
    if (c.at[n] >= t.size()) return n;
    std::string_view rest = t.substr(c.at[n]);
    for (std::string_view e : enders) {
      if (rest.starts_with(e)) return n;
    }
  }
  return 0;
}

bool JapaneseLetter(UChar32 c) { return IsHan(c) || IsKatakana(c); }

constexpr std::string_view kJaEnd[] = {
    "です", "と申します", "といいます", "と言います", "。", "、", "！", " ", "\n"};
constexpr std::string_view kKoEnd[] = {
    "입니다", "이에요", "예요", "이고", "이라고", "라고", "이야", "씨", ".", ",", " ", "\n"};

// A name after "私の名前は" may be written in hiragana ("さくら").
bool JapaneseNameLetter(UChar32 c) { return IsHan(c) || IsKana(c); }

void Japanese(std::string_view t, size_t pos, bool strong, const NameGazetteer& names,
              std::vector<NameSpan>* out) {
  if (strong && ForeignName(t, pos, false, out)) return;
  Chars c = Forward(t, pos, 9);
  size_t n = UpTo(t, c, kJaEnd, strong ? JapaneseNameLetter : JapaneseLetter);
  if (n == 0) return;
  if (strong) return Push(out, c, 0, n, 0.75f);
  // "私は田中です" but not "私は学生です": a known surname first.
  if (SurnameAt(names, c.cp, 0) > 0 && t.substr(c.at[n]).starts_with("で")) Push(out, c, 0, n, 0.7f);
}

void Korean(std::string_view t, size_t pos, bool strong, const NameGazetteer& names,
            std::vector<NameSpan>* out) {
  Chars c = Forward(t, pos, 5);
  size_t n = UpTo(t, c, kKoEnd, IsHangul);
  if (n < 2 || n > 4) return;
  if (strong) return Push(out, c, 0, n, 0.75f);
  // "저는 김민수입니다" but not "저는 학생입니다": a known surname and a copula.
  std::string_view rest = t.substr(c.at[n]);
  if (SurnameAt(names, c.cp, 0) == 1 &&
      (rest.starts_with("입니다") || rest.starts_with("이에요") || rest.starts_with("예요")))
    Push(out, c, 0, n, 0.7f);
}

// "王先生", "田中さん", "김민수 씨": walk back from the suffix to a surname.
void BeforeSuffix(std::string_view t, size_t pos, bool (*letter)(UChar32), size_t max,
                  const NameGazetteer& names, std::vector<NameSpan>* out) {
  size_t end = pos;
  while (end > 0 && t[end - 1] == ' ') --end;
  Chars c = Backward(t, end, max);
  size_t start = c.cp.size();
  while (start > 0 && letter(c.cp[start - 1])) --start;
  // Hangul names stand alone before "씨"; Han names may be glued to the
  // words before them ("请问王先生").
  const size_t last_from = letter == IsHangul ? start + 1 : c.cp.size();
  if (letter == IsHangul && (c.cp.size() - start < 2 || c.cp.size() - start > 4)) return;
  for (size_t from = start; from < std::min(last_from, c.cp.size()); ++from) {
    if (SurnameAt(names, c.cp, from) > 0) return Push(out, c, from, c.cp.size(), 0.6f);
    if (IsKatakana(c.cp[from])) return Push(out, c, from, c.cp.size(), 0.55f);
  }
}

bool HanOrKatakana(UChar32 c) { return IsHan(c) || IsKatakana(c); }

template <typename F>
void ForEach(std::string_view t, std::string_view cue, F f) {
  for (size_t p = t.find(cue); p != std::string_view::npos; p = t.find(cue, p + cue.size())) {
    size_t after = p + cue.size();
    while (after < t.size() && t[after] == ' ') ++after;
    f(p, after);
  }
}

bool IsCjkLetter(UChar32 c) { return IsHan(c) || IsKatakana(c) || IsHangul(c) || (c >= 0x3040 && c <= 0x309F); }

bool IsUncasedLetter(UChar32 c) {
  if (c < 0x80 || IsCjkLetter(c)) return false;
  const uint32_t mask = U_GET_GC_MASK(c);
  return (mask & U_GC_M_MASK) || ((mask & U_GC_L_MASK) && !u_isupper(c) && !u_islower(c) && !u_istitle(c));
}

}  // namespace

bool UncasedNameAt(std::string_view t, size_t start, const NameGazetteer& names, NameSpan* out) {
  // Enough for two words of any script (Thai and Devanagari names with
  // their marks run past a dozen code points).
  Chars c = Forward(t, start, 48);
  if (c.cp.empty()) return false;
  size_t n = 0;
  if (IsCjkLetter(c.cp[0])) {
    while (n < c.cp.size() && IsCjkLetter(c.cp[n])) ++n;
    // Korean names have two to four syllables; Japanese ones with kana up
    // to five characters ("吉田さくら").
    if (n > (IsHangul(c.cp[0]) ? 4u : 5u)) {
      // Longer runs hold more than the name: cut at a copula or honorific.
      size_t cut = 0;
      for (size_t k = 1; k <= 4 && !cut; ++k) {
        for (std::string_view e : {"です", "さん", "입니다", "이에요", "예요", "씨", "님", "先生"}) {
          if (t.substr(c.at[k]).starts_with(e)) cut = k;
        }
      }
      if (cut == 0) return false;
      n = cut;
    }
    *out = {c.at[0], c.at[n], SurnameAt(names, c.cp, 0) > 0 ? 0.4f : 0.3f};
    return true;
  }
  // A spaced script: one word, and a second one after a single space.
  int words = 0;
  size_t end = 0;
  while (n < c.cp.size() && words < 2) {
    if (!IsUncasedLetter(c.cp[n])) break;
    while (n < c.cp.size() && IsUncasedLetter(c.cp[n])) ++n;
    ++words;
    end = n;
    if (n + 1 < c.cp.size() && c.cp[n] == ' ' && IsUncasedLetter(c.cp[n + 1])) ++n;
    else break;
  }
  if (words == 0) return false;
  const bool known = names.Lookup(t.substr(c.at[0], c.at[end] - c.at[0])) != 0 ||
                     names.Lookup(t.substr(c.at[0], t.substr(c.at[0]).find(' '))) != 0;
  *out = {c.at[0], c.at[end], known ? 0.4f : 0.3f};
  return true;
}

void FindUncasedNames(std::string_view t, const NameGazetteer& names, std::vector<NameSpan>* out) {
  for (std::string_view cue : {"我叫", "我的名字是", "我的名字叫", "我名叫", "本人叫"})
    ForEach(t, cue, [&](size_t, size_t a) { Chinese(t, a, names, out); });
  for (std::string_view cue : {"私の名前は", "わたしの名前は", "僕の名前は", "俺の名前は"})
    ForEach(t, cue, [&](size_t, size_t a) { Japanese(t, a, true, names, out); });
  for (std::string_view cue : {"私は", "わたしは", "僕は"})
    ForEach(t, cue, [&](size_t, size_t a) { Japanese(t, a, false, names, out); });
  for (std::string_view cue : {"제 이름은", "내 이름은", "저의 이름은"})
    ForEach(t, cue, [&](size_t, size_t a) { Korean(t, a, true, names, out); });
  for (std::string_view cue : {"저는", "나는"})
    ForEach(t, cue, [&](size_t, size_t a) { Korean(t, a, false, names, out); });
  ForEach(t, "と申します", [&](size_t p, size_t) { BeforeSuffix(t, p, HanOrKatakana, 8, names, out); });
  for (std::string_view suffix : {"さん", "様", "氏", "先生", "女士", "小姐"})
    ForEach(t, suffix, [&](size_t p, size_t) { BeforeSuffix(t, p, HanOrKatakana, 4, names, out); });
  ForEach(t, "씨", [&](size_t p, size_t) { BeforeSuffix(t, p, IsHangul, 4, names, out); });
}

}  // namespace winnow::pii
