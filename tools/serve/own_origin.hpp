#pragma once
/// The DNS-rebinding guard of `traj serve`: a page of another site may make
/// the browser send requests to 127.0.0.1, under its own name (a Host it
/// controls) or from its own origin; both are refused, so that only the
/// server's own page, reached by the server's own address, gets answers.

#include <string>
#include <vector>

namespace traj::cli::serve {

class OwnOrigin {
 public:
  /// The server listens on `host`:`port`; "localhost", "127.0.0.1" and
  /// "[::1]" with the port are its own names too when it listens on loopback.
  OwnOrigin(const std::string& host, int port);

  /// A request's Host header (required, as HTTP/1.1 requires it).
  bool allows_host(const std::string& host) const;
  /// A request's Origin header: absent (empty) or "http://" + an own name.
  bool allows_origin(const std::string& origin) const;
  /// The address printed and opened, e.g. "http://127.0.0.1:8750/".
  const std::string& address() const { return address_; }

 private:
  std::vector<std::string> names_;  ///< "host:port" forms accepted
  std::string address_;
};

}  // namespace traj::cli::serve
