#include <fstream>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "option_checks.hpp"
#include "results_output.hpp"
#include "traj/error.hpp"
#include "traj/territory/report.hpp"
#include "words.hpp"

namespace traj::cli {

CommandRunner add_report_command(CLI::App& app) {
  struct Options {
    std::string results;
    std::string output = "report.html";
    std::string language = "en";
    bool force = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("report",
                                         "Write a self-contained HTML report of a results file (no "
                                         "network, inline charts, printable)");
  command->add_option("results", options->results, "Results file written by traj run --output")
      ->required()
      ->check(file_name());
  command->add_option("--output,-o", options->output, "HTML file to write")
      ->check(file_name())
      ->capture_default_str();
  command->add_option("--lang", options->language, "Language of the report and of what is printed")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command->add_flag("--force", options->force, "Replace the output file if it exists");
  command->footer(
      "Example:\n  traj run --portfolio plan --output plan.h5 && traj report plan.h5 -o plan.html "
      "--lang fr");
  return [options] {
    const Language language = language_named(options->language);
    const std::string html = territory::results_report_html(options->results, language);
    OutputFile output(options->output, options->force, {options->results});
    output.write(html);
    std::cout << say("report_written", language, {output.target()}) << "\n";
    return EXIT_OK;
  };
}

}  // namespace traj::cli
