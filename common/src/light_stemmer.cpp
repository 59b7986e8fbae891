#include "light_stemmer.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <array>

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
    "وحش", "وهم", "ورش", "وراث", "وكر", "ولاء", "وداع", "ورث", "وسام", "وسم",
    // ف
    "فريق", "فرنس", "فلسطين", "فتر", "فكر", "فرص", "فيلم", "فوز", "فصل", "فقط", "فندق", "فعل",
    "فني", "فنا", "فيروس", "فيديو", "فايز", "فهد", "فيصل", "فاطم", "فرع", "فرق", "فقر", "فئ",
    "فوائد", "فائد", "فائز", "فرد", "فراغ", "فرض", "فساد", "فشل", "فضل", "فضاء", "فاتور", "فتح",
    "فتا", "فتي", "فجر", "فحص", "فخر", "فرح", "فرنك", "فريد", "فضيح", "فلاح", "فنان", "فوضى",
    "فوق", "فيضان", "فيفا", "فهم", "فوائض", "فئات", "فيينا", "فنزويلا", "فيتنام", "فنلندا",
    // ب
    "بلد", "بيت", "بنك", "بيروت", "برنامج", "برامج", "بحث", "بريطان", "بوتين", "بيان", "باب",
    "بطول", "بداي", "بحر", "بيع", "بناء", "بغداد", "برلمان", "بترول", "بورص", "باكستان", "بعث",
    "بدء", "بذل", "برز", "بطاق", "بقاء", "بكر", "بلغ", "بلاغ", "بنو", "بني", "بنت", "بحرين",
    "براء", "برج", "برق", "بريد", "بشر", "بصر", "بطل", "بطال", "بعيد", "بكين", "بلجيك", "بلاد",
    "بلدي", "بنز", "بوابه", "بوليس", "بيئ", "بيئه", "بيانات", "بين", "بيض", "بلاستيك", "برازيل",
    "برلين", "بروكسل", "بنغلاديش", "بورما", "بولند", "بوش", "باريس", "بان", "باسم", "بدر",
    // ل
    "لبنان", "لجن", "لجان", "لقاء", "لقاءات", "لاعب", "لغ", "لندن", "ليبي", "لحظ", "لون", "ليل",
    "لعب", "لحم", "لائح", "لواء", "لقب", "لوح", "لزم", "لجوء", "لاجئ", "لياق", "ليون", "لوس",
    "لقاح", "لهج", "لطيف", "لمس", "لوجست", "لؤلؤ", "لوائح", "لبن",
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

}  // namespace

LightStemmer::LightStemmer(const Normalizer& normalizer, const StopList& stop_list) : stop_list_(stop_list) {
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
    constexpr std::u32string_view conjunctions = U"\u0648\u0641";        // و ف
    // ك (as, like) alone is rare before a bare noun and common as a first root letter (كاظمي).
    constexpr std::u32string_view prepositions = U"\u0628\u0644";  // ب ل
    for (const std::u32string_view letters : {conjunctions, prepositions}) {
      if (w.size() >= 5 && letters.find(w[0]) != std::u32string_view::npos && !protected_start(w)) {
        w.remove_prefix(1);
      }
    }
    // و/ف before an article: وللمرة has been handled by ولل; والكتاب by وال.
  }

  std::u32string stem(w);

  // 3. One pronoun suffix.
  for (const Affix& suffix : pronoun_suffixes) {
    if (ends_with(stem, suffix.text) && stem.size() >= suffix.text.size() + suffix.min_rest) {
      stem.resize(stem.size() - suffix.text.size());
      // ة is written ت before a suffix: حكومتها is حكومة + ها.
      if (stem.size() >= 4 && stem.back() == taa && !ends_with(stem, U"\u0627\u062A")) stem.back() = haa;
      break;
    }
  }

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
