// A trie over word sequences: the gazetteer's aliases and the rules' multi-word cues.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** Maps sequences of normalized words to values; a node is reached word by word. */
class PhraseTrie {
public:
  static constexpr std::uint32_t root = 0;
  static constexpr std::uint32_t none = UINT32_MAX;

  PhraseTrie();

  /** Adds `value` at the end of `words` (no-op for no words). */
  void insert(std::span<const std::string> words, std::uint32_t value);

  /** The node after `word` from `node`, or `none`. */
  [[nodiscard]] std::uint32_t child(std::uint32_t node, std::string_view word) const;

  /** The values that end at `node`. */
  [[nodiscard]] std::span<const std::uint32_t> values(std::uint32_t node) const;

  [[nodiscard]] std::size_t node_count() const noexcept { return nodes_.size(); }

private:
  // One edge: from `parent` by the word at words_[offset, offset + size) to `child`. The edges
  // of every node live in one open-addressing table, found by the word's hash mixed with the
  // parent: a lookup hashes the word once and reads no node that has no children.
  struct Edge {
    std::uint64_t hash = 0;
    std::uint32_t parent = none;
    std::uint32_t child = none;  // none: an empty slot
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };
  struct Node {
    std::uint32_t children = 0;
    std::vector<std::uint32_t> values;
  };
  [[nodiscard]] static std::uint64_t edge_hash(std::uint32_t node, std::string_view word) noexcept;
  [[nodiscard]] std::uint32_t find(std::uint32_t node, std::string_view word, std::uint64_t hash) const noexcept;
  void grow();

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;  // a power of two in size, at most half full
  std::size_t edge_count_ = 0;
  std::string words_;  // the edges' words, end to end
};

}  // namespace fahras
