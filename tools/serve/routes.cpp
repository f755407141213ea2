#include "routes.hpp"

#include "traj/error.hpp"
#include "traj/json_writer.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "what_if_downloads.hpp"

namespace traj::cli {
std::map<std::string, std::string> workspace_page_files();  // generated: workspace_page.cpp
}

namespace traj::cli::serve {

namespace {

constexpr const char* JSON_TYPE = "application/json; charset=utf-8";

void answer_error(httplib::Response& response, int status, const std::string& message) {
  std::ostringstream text;
  JsonWriter json(text, false);
  json.begin_object().key("error").value(message).end_object();
  response.status = status;
  response.set_content(text.str(), JSON_TYPE);
}

/// The page's files, with the policy that keeps it from loading anything
/// from elsewhere (it has nothing to load: no CDN, no font, no image).
void add_page(httplib::Server& server) {
  static const std::map<std::string, std::string> files = workspace_page_files();
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"/", "index.html"}, {"/workspace.js", "workspace.js"}, {"/workspace.css", "workspace.css"}};
  for (const auto& [route, file] : routes) {
    const std::string& text = files.at("<page>/" + file);
    const std::string type = file.ends_with(".html") ? "text/html; charset=utf-8"
                             : file.ends_with(".js") ? "text/javascript; charset=utf-8"
                                                     : "text/css; charset=utf-8";
    server.Get(route, [&text, type](const httplib::Request&, httplib::Response& response) {
      response.set_header("Content-Security-Policy",
                          "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
                          "data:; connect-src 'self'; frame-ancestors 'none'");
      response.set_header("X-Content-Type-Options", "nosniff");
      response.set_content(text, type);
    });
  }
}

/// Answers `response` from `request` read as a what-if; bad input is a 400
/// with the CLI's text, and the server keeps serving whatever a request throws.
template <typename Respond>
void answer_errors_of(const httplib::Request& request, httplib::Response& response,
                      const Workspace& workspace, Respond respond) {
  response.set_header("Cache-Control", "no-store");
  try {
    respond(read_what_if_request(request.body, workspace.members.default_members,
                                 workspace.members.max_members));
  } catch (const InputError& error) {
    // The text `traj run` prints for the same options (tools/main.cpp).
    std::string message = error.what();
    if (error.total() > 1) message += std::to_string(error.total()) + " errors.\n";
    answer_error(response, 400, message);
  } catch (const Error& error) {
    answer_error(response, 422, error.what());
  } catch (const std::exception& error) {
    answer_error(response, 500, std::string("internal error: ") + error.what());
  }
}

/// Runs `answer_with` on the answer `computations` gives to the request's what-if.
template <typename Result, typename AnswerWith>
void answer_what_if(const Workspace& workspace, Computations<Result>& computations,
                    const httplib::Request& request, httplib::Response& response,
                    AnswerWith answer_with) {
  answer_errors_of(request, response, workspace, [&](const WhatIfRequest& what_if) {
    const Answer<Result> answer = computations.answer(what_if);
    switch (answer.kind) {
      case AnswerKind::Superseded:
        answer_error(response, 409, "superseded: a newer request of the same page came first");
        return;
      case AnswerKind::Stopped:
        answer_error(response, 503, "the server is stopping");
        return;
      case AnswerKind::Computed:
      case AnswerKind::Cached:
        response.set_header("X-Traj-Cache", answer.kind == AnswerKind::Cached ? "hit" : "miss");
        // A what-if says whether its reference was recorded or kept (docs/serve.md).
        if constexpr (requires(const Result& result) { result.reference; })
          response.set_header("X-Traj-Reference", answer.result->reference);
        response.set_content(answer_with(*answer.result), JSON_TYPE);
        return;
    }
  });
}

/// The economics, the contributions, and the cancellation of a page's request.
void add_comparison_routes(httplib::Server& server, const Workspace& workspace) {
  const auto json_of = [](const EconomicsResult& result) { return result.json; };
  server.Post("/api/economics",
              [&workspace, json_of](const httplib::Request& request, httplib::Response& response) {
                answer_what_if(workspace, workspace.economics, request, response, json_of);
              });
  server.Post("/api/contributions",
              [&workspace, json_of](const httplib::Request& request, httplib::Response& response) {
                answer_what_if(workspace, workspace.contributions, request, response, json_of);
              });
  server.Post("/api/cancel",
              [&workspace](const httplib::Request& request, httplib::Response& response) {
                answer_errors_of(request, response, workspace, [&](const WhatIfRequest& what_if) {
                  if (what_if.page.empty())
                    throw InputError("request: \"page\": expected the page's id, found none");
                  workspace.pages.cancel(what_if.page);
                  response.set_content("{\"cancelled\":true}", JSON_TYPE);
                });
              });
}

territory::ReportLanguage language_of(const httplib::Request& request) {
  const std::string language = request.has_param("lang") ? request.get_param_value("lang") : "en";
  if (language != "en" && language != "fr")
    throw InputError("lang: expected en or fr, found \"" + language + "\"");
  return language == "fr" ? territory::ReportLanguage::French : territory::ReportLanguage::English;
}

/// A download (POST /api/download/…): the body read as /api/run reads it,
/// without its `page` (a download supersedes nothing); `before_run` (the
/// checks `traj run` makes before its ensemble); then the what-if itself,
/// answered from the cache when the page has just run it, so that its
/// errors are /api/run's (and the reference's too, as `traj run` checks it
/// before writing); then `attach` puts the file in the response, false when
/// the server is stopping.
template <typename BeforeRun, typename Attach>
void answer_download(const Workspace& workspace, const httplib::Request& request,
                     httplib::Response& response, BeforeRun before_run, Attach attach) {
  answer_errors_of(request, response, workspace, [&](WhatIfRequest what_if) {
    what_if.page.clear();
    const std::string name = request.has_param("name") ? request.get_param_value("name") : "";
    const ServedScenario served{workspace.served, workspace.bundled};
    before_run(served, what_if, name);
    switch (workspace.computations.answer(what_if).kind) {
      case AnswerKind::Superseded:  // not reached: a request without a page is never superseded
      case AnswerKind::Stopped:
        answer_error(response, 503, "the server is stopping");
        return;
      case AnswerKind::Computed:
      case AnswerKind::Cached:
        break;
    }
    if (!attach(served, what_if, name)) answer_error(response, 503, "the server is stopping");
  });
}

void set_attachment(httplib::Response& response, const std::string& file_name) {
  // The name is an id (letters, digits, '_', '-') and an extension: nothing to escape.
  response.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  response.set_header("X-Content-Type-Options", "nosniff");
}

/// Sends the results file in pieces, never whole in memory (a million
/// members weigh gigabytes); its directory goes when the sending ends.
void send_results_file(httplib::Response& response, const ResultsDownload& download) {
  auto file = std::make_shared<std::ifstream>(download.path, std::ios::binary);
  if (!*file) throw Error("cannot read the results file " + download.path);
  auto directory = download.directory;
  response.set_content_provider(
      static_cast<std::size_t>(download.size), "application/x-hdf5",
      [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        std::vector<char> piece(std::min<std::size_t>(length, 1 << 16));
        file->seekg(static_cast<std::streamoff>(offset));
        file->read(piece.data(), static_cast<std::streamsize>(piece.size()));
        const auto read = static_cast<std::size_t>(file->gcount());
        return read > 0 && sink.write(piece.data(), read);
      },
      [directory, file](bool) mutable {
        file.reset();
        directory.reset();  // the last holder removes the temporary directory
      });
}

/// The notes `traj run --save-portfolio` prints, as the header X-Traj-Notes:
/// a JSON array of {"en", "fr"}, percent-encoded (a header's bytes are not
/// read as UTF-8 by browsers; the page decodes it with decodeURIComponent).
std::string notes_header(const std::vector<SaveNote>& notes) {
  std::ostringstream text;
  JsonWriter json(text, false);
  json.begin_array();
  for (const SaveNote& note : notes) {
    json.begin_object().key("en").value(note.english).key("fr").value(note.french).end_object();
  }
  json.end_array();
  std::string encoded;
  constexpr const char* HEX = "0123456789ABCDEF";
  for (const char c : text.str()) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += HEX[byte >> 4];
      encoded += HEX[byte & 15];
    }
  }
  return encoded;
}

/// The download buttons' files (docs/serve.md, "Downloads").
void add_download_routes(httplib::Server& server, const Workspace& workspace) {
  const auto no_check = [](const ServedScenario&, const WhatIfRequest&, const std::string&) {};
  server.Post("/api/download/portfolio", [&workspace](const httplib::Request& request,
                                                      httplib::Response& response) {
    PortfolioDownload saved;
    answer_download(
        workspace, request, response,
        [&saved](const ServedScenario& served, const WhatIfRequest& what_if,
                 const std::string& name) {
          // Refused before the run, as `traj run --save-portfolio` refuses.
          saved = saved_portfolio_download(served, what_if, name);
        },
        [&](const ServedScenario& served, const WhatIfRequest& what_if, const std::string& name) {
          set_attachment(response, download_name(served, what_if, name) + ".toml");
          response.set_header("X-Traj-Notes", notes_header(saved.notes));
          response.set_content(saved.text, "application/toml; charset=utf-8");
          return true;
        });
  });
  server.Post("/api/download/results", [&workspace, no_check](const httplib::Request& request,
                                                              httplib::Response& response) {
    answer_download(
        workspace, request, response, no_check,
        [&](const ServedScenario& served, const WhatIfRequest& what_if, const std::string& name) {
          const auto download = results_download(served, what_if, name);
          if (!download) return false;
          set_attachment(response, download_name(served, what_if, name) + ".h5");
          send_results_file(response, *download);
          return true;
        });
  });
  server.Post("/api/download/report", [&workspace](const httplib::Request& request,
                                                   httplib::Response& response) {
    answer_download(
        workspace, request, response,
        [&request](const ServedScenario&, const WhatIfRequest&, const std::string&) {
          (void)language_of(request);
        },
        [&](const ServedScenario& served, const WhatIfRequest& what_if, const std::string& name) {
          const territory::ReportLanguage language = language_of(request);
          const auto html = report_download(served, what_if, name, language);
          if (!html) return false;
          set_attachment(response,
                         download_name(served, what_if, name) +
                             (language == territory::ReportLanguage::French ? ".fr" : ".en") +
                             ".html");
          response.set_content(*html, "text/html; charset=utf-8");
          return true;
        });
  });
}

}  // namespace

void add_routes(httplib::Server& server, const Workspace& workspace) {
  server.set_pre_routing_handler(
      [&workspace](const httplib::Request& request, httplib::Response& response) {
        const std::string host = request.get_header_value("Host");
        const std::string origin = request.get_header_value("Origin");
        if (!workspace.origin.allows_host(host)) {
          answer_error(response, 403,
                       "Host: expected this server's own address (" + workspace.origin.address() +
                           "), found \"" + host + "\"");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (!workspace.origin.allows_origin(origin)) {
          answer_error(response, 403,
                       "Origin: expected none or this server's own (" + workspace.origin.address() +
                           "), found \"" + origin + "\"");
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });
  add_page(server);
  server.Get("/api/scenario", [&workspace](const httplib::Request&, httplib::Response& response) {
    response.set_content(workspace.scenario_json, JSON_TYPE);
  });
  server.Post("/api/run",
              [&workspace](const httplib::Request& request, httplib::Response& response) {
                answer_what_if(workspace, workspace.computations, request, response,
                               [](const WhatIfResult& result) { return result.run_json; });
              });
  server.Post("/api/charts", [&workspace](const httplib::Request& request,
                                          httplib::Response& response) {
    const std::string language = request.has_param("lang") ? request.get_param_value("lang") : "en";
    if (language != "en" && language != "fr") {
      answer_error(response, 400, "lang: expected en or fr, found \"" + language + "\"");
      return;
    }
    answer_what_if(workspace, workspace.computations, request, response,
                   [&language](const WhatIfResult& result) {
                     return language == "fr" ? result.charts_french : result.charts_english;
                   });
  });
  add_comparison_routes(server, workspace);
  add_download_routes(server, workspace);
  server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (response.status == 404) {
      answer_error(response, 404, "no such page: " + request.path);
    } else if (response.status == 413) {
      answer_error(
          response, 413,
          "request: expected a body of at most " + std::to_string(MAX_REQUEST_BYTES) + " bytes");
    }
  });
}

}  // namespace traj::cli::serve
