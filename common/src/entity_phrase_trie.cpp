#include "entity_phrase_trie.hpp"

#include "word_hash.hpp"

#include <algorithm>

namespace fahras {

PhraseTrie::PhraseTrie() : nodes_(1), edges_(64) {}

std::uint64_t PhraseTrie::edge_hash(std::uint32_t node, std::string_view word) noexcept {
  std::uint64_t h = word_hash(word) ^ (static_cast<std::uint64_t>(node) * 0x9E3779B97F4A7C15ULL);
  h ^= h >> 31U;
  return h;
}

void PhraseTrie::insert(std::span<const std::string> words, std::uint32_t value) {
  if (words.empty()) return;
  std::uint32_t node = root;
  for (const std::string& word : words) {
    const std::uint64_t hash = edge_hash(node, word);
    const std::uint32_t next = find(node, word, hash);
    if (next != none) {
      node = next;
      continue;
    }
    if (2 * (edge_count_ + 1) > edges_.size()) grow();
    const auto created = static_cast<std::uint32_t>(nodes_.size());
    const std::size_t mask = edges_.size() - 1;
    std::size_t slot = hash & mask;
    while (edges_[slot].child != none) slot = (slot + 1) & mask;
    edges_[slot] = Edge{hash, node, created, static_cast<std::uint32_t>(words_.size()),
                        static_cast<std::uint32_t>(word.size())};
    words_ += word;
    ++edge_count_;
    ++nodes_[node].children;
    nodes_.emplace_back();
    node = created;
  }
  std::vector<std::uint32_t>& values = nodes_[node].values;
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

void PhraseTrie::grow() {
  std::vector<Edge> old(edges_.size() * 2);
  old.swap(edges_);
  const std::size_t mask = edges_.size() - 1;
  for (const Edge& edge : old) {
    if (edge.child == none) continue;
    std::size_t slot = edge.hash & mask;
    while (edges_[slot].child != none) slot = (slot + 1) & mask;
    edges_[slot] = edge;
  }
}

std::uint32_t PhraseTrie::find(std::uint32_t node, std::string_view word, std::uint64_t hash) const noexcept {
  const std::size_t mask = edges_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const Edge& edge = edges_[slot];
    if (edge.child == none) return none;
    if (edge.hash == hash && edge.parent == node && edge.size == word.size() &&
        std::string_view(words_).substr(edge.offset, edge.size) == word) {
      return edge.child;
    }
  }
}

std::uint32_t PhraseTrie::child(std::uint32_t node, std::string_view word) const {
  if (nodes_[node].children == 0) return none;
  return find(node, word, edge_hash(node, word));
}

std::span<const std::uint32_t> PhraseTrie::values(std::uint32_t node) const { return nodes_[node].values; }

}  // namespace fahras
