#pragma once
/// SIGINT and SIGTERM during a run: the run stops at the next batch, cleans
/// up and exits non-zero. Every other signal that ends a process (SIGHUP,
/// SIGQUIT, SIGPIPE, a crash…) first removes the temporary output files, then
/// takes its default course; SIGXFSZ (ulimit -f) is ignored, so that the write
/// fails and is reported. Under MPI a rank may be waiting for a dead rank in
/// a collective and never reach the next batch: there the handler itself
/// removes the temporary output files and ends the process at once. This is
/// the one piece of global state in traj, because a signal handler can reach
/// nothing else.

#include <string>

namespace traj::cli {

/// Installs the handlers (idempotent).
void watch_interrupts();
/// Whether SIGINT or SIGTERM has arrived since watch_interrupts().
bool interrupted();
/// The signal that arrived (0 if none).
int interrupting_signal();

/// From now on a signal removes the registered files and ends the process
/// at once (exit code 128 + signal), instead of setting the flag.
void end_at_once_on_signal();
/// Temporary files to remove if the process is ended by a signal (at most
/// 8 at a time); forget them once committed or removed. Registering one
/// takes over every ending signal whose disposition is still the default (one
/// ignored, as under nohup, stays ignored).
void remove_on_signal(const std::string& path);
void forget_on_signal(const std::string& path);

}  // namespace traj::cli
