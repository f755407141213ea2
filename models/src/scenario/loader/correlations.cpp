/// The [[correlations]] array: rank correlations between named parameters,
/// as pairs (`parameters = ["a", "b"], rank = 0.6`) or as a matrix
/// (`parameters = [...], matrix = [[...]]`), sampled with a Gaussian copula.

#include <cmath>
#include <map>
#include <utility>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::loader {
namespace {

constexpr ValueRange RANK_RANGE{-1.0, 1.0, "in [-1, 1]"};

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

class CorrelationReader {
 public:
  explicit CorrelationReader(ReaderContext& context) : context_(context) {}

  void read(const ConfigNode* node) {
    if (node == nullptr) return;
    if (!node->is_array()) {
      report_type(context_.diagnostics, *node, "correlations",
                  "an array of tables [[correlations]]");
      return;
    }
    const std::size_t errors_before = context_.diagnostics.total();
    for (std::size_t i = 0; i < node->children.size(); ++i) read_element(node->children[i], i);
    if (context_.diagnostics.total() != errors_before || pairs_.empty()) return;
    std::vector<RankCorrelation> correlations;
    for (const auto& pair : pairs_) correlations.push_back(pair.correlation);
    check_semidefinite_groups(correlations);
    if (context_.diagnostics.total() == errors_before)
      context_.scenario.parameters.set_correlations(std::move(correlations));
  }

 private:
  /// A pair as read, with where it was stated for the messages.
  struct StatedPair {
    RankCorrelation correlation;
    SourceLocation where;
    std::string path;
  };

  void read_element(const ConfigNode& element, std::size_t i) {
    const std::string path = "correlations[" + std::to_string(i) + "]";
    TableReader table(&element, path, context_.diagnostics);
    if (!table.valid()) return;
    const auto names = table.strings("parameters", true);
    const ConfigNode* rank = table.get("rank", false, "a rank correlation in [-1, 1]");
    const ConfigNode* matrix = table.get("matrix", false, "a matrix of rank correlations");
    table.string("source", false);
    table.text("description", false);
    table.finish({"parameters", "rank", "matrix", "source", "description"});
    if (!names) return;
    const auto parameters = parameter_indices(table, *names);
    if (!parameters) return;
    if ((rank == nullptr) == (matrix == nullptr)) {
      table.report("rank", std::string("expected either rank (two parameters) or matrix (one row "
                                       "per parameter), found ") +
                               (rank == nullptr ? "neither" : "both"));
      return;
    }
    if (rank != nullptr) {
      if (parameters->size() != 2) {
        table.report("parameters",
                     "expected two parameters beside rank (a matrix for more), "
                     "found " +
                         std::to_string(parameters->size()));
        return;
      }
      if (const auto value = read_rank(*rank, table.path_of("rank")))
        add_pair((*parameters)[0], (*parameters)[1], *value, rank->where, table.path_of("rank"));
      return;
    }
    read_matrix(*matrix, table.path_of("matrix"), *parameters);
  }

  /// The indices of named parameters, each once; nothing after an error.
  std::optional<std::vector<std::size_t>> parameter_indices(TableReader& table,
                                                            const std::vector<std::string>& names) {
    const ParameterSet& set = context_.scenario.parameters;
    const std::vector<std::string> known = set.names(true);
    std::vector<std::size_t> indices;
    bool ok = true;
    for (const auto& name : names) {
      const int index = set.find(name);
      if (index < 0 || !set[static_cast<std::size_t>(index)].named) {
        table.report("parameters", "expected a parameter of [parameters], found " + quoted(name) +
                                       did_you_mean(name, known));
        ok = false;
        continue;
      }
      const auto p = static_cast<std::size_t>(index);
      if (contains(indices, p)) {
        table.report("parameters",
                     "expected distinct parameters (a parameter is not correlated "
                     "with itself), found " +
                         quoted(name) + " twice");
        ok = false;
        continue;
      }
      if (set[p].distribution.is_fixed()) {
        table.report("parameters", "expected uncertain parameters, found " + quoted(name) +
                                       " fixed at " + set[p].distribution.describe());
        ok = false;
        continue;
      }
      indices.push_back(p);
    }
    if (ok && names.size() < 2) {
      table.report("parameters",
                   "expected at least two parameters, found " + std::to_string(names.size()));
      ok = false;
    }
    if (!ok) return std::nullopt;
    return indices;
  }

  std::optional<double> read_rank(const ConfigNode& node, const std::string& path) {
    if (!node.is_number()) {
      report_type(context_.diagnostics, node, path, "a rank correlation in [-1, 1]");
      return std::nullopt;
    }
    if (!std::isfinite(node.number) || !RANK_RANGE.contains(node.number)) {
      context_.diagnostics.add(
          node.where, path,
          "expected a rank correlation in [-1, 1], found " + format_number(node.number));
      return std::nullopt;
    }
    return node.number;
  }

  void read_matrix(const ConfigNode& node, const std::string& path,
                   const std::vector<std::size_t>& parameters) {
    const std::size_t n = parameters.size();
    const std::string shape =
        std::to_string(n) + " rows of " + std::to_string(n) + " numbers (one per parameter)";
    if (!node.is_array() || node.children.size() != n) {
      report_type(context_.diagnostics, node, path, shape);
      return;
    }
    std::vector<std::vector<double>> rows(n);
    for (std::size_t i = 0; i < n; ++i) {
      const ConfigNode& row = node.children[i];
      const std::string row_path = path + "[" + std::to_string(i) + "]";
      if (!row.is_array() || row.children.size() != n) {
        report_type(context_.diagnostics, row, row_path, shape);
        return;
      }
      for (std::size_t j = 0; j < n; ++j) {
        const auto value = read_rank(row.children[j], row_path + "[" + std::to_string(j) + "]");
        if (!value) return;
        rows[i].push_back(*value);
      }
    }
    const auto& names = context_.scenario.parameters;
    for (std::size_t i = 0; i < n; ++i) {
      if (rows[i][i] != 1.0) {
        context_.diagnostics.add(node.children[i].children[i].where,
                                 path + "[" + std::to_string(i) + "][" + std::to_string(i) + "]",
                                 "expected 1 on the diagonal (" + names[parameters[i]].name +
                                     " with itself), found " + format_number(rows[i][i]));
        return;
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (rows[i][j] != rows[j][i]) {
          context_.diagnostics.add(node.children[i].children[j].where,
                                   path + "[" + std::to_string(i) + "][" + std::to_string(j) + "]",
                                   "expected a symmetric matrix (" + format_number(rows[j][i]) +
                                       " at [" + std::to_string(j) + "][" + std::to_string(i) +
                                       "]), found " + format_number(rows[i][j]));
          return;
        }
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        // A zero states independence: no pair, but still "given" once.
        add_pair(parameters[i], parameters[j], rows[i][j], node.children[i].children[j].where,
                 path + "[" + std::to_string(i) + "][" + std::to_string(j) + "]",
                 rows[i][j] == 0.0);
      }
    }
  }

  void add_pair(std::size_t a, std::size_t b, double rank, const SourceLocation& where,
                const std::string& path, bool independent = false) {
    const auto key = std::minmax(a, b);
    const auto [stated, inserted] = stated_at_.emplace(key, where);
    if (!inserted) {
      const auto& names = context_.scenario.parameters;
      context_.diagnostics.add(where, path,
                               "expected each pair of parameters once, found " + names[a].name +
                                   " and " + names[b].name + " already correlated at " +
                                   stated->second.file + ":" + std::to_string(stated->second.line));
      return;
    }
    if (!independent) pairs_.push_back({{a, b, rank}, where, path});
  }

  void check_semidefinite_groups(const std::vector<RankCorrelation>& correlations) {
    const ParameterSet& set = context_.scenario.parameters;
    for (const auto& component : correlation_components(set.size(), correlations)) {
      const auto defect = check_semidefinite(component, correlations);
      if (!defect) continue;
      std::string members;
      for (const std::size_t p : component.parameters)
        members += (members.empty() ? "" : ", ") + set[p].name;
      const StatedPair& worst = pairs_[defect->pair];
      context_.diagnostics.add(
          worst.where, worst.path,
          "expected rank correlations whose normal copula (r = 2 sin(pi rho / 6)) is positive "
          "semi-definite, found a smallest eigenvalue of " +
              format_number(defect->smallest_eigenvalue) + " among " + members +
              "; the pair most responsible: " + set[worst.correlation.first].name + " and " +
              set[worst.correlation.second].name + " (rank " +
              format_number(worst.correlation.rank) +
              ", the pair whose shrinking raises that eigenvalue fastest)");
    }
  }

  ReaderContext& context_;
  std::vector<StatedPair> pairs_;
  std::map<std::pair<std::size_t, std::size_t>, SourceLocation> stated_at_;
};

}  // namespace

void read_correlations(ReaderContext& context, const ConfigNode* node) {
  CorrelationReader(context).read(node);
}

}  // namespace traj::territory::loader
