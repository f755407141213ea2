#pragma once
/// The two languages every text a person reads is written in.

namespace traj::territory {

enum class ReportLanguage { English, French };

}  // namespace traj::territory
