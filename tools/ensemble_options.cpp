#include "ensemble_options.hpp"

#include "option_checks.hpp"

namespace traj::cli {

void add_ensemble_options(CLI::App& command, EnsembleOptions& ensemble,
                          const EnsembleOptionChoice& choice) {
  if (choice.members) {
    command.add_option("--members,-n", ensemble.members, choice.members_help)
        ->transform(integer_in(choice.members_range))
        ->capture_default_str();
  }
  if (choice.seed) {
    command.add_option("--seed,-s", ensemble.seed, "Seed of the random streams")
        ->transform(integer_in(SEED_RANGE))
        ->capture_default_str();
  }
  command.add_option("--threads,-t", ensemble.threads, choice.threads_help)
      ->transform(integer_in(THREADS_RANGE))
      ->capture_default_str();
  if (choice.precision) {
    command
        .add_option("--precision", ensemble.precision,
                    "Add members until every objective's 95 % interval half-width is below this "
                    "(e.g. 0.01 for ±1 point)")
        ->check(number_in(PRECISION_RANGE));
    command.add_option("--max-members", ensemble.max_members, "Cap on members with --precision")
        ->transform(integer_in(MEMBERS_RANGE))
        ->capture_default_str();
  }
  if (choice.block) {
    command.add_option("--block", ensemble.block, "Members per kernel block (performance tuning)")
        ->transform(integer_in(BLOCK_RANGE))
        ->capture_default_str();
  }
  if (choice.quantiles) {
    command.add_option("--quantiles", ensemble.quantiles, "Quantile levels to report")
        ->delimiter(',')
        ->check(number_in(QUANTILE_LEVEL_RANGE));
  }
}

}  // namespace traj::cli
