#include "fahras/analysis.hpp"
#include "minhash.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using fahras::indexer::MinHash;

namespace {
std::vector<std::string> words(const std::string& text) {
  fahras::Analyzer analyzer;
  std::vector<std::string> out;
  analyzer.analyze(text, [&out](const fahras::TokenView& t) {
    if (!t.is_stop) out.emplace_back(t.normalized);
  });
  return out;
}

const std::string story =
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة خمسمئة سرير، ويضم المستشفى أقساماً "
    "متخصصة في أمراض القلب والأورام وطب الأطفال. وقال المتحدث الرسمي باسم الوزارة إن المشروع يأتي ضمن خطة "
    "لتطوير الخدمات الصحية في المنطقة الغربية، وإن التشغيل الكامل سيبدأ مطلع العام المقبل بعد استكمال تجهيز "
    "غرف العمليات وتدريب الكوادر الطبية والتمريضية على الأنظمة الحديثة.";
}  // namespace

TEST_SUITE("minhash") {
  TEST_CASE("copies are identical, light edits similar, other stories not") {
    const auto a = MinHash::of(words(story));
    CHECK(MinHash::similarity(a, MinHash::of(words(story))) == 1.0);
    const std::string edited = "قالت وزارة الصحة إنها افتتحت " + story.substr(story.find("مستشفى"));
    const double near = MinHash::similarity(a, MinHash::of(words(edited)));
    CHECK(near >= 0.5);
    const auto other = MinHash::of(words("فاز المنتخب الوطني لكرة القدم على منافسه بثلاثة أهداف مقابل هدف في "
                                         "المباراة التي أقيمت مساء أمس على الملعب الدولي وسط حضور جماهيري كبير"));
    CHECK(MinHash::similarity(a, other) < 0.2);
  }

  TEST_CASE("near-duplicates share a band key; the stored form round-trips") {
    const auto a = MinHash::of(words(story));
    const auto b = MinHash::of(words(story + " وأضاف أن الافتتاح الرسمي سيكون الشهر المقبل."));
    const auto ka = MinHash::band_keys(a);
    const auto kb = MinHash::band_keys(b);
    CHECK(ka.size() == MinHash::bands);
    bool shared = false;
    for (std::size_t i = 0; i < ka.size(); ++i) shared = shared || ka[i] == kb[i];
    CHECK(shared);
    MinHash::Signature back{};
    const std::string stored = MinHash::to_bytes(a);
    CHECK(stored.size() == 4 * MinHash::size);
    REQUIRE(MinHash::from_bytes(stored, back));
    CHECK(back == a);
    CHECK_FALSE(MinHash::from_bytes(stored.substr(1), back));
    CHECK_FALSE(MinHash::from_bytes(MinHash::to_hex(a), back));  // the hex form is not stored
  }

  TEST_CASE("signatures are fixed across runs and platforms") {
    // A regression lock: this value was computed once; a change means every stored signature
    // in every database would stop matching new ones.
    const auto s = MinHash::of({"وزارة", "الصحة", "تعلن", "افتتاح"});
    CHECK(MinHash::to_hex(s).substr(0, 16) == "a945bb6b6ff5e4dc");
    CHECK(MinHash::to_bytes(s).substr(0, 4) == "\xa9\x45\xbb\x6b");
  }
}
