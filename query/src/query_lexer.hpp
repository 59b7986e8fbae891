// The query lexer: cuts a query into words, quoted phrases, field names, parentheses, '-'
// and OR, each with its byte span in the query.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::query {

enum class LexKind : unsigned char {
  Word,    ///< a run of characters up to a space, a quote or a parenthesis (may end with '*')
  Phrase,  ///< the text between two '"'
  Field,   ///< an ASCII field name followed by ':' ("title:"); its value is the next lexeme
  Open,    ///< '('
  Close,   ///< ')'
  Minus,   ///< '-' directly before a word, phrase, field or '('
  Or,      ///< the word OR (upper case)
};

struct Lexeme {
  LexKind kind = LexKind::Word;
  std::string text;         ///< the word, the phrase's content, the field name (without ':')
  std::size_t begin = 0;    ///< byte span in the query, quotes and ':' included
  std::size_t end = 0;
  bool glued = false;       ///< no space between this lexeme and the previous one
};

/**
 * The lexemes of `query`. Throws QuerySyntaxError for an unbalanced '"' (quoting the phrase
 * to the end of the query) and for a field name followed by nothing. A field name is ASCII
 * letters right before ':' and a value; a ':' after anything else is part of the word
 * ("عاجل:" is a word, punctuation left to the analyzer).
 */
std::vector<Lexeme> lex(std::string_view query);

/** At most `limit` bytes of `text` for a message, cut at a character boundary, "…" if cut. */
std::string excerpt(std::string_view text, std::size_t limit = 40);

}  // namespace fahras::query
