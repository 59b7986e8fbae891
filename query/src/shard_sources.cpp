#include "shard_sources.hpp"

#include "fahras/query.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>
#include <sstream>

namespace fahras::query {

namespace {

// A stub naming a shard-set folder naming... : a loop of stubs stops here.
constexpr int max_depth = 8;

std::vector<ShardSource> resolve(const std::filesystem::path& path, int depth);

std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

std::optional<std::int64_t> bound(const nlohmann::json& shard, const char* key, const std::string& where) {
  const auto it = shard.find(key);
  if (it == shard.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) throw DatabaseError(fmt::format("{}: \"{}\" is not a whole number or null", where, key));
  return it->get<std::int64_t>();
}

std::vector<ShardSource> resolve(const std::filesystem::path& path, int depth) {
  if (depth > max_depth) {
    throw DatabaseError(fmt::format("'{}': stubs and shard sets nested more than {} deep (a loop?)", path.string(), max_depth));
  }
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    if (std::filesystem::exists(path / manifest_name, error)) return read_manifest(path / manifest_name);
    ShardSource one;
    one.path = path.string();
    return {one};
  }
  if (std::filesystem::is_regular_file(path, error)) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) throw DatabaseError(fmt::format("cannot read the stub file '{}'", path.string()));
    return parse_stub(text.str(), path.string(), path.parent_path(), depth);
  }
  ShardSource missing;  // the opening names it: "no database at ..."
  missing.path = path.string();
  return {missing};
}

}  // namespace

std::string ShardSource::label() const { return remote ? fmt::format("{}:{}", host, port) : path; }

bool ShardSource::may_hold(std::optional<std::int64_t> from, std::optional<std::int64_t> to) const {
  if (!in_manifest) return true;
  if (!published_min || !published_max) return false;  // undated or empty: no date filter matches
  return (!from || *published_max >= *from) && (!to || *published_min <= *to);
}

std::vector<ShardSource> resolve_shards(const std::string& path) { return resolve(path, 0); }

std::vector<ShardSource> parse_stub(std::string_view text, const std::string& file, const std::filesystem::path& folder,
                                    int depth) {
  std::vector<ShardSource> out;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto words = words_of(line);
    if (words.empty() || words.front().front() == '#') continue;
    const auto fail = [&](const std::string& what) {
      return DatabaseError(fmt::format("{}:{}: {}", file, line_number, what));
    };
    const auto local = [&](std::string_view written) {
      std::filesystem::path p{std::string(written)};
      if (p.is_relative()) p = folder / p;
      for (ShardSource& shard : resolve(p, depth + 1)) {
        if (shard.origin.empty()) shard.origin = file;
        out.push_back(std::move(shard));
      }
    };
    if (words.front() == "remote") {
      if (words.size() < 2 || words[1] != "tcp") {
        throw fail(fmt::format("'{}': expected 'remote tcp HOST PORT' (only tcp is read)", line));
      }
      if (words.size() != 4) throw fail(fmt::format("'{}': expected 'remote tcp HOST PORT'", line));
      unsigned port = 0;
      const std::string_view p = words[3];
      const auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
      if (ec != std::errc() || ptr != p.data() + p.size() || port == 0 || port > 65535) {
        throw fail(fmt::format("bad port '{}': expected 1 to 65535", p));
      }
      ShardSource shard;
      shard.remote = true;
      shard.host = std::string(words[2]);
      shard.port = port;
      shard.origin = file;
      out.push_back(std::move(shard));
    } else if (words.front() == "auto") {
      if (words.size() != 2) throw fail(fmt::format("'{}': expected 'auto PATH' (one path, without spaces)", line));
      local(words[1]);
    } else if (words.size() == 1) {
      local(words.front());
    } else {
      throw fail(fmt::format("'{}': expected PATH, 'auto PATH' or 'remote tcp HOST PORT'", line));
    }
  }
  if (out.empty()) throw DatabaseError(fmt::format("{}: the stub file lists no database", file));
  return out;
}

std::vector<ShardSource> read_manifest(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DatabaseError(fmt::format("cannot read the shard-set manifest '{}'", name));
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw DatabaseError(fmt::format("'{}' is not a shard-set manifest: {}", name, e.what()));
  }
  if (!manifest.is_object() || manifest.value("format", std::string()) != "fahras-shard-set") {
    throw DatabaseError(fmt::format("'{}' is not a shard-set manifest (no \"format\": \"fahras-shard-set\")", name));
  }
  if (!manifest.contains("version") || manifest["version"] != 1) {
    throw DatabaseError(fmt::format("'{}': shard-set manifest version {} (this fahras-query reads 1)", name,
                                    manifest.value("version", nlohmann::json()).dump()));
  }
  const auto shards = manifest.find("shards");
  if (shards == manifest.end() || !shards->is_array()) throw DatabaseError(fmt::format("'{}': no \"shards\" list", name));
  std::vector<ShardSource> out;
  std::size_t index = 0;
  for (const nlohmann::json& shard : *shards) {
    const std::string where = fmt::format("'{}', shard {}", name, index++);
    if (!shard.is_object() || !shard.contains("path") || !shard["path"].is_string() ||
        shard["path"].get<std::string>().empty()) {
      throw DatabaseError(fmt::format("{}: expected an object with a \"path\"", where));
    }
    ShardSource source;
    std::filesystem::path p{shard["path"].get<std::string>()};
    source.path = (p.is_relative() ? file.parent_path() / p : p).string();
    source.in_manifest = true;
    source.published_min = bound(shard, "published_min", where);
    source.published_max = bound(shard, "published_max", where);
    source.origin = name;
    out.push_back(std::move(source));
  }
  return out;
}

}  // namespace fahras::query
