// Snippets: which words are highlighted, which passages are chosen, where they are cut, and
// how they are rendered.
#include "readers.hpp"
#include "snippet.hpp"
#include "snippet_parts.hpp"
#include "test_support.hpp"
#include "utf8.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace {

using fahras::query::MatchSpec;
using fahras::query::Snippet;
using fahras::query::SnippetOptions;

/** A query word as the query side makes it: the analysis of the word typed alone. */
MatchSpec::Word word(fahras::Analyzer& analyzer, const std::string& typed, double weight = 1.0) {
  const auto tokens = analyzer.analyze(typed);
  REQUIRE(tokens.size() == 1);
  MatchSpec::Word w;
  w.normalized = tokens[0].normalized;
  w.stem = tokens[0].stem;
  w.weight = weight;
  return w;
}

MatchSpec::Phrase phrase(fahras::Analyzer& analyzer, const std::string& typed, double weight = 1.0) {
  MatchSpec::Phrase p;
  for (const auto& token : analyzer.analyze(typed)) p.normalized.push_back(token.normalized);
  p.weight = weight;
  return p;
}

MatchSpec words(fahras::Analyzer& analyzer, const std::vector<std::string>& typed) {
  MatchSpec spec;
  for (const auto& w : typed) spec.words.push_back(word(analyzer, w));
  return spec;
}

/** The highlighted bytes of a snippet, in order. */
std::vector<std::string> highlighted(const Snippet& snippet) {
  std::vector<std::string> out;
  for (const auto& [from, to] : snippet.highlights) out.push_back(snippet.text.substr(from, to - from));
  return out;
}

/** The byte range of the `nth` occurrence of `needle` in `text` as a whole word. */
std::pair<std::size_t, std::size_t> span_of(const std::string& text, const std::string& needle, int nth = 0) {
  std::size_t at = 0;
  for (;; ++at) {
    at = text.find(needle, at);
    REQUIRE(at != std::string::npos);
    const bool starts = at == 0 || text[at - 1] == ' ' || text[at - 1] == '\n';
    const std::size_t end = at + needle.size();
    const bool ends = end == text.size() || std::string_view(" \n.،").find(text[end]) != std::string_view::npos;
    if (starts && ends && nth-- == 0) return {at, end};
  }
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

/** The snippet's text pieces taken from the original: the ellipses and separators removed. */
std::vector<std::string> pieces(std::string text) {
  const std::string ellipsis = "…";
  const std::string separator = " … ";
  std::vector<std::string> out;
  if (text.starts_with(ellipsis)) text.erase(0, ellipsis.size());
  if (text.ends_with(ellipsis)) text.erase(text.size() - ellipsis.size());
  for (std::size_t at = 0;;) {
    const std::size_t next = text.find(separator, at);
    out.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (next == std::string::npos) break;
    at = next + separator.size();
  }
  return out;
}

/** The MatchSpec rule for Words, written out again: what must be highlighted. */
bool word_matches(const fahras::Token& token, const MatchSpec::Word& w) {
  if (w.prefix) return token.normalized.starts_with(w.normalized);
  if (w.exact) return token.normalized == w.normalized;
  return (!token.is_stop && token.stem == w.stem) || token.normalized == w.normalized;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto decoded = fahras::utf8::decode(text, i);
    if (!decoded.valid) return false;
    i += decoded.length;
  }
  return true;
}

// Words written for these tests, to make long paragraphs without a match.
const std::vector<std::string> filler = {"تواصل", "الحكومة", "بحث", "خطة", "جديدة", "لدعم", "المزارعين",
                                         "وتحسين", "شبكة", "الطرق", "بين", "القرى", "والمدن", "خلال",
                                         "العام", "المقبل", "بحسب", "مصادر", "مطلعة", "اليوم"};

std::string filler_words(std::size_t count, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += ' ';
    out += filler[(from + i) % filler.size()];
  }
  return out;
}

}  // namespace

TEST_SUITE("query snippet") {
  TEST_CASE("snippet: a name is highlighted with its clitics, exactly on its bytes") {
    fahras::Analyzer analyzer;
    const std::string text = "التقى الوزير وبوتين في موسكو، ثم بعث برسالة لبوتين بعد أن غادر بوتين القاعة.";
    const MatchSpec spec = words(analyzer, {"بوتين"});
    const Snippet all = fahras::query::highlight_all(text, spec, analyzer);
    CHECK(all.text == text);
    REQUIRE(all.highlights.size() == 3);
    CHECK(all.highlights[0] == span_of(text, "وبوتين"));
    CHECK(all.highlights[1] == span_of(text, "لبوتين"));
    CHECK(all.highlights[2] == span_of(text, "بوتين"));
    CHECK(all.matched_forms == std::vector<std::string>{"وبوتين", "لبوتين", "بوتين"});

    const Snippet snippet = fahras::query::make_snippet(text, spec, analyzer);
    CHECK(snippet.text == text);  // short enough to be shown whole, with its final period
    CHECK(snippet.highlights == all.highlights);
  }

  TEST_CASE("snippet: a diacritic or tatweel stays inside the highlight, other words stay out") {
    fahras::Analyzer analyzer;
    const std::string text = "أعلن الرئيسُ أن الرئاسة ستنقل مكتب الرئيـــس إلى مبنى جديد، وقال والرئيس السابق معه.";
    const Snippet all = fahras::query::highlight_all(text, words(analyzer, {"الرئيس"}), analyzer);
    CHECK(highlighted(all) == std::vector<std::string>{"الرئيسُ", "الرئيـــس", "والرئيس"});
    CHECK(all.highlights[0] == span_of(text, "الرئيسُ"));
    CHECK(all.highlights[1] == span_of(text, "الرئيـــس"));
    // The damma is two bytes inside the range, not after it.
    CHECK(text.substr(all.highlights[0].second - 2, 2) == "ُ");
    CHECK(all.matched_forms == std::vector<std::string>{"الرئيسُ", "الرئيـــس", "والرئيس"});
  }

  TEST_CASE("snippet: an exact word matches its normalized form only") {
    fahras::Analyzer analyzer;
    const std::string text = "قال الرئيسُ للصحفيين إن رئيس الوزراء والرئيس السابق لم يحضرا.";
    MatchSpec spec = words(analyzer, {"الرئيس"});
    spec.words[0].exact = true;
    const Snippet all = fahras::query::highlight_all(text, spec, analyzer);
    CHECK(highlighted(all) == std::vector<std::string>{"الرئيسُ"});
  }

  TEST_CASE("snippet: a prefix matches the start of the normalized form") {
    fahras::Analyzer analyzer;
    const std::string text = "تراجع الاقتصاد بعد أزمة اقتصادية، ويرى خبير اقتصادي أن الاقتصاديين منقسمون.";
    MatchSpec spec;
    MatchSpec::Word w;
    w.normalized = "اقتصاد";
    w.prefix = true;
    spec.words.push_back(w);
    const Snippet all = fahras::query::highlight_all(text, spec, analyzer);
    CHECK(highlighted(all) == std::vector<std::string>{"اقتصادية", "اقتصادي"});
  }

  TEST_CASE("snippet: a stop word does not match by its stem") {
    fahras::Analyzer analyzer;
    // عليه is a stop word whose stem is that of the name علي.
    const std::string text = "وصل علي إلى المطار وكان عليه أن ينتظر.";
    const Snippet all = fahras::query::highlight_all(text, words(analyzer, {"علي"}), analyzer);
    CHECK(highlighted(all) == std::vector<std::string>{"علي"});
  }

  TEST_CASE("snippet: a phrase highlights its words only where they stand together") {
    fahras::Analyzer analyzer;
    const std::string text =
        "وصل الرئيس الروسي إلى أنقرة. وقال الرئيس إن الوفد الروسي سيبقى، ثم التقى الرئيسُ الروسيَّ مجددا.";
    MatchSpec spec;
    spec.phrases.push_back(phrase(analyzer, "الرئيس الروسي"));
    const Snippet all = fahras::query::highlight_all(text, spec, analyzer);
    CHECK(highlighted(all) == std::vector<std::string>{"الرئيس", "الروسي", "الرئيسُ", "الروسيَّ"});
    CHECK(all.highlights[0] == span_of(text, "الرئيس"));
    CHECK(all.highlights[1] == span_of(text, "الروسي"));
  }

  TEST_CASE("snippet: a phrase keeps its stop words") {
    fahras::Analyzer analyzer;
    const std::string text = "اجتمع وزير الخارجية في فرنسا بنظيره، ثم عاد وزير الخارجية إلى فرنسا.";
    MatchSpec spec;
    spec.phrases.push_back(phrase(analyzer, "وزير الخارجية في فرنسا"));
    const Snippet all = fahras::query::highlight_all(text, spec, analyzer);
    CHECK(highlighted(all) == std::vector<std::string>{"وزير", "الخارجية", "في", "فرنسا"});
    CHECK(all.highlights.back() == span_of(text, "فرنسا"));
  }

  TEST_CASE("snippet: a ligature is highlighted whole when one of its words matches") {
    fahras::Analyzer analyzer;
    const std::string text = "قال النبي ﷺ في الحديث";
    const Snippet all = fahras::query::highlight_all(text, words(analyzer, {"وسلم"}), analyzer);
    CHECK(highlighted(all) == std::vector<std::string>{"ﷺ"});
  }

  TEST_CASE("snippet: the passage with the most distinct terms wins, a repeated word counts once") {
    fahras::Analyzer analyzer;
    const std::string text = filler_words(12) + " بوتين بوتين بوتين بوتين بوتين " + filler_words(12, 3) + "\n" +
                             filler_words(12, 5) + " بوتين مع أردوغان " + filler_words(12, 7);
    const Snippet snippet = fahras::query::make_snippet(text, words(analyzer, {"بوتين", "أردوغان"}), analyzer,
                                                        SnippetOptions{.max_chars = 200, .max_passages = 1});
    INFO(snippet.text);
    CHECK(highlighted(snippet) == std::vector<std::string>{"بوتين", "أردوغان"});
  }

  TEST_CASE("snippet: a rare term outweighs two common ones") {
    fahras::Analyzer analyzer;
    const std::string text = filler_words(10) + " بوتين مع أردوغان " + filler_words(10) + "\n" + filler_words(10, 4) +
                             " الكرملين " + filler_words(10, 4);
    MatchSpec spec;
    spec.words = {word(analyzer, "بوتين", 1.0), word(analyzer, "أردوغان", 1.0), word(analyzer, "الكرملين", 3.0)};
    const Snippet snippet =
        fahras::query::make_snippet(text, spec, analyzer, SnippetOptions{.max_chars = 200, .max_passages = 1});
    CHECK(highlighted(snippet) == std::vector<std::string>{"الكرملين"});
  }

  TEST_CASE("snippet: on a tie the earlier passage wins") {
    fahras::Analyzer analyzer;
    const std::string text = filler_words(8) + " أنقرة الأولى\n" + filler_words(8) + " أنقرة الثانية";
    const Snippet snippet = fahras::query::make_snippet(text, words(analyzer, {"أنقرة"}), analyzer,
                                                        SnippetOptions{.max_chars = 100, .max_passages = 2});
    CHECK(snippet.text.find("الأولى") != std::string::npos);
    CHECK(snippet.text.find("الثانية") == std::string::npos);
    CHECK(snippet.text.find("…") == std::string::npos);  // the whole first paragraph
  }

  TEST_CASE("snippet: a second passage adds the terms the first lacks") {
    fahras::Analyzer analyzer;
    const std::string text = filler_words(15) + " بوتين " + filler_words(15) + "\n" + filler_words(40, 2) + "\n" +
                             filler_words(15, 6) + " أردوغان " + filler_words(15, 9);
    const MatchSpec spec = words(analyzer, {"بوتين", "أردوغان"});
    const Snippet two =
        fahras::query::make_snippet(text, spec, analyzer, SnippetOptions{.max_chars = 120, .max_passages = 2});
    CHECK(highlighted(two) == std::vector<std::string>{"بوتين", "أردوغان"});
    CHECK(pieces(two.text).size() == 2);
    std::size_t total = 0;
    for (const auto& piece : pieces(two.text)) total += code_points(piece);
    CHECK(total <= 120);

    const Snippet one =
        fahras::query::make_snippet(text, spec, analyzer, SnippetOptions{.max_chars = 120, .max_passages = 1});
    CHECK(highlighted(one) == std::vector<std::string>{"بوتين"});
    CHECK(pieces(one.text).size() == 1);
  }

  TEST_CASE("snippet: no second passage when the first holds every term") {
    fahras::Analyzer analyzer;
    const std::string text = filler_words(15) + " بوتين " + filler_words(15) + "\n" + filler_words(15, 6) +
                             " أردوغان " + filler_words(2) + " بوتين " + filler_words(15, 9);
    const Snippet snippet = fahras::query::make_snippet(text, words(analyzer, {"بوتين", "أردوغان"}), analyzer,
                                                        SnippetOptions{.max_chars = 120, .max_passages = 2});
    CHECK(highlighted(snippet) == std::vector<std::string>{"أردوغان", "بوتين"});
    CHECK(pieces(snippet.text).size() == 1);
  }

  TEST_CASE("snippet: cuts fall between words, within the budget, marked with an ellipsis") {
    fahras::Analyzer analyzer;
    const std::string text = filler_words(60) + " اللقاء " + filler_words(60, 11);
    const Snippet snippet = fahras::query::make_snippet(text, words(analyzer, {"اللقاء"}), analyzer,
                                                        SnippetOptions{.max_chars = 60, .max_passages = 2});
    REQUIRE(snippet.text.starts_with("…"));
    REQUIRE(snippet.text.ends_with("…"));
    const auto parts = pieces(snippet.text);
    REQUIRE(parts.size() == 1);
    const std::string& body = parts[0];
    CHECK(code_points(body) <= 60);
    CHECK(code_points(body) >= 45);  // the budget is used for context
    const std::size_t at = text.find(body);
    REQUIRE(at != std::string::npos);
    CHECK(text[at - 1] == ' ');
    CHECK(text[at + body.size()] == ' ');
    // The match sits near the middle: context on both sides.
    const std::size_t match = body.find("اللقاء");
    REQUIRE(match != std::string::npos);
    CHECK(code_points(body.substr(0, match)) >= 15);
    CHECK(code_points(body.substr(match)) >= 15);
    CHECK(highlighted(snippet) == std::vector<std::string>{"اللقاء"});
  }

  TEST_CASE("snippet: a long run of punctuation between two passages keeps them apart, within the budget") {
    // Found by fuzz_snippet: two passages that met at a run of punctuation too long to go with
    // either word were joined, run included, and the snippet outgrew max_chars.
    fahras::Analyzer analyzer;
    const std::string dashes(110, '-');
    const std::string text = "بدأت فرق هندسية متخصصة أعمال ترمي" + dashes + "م عدد من البيوت الأثرية في دمشق القديمة";
    const Snippet snippet = fahras::query::make_snippet(text, words(analyzer, {"متخصصة", "دمشق"}), analyzer,
                                                        SnippetOptions{.max_chars = 119, .max_passages = 2});
    std::size_t length = 0;
    for (const std::string& part : pieces(snippet.text)) length += code_points(part);
    CHECK(length <= 119);
    CHECK(highlighted(snippet) == std::vector<std::string>{"متخصصة", "دمشق"});
  }

  TEST_CASE("snippet: a passage keeps the punctuation glued to its words and at its paragraph's edges") {
    fahras::Analyzer analyzer;
    const std::string paragraph = "«بوتين يصل إلى أنقرة غدا»، قال المتحدث باسم الكرملين (رسميا).";
    const std::string text = filler_words(30) + "\n  " + paragraph + "  \n" + filler_words(30, 3);
    const Snippet whole = fahras::query::make_snippet(text, words(analyzer, {"بوتين"}), analyzer,
                                                      SnippetOptions{.max_chars = 100, .max_passages = 1});
    CHECK(whole.text == paragraph);
    CHECK(highlighted(whole) == std::vector<std::string>{"بوتين"});
    // Cut short, it still starts at the paragraph's start and takes the quote and comma along.
    const Snippet cut = fahras::query::make_snippet(text, words(analyzer, {"بوتين"}), analyzer,
                                                    SnippetOptions{.max_chars = 26, .max_passages = 1});
    CHECK(cut.text == "«بوتين يصل إلى أنقرة غدا»،…");
  }

  TEST_CASE("snippet: a passage stays in its paragraph") {
    fahras::Analyzer analyzer;
    const std::string text = "بدأت القمة في أنقرة\nوفي اليوم التالي " + filler_words(20);
    const Snippet snippet = fahras::query::make_snippet(text, words(analyzer, {"أنقرة"}), analyzer,
                                                        SnippetOptions{.max_chars = 200, .max_passages = 1});
    CHECK(snippet.text == "بدأت القمة في أنقرة");
  }

  TEST_CASE("snippet: without a match, the start of the text") {
    fahras::Analyzer analyzer;
    const std::string text = "\n  " + filler_words(40) + "\n" + filler_words(40, 1);
    const Snippet snippet = fahras::query::make_snippet(text, words(analyzer, {"بوتين"}), analyzer,
                                                        SnippetOptions{.max_chars = 50, .max_passages = 2});
    CHECK(snippet.text.starts_with(filler[0] + " " + filler[1]));
    CHECK(snippet.text.ends_with("…"));
    CHECK(snippet.highlights.empty());
    CHECK(snippet.matched_forms.empty());
    CHECK(code_points(pieces(snippet.text)[0]) <= 50);

    CHECK(fahras::query::make_snippet("", words(analyzer, {"بوتين"}), analyzer).text.empty());
    CHECK(fahras::query::make_snippet(" ... !! \n", words(analyzer, {"بوتين"}), analyzer).text == "... !!");
  }

  TEST_CASE("snippet: an overlong word is cut at a character boundary") {
    fahras::Analyzer analyzer;
    std::string long_word;
    for (int i = 0; i < 300; ++i) long_word += "س";
    const Snippet snippet = fahras::query::make_snippet(long_word + " بوتين", words(analyzer, {"بوتين"}), analyzer,
                                                        SnippetOptions{.max_chars = 10, .max_passages = 1});
    CHECK(snippet.text == "…بوتين");
    const Snippet none = fahras::query::make_snippet(long_word, words(analyzer, {"بوتين"}), analyzer,
                                                     SnippetOptions{.max_chars = 10, .max_passages = 1});
    CHECK(none.text.ends_with("…"));
    CHECK(code_points(pieces(none.text)[0]) == 10);
    CHECK(is_valid_utf8(none.text));
  }

  TEST_CASE("snippet: over the samples, every matching word of the snippet is highlighted and nothing else") {
    fahras::Analyzer analyzer;
    fahras::Analyzer again;
    std::size_t highlights = 0;
    for (const std::string& text : fahras::test::sample_texts()) {
      const auto tokens = analyzer.analyze(text);
      if (tokens.size() < 40) continue;
      // Query words taken from the text itself (as typed, so the query side's analysis applies).
      MatchSpec spec;
      for (const std::size_t at : {tokens.size() / 3, tokens.size() / 2, tokens.size() - 5}) {
        const auto& t = tokens[at];
        const auto alone = again.analyze(std::string_view(text).substr(t.begin, t.end - t.begin));
        if (alone.size() != 1 || alone[0].is_stop) continue;
        spec.words.push_back({alone[0].normalized, alone[0].stem, false, false, 1.0});
      }
      const Snippet snippet = fahras::query::make_snippet(text, spec, analyzer, SnippetOptions{.max_chars = 160});
      INFO("snippet: ", snippet.text);
      CHECK(snippet.text.find('\n') == std::string::npos);
      if (is_valid_utf8(text)) CHECK(is_valid_utf8(snippet.text));
      std::size_t chars = 0;
      for (const auto& piece : pieces(snippet.text)) {
        chars += code_points(piece);
        CHECK(text.find(piece) != std::string::npos);
      }
      CHECK(chars <= 160);
      // Analyzed again, the snippet's tokens are the text's: each is highlighted iff it matches.
      std::map<std::pair<std::size_t, std::size_t>, bool> expected;
      for (const auto& t : again.analyze(snippet.text)) {
        const bool matches = std::any_of(spec.words.begin(), spec.words.end(),
                                         [&](const MatchSpec::Word& w) { return word_matches(t, w); });
        expected[{t.begin, t.end}] = expected[{t.begin, t.end}] || matches;
      }
      std::vector<std::pair<std::size_t, std::size_t>> want;
      for (const auto& [range, matches] : expected) {
        if (matches) want.push_back(range);
      }
      CHECK(snippet.highlights == want);
      highlights += want.size();
    }
    CHECK(highlights > 50);
  }

  TEST_CASE("snippet: a megabyte body, the passage at its end") {
    fahras::Analyzer analyzer;
    std::string text;
    while (text.size() < (1U << 20U)) text += filler_words(30, text.size() % 7) + " بوتين\n";
    text += filler_words(10) + " أردوغان وبوتين " + filler_words(10);
    const MatchSpec spec = words(analyzer, {"بوتين", "أردوغان"});
    const Snippet snippet = fahras::query::make_snippet(text, spec, analyzer);
    CHECK(highlighted(snippet) == std::vector<std::string>{"أردوغان", "وبوتين"});
    // That the work is linear in the body's length is counted in tests/growth.
  }

  TEST_CASE("snippet: rendered with markers, as HTML and for a terminal") {
    fahras::Analyzer analyzer;
    const std::string text = "قال <b>بوتين</b> & \"وبوتين\" 'نعم'";
    const Snippet all = fahras::query::highlight_all(text, words(analyzer, {"بوتين"}), analyzer);
    CHECK(fahras::query::render_with_markers(all, "[", "]") == "قال <b>[بوتين]</b> & \"[وبوتين]\" 'نعم'");
    CHECK(fahras::query::render_html(all) ==
          "قال &lt;b&gt;<mark>بوتين</mark>&lt;/b&gt; &amp; &quot;<mark>وبوتين</mark>&quot; &#39;نعم&#39;");
    CHECK(fahras::query::render_ansi(all) ==
          "قال <b>\x1b[1;31mبوتين\x1b[0m</b> & \"\x1b[1;31mوبوتين\x1b[0m\" 'نعم'");
    // Escaping applies inside a highlight too.
    const Snippet made{"a<b>&c", {{1, 4}}, {}};
    CHECK(fahras::query::render_html(made) == "a<mark>&lt;b&gt;</mark>&amp;c");
  }

  TEST_CASE("snippet: renderers never pass on a control character from the text") {
    const Snippet made{"قال\x1b[2J بوتين\x07\r\n\t\xE2\x80\xAEنعم\x7F\xC2\x9B!\xFF", {{11, 21}}, {}};
    CHECK(fahras::query::render_with_markers(made, "[", "]") == "قال[2J [بوتين]\n\tنعم!\xEF\xBF\xBD");
    CHECK(fahras::query::render_html(made) == "قال[2J <mark>بوتين</mark>\n\tنعم!\xEF\xBF\xBD");
    const std::string ansi = fahras::query::render_ansi(made);
    CHECK(std::count(ansi.begin(), ansi.end(), '\x1b') == 2);  // the highlight's own two
    CHECK(ansi == "قال[2J \x1b[1;31mبوتين\x1b[0m\n\tنعم!\xEF\xBF\xBD");
  }

  TEST_CASE("snippet: renderers widen or merge highlights made by hand") {
    // Ranges out of order, overlapping, past the end, and one starting inside a letter.
    const Snippet made{"بوتين ونعم", {{12, 99}, {3, 6}, {0, 4}}, {}};
    CHECK(fahras::query::render_with_markers(made, "[", "]") == "[بوت]ين [ونعم]");
  }
}

// The token screen (snippet_screen.cpp) must never change what a text matches: checked over
// real crawled articles, with query words taken from other articles (other forms of the same
// words, prefixes, phrases), under each analysis profile the screen works with.
namespace {

class BodyCollector : public fahras::indexer::RecordSink {
public:
  explicit BodyCollector(std::size_t most) : most_(most) {}
  void record(fahras::indexer::RawRecord&& record) override {
    if (bodies.size() >= most_) return;
    for (auto& [key, value] : record.fields) {
      if (key == "content" && !value.empty()) bodies.push_back(std::move(value));
    }
  }
  void diagnostic(fahras::indexer::Diagnostic&& /*diagnostic*/) override {}
  std::vector<std::string> bodies;

private:
  std::size_t most_;
};

}  // namespace

TEST_SUITE("query snippet") {
  TEST_CASE("token screen: lets through every form that may match, turns away the rest") {
    using fahras::query::snippet_parts::TokenScreen;
    fahras::Analyzer analyzer;
    const MatchSpec spec = words(analyzer, {"الحكومة", "إعلان", "Reuters"});
    const TokenScreen screen(spec, analyzer.profile());
    // Other forms of the words: clitics, tashkeel, tatweel, hamza and taa marbuta spelt
    // otherwise, Latin case; and presentation forms, which the screen leaves to the analyzer.
    for (const char* form : {"حكومتها", "الحكومه", "الحُكُومَة", "الحكـــومة", "وللحكومة", "اعلان", "أعلان",
                             "إِعلانات", "REUTERS", "reuters", "ﺍﻟﺤﻜﻮﻣﺔ"}) {
      CAPTURE(std::string(form));
      CHECK(screen.may_match(form));
    }
    for (const char* form : {"وزارة", "مدرسة", "news", "2015"}) {
      CAPTURE(std::string(form));
      CHECK_FALSE(screen.may_match(form));
    }
    // Nothing to look for: nothing matches; another stemmer: every token is analysed.
    CHECK_FALSE(TokenScreen(MatchSpec{}, analyzer.profile()).may_match("الحكومة"));
    const fahras::AnalysisProfile snowball{fahras::StemmerKind::Snowball, fahras::HamzaCarriers::Unify};
    CHECK(TokenScreen(spec, snowball).may_match("وزارة"));
    CHECK(TokenScreen().may_match("وزارة"));
  }

  // Run apart by ctest as "unit_shared_seed", reported skipped where the folder is absent.
  TEST_CASE("shared seed: the token screen changes no match, on crawled articles") {
    const char* env = std::getenv("FAHRAS_SHARED");
    const std::filesystem::path shared = env != nullptr && *env != '\0' ? std::filesystem::path(env)
                                                                         : std::filesystem::path(FAHRAS_SHARED_DEFAULT);
    const std::filesystem::path crawl = shared / "corpora" / "saudinewsnet" / "2015-07-21.zip";
    if (!std::filesystem::is_regular_file(crawl)) {
      MESSAGE("skipped: no shared seed folder: ", crawl.string(), " is missing (set FAHRAS_SHARED)");
      return;
    }
    BodyCollector collector(300);
    fahras::indexer::read_input(crawl.string(), {}, collector);
    REQUIRE(collector.bodies.size() >= 100);
    const auto& bodies = collector.bodies;
    using fahras::AnalysisProfile;
    std::size_t compared = 0;
    std::size_t matched = 0;
    for (const AnalysisProfile profile :
         {AnalysisProfile{fahras::StemmerKind::Light, fahras::HamzaCarriers::Unify},
          AnalysisProfile{fahras::StemmerKind::Light, fahras::HamzaCarriers::Keep},
          AnalysisProfile{fahras::StemmerKind::None, fahras::HamzaCarriers::Unify}}) {
      fahras::Analyzer analyzer(profile);
      for (std::size_t b = 0; b < bodies.size(); ++b) {
        // Words of the next article as typed there: a few plain words, a prefix, a phrase.
        const std::string& other = bodies[(b + 1) % bodies.size()];
        const auto tokens = analyzer.analyze(other);
        MatchSpec spec;
        for (std::size_t t = b % 7; t < tokens.size() && spec.words.size() < 6; t += 23) {
          MatchSpec::Word w;
          w.normalized = tokens[t].normalized;
          w.stem = tokens[t].stem;
          w.exact = tokens[t].is_stop;
          spec.words.push_back(w);
        }
        if (tokens.size() > 4) {
          MatchSpec::Word prefix;
          const std::u32string letters = fahras::utf8::decode_all(tokens[3].normalized);
          fahras::utf8::append(prefix.normalized, std::u32string_view(letters).substr(0, 3));
          prefix.prefix = true;
          spec.words.push_back(prefix);
          spec.phrases.push_back({{tokens[1].normalized, tokens[2].normalized}, 1.0});
        }
        const auto screened = fahras::query::snippet_parts::read_text(bodies[b], spec, analyzer, true);
        const auto whole = fahras::query::snippet_parts::read_text(bodies[b], spec, analyzer, false);
        REQUIRE(screened.toks.size() == whole.toks.size());
        REQUIRE(screened.hits.size() == whole.hits.size());
        for (std::size_t i = 0; i < whole.hits.size(); ++i) {
          CHECK(screened.hits[i].first == whole.hits[i].first);
          CHECK(screened.hits[i].last == whole.hits[i].last);
          CHECK(screened.hits[i].term == whole.hits[i].term);
        }
        for (std::size_t i = 0; i < whole.toks.size(); ++i) CHECK(screened.toks[i].highlighted == whole.toks[i].highlighted);
        ++compared;
        matched += whole.hits.size();
      }
    }
    CHECK(compared == 3 * bodies.size());
    CHECK(matched > 1000);  // the queries do find things: the check compares something
  }
}
