#include "variables.hpp"

namespace traj::territory::results {

using hdf5::Dataset;
using hdf5::Group;
using hdf5::Type;

namespace {

void describe(Dataset& variable, const std::string& long_name, const std::string& units) {
  variable.set_attribute("long_name", long_name);
  if (!units.empty()) variable.set_attribute("units", units);
}

template <typename Integer>
Dataset integers(Group& group, const std::string& name, const std::vector<Integer>& values,
                 Type type, const Dataset& dim, const std::string& long_name,
                 const std::string& units) {
  Dataset variable = group.create(name, type, {values.size()});
  variable.write(values.data(), type);
  variable.attach_scale(dim, 0);
  describe(variable, long_name, units);
  return variable;
}

}  // namespace

Dataset write_numbers(Group& group, const std::string& name, const std::vector<double>& values,
                      const std::vector<const Dataset*>& dims, const std::string& long_name,
                      const std::string& units, std::uint64_t chunk_rows) {
  std::vector<std::uint64_t> extent;
  for (const Dataset* dim : dims) extent.push_back(dim->dims().front());
  const bool chunked = chunk_rows > 0 && dims.size() == 1 && extent.front() > chunk_rows;
  Dataset variable = chunked ? group.create(name, Type::Float64, extent, {chunk_rows})
                             : group.create(name, Type::Float64, extent);
  variable.write(values.data(), Type::Float64);
  for (unsigned i = 0; i < dims.size(); ++i) variable.attach_scale(*dims[i], i);
  describe(variable, long_name, units);
  return variable;
}

Dataset write_integers(Group& group, const std::string& name,
                       const std::vector<std::int64_t>& values, const Dataset& dim,
                       const std::string& long_name, const std::string& units) {
  return integers(group, name, values, Type::Int64, dim, long_name, units);
}

Dataset write_integers(Group& group, const std::string& name,
                       const std::vector<std::int32_t>& values, const Dataset& dim,
                       const std::string& long_name, const std::string& units) {
  return integers(group, name, values, Type::Int32, dim, long_name, units);
}

Dataset write_texts(Group& group, const std::string& name, const std::vector<std::string>& values,
                    const Dataset& dim, const std::string& long_name) {
  Dataset variable = group.create_strings(name, values);
  variable.attach_scale(dim, 0);
  variable.set_attribute("long_name", long_name);
  return variable;
}

Dataset index_scale(Group& group, const std::string& name, std::size_t count,
                    const std::string& long_name, std::uint64_t chunk_rows) {
  std::vector<std::int64_t> indices(count);
  for (std::size_t i = 0; i < count; ++i) indices[i] = static_cast<std::int64_t>(i);
  Dataset scale = chunk_rows > 0 && count > chunk_rows
                      ? group.create(name, Type::Int64, {count}, {chunk_rows})
                      : group.create(name, Type::Int64, {count});
  scale.write(indices.data(), Type::Int64);
  scale.make_scale(name);
  scale.set_attribute("long_name", long_name);
  return scale;
}

}  // namespace traj::territory::results
