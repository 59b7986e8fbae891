#include "query_lexer.hpp"

#include "fahras/query.hpp"

#include <fmt/format.h>

namespace fahras::query {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ends_word(char c) { return is_space(c) || c == '"' || c == '(' || c == ')'; }

// "title" in "title:value": ASCII letters (and '_') only, then ':'.
bool is_field_name(std::string_view text) {
  if (text.empty() || !is_ascii_letter(text.front())) return false;
  for (const char c : text) {
    if (!is_ascii_letter(c) && c != '_') return false;
  }
  return true;
}

}  // namespace

std::string excerpt(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

std::vector<Lexeme> lex(std::string_view query) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  bool glued = false;
  const auto push = [&](LexKind kind, std::string text, std::size_t begin, std::size_t end) {
    out.push_back(Lexeme{kind, std::move(text), begin, end, glued});
    glued = true;
  };
  while (i < query.size()) {
    const char c = query[i];
    if (is_space(c)) {
      ++i;
      glued = false;
      continue;
    }
    if (c == '(' || c == ')') {
      push(c == '(' ? LexKind::Open : LexKind::Close, std::string(1, c), i, i + 1);
      ++i;
      continue;
    }
    if (c == '"') {
      const std::size_t close = query.find('"', i + 1);
      if (close == std::string_view::npos) {
        const std::string_view rest = query.substr(i);
        throw QuerySyntaxError(fmt::format("unbalanced quote: '{}' has no closing '\"'", excerpt(rest)),
                               std::string(rest), i);
      }
      push(LexKind::Phrase, std::string(query.substr(i + 1, close - i - 1)), i, close + 1);
      i = close + 1;
      continue;
    }
    // '-' right before something (and not inside a word) excludes it.
    if (c == '-' && (!glued || (!out.empty() && out.back().kind == LexKind::Open)) && i + 1 < query.size() && !is_space(query[i + 1]) && query[i + 1] != ')' &&
        query[i + 1] != '-') {
      push(LexKind::Minus, "-", i, i + 1);
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < query.size() && !ends_word(query[end])) {
      // A field name ends at its ':'.
      if (query[end] == ':' && is_field_name(query.substr(i, end - i))) break;
      ++end;
    }
    if (end < query.size() && query[end] == ':' && is_field_name(query.substr(i, end - i))) {
      const std::string_view name = query.substr(i, end - i);
      if (end + 1 >= query.size() || is_space(query[end + 1]) || query[end + 1] == ')') {
        throw QuerySyntaxError(fmt::format("'{}:' needs a value right after the ':'", name),
                               std::string(query.substr(i, end + 1 - i)), i);
      }
      push(LexKind::Field, std::string(name), i, end + 1);
      i = end + 1;
      // The value runs to the next space or parenthesis, colons included (date:2015-07-01..).
      if (query[i] != '"' && query[i] != '(') {
        std::size_t value_end = i;
        while (value_end < query.size() && !ends_word(query[value_end])) ++value_end;
        push(LexKind::Word, std::string(query.substr(i, value_end - i)), i, value_end);
        i = value_end;
      }
      continue;
    }
    const std::string_view word = query.substr(i, end - i);
    push(word == "OR" ? LexKind::Or : LexKind::Word, std::string(word), i, end);
    i = end;
  }
  return out;
}

}  // namespace fahras::query
