#include "what_if_request.hpp"

#include <nlohmann/json.hpp>
#include <vector>

#include "traj/error.hpp"
#include "traj/setting_ranges.hpp"

namespace traj::cli::serve {

namespace {

using nlohmann::json;

std::string type_of(const json& value) {
  return value.is_number_integer() && value.get<long long>() < 0 ? "a negative integer"
                                                                 : std::string(value.type_name());
}

std::vector<std::string> read_strings(const json& body, const char* key) {
  std::vector<std::string> strings;
  if (!body.contains(key)) return strings;
  const json& list = body.at(key);
  if (!list.is_array()) {
    throw InputError(std::string("request: \"") + key + "\": expected an array of strings, found " +
                     type_of(list));
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) {
      throw InputError(std::string("request: \"") + key + "\"[" + std::to_string(i) +
                       "]: expected a string, found " + type_of(list[i]));
    }
    strings.push_back(list[i].get<std::string>());
  }
  return strings;
}

std::uint64_t read_count(const json& body, const char* key, std::uint64_t fallback) {
  if (!body.contains(key)) return fallback;
  const json& value = body.at(key);
  if (!value.is_number_unsigned()) {
    throw InputError(std::string("request: \"") + key +
                     "\": expected a non-negative integer, found " +
                     (value.is_number() ? value.dump() : type_of(value)));
  }
  return value.get<std::uint64_t>();
}

std::string read_string(const json& body, const char* key) {
  if (!body.contains(key)) return "";
  const json& value = body.at(key);
  if (!value.is_string()) {
    throw InputError(std::string("request: \"") + key + "\": expected a string, found " +
                     type_of(value));
  }
  return value.get<std::string>();
}

void append_list(std::string& key, const char* name, const std::vector<std::string>& items) {
  key += name;
  key += json(items).dump();
}

}  // namespace

std::string WhatIfRequest::key() const {
  std::string text =
      json(portfolio).dump() + " " + std::to_string(members) + " " + std::to_string(seed);
  append_list(text, " set", edits.sets);
  append_list(text, " shift", edits.shifts);
  append_list(text, " action_off", edits.actions_off);
  append_list(text, " only", edits.only);
  return text;
}

WhatIfRequest read_what_if_request(const std::string& body, std::uint64_t default_members,
                                   std::uint64_t max_members) {
  if (body.size() > MAX_REQUEST_BYTES) {
    throw InputError("request: expected a body of at most " + std::to_string(MAX_REQUEST_BYTES) +
                     " bytes, found " + std::to_string(body.size()));
  }
  json parsed;
  try {
    parsed = json::parse(body);
  } catch (const json::parse_error& error) {
    throw InputError(std::string("request: expected a JSON object, found malformed JSON: ") +
                     error.what());
  } catch (const json::out_of_range& error) {
    // Found by fuzz_request: a number beyond a double (1e400) is not a
    // parse_error for nlohmann-json, and was answered 500.
    throw InputError(std::string("request: expected numbers a double can hold, found ") +
                     error.what());
  }
  if (!parsed.is_object()) {
    throw InputError("request: expected a JSON object, found " + type_of(parsed));
  }
  static const std::vector<std::string> known = {"portfolio", "members",    "seed", "set",
                                                 "shift",     "action_off", "only", "page"};
  for (const auto& [name, value] : parsed.items()) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      throw InputError("request: unknown key \"" + name +
                       "\"; expected portfolio, members, seed, set, shift, action_off, only or "
                       "page");
    }
  }
  WhatIfRequest request;
  request.portfolio = read_string(parsed, "portfolio");
  request.members = read_count(parsed, "members", default_members);
  request.seed = read_count(parsed, "seed", 1);
  check_setting("\"members\"", request.members, IntegerRange{1, max_members});
  check_setting("\"seed\"", request.seed, SEED_RANGE);
  request.edits.sets = read_strings(parsed, "set");
  request.edits.shifts = read_strings(parsed, "shift");
  request.edits.actions_off = read_strings(parsed, "action_off");
  request.edits.only = read_strings(parsed, "only");
  request.page = read_string(parsed, "page");
  return request;
}

}  // namespace traj::cli::serve
