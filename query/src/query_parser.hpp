// The query parser: lexemes to a syntax tree, with every syntax error caught here
// (Xapian 1.4's QueryParser accepts unbalanced quotes and unknown fields silently).
//
//   query    := sequence                      juxtaposed items combine by the default operator
//   sequence := item+
//   item     := unary ("OR" unary)*           OR binds tighter than juxtaposition
//   unary    := "-" primary | primary          exclusion
//   primary  := WORD | WORD* | "PHRASE" | FIELD:value | "(" sequence ")"
#pragma once

#include "query_dates.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::query {

enum class NodeKind : unsigned char {
  Word,    ///< analyzed like the index: stem, exact form, title variants
  Prefix,  ///< word*: any word starting with the normalized form
  Phrase,  ///< "exact phrase": normalized words at consecutive positions
  Filter,  ///< source:/author: boolean term
  Date,    ///< date:A..B
  Since,   ///< since:7d
  And,     ///< a sequence (the default operator decides how it scores)
  Or,      ///< alternatives
  Not,     ///< one excluded child
};

/** Fields the syntax knows: free text, filters, entities, dates, mentioned dates. */
enum class Field : unsigned char { None, Title, Source, Author, Entity, Person, Place, Org, Date, Since, Mentions };

struct Node {
  NodeKind kind = NodeKind::And;
  Field field = Field::None;
  std::string text;             ///< Word, Prefix (without '*'), Phrase, Filter value as written
  std::size_t begin = 0;        ///< byte span in the query, for messages and suggestions
  std::size_t end = 0;
  std::vector<Node> children;   ///< And, Or; Not has one
  DateSpec date;                ///< Date
  Span since;                   ///< Since
};

/** The field named `name` ("title"), or nullopt. */
std::optional<Field> field_named(std::string_view name);
/** "title", "source", …; "" for Field::None. */
std::string_view field_name(Field field);

/** Parses the query syntax. Throws QuerySyntaxError quoting the offending part. */
Node parse_query(std::string_view query);

/** The text as plain words: one Word per whitespace-separated run, no syntax at all. Throws
 *  QuerySyntaxError for a text without any. */
Node parse_plain(std::string_view query);

/** A compact description of the tree, e.g. AND(بوتين, "الامم المتحدة", NOT(title:قمة)). */
std::string describe(const Node& node);

}  // namespace fahras::query
