#include "light_stemmer.hpp"

#include "gazetteer.hpp"
#include "gazetteer_data.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string>

namespace fahras {

namespace {

// Words (as beginnings) whose first letter is و ف ب or ل of the root, common in news.
// Written for fahras; normalized when the stemmer is made.
constexpr const char* protected_start_list[] = {
    // و
    "وزير", "وزار", "وزراء", "وكال", "وكيل", "ولاي", "واشنطن", "وطن", "وثيق", "وظيف", "وفد", "وفاة",
    "وفيات", "وقف", "وقع", "وقائع", "وضع", "وصل", "وصول", "وصف", "وجه", "وجود", "وجب", "ورد", "ورق",
    "وسط", "وسيل", "وسائل", "وعد", "وعي", "ولد", "ولي", "وحد", "وفق", "وقت", "وزن", "واقع", "واضح",
    "واجه", "وافق", "واصل", "وارد", "وادي", "والد", "والي", "ودي", "وديع", "وليد", "وئام", "وباء",
    "وحش", "وهم", "ورش", "وراث", "وكر", "ولاء", "وداع", "ورث", "وسام", "وسم", "واحد", "واسع", "واجب",
    "وجدت", "وجوه", "وفود", "وقود", "ورود", "وعود", "وحيد", "واصف", "وفره", "وفرت", "ورط",
    // ف
    "فريق", "فرنس", "فلسطين", "فتر", "فكر", "فرص", "فيلم", "فوز", "فصل", "فقط", "فندق", "فعل",
    "فني", "فنا", "فيروس", "فيديو", "فايز", "فهد", "فيصل", "فاطم", "فرع", "فرق", "فقر", "فئ",
    "فوائد", "فائد", "فائز", "فرد", "فقدت", "فور", "فلسف", "فوكس", "فينا", "فتن", "فيلق", "فيمن", "فسح", "فوجء", "فلان", "فطره",
    "فيتو", "فلكي", "فراغ", "فرض", "فساد", "فشل", "فضل", "فضاء", "فاتور", "فتح",
    "فتا", "فتي", "فجر", "فحص", "فخر", "فرح", "فرنك", "فريد", "فضيح", "فلاح", "فنان", "فوضى",
    "فوق", "فيضان", "فيفا", "فهم", "فوائض", "فئات", "فيينا", "فنزويلا", "فيتنام", "فنلندا",
    // ب
    "بلد", "بيت", "بنك", "بيروت", "برنامج", "برامج", "بحث", "بريطان", "بوتين", "بيان", "باب",
    "بطول", "بداي", "بحر", "بيع", "بناء", "بغداد", "برلمان", "بترول", "بورص", "باكستان", "بعث",
    "بدء", "بذل", "برز", "بطاق", "بقاء", "بكر", "بلغ", "بلاغ", "بنو", "بني", "بنت", "بحرين",
    "براء", "برج", "برق", "بريد", "بشر", "بصر", "بطل", "بطال", "بعيد", "بكين", "بلجيك", "بلاد",
    "بلدي", "بنز", "بوابه", "بوليس", "بيئ", "بيئه", "بيانات", "بين", "بيض", "بلاستيك", "برازيل",
    "برلين", "بروكسل", "بنغلاديش", "بورما", "بولند", "بوش", "باريس", "بان", "باسم", "بدر", "بدلا",
    "باتت", "باقي", "بالغ", "بارز", "بارك", "بندر", "برنت", "بليون", "بوست", "بيش", "بحار", "بصم",
    "بضع", "بوكو", "بديل", "بركه", "بهجه", "بقع", "بشعه", "بحت", "بعضه", "بطرس",
    "بابل", "بسطت",
    // ل
    "لبنان", "لجن", "لجان", "لقاء", "لقاءات", "لاعب", "لغ", "لندن", "ليبي", "لحظ", "لون", "ليل",
    "لعب", "لحم", "لائح", "لواء", "لقب", "لوح", "لزم", "لجوء", "لاجئ", "لياق", "ليون", "لوس",
    "لقاح", "لهج", "لطيف", "لمس", "لوجست", "لؤلؤ", "لوائح", "لبن", "لاحق", "لحقت", "لفتت", "لقمه",
    "لقطه", "لقطات", "لفته", "لكن", "لعنه", "لعله", "ليره", "لمحه", "لاهاي", "ليزر", "لطفي",
};

// Nouns and names whose ending looks like a suffix (ان ين ون) but is part of the word.
constexpr const char* keep_whole_list[] = {
    "فلسطين", "بوتين", "حسين", "ياسين", "تشرين", "الله", "الاثنين", "ثلاثين", "كانون", "قانون",
    "لبنان", "برلمان", "سلطان", "عنوان", "ميدان", "ايمان", "انسان", "عثمان", "سليمان", "رمضان",
    "شعبان", "طهران", "عمران", "حيوان", "ديوان", "نيسان", "حزيران", "بيان", "مكان", "زمان",
    "امان", "عمان", "ايران", "سودان", "يونان", "يابان", "اذربيجان", "عدنان", "غسان", "حسان",
    "مهرجان", "بركان", "طوفان", "فيضان", "بستان", "لسان", "جيران", "طيران", "فنان", "ميزان",
    "اعلان", "بيان", "برهان", "ضمان", "احسان", "عرفان", "نسيان", "رهان", "قربان", "سرطان",
    "شيطان", "عنفوان", "سجان", "دكان", "شريان", "جثمان", "كيان", "اردوغان", "مروان", "سفيان",
    "رضوان", "عدوان", "الوان", "ابان", "حرمان", "ربان", "خيزران", "لمعان", "فقدان", "غليان",
    "طغيان", "هذيان", "عصيان", "نقصان", "غفران", "كتمان", "خسران", "جريان", "سريان", "ذوبان",
    // Words whose final alif is no accusative ending: ما joined to a particle, and others.
    "بعدما", "عندما", "بينما", "حينما", "كلما", "مثلما", "حسبما", "طالما", "ربما", "انما", "لاسيما",
    "سيما", "مهما", "فيما", "كيفما", "اينما", "حيثما", "قلما", "ريثما", "عليا", "بابا", "فيلا", "دنيا",
    "وهما",
};

constexpr char32_t alef = U'\u0627';
constexpr char32_t lam = U'\u0644';
constexpr char32_t taa = U'\u062A';
constexpr char32_t haa = U'\u0647';

bool starts_with(std::u32string_view s, std::u32string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::u32string_view s, std::u32string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::u32string normalized(const Normalizer& normalizer, const char* word) {
  NormalizedWord out;
  const std::u32string decoded = utf8::decode_all(word);
  normalizer.normalize(decoded, out);
  return out.full;
}

struct Affix {
  std::u32string_view text;
  std::size_t min_rest;  // letters that must remain
};

// Longest first, so that وال wins over و.
constexpr std::array article_prefixes = {
    Affix{U"\u0648\u0628\u0627\u0644", 3},  // وبال
    Affix{U"\u0648\u0643\u0627\u0644", 3},  // وكال
    Affix{U"\u0641\u0628\u0627\u0644", 3},  // فبال
    Affix{U"\u0641\u0643\u0627\u0644", 3},  // فكال
    Affix{U"\u0648\u0644\u0644", 3},        // ولل
    Affix{U"\u0641\u0644\u0644", 3},        // فلل
    Affix{U"\u0648\u0627\u0644", 3},        // وال
    Affix{U"\u0641\u0627\u0644", 3},        // فال
    Affix{U"\u0628\u0627\u0644", 3},        // بال
    Affix{U"\u0643\u0627\u0644", 3},        // كال
    Affix{U"\u0644\u0644", 3},              // لل
    Affix{U"\u0627\u0644", 2},              // ال
};

constexpr std::array pronoun_suffixes = {
    Affix{U"\u0647\u0645\u0627", 3},  // هما
    Affix{U"\u0643\u0645\u0627", 3},  // كما
    Affix{U"\u0647\u0645", 3},        // هم
    Affix{U"\u0647\u0646", 3},        // هن
    Affix{U"\u0643\u0645", 3},        // كم
    Affix{U"\u0647\u0627", 3},        // ها
};

constexpr std::u32string_view suffix_an = U"\u0627\u0646";  // ان
constexpr std::array word_suffixes = {
    Affix{U"\u0627\u062A", 3},  // ات
    Affix{U"\u0648\u0646", 4},  // ون
    Affix{U"\u064A\u0646", 4},  // ين
    Affix{suffix_an, 4},        // ان
    Affix{U"\u064A\u0647", 3},  // يه (ية)
    Affix{U"\u0647", 3},        // ه (ة, or the pronoun)
    Affix{U"\u064A", 3},        // ي
};

constexpr std::u32string_view stan = U"\u0633\u062A\u0627\u0646";  // ستان

// Suffixes a protected word may carry and still be itself (وجوده, بابها, واحدة).
constexpr std::array<std::u32string_view, 6> protected_word_suffixes = {
    U"\u0647",        // ه
    U"\u0647\u0627",  // ها
    U"\u0647\u0645",  // هم
    U"\u064A",        // ي
    U"\u064A\u0647",  // يه
    U"\u0627\u062A",  // ات
};

constexpr char32_t waw = U'\u0648';
constexpr char32_t yaa = U'\u064A';
constexpr char32_t noon = U'\u0646';

bool long_vowel(char32_t c) { return c == alef || c == waw || c == yaa; }

/** The one-word names and aliases of the gazetteer, normalized: the words a clitic is taken
 *  from whatever their length, and whose final alif is no accusative ending. */
struct CliticNames {
  CliticNames(std::span<const EntityDataFile> files, const AnalysisProfile& profile) {
    const Normalizer normalizer(profile.hamza_carriers);
    for (const EntityDataFile& file : files) {
      if (!is_gazetteer_file(file.name)) continue;
      for (const std::string_view line : file.lines) {
        const GazetteerLine parsed = parse_gazetteer_line(line);
        if (!parsed.entry) continue;
        for (const GazetteerAlias& alias : parsed.entry->aliases) {
          const std::string full = normalizer.full(alias.text);
          if (full.find(' ') == std::string::npos) words.insert(utf8::decode_all(full));
        }
      }
    }
  }
  std::unordered_set<std::u32string> words;
};

const std::unordered_set<std::u32string>& clitic_names(HamzaCarriers hamza) {
  return shared_entity_data<CliticNames>(AnalysisProfile{StemmerKind::Light, hamza}).words;
}

}  // namespace

LightStemmer::LightStemmer(const Normalizer& normalizer, const StopList& stop_list)
    : stop_list_(stop_list), names_(clitic_names(normalizer.hamza_carriers())) {
  for (const char* w : protected_start_list) protected_starts_.push_back(normalized(normalizer, w));
  std::sort(protected_starts_.begin(), protected_starts_.end());
  protected_starts_.erase(std::unique(protected_starts_.begin(), protected_starts_.end()), protected_starts_.end());
  for (const char* w : keep_whole_list) keep_whole_.insert(normalized(normalizer, w));
}

bool LightStemmer::protected_start(std::u32string_view rest) const {
  // protected_starts_ is sorted: the candidates that could be a prefix of `rest` sort
  // at or before it.
  auto it = std::upper_bound(protected_starts_.begin(), protected_starts_.end(), rest,
                             [](std::u32string_view r, const std::u32string& p) { return r < p; });
  while (it != protected_starts_.begin()) {
    --it;
    if (starts_with(rest, *it)) return true;
    if (it->empty() || (*it)[0] != rest[0]) break;
  }
  return false;
}

bool LightStemmer::protected_word(std::u32string_view word) const {
  const auto listed = [this](std::u32string_view w) {
    return std::binary_search(protected_starts_.begin(), protected_starts_.end(), w,
                              [](std::u32string_view a, std::u32string_view b) { return a < b; });
  };
  if (listed(word) || keep_whole_.count(std::u32string(word)) != 0) return true;
  return std::any_of(protected_word_suffixes.begin(), protected_word_suffixes.end(), [&](std::u32string_view suffix) {
    return ends_with(word, suffix) && listed(word.substr(0, word.size() - suffix.size()));
  });
}

bool LightStemmer::is_name(std::u32string_view word) const { return names_.count(std::u32string(word)) != 0; }

bool LightStemmer::strips_clitic(std::u32string_view w) const {
  const std::u32string_view rest = w.substr(1);
  if (rest[0] == lam && w[0] == lam) return false;  // للحج is ل + الحج, not ل + لحج
  if (is_name(w)) return false;                     // ليفربول, بيروت
  // A name or a stop word after the letter: وداعش, وعدن, بحمص, وهما, واذا.
  if (rest.size() >= 3 && (is_name(rest) || (is_stop_word(rest) && !protected_start(w))) && !protected_word(w)) {
    return true;
  }
  if (w.size() >= 5) return !protected_start(w);
  // Three letters would remain: a long vowel in the middle makes فعال فعول فعيل (وعود، بحار،
  // وسام), an alif after the letter makes فاعل (واحد، باقي); a final alif may be the
  // accusative, leaving two (بعضا).
  // و or ي after ب ل ف more often begins a foreign name (بولي، بيكر، فيتو، لوري) than a word,
  // but for ل + a verb (ليجد).
  if (w.size() != 4 || w[1] == alef || long_vowel(w[2]) || w[3] == alef) return false;
  if (w[0] != waw && (w[1] == waw || (w[1] == yaa && w[0] != lam))) return false;
  return !protected_start(w) && !is_stop_word(w);
}

bool LightStemmer::accusative_alif(std::u32string_view w, std::u32string_view word) const {
  if (w.size() < 4 || w.back() != alef) return false;
  const char32_t before = w[w.size() - 2];
  // قالوا, بلادنا, كلها (ها too short to be taken as a pronoun), ...اا
  if (before == waw || before == noon || before == haa || before == alef) return false;
  if (before == yaa && w[w.size() - 3] == alef) return false;  // قضايا
  if (is_name(w) || is_name(word) || keep_whole_.count(std::u32string(w)) != 0) return false;
  return !is_stop_word(w) && !is_stop_word(word);
}

bool LightStemmer::is_stop_word(std::u32string_view stem) const {
  std::string form;
  utf8::append(form, stem);
  return stop_list_.contains_full_form(form);
}

void LightStemmer::stem(std::u32string_view word, std::u32string& out) {
  std::u32string_view w = word;
  if (w.size() < 3 || keep_whole_.count(std::u32string(w)) != 0) {
    out.assign(word);
    return;
  }

  // 1. The article and the particles attached to it.
  bool had_article = false;
  for (const Affix& prefix : article_prefixes) {
    if (starts_with(w, prefix.text) && w.size() >= prefix.text.size() + prefix.min_rest) {
      w.remove_prefix(prefix.text.size());
      had_article = true;
      break;
    }
  }
  if (had_article) {
    // A word that began with hamza + lam (إلغاء، التزام) lost its hamza to normalization and
    // now looks like it has an article: strip it the same way with or without the article.
    while (w.size() >= 5 && w[0] == alef && w[1] == lam) w.remove_prefix(2);
  } else {
    // 2. Conjunction, then preposition, each guarded.
    constexpr std::u32string_view conjunctions = U"\u0648\u0641";  // و ف
    // ك (as, like) alone is rare before a bare noun and common as a first root letter (كاظمي).
    constexpr std::u32string_view prepositions = U"\u0628\u0644";  // ب ل
    for (const std::u32string_view letters : {conjunctions, prepositions}) {
      if (w.size() >= 4 && letters.find(w[0]) != std::u32string_view::npos && strips_clitic(w)) {
        w.remove_prefix(1);
      }
    }
    // و/ف before an article: وللمرة has been handled by ولل; والكتاب by وال.
  }

  std::u32string stem(w);

  // 3. One pronoun suffix, or else the accusative alif.
  bool had_pronoun = false;
  for (const Affix& suffix : pronoun_suffixes) {
    if (ends_with(stem, suffix.text) && stem.size() >= suffix.text.size() + suffix.min_rest) {
      stem.resize(stem.size() - suffix.text.size());
      // ة is written ت before a suffix: حكومتها is حكومة + ها.
      if (stem.size() >= 4 && stem.back() == taa && !ends_with(stem, U"\u0627\u062A")) stem.back() = haa;
      had_pronoun = true;
      break;
    }
  }
  if (!had_pronoun && accusative_alif(stem, word)) stem.pop_back();

  // 4. Up to three word suffixes.
  for (int round = 0; round < 3; ++round) {
    bool stripped = false;
    for (const Affix& suffix : word_suffixes) {
      if (!ends_with(stem, suffix.text) || stem.size() < suffix.text.size() + suffix.min_rest) continue;
      if (keep_whole_.count(stem) != 0 || (suffix.text == suffix_an && ends_with(stem, stan))) continue;
      if (is_stop_word(std::u32string_view(stem).substr(0, stem.size() - suffix.text.size()))) continue;
      stem.resize(stem.size() - suffix.text.size());
      stripped = true;
      break;
    }
    if (!stripped) break;
  }
  out = std::move(stem);
}

}  // namespace fahras
