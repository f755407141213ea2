#pragma once
/// The kernel's working state for one member and one year. Flat arrays,
/// indexed like the Scenario's (cells = sector × carriers + carrier), sized
/// once per Kernel so that the yearly loop never allocates.

#include <Eigen/Dense>
#include <vector>

namespace traj::territory {

struct YearState {
  std::vector<double> demand;           ///< per cell, GWh
  std::vector<double> production;       ///< per source, GWh
  std::vector<double> factor;           ///< per species × cell, ktCO2e/GWh or t/GWh
  std::vector<double> non_energy;       ///< per species × sector, ktCO2e or t
  std::vector<double> custom;           ///< per custom indicator
  std::vector<double> custom_shift;     ///< per custom indicator: additive changes
  std::vector<double> adoption;         ///< per plan slot, this year
  std::vector<double> adoption_before;  ///< per plan slot, previous year
  Eigen::VectorXd carrier_demand;       ///< per carrier, GWh
  Eigen::VectorXd gross;                ///< per carrier, GWh
};

/// A member's values that do not change from year to year.
struct MemberConstants {
  std::vector<double> base_demand;      ///< per cell
  std::vector<double> yearly_factor;    ///< per sector: (1 + growth)(1 - efficiency)
  std::vector<double> yearly_growth;    ///< per sector: 1 + growth
  std::vector<double> base_production;  ///< per source
  std::vector<double> base_non_energy;  ///< per species × sector
  Eigen::MatrixXd branch;               ///< A: GWh of carrier row per GWh of gross carrier column
  Eigen::PartialPivLU<Eigen::MatrixXd> branch_solver;  ///< of I - A
};

}  // namespace traj::territory
