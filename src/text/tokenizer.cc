#include "text/tokenizer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "text/byte_masks.h"
#include "text/char_class.h"
#include "text/markup.h"
#include "text/word_hash.h"

namespace winnow::text {
namespace {

const icu::Normalizer2& NfkcCasefold() {
  static const icu::Normalizer2* const nf = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(err);
    if (U_FAILURE(err) || n == nullptr) {
      // Without its data ICU cannot normalize, and hashing unnormalized
      // words would silently corrupt every index built: stop instead.
      std::fprintf(stderr, "winnow: ICU NFKC_Casefold data unavailable: %s\n", u_errorName(err));
      std::abort();
    }
    return n;
  }();
  return *nf;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  char buf[4];
  int32_t len = 0;
  UBool bad = false;
  U8_APPEND(buf, len, 4, static_cast<UChar32>(cp), bad);
  if (!bad) out->append(buf, static_cast<size_t>(len));
}

// One logical character of the text: a UTF-8 sequence (or one ill-formed
// sequence), or a character reference.
struct Char {
  uint32_t cp;
  uint32_t len;    // bytes in the text
  uint32_t extra;  // bytes beyond one code point (len - 1 for UTF-8, 0 for a reference)
  uint8_t cls;     // class entry: CharClass | flags
  bool reference;  // decoded from &...;
};

// The tokens as hashes with offsets.
class TokenSink {
 public:
  explicit TokenSink(std::vector<Token>* out) : out_(out) {}
  // p[0..len) are ASCII letters and digits; p[0..readable) may be read.
  void Ascii(const uint8_t* p, size_t len, size_t readable, uint32_t begin, uint32_t end) {
    out_->push_back({internal::HashAsciiAlnumLower(p, len, readable), begin, end});
  }
  void Word(std::string_view w, uint32_t begin, uint32_t end) {
    out_->push_back(
        {internal::HashBytes(reinterpret_cast<const uint8_t*>(w.data()), w.size()), begin, end});
  }

 private:
  std::vector<Token>* out_;
};

// The normalized words themselves.
class WordSink {
 public:
  explicit WordSink(std::vector<std::string>* out) : out_(out) {}
  void Ascii(const uint8_t* p, size_t len, size_t, uint32_t, uint32_t) {
    std::string& w = out_->emplace_back(reinterpret_cast<const char*>(p), len);
    for (char& c : w) c = static_cast<char>(c | ((c & 0x40) >> 1));
  }
  void Word(std::string_view w, uint32_t, uint32_t) { out_->emplace_back(w); }

 private:
  std::vector<std::string>* out_;
};

// One pass over one text. Positions are bytes; the code-point offset of
// byte i is i - delta_, where delta_ counts the bytes of multi-byte
// sequences before i beyond their first. The main loop jumps over plain
// separators and ASCII words with the 64-byte masks of byte_masks.h and
// takes the byte-by-byte paths only at the bytes those mark special.
template <class Sink>
class Scanner {
 public:
  Scanner(std::string_view text, Sink* sink)
      : p_(reinterpret_cast<const uint8_t*>(text.data())),
        n_(text.size()),
        bmp_(BmpClassTable()),
        sink_(sink) {}

  void Run() {
    i_ = lines_.StartLine(p_, 0, n_);
    LoadMasks();
    while (i_ < n_) {
      if (i_ - base_ >= 64) LoadMasks();
      // Skip plain separators a block at a time.
      const uint64_t pending = (masks_.alnum | masks_.special) >> (i_ - base_);
      if (pending == 0) {
        i_ = base_ + 64;
        continue;
      }
      i_ += static_cast<size_t>(std::countr_zero(pending));
      if (i_ >= n_) break;
      const unsigned at = static_cast<unsigned>(i_ - base_);
      if ((masks_.alnum >> at) & 1) {
        // Fast path: a run of ASCII letters and digits ended by a byte that
        // cannot continue a word.
        const uint64_t rest = ~masks_.alnum >> at;
        size_t end = i_ + static_cast<size_t>(std::countr_zero(rest));
        if (rest == 0) {
          end = base_ + 64;
          while (end < n_ && IsAsciiAlnum(p_[end])) ++end;
        }
        if (end < n_ && (MayContinueWord(p_[end]) || DigitGroupComma(end))) {
          ScanWord();
        } else {
          sink_->Ascii(p_ + i_, end - i_, n_ - i_, Offset(i_), Offset(end));
          i_ = end;
        }
        continue;
      }
      switch (KindOfByte(p_[i_])) {
        case kByteNewline:
          i_ = lines_.StartLine(p_, i_ + 1, n_);
          break;
        case kByteCr: {
          size_t next = i_ + 1;
          if (next < n_ && p_[next] == '\n') ++next;
          i_ = lines_.StartLine(p_, next, n_);
          break;
        }
        case kByteLt:
          SkipMarkup(MatchTag(p_, i_, n_));
          break;
        case kByteBracket:
          SkipMarkup(MatchLinkTarget(p_, i_, n_));
          break;
        case kByteApos:
          ++i_;
          break;
        default:  // kByteAmp, kByteHigh
          ScanOther();
          break;
      }
    }
  }

 private:
  static bool MayContinueWord(uint8_t c) { return c >= 0x80 || c == '\'' || c == '&'; }
  // A comma between two ASCII digits groups thousands: dropped, so that a
  // copy with its commas removed has the same numbers.
  bool DigitGroupComma(size_t pos) const {
    return p_[pos] == ',' && pos > 0 && pos + 1 < n_ && p_[pos - 1] >= '0' && p_[pos - 1] <= '9' &&
           p_[pos + 1] >= '0' && p_[pos + 1] <= '9';
  }

  uint32_t Offset(size_t i) const { return static_cast<uint32_t>(i - delta_); }

  // Classifies the 64 bytes from i_ (zeros, i.e. separators, past the end).
  void LoadMasks() {
    base_ = i_;
    if (n_ - i_ >= 64) {
      masks_ = internal::Classify64(p_ + i_);
      return;
    }
    uint8_t tail[64] = {};
    if (i_ < n_) std::memcpy(tail, p_ + i_, n_ - i_);
    masks_ = internal::Classify64(tail);
  }

  Char Decode(size_t i) const {
    const uint8_t c = p_[i];
    if (c < 0x80) {
      uint32_t cp;
      if (c == '&') {
        if (size_t len = MatchEntity(p_, i, n_, &cp)) {
          uint8_t cls = cp < 0x80 ? uint8_t{ClassOfAscii(cp)} : ClassEntry(bmp_, cp);
          // A decoded line break does not start a markdown line.
          if ((cls & kClassMask) == kBreak) cls = kSep;
          return {cp, static_cast<uint32_t>(len), 0, cls, true};
        }
      }
      return {c, 1, 0, ClassOfAscii(c), false};
    }
    size_t k = i;
    UChar32 cp;
    U8_NEXT(p_, k, n_, cp);
    const auto len = static_cast<uint32_t>(k - i);
    if (cp < 0) return {0xFFFD, len, len - 1, kSep, false};
    return {static_cast<uint32_t>(cp), len, len - 1, ClassEntry(bmp_, static_cast<uint32_t>(cp)),
            false};
  }

  // Skips `len` bytes of markup at i_ (or one separator byte when len is 0).
  void SkipMarkup(size_t len) {
    if (len == 0) {
      ++i_;
      return;
    }
    const size_t to = i_ + len;
    // The markup ends with an ASCII byte, so no sequence crosses `to`.
    for (size_t q = i_; q < to;) {
      if (p_[q] < 0x80) {
        ++q;
        continue;
      }
      size_t k = q;
      UChar32 cp;
      U8_NEXT(p_, k, to, cp);
      delta_ += k - q - 1;
      q = k;
    }
    i_ = to;
  }

  // At a reference or a non-ASCII byte.
  void ScanOther() {
    const Char ch = Decode(i_);
    switch (ch.cls & kClassMask) {
      case kWord:
      case kMark:
        ScanWord();
        return;
      case kCjk:
        ScanCjk(ch);
        return;
      case kBreak:
        delta_ += ch.extra;
        i_ = lines_.StartLine(p_, i_ + ch.len, n_);
        return;
      default:
        delta_ += ch.extra;
        i_ += ch.len;
        return;
    }
  }

  // The general word rule, at a word or mark character. The word stays a
  // slice of the text until a joiner is dropped or a reference decoded;
  // from then on it is assembled in raw_.
  void ScanWord() {
    const size_t start = i_;
    const uint32_t begin = Offset(start);
    size_t pos = start;
    size_t run = start;  // start of the text not yet copied into raw_
    bool copied = false;
    bool ascii = true;
    auto flush = [&] {
      if (!copied) raw_.clear();
      raw_.append(reinterpret_cast<const char*>(p_ + run), pos - run);
      copied = true;
    };
    for (;;) {
      while (pos < n_ && IsAsciiAlnum(p_[pos])) ++pos;
      if (pos < n_ && DigitGroupComma(pos)) {  // "1,905" is the word "1905"
        flush();
        run = ++pos;
        continue;
      }
      if (pos >= n_ || !MayContinueWord(p_[pos])) break;
      const Char ch = Decode(pos);
      const uint8_t cls = ch.cls & kClassMask;
      if (cls == kJoiner) {
        // Dropped only between two characters of the word rule (a word
        // character always precedes: the word started with one).
        if (pos + ch.len >= n_) break;
        const uint8_t next = Decode(pos + ch.len).cls & kClassMask;
        if (next != kWord && next != kMark) break;
        flush();
        run = pos + ch.len;
      } else if (cls == kWord || cls == kMark) {
        ascii = ascii && ch.cp < 0x80;
        if (ch.reference) {
          flush();
          AppendUtf8(ch.cp, &raw_);
          run = pos + ch.len;
        }
      } else {
        break;
      }
      delta_ += ch.extra;
      pos += ch.len;
    }
    const uint32_t end = Offset(pos);
    i_ = pos;
    if (!copied && ascii) {
      sink_->Ascii(p_ + start, pos - start, n_ - start, begin, end);
      return;
    }
    std::string_view word(reinterpret_cast<const char*>(p_ + start), pos - start);
    if (copied) {
      flush();
      word = raw_;
    }
    if (ascii) {
      // Only ASCII letters and digits: the fast path's lower-casing.
      for (char& c : raw_) c = static_cast<char>(c | ((c & 0x40) >> 1));
      sink_->Word(raw_, begin, end);
      return;
    }
    Emit(word, false, begin, end);
  }

  // A Han/Hiragana/Katakana character and the combining marks after it.
  void ScanCjk(const Char& first) {
    const size_t start = i_;
    const uint32_t begin = Offset(start);
    bool stable = (first.cls & kStableAlone) != 0;
    bool copied = first.reference;
    if (copied) {
      raw_.clear();
      AppendUtf8(first.cp, &raw_);
    }
    delta_ += first.extra;
    i_ += first.len;
    while (i_ < n_ && MayContinueWord(p_[i_])) {
      const Char mark = Decode(i_);
      if ((mark.cls & kClassMask) != kMark) break;
      stable = false;
      if (mark.reference && !copied) {
        raw_.assign(reinterpret_cast<const char*>(p_ + start), i_ - start);
        copied = true;
      }
      if (mark.reference)
        AppendUtf8(mark.cp, &raw_);
      else if (copied)
        raw_.append(reinterpret_cast<const char*>(p_ + i_), mark.len);
      delta_ += mark.extra;
      i_ += mark.len;
    }
    const std::string_view token =
        copied ? std::string_view(raw_)
               : std::string_view(reinterpret_cast<const char*>(p_ + start), i_ - start);
    Emit(token, stable, begin, Offset(i_));
  }

  // Hands the normalization of `word` (valid UTF-8) to the sink; `stable`
  // when it is known to be its own normalization. NFKC_Casefold cannot
  // fail on valid UTF-8; if it did, the word is used as it is.
  void Emit(std::string_view word, bool stable, uint32_t begin, uint32_t end) {
    if (!stable) {
      norm_.clear();
      icu::StringByteSink<std::string> sink(&norm_);
      UErrorCode err = U_ZERO_ERROR;
      NfkcCasefold().normalizeUTF8(
          0, icu::StringPiece(word.data(), static_cast<int32_t>(word.size())), sink, nullptr, err);
      if (U_SUCCESS(err)) word = norm_;
    }
    if (!word.empty()) sink_->Word(word, begin, end);
  }

  const uint8_t* const p_;
  const size_t n_;
  const uint8_t* const bmp_;
  Sink* const sink_;
  size_t i_ = 0;
  size_t delta_ = 0;
  size_t base_ = 0;  // masks_ describe bytes [base_, base_ + 64)
  internal::ByteMasks masks_{};
  ListState lines_;
  std::string raw_;   // the word being assembled
  std::string norm_;  // its normalization
};

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* out) {
  out->clear();
  TokenSink sink(out);
  Scanner<TokenSink>(text, &sink).Run();
}

void NormalizedWords(std::string_view text, std::vector<std::string>* out) {
  out->clear();
  WordSink sink(out);
  Scanner<WordSink>(text, &sink).Run();
}

uint64_t WordHash(std::string_view normalized_word) {
  return internal::HashBytes(reinterpret_cast<const uint8_t*>(normalized_word.data()),
                             normalized_word.size());
}

}  // namespace winnow::text
