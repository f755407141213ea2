// Built without MPI: traj runs as a single process only.
#include "traj/cluster.hpp"
#include "traj/error.hpp"

namespace traj {

std::unique_ptr<Cluster> join_mpi_job(int&, char**&) {
  throw Error("this traj was built without MPI (install libopenmpi-dev and rebuild)");
}

bool built_with_mpi() {
  return false;
}

}  // namespace traj
