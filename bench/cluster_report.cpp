// Near-duplicate clusters of a fahras database: how many, how large, and a sample to read.
//
//   cluster_report DB [--sample N]
#include "fahras/schema.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: cluster_report DB [--sample N]\n");
    return 2;
  }
  const int sample = argc == 4 ? std::atoi(argv[3]) : 10;
  Xapian::Database db(argv[1]);
  const auto key_slot = fahras::schema::slot_number(fahras::schema::Slot::ClusterKey);
  std::map<std::string, std::vector<Xapian::docid>> clusters;
  for (auto it = db.valuestream_begin(key_slot); it != db.valuestream_end(key_slot); ++it) {
    clusters[*it].push_back(it.get_docid());
  }
  std::map<std::size_t, std::size_t> sizes;
  std::vector<const std::vector<Xapian::docid>*> multi;
  std::size_t in_multi = 0;
  for (const auto& [key, members] : clusters) {
    ++sizes[members.size()];
    if (members.size() > 1) {
      multi.push_back(&members);
      in_multi += members.size();
    }
  }
  std::printf("%u documents, %zu clusters, %zu with more than one member (%zu documents)\n", db.get_doccount(),
              clusters.size(), multi.size(), in_multi);
  std::printf("cluster size: count\n");
  for (const auto& [size, count] : sizes) std::printf("  %4zu: %zu\n", size, count);
  std::mt19937 random(42);
  std::shuffle(multi.begin(), multi.end(), random);
  for (int i = 0; i < sample && i < static_cast<int>(multi.size()); ++i) {
    std::printf("\ncluster %d (%zu members)\n", i + 1, multi[i]->size());
    for (std::size_t k = 0; k < multi[i]->size() && k < 5; ++k) {
      const auto data = nlohmann::json::parse(db.get_document((*multi[i])[k]).get_data());
      std::string body = data.value("body", "");
      std::size_t cut = std::min<std::size_t>(body.size(), 150);
      while (cut > 0 && cut < body.size() && (static_cast<unsigned char>(body[cut]) & 0xC0U) == 0x80U) --cut;
      body.resize(cut);  // the beginning, cut at a character boundary
      for (char& c : body) {
        if (c == '\n') c = ' ';
      }
      std::printf("  [%s] %s\n      %s\n      %s\n", data.value("source", "").c_str(), data.value("title", "").c_str(),
                  data.value("url", "").c_str(), body.c_str());
    }
  }
  return 0;
}
