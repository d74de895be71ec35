// MAC_ADDRESS: IEEE 802 48-bit addresses as six hex pairs joined by one
// separator, ':' or '-' (the same throughout), and Cisco's dotted form
// "0123.4567.89ab". Normalized to lower case with colons.
//
// Rejected: the all-zero and broadcast addresses (placeholders, not a
// device), mixed separators, and six pairs that are part of a longer run
// (key fingerprints, EUI-64, IPv6 written with two-digit groups).
//
// Scores: colons 0.8; hyphens 0.7, 0.5 when every digit is decimal (could
// be a number written in pairs); Cisco dots 0.7, 0.4 when all decimal.
#include <algorithm>

#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "MAC_ADDRESS";
constexpr std::string_view kName = "mac_address";

enum Tag { kColon = 0, kHyphen = 1, kCisco = 2 };

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string HexDigits(std::string_view s) {
  std::string h;
  for (char c : s) {
    if (IsHex(c)) h.push_back(c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return h;
}

class MacAddressDetector final : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }

  std::vector<Pattern> Patterns() const override {
    return {{"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}", 0, kColon},
            {"[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}", 0, kHyphen},
            {"[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}", 0, kCisco}};
  }

  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    const std::string_view text = ctx.text;
    const uint32_t b = c.begin, e = c.end;
    const char sep = c.tag == kColon ? ':' : c.tag == kHyphen ? '-' : '.';
    if (b > 0 && (IsAlnum(text[b - 1]) || text[b - 1] == '_')) return;
    if (e < text.size() && (IsAlnum(text[e]) || text[e] == '_')) return;
    // Part of a longer run of groups on either side.
    if (b > 1 && text[b - 1] == sep && IsHex(text[b - 2])) return;
    if (e + 1 < text.size() && text[e] == sep && IsHex(text[e + 1])) return;
    // Two-digit groups joined by ':' next to more colons: an IPv6 address.
    if (c.tag == kColon && ((b > 0 && text[b - 1] == ':') || (e < text.size() && text[e] == ':'))) return;

    const std::string hex = HexDigits(text.substr(b, e - b));
    if (hex == "000000000000" || hex == "ffffffffffff") return;
    const bool decimal = std::all_of(hex.begin(), hex.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    float score = 0.8f;
    if (c.tag == kHyphen) score = decimal ? 0.5f : 0.7f;
    if (c.tag == kCisco) score = decimal ? 0.4f : 0.7f;
    out->push_back(Finding{kType, kName, {}, b, e, score});
  }

  ContextWords Context(std::string_view) const override {
    ContextWords w;
    w.raise = {"mac", "mac address", "hardware address", "physical address", "ethernet", "wifi", "wi-fi",
               "bssid", "nic", "adapter", "device"};
    return w;
  }

  std::string Normalize(std::string_view, std::string_view value) const override {
    const std::string hex = HexDigits(value);
    std::string out;
    for (size_t i = 0; i < hex.size(); i += 2) {
      if (i > 0) out.push_back(':');
      out.append(hex, i, 2);
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Detector> MakeMacAddressDetector() { return std::make_unique<MacAddressDetector>(); }

}  // namespace winnow::pii
