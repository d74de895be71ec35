// TermSet::Compile: term trees -> distinct leaves -> Hyperscan databases.
#include <hs/hs.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "search/engine.h"
#include "search/engine_internal.h"

namespace winnow::search {
namespace {

using internal::Anchor;
using internal::CNode;
using internal::Consumer;
using internal::Leaf;

constexpr unsigned kRegexFlags = HS_FLAG_CASELESS | HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SOM_LEFTMOST;

// Where a regex came from, for error messages.
struct RegexOrigin {
  uint32_t term = 0;
  int column = 0;
};

class Builder {
 public:
  explicit Builder(TermSet::Impl* ts) : ts_(ts) {}

  uint32_t AddNode(const Node& n, TextField scope, uint32_t term) {
    CNode c;
    c.kind = n.kind;
    switch (n.kind) {
      case Node::Kind::kPhrase:
      case Node::Kind::kRegex:
        c.leaf = static_cast<int32_t>(AddLeaf(n, scope, term));
        break;
      case Node::Kind::kMeta:
        c.meta_field = n.meta_field;
        internal::FoldToCps(n.meta_value, &c.meta_value);
        c.date_from = n.date_from;
        c.date_to = n.date_to;
        break;
      case Node::Kind::kField:
        scope = n.field;  // the innermost scope wins
        break;
      case Node::Kind::kNear:
      case Node::Kind::kNotNear:
        c.distance = n.distance;
        c.ordered = n.ordered;
        break;
      default:
        break;
    }
    for (const auto& child : n.children) {
      if (child) c.children.push_back(AddNode(*child, scope, term));
    }
    ts_->nodes.push_back(std::move(c));
    return static_cast<uint32_t>(ts_->nodes.size() - 1);
  }

  // Adds the Hyperscan expressions of every leaf.
  void AddPatterns() {
    for (uint32_t i = 0; i < ts_->leaves.size(); ++i) {
      Leaf& leaf = ts_->leaves[i];
      if (leaf.kind == Leaf::Kind::kRegex) continue;
      int best = -1;
      for (size_t w = 0; w < leaf.words.size(); ++w) {
        if (leaf.words[w].fragments.empty()) continue;
        if (best < 0 || leaf.words[w].score > leaf.words[best].score) best = static_cast<int>(w);
      }
      leaf.anchor = best;
      if (best < 0) {
        leaf.scan_all = !leaf.words.empty();  // no words: never matches
        if (leaf.scan_all) ts_->scan_all.push_back(i);
        continue;
      }
      for (const auto& f : leaf.words[best].fragments) {
        auto [it, fresh] = fragment_ids_.emplace(f.bytes, static_cast<uint32_t>(fragment_bytes_.size()));
        if (fresh) {
          fragment_bytes_.push_back(f.bytes);
          consumers_.emplace_back();
        }
        auto& consumers = consumers_[it->second];
        Consumer c;
        c.leaf = i;
        c.length = static_cast<uint32_t>(f.bytes.size());
        c.anchor = f.anchor;
        c.field = leaf.field;
        c.ascii_word = !f.bytes.empty();
        for (unsigned char b : f.bytes) c.ascii_word = c.ascii_word && internal::IsAsciiAlnum(b);
        c.single_word = leaf.words.size() == 1;
        bool dup = false;
        for (const Consumer& o : consumers) dup = dup || (o.leaf == c.leaf && o.anchor == c.anchor);
        if (!dup) consumers.push_back(c);
      }
    }
    for (const auto& consumers : consumers_) {
      ts_->fragment_first.push_back(static_cast<uint32_t>(ts_->consumers.size()));
      ts_->consumers.insert(ts_->consumers.end(), consumers.begin(), consumers.end());
    }
    ts_->fragment_first.push_back(static_cast<uint32_t>(ts_->consumers.size()));
  }

  Status BuildDatabases() {
    const auto nfrag = static_cast<unsigned>(fragment_bytes_.size());
    std::vector<std::string> frag_expr;
    std::vector<uint32_t> chars;
    std::u32string cps;
    for (const std::string& b : fragment_bytes_) {
      frag_expr.push_back(EscapeBytes(b));
      internal::FoldToCps(b, &cps);
      chars.insert(chars.end(), cps.begin(), cps.end());
    }
    std::sort(chars.begin(), chars.end());
    chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
    ts_->fold_filter.Build(chars);
    std::vector<unsigned> regex_flags;
    for (size_t j = 0; j < regexes_.size(); ++j) {
      unsigned flags = 0;
      WINNOW_RETURN_IF_ERROR(CheckRegex(j, &flags));
      regex_flags.push_back(flags);
    }
    if (!regexes_.empty()) {
      hs_compile_error_t* err = nullptr;
      if (!Compile(regexes_, regex_flags, nfrag, &ts_->db_regex, &err)) {
        if (err != nullptr && err->expression >= 0)
          return RegexError(static_cast<size_t>(err->expression), err);
        return HyperscanError("regexes", err);
      }
    }
    if (nfrag > 0) {
      hs_compile_error_t* err = nullptr;
      if (!Compile(frag_expr, std::vector<unsigned>(nfrag, HS_FLAG_CASELESS), 0, &ts_->db_fragments, &err)) {
        return HyperscanError("word fragments", err);
      }
    }
    if (nfrag > 0 && !regexes_.empty()) {
      std::vector<std::string> exprs = frag_expr;
      exprs.insert(exprs.end(), regexes_.begin(), regexes_.end());
      std::vector<unsigned> flags(nfrag, HS_FLAG_CASELESS);
      flags.insert(flags.end(), regex_flags.begin(), regex_flags.end());
      hs_compile_error_t* err = nullptr;
      if (!Compile(exprs, flags, 0, &ts_->db_all, &err)) return HyperscanError("terms", err);
    } else {
      ts_->db_all = nfrag > 0 ? ts_->db_fragments : ts_->db_regex;
    }
    return Status::Ok();
  }

 private:
  uint32_t AddLeaf(const Node& n, TextField scope, uint32_t term) {
    std::string key = std::to_string(static_cast<int>(scope));
    if (n.kind == Node::Kind::kRegex) {
      key.append("R").append(n.regex);
    } else {
      for (const WordPattern& w : n.words) {
        key.append("\x1F").append(std::to_string(static_cast<int>(w.kind))).append(w.text);
      }
    }
    auto [it, fresh] = leaf_ids_.emplace(key, static_cast<uint32_t>(ts_->leaves.size()));
    if (fresh) {
      Leaf& leaf = ts_->leaves.emplace_back();
      leaf.field = scope;
      if (n.kind == Node::Kind::kRegex) {
        leaf.kind = Leaf::Kind::kRegex;
        auto [rit, rfresh] = regex_ids_.emplace(n.regex, static_cast<uint32_t>(regexes_.size()));
        if (rfresh) {
          regexes_.push_back(n.regex);
          regex_origin_.push_back({term, n.column});
          ts_->regex_leaves.emplace_back();
        }
        ts_->regex_leaves[rit->second].push_back(it->second);
      } else {
        for (const WordPattern& w : n.words) internal::CompileWord(w, &scratch_, &leaf.words);
      }
    }
    Leaf& leaf = ts_->leaves[it->second];
    if (leaf.terms.empty() || leaf.terms.back() != term) leaf.terms.push_back(term);
    return it->second;
  }

  // Compiles regex j alone: with leftmost start of match if Hyperscan can
  // track it, else (large Unicode classes under repetition, e.g. \w+)
  // without, plus an anchored copy that the matcher runs from each code
  // point before the last match end to find the starts (engine_match.cc).
  Status CheckRegex(size_t j, unsigned* flags) {
    const std::string& re = regexes_[j];
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    *flags = kRegexFlags;
    if (hs_compile(re.c_str(), kRegexFlags, HS_MODE_BLOCK, nullptr, &db, &err) == HS_SUCCESS) {
      hs_free_database(db);
      ts_->regex_anchored.push_back(nullptr);
      return Status::Ok();
    }
    const std::string som_msg = err->message != nullptr ? err->message : "unknown error";
    hs_free_compile_error(err);
    *flags = kRegexFlags & ~HS_FLAG_SOM_LEFTMOST;
    // Run from a later start, ^ and \A would match there too.
    const bool start_anchor = HasStartAnchor(re);
    const std::string anchored = std::string("^(?:").append(re).append(")");
    if (start_anchor ||
        hs_compile(anchored.c_str(), *flags, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
      const std::string anchored_msg =
          start_anchor ? "" : (err != nullptr && err->message != nullptr ? err->message : "unknown error");
      if (!start_anchor) hs_free_compile_error(err);
      // The pattern's own error (syntax, size) comes first.
      if (hs_compile(re.c_str(), *flags, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS)
        return RegexError(j, err);
      hs_free_database(db);
      if (start_anchor) {
        return RegexError(j, "Hyperscan cannot report where its matches start (" + som_msg +
                                 ") and the pattern has a start anchor (^ or \\A)");
      }
      return RegexError(j, anchored_msg);
    }
    ts_->regex_anchored.push_back(db);
    return Status::Ok();
  }

  static bool HasStartAnchor(const std::string& re) {
    bool in_class = false;
    for (size_t i = 0; i < re.size(); ++i) {
      if (re[i] == '\\') {
        if (i + 1 < re.size() && re[i + 1] == 'A' && !in_class) return true;
        ++i;
      } else if (in_class) {
        in_class = re[i] != ']';
      } else if (re[i] == '[') {
        in_class = true;
        if (i + 1 < re.size() && re[i + 1] == '^') ++i;
        if (i + 1 < re.size() && re[i + 1] == ']') ++i;  // []...] and [^]...]
      } else if (re[i] == '^') {
        return true;
      }
    }
    return false;
  }

  static std::string EscapeBytes(const std::string& bytes) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    return out;
  }

  static bool Compile(const std::vector<std::string>& exprs, const std::vector<unsigned>& flags,
                      unsigned first_id, hs_database_t** db, hs_compile_error_t** err) {
    std::vector<const char*> ptrs;
    std::vector<unsigned> ids;
    for (size_t i = 0; i < exprs.size(); ++i) {
      ptrs.push_back(exprs[i].c_str());
      ids.push_back(first_id + static_cast<unsigned>(i));
    }
    return hs_compile_multi(ptrs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                            HS_MODE_BLOCK, nullptr, db, err) == HS_SUCCESS;
  }

  Status RegexError(size_t j, hs_compile_error_t* err) {
    const std::string msg = err != nullptr && err->message != nullptr ? err->message : "unknown error";
    hs_free_compile_error(err);
    return RegexError(j, msg);
  }

  Status RegexError(size_t j, const std::string& msg) {
    const RegexOrigin& o = regex_origin_[j];
    const Term& t = ts_->terms[o.term];
    std::string where = t.line > 0 ? "line " + std::to_string(t.line) + ": " : "";
    return Status::InvalidArgument(where + "term '" + t.name + "': column " + std::to_string(o.column) +
                                   ": regular expression /" + regexes_[j] +
                                   "/ rejected by Hyperscan: " + msg);
  }

  static Status HyperscanError(const std::string& what, hs_compile_error_t* err) {
    const std::string msg = err != nullptr && err->message != nullptr ? err->message : "unknown error";
    hs_free_compile_error(err);
    return Status::Internal("compiling " + what + " into Hyperscan: " + msg);
  }

  TermSet::Impl* ts_;
  internal::WordScratch scratch_;
  std::map<std::string, uint32_t> leaf_ids_, regex_ids_, fragment_ids_;
  std::vector<std::string> regexes_, fragment_bytes_;
  std::vector<std::vector<Consumer>> consumers_;  // per fragment
  std::vector<RegexOrigin> regex_origin_;
};

// Whether a node can be matched without any of its leaves having a span.
bool NeedsLeafHit(const std::vector<CNode>& nodes, uint32_t i) {
  const CNode& n = nodes[i];
  switch (n.kind) {
    case Node::Kind::kPhrase:
    case Node::Kind::kRegex:
    case Node::Kind::kNear:
    case Node::Kind::kNotNear:
      return true;
    case Node::Kind::kMeta:
    case Node::Kind::kNot:
      return false;
    case Node::Kind::kAnd:
      for (uint32_t c : n.children) {
        if (NeedsLeafHit(nodes, c)) return true;
      }
      return false;
    case Node::Kind::kOr:
      for (uint32_t c : n.children) {
        if (!NeedsLeafHit(nodes, c)) return false;
      }
      return true;
    case Node::Kind::kAndNot:
    case Node::Kind::kField:
      return n.children.empty() || NeedsLeafHit(nodes, n.children[0]);
  }
  return true;
}

}  // namespace

StatusOr<std::shared_ptr<const TermSet>> TermSet::Compile(std::vector<Term> terms) {
  auto impl = std::make_unique<Impl>();
  impl->terms = std::move(terms);
  Builder b(impl.get());
  for (uint32_t t = 0; t < impl->terms.size(); ++t) {
    const Term& term = impl->terms[t];
    if (!term.query.root) {
      return Status::InvalidArgument((term.line > 0 ? "line " + std::to_string(term.line) + ": " : "") +
                                     "term '" + term.name + "': empty query");
    }
    internal::CompiledTerm ct;
    ct.root = b.AddNode(*term.query.root, TextField::kAny, t);
    ct.needs_leaf_hit = NeedsLeafHit(impl->nodes, ct.root);
    ct.single_leaf = impl->nodes[ct.root].leaf;  // -1 unless the root is a leaf
    if (!ct.needs_leaf_hit) impl->always_eval.push_back(t);
    impl->compiled.push_back(ct);
  }
  b.AddPatterns();
  WINNOW_RETURN_IF_ERROR(b.BuildDatabases());
  return std::shared_ptr<const TermSet>(new TermSet(std::move(impl)));
}

}  // namespace winnow::search
