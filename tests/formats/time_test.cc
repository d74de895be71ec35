#include <gtest/gtest.h>

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
