// The Arabic stop list, normalized by the same stages as the text it is applied to.
#pragma once

#include "normalizer.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace fahras {

/**
 * A stop list. Entries are normalized when the list is loaded; an entry written "=word" is
 * matched on its light form (spelling as written) so that it cannot erase a content word
 * that full normalization merges with it (على / علي).
 */
class StopList {
public:
  /** Loads a list in the format of common/data/stopwords-ar.txt. */
  StopList(std::string_view list_text, const Normalizer& normalizer);

  /** The Arabic list written for fahras (common/data/stopwords-ar.txt, compiled in). */
  static std::string_view arabic_source() noexcept;

  /** Whether a word, given as its light and its full form (UTF-8), is a stop word. */
  [[nodiscard]] bool contains(std::string_view light, std::string_view full) const;

  /** Whether a full form is a stop word in every spelling (entries without '='). */
  [[nodiscard]] bool contains_full_form(std::string_view full) const;

  [[nodiscard]] std::size_t size() const noexcept { return by_full_form_.size() + by_light_form_.size(); }

private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  Set by_full_form_;
  Set by_light_form_;
};

}  // namespace fahras
