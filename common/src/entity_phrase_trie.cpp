#include "entity_phrase_trie.hpp"

#include <algorithm>

namespace fahras {

PhraseTrie::PhraseTrie() : nodes_(1) {}

void PhraseTrie::insert(std::span<const std::string> words, std::uint32_t value) {
  if (words.empty()) return;
  std::uint32_t node = root;
  for (const std::string& word : words) {
    const std::uint32_t next = child(node, word);
    if (next != none) {
      node = next;
      continue;
    }
    const auto created = static_cast<std::uint32_t>(nodes_.size());
    nodes_[node].children.emplace(word, created);
    nodes_.emplace_back();
    node = created;
  }
  std::vector<std::uint32_t>& values = nodes_[node].values;
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

std::uint32_t PhraseTrie::child(std::uint32_t node, std::string_view word) const {
  const auto& children = nodes_[node].children;
  const auto found = children.find(word);
  return found == children.end() ? none : found->second;
}

std::span<const std::uint32_t> PhraseTrie::values(std::uint32_t node) const { return nodes_[node].values; }

}  // namespace fahras
