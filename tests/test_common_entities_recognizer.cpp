// Entity mentions in text: the gazetteer pass, each contextual rule family, and the CoNLL tagger.
#include "fahras/entities.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace {

// "span=type:id" for each mention, joined by " | ": the span is the text's own bytes.
std::string tagged(const std::string& text, fahras::EntityRules rules = {}) {
  fahras::EntityRecognizer recognizer({}, rules);
  std::string out;
  for (const auto& m : recognizer.find(text)) {
    if (!out.empty()) out += " | ";
    out += text.substr(m.begin, m.end - m.begin) + "=" + std::string(fahras::to_string(m.type)) + ":" + m.id;
  }
  return out;
}

fahras::EntityRules only(bool fahras::EntityRules::*family) {
  fahras::EntityRules rules = fahras::EntityRules::gazetteer_only();
  rules.gazetteer = false;
  rules.*family = true;
  return rules;
}

std::string tag_conll(const std::string& input) {
  fahras::EntityRecognizer recognizer;
  std::istringstream in(input);
  std::ostringstream out;
  fahras::tag_conll(in, out, recognizer);
  return out.str();
}

}  // namespace

TEST_SUITE("entities") {
  TEST_CASE("gazetteer: clitics on the first word, spans of whole tokens, positions") {
    fahras::EntityRecognizer recognizer;
    const std::string text = "وصل فلاديمير بوتين إلى الرياض، ثم التقى لبوتين وبالرياض وللرياض";
    const auto mentions = recognizer.find(text);
    REQUIRE(mentions.size() == 5);
    CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) == "فلاديمير بوتين");
    CHECK(mentions[0].first_position == 1);
    CHECK(mentions[0].last_position == 2);
    CHECK(mentions[0].id == "vladimir-putin");
    CHECK(mentions[0].name == "فلاديمير بوتين");
    CHECK(mentions[0].from_gazetteer);
    CHECK(mentions[1].id == "riyadh");
    CHECK(mentions[1].type == fahras::EntityType::Location);
    CHECK(mentions[2].id == "vladimir-putin");
    CHECK(text.substr(mentions[2].begin, mentions[2].end - mentions[2].begin) == "لبوتين");
    CHECK(mentions[3].id == "riyadh");
    CHECK(mentions[4].id == "riyadh");
  }

  TEST_CASE("gazetteer: the longest alias wins, and spelling variants meet") {
    const auto rules = fahras::EntityRules::gazetteer_only();
    CHECK(tagged("زار الولايات المتحدة الأمريكية", rules) == "الولايات المتحدة الأمريكية=place:usa");
    CHECK(tagged("بيان مجلس التعاون لدول الخليج العربية", rules) == "مجلس التعاون لدول الخليج العربية=org:gcc");
    CHECK(tagged("قال ترمب ثم قال ترامب", rules) == "ترمب=person:donald-trump | ترامب=person:donald-trump");
    CHECK(tagged("مقاتلو داعش وتنظيم الدولة", rules) == "داعش=org:isis | وتنظيم الدولة=org:isis");
    CHECK(tagged("في إسرائيل واسرائيل", rules) == "إسرائيل=place:israel | واسرائيل=place:israel");
    // No name runs across punctuation.
    CHECK(tagged("بشار، الأسد", rules).empty());
  }

  TEST_CASE("gazetteer: a descriptor opening an alias stays out of the mention") {
    const auto rules = fahras::EntityRules::gazetteer_only();
    CHECK(tagged("أعلنت حركة حماس", rules) == "حماس=org:hamas");
    CHECK(tagged("في مدينة الرياض", rules) == "الرياض=place:riyadh");
  }

  TEST_CASE("ambiguous aliases need a cue or a plain mention in the same text") {
    const auto rules = fahras::EntityRules::gazetteer_only();
    // الهلال: the crescent, unless a club cue comes before it.
    CHECK(tagged("رؤية الهلال مساء اليوم", rules).empty());
    CHECK(tagged("فاز فريق الهلال على ضيفه", rules) == "الهلال=org:al-hilal");
    CHECK(tagged("مدرب الهلال", rules) == "الهلال=org:al-hilal");
    CHECK(tagged("نادي الهلال", rules) == "الهلال=org:al-hilal");
    // الرياض is the city; the newspaper only after صحيفة or جريدة.
    CHECK(tagged("ذكرت صحيفة الرياض", rules) == "الرياض=org:al-riyadh-newspaper");
    CHECK(tagged("وصل إلى الرياض", rules) == "الرياض=place:riyadh");
    // الأسد: the lion, unless the text names Bashar al-Assad plainly, or a title comes before.
    CHECK(tagged("زئير الأسد في الغابة", rules).empty());
    CHECK(tagged("قال بشار الأسد إن الأسد", rules) == "بشار الأسد=person:bashar-al-assad | الأسد=person:bashar-al-assad");
    CHECK(tagged("استقبل الرئيس عباس", rules) == "عباس=person:mahmoud-abbas");
    CHECK(tagged("مات عباس", rules).empty());
  }

  TEST_CASE("rule family: titles") {
    const auto rules = only(&fahras::EntityRules::titles);
    CHECK(tagged("وقال الرئيس الأمريكي جورج بوش", rules) == "جورج بوش=person:jwrj-bwsh");
    CHECK(tagged("أكد وزير الخارجية الأردني ناصر جودة", rules) == "ناصر جودة=person:nasr-jwdh");
    CHECK(tagged("قال المتحدث باسم الوزارة مارك تونر إن", rules) == "مارك تونر=person:mark-twnr");
    CHECK(tagged("التقى الأمير محمد بن سلمان", rules) == "محمد بن سلمان=person:mhmd-bn-slman");
    CHECK(tagged("وقال الدكتور بشار الأسد", rules) == "بشار الأسد=person:bshar-alasd");
    // No name after the title: a stop word, a verb of saying, tanween, a construct complement.
    CHECK(tagged("قال الرئيس إن", rules).empty());
    CHECK(tagged("وصل الرئيس قال", rules).empty());
    CHECK(tagged("لم يحرك الملك ساكناً", rules).empty());
    CHECK(tagged("قال حارس مرمى المنتخب", rules).empty());
    CHECK(tagged("قال الرئيس، بوش", rules).empty());
  }

  TEST_CASE("rule family: given names") {
    const auto rules = only(&fahras::EntityRules::given_names);
    CHECK(tagged("وصل محمد بن سلمان", rules) == "محمد بن سلمان=person:mhmd-bn-slman");
    CHECK(tagged("وقال أحمد الجبير", rules) == "أحمد الجبير=person:ahmd-aljbyr");
    CHECK(tagged("وقال ومحمد حسني مبارك", rules) == "ومحمد حسني مبارك=person:mhmd-hsny-mbark");
    // A first name alone, a weak one (أمل: hope) or one before a verb is not enough.
    CHECK(tagged("جاء محمد", rules).empty());
    CHECK(tagged("أمل كبير", rules).empty());
    CHECK(tagged("محمد قال", rules).empty());
    // وغادة starts another person: the first name stops before it.
    CHECK(tagged("غادة عادل وياسمين عبد العزيز", rules) == "غادة عادل=person:ghadh-aadl | وياسمين عبد العزيز=person:yasmyn-abd-alazyz");
  }

  TEST_CASE("rule family: organization cues and heads") {
    CHECK(tagged("أعلنت شركة مايكروسوفت", only(&fahras::EntityRules::org_cues)) == "مايكروسوفت=org:maykrwswft");
    CHECK(tagged("قناة للتفاوض", only(&fahras::EntityRules::org_cues)).empty());
    const auto heads = only(&fahras::EntityRules::org_heads);
    CHECK(tagged("فاز حزب العمال", heads) == "حزب العمال=org:hzb-alamal");
    CHECK(tagged("أعلن اتحاد صناعة السيارات", heads) == "اتحاد صناعة السيارات=org:athad-snaah-alsyarat");
    CHECK(tagged("قالت الهيئة العامة للإحصاء اليوم", heads) == "الهيئة العامة للإحصاء=org:alhyh-alaamh-llahsa");
    CHECK(tagged("قال البنك بالإصلاحات", heads).empty());
    const auto government = only(&fahras::EntityRules::government_bodies);
    CHECK(tagged("بيان وزارة الخارجية الأردنية أمس", government) == "وزارة الخارجية الأردنية=org:wzarh-alkharjyh-alardnyh");
  }

  TEST_CASE("rule family: place cues") {
    const auto rules = only(&fahras::EntityRules::place_cues);
    CHECK(tagged("في مدينة حلب", rules) == "حلب=place:hlb");
    CHECK(tagged("في قرية بيت ساحور", rules) == "بيت ساحور=place:byt-sahwr");
    // An adjective in -ية, or a cue with the article, is followed by no name.
    CHECK(tagged("منطقة صناعية", rules).empty());
    CHECK(tagged("المدينة القديمة", rules).empty());
  }

  TEST_CASE("rule family: discourse") {
    fahras::EntityRules rules = only(&fahras::EntityRules::titles);
    rules.discourse = true;
    CHECK(tagged("قال الرئيس جون كيري إن كيري ولكيري", rules) ==
          "جون كيري=person:jwn-kyry | كيري=person:jwn-kyry | ولكيري=person:jwn-kyry");
    CHECK(tagged("قال الرئيس جون كيري إن كيري", only(&fahras::EntityRules::titles)) == "جون كيري=person:jwn-kyry");
  }

  TEST_CASE("a name found by a rule is shown as the text writes it, without its clitics") {
    fahras::EntityRecognizer recognizer;
    const auto name_of = [&recognizer](const std::string& text) {
      const auto mentions = recognizer.find(text);
      return mentions.empty() ? std::string("(none)") : mentions.back().name;
    };
    // Hamza, ة, ى and diacritics as written, not normalized (الوءام, المملكه).
    CHECK(name_of("افتتح في مدينة الوئام الجديدة") == "الوئام");
    CHECK(name_of("وصل إلى قرية المملكة") == "المملكة");
    CHECK(name_of("وقال المدير التنفيذي جورج زُهَيري") == "جورج زُهَيري");
    CHECK(name_of("أعلنت شركة مُصطفى أمس") == "مُصطفى");
    // Clitics of the first word go, and their marks with them; لل+X is shown as الX.
    CHECK(name_of("وقال ومحمد حسني مبارك") == "محمد حسني مبارك");
    CHECK(name_of("قال الرئيس جون كيري إن وَلِكيري رأيا") == "جون كيري");  // the full name's entity
    CHECK(name_of("التقى الرئيس جون كيري ثم قال لِكيري") == "جون كيري");
    // White space inside a name is one space.
    CHECK(name_of("وقال المدير التنفيذي جورج   زهيري") == "جورج زهيري");
  }

  TEST_CASE("a currency is no place: منطقة اليورو names no place called اليورو") {
    CHECK(tagged("أزمة الديون في منطقة اليورو") == "");
    CHECK(tagged("تراجع اليورو أمام الدولار في منطقة اليورو وفي مدينة حلب") == "حلب=place:aleppo");
  }

  TEST_CASE("rules do not override the gazetteer, and mentions never overlap") {
    fahras::EntityRecognizer recognizer;
    const auto mentions = recognizer.find("قال الرئيس الروسي فلاديمير بوتين في موسكو لوزير الخارجية سيرغي لافروف");
    REQUIRE(mentions.size() == 3);
    CHECK(mentions[0].id == "vladimir-putin");
    CHECK(mentions[1].id == "moscow");
    CHECK(mentions[2].id == "sergey-lavrov");
    for (std::size_t i = 1; i < mentions.size(); ++i) CHECK(mentions[i - 1].end <= mentions[i].begin);
  }

  TEST_CASE("the CoNLL tagger keeps lines, tags in BIO, ends sentences") {
    const std::string output = tag_conll(
        "قال O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n.\n"
        "وزار\nالولايات\nالمتحدة\n\n\nحزب B-ORG\n");
    CHECK(output ==
          "قال O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n. O\n"
          "وزار O\nالولايات B-LOC\nالمتحدة I-LOC\n\n\nحزب O\n");
    // Sentences are separate texts: a name does not run from one into the next.
    CHECK(tag_conll("فلاديمير\n.\nبوتين\n") == "فلاديمير O\n. O\nبوتين B-PERS\n");
    CHECK(tag_conll("").empty());
  }
}

TEST_SUITE("entities") {
  TEST_CASE("an organization after a cue absorbs the places of its name, without overlap") {
    fahras::EntityRules rules = fahras::EntityRules::gazetteer_only();
    rules.org_cues = true;
    fahras::EntityRecognizer recognizer({}, rules);
    // The cue's name: a definite word, and the place the gazetteer finds after it, absorbed.
    const auto spans = [](const std::string& text, const std::vector<fahras::EntityMention>& mentions) {
      std::vector<std::string> out;
      for (const auto& m : mentions) {
        out.push_back(text.substr(m.begin, m.end - m.begin) + ":" + std::string(fahras::to_string(m.type)) + ":" + m.id);
      }
      return out;
    };
    const std::string cement = "أعلنت شركة الأسمنت السعودية أرباحها";
    fahras::EntityRecognizer places_only({}, fahras::EntityRules::gazetteer_only());
    CHECK(spans(cement, places_only.find(cement)) == std::vector<std::string>{"السعودية:place:saudi-arabia"});
    CHECK(spans(cement, recognizer.find(cement)) == std::vector<std::string>{"الأسمنت السعودية:org:alasmnt-alsawdyh"});
    const std::string shipping = "قالت شركة الملاحة الكويت إن";
    CHECK(spans(shipping, recognizer.find(shipping)) == std::vector<std::string>{"الملاحة الكويت:org:almlahh-alkwyt"});
    // The gazetteer's own organization stays whole; a place joined by و is not part of its name.
    const std::string airline = "أعلنت شركة الخطوط الجوية القطرية والسعودية";
    CHECK(spans(airline, recognizer.find(airline)) ==
          std::vector<std::string>{"الخطوط الجوية القطرية:org:qatar-airways", "والسعودية:place:saudi-arabia"});
  }
}

TEST_SUITE("entities") {
  TEST_CASE("what a recognizer finds does not depend on the texts it saw before") {
    // A one-letter word after a cue ("تنظيم د اعش", a word split by the crawl) once took the
    // name left over from an earlier text.
    const std::string split = "وقالت إن تنظيم د اعش انسحب";
    fahras::EntityRecognizer fresh;
    const auto alone = fresh.find(split);
    fahras::EntityRecognizer used;
    (void)used.find("أعلن حزب الحملة الوطنية وحركة الشباب الديمقراطي بيانا");
    const auto after = used.find(split);
    REQUIRE(after.size() == alone.size());
    for (std::size_t i = 0; i < alone.size(); ++i) {
      CHECK(after[i].id == alone[i].id);
      CHECK(after[i].name == alone[i].name);
    }
    for (const auto& m : alone) CHECK(split.substr(m.begin, m.end - m.begin) != "د");
  }

  TEST_CASE("every sample text gives the same mentions whatever the recognizer read before") {
    // The indexer's workers each keep a recognizer and take documents in whatever order the
    // threads reach them: what one text gives must not depend on the texts before it.
    std::vector<std::string> texts = fahras::test::sample_texts();
    REQUIRE(texts.size() >= 60);
    const auto describe = [](fahras::EntityRecognizer& recognizer, const std::string& text) {
      std::string out;
      for (const auto& m : recognizer.find(text)) {
        out += std::to_string(m.begin) + "-" + std::to_string(m.end) + ":" + std::string(fahras::to_string(m.type)) +
               ":" + m.id + ":" + m.name + "|";
      }
      return out;
    };
    fahras::EntityRecognizer forward;
    std::vector<std::string> in_order;
    std::size_t mentions = 0;
    for (const std::string& text : texts) {
      in_order.push_back(describe(forward, text));
      mentions += static_cast<std::size_t>(std::count(in_order.back().begin(), in_order.back().end(), '|'));
    }
    CHECK(mentions > 100);
    fahras::EntityRecognizer backward;
    for (std::size_t i = texts.size(); i-- > 0;) {
      INFO("sample text " << i);
      CHECK(describe(backward, texts[i]) == in_order[i]);
    }
  }

  TEST_CASE("find with the caller's own analysis equals find") {
    fahras::EntityRecognizer recognizer;
    fahras::Analyzer analyzer;
    const std::string text = "التقى الرئيس فلاديمير بوتين وزير الخارجية الأمريكي جون كيري في موسكو، وقال كيري إن";
    std::size_t tokens = 0;
    const auto shared = recognizer.find(text, [&](const fahras::EntityRecognizer::TokenSink& sink) {
      analyzer.analyze(text, [&](const fahras::TokenView& t) {
        ++tokens;
        sink(t);
      });
    });
    const auto own = recognizer.find(text);
    CHECK(tokens > 10);
    REQUIRE(shared.size() == own.size());
    REQUIRE(own.size() >= 3);
    for (std::size_t i = 0; i < own.size(); ++i) {
      CHECK(shared[i].id == own[i].id);
      CHECK(shared[i].begin == own[i].begin);
      CHECK(shared[i].end == own[i].end);
      CHECK(shared[i].first_position == own[i].first_position);
    }
  }
}
