#include "stemmer.hpp"

#include "light_stemmer.hpp"
#include "utf8.hpp"

#include <xapian.h>

namespace fahras {

namespace {

class NoStemmer final : public Stemmer {
public:
  void stem(std::u32string_view word, std::u32string& out) override { out.assign(word); }
};

// Xapian's Snowball "arabic" stemmer, fed our normalized form.
class SnowballStemmer final : public Stemmer {
public:
  void stem(std::u32string_view word, std::u32string& out) override {
    utf8_.clear();
    utf8::append(utf8_, word);
    out = utf8::decode_all(stemmer_(utf8_));
  }

private:
  Xapian::Stem stemmer_{"arabic"};
  std::string utf8_;
};

}  // namespace

std::unique_ptr<Stemmer> make_stemmer(StemmerKind kind, const Normalizer& normalizer, const StopList& stop_list) {
  switch (kind) {
    case StemmerKind::None:
      return std::make_unique<NoStemmer>();
    case StemmerKind::Snowball:
      return std::make_unique<SnowballStemmer>();
    case StemmerKind::Light:
      break;
  }
  return std::make_unique<LightStemmer>(normalizer, stop_list);
}

}  // namespace fahras
