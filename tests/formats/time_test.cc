#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <random>

#include "formats/json_util.h"
#include "winnow/conversation.h"

namespace winnow {
namespace {

TEST(TimeTest, FormatRfc3339KeepsMillisecondsAndRejectsNonsense) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(1686317999.717382), "2023-06-09T13:39:59.717Z");
  EXPECT_EQ(FormatRfc3339(1.9999999), "1970-01-01T00:00:02Z");
  EXPECT_EQ(FormatRfc3339(-1), "");
  EXPECT_EQ(FormatRfc3339(1e300), "");
}

TEST(TimeTest, FormatRfc3339AgreesWithGmtime) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 100000; ++i) {
    const int64_t whole = static_cast<int64_t>(rng() % 253402300800ULL);  // up to 9999-12-31T23:59:59
    const int ms = i % 3 == 0 ? 0 : static_cast<int>(rng() % 1000);
    const time_t t = static_cast<time_t>(whole);
    struct tm tm;
    gmtime_r(&t, &tm);
    char want[40];
    int n = std::snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                          tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (ms != 0) n += std::snprintf(want + n, sizeof want - n, ".%03d", ms);
    std::snprintf(want + n, sizeof want - n, "Z");
    ASSERT_EQ(FormatRfc3339(static_cast<double>(whole) + ms / 1000.0), want) << whole << " + " << ms << " ms";
  }
  EXPECT_EQ(FormatRfc3339(253402300799.0), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatRfc3339(951782400), "2000-02-29T00:00:00Z");
}

TEST(TimeTest, ParseTimeStringAcceptsTheShapesLogsUse) {
  using formats::ParseTimeString;
  EXPECT_EQ(ParseTimeString("2024-01-02T03:04:05Z"), 1704164645);
  EXPECT_EQ(ParseTimeString("2024-01-02 03:04:05"), 1704164645);
  EXPECT_EQ(ParseTimeString("2024-01-02T04:04:05+01:00"), 1704164645);
  EXPECT_EQ(ParseTimeString("2024-01-02T02:34:05-0030"), 1704164645);
  EXPECT_DOUBLE_EQ(ParseTimeString("2024-01-02T03:04:05.250Z"), 1704164645.25);
  EXPECT_EQ(ParseTimeString("2024-01-02"), 1704153600);
  EXPECT_EQ(ParseTimeString("1704164645"), 1704164645);
  EXPECT_EQ(ParseTimeString("1704164645000"), 1704164645);
  EXPECT_EQ(ParseTimeString("yesterday"), -1);
  EXPECT_EQ(ParseTimeString("2024-13-02"), -1);
  EXPECT_EQ(ParseTimeString("2024-01-02T03:04:05Zjunk"), -1);
}

}  // namespace
}  // namespace winnow
