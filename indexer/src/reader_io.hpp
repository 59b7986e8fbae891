// Byte sources and the chunked buffer every reader pulls from (internal to the readers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::indexer::reader {

/** Bytes come in chunks of this size; it is also how far ahead the format sniffer looks. */
inline constexpr std::size_t chunk_size = std::size_t{1} << 20;

/** Bytes could not be read (I/O error, corrupt archive). what() is a complete diagnostic
 *  message, e.g. "cannot open: permission denied; skipped". */
class ReadError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/** Where bytes come from: a file, standard input, an archive member. */
class ByteSource {
public:
  virtual ~ByteSource() = default;
  /** Reads up to `size` bytes; returns 0 only at the end. Throws ReadError. */
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

/** A file opened by path, or standard input. */
class FileSource final : public ByteSource {
public:
  /** Opens `path`; throws ReadError when it cannot. Adds the bytes it reads to `*counter`
   *  when given (progress). */
  explicit FileSource(const std::string& path, std::uint64_t* counter = nullptr);
  /** Reads `stream` without owning it (standard input). */
  explicit FileSource(std::FILE* stream) noexcept : file_(stream), owned_(false) {}
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override;

private:
  std::FILE* file_;
  bool owned_;
  std::uint64_t* counter_ = nullptr;
};

/** "No such file or directory" -> "no such file or directory" (messages start lowercase). */
std::string system_message(int error_number);

/**
 * A chunk of buffered bytes over a ByteSource, with look-ahead for sniffing.
 * The buffer never grows beyond max(chunk_size, largest ensure()).
 */
class BufferedInput {
public:
  explicit BufferedInput(ByteSource& source);

  /** Makes at least `count` bytes (at most chunk_size) visible in window(), unless the input
   *  ends first. Returns whether they are. */
  bool ensure(std::size_t count);
  /** The buffered bytes not consumed yet. */
  std::string_view window() const noexcept { return {buffer_.data() + begin_, end_ - begin_}; }
  /** Drops `count` <= window().size() bytes. */
  void consume(std::size_t count) noexcept { begin_ += count; }

  /** The next byte (0..255) without consuming it, or -1 at the end. */
  int peek() {
    if (begin_ == end_ && !refill()) return -1;
    return static_cast<unsigned char>(buffer_[begin_]);
  }
  /** The next byte (0..255), or -1 at the end. */
  int get() {
    if (begin_ == end_ && !refill()) return -1;
    return static_cast<unsigned char>(buffer_[begin_++]);
  }

  /** Reads one line without its '\n' into `line` (cleared first), keeping at most `limit`
   *  bytes; `truncated` tells whether bytes were dropped. False at the end of the input. */
  bool read_line(std::string& line, std::size_t limit, bool& truncated);

  /** Consumes and returns every buffered byte, reading a new chunk first when none is left;
   *  empty at the end. The view stays valid until the next call on this object. */
  std::string_view next_block();

private:
  bool refill();  // called with an empty window: reads the next chunk; false at the end

  ByteSource& source_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool at_end_ = false;
};

}  // namespace fahras::indexer::reader
