#pragma once
/// The what-ifs being computed, one page at a time: a newer request of a
/// page supersedes its older one still computing (the older one's ensemble
/// is cancelled at its next batch, never queued behind), and a request
/// already answered is answered again from the cache.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "result_cache.hpp"
#include "what_if_request.hpp"

namespace traj::cli::serve {

struct Answer {
  enum class Kind {
    Computed,    ///< computed for this request
    Cached,      ///< an identical request's answer
    Superseded,  ///< a newer request of the same page came first: no answer
    Stopped,     ///< the server is stopping
  };
  Kind kind = Kind::Computed;
  std::shared_ptr<const WhatIfResult> result;  ///< null unless Computed or Cached
};

class Computations {
 public:
  /// `compute` runs one request, polling its cancellation hook (what_if_run.hpp).
  using Compute = std::function<std::optional<WhatIfResult>(const WhatIfRequest&,
                                                            const std::function<bool()>&)>;
  Computations(Compute compute, std::size_t cache_capacity, std::function<bool()> stopping)
      : compute_(std::move(compute)), cache_(cache_capacity), stopping_(std::move(stopping)) {}

  /// Answers `request` (from the cache, or computed unless superseded or
  /// stopped). Throws what `compute` throws.
  Answer answer(const WhatIfRequest& request);

  std::size_t cached() const { return cache_.size(); }

 private:
  std::uint64_t enter(const std::string& page);
  bool is_latest(const std::string& page, std::uint64_t ticket) const;
  void leave(const std::string& page, std::uint64_t ticket);

  Compute compute_;
  ResultCache cache_;
  std::function<bool()> stopping_;
  mutable std::mutex mutex_;
  std::uint64_t tickets_ = 0;
  std::map<std::string, std::uint64_t>
      latest_;  ///< page → its newest request; only pages computing
};

}  // namespace traj::cli::serve
