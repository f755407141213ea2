#!/usr/bin/env bash
# Installs the Debian packages Trajectoires builds and tests with.
# Idempotent: skips what is present, runs `apt-get update` at most once.
set -euo pipefail

packages=(
  build-essential cmake
  libeigen3-dev libtbb-dev libboost-graph-dev libboost-math-dev libhdf5-dev
  libcli11-dev libbenchmark-dev catch2 libtomlplusplus-dev librandom123-dev
  python3 python3-h5py python3-xarray python3-netcdf4 netcdf-bin hdf5-tools
  chromium chromium-driver python3-selenium
  libcpp-httplib-dev nlohmann-json3-dev
  clang libclang-rt-14-dev xz-utils
  libopenmpi-dev openmpi-bin
  python3-pint
  libisal-dev
  pybind11-dev python3-dev python3-numpy
  libpagmo-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
