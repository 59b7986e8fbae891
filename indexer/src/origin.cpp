#include "raw_record.hpp"

namespace fahras::indexer {

std::string to_string(const Origin& origin) {
  std::string out = origin.file;
  if (!origin.member.empty()) out.append(":").append(origin.member);
  if (origin.line != 0) out.append(":").append(std::to_string(origin.line));
  return out;
}

}  // namespace fahras::indexer
