#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace winnow::cli {

Progress::Progress(std::string label, uint64_t total, std::string unit)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Update(uint64_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(2)) return;
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw(done);
}

void Progress::Draw(uint64_t done) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  bool bytes = unit_ == "B";
  double scale = bytes ? 1e6 : 1.0;
  const char* shown_unit = bytes ? "MB" : unit_.c_str();
  double rate = secs > 0 ? done / scale / secs : 0;
  char line[256];
  if (total_ > 0) {
    double frac = done >= total_ ? 1.0 : static_cast<double>(done) / total_;
    int filled = static_cast<int>(frac * 30);
    char bar[31];
    for (int i = 0; i < 30; ++i) bar[i] = i < filled ? '#' : '.';
    bar[30] = 0;
    double eta = rate > 0 ? (total_ - (done > total_ ? total_ : done)) / scale / rate : 0;
    std::snprintf(line, sizeof(line), "\r%s [%s] %5.1f%% %.1f %s/s ETA %ds   ", label_.c_str(), bar,
                  frac * 100, rate, shown_unit, static_cast<int>(eta));
  } else {
    std::snprintf(line, sizeof(line), "\r%s %.1f %s %.1f %s/s   ", label_.c_str(), done / scale,
                  shown_unit, rate, shown_unit);
  }
  std::fputs(line, stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Finish() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace winnow::cli
