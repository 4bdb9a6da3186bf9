#include "process_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "test_support.hpp"

namespace shinrin::test {
namespace {

// argv for execv, built before fork (the child only calls async-signal-safe functions).
std::vector<char*> argv_of(std::vector<std::string>& args) {
  args.insert(args.begin(), SHINRIN_EXE);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

}  // namespace

Child start_cli(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> a = args;
  std::vector<char*> argv = argv_of(a);
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot create " + log);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fd);
  return Child(pid, log);
}

namespace {

// The exit status of process `pid` (waited for), or -N if signal N ended it.
int wait_pid(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace

Child::~Child() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

int Child::wait() {
  const int rc = wait_pid(pid_);
  pid_ = -1;
  return rc;
}

bool Child::poll(int& status) {
  if (pid_ <= 0) throw std::logic_error("poll of a process already waited for");
  int s = 0;
  pid_t r;
  while ((r = ::waitpid(pid_, &s, WNOHANG)) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  }
  if (r == 0) return false;
  status = WIFEXITED(s) ? WEXITSTATUS(s) : -WTERMSIG(s);
  pid_ = -1;
  return true;
}

int Child::kill() {
  ::kill(pid_, SIGKILL);
  return wait();
}

int run_cli_args(const std::vector<std::string>& args, std::string& output, long file_size_limit) {
  std::vector<std::string> a = args;
  std::vector<char*> argv = argv_of(a);
  int pipe_fd[2];
  if (::pipe2(pipe_fd, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(pipe_fd[1], 1);
    ::dup2(pipe_fd[1], 2);
    if (file_size_limit > 0) {
      const rlimit limit{rlim_t(file_size_limit), rlim_t(file_size_limit)};
      ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fd[1]);
  output.clear();
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(pipe_fd[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output.append(buf, std::size_t(n));
  }
  ::close(pipe_fd[0]);
  return wait_pid(pid);
}

bool wait_for_file(const std::string& path, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!std::filesystem::exists(path)) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::vector<std::string> files_with(const std::string& dir, const std::string& part) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.find(part) != std::string::npos) out.push_back(name);
  }
  return out;
}

std::string scenario_copy(const std::string& name, const std::string& dir) {
  std::string text = read_text(repo("scenarios/" + name));
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  };
  replace_all("../../shared/", std::string(SHINRIN_SHARED_DIR) + "/");
  replace_all("../data/", repo("data/"));
  const std::string path = dir + "/" + name;
  write_file(path, text);
  return path;
}

pid_t ended_pid() {
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) ::_exit(0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return pid;
}

}  // namespace shinrin::test
