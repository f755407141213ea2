#include "interrupt.hpp"

#include <csignal>

namespace traj::cli {
namespace {
volatile std::sig_atomic_t received = 0;
extern "C" void on_signal(int signal) {
  received = signal;
}
}  // namespace

void watch_interrupts() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

bool interrupted() {
  return received != 0;
}
int interrupting_signal() {
  return static_cast<int>(received);
}

}  // namespace traj::cli
