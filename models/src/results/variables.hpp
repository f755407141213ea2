#pragma once
/// The small writers every file traj writes shares (comparison, search,
/// shares, discovery and track files; docs/hdf5-layout.md): a variable
/// along coordinate variables with its attributes, in the order readers
/// see them (the scales attached, then `long_name`, then `units`).

#include <cstdint>
#include <string>
#include <vector>

#include "traj/hdf5_file.hpp"

namespace traj::territory::results {

/// Doubles along `dims` (row-major, each a 1-D coordinate variable), with
/// `long_name` and, unless empty, `units`. With `chunk_rows`, a 1-D variable
/// longer than that is chunked (and compressed) by that many rows.
hdf5::Dataset write_numbers(hdf5::Group& group, const std::string& name,
                            const std::vector<double>& values,
                            const std::vector<const hdf5::Dataset*>& dims,
                            const std::string& long_name, const std::string& units = "",
                            std::uint64_t chunk_rows = 0);
/// Integers along `dim`, with `long_name` and, unless empty, `units`.
hdf5::Dataset write_integers(hdf5::Group& group, const std::string& name,
                             const std::vector<std::int64_t>& values, const hdf5::Dataset& dim,
                             const std::string& long_name, const std::string& units = "");
hdf5::Dataset write_integers(hdf5::Group& group, const std::string& name,
                             const std::vector<std::int32_t>& values, const hdf5::Dataset& dim,
                             const std::string& long_name, const std::string& units = "");
/// Texts (netCDF strings) along `dim`, with `long_name`.
hdf5::Dataset write_texts(hdf5::Group& group, const std::string& name,
                          const std::vector<std::string>& values, const hdf5::Dataset& dim,
                          const std::string& long_name);
/// A coordinate variable of integers 0, 1, … (boxes, stages, members), a
/// dimension scale; chunked by `chunk_rows` when longer (0: never).
hdf5::Dataset index_scale(hdf5::Group& group, const std::string& name, std::size_t count,
                          const std::string& long_name, std::uint64_t chunk_rows = 0);

}  // namespace traj::territory::results
