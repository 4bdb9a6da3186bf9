// The shinrin command-line program: a thin dispatcher over the engine library. The command line
// is parsed by CLI11: one subcommand per verb, `--help`/`-h` on each, `--version`.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "commands.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/version.hpp"
#include "shinrin/io/results_writer.hpp"
#include "shinrin/parallel/ranks.hpp"
#include "signals.hpp"

namespace {

constexpr const char* kExitCodes = R"(
exit codes: 0 success, 1 bad input (a bad or unknown option included), 2 model or output error,
            3 incomplete results file, 4 internal error, 128+N stopped by signal N (SIGINT,
            SIGTERM, SIGHUP)
`shinrin VERB --help` shows the options of a verb.)";

//! An option whose value, when given, is kept as text in `target` (checked by the verb).
CLI::Option* text_option(CLI::App& app, const std::string& name, std::optional<std::string>& target,
                         const std::string& description) {
  return app
      .add_option_function<std::string>(
          name, [&target](const std::string& v) { target = v; }, description)
      ->expected(1);
}

//! The options `run` and `validate` share.
void add_run_options(CLI::App& app, shinrin::app::RunOptions& o) {
  app.add_option("SCENARIO", o.scenario, "scenario file (YAML)")->required();
  text_option(app, "--parcels", o.parcels, "parcel layer to read instead of the scenario's")
      ->type_name("PATH");
  text_option(app, "--output", o.output, "results file to write instead of the scenario's")
      ->type_name("PATH");
  text_option(app, "--years", o.years, "number of fiscal years to simulate (1-1000)")
      ->type_name("N");
  text_option(app, "--threads", o.threads, "OpenMP threads (default: all)")->type_name("N");
  text_option(app, "--unknown-species", o.unknown_species,
              "species group for register species not in the alias table")
      ->type_name("GROUP");
  app.add_flag("--timings", o.timings, "print the time of each phase");
  app.add_flag("--no-lock", o.no_lock,
               "write without the lock OUTPUT.lock that keeps two runs off one path");
  app.add_flag("--overwrite", o.overwrite,
               "replace an existing results file (without it, run refuses to)");
  app.add_flag("-q,--quiet", o.quiet, "no progress line and no list of unconfirmed parameters");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace shinrin::app;
  // MPI for the life of the program in the MPI build (nothing otherwise). Under mpirun only rank
  // 0 prints: every rank runs the same steps and ends with the same error (Ranks::settle), so
  // the other ranks' output would repeat it.
  const shinrin::parallel::Session mpi(argc, argv);
  if (!shinrin::parallel::Ranks::world().root()) {
    if (std::freopen("/dev/null", "w", stdout) == nullptr ||
        std::freopen("/dev/null", "w", stderr) == nullptr)
      return 4;
  }
  RunOptions run, validate;
  InfoOptions info;
  CreditOptions credit;
  FitGrowthOptions fit;
  CompareOptions compare;
  ExportOptions export_options;
  ReportOptions report;
  bool quiet = false;

  CLI::App app("shinrin - forest carbon, thinning and wood-fuel simulation", "shinrin");
  app.set_version_flag("--version", std::string("shinrin ") +
                                        std::string(shinrin::engine_version()) + " (" +
                                        std::string(shinrin::git_sha()) + ")");
  app.add_flag("-q,--quiet", quiet, "as --quiet of the verb");
  app.require_subcommand(1, 1);
  app.footer(kExitCodes);

  CLI::App* run_cmd = app.add_subcommand(
      "run", "simulate the scenario and write an HDF5 results file; print the summary");
  add_run_options(*run_cmd, run);
  text_option(*run_cmd, "--every", run.every,
              "print every Nth fiscal year in the summary (default: every year)")
      ->type_name("N");
  run_cmd->add_flag("--json", run.json,
                    "print the summary as JSON on stdout (as `info --json`; the rest on stderr)");
  run_cmd->footer(
      std::string("\nRefuses to replace an existing results file unless --overwrite is given. "
                  "A progress line\nis shown on stderr for runs longer than a few seconds "
                  "when stderr is a terminal.") +
      kExitCodes);

  CLI::App* validate_cmd = app.add_subcommand(
      "validate", "load and check scenario, parameter tables and parcels; simulate nothing");
  add_run_options(*validate_cmd, validate);

  CLI::App* info_cmd = app.add_subcommand(
      "info",
      "summary of a results file: totals per year, handling of records, unconfirmed "
      "parameters");
  info_cmd->add_option("RESULTS", info.results, "results file (HDF5)")->required();
  info_cmd->add_flag("--json", info.json, "the summary as JSON");
  text_option(*info_cmd, "--every", info.every, "print every Nth fiscal year (default: every year)")
      ->type_name("N");
  info_cmd->add_flag("-q,--quiet", info.quiet, "no list of unconfirmed parameters");

  CLI::App* credit_cmd = app.add_subcommand(
      "credit",
      "credits per project and monitoring period; writes the monitoring-report tables (CSV, "
      "UTF-8 with BOM, and Markdown)");
  credit_cmd->add_option("RESULTS", credit.results, "results file (HDF5)")->required();
  text_option(*credit_cmd, "--out", credit.out, "folder for the tables (default RESULTS-credits/)")
      ->type_name("DIR");

  CLI::App* compare_cmd = app.add_subcommand(
      "compare",
      "differences B - A per fiscal year: totals, per species, municipality and regime, and the "
      "per-parcel series by parcel (register key); lists what only one file holds");
  compare_cmd->add_option("A", compare.a, "results file (HDF5)")->required();
  compare_cmd->add_option("B", compare.b, "results file (HDF5)")->required();
  compare_cmd->add_flag("--json", compare.json, "the differences as JSON");

  CLI::App* export_cmd = app.add_subcommand(
      "export",
      "write a results file as a GeoPackage map (the parcels with their source geometry, "
      "per-parcel results and the aggregate tables) or as CSV tables per fiscal year");
  export_cmd->add_option("RESULTS", export_options.results, "results file (HDF5)")->required();
  text_option(*export_cmd, "--to", export_options.to,
              "GeoPackage to write (FILE.gpkg), or with --csv the folder for the tables")
      ->type_name("PATH")
      ->required();
  export_cmd->add_flag("--csv", export_options.csv,
                       "CSV tables (UTF-8 with BOM): totals, species, municipality, regime, age "
                       "class");
  export_cmd->add_flag("--long", export_options.long_table,
                       "long tables: per-parcel series as rows (parcel, fiscal_year, variable, "
                       "value); with --csv one row per fiscal year, group and variable");
  text_option(*export_cmd, "--parcels", export_options.parcels,
              "parcel layer to join instead of the run's (warns if its SHA-256 differs)")
      ->type_name("PATH");
  text_option(*export_cmd, "--variables", export_options.variables,
              "per-parcel series to write, comma-separated (default: every one the file holds)")
      ->type_name("LIST");
  export_cmd->add_flag("--overwrite", export_options.overwrite, "replace existing files");
  export_cmd->footer(
      std::string("\nFiles are written under a temporary name and renamed when complete; "
                  "existing files are\nreplaced only with --overwrite. See README.md, "
                  "\"Maps and tables\".") +
      kExitCodes);
  CLI::App* report_cmd = app.add_subcommand(
      "report",
      "one self-contained HTML page of a results file: provenance, handling, yearly table, charts, "
      "age classes, a map of the parcels, unconfirmed parameters");
  report_cmd->add_option("RESULTS", report.results, "results file (HDF5)")->required();
  report_cmd->add_option("--html", report.html, "the page to write")->type_name("FILE")->required();
  text_option(*report_cmd, "--lang", report.lang, "language of the labels: en (default) or ja")
      ->type_name("LANG");
  text_option(*report_cmd, "--parcels", report.parcels,
              "parcel layer for the map instead of the one the run read (joined on source_fid)")
      ->type_name("SOURCE");
  text_option(*report_cmd, "--map-variable", report.map_variable,
              "variable the map is coloured by when the page opens (initial_age, area, species, "
              "or a per-parcel series, e.g. stem_volume)")
      ->type_name("NAME");
  report_cmd->add_flag("--overwrite", report.overwrite,
                       "replace an existing page (without it, report refuses to)");
  report_cmd->footer(std::string("\nThe page needs no network: Chart.js, the data and the map "
                                 "are inside it.") +
                     kExitCodes);

  CLI::App* fit_cmd = app.add_subcommand(
      "fit-growth",
      "fit Richards curves to a yield table (species,site_class,age,volume,status,source)");
  fit_cmd->add_option("TABLE", fit.table, "yield table (CSV)")->required();
  text_option(*fit_cmd, "--species", fit.species, "only this species code")->type_name("CODE");
  text_option(*fit_cmd, "--site-class", fit.site_class, "only this site class")->type_name("N");

  if (argc < 2) {
    std::fputs(app.help().c_str(), stderr);
    return 1;
  }
  if (std::strcmp(argv[1], "help") == 0) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  }
  if (argv[1][0] != '-') {
    std::string verbs;
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      verbs += (verbs.empty() ? "" : ", ") + sub->get_name();
      known = known || sub->get_name() == argv[1];
    }
    if (!known) {
      std::fprintf(stderr,
                   "shinrin: error: unknown command '%s' (commands: %s)\n(see `shinrin --help`)\n",
                   argv[1], verbs.c_str());
      return 1;
    }
  }
  // "--name=" is an empty value (an error the verb reports with the option's name), as
  // "--name ''" is; CLI11 would take the next argument as the value instead.
  std::vector<std::string> words;
  for (int i = 0; i < argc; ++i) {
    const std::string w = argv[i];
    if (i > 0 && w.size() > 3 && w.rfind("--", 0) == 0 && w.find('=') == w.size() - 1) {
      words.push_back(w.substr(0, w.size() - 1));
      words.emplace_back();
    } else {
      words.push_back(w);
    }
  }
  std::vector<char*> word_ptrs;
  for (auto& w : words) word_ptrs.push_back(w.data());
  try {
    app.parse(static_cast<int>(word_ptrs.size()), word_ptrs.data());
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, -h, --version
    // Which verb the error is about: the deepest subcommand parsed so far.
    std::string verb;
    for (const CLI::App* sub : app.get_subcommands()) verb = sub->get_name();
    std::fprintf(stderr, "shinrin: error: %s%s\n(see `shinrin %s--help`)\n",
                 verb.empty() ? "" : (verb + ": ").c_str(), e.what(),
                 verb.empty() ? "" : (verb + " ").c_str());
    return 1;
  }
  run.quiet = run.quiet || quiet;
  validate.quiet = validate.quiet || quiet;
  info.quiet = info.quiet || quiet;

  try {
    shinrin::io::init_hdf5();  // before any other io call (results_writer.hpp)
    // A file-size limit (ulimit -f) makes a write fail with its message, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    if (run_cmd->parsed()) return cmd_run(run, false, command_line(argc, argv));
    if (validate_cmd->parsed()) return cmd_run(validate, true, command_line(argc, argv));
    if (info_cmd->parsed()) return cmd_info(info);
    if (fit_cmd->parsed()) return cmd_fit_growth(fit);
    if (credit_cmd->parsed()) return cmd_credit(credit);
    if (compare_cmd->parsed()) return cmd_compare(compare);
    if (export_cmd->parsed()) return cmd_export(export_options);
    if (report_cmd->parsed()) return cmd_report(report);
    throw shinrin::Error("no verb was parsed");
  } catch (const shinrin::Interrupted& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "shinrin: stopped by %s: %s\n", signal_name(e.signal()).c_str(), e.what());
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
