#include "reference_cache.hpp"

#include <algorithm>

namespace traj::cli::serve {

KeptReference ReferenceCache::find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  const auto found = std::find_if(entries_.begin(), entries_.end(),
                                  [&key](const Entry& entry) { return entry.first == key; });
  if (found == entries_.end()) return {};
  entries_.splice(entries_.begin(), entries_, found);
  KeptReference kept = found->second;
  kept.found = true;
  return kept;
}

void ReferenceCache::keep(const std::string& key, KeptReference kept) {
  if (!kept.recorded || !takes(kept.recorded->result.members)) return;
  const std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&key](const Entry& entry) { return entry.first == key; });
  kept.found = false;
  entries_.emplace_front(key, std::move(kept));
  while (entries_.size() > capacity_) entries_.pop_back();
}

std::size_t ReferenceCache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace traj::cli::serve
