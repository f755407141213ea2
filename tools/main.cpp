// traj: Monte Carlo trajectories of territorial climate plans.
// The only place where errors become messages and exit codes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include "command_diagnose.hpp"
#include "command_optimize.hpp"
#include "commands.hpp"
#include "interrupt.hpp"
#include "standard_output.hpp"
#include "traj/cluster.hpp"
#include "traj/error.hpp"
#include "traj/string_distance.hpp"
#include "traj_git_hash.hpp"

namespace {

/// Under mpirun: every rank runs the same command; rank 0 prints and writes.
/// A failure may be one rank's alone while the others wait for it in a
/// collective: the job then ends at once (MPI_Abort), with the message.
int finish(const traj::Cluster& cluster, int code, std::string message) {
  // What was printed is part of the outcome: output lost is a failed write.
  if (const std::string failure = traj::cli::standard_output_failure(); !failure.empty()) {
    message += "error: cannot write to standard output: " + failure + "\n";
    if (code == traj::cli::EXIT_OK) code = traj::cli::EXIT_DIFFERENT;
  }
  if (message.empty()) return code;  // an outcome every rank shares
  if (cluster.size() == 1) {
    std::cerr << message;
    return code;
  }
  // The same failure usually happens on every rank (bad input): rank 0
  // aborts first and speaks for all; the others only if it does not.
  if (!cluster.is_root()) std::this_thread::sleep_for(std::chrono::seconds(2));
  cluster.abort(message, code);
  return code;  // not reached
}

}  // namespace

int main(int argc, char** argv) {
  using namespace traj::cli;
  prepare_standard_streams();
  std::unique_ptr<traj::Cluster> cluster;
  try {
    cluster = traj::launched_by_mpi() ? traj::join_mpi_job(argc, argv)
                                      : std::make_unique<traj::SingleProcess>();
  } catch (const traj::Error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return EXIT_INTERNAL;
  }
  if (cluster->size() > 1) traj::cli::end_at_once_on_signal();
  if (!cluster->is_root()) {
    // Rank 0 speaks for the job; the others' failures reach it or abort it.
    if (std::freopen("/dev/null", "w", stdout) == nullptr) return EXIT_INTERNAL;
  }
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
      "  traj diagnose --lang fr --report diagnostic.html\n"
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
  const CommandRunner run = add_run_command(app, command_line, *cluster);
  const CommandRunner rerun = add_rerun_command(app, *cluster);
  const CommandRunner target = add_target_command(app, *cluster);
  const CommandRunner track = add_track_command(app, command_line, *cluster);
  const CommandRunner discover = add_discover_command(app, command_line, *cluster);
  const CommandRunner report = add_report_command(app);
  const CommandRunner export_tables = add_export_command(app);
  const CommandRunner compare = add_compare_command(app, command_line, *cluster);
  const CommandRunner sensitivity = add_sensitivity_command(app, command_line, *cluster);
  const CommandRunner scenario = add_scenario_command(app);
  const CommandRunner serve = add_serve_command(app, *cluster);
  const CommandRunner optimize = add_optimize_command(app, command_line);
  const CommandRunner diagnose = add_diagnose_command(app, *cluster);
  // A first word that names no command is an error, also with --help after
  // it (CLI11 would print the general help and exit 0).
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> commands;
    for (const CLI::App* command : app.get_subcommands({})) commands.push_back(command->get_name());
    if (std::find(commands.begin(), commands.end(), argv[1]) == commands.end()) {
      std::string known;
      for (const auto& name : commands) known += (known.empty() ? "" : ", ") + name;
      return finish(*cluster, EXIT_INPUT,
                    "error: expected a command (" + known + "), found \"" + argv[1] + "\"" +
                        traj::did_you_mean(argv[1], commands) + "\n");
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& success) {
    return finish(*cluster, cluster->is_root() ? app.exit(success) : EXIT_OK, "");
  } catch (const CLI::ParseError& error) {
    if (cluster->is_root()) app.exit(error);
    return finish(*cluster, EXIT_INPUT, "");  // the same on every rank: no abort needed
  }
  int code = EXIT_INTERNAL;
  std::ostringstream message;
  try {
    if (app.got_subcommand("validate")) code = validate();
    if (app.got_subcommand("graph")) code = graph();
    if (app.got_subcommand("run")) code = run();
    if (app.got_subcommand("rerun")) code = rerun();
    if (app.got_subcommand("target")) code = target();
    if (app.got_subcommand("track")) code = track();
    if (app.got_subcommand("discover")) code = discover();
    if (app.got_subcommand("report")) code = report();
    if (app.got_subcommand("export")) code = export_tables();
    if (app.got_subcommand("compare")) code = compare();
    if (app.got_subcommand("sensitivity")) code = sensitivity();
    if (app.got_subcommand("scenario")) code = scenario();
    if (app.got_subcommand("serve")) code = serve();
    if (app.got_subcommand("optimize")) code = optimize();
    if (app.got_subcommand("diagnose")) code = diagnose();
  } catch (const traj::InputError& error) {
    message << error.what();
    if (error.total() > 1) message << error.total() << " errors.\n";
    code = EXIT_INPUT;
  } catch (const traj::Error& error) {
    message << "error: " << error.what() << "\n";
    code = EXIT_DIFFERENT;
  } catch (const std::exception& error) {
    message << "internal error: " << error.what()
            << "\nThis is a bug in traj; please report it with the scenario file.\n";
    code = EXIT_INTERNAL;
  }
  return finish(*cluster, code, message.str());
}
