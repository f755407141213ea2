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

void remove_registered_files() {
  for (int i = 0; i < SLOTS; ++i) {
    if (in_use[i] != 0) ::unlink(paths[i]);
  }
}

extern "C" void on_signal(int signal) {
  received = signal;
  if (at_once != 0) {
    remove_registered_files();
    ::_exit(128 + signal);
  }
}

/// Any other signal that ends the process: the temporary files go first,
/// then the signal takes its default course (ending the process, with a core
/// dump where that is its default), so that the parent sees what happened.
extern "C" void on_ending_signal(int signal) {
  remove_registered_files();
  std::signal(signal, SIG_DFL);
  ::raise(signal);  // delivered when the handler returns (it is blocked here)
}

// Signals whose default action ends the process. SIGKILL and SIGSTOP cannot be caught; SIGPROF and
// SIGTRAP belong to profilers and debuggers; SIGXFSZ is ignored instead (see below).
constexpr int ENDING_SIGNALS[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT,   SIGPIPE, SIGALRM,
                                  SIGUSR1, SIGUSR2, SIGXCPU, SIGVTALRM, SIGABRT, SIGSEGV,
                                  SIGBUS,  SIGFPE,  SIGILL,  SIGSYS};

/// Installs `handler` for `signal` unless the signal was set otherwise
/// before traj took it (ignored under nohup, or a sanitizer's own handler).
void take_if_default(int signal, void (*handler)(int)) {
  struct sigaction current {};
  if (::sigaction(signal, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) return;
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  ::sigaction(signal, &action, nullptr);
}

/// Every signal that would end the process removes the registered files
/// first (idempotent: a signal already taken is left as it is).
void clean_up_on_ending_signals() {
  for (const int signal : ENDING_SIGNALS) take_if_default(signal, on_ending_signal);
  // A file larger than the process may write (ulimit -f): the write then
  // fails with EFBIG and is reported like a full disk (exit 1), instead of
  // the signal ending the process in the middle of it.
  if (struct sigaction current{};
      ::sigaction(SIGXFSZ, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
    std::signal(SIGXFSZ, SIG_IGN);
  }
}

}  // namespace

void watch_interrupts() {
  clean_up_on_ending_signals();
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
  clean_up_on_ending_signals();
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
