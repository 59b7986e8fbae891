// RankingOptions::set: the --rank / rank= settings, read in one place for every front end.
#include "fahras/query.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string_view>

namespace fahras {

namespace {

// The strength a lever takes when switched on by name ("+proximity"): its tuned value (README,
// "Ranking"), also where the default leaves it off.
constexpr double lead_on = 0.4;
constexpr double proximity_on = 0.1;
constexpr double entities_on = 0.25;
constexpr std::size_t feedback_on = 20;

constexpr std::string_view lever_names = "lead, proximity, entities, weights, feedback";
constexpr std::string_view parameter_names =
    "k1, b, min_normlen, stem, exact, title, title_exact, lead, proximity, entities, weights, feedback, floor";

void switch_lever(RankingOptions& r, std::string_view name, bool on, std::string_view setting) {
  if (name == "lead") {
    r.lead_weight = on ? lead_on : 0;
  } else if (name == "proximity") {
    r.proximity_weight = on ? proximity_on : 0;
  } else if (name == "entities") {
    r.entity_weight = on ? entities_on : 0;
  } else if (name == "weights") {
    r.query_weights = on;
  } else if (name == "feedback") {
    r.feedback_terms = on ? feedback_on : 0;
  } else {
    throw RequestError(fmt::format("rank '{}': unknown lever '{}' (none, default, {}; -NAME switches one off)", setting,
                                   name, lever_names));
  }
}

void set_parameter(RankingOptions& r, std::string_view name, std::string_view text, std::string_view setting) {
  double value = 0;
  try {
    std::size_t used = 0;
    const std::string number(text);
    value = std::stod(number, &used);
    if (used != number.size()) throw std::invalid_argument("trailing text");
  } catch (const std::exception&) {
    throw RequestError(fmt::format("rank '{}': '{}' is not a number", setting, text));
  }
  if (!std::isfinite(value) || value < 0) {
    throw RequestError(fmt::format("rank '{}': {} must be a number of 0 or more", setting, name));
  }
  const std::pair<std::string_view, double*> parameters[] = {
      {"k1", &r.bm25_k1},
      {"b", &r.bm25_b},
      {"min_normlen", &r.bm25_min_normlen},
      {"stem", &r.stem_weight},
      {"exact", &r.exact_weight},
      {"title", &r.title_weight},
      {"title_exact", &r.title_exact_weight},
      {"lead", &r.lead_weight},
      {"proximity", &r.proximity_weight},
      {"entities", &r.entity_weight},
      {"floor", &r.recency_floor},
  };
  for (const auto& [known, target] : parameters) {
    if (name == known) {
      *target = value;
      return;
    }
  }
  if (name == "weights") {
    r.query_weights = value != 0;
  } else if (name == "feedback") {
    constexpr double max_feedback_terms = 1000;
    if (value > max_feedback_terms) {
      throw RequestError(fmt::format("rank '{}': feedback takes at most {} terms", setting, max_feedback_terms));
    }
    r.feedback_terms = static_cast<std::size_t>(value);
  } else {
    throw RequestError(fmt::format("rank '{}': unknown parameter '{}' ({})", setting, name, parameter_names));
  }
}

void set_one(RankingOptions& r, std::string_view item, std::string_view setting) {
  if (const std::size_t equals = item.find('='); equals != std::string_view::npos) {
    set_parameter(r, item.substr(0, equals), item.substr(equals + 1), setting);
  } else if (item == "none") {
    for (const std::string_view lever : {"lead", "proximity", "entities", "weights", "feedback"}) {
      switch_lever(r, lever, false, setting);
    }
  } else if (item == "default") {
    const RankingOptions defaults;
    r.lead_weight = defaults.lead_weight;
    r.proximity_weight = defaults.proximity_weight;
    r.entity_weight = defaults.entity_weight;
    r.query_weights = defaults.query_weights;
    r.feedback_terms = defaults.feedback_terms;
  } else {
    const bool on = item.empty() || item.front() != '-';
    if (!item.empty() && (item.front() == '-' || item.front() == '+')) item.remove_prefix(1);
    switch_lever(r, item, on, setting);
  }
}

}  // namespace

void RankingOptions::set(const std::string& setting) {
  std::string_view rest = setting;
  while (true) {
    const std::size_t comma = rest.find(',');
    set_one(*this, rest.substr(0, comma), setting);
    if (comma == std::string_view::npos) return;
    rest.remove_prefix(comma + 1);
  }
}

}  // namespace fahras
