// libFuzzer target: fahras-index's whole reading path on bytes in memory (a memfd read by
// path): sniffing the format, gzip/bzip2/xz/zstd streams and ZIP/tar archives through
// libarchive (nested too), JSON, JSON Lines and the text reader. The input's size picks the
// name it is read under (none, .json, .jsonl, .txt), which breaks the sniffer's ties. Checks
// that read_input never throws, that every record has well-formed UTF-8 fields and record
// numbers that grow within each file or member, and that no diagnostic is empty.
#include "fuzz_support.hpp"
#include "readers.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <sys/mman.h>
#include <unistd.h>

namespace {

using namespace fahras::indexer;
using fahras::fuzz::check;
using fahras::fuzz::fail;
namespace fs = std::filesystem;

class Checker final : public RecordSink {
public:
  void record(RawRecord&& raw) override {
    // Numbers start at 1 in each file or member (two members may share a name) and grow.
    std::size_t& last = last_record_[raw.origin.member];
    check(raw.origin.record == 1 || raw.origin.record > last, "records of one file or member out of order");
    last = raw.origin.record;
    for (const auto& [name, value] : raw.fields) {
      check(fahras::fuzz::valid_utf8(name) && fahras::fuzz::valid_utf8(value), "a field that is not UTF-8");
    }
  }
  void diagnostic(Diagnostic&& d) override { check(!d.message.empty(), "a diagnostic without a message"); }

private:
  std::map<std::string, std::size_t> last_record_;
};

/** A memfd holding the input, and links to it under the names the sniffer looks at. */
struct MemoryFile {
  int fd = -1;
  fs::path folder;
  std::string paths[4];

  MemoryFile() {
    fd = ::memfd_create("fahras-fuzz-input", 0);
    if (fd < 0) fail("memfd_create failed");
    folder = fs::temp_directory_path() / ("fahras-fuzz-read-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::string target = "/proc/self/fd/" + std::to_string(fd);
    paths[0] = target;
    const char* names[] = {"input.json", "input.jsonl", "input.txt"};
    for (int i = 0; i < 3; ++i) {
      paths[i + 1] = (folder / names[i]).string();
      fs::create_symlink(target, paths[i + 1]);
    }
  }
  ~MemoryFile() {
    std::error_code ignored;
    fs::remove_all(folder, ignored);
    ::close(fd);
  }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  void fill(const std::uint8_t* data, std::size_t size) const {
    if (::ftruncate(fd, 0) != 0) fail("ftruncate failed");
    for (std::size_t done = 0; done < size;) {
      const ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(done));
      if (n <= 0) fail("pwrite failed");
      done += static_cast<std::size_t>(n);
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const MemoryFile file;
  file.fill(data, size);
  ReadOptions options;
  options.txt_title = (size / 4) % 2 == 1;
  options.max_record_bytes = std::size_t{1} << 20;  // bounds what a decompression bomb can build
  Checker checker;
  try {
    read_input(file.paths[size % 4], options, checker);
  } catch (...) {
    fail("read_input threw");
  }
  return 0;
}
