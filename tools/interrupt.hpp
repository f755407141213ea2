#pragma once
/// SIGINT and SIGTERM during a run: the run stops at the next batch, cleans
/// up and exits non-zero. The flag is the one piece of global state in traj,
/// because a signal handler can reach nothing else.

namespace traj::cli {

/// Installs the handlers (idempotent).
void watch_interrupts();
/// Whether SIGINT or SIGTERM has arrived since watch_interrupts().
bool interrupted();
/// The signal that arrived (0 if none).
int interrupting_signal();

}  // namespace traj::cli
