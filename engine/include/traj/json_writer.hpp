#pragma once
/// A small streaming JSON writer (RFC 8259), for `--json` outputs.

#include <ostream>
#include <string_view>
#include <vector>

namespace traj {

/// Writes one JSON document. Misuse (a value where a key is expected) is a
/// programming error and is not checked beyond debug assertions.
/// Numbers are written as the shortest text that reads back as the same
/// double; non-finite numbers as `null`, since JSON has no NaN.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out, bool pretty = true) : out_(out), pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(double number);
  JsonWriter& value(int number) { return value(static_cast<long long>(number)); }
  JsonWriter& value(long long number);
  JsonWriter& value(bool flag);
  JsonWriter& null();

 private:
  void before_value();
  void newline();
  void write_string(std::string_view text);

  std::ostream& out_;
  bool pretty_;
  std::vector<bool> first_in_scope_;
  bool after_key_ = false;
};

}  // namespace traj
