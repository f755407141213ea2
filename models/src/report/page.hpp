#pragma once
/// The frame of every report page: the document head with its inline
/// stylesheet, and HTML escaping.

#include <string>

#include "labels.hpp"

namespace traj::territory::report {

std::string escape(const std::string& text);

/// Everything up to and including `<body>`, with `title` and the stylesheet.
std::string page_start(const std::string& title, Language language);

}  // namespace traj::territory::report
