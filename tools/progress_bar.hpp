#pragma once
/// "[#####     ] 30000 / 100000 members · 12345 /s · 3.0 s left" on stderr,
/// for every long command; shown only when stderr is a terminal and the
/// user did not ask for --quiet.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace traj::cli {

class ProgressBar {
 public:
  /// `unit`: what is counted ("members", "runs", "evaluations").
  ProgressBar(bool enabled, std::string unit)
      : enabled_(enabled), unit_(std::move(unit)), start_(std::chrono::steady_clock::now()) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::uint64_t done, std::uint64_t planned) {
    if (!enabled_) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0.0 ? static_cast<double>(done) / seconds : 0.0;
    const double left =
        rate > 0.0 ? static_cast<double>(planned - std::min(planned, done)) / rate : 0.0;
    constexpr int WIDTH = 30;
    const int filled =
        planned > 0
            ? static_cast<int>(WIDTH * static_cast<double>(done) / static_cast<double>(planned))
            : WIDTH;
    std::fprintf(stderr, "\r[%-*s] %llu / %llu %s · %.0f /s · %.1f s left ", WIDTH,
                 std::string(static_cast<std::size_t>(std::clamp(filled, 0, WIDTH)), '#').c_str(),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(planned),
                 unit_.c_str(), rate, left);
    std::fflush(stderr);
    shown_ = true;
  }
  ~ProgressBar() {
    if (shown_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  std::string unit_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace traj::cli
