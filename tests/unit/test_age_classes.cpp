// Area and live stocks by age class (齢級, results format 3.1): recomputed in Python from the
// per-parcel age and stock series of the same file, every year, on the demo and on a managed run
// of a real register whose fellings put stands back into class 1.
#include <catch2/catch.hpp>
#include <regex>

#include "process_support.hpp"
#include "shinrin/simulation/outputs.hpp"
#include "test_support.hpp"

using namespace shinrin;

TEST_CASE("age classes are 5-year classes, age 0 in the first, the last one open", "[ageclass]") {
  // 齢級: class 1 = ages 1-5 (and 0, a stand replanted this year), class 2 = 6-10, ...,
  // class 20 = 96-100, class 21 = 101 and older.
  CHECK(sim::age_class_index(0) == 0);
  CHECK(sim::age_class_index(1) == 0);
  CHECK(sim::age_class_index(5) == 0);
  CHECK(sim::age_class_index(6) == 1);
  CHECK(sim::age_class_index(10) == 1);
  CHECK(sim::age_class_index(11) == 2);
  CHECK(sim::age_class_index(100) == 19);
  CHECK(sim::age_class_index(101) == 20);
  CHECK(sim::age_class_index(853) == 20);
  CHECK(sim::age_class_first_age(1) == 6);
  CHECK(sim::age_class_last_age(19) == 100);
  CHECK(sim::age_class_last_age(20) == -1);
}

TEST_CASE("age-class aggregates equal the per-parcel series summed by class", "[ageclass][e2e]") {
  const std::string dir = test::scratch_dir("age-classes");
  std::string log;
  // The demo writes age, stem volume and live carbon of every parcel every year.
  const std::string demo = dir + "/demo.h5";
  REQUIRE(test::run_cli("run -q " + test::repo("scenarios/hinohara-demo.yaml") + " --years 30 " +
                            "--output " + demo,
                        log) == 0);
  INFO(log);
  REQUIRE(test::run_python("check_age_classes.py", demo, log) == 0);

  // A managed real register (Hisayama) with its series every year: clear-fellings reset ages.
  std::string text = test::read_text(test::scenario_copy("fukuoka-managed.yaml", dir));
  text = test::replace_once(
      text,
      "variables: [stem_volume, stems, yield_index, carbon_ag, carbon_dead_wood, co2_removal, "
      "co2_emission, operation]\n    interval: 5",
      "variables: [age, stem_volume, carbon_ag, carbon_bg]\n    interval: 1");
  const std::string scenario = test::write_scenario(dir, "managed-series.yaml", text);
  const std::string managed = dir + "/managed.h5";
  REQUIRE(test::run_cli("run -q " + scenario + " --years 40 --output " + managed, log) == 0);
  REQUIRE(test::run_python("check_age_classes.py", managed, log) == 0);
  std::smatch m;
  REQUIRE(std::regex_search(log, m, std::regex("([0-9]+) parcel-years at age 0")));
  CHECK(std::stol(m[1]) > 0);  // fellings happened, and their stands were counted in class 1
}
