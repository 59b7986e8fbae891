#include "fahras/schema.hpp"

#include <stdexcept>
#include <string>

namespace fahras::schema {

const Field& field(std::string_view name) {
  for (const Field& f : fields) {
    if (f.name == name) return f;
  }
  throw std::out_of_range("fahras schema: no field named '" + std::string(name) + "'");
}

}  // namespace fahras::schema
