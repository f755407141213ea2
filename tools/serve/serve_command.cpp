#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "commands.hpp"
#include "computations.hpp"
#include "ensemble_options.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "own_origin.hpp"
#include "reference_cache.hpp"
#include "routes.hpp"
#include "scenario_choice.hpp"
#include "traj/error.hpp"
#include "traj/setting_ranges.hpp"
#include "what_if_economics.hpp"
#include "what_if_run.hpp"

namespace traj::cli {

namespace {

/// The most members one request may ask for: 1 000 000 members of a large
/// scenario still answer in seconds; beyond, a stray request would hold the
/// cores for minutes.
constexpr std::uint64_t MAX_SERVED_MEMBERS = 1'000'000;
/// Answers kept: a slider's recent positions, a few portfolios.
constexpr std::size_t CACHED_ANSWERS = 64;
/// Starting portfolios kept with their recorded ensembles (reference_cache.hpp):
/// a page compares with one at a time; a few pages, or a planner switching
/// portfolio or member count, find theirs still there.
constexpr std::size_t REFERENCES_KEPT = 6;
constexpr std::uint64_t REFERENCE_MEMBERS_KEPT = 100'000;

struct ServeOptions {
  std::string path;
  int port = 8750;
  std::string host = "127.0.0.1";
  std::uint64_t members = 10000;
  bool open = false;
};

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

/// Opens the address in the desktop's browser; says so when it cannot.
void open_in_browser(const std::string& address) {
  const std::string command = "xdg-open '" + address + "' >/dev/null 2>&1 &";
  if (std::system(command.c_str()) != 0)
    std::cerr << "note: could not start xdg-open; open " << address << " yourself\n";
}

/// Every what-if allocates its ensemble's buffers (tens of MB) and frees them:
/// by default glibc hands such blocks back to the kernel at once, and the
/// next what-if pays for zeroed pages again (a tenth of an answer's time).
/// A server that answers one what-if after another keeps them — in two
/// arenas, not one per connection thread, each of which would keep its own
/// (Brest at 10 000 members: 135 MB resident instead of 450 MB; the hot loops
/// do not allocate, so threads hardly wait for an arena).
void keep_freed_memory() {
  ::mallopt(M_ARENA_MAX, 2);
  ::mallopt(M_MMAP_THRESHOLD, 512 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 1024 << 20);
}

int run_server(const ServeOptions& options, const Cluster& cluster) {
  if (cluster.size() > 1) {
    throw InputError("serve: expected one process, found " + std::to_string(cluster.size()) +
                     " MPI ranks; run traj serve without mpirun");
  }
  check_setting("--members", options.members, IntegerRange{1, MAX_SERVED_MEMBERS});
  check_setting("--port", std::int64_t{options.port}, IntegerRange{0, 65535});
  const ChosenScenario served = load_chosen(options.path);
  keep_freed_memory();
  watch_interrupts();
  httplib::Server server;
  server.set_payload_max_length(serve::MAX_REQUEST_BYTES);
  // SO_REUSEADDR, not SO_REUSEPORT: httplib's default also sets SO_REUSEPORT, with which a
  // second traj serve on the same port would start and share its requests.
  // TCP_NODELAY, inherited by the accepted connections: httplib writes an
  // answer's headers and body apart, and Nagle's algorithm then held the
  // body until the browser's delayed ACK — 40 ms added to one answer in three.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
  });
  const int port = options.port == 0
                       ? server.bind_to_any_port(options.host)
                       : (server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0) {
    std::cerr << "error: --host " << options.host << " --port " << options.port
              << ": could not listen there (in use, or not an address of this machine); choose "
                 "another --port, or --port 0 for any free one\n";
    return EXIT_DIFFERENT;
  }
  if (!is_loopback(options.host)) {
    std::cerr << "warning: --host " << options.host
              << ": other machines of the network can reach this workspace and run ensembles on "
                 "it; it has no password\n";
  }
  const serve::OwnOrigin origin(options.host, port);
  std::atomic<bool> stopping = false;
  const auto is_stopping = [&stopping] { return stopping.load(); };
  serve::PageTickets pages;
  serve::ReferenceCache references(REFERENCES_KEPT, REFERENCE_MEMBERS_KEPT);
  serve::Computations<serve::WhatIfResult> computations(
      pages,
      [&served, &references](const serve::WhatIfRequest& request,
                             const std::function<bool()>& cancelled) {
        return serve::run_what_if(served, references, request, cancelled);
      },
      CACHED_ANSWERS, is_stopping);
  const auto economics_of = [&served](bool contributions) {
    return [&served, contributions](const serve::WhatIfRequest& request,
                                    const std::function<bool()>& cancelled) {
      return serve::run_economics(served, request, contributions, cancelled);
    };
  };
  serve::Computations<serve::EconomicsResult> economics(pages, economics_of(false), CACHED_ANSWERS,
                                                        is_stopping);
  serve::Computations<serve::EconomicsResult> contributions(pages, economics_of(true),
                                                            CACHED_ANSWERS, is_stopping);
  const serve::MemberChoice members{options.members, MAX_SERVED_MEMBERS};
  const serve::Workspace workspace{served,
                                   members,
                                   pages,
                                   computations,
                                   economics,
                                   contributions,
                                   origin,
                                   serve::scenario_description_json(served, members),
                                   options.path.empty()};
  serve::add_routes(server, workspace);
  // Ctrl-C: the flag set by the handler is watched here, since a signal
  // handler may not stop the server itself.
  std::atomic<bool> listening = true;
  std::thread watcher([&server, &stopping, &listening] {
    while (listening && !interrupted()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stopping = true;
    server.stop();
  });
  std::cout << "traj serve: " << served.name << " at " << origin.address() << " (Ctrl-C stops)"
            << std::endl;
  if (options.open) open_in_browser(origin.address());
  server.listen_after_bind();
  listening = false;
  watcher.join();
  if (!interrupted()) {
    // listen ended by itself (a socket failure), not by a signal.
    std::cerr << "error: the server stopped listening on " << origin.address() << "\n";
    return EXIT_DIFFERENT;
  }
  std::cerr << "traj serve: stopped by signal " << interrupting_signal() << "\n";
  return 128 + interrupting_signal();
}

}  // namespace

CommandRunner add_serve_command(CLI::App& app, const Cluster& cluster) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve", "The planner's workspace: what-ifs in the browser, on this machine (docs/serve.md)");
  add_scenario_argument(*command, options->path);
  command->add_option("--port", options->port, "Port to listen on (0: any free port)")
      ->capture_default_str();
  command
      ->add_option("--host", options->host,
                   "Address to listen on; another than 127.0.0.1 lets the network in (warned)")
      ->capture_default_str()
      ->check(non_empty("an address"));
  command
      ->add_option("--members", options->members,
                   "Members of the page's first what-ifs (the page can change it)")
      ->capture_default_str();
  command->add_flag("--open", options->open, "Open the page in the desktop's browser");
  command->footer(
      "Examples:\n  traj serve                         # the bundled scenario at "
      "http://127.0.0.1:8750/\n"
      "  traj serve my-territory.toml --port 9000 --open");
  return [options, &cluster] { return run_server(*options, cluster); };
}

}  // namespace traj::cli
