// Observations as CSV: a header naming the six columns (in any order), one
// record per line; `#` starts a comment line, except `# illustrative = true`
// and `# source = ...`, which say what the figures are.

#include <algorithm>
#include <string_view>

#include "observation_records.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::observations {
namespace {

struct Cell {
  std::string text;
  int column = 0;  ///< 1-based character column of the cell's start
};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

/// Splits a line on commas; a cell may be "quoted" ("" for a quote inside).
/// False if a quote is left open.
bool split_cells(std::string_view line, std::vector<Cell>& cells) {
  cells.clear();
  std::size_t i = 0;
  while (true) {
    Cell cell;
    cell.column = static_cast<int>(i) + 1;
    std::size_t start = i;
    while (start < line.size() && line[start] == ' ') ++start;
    if (start < line.size() && line[start] == '"') {
      std::size_t j = start + 1;
      bool closed = false;
      while (j < line.size()) {
        if (line[j] == '"' && j + 1 < line.size() && line[j + 1] == '"') {
          cell.text += '"';
          j += 2;
        } else if (line[j] == '"') {
          closed = true;
          ++j;
          break;
        } else {
          cell.text += line[j++];
        }
      }
      if (!closed) return false;
      const std::size_t comma = line.find(',', j);
      i = comma == std::string_view::npos ? line.size() : comma;
    } else {
      const std::size_t comma = line.find(',', i);
      const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
      cell.text = std::string(trimmed(line.substr(i, end - i)));
      i = end;
    }
    cells.push_back(std::move(cell));
    if (i >= line.size()) return true;
    ++i;  // past the comma
  }
}

/// `# key = value` lines that describe the file; other comments are ignored.
void read_comment(std::string_view line, const SourceLocation& where, RawFile& file,
                  Diagnostics& diagnostics) {
  std::string_view body = trimmed(line.substr(1));
  const std::size_t equals = body.find('=');
  if (equals == std::string_view::npos) return;
  const std::string_view key = trimmed(body.substr(0, equals));
  std::string_view value = trimmed(body.substr(equals + 1));
  if (key == "illustrative") {
    if (value == "true") {
      file.illustrative = true;
    } else if (value != "false") {
      diagnostics.add(where, "illustrative",
                      "expected true or false, found \"" + std::string(value) + "\"");
    }
  } else if (key == "source") {
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    file.source = std::string(value);
  }
}

}  // namespace

RawFile read_csv(const std::string& path, const std::string& text, Diagnostics& diagnostics) {
  RawFile file;
  std::vector<int> column_of_field;  // cell index → index in column_names(), -1 if none
  bool have_header = false;
  std::vector<Cell> cells;
  // A byte-order mark, as spreadsheets write, is not part of the header.
  std::size_t position = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  int line_number = 0;
  while (position <= text.size()) {
    const std::size_t end = std::min(text.find('\n', position), text.size());
    const std::string_view line(text.data() + position, end - position);
    position = end + 1;
    ++line_number;
    const SourceLocation where{path, line_number, 1};
    const std::string_view content = trimmed(line);
    if (content.empty()) {
      if (end == text.size()) break;
      continue;
    }
    if (content.front() == '#') {
      read_comment(content, where, file, diagnostics);
      continue;
    }
    if (!split_cells(line, cells)) {
      diagnostics.add(where, "", "a quoted cell is not closed on its line");
      continue;
    }
    if (!have_header) {
      have_header = true;
      const auto& names = column_names();
      std::vector<bool> seen(names.size(), false);
      for (const auto& cell : cells) {
        const auto found = std::find(names.begin(), names.end(), cell.text);
        const SourceLocation at{path, line_number, cell.column};
        if (found == names.end()) {
          diagnostics.add(at, "header",
                          "expected a column among indicator, year, value, unit, uncertainty, "
                          "status, found \"" +
                              cell.text + "\"" + did_you_mean(cell.text, names));
          column_of_field.push_back(-1);
          continue;
        }
        const auto index = static_cast<std::size_t>(found - names.begin());
        if (seen[index]) diagnostics.add(at, "header", "column \"" + cell.text + "\" twice");
        seen[index] = true;
        column_of_field.push_back(static_cast<int>(index));
      }
      for (std::size_t c = 0; c < names.size(); ++c) {
        if (!seen[c] && names[c] != "status") {
          diagnostics.add(where, "header",
                          "expected a column \"" + names[c] +
                              "\" (the header is indicator,year,value,unit,uncertainty,status)");
        }
      }
      continue;
    }
    if (cells.size() != column_of_field.size()) {
      diagnostics.add(where, "",
                      "expected " + std::to_string(column_of_field.size()) +
                          " cells as in the header, found " + std::to_string(cells.size()));
      continue;
    }
    RawRecord record;
    record.where = where;
    RawField* fields[] = {&record.indicator, &record.year,        &record.value,
                          &record.unit,      &record.uncertainty, &record.status};
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (column_of_field[c] < 0) continue;
      RawField& field = *fields[column_of_field[c]];
      field.present = !cells[c].text.empty();
      field.text = cells[c].text;
      field.where = {path, line_number, cells[c].column};
      field.key = column_names()[static_cast<std::size_t>(column_of_field[c])];
    }
    for (std::size_t c = 0; c < column_names().size(); ++c) {
      if (fields[c]->key.empty()) {
        fields[c]->key = column_names()[c];
        fields[c]->where = where;
      }
    }
    file.records.push_back(std::move(record));
  }
  if (!have_header) {
    diagnostics.add({path, 1, 1}, "header",
                    "expected a header line indicator,year,value,unit,uncertainty,status, found an "
                    "empty file");
  }
  return file;
}

}  // namespace traj::territory::observations
