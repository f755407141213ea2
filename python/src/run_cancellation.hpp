#pragma once
/// Ctrl-C during a run from Python: the engine polls before each batch; the
/// poll takes the GIL and lets Python run its signal handlers, so that a
/// KeyboardInterrupt stops the run at the next batch and is raised when the
/// run returns (no partial result is handed back).

#include <atomic>
#include <functional>

namespace traj::python {

class RunCancellation {
 public:
  /// The engine's `cancelled` callback (called without the GIL, from any
  /// of the run's threads; only the main thread runs Python's handlers).
  std::function<bool()> poll();
  /// After the run, with the GIL: raises the pending Python exception if a
  /// handler raised one.
  void raise_if_cancelled() const;

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace traj::python
