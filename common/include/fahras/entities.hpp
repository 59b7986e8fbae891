// fahras — named entities in Arabic news: the people, places and organizations a text mentions,
// each resolved to a canonical entity of the gazetteer (common/data/entities/*.tsv) or, for a
// name the gazetteer lacks, found by contextual rules (الرئيس …, وزارة …, مدينة …).
#pragma once

#include "fahras/analysis.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** The three entity types, the PERS / LOC / ORG of the common Arabic NER tag set. */
enum class EntityType : std::uint8_t { Person, Location, Organization };

/** "person", "place", "org": the spelling of the gazetteer's type column and of the query
 *  fields person: place: org:. */
std::string_view to_string(EntityType type) noexcept;

/** Parses "person", "place" or "org"; nullopt for anything else. */
std::optional<EntityType> parse_entity_type(std::string_view text) noexcept;

/** One mention of an entity in a text. */
struct EntityMention {
  std::size_t begin = 0;                ///< byte offset of its first token in the analyzed text (clitics included)
  std::size_t end = 0;                  ///< byte offset one past its last token
  std::uint32_t first_position = 0;     ///< word position of its first token, as Analyzer numbers them
  std::uint32_t last_position = 0;      ///< word position of its last token
  EntityType type = EntityType::Person;
  /** The canonical id: the gazetteer's ASCII slug ("donald-trump", "riyadh", "opec"); for a name
   *  found by a rule, a slug transliterated from its normalized words. */
  std::string id;
  /** The canonical display name in Arabic ("دونالد ترامب"); for a rule-found name, the name as
   *  the text writes it ("المملكة", "الوئام"; the clitics of its first word removed, لل+X shown
   *  as الX, white space made single spaces). The id stays made from the normalized words, so
   *  one entity can be written differently in two texts. */
  std::string name;
  bool from_gazetteer = true;           ///< false when a contextual rule found it
};

/** A gazetteer entity, as resolve() returns it. */
struct Entity {
  std::string id;
  EntityType type = EntityType::Person;
  std::string name;
};

/** Which sources of mentions the recognizer uses; each rule family can be switched off
 *  separately, for the benchmark (bench/ner_eval.sh) and for the tests. */
struct EntityRules {
  bool gazetteer = true;     ///< aliases of the gazetteer, clitics allowed on the first word
  bool titles = true;        ///< a title or role before a name → person (الرئيس حامد كرزاي)
  bool given_names = true;   ///< a known first name followed by a name → person (محمد بن سلمان)
  bool org_cues = true;      ///< the name after an organization cue → org (شركة مايكروسوفت → مايكروسوفت)
  /** An organization's head noun and its complements → org (حزب العمال). Off by default:
   *  measured, it costs precision (the annotated set tags some heads and not others). */
  bool org_heads = false;
  /** A ministry, army or government and its complements → org (وزارة الخارجية الأردنية). Off by
   *  default: measured, it costs precision on the annotated set, whose convention leaves such
   *  descriptions untagged (README, "Entities"). */
  bool government_bodies = false;
  bool place_cues = true;    ///< a place cue before a name → place (مدينة حلب → حلب)
  bool discourse = true;     ///< a name found once is found again in the same text (جون كيري … كيري)

  /** Only the gazetteer. */
  static EntityRules gazetteer_only() noexcept {
    return {true, false, false, false, false, false, false, false};
  }
  /** The default rules, without the gazetteer. */
  static EntityRules rules_only() noexcept {
    EntityRules rules;
    rules.gazetteer = false;
    return rules;
  }
};

/**
 * Finds entity mentions in text and resolves names to entities. Holds an Analyzer, so keep one
 * per thread; the gazetteer behind it is shared, immutable and loaded once per process.
 */
class EntityRecognizer {
public:
  explicit EntityRecognizer(AnalysisProfile profile = {}, EntityRules rules = {});
  ~EntityRecognizer();
  EntityRecognizer(EntityRecognizer&&) noexcept;
  EntityRecognizer& operator=(EntityRecognizer&&) noexcept;
  EntityRecognizer(const EntityRecognizer&) = delete;
  EntityRecognizer& operator=(const EntityRecognizer&) = delete;

  [[nodiscard]] const EntityRules& rules() const noexcept;

  /** All mentions in `text`, in text order and non-overlapping (the longest match wins). */
  std::vector<EntityMention> find(std::string_view text);

  /** Receives the tokens of a text from the caller's own analysis of it. */
  using TokenSink = std::function<void(const TokenView&)>;

  /**
   * find(text) for a text the caller analyzes anyway: `analyze(sink)` must analyze `text`
   * with an Analyzer of this recognizer's profile and pass every token to `sink`, besides
   * whatever else it does with them. The text is then analyzed once instead of twice.
   */
  std::vector<EntityMention> find(std::string_view text, const std::function<void(const TokenSink&)>& analyze);

  /**
   * The query side: the gazetteer entities a name refers to ("ترمب" → donald-trump), optionally
   * of one type only; a name that is also an ambiguous alias gives every candidate, the
   * unambiguous one first. Empty when the name is unknown. Clitics on the first word are
   * allowed (لبوتين).
   */
  std::vector<Entity> resolve(std::string_view name, std::optional<EntityType> type = std::nullopt);

  /** The number of entities in the gazetteer. */
  static std::size_t gazetteer_size();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/** What tag_conll read. */
struct ConllCounts {
  std::size_t sentences = 0;
  std::size_t tokens = 0;
};

/**
 * Tags CoNLL lines: reads `token` or `token TAG` lines (the tags are ignored; a blank line or a
 * "." token ends a sentence) and writes `token PREDICTED` lines in BIO with B-PERS/I-PERS,
 * B-LOC/I-LOC, B-ORG/I-ORG and O, one per input token, keeping blank lines, so that the output
 * lines up with the input for a standard scorer. Each sentence is one text for `recognizer`.
 */
ConllCounts tag_conll(std::istream& in, std::ostream& out, EntityRecognizer& recognizer);

/** "PERS", "LOC", "ORG": the tag suffix of a type in the CoNLL output. */
std::string_view conll_tag(EntityType type) noexcept;

}  // namespace fahras
