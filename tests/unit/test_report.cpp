// shinrin report, through the executable, and the page it writes opened in a real browser
// (Debian's chromium, headless, no network): the page's own script writes what it drew into
// <pre id="report-check"> (html_report.hpp), the test reads it from the DOM chromium dumps and
// from chromium's console log. On the demo and on a real Fukuoka municipality (Hisayama):
// no script error, every chart has points, the map one path per simulated parcel (counted from
// the results file here), the yearly table one row per fiscal year asked for plus the initial
// state, Japanese labels with --lang ja, no URL in the file; the exit codes of bad input, an
// existing page, an incomplete results file, and a report without its parcel layer.
#include <hdf5.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "process_support.hpp"
#include "test_support.hpp"

using namespace shinrin;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

constexpr int kDemoYears = 12;
constexpr int kFukuokaYears = 20;

// One folder per test process: ctest -j runs the test cases of this file side by side.
std::string dir() {
  static const std::string d = test::scratch_dir("report-" + std::to_string(::getpid()));
  return d;
}

// The demo run, made once per process.
const std::string& demo_results() {
  static const std::string path = [] {
    const std::string out = dir() + "/demo.h5";
    std::string log;
    REQUIRE(test::run_cli_args({"run", test::repo("scenarios/hinohara-demo.yaml"), "--years",
                                std::to_string(kDemoYears), "--output", out, "--quiet"},
                               log) == 0);
    return out;
  }();
  return path;
}

// Hisayama (5,513 register records), the default layer of fukuoka-register.yaml.
const std::string& fukuoka_results() {
  static const std::string path = [] {
    const std::string out = dir() + "/hisayama.h5";
    std::string log;
    INFO(log);
    REQUIRE(test::run_cli_args({"run", test::repo("scenarios/fukuoka-register.yaml"), "--years",
                                std::to_string(kFukuokaYears), "--output", out, "--quiet"},
                               log) == 0);
    return out;
  }();
  return path;
}

// The length of the `parcel` dimension of a results file (read here with HDF5, not by shinrin).
std::size_t parcels_in(const std::string& results) {
  const hid_t f = H5Fopen(results.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t d = H5Dopen2(f, "parcel", H5P_DEFAULT);
  const hid_t s = H5Dget_space(d);
  hsize_t n = 0;
  H5Sget_simple_extent_dims(s, &n, nullptr);
  H5Sclose(s);
  H5Dclose(d);
  H5Fclose(f);
  return static_cast<std::size_t>(n);
}

// What chromium shows of a page: the check lines the page's script wrote, and the console lines
// chromium logged for it.
struct Browser {
  int status = -1;
  std::string dom;
  std::map<std::string, long> numbers;  // "chart chart-stocks" -> 120, "map_paths" -> 93, ...
  std::vector<std::string> errors;      // "error ..." lines of the page and console lines
  bool done = false;
  std::string lang;
  std::string map_variable;  // selected when the page opened
};

Browser open_in_chromium(const std::string& html) {
  const std::string base = html + ".chromium";
  const std::string profile = base + "-profile";
  fs::remove_all(profile);
  fs::create_directories(profile);
  const std::string cmd =
      "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--disable-default-apps --disable-extensions --user-data-dir='" +
      profile + "' --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom 'file://" +
      fs::absolute(html).string() + "' > '" + base + ".dom' 2> '" + base + ".log'";
  Browser b;
  b.status = std::system(cmd.c_str());
  b.dom = test::read_text(base + ".dom");
  const std::string log = test::read_text(base + ".log");
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);)
    if (line.find(":CONSOLE") != std::string::npos) b.errors.push_back("console: " + line);
  const auto start = b.dom.find("<pre id=\"report-check\">");
  const auto end = b.dom.find("</pre>", start);
  if (start == std::string::npos || end == std::string::npos) return b;
  std::istringstream check(b.dom.substr(start + 23, end - start - 23));
  for (std::string line; std::getline(check, line);) {
    if (line == "done") {
      b.done = true;
    } else if (line.rfind("error ", 0) == 0) {
      b.errors.push_back(line);
    } else if (line.rfind("lang ", 0) == 0) {
      b.lang = line.substr(5);
    } else if (line.rfind("map_variable ", 0) == 0) {
      b.map_variable = line.substr(13);
    } else if (const auto sp = line.rfind(' '); sp != std::string::npos) {
      b.numbers[line.substr(0, sp)] = std::stol(line.substr(sp + 1));
    }
  }
  return b;
}

// Runs `shinrin report results --html html extra...`; the exit code, output in `log`.
int report(const std::string& results, const std::string& html,
           const std::vector<std::string>& extra, std::string& log) {
  std::vector<std::string> args{"report", results, "--html", html};
  args.insert(args.end(), extra.begin(), extra.end());
  return test::run_cli_args(args, log);
}

// The checks every report passes in the browser.
void check_page(const std::string& html, std::size_t parcels, int years, const std::string& lang,
                bool with_map = true) {
  const std::string text = test::read_text(html);
  // Self-contained: nothing that names a place on a network.
  CHECK(text.find("http://") == std::string::npos);
  CHECK(text.find("https://") == std::string::npos);
  CHECK(text.find("src=\"") == std::string::npos);
  CHECK(text.find("<link") == std::string::npos);

  const Browser b = open_in_chromium(html);
  INFO(html);
  REQUIRE(b.status == 0);
  CHECK(b.done);
  for (const auto& e : b.errors) UNSCOPED_INFO(e);
  CHECK(b.errors.empty());
  CHECK(b.lang == lang);
  for (const char* chart :
       {"chart-stocks", "chart-flux", "chart-harvest-area", "chart-harvest-streams", "chart-age"}) {
    INFO(chart);
    REQUIRE(b.numbers.count(std::string("chart ") + chart) == 1);
    CHECK(b.numbers.at(std::string("chart ") + chart) > 0);
  }
  // The line charts hold one point per fiscal year and pool, the bar charts one per year.
  CHECK(b.numbers.at("chart chart-flux") == 2 * years);
  CHECK(b.numbers.at("yearly_rows") == years + 1);
  if (with_map) {
    CHECK(b.numbers.at("map_paths") == static_cast<long>(parcels));
    CHECK(b.numbers.at("map_coloured") == static_cast<long>(parcels));
  } else {
    CHECK(b.numbers.at("map_paths") == 0);
  }
}

}  // namespace

TEST_CASE("report: the demo's page opens in chromium with charts, tables and a map", "[report]") {
  const std::string html = dir() + "/demo.html";
  std::string log;
  REQUIRE(report(demo_results(), html, {}, log) == 0);
  INFO(log);
  check_page(html, parcels_in(demo_results()), kDemoYears, "en");
  CHECK(open_in_chromium(html).map_variable == "initial_age");
  CHECK_THAT(test::read_text(html), !Contains("id=\"map-changed\""));
  const std::string text = test::read_text(html);
  CHECK_THAT(text, Contains("<html lang=\"en\">") && Contains("Growing stock") &&
                       Contains("Area by age class") && Contains("Unconfirmed parameters"));
  CHECK(test::count_of(text, "<path data-p=") == parcels_in(demo_results()));
}

TEST_CASE("report: --lang ja labels everything in Japanese", "[report]") {
  const std::string html = dir() + "/demo-ja.html";
  std::string log;
  REQUIRE(report(demo_results(), html, {"--lang", "ja", "--map-variable", "species"}, log) == 0);
  INFO(log);
  check_page(html, parcels_in(demo_results()), kDemoYears, "ja");
  CHECK(open_in_chromium(html).map_variable == "species");
  const std::string text = test::read_text(html);
  CHECK_THAT(text, Contains("<html lang=\"ja\">") && Contains("蓄積") && Contains("齢級") &&
                       Contains("間伐") && Contains("主伐") && Contains("吸収量") &&
                       Contains("排出量") && Contains("森林簿レコードの扱い"));
  // No English table heading is left.
  for (const char* english : {"Growing stock", "Fiscal year", "Handling of register records",
                              "Unconfirmed parameters", "Provenance", "Map of the parcels"}) {
    INFO(english);
    CHECK(text.find(english) == std::string::npos);
  }
}

TEST_CASE("report: a real Fukuoka municipality (Hisayama) in chromium", "[report][fukuoka]") {
  const std::string html = dir() + "/hisayama.html";
  std::string log;
  REQUIRE(report(fukuoka_results(), html, {"--lang", "ja"}, log) == 0);
  INFO(log);
  check_page(html, parcels_in(fukuoka_results()), kFukuokaYears, "ja");
  // A municipality of 5,513 records stays a page a browser opens at once.
  CHECK(fs::file_size(html) < 8'000'000);
}

TEST_CASE("report: without its parcel layer the page says why and shows the rest", "[report]") {
  // The demo layer copied, the run made from the copy, the copy removed.
  const std::string layer = dir() + "/moved.gpkg";
  fs::copy_file(test::repo("data/demo/hinohara_demo.gpkg"), layer,
                fs::copy_options::overwrite_existing);
  const std::string results = dir() + "/moved.h5";
  std::string log;
  REQUIRE(test::run_cli_args(
              {"run", test::repo("scenarios/hinohara-demo.yaml"), "--years",
               std::to_string(kDemoYears), "--parcels", layer, "--output", results, "--quiet"},
              log) == 0);
  fs::remove(layer);
  const std::string html = dir() + "/moved.html";
  REQUIRE(report(results, html, {}, log) == 0);
  INFO(log);
  CHECK_THAT(log, Contains("no map"));
  const std::string text = test::read_text(html);
  CHECK_THAT(text, Contains("id=\"map-absent\"") && Contains("moved.gpkg"));
  check_page(html, 0, kDemoYears, "en", false);
  // --parcels draws it from another copy of the layer.
  const std::string html2 = dir() + "/moved-parcels.html";
  REQUIRE(report(results, html2, {"--parcels", test::repo("data/demo/hinohara_demo.gpkg")}, log) ==
          0);
  CHECK(test::count_of(test::read_text(html2), "<path data-p=") == parcels_in(results));
  CHECK_THAT(test::read_text(html2), !Contains("id=\"map-changed\""));
  // A layer that is not the one the run read (the same features, other bytes): the page warns.
  const std::string edited = dir() + "/edited.gpkg";
  fs::copy_file(test::repo("data/demo/hinohara_demo.gpkg"), edited,
                fs::copy_options::overwrite_existing);
  {
    std::FILE* f = std::fopen(edited.c_str(), "ab");
    REQUIRE(f != nullptr);
    std::fputs("\n", f);  // SQLite ignores bytes past its last page
    std::fclose(f);
  }
  const std::string html3 = dir() + "/moved-edited.html";
  REQUIRE(report(results, html3, {"--parcels", edited}, log) == 0);
  CHECK_THAT(test::read_text(html3), Contains("id=\"map-changed\""));
}

TEST_CASE("report: age classes at the start and the end, and the start only from a 3.0 file",
          "[report]") {
  // Format 3.1: both histograms, from the file's age_class_area.
  const std::string html = dir() + "/age-31.html";
  std::string log;
  REQUIRE(report(demo_results(), html, {}, log) == 0);
  const Browser b31 = open_in_chromium(html);
  CHECK(b31.numbers.at("chart chart-age") == 2 * 21);
  // The same file as 3.0 would be: no age-class datasets. The start comes from the per-parcel
  // initial age and area, and the page says the end is not in the file.
  const std::string as_30 = dir() + "/as-30.h5";
  fs::copy_file(demo_results(), as_30, fs::copy_options::overwrite_existing);
  {
    const hid_t f = H5Fopen(as_30.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    for (const char* name :
         {"age_class_area", "age_class_stem_volume", "age_class_carbon_ag", "age_class_carbon_bg",
          "age_class_first_age", "age_class_last_age", "age_class"})
      REQUIRE(H5Ldelete(f, name, H5P_DEFAULT) >= 0);
    const hid_t a = H5Aopen(f, "format_version", H5P_DEFAULT);
    const int v[2] = {3, 0};
    REQUIRE(H5Awrite(a, H5T_NATIVE_INT, v) >= 0);
    H5Aclose(a);
    REQUIRE(H5Fclose(f) >= 0);
  }
  const std::string html30 = dir() + "/age-30.html";
  REQUIRE(report(as_30, html30, {}, log) == 0);
  INFO(log);
  const Browser b30 = open_in_chromium(html30);
  CHECK(b30.errors.empty());
  CHECK(b30.numbers.at("chart chart-age") == 21);
  CHECK_THAT(test::read_text(html30), Contains("<p class=\"note\" id=\"age-end-absent\">The end "
                                               "histogram is not in this results file"));
  CHECK_THAT(test::read_text(html), !Contains("id=\"age-end-absent\""));
}

TEST_CASE("report: exit codes and an existing page", "[report]") {
  const std::string html = dir() + "/codes.html";
  std::string log;
  // An unknown language, an unknown map variable, a missing --html: bad input, nothing written.
  CHECK(report(demo_results(), html, {"--lang", "fr"}, log) == 1);
  CHECK_THAT(log, Contains("--lang"));
  CHECK(report(demo_results(), html, {"--map-variable", "no_such_thing"}, log) == 1);
  CHECK_THAT(log, Contains("no_such_thing") && Contains("initial_age"));
  CHECK(test::run_cli_args({"report", demo_results()}, log) == 1);
  CHECK(report(demo_results(), dir() + "/no-such-folder/x.html", {}, log) == 1);
  CHECK_FALSE(fs::exists(html));
  // An existing page stays as it was without --overwrite, and is replaced with it.
  test::write_file(html, "earlier page");
  CHECK(report(demo_results(), html, {}, log) == 1);
  CHECK_THAT(log, Contains("--overwrite"));
  CHECK(test::read_text(html) == "earlier page");
  CHECK(report(demo_results(), html, {"--overwrite"}, log) == 0);
  CHECK_THAT(test::read_text(html), Contains("<!DOCTYPE html>"));
  CHECK(test::files_with(dir(), ".tmp-").empty());
  // A write that fails (a file-size limit below the page's size): exit 2, the earlier page as it
  // was, no temporary file.
  const std::string before = test::read_text(html);
  CHECK(test::run_cli_args({"report", demo_results(), "--html", html, "--overwrite"}, log,
                           100'000) == 2);
  CHECK_THAT(log, Contains("cannot write the report") && Contains(html));
  CHECK(test::read_text(html) == before);
  CHECK(test::files_with(dir(), ".tmp-").empty());
  // Not a results file, or an incomplete one: exit 3, as for info.
  const std::string junk = dir() + "/junk.h5";
  test::write_file(junk, "not HDF5");
  CHECK(report(junk, dir() + "/junk.html", {}, log) == 3);
  CHECK(report(dir() + "/absent.h5", dir() + "/absent.html", {}, log) == 1);
  CHECK_FALSE(fs::exists(dir() + "/junk.html"));
}
