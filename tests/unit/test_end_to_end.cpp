// End to end through the shinrin executable: the demo, thread-count independence, xarray, info.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "shinrin/driver/load.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
namespace fs = std::filesystem;

TEST_CASE("the demo scenario runs from the command line and xarray opens its results", "[e2e]") {
  const std::string dir = test::scratch_dir("e2e-demo");
  const std::string out = dir + "/demo.h5";
  std::string log;
  REQUIRE(test::run_cli("run " + test::repo("scenarios/hinohara-demo.yaml") + " --output " + out,
                        log) == 0);
  INFO(log);
  CHECK(log.find("all records read") != std::string::npos);
  CHECK(log.find("results written to " + out) != std::string::npos);
  CHECK(log.find("unconfirmed parameters used") != std::string::npos);
  REQUIRE(fs::exists(out));
  for (const auto& e : fs::directory_iterator(dir))
    CHECK(e.path().string().find(".tmp-") == std::string::npos);
  std::string py;
  CHECK(test::run_python("check_xarray.py", out, py) == 0);
  INFO(py);
}

TEST_CASE("results are bitwise identical with 1 and 2 threads", "[e2e][threads]") {
  // Hisayama: 4,944 simulated parcels = 5 blocks of 1,024, so two threads really split the work.
  const std::string dir = test::scratch_dir("e2e-threads");
  const std::string scenario = test::repo("scenarios/fukuoka-register.yaml");
  std::string log;
  REQUIRE(test::run_cli("run " + scenario + " --threads 1 --years 40 --output " + dir + "/t1.h5",
                        log) == 0);
  REQUIRE(test::run_cli("run " + scenario + " --threads 2 --years 40 --output " + dir + "/t2.h5",
                        log) == 0);
  CHECK(log.find("on 2 threads") != std::string::npos);
  std::string py;
  const int rc = test::run_python("compare_results.py", dir + "/t1.h5 " + dir + "/t2.h5", py);
  INFO(py);
  CHECK(rc == 0);
  CHECK(py.find("identical") != std::string::npos);
  CHECK(test::run_python("check_xarray.py", dir + "/t2.h5", py) == 0);
}

TEST_CASE("info --json reports totals per year, handling and unconfirmed parameters",
          "[e2e][info]") {
  const std::string dir = test::scratch_dir("e2e-info");
  const std::string out = dir + "/demo.h5";
  std::string log;
  REQUIRE(test::run_cli(
              "run " + test::repo("scenarios/hinohara-demo.yaml") + " --years 12 --output " + out,
              log) == 0);
  REQUIRE(test::run_cli("info --json " + out, log) == 0);
  INFO(log);
  // Handling counts as loaded by the library directly.
  const driver::Loaded setup =
      driver::load(io::load_scenario(test::repo("scenarios/hinohara-demo.yaml")));
  for (std::size_t h = 0; h < kHandlingCount; ++h) {
    const std::string expected =
        "\"" + std::string(handling_name(Handling(h))) +
        "\": {\"records\": " + std::to_string(setup.record.handling.records[h]) +
        ", \"hectares\": ";
    CHECK(log.find(expected) != std::string::npos);
  }
  // 13 time entries: the initial state (FY2024) and FY2025..FY2036; the first flux is null.
  CHECK(log.find("{\"year\": 2024, \"stem_volume\": ") != std::string::npos);
  CHECK(log.find("{\"year\": 2036, ") != std::string::npos);
  CHECK(log.find("{\"year\": 2037, ") == std::string::npos);
  CHECK(std::regex_search(log, std::regex("\"year\": 2024, [^}]*\"co2_removal\": null")));
  // hinoki BEF_young is unconfirmed in data/species.csv and the demo grows hinoki.
  CHECK(std::regex_search(
      log, std::regex("\"key\": \"hinoki\", \"name\": \"BEF_young\", \"value\": 1.55")));
  // sugi's stock-change parameters are all confirmed; its height curve is not (secondary source).
  for (const char* name : {"D", "BEF_young", "BEF_old", "R", "CF"}) {
    CHECK(log.find("\"key\": \"sugi\", \"name\": \"" + std::string(name) + "\"") ==
          std::string::npos);
  }
  CHECK(log.find("\"key\": \"sugi\", \"name\": \"height_A\"") != std::string::npos);
  // Valid JSON.
  std::string py;
  test::write_file(dir + "/info.json", log);
  CHECK(std::system(("/usr/bin/python3 -c \"import json,sys; json.load(open(sys.argv[1]))\" " +
                     dir + "/info.json")
                        .c_str()) == 0);
}

TEST_CASE("the yield-table demo runs and fit-growth recovers the curves behind its table",
          "[e2e][growth]") {
  const std::string dir = test::scratch_dir("e2e-yield");
  std::string log;
  REQUIRE(test::run_cli("run " + test::repo("scenarios/hinohara-yield-table.yaml") + " --output " +
                            dir + "/yt.h5",
                        log) == 0);
  CHECK(log.find("growth   yield_table") != std::string::npos);
  REQUIRE(test::run_cli("fit-growth " + test::repo("data/yield_tables/western_japan_richards.csv") +
                            " --species sugi",
                        log) == 0);
  INFO(log);
  // DOMAIN.md 6.2 sugi: A 589.3, k 0.042715, c 2.527251; the table is rounded to 0.1 m3/ha.
  std::smatch m;
  REQUIRE(std::regex_search(log, m, std::regex("sugi +\\* +20 +([0-9.]+) +([0-9.]+) +([0-9.]+)")));
  CHECK(std::stod(m[1]) == Approx(589.3).epsilon(1e-3));
  CHECK(std::stod(m[2]) == Approx(0.042715).epsilon(1e-3));
  CHECK(std::stod(m[3]) == Approx(2.527251).epsilon(1e-3));
}
