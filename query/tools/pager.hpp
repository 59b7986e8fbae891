// Paging a long text as git and notmuch do: through $PAGER (default "less -R", with LESS=FRX
// and LV=-c unless they are set) when standard output is a terminal.
#pragma once

#include <string>
#include <string_view>

namespace fahras::cli {

/** The pager to run for a PAGER variable (null when unset): its value, else "less -R"; ""
 *  (no pager) when it is empty or "cat". */
std::string pager_command(const char* pager_variable);

/**
 * Runs `command` with /bin/sh, its standard input a pipe that receives `text` and its standard
 * output this process's, and waits for it to end. LESS=FRX (quit when the text fits on one
 * screen, colours, no screen clearing) and LV=-c are set for it unless already set. A pager
 * quit early (q in less) is not an error. Returns false when the shell could not run the
 * command (fork failed, or exit status 126 or 127: not found, not executable).
 */
bool page(const std::string& command, std::string_view text);

}  // namespace fahras::cli
