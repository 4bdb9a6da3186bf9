#include "signals.hpp"

#include "shinrin/core/error.hpp"

namespace shinrin::app {
namespace {

// The one piece of global mutable state of the program, because a signal handler can reach
// nothing else: the number of the first stop signal received. It is read by every thread of the
// run (sim::RunConfig::stop), so it is an atomic; a lock-free one, which a handler may set.
std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

constexpr int kStopSignals[3] = {SIGINT, SIGTERM, SIGHUP};

// Only async-signal-safe operations: an atomic exchange, then for a second signal sigaction and
// raise.
void on_stop_signal(int signal) {
  int none = 0;
  if (g_stop_signal.compare_exchange_strong(none, signal)) return;
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(signal, &dfl, nullptr);
  raise(signal);
}

}  // namespace

StopOnSignals::StopOnSignals() {
  g_stop_signal.store(0);
  struct sigaction act {};
  act.sa_handler = on_stop_signal;
  sigemptyset(&act.sa_mask);
  act.sa_flags = SA_RESTART;  // reads and writes in progress carry on; the flag is polled
  for (int k = 0; k < 3; ++k) sigaction(kStopSignals[k], &act, &previous_[k]);
}

StopOnSignals::~StopOnSignals() {
  for (int k = 0; k < 3; ++k) sigaction(kStopSignals[k], &previous_[k], nullptr);
}

const std::atomic<int>* StopOnSignals::flag() const {
  return &g_stop_signal;
}

void StopOnSignals::check(const std::string& when) const {
  if (const int s = g_stop_signal.load(); s != 0) throw Interrupted(s, "the run stopped " + when);
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "signal " + std::to_string(signal);
  }
}

}  // namespace shinrin::app
