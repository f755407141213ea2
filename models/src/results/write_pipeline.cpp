#include "write_pipeline.hpp"

namespace traj::territory::results {

WritePipeline::WritePipeline(std::size_t capacity, std::function<void(const StoredBatch&)> write)
    : capacity_(capacity), write_(std::move(write)), thread_([this] { run(); }) {}

WritePipeline::~WritePipeline() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    waiting_.clear();
  }
  changed_.notify_all();
  thread_.join();
}

void WritePipeline::rethrow_failure() {
  // Every time: a file that failed a write is never finished.
  if (failure_) std::rethrow_exception(failure_);
}

void WritePipeline::push(StoredBatch batch) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return waiting_.size() < capacity_ || failure_ || stopping_; });
  rethrow_failure();
  if (stopping_) return;
  waiting_.push_back(std::move(batch));
  lock.unlock();
  changed_.notify_all();
}

void WritePipeline::drain() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return (waiting_.empty() && !writing_) || failure_ || stopping_; });
  rethrow_failure();
}

StoredBatch WritePipeline::spare() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (spares_.empty()) return StoredBatch();
  StoredBatch batch = std::move(spares_.front());
  spares_.pop_front();
  return batch;
}

void WritePipeline::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return !waiting_.empty() || stopping_; });
    if (stopping_) return;
    StoredBatch batch = std::move(waiting_.front());
    waiting_.pop_front();
    writing_ = true;
    lock.unlock();
    changed_.notify_all();  // room in the queue
    std::exception_ptr failure;
    try {
      write_(batch);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    writing_ = false;
    if (spares_.size() <= capacity_) spares_.push_back(std::move(batch));
    if (failure) {
      failure_ = failure;
      waiting_.clear();
    }
    changed_.notify_all();
    if (failure) return;
  }
}

}  // namespace traj::territory::results
