#include "stopwords.hpp"

namespace fahras {

StopList::StopList(std::string_view list_text, const Normalizer& normalizer) {
  while (!list_text.empty()) {
    const std::size_t newline = list_text.find('\n');
    std::string_view line = list_text.substr(0, newline);
    list_text = newline == std::string_view::npos ? std::string_view{} : list_text.substr(newline + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '=') {
      by_light_form_.insert(normalizer.light(line.substr(1)));
    } else {
      by_full_form_.insert(normalizer.full(line));
    }
  }
}

bool StopList::contains(std::string_view light, std::string_view full) const {
  return by_full_form_.find(full) != by_full_form_.end() ||
         by_light_form_.find(light) != by_light_form_.end();
}

bool StopList::contains_full_form(std::string_view full) const {
  return by_full_form_.find(full) != by_full_form_.end();
}

}  // namespace fahras
