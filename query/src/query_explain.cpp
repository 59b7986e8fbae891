#include "query_explain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace fahras::query {

namespace {

/** True when the node only narrows the result (a filter, a date), as the query builder's
 *  boolean parts: such parts are required in a sequence, whatever the default operator. */
bool is_filter(const Node& node) {
  switch (node.kind) {
    case NodeKind::Filter:
    case NodeKind::Date:
    case NodeKind::Since: return true;
    case NodeKind::Or:
      return !node.children.empty() && std::all_of(node.children.begin(), node.children.end(), is_filter);
    case NodeKind::And: {
      bool any = false;
      for (const Node& child : node.children) {
        if (child.kind == NodeKind::Not) continue;
        if (!is_filter(child)) return false;
        any = true;
      }
      return any;
    }
    default: return false;
  }
}

/** The field a filter restricts (filters of one field are alternatives); None for groups. */
Field filter_field(const Node& node) {
  switch (node.kind) {
    case NodeKind::Filter: return node.field;
    case NodeKind::Date:
      if (node.field == Field::Mentions || node.field == Field::Since) return node.field;
      return Field::Date;
    case NodeKind::Since: return Field::Since;
    default: return Field::None;
  }
}

std::string joined(std::string_view op, const std::vector<std::string>& items) {
  if (items.size() == 1) return items.front();
  std::string out(op);
  out += '(';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  return out + ')';
}

std::string describe_node(const Node& node, DefaultOperator op);

std::string describe_sequence(const Node& node, DefaultOperator op) {
  // One slot per item of the result, in the order the query first mentions it.
  struct Item {
    Field field = Field::None;  // a filter group's field
    bool scoring = false;       // the group of scoring parts
    std::vector<std::string> parts;
  };
  std::vector<Item> items;
  const auto slot = [&](bool scoring, Field field) -> Item& {
    if (scoring || field != Field::None) {
      for (Item& item : items) {
        if (item.scoring == scoring && item.field == field) return item;
      }
    }
    items.push_back(Item{field, scoring, {}});
    return items.back();
  };
  for (const Node& child : node.children) {
    if (child.kind == NodeKind::Not) {
      slot(false, Field::None).parts.push_back("NOT(" + describe_node(child.children.front(), op) + ")");
    } else if (is_filter(child)) {
      slot(false, filter_field(child)).parts.push_back(describe_node(child, op));
    } else {
      slot(true, Field::None).parts.push_back(describe_node(child, op));
    }
  }
  std::vector<std::string> required;
  for (const Item& item : items) {
    required.push_back(joined(item.scoring && op == DefaultOperator::AndWithFallback ? "AND" : "OR", item.parts));
  }
  return joined("AND", required);
}

std::string describe_node(const Node& node, DefaultOperator op) {
  switch (node.kind) {
    case NodeKind::And: return describe_sequence(node, op);
    case NodeKind::Or: {
      std::vector<std::string> parts;
      for (const Node& child : node.children) parts.push_back(describe_node(child, op));
      return joined("OR", parts);
    }
    case NodeKind::Not: return "NOT(" + describe_node(node.children.front(), op) + ")";
    default: return describe(node);
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string describe_search(const Node& root, DefaultOperator op) { return describe_node(root, op); }

std::string tidy_description(const std::string& description) {
  // Xapian writes OP_SCALE_WEIGHT as "<factor> * <query>", the factor with 19 digits.
  std::string out;
  std::size_t i = 0;
  while (i < description.size()) {
    const bool starts = is_digit(description[i]) && (i == 0 || description[i - 1] == '(' || description[i - 1] == ' ');
    if (starts) {
      std::size_t end = i;
      while (end < description.size() && (is_digit(description[end]) || description[end] == '.')) ++end;
      if (description.compare(end, 3, " * ") == 0 && description.find('.', i) < end) {
        const double factor = std::strtod(description.substr(i, end - i).c_str(), nullptr);
        out += fmt::format("{}", factor);
        i = end;
        continue;
      }
    }
    out += description[i++];
  }
  return out;
}

}  // namespace fahras::query
