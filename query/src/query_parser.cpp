#include "query_parser.hpp"

#include "fahras/query.hpp"
#include "query_lexer.hpp"

#include <fmt/format.h>

#include <array>

namespace fahras::query {

namespace {

struct NamedField {
  std::string_view name;
  Field field;
};

constexpr std::array named_fields = {
    NamedField{"title", Field::Title},   NamedField{"source", Field::Source}, NamedField{"author", Field::Author},
    NamedField{"entity", Field::Entity}, NamedField{"person", Field::Person}, NamedField{"place", Field::Place},
    NamedField{"org", Field::Org},       NamedField{"date", Field::Date},     NamedField{"since", Field::Since},
    NamedField{"mentions", Field::Mentions},
};

std::string known_field_list() {
  std::string list;
  for (const NamedField& f : named_fields) {
    if (!list.empty()) list += ' ';
    list += f.name;
    list += ':';
  }
  return list;
}

class Parser {
public:
  Parser(std::string_view query, std::vector<Lexeme> lexemes) : query_(query), lex_(std::move(lexemes)) {}

  Node parse() {
    if (lex_.empty()) throw QuerySyntaxError("empty query", std::string(query_), 0);
    Node root = sequence();
    if (pos_ < lex_.size()) {  // only a ')' stops a sequence early
      const Lexeme& close = lex_[pos_];
      throw QuerySyntaxError(fmt::format("unbalanced parenthesis: ')' at byte {} has no '('", close.begin), ")",
                             close.begin);
    }
    return root;
  }

private:
  std::string_view query_;
  std::vector<Lexeme> lex_;
  std::size_t pos_ = 0;
  Field context_ = Field::None;  // title:( … ) applies title to the words inside

  [[nodiscard]] bool at(LexKind kind) const { return pos_ < lex_.size() && lex_[pos_].kind == kind; }

  [[noreturn]] void fail(const std::string& message, std::size_t begin, std::size_t end) const {
    throw QuerySyntaxError(message, std::string(query_.substr(begin, end - begin)), begin);
  }

  std::string quote(std::size_t begin, std::size_t end) const { return excerpt(query_.substr(begin, end - begin)); }

  Node sequence() {
    Node seq;
    seq.kind = NodeKind::And;
    seq.begin = pos_ < lex_.size() ? lex_[pos_].begin : query_.size();
    while (pos_ < lex_.size() && !at(LexKind::Close)) seq.children.push_back(item());
    seq.end = pos_ > 0 ? lex_[pos_ - 1].end : seq.begin;
    if (!seq.children.empty()) {
      bool positive = false;
      for (const Node& child : seq.children) positive = positive || child.kind != NodeKind::Not;
      if (!positive) {
        fail(fmt::format("'{}' only excludes: add a word or a filter to search for", quote(seq.begin, seq.end)),
             seq.begin, seq.end);
      }
    }
    return seq;
  }

  Node item() {
    if (at(LexKind::Or)) fail("'OR' needs a term before it", lex_[pos_].begin, lex_[pos_].end);
    Node first = unary();
    if (!at(LexKind::Or)) return first;
    Node alternatives;
    alternatives.kind = NodeKind::Or;
    alternatives.begin = first.begin;
    alternatives.children.push_back(std::move(first));
    while (at(LexKind::Or)) {
      const Lexeme& op = lex_[pos_++];
      if (pos_ >= lex_.size() || at(LexKind::Or) || at(LexKind::Close)) fail("'OR' needs a term after it", op.begin, op.end);
      alternatives.children.push_back(unary());
    }
    alternatives.end = alternatives.children.back().end;
    for (const Node& child : alternatives.children) {
      if (child.kind == NodeKind::Not) {
        fail(fmt::format("an exclusion cannot be an OR alternative: '{}'", quote(child.begin, child.end)), child.begin,
             child.end);
      }
    }
    return alternatives;
  }

  Node unary() {
    if (!at(LexKind::Minus)) return primary();
    const Lexeme& minus = lex_[pos_++];
    Node excluded;
    excluded.kind = NodeKind::Not;
    excluded.begin = minus.begin;
    excluded.children.push_back(primary());
    excluded.end = excluded.children.back().end;
    return excluded;
  }

  Node group() {
    const Lexeme& open = lex_[pos_++];
    if (at(LexKind::Close)) fail("empty parentheses '()'", open.begin, lex_[pos_].end);
    Node inner = sequence();
    if (!at(LexKind::Close)) {
      fail(fmt::format("unbalanced parenthesis: '{}' has no closing ')'", quote(open.begin, query_.size())), open.begin,
           query_.size());
    }
    ++pos_;
    inner.begin = open.begin;
    inner.end = lex_[pos_ - 1].end;
    return inner;
  }

  Node word(const Lexeme& lexeme, Field field) {
    Node node;
    node.kind = NodeKind::Word;
    node.field = field;
    node.text = lexeme.text;
    node.begin = lexeme.begin;
    node.end = lexeme.end;
    if (!node.text.empty() && node.text.back() == '*') {
      node.text.pop_back();
      if (node.text.empty() || node.text.back() == '*') fail("'*' needs a word before it", lexeme.begin, lexeme.end);
      node.kind = NodeKind::Prefix;
    }
    return node;
  }

  Node primary() {
    if (pos_ >= lex_.size()) fail("'-' needs a term after it", query_.size() - 1, query_.size());
    const Lexeme& lexeme = lex_[pos_];
    switch (lexeme.kind) {
      case LexKind::Open: return group();
      case LexKind::Close: fail(fmt::format("unbalanced parenthesis: ')' at byte {} has no '('", lexeme.begin), lexeme.begin, lexeme.end);
      case LexKind::Or: fail("'OR' needs a term before it", lexeme.begin, lexeme.end);
      case LexKind::Minus: fail("'-' needs a term after it", lexeme.begin, lexeme.end);
      case LexKind::Phrase: {
        ++pos_;
        Node node;
        node.kind = NodeKind::Phrase;
        node.field = context_;
        node.text = lexeme.text;
        node.begin = lexeme.begin;
        node.end = lexeme.end;
        return node;
      }
      case LexKind::Field: return field_value();
      case LexKind::Word: ++pos_; return word(lexeme, context_);
    }
    fail("unexpected text", lexeme.begin, lexeme.end);
  }

  Node field_value() {
    const Lexeme& name = lex_[pos_++];
    const auto field = field_named(name.text);
    if (!field) {
      fail(fmt::format("unknown field '{}:' (fields: {})", name.text, known_field_list()), name.begin, name.end);
    }
    const Lexeme& value = lex_[pos_];  // the lexer guarantees a value after a field
    const std::size_t end = value.kind == LexKind::Open ? value.end : value.end;
    const auto node_of = [&](NodeKind kind) {
      Node node;
      node.kind = kind;
      node.field = *field;
      node.text = value.text;
      node.begin = name.begin;
      node.end = value.end;
      return node;
    };
    switch (*field) {
      case Field::Title: {
        if (value.kind == LexKind::Open) {
          const Field saved = context_;
          context_ = Field::Title;
          Node inner = group();
          context_ = saved;
          inner.begin = name.begin;
          return inner;
        }
        ++pos_;
        if (value.kind == LexKind::Phrase) return node_of(NodeKind::Phrase);
        Node node = word(value, Field::Title);
        node.begin = name.begin;
        return node;
      }
      case Field::Source:
      case Field::Author:
      case Field::Entity:
      case Field::Person:
      case Field::Place:
      case Field::Org: {
        if (value.kind != LexKind::Word && value.kind != LexKind::Phrase) {
          fail(fmt::format("'{}:' takes a word or a quoted name", name.text), name.begin, end);
        }
        ++pos_;
        const bool filter = *field == Field::Source || *field == Field::Author;
        return node_of(filter ? NodeKind::Filter : NodeKind::Phrase);
      }
      case Field::Date: {
        if (value.kind != LexKind::Word) fail("'date:' takes YYYY, YYYY-MM, YYYY-MM-DD or a range A..B", name.begin, end);
        ++pos_;
        std::string why;
        const auto spec = parse_date_spec(value.text, &why);
        if (!spec) fail(fmt::format("bad date '{}': {}", quote(name.begin, value.end), why), name.begin, value.end);
        Node node = node_of(NodeKind::Date);
        node.date = *spec;
        return node;
      }
      case Field::Mentions: {
        if (value.kind != LexKind::Word) fail("'mentions:' takes YYYY, YYYY-MM or YYYY-MM-DD", name.begin, end);
        ++pos_;
        std::string why;
        const auto spec = parse_date_spec(value.text, &why);
        if (!spec) fail(fmt::format("bad date '{}': {}", quote(name.begin, value.end), why), name.begin, value.end);
        if (!spec->single) {
          fail(fmt::format("'{}': mentions: takes one day, month or year, not a range", quote(name.begin, value.end)),
               name.begin, value.end);
        }
        Node node = node_of(NodeKind::Date);
        node.date = *spec;
        return node;
      }
      case Field::Since: {
        if (value.kind != LexKind::Word) fail("'since:' takes a span such as 7d, 2w, 3m, 1y or a date", name.begin, end);
        ++pos_;
        Node node = node_of(NodeKind::Since);
        if (const auto span = parse_span(value.text)) {
          node.since = *span;
        } else if (const auto bound = parse_date_bound(value.text)) {
          node.kind = NodeKind::Date;
          node.date.from = bound;
        } else {
          fail(fmt::format("bad span '{}': expected a number and h, d, w, m or y (since:7d), or a date",
                           quote(name.begin, value.end)),
               name.begin, value.end);
        }
        return node;
      }
      case Field::None: break;
    }
    fail("unexpected field", name.begin, name.end);
  }
};

}  // namespace

std::optional<Field> field_named(std::string_view name) {
  for (const NamedField& f : named_fields) {
    if (f.name == name) return f.field;
  }
  return std::nullopt;
}

std::string_view field_name(Field field) {
  for (const NamedField& f : named_fields) {
    if (f.field == field) return f.name;
  }
  return "";
}

Node parse_query(std::string_view query) { return Parser(query, lex(query)).parse(); }

Node parse_plain(std::string_view query) {
  Node seq;
  seq.kind = NodeKind::And;
  std::size_t i = 0;
  while (i < query.size()) {
    while (i < query.size() && (query[i] == ' ' || query[i] == '\t' || query[i] == '\n' || query[i] == '\r')) ++i;
    std::size_t end = i;
    while (end < query.size() && query[end] != ' ' && query[end] != '\t' && query[end] != '\n' && query[end] != '\r') ++end;
    if (end > i) {
      Node word;
      word.kind = NodeKind::Word;
      word.text = std::string(query.substr(i, end - i));
      word.begin = i;
      word.end = end;
      seq.children.push_back(std::move(word));
    }
    i = end;
  }
  if (seq.children.empty()) throw QuerySyntaxError("empty query", std::string(query), 0);
  seq.begin = 0;
  seq.end = query.size();
  return seq;
}

std::string describe(const Node& node) {
  const std::string field = node.field == Field::None ? "" : std::string(field_name(node.field)) + ":";
  const auto list = [&](std::string_view op) {
    std::string out(op);
    out += '(';
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      if (i > 0) out += ", ";
      out += describe(node.children[i]);
    }
    return out + ')';
  };
  const auto bound = [](const std::optional<DateBound>& b) -> std::string {
    if (!b) return "";
    switch (b->precision) {
      case DateBound::Precision::Year: return fmt::format("{:04}", b->year);
      case DateBound::Precision::Month: return fmt::format("{:04}-{:02}", b->year, b->month);
      case DateBound::Precision::Day: return fmt::format("{:04}-{:02}-{:02}", b->year, b->month, b->day);
    }
    return "";
  };
  switch (node.kind) {
    case NodeKind::Word: return field + node.text;
    case NodeKind::Prefix: return field + node.text + "*";
    case NodeKind::Phrase: return field + "\"" + node.text + "\"";
    case NodeKind::Filter: return field + node.text;
    case NodeKind::Date:
      if (node.date.single) return (node.field == Field::Mentions ? "mentions:" : "date:") + bound(node.date.from);
      return "date:" + bound(node.date.from) + ".." + bound(node.date.to);
    case NodeKind::Since: return fmt::format("since:{}{}", node.since.amount, node.since.unit);
    case NodeKind::And: return node.children.size() == 1 ? describe(node.children[0]) : list("AND");
    case NodeKind::Or: return list("OR");
    case NodeKind::Not: return list("NOT");
  }
  return "";
}

}  // namespace fahras::query
