#pragma once
/// The workspace's small caches of answers: a slider dragged back and forth
/// asks the same what-ifs again, and the same request always gives the same
/// numbers (a fixed seed), so the last few answers are kept, least recently
/// used first out. One cache per kind of answer (runs, economics, contributions).

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace traj::cli::serve {

template <typename Result>
class ResultCache {
 public:
  explicit ResultCache(std::size_t capacity) : capacity_(capacity) {}

  /// The answer kept for `key`, or null; a hit becomes the most recent.
  std::shared_ptr<const Result> find(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto found = index_.find(key);
    if (found == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, found->second);
    return found->second->second;
  }

  /// Keeps `answer` for `key`, dropping the least recently used beyond capacity.
  void keep(const std::string& key, std::shared_ptr<const Result> answer) {
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

  std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Result>>;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  ///< most recent first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
};

}  // namespace traj::cli::serve
