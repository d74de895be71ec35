// Renders a hit report in one of the formats `winnow search --report` and
// `winnow report` offer.
#pragma once

#include <string>

#include "search/hit_report.h"
#include "winnow/search.h"

namespace winnow::search {

std::string RenderHitReport(const HitReport& report, ReportFormat format);

}  // namespace winnow::search
