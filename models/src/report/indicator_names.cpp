#include "traj/territory/indicator_names.hpp"

#include "labels.hpp"

namespace traj::territory {

std::string indicator_title(const IndicatorInfo& info, ReportLanguage language) {
  return report::indicator_name(info.id, info.description, language);
}

}  // namespace traj::territory
