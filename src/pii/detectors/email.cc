// EMAIL_ADDRESS: local-part@domain with a plausible top-level domain.
//
// The candidate pattern starts at the '@' and covers the domain; Validate()
// walks left over the local part. Starting at the '@' keeps the pattern
// selective and cheap (a literal Hyperscan can prefilter on) where a pattern
// with the local part in front would track a start of match at every word.
//
// Accepted: RFC 5322 dot-atoms restricted to the characters people actually
// use (letters incl. non-ASCII ones, digits, . _ % + -), a domain of at
// least two labels whose last label is alphabetic (2..63) or punycode.
// Rejected: "@handle" (no local part), "pkg@1.2.3" (numeric TLD), asset
// names like "icon@2x.png" (file-extension TLD), and the userinfo of a URL
// ("https://user:pw@host", left to the url detector, which reports the
// password as a SECRET). "git@github.com:org/repo" is reported: it has the
// shape of an address and names an account.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "EMAIL_ADDRESS";
constexpr std::string_view kName = "email";

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsLocalAscii(unsigned char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

// Extensions of files whose names contain '@' ("icon@2x.png"); never TLDs
// people put in addresses.
constexpr std::array<std::string_view, 40> kFileExtensions = {
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff",
    "heic", "pdf", "txt", "json", "yaml", "yml", "xml", "html", "htm", "css",
    "scss", "js", "mjs", "ts", "tsx", "jsx", "py", "rb", "java", "php",
    "cpp", "hpp", "lock", "log", "csv", "mp3", "mp4", "wav", "zip", "gz"};

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

bool ValidTld(std::string_view tld) {
  if (tld.size() > 4 && EqualsLower(tld.substr(0, 4), "xn--")) {
    return std::all_of(tld.begin() + 4, tld.end(), [](char c) { return IsAsciiAlnum(c) || c == '-'; });
  }
  if (tld.size() < 2 || tld.size() > 63) return false;
  if (!std::all_of(tld.begin(), tld.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      })) {
    return false;
  }
  for (std::string_view ext : kFileExtensions) {
    if (EqualsLower(tld, ext)) return false;
  }
  return true;
}

bool ValidLabel(std::string_view label) {
  return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-';
}

bool HasUpper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The start of the local part that ends at `at`, or `at` when there is none.
// Non-ASCII letters and digits count (internationalized addresses); the
// part may not begin with punctuation, which is trimmed.
size_t LocalStart(std::string_view text, size_t at) {
  size_t l = at;
  while (l > 0 && at - l < 64) {
    const auto c = static_cast<unsigned char>(text[l - 1]);
    if (IsLocalAscii(c)) {
      --l;
      continue;
    }
    if (c < 0x80) break;
    int32_t i = static_cast<int32_t>(l);
    UChar32 cp;
    U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, cp);
    if (cp < 0 || !u_isalnum(cp)) break;
    l = static_cast<size_t>(i);
  }
  while (l < at && !IsAsciiAlnum(static_cast<unsigned char>(text[l])) &&
         static_cast<unsigned char>(text[l]) < 0x80 && text[l] != '_') {
    ++l;
  }
  return l;
}

// True when the local part starting at `local_begin` is the end of the
// userinfo of a URL ("scheme://user:p#ss@host"): a "://" earlier in the same
// token with no '/' or '?' after it.
bool InUrlUserinfo(std::string_view text, size_t local_begin) {
  size_t i = local_begin;
  while (i > 0 && local_begin - i < 256 && static_cast<unsigned char>(text[i - 1]) > 0x20) --i;
  std::string_view token = text.substr(i, local_begin - i);
  size_t scheme = token.rfind("://");
  if (scheme == std::string_view::npos) return false;
  return token.find_first_of("/?", scheme + 3) == std::string_view::npos;
}

class EmailDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    return {{"@[A-Za-z0-9][A-Za-z0-9-]*(?:\\.[A-Za-z0-9-]+)+", 0, 0}};
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    const std::string_view text = ctx.text;
    const size_t at = c.begin;
    const size_t begin = LocalStart(text, at);
    if (begin == at) return;
    std::string_view local = text.substr(begin, at - begin);
    if (local.back() == '.' || local.find("..") != std::string_view::npos) return;
    if (InUrlUserinfo(text, begin)) return;

    // Labels of the domain; drop trailing ones that cannot end an address
    // ("a@b.com.2", "a@b.com.Next" after a missing space).
    std::string_view domain = text.substr(at + 1, c.end - at - 1);
    while (!domain.empty() && domain.back() == '-') domain.remove_suffix(1);
    std::vector<std::string_view> labels;
    size_t pos = 0;
    while (pos <= domain.size()) {
      size_t dot = domain.find('.', pos);
      if (dot == std::string_view::npos) dot = domain.size();
      labels.push_back(domain.substr(pos, dot - pos));
      pos = dot + 1;
    }
    size_t n = labels.size();
    while (n >= 2 && !ValidTld(labels[n - 1])) --n;
    if (n >= 3 && HasUpper(labels[n - 1])) {
      bool earlier_lower = true;
      for (size_t i = 0; i + 1 < n; ++i) earlier_lower = earlier_lower && !HasUpper(labels[i]);
      if (earlier_lower) --n;
    }
    if (n < 2 || !ValidTld(labels[n - 1])) return;
    for (size_t i = 0; i < n; ++i) {
      if (!ValidLabel(labels[i])) return;
    }
    const size_t end = static_cast<size_t>(labels[n - 1].data() + labels[n - 1].size() - text.data());
    if (end < text.size() && (IsAsciiAlnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) return;
    out->push_back(Finding{kType, kName, {}, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), 1.0f});
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"email", "e-mail", "mail", "contact"};
    return w;
  }

  // Addresses compare case-insensitively in practice (the local part is
  // case-sensitive only in theory), so the pseudonym folds case.
  std::string Normalize(std::string_view, std::string_view value) const override {
    std::string s(value);
    for (char& ch : s) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return s;
  }
};

}  // namespace

std::unique_ptr<Detector> MakeEmailDetector() { return std::make_unique<EmailDetector>(); }

}  // namespace winnow::pii
