#include "interrupt.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace traj::cli {
namespace {

constexpr int SLOTS = 8;
constexpr std::size_t PATH_BYTES = 4096;

volatile std::sig_atomic_t received = 0;
volatile std::sig_atomic_t at_once = 0;
// Paths to unlink from the handler (unlink and _exit are async-signal-safe).
char paths[SLOTS][PATH_BYTES];
volatile std::sig_atomic_t in_use[SLOTS];

extern "C" void on_signal(int signal) {
  received = signal;
  if (at_once != 0) {
    for (int i = 0; i < SLOTS; ++i) {
      if (in_use[i] != 0) ::unlink(paths[i]);
    }
    ::_exit(128 + signal);
  }
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

void end_at_once_on_signal() {
  at_once = 1;
  watch_interrupts();
}

void remove_on_signal(const std::string& path) {
  if (path.size() >= PATH_BYTES) return;
  for (int i = 0; i < SLOTS; ++i) {
    if (in_use[i] == 0) {
      std::memcpy(paths[i], path.c_str(), path.size() + 1);
      in_use[i] = 1;
      return;
    }
  }
}

void forget_on_signal(const std::string& path) {
  for (int i = 0; i < SLOTS; ++i) {
    if (in_use[i] != 0 && path == paths[i]) in_use[i] = 0;
  }
}

}  // namespace traj::cli
