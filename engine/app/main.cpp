// The shinrin command-line program: a thin dispatcher over the engine library.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "commands.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/version.hpp"
#include "shinrin/io/results_writer.hpp"
#include "signals.hpp"

namespace {

constexpr const char* kUsage = R"(shinrin - forest carbon, thinning and wood-fuel simulation

usage:
  shinrin run SCENARIO.yaml [--parcels PATH] [--output PATH] [--years N] [--threads N]
                            [--unknown-species GROUP] [--timings] [--no-lock]
      simulate and write an HDF5 results file; --timings prints the time of each phase;
      --no-lock writes without the lock on OUTPUT.lock that keeps two runs off one path
  shinrin validate SCENARIO.yaml [same options]
      load and check scenario, parameter tables and parcels; simulate nothing
  shinrin info [--json] RESULTS.h5
      summary of a results file: totals per year, handling of records, unconfirmed parameters
  shinrin credit RESULTS.h5 [--out DIR]
      credits per project and monitoring period; writes the monitoring-report tables (CSV for
      spreadsheets, UTF-8 with BOM, and Markdown) to DIR (default RESULTS-credits/)
  shinrin compare A.h5 B.h5 [--json]
      differences B - A per fiscal year: totals, per species, municipality and regime, and the
      per-parcel series by parcel (register key); lists what only one file holds
  shinrin fit-growth TABLE.csv [--species CODE] [--site-class N]
      fit Richards curves to a yield table (species,site_class,age,volume,status,source)
  shinrin --version

exit codes: 0 success, 1 bad input, 2 model or output error, 3 incomplete results file,
            4 internal error, 128+N stopped by signal N (SIGINT, SIGTERM, SIGHUP)
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 1 : 0;
  }
  const std::string verb = argv[1];
  try {
    shinrin::io::init_hdf5();  // before any other io call (results_writer.hpp)
    // A file-size limit (ulimit -f) makes a write fail with its message, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    if (verb == "--version") {
      std::printf("shinrin %s (%s)\n", std::string(shinrin::engine_version()).c_str(),
                  std::string(shinrin::git_sha()).c_str());
      return 0;
    }
    if (verb == "run") return shinrin::app::cmd_run(argc, argv, false);
    if (verb == "validate") return shinrin::app::cmd_run(argc, argv, true);
    if (verb == "info") return shinrin::app::cmd_info(argc, argv);
    if (verb == "fit-growth") return shinrin::app::cmd_fit_growth(argc, argv);
    if (verb == "credit") return shinrin::app::cmd_credit(argc, argv);
    if (verb == "compare") return shinrin::app::cmd_compare(argc, argv);
    std::fprintf(stderr, "shinrin: unknown command '%s'\n\n%s", verb.c_str(), kUsage);
    return 1;
  } catch (const shinrin::Interrupted& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "shinrin: stopped by %s: %s\n",
                 shinrin::app::signal_name(e.signal()).c_str(), e.what());
    return 128 + e.signal();
  } catch (const shinrin::IncompleteResultsError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "shinrin: error: %s\n", e.what());
    return 3;
  } catch (const shinrin::InputError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "shinrin: error: %s\n", e.what());
    return 1;
  } catch (const shinrin::Error& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "shinrin: error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "shinrin: internal error (please report): %s\n", e.what());
    return 4;
  }
}
