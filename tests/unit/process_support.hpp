#pragma once
// The shinrin executable as a child process the test controls: started without a shell (so its
// process id is the engine's), waited for with its exit status or the signal that ended it,
// optionally under a file-size limit (RLIMIT_FSIZE: a real write failure, no mock).

#include <sys/types.h>

#include <string>
#include <vector>

namespace shinrin::test {

//! A shinrin process running in the background; stdout and stderr go to the file `log`. If the
//! test ends before waiting for it (a failed REQUIRE), the destructor kills (SIGKILL) and reaps it.
class Child {
 public:
  Child(pid_t pid, std::string log) : pid_(pid), log_(std::move(log)) {}
  Child(Child&& o) noexcept : pid_(o.pid_), log_(std::move(o.log_)) { o.pid_ = -1; }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  Child& operator=(Child&&) = delete;
  ~Child();
  pid_t pid() const { return pid_; }
  const std::string& log() const { return log_; }
  //! Waits for the process to end: its exit status (0-255), or -N if signal N ended it.
  int wait();
  //! Whether the process has ended, without blocking; if so `status` is as wait() returns (the
  //! process is reaped).
  bool poll(int& status);
  //! Kills the process (SIGKILL) and reaps it; returns as wait() does (-9 unless it had ended).
  int kill();

 private:
  pid_t pid_ = -1;  // -1 once waited for
  std::string log_;
};

//! Starts `shinrin args...`; its output goes to `log` (created or truncated).
Child start_cli(const std::vector<std::string>& args, const std::string& log);

//! Runs `shinrin args...` to its end and returns as Child::wait does; stdout and stderr, through a
//! pipe (not subject to the limit), in `output`. `file_size_limit` > 0 sets RLIMIT_FSIZE [bytes]
//! in the child: a write past it fails with EFBIG.
int run_cli_args(const std::vector<std::string>& args, std::string& output,
                 long file_size_limit = 0);

//! Polls every 20 ms until `path` exists or `seconds` have passed; whether it exists.
bool wait_for_file(const std::string& path, double seconds);

//! The names in folder `dir` that contain `part` (e.g. ".tmp-", ".lock").
std::vector<std::string> files_with(const std::string& dir, const std::string& part);

//! The shipped scenario scenarios/`name` written into folder `dir` (same name) with its relative
//! paths ("../data/", "../../shared/") made absolute; returns the new path.
std::string scenario_copy(const std::string& name, const std::string& dir);

//! A process id that belonged to a child process which has ended (and been reaped).
pid_t ended_pid();

}  // namespace shinrin::test
