#pragma once
/// Writing batch k while the ensemble computes batch k + 1: batches are
/// handed from the ensemble's thread to one writing thread (which compresses
/// them, in parallel, and makes every HDF5 call of the appends) through a
/// queue of at most `capacity` waiting batches, so memory stays bounded: the
/// ensemble waits when the disk is slower than the kernel. Written batches
/// come back as spares, their buffers to be filled again.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "member_batch.hpp"

namespace traj::territory::results {

class WritePipeline {
 public:
  /// `write` runs on the writing thread, batch after batch in order.
  WritePipeline(std::size_t capacity, std::function<void(const StoredBatch&)> write);
  /// Stops the writing thread (batches still waiting are dropped: the file
  /// is abandoned) and waits for it.
  ~WritePipeline();
  WritePipeline(const WritePipeline&) = delete;
  WritePipeline& operator=(const WritePipeline&) = delete;

  /// Queues `batch`, waiting while `capacity` batches wait already. Throws
  /// the failure of an earlier write (disk full, …), if any.
  void push(StoredBatch batch);
  /// Waits until every queued batch is written; throws a write's failure.
  void drain();
  /// A batch already written, to fill again (an empty one at first).
  StoredBatch spare();

 private:
  void run();
  void rethrow_failure();  ///< with mutex_ held

  const std::size_t capacity_;
  std::function<void(const StoredBatch&)> write_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<StoredBatch> waiting_;
  std::deque<StoredBatch> spares_;
  bool writing_ = false;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  ///< last: starts once the rest is ready
};

}  // namespace traj::territory::results
