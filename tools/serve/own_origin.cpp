#include "own_origin.hpp"

#include <algorithm>
#include <cctype>

namespace traj::cli::serve {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

/// An IPv6 address as it appears in a Host header and a URL: in brackets.
std::string with_brackets(const std::string& host) {
  if (host.find(':') == std::string::npos) return host;
  std::string bracketed(1, '[');
  bracketed.append(host).push_back(']');
  return bracketed;
}

}  // namespace

OwnOrigin::OwnOrigin(const std::string& host, int port) {
  std::string suffix(1, ':');
  suffix.append(std::to_string(port));
  names_.push_back(lower(with_brackets(host)).append(suffix));
  if (host == "127.0.0.1" || host == "localhost" || host == "::1") {
    for (const char* loopback : {"127.0.0.1", "localhost", "[::1]"})
      names_.push_back(std::string(loopback).append(suffix));
  }
  address_ = std::string("http://").append(with_brackets(host)).append(suffix).append("/");
}

bool OwnOrigin::allows_host(const std::string& host) const {
  return std::find(names_.begin(), names_.end(), lower(host)) != names_.end();
}

bool OwnOrigin::allows_origin(const std::string& origin) const {
  if (origin.empty()) return true;
  const std::string scheme = "http://";
  const std::string lowered = lower(origin);
  return lowered.rfind(scheme, 0) == 0 && allows_host(lowered.substr(scheme.size()));
}

}  // namespace traj::cli::serve
