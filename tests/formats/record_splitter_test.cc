#include "formats/record_splitter.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace winnow {
namespace {

// Serves its data a few bytes at a time, to exercise every refill boundary.
class TrickleSource : public ByteSource {
 public:
  TrickleSource(std::string data, size_t step) : data_(std::move(data)), step_(step) {}
  StatusOr<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min({n, step_, data_.size() - pos_});
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  uint64_t raw_bytes_read() const override { return pos_; }

 private:
  std::string data_;
  size_t step_;
  size_t pos_ = 0;
};

struct Split {
  std::string bytes;
  uint64_t line, offset;
  Record::Problem problem;
};

std::vector<Split> SplitAll(const std::string& data, size_t step = 1 << 20, size_t max = 1 << 20,
                            Layout* layout = nullptr) {
  TrickleSource src(data, step);
  RecordSplitter splitter(&src, max);
  std::vector<Split> out;
  Record rec;
  for (;;) {
    auto got = splitter.Next(&rec);
    EXPECT_TRUE(got.ok());
    if (!got.ok() || !*got) break;
    out.push_back({std::string(rec.bytes), rec.line, rec.offset, rec.problem});
  }
  if (layout) *layout = splitter.layout();
  return out;
}

TEST(RecordSplitterTest, JsonLinesSkipsBlankLinesAndKeepsPositions) {
  std::string data = "{\"a\":1}\r\n\n  \n{\"b\":2}\n{\"c\":3}";
  for (size_t step : {1, 3, 1 << 20}) {
    Layout layout;
    auto recs = SplitAll(data, step, 1 << 20, &layout);
    ASSERT_EQ(recs.size(), 3u) << "step " << step;
    EXPECT_EQ(layout, Layout::kJsonLines);
    EXPECT_EQ(recs[0].bytes, "{\"a\":1}");
    EXPECT_EQ(recs[1].bytes, "{\"b\":2}");
    EXPECT_EQ(recs[1].line, 4u);
    EXPECT_EQ(recs[1].offset, data.find("{\"b\""));
    EXPECT_EQ(recs[2].bytes, "{\"c\":3}");
    EXPECT_EQ(recs[2].line, 5u);
  }
}

TEST(RecordSplitterTest, ArrayElementsIgnoreBracketsInsideStrings) {
  std::string data = "[\n {\"t\": \"a ] } \\\" [ {\"},\n {\"u\": [1, [2, {\"v\": \"\\\\\"}]]},\n \"s,]\", 42 ]\n";
  for (size_t step : {1, 2, 7, 1 << 20}) {
    Layout layout;
    auto recs = SplitAll(data, step, 1 << 20, &layout);
    ASSERT_EQ(recs.size(), 4u) << "step " << step;
    EXPECT_EQ(layout, Layout::kJsonArray);
    EXPECT_EQ(recs[0].bytes, "{\"t\": \"a ] } \\\" [ {\"}");
    EXPECT_EQ(recs[1].bytes, "{\"u\": [1, [2, {\"v\": \"\\\\\"}]]}");
    EXPECT_EQ(recs[1].line, 3u);
    EXPECT_EQ(recs[2].bytes, "\"s,]\"");
    EXPECT_EQ(recs[3].bytes, "42");
    for (const auto& r : recs) EXPECT_EQ(r.problem, Record::Problem::kNone);
  }
}

TEST(RecordSplitterTest, WrappedExportIsSplitIntoItsConversations) {
  Layout layout;
  auto recs = SplitAll("{\"conversations\": [{\"mapping\": {}}, {\"mapping\": {\"x\": 1}}]}\n", 1 << 20,
                       1 << 20, &layout);
  EXPECT_EQ(layout, Layout::kWrappedArray);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].bytes, "{\"mapping\": {\"x\": 1}}");
}

TEST(RecordSplitterTest, ShareGptLineStartingWithConversationsIsJsonLines) {
  Layout layout;
  auto recs = SplitAll("{\"conversations\": [{\"from\": \"human\", \"value\": \"hi\"}], \"id\": \"1\"}\n",
                       1 << 20, 1 << 20, &layout);
  EXPECT_EQ(layout, Layout::kJsonLines);
  ASSERT_EQ(recs.size(), 1u);
}

TEST(RecordSplitterTest, TruncatedLastElementIsReported) {
  auto recs = SplitAll("[{\"a\": 1}, {\"b\": \"unfinished");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].problem, Record::Problem::kNone);
  EXPECT_EQ(recs[1].problem, Record::Problem::kTruncated);
  EXPECT_EQ(recs[1].bytes, "{\"b\": \"unfinished");
}

TEST(RecordSplitterTest, TrailingBytesAfterArrayAreOneRecord) {
  auto recs = SplitAll("[{\"a\": 1}]\n garbage\n{\"b\":2}\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].problem, Record::Problem::kTrailing);
  EXPECT_EQ(recs[1].bytes.substr(0, 7), "garbage");
  EXPECT_EQ(recs[1].line, 2u);
}

TEST(RecordSplitterTest, TooLargeRecordsAreCutAndTheNextOneIsFound) {
  std::string big(5000, 'x');
  std::string lines = "{\"a\":\"" + big + "\"}\n{\"b\":1}\n";
  for (size_t step : {13, 1 << 20}) {
    auto recs = SplitAll(lines, step, 1000);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].problem, Record::Problem::kTooLarge);
    EXPECT_EQ(recs[0].bytes.size(), 1000u);
    EXPECT_EQ(recs[1].bytes, "{\"b\":1}");
    EXPECT_EQ(recs[1].line, 2u);
    auto elems = SplitAll("[{\"a\":\"" + big + "\"}, {\"b\":1}]", step, 1000);
    ASSERT_EQ(elems.size(), 2u);
    EXPECT_EQ(elems[0].problem, Record::Problem::kTooLarge);
    EXPECT_EQ(elems[1].bytes, "{\"b\":1}");
  }
}

TEST(RecordSplitterTest, DeepNestingCostsNoRecursion) {
  std::string deep = "[" + std::string(200000, '[') + std::string(200000, ']') + ", {\"ok\":1}]";
  auto recs = SplitAll(deep);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].bytes, "{\"ok\":1}");
}

// Regression (found by reader_openai_fuzz): "[}" returned empty records
// forever, because a stray '}' ended a scalar element before its first byte.
TEST(RecordSplitterTest, StrayClosingBraceIsOneRecordNotALoop) {
  auto recs = SplitAll("[}, {\"a\":1}}]");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].bytes, "}");
  EXPECT_EQ(recs[1].bytes, "{\"a\":1}");
  EXPECT_EQ(recs[2].bytes, "}");
}

TEST(RecordSplitterTest, EmptyAndWhitespaceInputsHaveNoRecords) {
  EXPECT_TRUE(SplitAll("").empty());
  EXPECT_TRUE(SplitAll(" \n\n").empty());
  EXPECT_TRUE(SplitAll("[]").empty());
  EXPECT_TRUE(SplitAll("\xEF\xBB\xBF[ ]\n").empty());
}

}  // namespace
}  // namespace winnow
