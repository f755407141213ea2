#pragma once
/// The what-ifs being computed, one page at a time: a newer request of a
/// page supersedes its older one still computing (the older one's ensemble
/// is cancelled at its next batch, never queued behind), and a request
/// already answered is answered again from the cache. The page's requests of
/// every kind (run, economics, contributions) share one sequence: a slider
/// moved while the contributions compute cancels them.

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

/// Which request of each page is the newest.
class PageTickets {
 public:
  /// A new request of `page`: it supersedes the page's older ones.
  std::uint64_t enter(const std::string& page);
  bool is_latest(const std::string& page, std::uint64_t ticket) const;
  /// The request is done; the page is forgotten if it was its newest.
  void leave(const std::string& page, std::uint64_t ticket);
  /// Supersedes whatever `page` is computing, with no request of its own.
  void cancel(const std::string& page);

 private:
  mutable std::mutex mutex_;
  std::uint64_t tickets_ = 0;
  std::map<std::string, std::uint64_t>
      latest_;  ///< page → its newest request; only pages computing
};

enum class AnswerKind {
  Computed,    ///< computed for this request
  Cached,      ///< an identical request's answer
  Superseded,  ///< a newer request of the same page came first: no answer
  Stopped,     ///< the server is stopping
};

template <typename Result>
struct Answer {
  AnswerKind kind = AnswerKind::Computed;
  std::shared_ptr<const Result> result;  ///< null unless Computed or Cached
};

template <typename Result>
class Computations {
 public:
  /// `compute` runs one request, polling its cancellation hook (what_if_run.hpp).
  using Compute =
      std::function<std::optional<Result>(const WhatIfRequest&, const std::function<bool()>&)>;
  Computations(PageTickets& pages, Compute compute, std::size_t cache_capacity,
               std::function<bool()> stopping)
      : pages_(pages),
        compute_(std::move(compute)),
        cache_(cache_capacity),
        stopping_(std::move(stopping)) {}

  /// Answers `request` (from the cache, or computed unless superseded or
  /// stopped). Throws what `compute` throws.
  Answer<Result> answer(const WhatIfRequest& request) {
    const std::string key = request.key();
    // A request without a page supersedes nothing and is superseded by nothing.
    const bool paged = !request.page.empty();
    const std::uint64_t ticket = paged ? pages_.enter(request.page) : 0;
    struct Leave {
      PageTickets& pages;
      const std::string& page;
      std::uint64_t ticket;
      bool paged;
      ~Leave() {
        if (paged) pages.leave(page, ticket);
      }
    } leave_on_exit{pages_, request.page, ticket, paged};
    const auto superseded = [&] { return paged && !pages_.is_latest(request.page, ticket); };
    if (auto kept = cache_.find(key)) return {AnswerKind::Cached, std::move(kept)};
    const auto cancelled = [&] { return stopping_() || superseded(); };
    std::optional<Result> computed = compute_(request, cancelled);
    if (computed) {
      auto shared = std::make_shared<const Result>(std::move(*computed));
      cache_.keep(key, shared);
      // Finished, but a newer request of the page is on its way: never shown as current.
      if (superseded()) return {AnswerKind::Superseded, nullptr};
      return {AnswerKind::Computed, std::move(shared)};
    }
    return {stopping_() ? AnswerKind::Stopped : AnswerKind::Superseded, nullptr};
  }

  std::size_t cached() const { return cache_.size(); }

 private:
  PageTickets& pages_;
  Compute compute_;
  ResultCache<Result> cache_;
  std::function<bool()> stopping_;
};

}  // namespace traj::cli::serve
