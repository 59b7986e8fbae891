// The hash tables on the analysis's hot paths: the word hash, the entity tries' flat edge table,
// and the analyzer's front cache of frequent forms, each against a plain reference.
#include "entity_phrase_trie.hpp"
#include "fahras/analysis.hpp"
#include "word_hash.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

// Words as the tries and the cache meet them: Arabic with diacritics and tatweel, clitics,
// Latin, digits, mixed scripts, one letter, long words.
const std::vector<std::string> base_words = {
    "الرياض", "الرِّيَاض", "الريـــاض", "والرياض", "بالرياض", "للرياض", "ال", "و", "محمد", "مُحَمَّد",
    "عبد", "الله", "عبدالله", "حماس", "الحماس", "Riyadh", "riyadh", "RIYADH", "COVID-19", "2015",
    "٢٠١٥", "iPhoneالجديد", "ﷺ", "a", "ab", "abcdefgh", "abcdefghi", "الاستراتيجيات_المتعددة_الأطراف"};

std::vector<std::string> many_words(std::size_t count) {
  std::vector<std::string> words;
  for (std::size_t i = 0; words.size() < count; ++i) {
    const std::string& base = base_words[i % base_words.size()];
    words.push_back(i < base_words.size() ? base : base + std::to_string(i / base_words.size()));
  }
  return words;
}

}  // namespace

TEST_SUITE("word tables") {
  TEST_CASE("word_hash: the same words hash alike, distinct words apart, every length") {
    for (const std::string& word : base_words) {
      const std::string copy(word.begin(), word.end());  // another buffer
      CHECK(fahras::word_hash(word) == fahras::word_hash(copy));
    }
    std::unordered_set<std::uint64_t> hashes;
    std::string word;
    for (std::size_t length = 0; length <= 40; ++length) {
      CHECK(hashes.insert(fahras::word_hash(word)).second);
      word.push_back('\0');  // trailing zero bytes still count
    }
    for (const std::string& w : many_words(20000)) hashes.insert(fahras::word_hash(w));
    CHECK(hashes.size() == 41 + 20000);
  }

  TEST_CASE("PhraseTrie: every prefix of every phrase reaches what a map of phrases holds") {
    const std::vector<std::string> words = many_words(3000);
    std::map<std::vector<std::string>, std::set<std::uint32_t>> reference;
    fahras::PhraseTrie trie;
    // Phrases of one to four words, sharing prefixes, the same word under several parents.
    for (std::uint32_t n = 0; n < 6000; ++n) {
      std::vector<std::string> phrase;
      for (std::size_t k = 0; k <= n % 4; ++k) phrase.push_back(words[(n * 7 + k * 13) % (n % 5 == 0 ? 40 : words.size())]);
      trie.insert(phrase, n % 50);
      reference[phrase].insert(n % 50);
    }
    trie.insert({}, 7);  // no words: nothing
    std::set<std::vector<std::string>> prefixes;
    for (const auto& [phrase, values] : reference) {
      for (std::size_t k = 1; k <= phrase.size(); ++k) prefixes.emplace(phrase.begin(), phrase.begin() + static_cast<std::ptrdiff_t>(k));
    }
    for (const auto& prefix : prefixes) {
      std::uint32_t node = fahras::PhraseTrie::root;
      for (const std::string& w : prefix) node = trie.child(node, w);
      REQUIRE(node != fahras::PhraseTrie::none);
      const auto found = reference.find(prefix);
      const std::set<std::uint32_t> expected = found == reference.end() ? std::set<std::uint32_t>{} : found->second;
      const auto values = trie.values(node);
      CHECK(std::set<std::uint32_t>(values.begin(), values.end()) == expected);
      CHECK(values.size() == expected.size());  // no value twice
      // A word that continues no phrase from here, and a word's neighbours, lead nowhere.
      CHECK(trie.child(node, "لا-شيء") == fahras::PhraseTrie::none);
      CHECK(trie.child(node, "") == fahras::PhraseTrie::none);
    }
    CHECK(trie.child(fahras::PhraseTrie::root, "الرياض ") == fahras::PhraseTrie::none);
    CHECK(trie.child(fahras::PhraseTrie::root, "الريا") == fahras::PhraseTrie::none);
    CHECK(trie.node_count() == prefixes.size() + 1);
  }

  TEST_CASE("Analyzer: a warm analyzer (front cache, emptied cache) analyzes as a fresh one") {
    const std::string text =
        "قال الرئيسُ محمّد بن سلمان في الريـــاض إن iPhoneالجديد وCOVID-19 ﷺ ٢٠١٥ 2015 الاستراتيجيات_المتعددة_الأطراف";
    const auto same = [](const std::vector<fahras::Token>& a, const std::vector<fahras::Token>& b) {
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].begin == b[i].begin);
        CHECK(a[i].end == b[i].end);
        CHECK(a[i].position == b[i].position);
        CHECK(a[i].kind == b[i].kind);
        CHECK(a[i].is_stop == b[i].is_stop);
        CHECK(a[i].normalized == b[i].normalized);
        CHECK(a[i].stem == b[i].stem);
      }
    };
    const auto expected = fahras::Analyzer(fahras::AnalysisProfile{}).analyze(text);
    fahras::Analyzer warm(fahras::AnalysisProfile{});
    // More distinct forms than the cache holds (2^18): it is emptied on the way, and the front
    // table's slots are taken by other forms many times over.
    std::string filler;
    for (std::size_t i = 0; i < 300'000; ++i) {
      std::size_t n = i;
      std::string word = "q";
      do {
        word.push_back(static_cast<char>('a' + n % 26));
        n /= 26;
      } while (n != 0);
      filler += word;
      filler += ' ';
      if (i % 20'000 == 0 || i + 1 == 300'000) {
        // Each filler word (lowercase Latin) is its own normalized form.
        std::size_t wrong = 0;
        for (const fahras::Token& t : warm.analyze(filler)) {
          wrong += t.normalized == filler.substr(t.begin, t.end - t.begin) ? 0 : 1;
        }
        CHECK(wrong == 0);
        filler.clear();
        same(warm.analyze(text), expected);
      }
    }
    same(warm.analyze(text), expected);
  }
}
