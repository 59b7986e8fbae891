#include "reader_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace fahras::indexer::reader {

std::string system_message(int error_number) {
  std::string message = std::generic_category().message(error_number);
  if (!message.empty() && std::isupper(static_cast<unsigned char>(message[0])) != 0 &&
      (message.size() < 2 || std::islower(static_cast<unsigned char>(message[1])) != 0)) {
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  }
  return message;
}

FileSource::FileSource(const std::string& path, std::uint64_t* counter)
    : file_(std::fopen(path.c_str(), "rb")), owned_(true), counter_(counter) {
  if (file_ == nullptr) throw ReadError(fmt::format("cannot open: {}; skipped", system_message(errno)));
}

FileSource::~FileSource() {
  if (owned_ && file_ != nullptr) std::fclose(file_);
}

std::size_t FileSource::read(char* buffer, std::size_t size) {
  const std::size_t got = std::fread(buffer, 1, size, file_);
  if (got == 0 && std::ferror(file_) != 0) {
    const int error_number = errno;
    std::clearerr(file_);
    throw ReadError(fmt::format("read error: {}; rest of the input skipped", system_message(error_number)));
  }
  if (counter_ != nullptr) *counter_ += got;
  return got;
}

BufferedInput::BufferedInput(ByteSource& source) : source_(source), buffer_(chunk_size) {}

bool BufferedInput::refill() {
  begin_ = end_ = 0;
  if (at_end_) return false;
  end_ = source_.read(buffer_.data(), buffer_.size());
  if (end_ == 0) at_end_ = true;
  return end_ != 0;
}

bool BufferedInput::ensure(std::size_t count) {
  if (count > buffer_.size()) count = buffer_.size();
  if (end_ - begin_ >= count) return true;
  // Move what is left to the front, then read until enough is there.
  std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
  end_ -= begin_;
  begin_ = 0;
  while (end_ < count && !at_end_) {
    const std::size_t got = source_.read(buffer_.data() + end_, buffer_.size() - end_);
    if (got == 0) at_end_ = true;
    end_ += got;
  }
  return end_ >= count;
}

bool BufferedInput::read_line(std::string& line, std::size_t limit, bool& truncated) {
  line.clear();
  truncated = false;
  bool any = false;
  while (begin_ != end_ || refill()) {
    any = true;
    const char* start = buffer_.data() + begin_;
    const std::size_t available = end_ - begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', available));
    const std::size_t length = newline != nullptr ? static_cast<std::size_t>(newline - start) : available;
    const std::size_t room = limit - std::min(limit, line.size());
    if (length > room) truncated = true;
    line.append(start, std::min(length, room));
    if (newline != nullptr) {
      begin_ += length + 1;
      return true;
    }
    begin_ = end_;
  }
  return any;
}

std::string_view BufferedInput::next_block() {
  if (begin_ == end_ && !refill()) return {};
  const std::string_view block = window();
  begin_ = end_;
  return block;
}

}  // namespace fahras::indexer::reader
