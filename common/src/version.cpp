#include "fahras/version.hpp"

#include "fahras/analysis.hpp"

#include <unicode/uversion.h>
#include <xapian.h>

namespace fahras {

std::string library_version() { return FAHRAS_VERSION_STRING; }

std::string version_line(std::string_view program) {
  UVersionInfo icu_version;
  u_getVersion(icu_version);
  char icu[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu_version, icu);
  std::string line(program);
  line += ' ';
  line += library_version();
  line += " (Xapian ";
  line += Xapian::version_string();
  line += ", ICU ";
  line += icu;
  line += ", analysis fahras-analysis/" + std::to_string(AnalysisProfile::version) + ')';
  return line;
}

}  // namespace fahras
