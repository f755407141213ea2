#include "reference_cache.hpp"

namespace traj::cli::serve {

KeptReference ReferenceCache::find(const std::string& key) {
  const std::shared_ptr<const KeptReference> entry = entries_.find(key);
  if (!entry) return {};
  KeptReference kept = *entry;
  kept.found = true;
  return kept;
}

void ReferenceCache::keep(const std::string& key, KeptReference kept) {
  if (!kept.recorded || !takes(kept.recorded->result.members)) return;
  kept.found = false;
  entries_.keep(key, std::make_shared<const KeptReference>(std::move(kept)));
}

}  // namespace traj::cli::serve
