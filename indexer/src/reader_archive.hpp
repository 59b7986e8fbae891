// Archives (ZIP, tar) and compressed streams through libarchive, in streaming mode: the
// archive itself is read from a BufferedInput, so standard input and nested archives work.
#pragma once

#include "reader_io.hpp"

#include <archive.h>

#include <exception>
#include <memory>
#include <string>

namespace fahras::indexer::reader {

class ArchiveReader {
public:
  enum class Kind {
    Container,   ///< ZIP or tar: named members
    Compressed,  ///< gzip, bzip2, xz, zstd: one decompressed stream, or a tar inside
  };

  /** One member. */
  struct Entry {
    std::string name;
    bool regular = false;    ///< a file, not a directory or link
    bool encrypted = false;  ///< its data cannot be read
    bool raw = false;        ///< the whole decompressed stream of a Kind::Compressed input
  };

  /** Starts reading an archive from `input`; throws ReadError when it is not one. */
  ArchiveReader(BufferedInput& input, Kind kind);
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  /** Moves to the next member (skipping the rest of the current one); false at the end.
   *  Throws ReadError. */
  bool next(Entry& entry);

  /** The current member's data. Throws ReadError when it is corrupt. */
  ByteSource& data() { return data_; }

private:
  class Data final : public ByteSource {
  public:
    explicit Data(ArchiveReader& owner) : owner_(owner) {}
    std::size_t read(char* buffer, std::size_t size) override;

  private:
    ArchiveReader& owner_;
  };

  static la_ssize_t read_callback(struct archive* handle, void* self, const void** buffer);
  /** Throws the input's own error if there was one, else a ReadError "WHAT: REASON; ..." (REASON
   *  by default libarchive's message). */
  [[noreturn]] void fail(const char* what, const char* reason = nullptr);

  BufferedInput& input_;
  Kind kind_;
  std::unique_ptr<struct archive, int (*)(struct archive*)> handle_;
  bool raw_ = false;      // the current member is a whole decompressed stream
  bool empty_ = false;    // a compressed stream holding nothing
  bool started_ = false;  // a member was found
  Data data_{*this};
  std::exception_ptr input_error_;  // an error of the input, kept while libarchive unwinds
};

}  // namespace fahras::indexer::reader
