#include "toml_limits.hpp"

#include <vector>

#include "traj/document_loader.hpp"

namespace traj {
namespace {

bool is_bare_key_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/// Walks the text once, keeping line and column (in characters) as toml++
/// counts them.
class LimitScanner {
 public:
  LimitScanner(std::string_view text, const std::string& file, Diagnostics& diagnostics)
      : text_(text), file_(file), diagnostics_(diagnostics) {}

  bool scan() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '#') {
        skip_comment();
      } else if (c == '"' || c == '\'') {
        if (!scan_string(c)) return false;
      } else if (is_bare_key_character(c)) {
        if (!scan_bare()) return false;
      } else if (!scan_structure(c)) {
        return false;
      }
    }
    return true;
  }

 private:
  void advance() {
    const auto byte = static_cast<unsigned char>(text_[at_]);
    if (byte == '\n') {
      ++line_;
      column_ = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++column_;
    }
    ++at_;
  }

  bool starts_with(std::string_view token) const {
    return text_.substr(at_, token.size()) == token;
  }

  void skip_comment() {
    while (at_ < text_.size() && text_[at_] != '\n') advance();
  }

  struct Position {
    int line;
    int column;
  };

  bool fail(Position where, std::string message) {
    diagnostics_.add({file_, where.line, where.column}, "", std::move(message));
    return false;
  }

  Position here() const { return {line_, column_}; }

  // A key's parts: bare runs and quoted strings joined by dots. Any other
  // character ends the chain (a float's or a date's dot counts too, which
  // only ever overestimates a value that is not a key).
  bool note_part(Position where) {
    if (!after_dot_) chain_parts_ = 0;  // not joined to the previous part: a new chain
    after_dot_ = false;
    if (chain_parts_ == 0) chain_start_ = where;
    if (++chain_parts_ > MAX_KEY_PARTS) {
      return fail(chain_start_, "expected a key of at most " + std::to_string(MAX_KEY_PARTS) +
                                    " dotted parts, found more");
    }
    return true;
  }

  bool check_key_length(Position where, std::size_t bytes) {
    if (!key_context_ || bytes <= MAX_KEY_BYTES) return true;
    return fail(where, "expected a key of at most " + std::to_string(MAX_KEY_BYTES) +
                           " bytes, found one of " + std::to_string(bytes));
  }

  bool scan_bare() {
    const Position start = here();
    const std::size_t begin = at_;
    while (at_ < text_.size() && is_bare_key_character(text_[at_])) advance();
    if (!check_key_length(start, at_ - begin)) return false;
    return note_part(start);
  }

  bool scan_string(char quote) {
    const Position start = here();
    const std::string triple(3, quote);
    const bool multi_line = starts_with(triple);
    const std::size_t open = multi_line ? 3 : 1;
    for (std::size_t i = 0; i < open; ++i) advance();
    const std::size_t begin = at_;
    std::size_t end = begin;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (quote == '"' && c == '\\' && at_ + 1 < text_.size()) {
        advance();
        advance();
        continue;
      }
      if (!multi_line && c == '\n') break;  // unterminated: the parser says so
      if (multi_line ? starts_with(triple) : c == quote) {
        end = at_;
        for (std::size_t i = 0; i < open; ++i) advance();
        break;
      }
      advance();
      end = at_;
    }
    if (multi_line) {
      end_chain();
      return true;
    }
    if (!check_key_length(start, end - begin)) return false;
    return note_part(start);
  }

  void end_chain() {
    chain_parts_ = 0;
    after_dot_ = false;
  }

  bool open_bracket(char kind) {
    brackets_.push_back(kind);
    if (brackets_.size() > MAX_BRACKET_NESTING) {
      return fail(here(), "expected arrays and inline tables nested at most " +
                              std::to_string(MAX_BRACKET_NESTING) + " deep, found deeper");
    }
    return true;
  }

  bool scan_structure(char c) {
    switch (c) {
      case '.':
        after_dot_ = true;  // another part follows (of a key, or a float's fraction)
        break;
      case ' ':
      case '\t':
      case '\r':
        break;
      case '\n':
        end_chain();
        in_header_ = false;
        key_context_ = brackets_.empty();
        break;
      case '[': {
        end_chain();
        const bool header = brackets_.empty() && key_context_;
        if (!open_bracket(header ? 'h' : '[')) return false;
        in_header_ = in_header_ || header;
        key_context_ = in_header_;
        break;
      }
      case '{':
        end_chain();
        if (!open_bracket('{')) return false;
        key_context_ = true;
        break;
      case ']':
      case '}':
        end_chain();
        if (!brackets_.empty()) brackets_.pop_back();
        key_context_ = false;
        break;
      case ',':
        end_chain();
        key_context_ = !brackets_.empty() && brackets_.back() == '{';
        break;
      case '=':
        end_chain();
        key_context_ = false;
        break;
      default:
        end_chain();
        break;
    }
    advance();
    return true;
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  std::size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
  std::vector<char> brackets_;  ///< 'h' header, '[' array, '{' inline table
  bool key_context_ = true;     ///< a key may come next
  bool in_header_ = false;
  std::size_t chain_parts_ = 0;
  bool after_dot_ = false;  ///< a dot follows the last part
  Position chain_start_{1, 1};
};

}  // namespace

bool within_toml_limits(std::string_view text, const std::string& display_path,
                        Diagnostics& diagnostics) {
  return LimitScanner(text, display_path, diagnostics).scan();
}

}  // namespace traj
