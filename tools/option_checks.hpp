#pragma once
/// The checks of every option's value, one validator per kind of value, so
/// that no option of any command forgets one: integers in decimal digits
/// within their range (no wrap-around of -1, no saturation past 2^64),
/// finite numbers within their range (NaN and infinities refused), and
/// non-empty file names. Ranges an ensemble's settings share with results
/// files come from traj/setting_ranges.hpp.

#include <CLI/CLI.hpp>
#include <string>

#include "traj/error.hpp"
#include "traj/setting_ranges.hpp"

namespace traj::cli {

/// An integer in `range`, written in decimal digits.
CLI::Validator integer_in(IntegerRange range);
/// A finite number in `range`.
CLI::Validator number_in(NumberRange range);
/// Text that must not be empty (an empty value would silently mean the
/// default): "expected `expected`, found an empty one".
CLI::Validator non_empty(const std::string& expected);
/// A file name: not empty.
CLI::Validator file_name();
/// A portfolio id or "baseline": not empty.
CLI::Validator portfolio_name();

/// The positional SCENARIO of every command that reads one (empty: refused;
/// absent: the bundled scenario).
CLI::Option* add_scenario_argument(CLI::App& command, std::string& path);
/// `--portfolio,-p`, required, for the commands that study one portfolio.
CLI::Option* add_required_portfolio(CLI::App& command, std::string& portfolio);

/// Throws InputError when both `option` and `other` (names of options or
/// flags of `command`, e.g. "--json") were given: "OPTION with OTHER:
/// REASON". For combinations where one would be ignored; called before any
/// work (CLI11's `excludes` would not say why).
void refuse_together(const CLI::App& command, const std::string& option, const std::string& other,
                     const std::string& reason);

/// For the commands with --json, --output, --report, --lang and --force:
/// refuses --lang with --json and no page (the JSON is the same in every
/// language) and --force without a file to replace.
void refuse_language_and_force_without_use(const CLI::App& command);

}  // namespace traj::cli
