// fahras-web's routes: the JSON endpoints, the search page, errors as JSON, the access log.
#pragma once

#include "web_backend.hpp"

namespace httplib {
class Server;
}

namespace fahras::web {

struct ServerSettings {
  double time_limit_ms = 0;  ///< the default and most a search may take (0: none)
};

/** Sets up every route of `server` on `backend`, the error and exception handlers (JSON, no
 *  internals) and one access-log line a request on standard error. */
void install_routes(httplib::Server& server, Backend& backend, const ServerSettings& settings);

/** The search page (HTML, CSS and script in one), with `nonce` for its inline script and style. */
std::string search_page(const std::string& nonce);

}  // namespace fahras::web
