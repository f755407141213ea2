// traj: Monte Carlo trajectories of territorial climate plans.
// The only place where errors become messages and exit codes.
#include <iostream>
#include <map>

#include "commands.hpp"
#include "traj/error.hpp"

int main(int argc, char** argv) {
  using namespace traj::cli;
  CLI::App app{
      "traj — how a territory's climate actions propagate to energy, local renewables, GHG and "
      "air pollutants.\nWith no SCENARIO, commands use the bundled default scenario (Brest "
      "métropole).\nDocumentation: docs/ (scenario format, model equations)."};
  app.set_version_flag("--version",
                       std::string("traj ") + TRAJ_VERSION + " (git " + TRAJ_GIT_HASH + ")");
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  traj validate scenarios/brest-metropole.toml\n"
      "  traj run --deterministic --portfolio plan\n"
      "  traj graph --format dot | dot -Tsvg > graph.svg\n"
      "  traj run --output results.h5 && traj rerun results.h5\n"
      "  traj compare\n"
      "  traj sensitivity -p plan\n"
      "Exit codes: 0 success; 1 results differ (rerun), a member gave impossible results, or a "
      "write failed; 2 bad input (scenario or command line); 3 internal error; 128 + signal when "
      "interrupted.");
  const CommandRunner validate = add_validate_command(app);
  const CommandRunner graph = add_graph_command(app);
  std::string command_line;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) command_line += ' ';
    command_line += argv[i];
  }
  const CommandRunner run = add_run_command(app, command_line);
  const CommandRunner rerun = add_rerun_command(app);
  const CommandRunner target = add_target_command(app);
  const CommandRunner report = add_report_command(app);
  const CommandRunner compare = add_compare_command(app, command_line);
  const CommandRunner sensitivity = add_sensitivity_command(app, command_line);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& success) {
    return app.exit(success);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return EXIT_INPUT;
  }
  try {
    if (app.got_subcommand("validate")) return validate();
    if (app.got_subcommand("graph")) return graph();
    if (app.got_subcommand("run")) return run();
    if (app.got_subcommand("rerun")) return rerun();
    if (app.got_subcommand("target")) return target();
    if (app.got_subcommand("report")) return report();
    if (app.got_subcommand("compare")) return compare();
    if (app.got_subcommand("sensitivity")) return sensitivity();
  } catch (const traj::InputError& error) {
    std::cerr << error.what();
    if (error.total() > 1) std::cerr << error.total() << " errors.\n";
    return EXIT_INPUT;
  } catch (const traj::Error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return EXIT_DIFFERENT;
  } catch (const std::exception& error) {
    std::cerr << "internal error: " << error.what()
              << "\nThis is a bug in traj; please report it with the scenario file.\n";
    return EXIT_INTERNAL;
  }
  return EXIT_INTERNAL;
}
