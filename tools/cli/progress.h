// Progress: a one-line progress bar with rate and ETA on stderr, for work
// that runs longer than about two seconds. It draws nothing when stderr is
// not a terminal (so logs and tests stay clean) or before two seconds pass.
// Not thread-safe: call Update from the thread that drives the work.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace winnow::cli {

class Progress {
 public:
  // `total` is the amount of work in `unit`s ("B" for bytes, which are shown
  // as MB), or 0 when unknown (then no ETA is shown).
  Progress(std::string label, uint64_t total, std::string unit);
  ~Progress();  // clears the line if one was drawn

  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Records that `done` units are complete; redraws at most ~10 times a second.
  void Update(uint64_t done);
  void Finish();

 private:
  void Draw(uint64_t done);

  std::string label_;
  uint64_t total_;
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace winnow::cli
