#include "web_server.hpp"

#include "web_params.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>
#include <string>

namespace fahras::web {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* json_type = "application/json; charset=utf-8";

std::string dump(const Json& json) { return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::mutex& log_mutex() {
  static std::mutex mutex;
  return mutex;
}

/** One line on standard error, whole even when threads log at once. */
void log_line(const std::string& line) {
  const std::lock_guard lock(log_mutex());
  std::fputs(line.c_str(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

/** Printable ASCII as is, every other byte as \xNN: a path in the log cannot forge a line. */
std::string loggable(const std::string& text) {
  std::string out;
  constexpr std::size_t most = 300;
  for (const char c : text.substr(0, most)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20U && byte < 0x7FU && c != '\\') {
      out += c;
    } else {
      constexpr const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[byte >> 4U];
      out += hex[byte & 0xFU];
    }
  }
  if (text.size() > most) out += "...";
  return out;
}

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, json_type);
}

void send_error(httplib::Response& res, int status, const std::string& message, const std::string* parameter = nullptr) {
  Json json{{"error", message}};
  if (parameter != nullptr) json["parameter"] = *parameter;
  send_json(res, status, dump(json));
}

/** When the request began, per worker thread, for the access log (0: not routed). */
thread_local std::chrono::steady_clock::time_point request_start{};

/**
 * Runs one endpoint: bad parameters and malformed queries are 400s naming the parameter, a
 * database that cannot be searched a 503 with a generic message (the real one, which names
 * paths, goes to the log), anything else a 500 without details.
 */
template <typename Work>
void answer(httplib::Response& res, Work work, const SearchParams* search = nullptr) {
  try {
    work();
  } catch (const ParamError& e) {
    send_error(res, 400, e.what(), &e.parameter());
  } catch (const QuerySyntaxError& e) {
    const std::string parameter = search != nullptr ? parameter_of(*search, e.fragment()) : "q";
    send_error(res, 400, e.what(), &parameter);
  } catch (const RequestError& e) {
    const std::string parameter = "q";
    send_error(res, 400, e.what(), &parameter);
  } catch (const DatabaseError& e) {
    log_line("fahras-web: " + loggable(e.what()));
    send_error(res, 503, "the database cannot be searched right now");
  }
}

std::string status_text(int status) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request too large";
    case 414: return "URI too long";
    case 431: return "request header fields too large";
    default: return "error " + std::to_string(status);
  }
}

std::string random_nonce() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  constexpr const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string nonce;
  for (int i = 0; i < 22; ++i) nonce += alphabet[engine() % 62];
  return nonce;
}

void common_headers(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

}  // namespace

void install_routes(httplib::Server& server, Backend& backend, const ServerSettings& settings) {
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
    request_start = std::chrono::steady_clock::now();
    common_headers(res);
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server.Get("/search", [&backend, settings](const httplib::Request& req, httplib::Response& res) {
    SearchParams params;
    answer(
        res,
        [&] {
          params = parse_search(req.params, settings.time_limit_ms);
          send_json(res, 200, backend.search_json(params.request, params.json, params.time_limit_ms));
        },
        &params);
  });

  server.Get("/related", [&backend, settings](const httplib::Request& req, httplib::Response& res) {
    RelatedParams params;
    answer(
        res,
        [&] {
          params = parse_related(req.params, settings.time_limit_ms);
          const SearchParams& search = params.search;
          if (auto json = backend.related_json(params.id, search.request, search.json, search.time_limit_ms)) {
            send_json(res, 200, *json);
          } else {
            send_error(res, 404, "no article with this id");
          }
        },
        &params.search);
  });

  server.Get("/suggest", [&backend](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] { send_json(res, 200, backend.suggest_json(parse_suggest(req.params))); });
  });

  server.Get(R"(/article/(.+))", [&backend](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      JsonOptions json;
      const std::string id = req.matches[1];
      const SearchRequest highlight = parse_article(id, req.params, json);
      if (auto article = backend.article_json(id, highlight, json)) {
        send_json(res, 200, *article);
      } else {
        send_error(res, 404, "no article with this id");
      }
    });
  });

  server.Get("/info", [&backend](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      parse_none(req.params);
      send_json(res, 200, backend.info_json());
    });
  });

  server.Get("/health", [&backend](const httplib::Request& req, httplib::Response& res) {
    try {
      parse_none(req.params);
    } catch (const ParamError& e) {
      send_error(res, 400, e.what(), &e.parameter());
      return;
    }
    try {
      const Health health = backend.health();
      send_json(res, 200,
                dump(Json{{"status", "ok"},
                          {"documents", health.documents},
                          {"updated", health.updated.empty() ? Json(nullptr) : Json(health.updated)}}));
    } catch (const QueryError& e) {
      log_line("fahras-web: health: " + loggable(e.what()));
      send_json(res, 503, dump(Json{{"status", "unavailable"}, {"error", "the database cannot be searched"}}));
    }
  });

  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    const std::string nonce = random_nonce();
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce +
                       "'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; "
                       "frame-ancestors 'none'");
    res.set_content(search_page(nonce), "text/html; charset=utf-8");
  });

  // Other methods on any path: 405, as JSON.
  const auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Allow", "GET, HEAD");
    send_error(res, 405, "only GET is served");
  };
  server.Post(".*", not_allowed);
  server.Put(".*", not_allowed);
  server.Delete(".*", not_allowed);
  server.Patch(".*", not_allowed);
  server.Options(".*", not_allowed);

  // Unknown paths and httplib's own refusals (a malformed request line, a URI too long): JSON.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        common_headers(res);
        send_error(res, res.status, status_text(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));

  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
    std::string what = "unknown exception";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_line("fahras-web: internal error on " + loggable(req.path) + ": " + loggable(what));
    send_error(res, 500, "internal error");
  });

  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    std::string ms = "-";
    if (request_start != std::chrono::steady_clock::time_point{}) {
      const double elapsed =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.1f", elapsed);
      ms = buffer;
      request_start = {};
    }
    log_line(loggable(req.method) + " " + loggable(req.path) + " " + std::to_string(res.status) + " " + ms + " ms");
  });
}

}  // namespace fahras::web
