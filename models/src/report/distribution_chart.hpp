#pragma once
/// The distribution of an indicator over the members in one year, as a
/// histogram with the value committed to and the target marked.

#include <optional>
#include <string>
#include <vector>

#include "labels.hpp"

namespace traj::territory::report {

struct DistributionMarks {
  double committed = 0.0;  ///< drawn as a dark line, labelled `committed_label`
  std::string committed_label;
  std::optional<double> target;  ///< drawn as a red dashed line, labelled `target_label`
  std::string target_label;
};

/// `sorted_values` (increasing, at least one) × `scale` (100 for a share in %)
/// in 30 bins of equal width, the axis in `unit`; its text alternative gives
/// the range, the median and the marks.
std::string distribution_chart(const std::string& id, const std::string& title,
                               const std::vector<double>& sorted_values, double scale,
                               const std::string& unit, const DistributionMarks& marks,
                               Language language);

}  // namespace traj::territory::report
