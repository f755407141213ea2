#pragma once
/// Whether a value meets an objective: the one judgement every mode uses
/// (deterministic runs, ensembles and what is built on them — compare,
/// target — and sensitivity outcomes), so that they cannot disagree on a
/// boundary or on a reference of zero (docs/model.md#8-objectives).

#include <limits>

namespace traj {

/// The value a relative objective is judged on: indicator / reference.
/// A ratio to a reference that is not positive (zero, negative or NaN) has
/// no meaning — "halve the emissions of a year that had none" — so it is
/// NaN, which meets no threshold.
inline double ratio_to_reference(double indicator, double reference) {
  return reference > 0.0 ? indicator / reference : std::numeric_limits<double>::quiet_NaN();
}

/// At most ⇔ value ≤ threshold, at least ⇔ value ≥ threshold: a value
/// exactly on its threshold meets the objective either way. NaN meets
/// neither.
inline bool meets_threshold(bool at_most, double threshold, double value) {
  return at_most ? value <= threshold : value >= threshold;
}

}  // namespace traj
