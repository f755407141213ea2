#pragma once
/// The ensembles of a comparison (`traj compare`), run side by side on the
/// run's threads: one per compared plan, keeping every member's outcomes,
/// and one per action left out of each portfolio. An ensemble's numbers do
/// not depend on the threads (traj/ensemble.hpp), nor on which one ran
/// first, so the comparison is the same at any thread count.

#include <tbb/task_arena.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/comparison.hpp"

namespace traj::territory::detail {

/// One plan's members, in member order. The kernel hands over its values as
/// single-precision floats widened exactly, so they are kept as floats: half
/// the memory of doubles, and every comparison and order statistic the same.
struct CompactOutcomes {
  std::vector<std::vector<std::uint8_t>> successes;  ///< [objective][member], 0 or 1
  std::vector<std::vector<float>> values;            ///< [quantity][member]
};

/// What a portfolio without one of its actions gives, for that action's
/// contribution: all that is kept of its ensemble.
struct WithoutAction {
  std::vector<double> probability;  ///< per objective
  std::vector<double> mean;         ///< per compared quantity
};

struct ComparisonRuns {
  std::vector<EnsembleResult> results;              ///< per plan
  std::vector<CompactOutcomes> outcomes;            ///< per plan
  std::vector<std::vector<WithoutAction>> without;  ///< [plan][slot]; empty without contributions
};

/// Runs every plan (keeping its members' outcomes of `quantities`) and, with
/// `contributions`, every plan but the first without each of its actions,
/// all of them sharing one set of prepared draws, as tasks of `arena` — or,
/// over several MPI ranks (`options.cluster`), one after the other, so that
/// every rank makes the ensembles' exchanges in the same order.
/// `finished()` is called after each ensemble, never two at once; it may
/// throw to stop the comparison.
ComparisonRuns run_comparison(tbb::task_arena& arena, const std::vector<Plan>& plans,
                              const std::vector<ComparedQuantity>& quantities,
                              const EnsembleOptions& options, bool contributions,
                              const std::function<void()>& finished);

}  // namespace traj::territory::detail
