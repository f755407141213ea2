#!/usr/bin/env bash
# Builds oneTBB, from Debian's own source package of the version installed,
# with ThreadSanitizer, into DEST (default build/tsan-tbb). ThreadSanitizer
# only sees the synchronisation of code it instruments: with Debian's
# uninstrumented libtbb, every hand-over between TBB threads would be
# reported as a race. Idempotent; needs Debian's registry (deb-src).
set -euo pipefail
dest=$(realpath -m "${1:-build/tsan-tbb}")
if [ -f "$dest/lib/cmake/TBB/TBBConfig.cmake" ]; then
  echo "build-tsan-tbb: present in $dest"
  exit 0
fi
work="$dest.work"
rm -rf "$work"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
echo "deb-src http://deb.debian.org/debian bookworm main" > "$work/sources.list"
apt_options=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-"
             -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
             -o "APT::Sandbox::User=$(id -un)")
apt-get "${apt_options[@]}" update -qq
version=$(dpkg-query -W -f='${Version}' libtbb-dev)
(cd "$work" && apt-get "${apt_options[@]}" source --download-only -qq "onetbb=$version")
tar -C "$work" -xf "$work"/onetbb_*.orig.tar.xz
CC=clang CXX=clang++ cmake -S "$work"/oneTBB-* -B "$work/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTBB_SANITIZE=thread -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBBMALLOC_BUILD=OFF -DTBB_STRICT=OFF \
  -DCMAKE_INSTALL_PREFIX="$dest" > "$work/configure.log"
cmake --build "$work/build" -j2 > "$work/build.log"
cmake --install "$work/build" > /dev/null
rm -rf "$work"
echo "build-tsan-tbb: built in $dest"
