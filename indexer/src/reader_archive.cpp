#include "reader_archive.hpp"

#include <archive_entry.h>
#include <fmt/format.h>

#include <cerrno>

namespace fahras::indexer::reader {
namespace {

// libarchive's "unrecognized format" errno (ARCHIVE_ERRNO_FILE_FORMAT, not in its public
// header): EFTYPE where it exists, EILSEQ elsewhere.
#ifdef EFTYPE
constexpr int file_format_errno = EFTYPE;
#else
constexpr int file_format_errno = EILSEQ;
#endif

}  // namespace

ArchiveReader::ArchiveReader(BufferedInput& input, Kind kind)
    : input_(input), kind_(kind), handle_(archive_read_new(), &archive_read_free) {
  if (handle_ == nullptr) throw ReadError("cannot read archive: out of memory; skipped");
  if (kind == Kind::Container) {
    archive_read_support_format_zip_streamable(handle_.get());
    archive_read_support_format_tar(handle_.get());
  } else {
    archive_read_support_filter_all(handle_.get());
    archive_read_support_format_tar(handle_.get());
    archive_read_support_format_raw(handle_.get());  // bids last: anything that is not a tar
  }
  const bool opened =
      archive_read_open(handle_.get(), this, nullptr, &ArchiveReader::read_callback, nullptr) == ARCHIVE_OK;
  const bool decompressing = archive_filter_count(handle_.get()) > 1;  // more than the "none" filter
  if (kind == Kind::Compressed && !opened && decompressing && !input_error_ &&
      archive_errno(handle_.get()) == file_format_errno) {
    empty_ = true;  // only an empty stream fails the raw format's bid
    return;
  }
  if (!opened) fail(kind == Kind::Compressed ? "corrupt compressed data" : "not a readable archive");
  // Bytes that merely start like gzip would otherwise come back unchanged, as a raw member.
  if (kind == Kind::Compressed && !decompressing) fail("corrupt compressed data", "no valid compression header");
}

la_ssize_t ArchiveReader::read_callback(struct archive* handle, void* self, const void** buffer) {
  auto* reader = static_cast<ArchiveReader*>(self);
  // No exception may cross libarchive's C frames: keep it, and rethrow it in fail().
  try {
    const std::string_view block = reader->input_.next_block();
    *buffer = block.data();
    return static_cast<la_ssize_t>(block.size());
  } catch (...) {
    reader->input_error_ = std::current_exception();
    archive_set_error(handle, EIO, "read error");
    return ARCHIVE_FATAL;
  }
}

void ArchiveReader::fail(const char* what, const char* reason) {
  if (input_error_) std::rethrow_exception(input_error_);
  if (reason == nullptr) reason = archive_error_string(handle_.get());
  const char* skipped = !started_                  ? "skipped"
                        : kind_ == Kind::Container ? "rest of the archive skipped"
                                                   : "rest of it skipped";
  throw ReadError(fmt::format("{}: {}; {}", what, reason != nullptr ? reason : "unknown error", skipped));
}

bool ArchiveReader::next(Entry& entry) {
  if (empty_) return false;
  struct archive_entry* header = nullptr;
  const int status = archive_read_next_header(handle_.get(), &header);
  if (status == ARCHIVE_EOF) return false;
  if (status != ARCHIVE_OK && status != ARCHIVE_WARN) fail("corrupt archive");
  started_ = true;
  const char* name = archive_entry_pathname_utf8(header);
  if (name == nullptr) name = archive_entry_pathname(header);
  entry.name = name != nullptr ? name : "";
  entry.regular = archive_entry_filetype(header) == AE_IFREG;
  entry.encrypted = archive_entry_is_encrypted(header) != 0;
  entry.raw = raw_ = archive_format(handle_.get()) == ARCHIVE_FORMAT_RAW;
  return true;
}

std::size_t ArchiveReader::Data::read(char* buffer, std::size_t size) {
  const la_ssize_t got = archive_read_data(owner_.handle_.get(), buffer, size);
  if (got < 0) owner_.fail(owner_.raw_ ? "corrupt compressed data" : "cannot read member");
  return static_cast<std::size_t>(got);
}

}  // namespace fahras::indexer::reader
