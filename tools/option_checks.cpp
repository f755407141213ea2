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

void refuse_language_and_force_without_use(const CLI::App& command) {
  if (command.count("--lang") > 0 && command.count("--report") == 0 &&
      command.count("--json") > 0) {
    throw InputError(
        "--lang: the language of the text and of the --report page; the JSON document is the "
        "same in every language and there is no page; add --report FILE or remove --lang");
  }
  if (command.count("--force") > 0 && command.count("--output") == 0 &&
      command.count("--report") == 0) {
    throw InputError(
        "--force: replaces the --output or --report file; without them nothing is written; "
        "add --output FILE or --report FILE, or remove --force");
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
