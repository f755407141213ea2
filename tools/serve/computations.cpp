#include "computations.hpp"

namespace traj::cli::serve {

std::uint64_t PageTickets::enter(const std::string& page) {
  const std::lock_guard lock(mutex_);
  latest_[page] = ++tickets_;
  return tickets_;
}

bool PageTickets::is_latest(const std::string& page, std::uint64_t ticket) const {
  const std::lock_guard lock(mutex_);
  const auto found = latest_.find(page);
  return found != latest_.end() && found->second == ticket;
}

void PageTickets::leave(const std::string& page, std::uint64_t ticket) {
  const std::lock_guard lock(mutex_);
  // Forgotten once its newest request is done: the map holds pages computing only.
  if (const auto found = latest_.find(page); found != latest_.end() && found->second == ticket)
    latest_.erase(found);
}

void PageTickets::cancel(const std::string& page) {
  // A ticket no request holds: the page's request computing is no longer
  // the latest, and the page is forgotten at once.
  leave(page, enter(page));
}

}  // namespace traj::cli::serve
