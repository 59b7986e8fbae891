// fahras-embed: search a fahras database from a program of your own. Prints each hit's id and
// title, one a line. Build: see CMakeLists.txt, or with pkg-config:
//   g++ -std=c++20 main.cpp $(pkg-config --cflags --libs fahras) -o fahras-embed
#include <fahras/query.hpp>
#include <fahras/version.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fahras-embed DATABASE WORD   (fahras " << fahras::version << ")\n";
    return 2;
  }
  try {
    fahras::Searcher searcher(argv[1]);
    fahras::SearchRequest request;
    request.text = argv[2];
    request.limit = 5;
    const fahras::SearchResponse response = searcher.search(request);
    for (const fahras::SearchHit& hit : response.hits) std::cout << hit.id << '\t' << hit.title << '\n';
    return response.hits.empty() ? 1 : 0;
  } catch (const fahras::QueryError& e) {  // a bad query, a missing database
    std::cerr << "fahras-embed: " << e.what() << '\n';
    return 2;
  }
}
