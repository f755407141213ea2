#include "result_cache.hpp"

namespace traj::cli::serve {

std::shared_ptr<const WhatIfResult> ResultCache::find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  const auto found = index_.find(key);
  if (found == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->second;
}

void ResultCache::keep(const std::string& key, std::shared_ptr<const WhatIfResult> answer) {
  const std::lock_guard lock(mutex_);
  if (const auto found = index_.find(key); found != index_.end()) {
    found->second->second = std::move(answer);
    entries_.splice(entries_.begin(), entries_, found->second);
    return;
  }
  entries_.emplace_front(key, std::move(answer));
  index_[key] = entries_.begin();
  while (entries_.size() > capacity_) {
    index_.erase(entries_.back().first);
    entries_.pop_back();
  }
}

std::size_t ResultCache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace traj::cli::serve
