// A trie over word sequences: the gazetteer's aliases and the rules' multi-word cues.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
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
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  struct Node {
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> children;
    std::vector<std::uint32_t> values;
  };
  std::vector<Node> nodes_;
};

}  // namespace fahras
