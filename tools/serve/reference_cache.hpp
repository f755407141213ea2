#pragma once
/// The starting portfolios the workspace's what-ifs are compared with, each
/// with its ensemble recorded: every slider move of a page compares a new
/// what-if with the same reference on the same members, so the reference's
/// ensemble is run once per portfolio, member count and seed, not once per
/// move (half the work of an answer). The served scenario never changes
/// while the server runs, so a reference, once recorded, stays right.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "against_reference.hpp"
#include "result_cache.hpp"
#include "traj/territory/what_changed.hpp"

namespace traj::cli::serve {

struct KeptReference {
  std::shared_ptr<const AgainstReference> reference;
  std::shared_ptr<const territory::RecordedReference> recorded;
  bool found = false;  ///< found in the cache, not recorded for this what-if
};

class ReferenceCache {
 public:
  /// Keeps at most `capacity` references, each of at most `max_members`
  /// members (a recorded reference holds a double per member and compared
  /// quantity: ≈ 30 MB at 100 000 members for Brest).
  ReferenceCache(std::size_t capacity, std::uint64_t max_members)
      : entries_(capacity), max_members_(max_members) {}

  /// The reference kept for `key`, or empty ones; a hit becomes the most recent.
  KeptReference find(const std::string& key);
  /// Whether an ensemble of `members` members is small enough to be kept.
  bool takes(std::uint64_t members) const { return members <= max_members_; }
  /// Keeps `kept` for `key` unless its ensemble is larger than the cache takes.
  void keep(const std::string& key, KeptReference kept);
  std::size_t size() const { return entries_.size(); }

 private:
  ResultCache<KeptReference> entries_;  ///< least recently used out, as the answers
  std::uint64_t max_members_;
};

}  // namespace traj::cli::serve
