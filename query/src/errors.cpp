// The query library's exceptions (declared in fahras/query.hpp).
#include "fahras/query.hpp"

namespace fahras {

QuerySyntaxError::QuerySyntaxError(const std::string& message, std::string fragment, std::size_t offset)
    : QueryError(message), fragment_(std::move(fragment)), offset_(offset) {}

}  // namespace fahras
