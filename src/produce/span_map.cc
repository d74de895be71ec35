#include "produce/span_map.h"

#include <algorithm>
#include <climits>

#include <fmt/format.h>

namespace winnow::produce {

uint32_t RedactionMap::Start(uint32_t p) const {
  // The first record ending after p.
  auto it = std::upper_bound(records_.begin(), records_.end(), p,
                             [](uint32_t v, const pii::RedactionRecord& r) { return v < r.end; });
  if (it != records_.end() && it->begin <= p) return it->out_begin;
  if (it == records_.begin()) return p;
  const pii::RedactionRecord& prev = *(it - 1);
  return p - prev.end + prev.out_end;
}

uint32_t RedactionMap::End(uint32_t p) const {
  // The last record beginning before p.
  auto it = std::lower_bound(records_.begin(), records_.end(), p,
                             [](const pii::RedactionRecord& r, uint32_t v) { return r.begin < v; });
  if (it == records_.begin()) return p;
  const pii::RedactionRecord& r = *(it - 1);
  if (p < r.end) return r.out_end;
  return p - r.end + r.out_end;
}

std::vector<uint32_t> CodePointOffsets(std::string_view text) {
  std::vector<uint32_t> at;
  at.reserve(text.size() + 1);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) at.push_back(i);
  }
  at.push_back(static_cast<uint32_t>(text.size()));
  return at;
}

uint32_t Elision::Map(uint32_t p) const {
  for (const Window& w : windows) {
    if (p >= w.in_start && p <= w.in_end) return w.out_start + (p - w.in_start);
  }
  return UINT32_MAX;
}

namespace {

bool IsSpace(std::string_view text, const std::vector<uint32_t>& at, uint32_t cp) {
  const char c = text[at[cp]];
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

Elision Elide(std::string_view text, std::vector<std::pair<uint32_t, uint32_t>> spans, int words,
              std::span<const std::pair<uint32_t, uint32_t>> protect) {
  const std::vector<uint32_t> at = CodePointOffsets(text);
  const uint32_t n = static_cast<uint32_t>(at.size() - 1);
  // Widen each span by `words` words each side.
  for (auto& [b, e] : spans) {
    b = std::min(b, n);
    e = std::clamp(e, b, n);
    for (int w = 0; w < words && b > 0; ++w) {
      while (b > 0 && IsSpace(text, at, b - 1)) --b;
      while (b > 0 && !IsSpace(text, at, b - 1)) --b;
    }
    for (int w = 0; w < words && e < n; ++w) {
      while (e < n && IsSpace(text, at, e)) ++e;
      while (e < n && !IsSpace(text, at, e)) ++e;
    }
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  for (auto [b, e] : spans) {
    // A window never cuts a replacement in two.
    for (auto [pb, pe] : protect) {
      if (pb < e && pe > b) {
        b = std::min(b, pb);
        e = std::max(e, std::min(pe, n));
      }
    }
    if (!merged.empty() && b <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, e);
    } else {
      merged.emplace_back(b, e);
    }
  }
  Elision out;
  uint32_t out_cp = 0, pos = 0;
  auto cut = [&](uint32_t from, uint32_t to) {
    if (to <= from) return;
    std::string marker = fmt::format("[... {} characters elided ...]", to - from);
    out.cuts.push_back({out_cp, out_cp + static_cast<uint32_t>(marker.size()), to - from});
    out.text += marker;
    out_cp += static_cast<uint32_t>(marker.size());
  };
  for (auto [b, e] : merged) {
    cut(pos, b);
    out.windows.push_back({b, e, out_cp});
    out.text.append(text.substr(at[b], at[e] - at[b]));
    out_cp += e - b;
    pos = e;
  }
  cut(pos, n);
  return out;
}

}  // namespace winnow::produce
