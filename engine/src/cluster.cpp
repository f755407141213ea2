#include "traj/cluster.hpp"

#include <cstdio>
#include <cstdlib>

#include "traj/error.hpp"

namespace traj {

void SingleProcess::send(const std::vector<unsigned char>&, int) const {
  throw Error("a single process has no other rank to send to");
}

std::vector<unsigned char> SingleProcess::receive(int) const {
  throw Error("a single process has no other rank to receive from");
}

void SingleProcess::abort(const std::string& message, int code) const {
  std::fputs(message.c_str(), stderr);
  std::exit(code);
}

bool launched_by_mpi() {
  // Open MPI, MPICH/Hydra and Slurm's PMI set one of these in every rank.
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    if (std::getenv(variable) != nullptr) return true;
  }
  return false;
}

}  // namespace traj
