#include "option_checks.hpp"

namespace traj::cli {

CLI::Validator integer_in(IntegerRange range) {
  return CLI::Validator(
      [range](std::string& text) {
        std::uint64_t value = 0;
        const std::string problem = integer_problem(text, range, value);
        // CLI11 reads integers with strtoull's base 0 (010 is 8, 0x10 is 16):
        // hand it the decimal value that was checked.
        if (problem.empty()) text = std::to_string(value);
        return problem;
      },
      describe(range), "INTEGER_IN");
}

CLI::Validator number_in(NumberRange range) {
  return CLI::Validator(
      [range](std::string& text) {
        double value = 0.0;
        return number_problem(text, range, value);
      },
      describe(range), "NUMBER_IN");
}

CLI::Validator non_empty(const std::string& expected) {
  return CLI::Validator(
      [expected](std::string& text) {
        return text.empty() ? "expected " + expected + ", found an empty one" : std::string();
      },
      "", "NON_EMPTY");
}

CLI::Validator file_name() {
  return non_empty("a file name");
}

CLI::Validator portfolio_name() {
  return non_empty("a portfolio id, or baseline");
}

void refuse_together(const CLI::App& command, const std::string& option, const std::string& other,
                     const std::string& reason) {
  if (command.count(option) > 0 && command.count(other) > 0) {
    throw InputError(option + " with " + other + ": " + reason);
  }
}

CLI::Option* add_scenario_argument(CLI::App& command, std::string& path) {
  return command
      .add_option("scenario", path, "Scenario file (TOML); default: the bundled scenario")
      ->check(file_name());
}

CLI::Option* add_required_portfolio(CLI::App& command, std::string& portfolio) {
  return command.add_option("--portfolio,-p", portfolio, "Portfolio (\"baseline\": no action)")
      ->required()
      ->check(portfolio_name());
}

}  // namespace traj::cli
