#pragma once
/// The workspace's small cache of answers: a slider dragged back and forth
/// asks the same what-ifs again, and the same request always gives the same
/// numbers (a fixed seed), so the last few answers are kept, least recently
/// used first out.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "what_if_run.hpp"

namespace traj::cli::serve {

class ResultCache {
 public:
  explicit ResultCache(std::size_t capacity) : capacity_(capacity) {}

  /// The answer kept for `key`, or null; a hit becomes the most recent.
  std::shared_ptr<const WhatIfResult> find(const std::string& key);
  /// Keeps `answer` for `key`, dropping the least recently used beyond capacity.
  void keep(const std::string& key, std::shared_ptr<const WhatIfResult> answer);
  std::size_t size() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const WhatIfResult>>;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  ///< most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace traj::cli::serve
