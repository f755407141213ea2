#include "computations.hpp"

namespace traj::cli::serve {

std::uint64_t Computations::enter(const std::string& page) {
  const std::lock_guard lock(mutex_);
  latest_[page] = ++tickets_;
  return tickets_;
}

bool Computations::is_latest(const std::string& page, std::uint64_t ticket) const {
  const std::lock_guard lock(mutex_);
  const auto found = latest_.find(page);
  return found != latest_.end() && found->second == ticket;
}

void Computations::leave(const std::string& page, std::uint64_t ticket) {
  const std::lock_guard lock(mutex_);
  // Forgotten once its newest request is done: the map holds pages computing only.
  if (const auto found = latest_.find(page); found != latest_.end() && found->second == ticket)
    latest_.erase(found);
}

Answer Computations::answer(const WhatIfRequest& request) {
  const std::string key = request.key();
  // A request without a page supersedes nothing and is superseded by nothing.
  const bool paged = !request.page.empty();
  const std::uint64_t ticket = paged ? enter(request.page) : 0;
  struct Leave {
    Computations& self;
    const std::string& page;
    std::uint64_t ticket;
    bool paged;
    ~Leave() {
      if (paged) self.leave(page, ticket);
    }
  } leave_on_exit{*this, request.page, ticket, paged};
  const auto superseded = [&] { return paged && !is_latest(request.page, ticket); };
  if (auto kept = cache_.find(key)) return {Answer::Kind::Cached, std::move(kept)};
  const auto cancelled = [&] { return stopping_() || superseded(); };
  std::optional<WhatIfResult> computed = compute_(request, cancelled);
  if (computed) {
    auto shared = std::make_shared<const WhatIfResult>(std::move(*computed));
    cache_.keep(key, shared);
    // Finished, but a newer request of the page is on its way: never shown as current.
    if (superseded()) return {Answer::Kind::Superseded, nullptr};
    return {Answer::Kind::Computed, std::move(shared)};
  }
  return {stopping_() ? Answer::Kind::Stopped : Answer::Kind::Superseded, nullptr};
}

}  // namespace traj::cli::serve
