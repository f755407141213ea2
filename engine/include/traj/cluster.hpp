#pragma once
/// The processes that share one run: a single process, or the ranks of an
/// MPI job (`mpirun -np R traj …`). The engine splits work over them and
/// merges results in a fixed way, so that every rank ends with the same
/// results as a single process would (see docs/scaling.md).
///
/// Every call is collective unless said otherwise: all ranks make it, in the
/// same order. Not for hot loops (calls may be virtual and communicate).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace traj {

class Cluster {
 public:
  virtual ~Cluster() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  bool is_root() const { return rank() == 0; }

  /// Element-wise sum over the ranks, in place (exact: integers).
  virtual void sum(std::span<std::int64_t> values) const = 0;
  /// Element-wise maximum over the ranks, in place.
  virtual void max(std::span<std::int64_t> values) const = 0;
  /// `bytes` of rank `root`, to every rank (resized as needed).
  virtual void broadcast(std::vector<unsigned char>& bytes, int root) const = 0;
  /// Every rank's `mine`, concatenated in rank order, on every rank.
  virtual std::vector<double> gather_all(std::span<const double> mine) const = 0;
  /// Point to point (not collective): `bytes` to rank `to`; receiving from `from`.
  virtual void send(const std::vector<unsigned char>& bytes, int to) const = 0;
  virtual std::vector<unsigned char> receive(int from) const = 0;
  /// Ends every rank of the job at once with exit code `code` (not
  /// collective), after printing `message` (rank 0 as it is, the others
  /// with their rank); for failures the others cannot learn of otherwise.
  [[noreturn]] virtual void abort(const std::string& message, int code) const = 0;
};

/// The cluster of one process: every collective is the identity.
class SingleProcess final : public Cluster {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void sum(std::span<std::int64_t>) const override {}
  void max(std::span<std::int64_t>) const override {}
  void broadcast(std::vector<unsigned char>&, int) const override {}
  std::vector<double> gather_all(std::span<const double> mine) const override {
    return {mine.begin(), mine.end()};
  }
  void send(const std::vector<unsigned char>&, int) const override;
  std::vector<unsigned char> receive(int) const override;
  [[noreturn]] void abort(const std::string& message, int code) const override;
};

/// True when this process was started by an MPI launcher (mpirun, srun…).
bool launched_by_mpi();

/// Joins the MPI job this process belongs to (MPI_Init_thread; the
/// returned object finalises MPI when destroyed). Throws Error when traj was
/// built without MPI.
std::unique_ptr<Cluster> join_mpi_job(int& argc, char**& argv);

/// Whether this traj was built with MPI.
bool built_with_mpi();

}  // namespace traj
