// The MPI cluster (Open MPI from Debian). Compiled only when MPI is found.
// The C API only (Open MPI and MPICH would otherwise pull in their C++ bindings).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <climits>
#include <cstdio>

#include "traj/cluster.hpp"
#include "traj/error.hpp"

namespace traj {
namespace {

// Large buffers go in pieces below MPI's int counts.
constexpr std::size_t PIECE = std::size_t{1} << 30;

void check(int status, const char* what) {
  if (status != MPI_SUCCESS) throw Error(std::string("MPI: ") + what + " failed");
}

class MpiCluster final : public Cluster {
 public:
  MpiCluster(int& argc, char**& argv) {
    int provided = 0;
    // Only the main thread calls MPI; oneTBB threads never do.
    check(MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    // Errors come back as codes (then exceptions), not as an abort inside MPI.
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiCluster() override { MPI_Finalize(); }
  MpiCluster(const MpiCluster&) = delete;
  MpiCluster& operator=(const MpiCluster&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void sum(std::span<std::int64_t> values) const override { reduce(values, MPI_SUM); }
  void max(std::span<std::int64_t> values) const override { reduce(values, MPI_MAX); }

  void broadcast(std::vector<unsigned char>& bytes, int root) const override {
    std::uint64_t size = bytes.size();
    check(MPI_Bcast(&size, 1, MPI_UINT64_T, root, MPI_COMM_WORLD), "MPI_Bcast");
    bytes.resize(size);
    for (std::size_t done = 0; done < size; done += PIECE) {
      const auto count = static_cast<int>(std::min(PIECE, size - done));
      check(MPI_Bcast(bytes.data() + done, count, MPI_UNSIGNED_CHAR, root, MPI_COMM_WORLD),
            "MPI_Bcast");
    }
  }

  std::vector<double> gather_all(std::span<const double> mine) const override {
    std::vector<long long> counts(static_cast<std::size_t>(size_));
    long long count = static_cast<long long>(mine.size());
    check(MPI_Allgather(&count, 1, MPI_LONG_LONG, counts.data(), 1, MPI_LONG_LONG, MPI_COMM_WORLD),
          "MPI_Allgather");
    std::size_t total = 0;
    for (const auto c : counts) total += static_cast<std::size_t>(c);
    std::vector<double> all(total);
    // Rank by rank: each rank's part is broadcast by that rank.
    std::size_t offset = 0;
    for (int r = 0; r < size_; ++r) {
      const auto n = static_cast<std::size_t>(counts[static_cast<std::size_t>(r)]);
      if (r == rank_) std::copy(mine.begin(), mine.end(), all.begin() + static_cast<long>(offset));
      for (std::size_t done = 0; done < n; done += PIECE / sizeof(double)) {
        const auto piece = static_cast<int>(std::min(PIECE / sizeof(double), n - done));
        check(MPI_Bcast(all.data() + offset + done, piece, MPI_DOUBLE, r, MPI_COMM_WORLD),
              "MPI_Bcast");
      }
      offset += n;
    }
    return all;
  }

  void send(const std::vector<unsigned char>& bytes, int to) const override {
    std::uint64_t size = bytes.size();
    check(MPI_Send(&size, 1, MPI_UINT64_T, to, 0, MPI_COMM_WORLD), "MPI_Send");
    for (std::size_t done = 0; done < size; done += PIECE) {
      const auto count = static_cast<int>(std::min(PIECE, size - done));
      check(MPI_Send(bytes.data() + done, count, MPI_UNSIGNED_CHAR, to, 1, MPI_COMM_WORLD),
            "MPI_Send");
    }
  }

  std::vector<unsigned char> receive(int from) const override {
    std::uint64_t size = 0;
    check(MPI_Recv(&size, 1, MPI_UINT64_T, from, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
    std::vector<unsigned char> bytes(size);
    for (std::size_t done = 0; done < size; done += PIECE) {
      const auto count = static_cast<int>(std::min(PIECE, size - done));
      check(MPI_Recv(bytes.data() + done, count, MPI_UNSIGNED_CHAR, from, 1, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE),
            "MPI_Recv");
    }
    return bytes;
  }

  void abort(const std::string& message, int code) const override {
    if (rank_ == 0) {
      std::fputs(message.c_str(), stderr);
    } else if (!message.empty()) {
      std::fprintf(stderr, "rank %d of %d: %s", rank_, size_, message.c_str());
    }
    std::fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, code);
    std::abort();  // not reached
  }

 private:
  void reduce(std::span<std::int64_t> values, MPI_Op op) const {
    for (std::size_t done = 0; done < values.size(); done += PIECE / sizeof(std::int64_t)) {
      const auto count =
          static_cast<int>(std::min(PIECE / sizeof(std::int64_t), values.size() - done));
      check(
          MPI_Allreduce(MPI_IN_PLACE, values.data() + done, count, MPI_INT64_T, op, MPI_COMM_WORLD),
          "MPI_Allreduce");
    }
  }

  int rank_ = 0;
  int size_ = 1;
};

}  // namespace

std::unique_ptr<Cluster> join_mpi_job(int& argc, char**& argv) {
  return std::make_unique<MpiCluster>(argc, argv);
}

bool built_with_mpi() {
  return true;
}

}  // namespace traj
