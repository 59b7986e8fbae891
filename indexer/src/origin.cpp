#include "raw_record.hpp"

namespace fahras::indexer {

std::string to_string(const Origin& origin) {
  std::string out = origin.file;
  if (!origin.member.empty()) out += ":" + origin.member;
  if (origin.line != 0) out += ":" + std::to_string(origin.line);
  return out;
}

}  // namespace fahras::indexer
