// The engine's own steps, with small detectors written for the test:
// candidates, validation, context, thresholds, overlaps and options.
#include "pii/engine.h"

#include <gtest/gtest.h>
#include <hs/hs.h>

#include "pii/context.h"

namespace winnow::pii {
namespace {

// Reports runs of three digits (score 0.3, raised by "code") and, from a
// second pattern, "abc-123" style ids (score 0.9).
class DigitsDetector : public Detector {
 public:
  std::string_view Name() const override { return "digits"; }
  std::vector<std::string_view> Types() const override { return {"TEST_DIGITS", "TEST_ID"}; }
  std::vector<Pattern> Patterns() const override {
    return {{"[0-9]{3}", 0, 1}, {"[a-z]{3}-[0-9]{3}", 0, 2}};
  }
  void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const override {
    if (!AsciiWordBounded(ctx.text, c.begin, c.end)) return;
    Finding f;
    f.type = c.tag == 1 ? "TEST_DIGITS" : "TEST_ID";
    f.detector = "digits";
    f.begin = c.begin;
    f.end = c.end;
    f.score = c.tag == 1 ? 0.3f : 0.9f;
    out->push_back(f);
  }
  ContextWords Context(std::string_view type) const override {
    ContextWords w;
    if (type == "TEST_DIGITS") {
      w.raise = {"code", "pin number"};
      w.lower = {"page"};
    }
    return w;
  }
  std::string Normalize(std::string_view, std::string_view value) const override {
    return "n:" + std::string(value);
  }
};

// Reports every word "Alice" that no other finding covers, and records
// what it was shown.
class NameDetector : public Detector {
 public:
  std::string_view Name() const override { return "names"; }
  std::vector<std::string_view> Types() const override { return {"TEST_NAME"}; }
  void Scan(const DetectContext& ctx, std::span<const Finding> found, std::vector<Finding>* out) const override {
    seen_ = found.size();
    for (size_t at = ctx.text.find("Alice"); at != std::string_view::npos; at = ctx.text.find("Alice", at + 1)) {
      Finding f;
      f.type = "TEST_NAME";
      f.detector = "names";
      f.begin = static_cast<uint32_t>(at);
      f.end = static_cast<uint32_t>(at + 5);
      f.score = 0.8f;
      out->push_back(f);
    }
  }
  mutable size_t seen_ = 0;
};

std::unique_ptr<Engine> Make(EngineOptions options = {}) {
  std::vector<std::unique_ptr<Detector>> d;
  d.push_back(std::make_unique<DigitsDetector>());
  d.push_back(std::make_unique<NameDetector>());
  auto e = Engine::Create(std::move(d), options);
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return std::move(e).value();
}

EngineOptions Threshold(float threshold) {
  EngineOptions o;
  o.threshold = threshold;
  return o;
}

std::vector<Finding> Detect(const Engine& e, std::string_view text) {
  auto scratch = e.NewScratch();
  std::vector<Finding> out;
  e.Detect(DetectContext{text, {}, nullptr}, scratch.get(), &out);
  return out;
}

std::string Spans(std::string_view text, const std::vector<Finding>& v) {
  std::string s;
  for (const Finding& f : v) {
    if (!s.empty()) s += " ";
    s += std::string(f.type) + "=" + std::string(text.substr(f.begin, f.end - f.begin));
  }
  return s;
}

TEST(PiiEngine, ContextRaisesAWeakFindingOverTheThreshold) {
  auto e = Make();
  std::string_view t = "the code is 123, and then after that 456 is nothing";
  EXPECT_EQ(Spans(t, Detect(*e, t)), "TEST_DIGITS=123");
  std::string_view phrase = "my pin number: 789";
  auto v = Detect(*e, phrase);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].context);
  EXPECT_FLOAT_EQ(v[0].score, 0.65f);
}

TEST(PiiEngine, ContextWindowIsBoundedAndInflectionsMatch) {
  auto e = Make();
  // Six words between the cue and the number: outside the five-word window.
  EXPECT_EQ(Detect(*e, "code one two three four five 123").size(), 0u);
  EXPECT_EQ(Detect(*e, "codes: 123").size(), 1u);
  EXPECT_EQ(Detect(*e, "123 (the CODE)").size(), 1u);    // after, within two words
  EXPECT_EQ(Detect(*e, "123 is not the code").size(), 0u);
  EXPECT_EQ(Detect(*e, "codependent 123").size(), 0u);    // not an inflection
  EXPECT_EQ(Detect(*e, "coded 123").size(), 1u);
  EXPECT_EQ(Detect(*e, "codex 123").size(), 0u);
}

TEST(PiiEngine, ContextStaysInTheSentence) {
  auto e = Make();
  EXPECT_EQ(Detect(*e, "What is the code? Then 123 arrived").size(), 0u);
  EXPECT_EQ(Detect(*e, "Enter the code. 123 works").size(), 1u);      // no capital after the stop
  EXPECT_EQ(Detect(*e, "code no. 123").size(), 1u);
  EXPECT_EQ(Detect(*e, "the code Nr. Z 123").size(), 1u);   // an abbreviation before a capital
  EXPECT_EQ(Detect(*e, "the code\n\n123").size(), 0u);               // a blank line
  EXPECT_EQ(Detect(*e, "the code:\n123").size(), 1u);
  EXPECT_EQ(Detect(*e, "123. The code is wrong").size(), 0u);          // after, but the next sentence
}

TEST(PiiEngine, NegativeContextLowers) {
  auto e = Make(Threshold(0.2f));
  EXPECT_EQ(Detect(*e, "see 123").size(), 1u);
  EXPECT_EQ(Detect(*e, "see page 123").size(), 0u);
}

TEST(PiiEngine, OverlapsKeepTheHigherScore) {
  auto e = Make(Threshold(0.1f));
  std::string_view t = "id abc-123 then 456";
  EXPECT_EQ(Spans(t, Detect(*e, t)), "TEST_ID=abc-123 TEST_DIGITS=456");
}

TEST(PiiEngine, ScanDetectorsSeeEarlierFindingsAndDoNotOverlapThem) {
  std::vector<std::unique_ptr<Detector>> d;
  d.push_back(std::make_unique<DigitsDetector>());
  auto names = std::make_unique<NameDetector>();
  NameDetector* n = names.get();
  d.push_back(std::move(names));
  auto e = std::move(Engine::Create(std::move(d), {})).value();
  std::string_view t = "Alice has id xyz-999 and Alice again";
  EXPECT_EQ(Spans(t, Detect(*e, t)), "TEST_NAME=Alice TEST_ID=xyz-999 TEST_NAME=Alice");
  EXPECT_EQ(n->seen_, 1u);
}

TEST(PiiEngine, OptionsDisableAndRestrictTypes) {
  std::string_view t = "Alice code 123 abc-123";
  EngineOptions names, ids, only_ids, strict_ids;
  names.disabled = {"names"};
  ids.disabled = {"TEST_ID"};
  only_ids.only_types = {"TEST_ID"};
  strict_ids.type_thresholds = {{"TEST_ID", 0.95f}};
  EXPECT_EQ(Spans(t, Detect(*Make(names), t)), "TEST_DIGITS=123 TEST_ID=abc-123");
  EXPECT_EQ(Spans(t, Detect(*Make(ids), t)), "TEST_NAME=Alice TEST_DIGITS=123 TEST_DIGITS=123");
  EXPECT_EQ(Spans(t, Detect(*Make(only_ids), t)), "TEST_ID=abc-123");
  EXPECT_EQ(Spans(t, Detect(*Make(strict_ids), t)), "TEST_NAME=Alice TEST_DIGITS=123 TEST_DIGITS=123");
}

TEST(PiiEngine, UnknownNamesAreErrors) {
  std::vector<EngineOptions> bad(4);
  bad[0].disabled = {"nope"};
  bad[1].only_types = {"NOPE"};
  bad[2].type_thresholds = {{"NOPE", 0.5f}};
  bad[3].type_thresholds = {{"TEST_ID", 1.5f}};
  for (const EngineOptions& o : bad) {
    std::vector<std::unique_ptr<Detector>> d;
    d.push_back(std::make_unique<DigitsDetector>());
    EXPECT_FALSE(Engine::Create(std::move(d), o).ok());
  }
}

TEST(PiiEngine, NormalizeUsesTheFindingsDetector) {
  auto e = Make();
  std::string_view t = "code 123";
  auto v = Detect(*e, t);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(e->Normalize(v[0], t), "n:123");
}

TEST(PiiEngine, EmptyTextAndNoPatterns) {
  auto e = Make();
  EXPECT_TRUE(Detect(*e, "").empty());
  std::vector<std::unique_ptr<Detector>> d;
  d.push_back(std::make_unique<NameDetector>());
  auto only_scan = std::move(Engine::Create(std::move(d), {})).value();
  EXPECT_EQ(Detect(*only_scan, "Alice").size(), 1u);
}

TEST(PiiContext, WordsAreLowerCasedRunsOfLettersDigitsAndNonAscii) {
  std::vector<std::string> w;
  ContextWordsOf("D.O.B: Né le 3", &w);
  EXPECT_EQ(w, (std::vector<std::string>{"d", "o", "b", "né", "le", "3"}));
}

}  // namespace
}  // namespace winnow::pii
