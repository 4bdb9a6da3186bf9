// The scenario's `planning` section: what it binds to (units from a register field, schedules,
// per-unit amounts) and every mistake named at its scenario place, plus what `info --json` shows.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "shinrin/core/error.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// The managed Fukuoka scenario with absolute paths and `planning` replaced by `planning_text`.
std::string managed_with(const std::string& planning_text) {
  std::string text = test::read_text(test::repo("scenarios/fukuoka-managed.yaml"));
  text = test::replace_once(text, "../../shared/data/fukuoka-forest-register/hisayama.fgb",
                            test::shared("data/fukuoka-forest-register/hisayama.fgb"));
  text = test::with_repo_data(std::move(text));
  const auto start = text.find("planning:\n");
  const auto end = text.find("output:\n");
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  return text.substr(0, start) + planning_text + text.substr(end);
}

const std::string kFelling = R"(planning:
  targets:
    - name: felling
      operation: final_felling
      unit: municipality
      basis: area
      amount: 12.5
      priority: oldest_first
      source: test figure
)";

}  // namespace

TEST_CASE("planning config: units from a register field, a schedule and per-unit amounts",
          "[planning][config]") {
  const std::string dir = test::scratch_dir("planning-config");
  SECTION("a register field (大字) as planning unit, amounts per unit") {
    const std::string path = test::write_scenario(dir, "field.yaml", managed_with(R"(planning:
  targets:
    - name: felling
      operation: final_felling
      unit: {field: ooaza_name}
      basis: area
      amount: {大字久原: 3, 大字猪野: 2.5, 大字山田: 4}
      priority: oldest_first
      source: test figures per 大字
)"));
    const driver::Loaded l = driver::load(io::load_scenario(path));
    const planning::Plan& plan = l.inputs.plan;
    REQUIRE(plan.targets.size() == 1);
    const planning::UnitColumn& units = plan.unit_columns[plan.targets[0].unit_column];
    CHECK(units.name == "ooaza_name");
    CHECK(units.unit_names ==
          std::vector<std::string>{"大字久原", "大字山田", "大字猪野"});  // sorted
    CHECK(plan.targets[0].at(0, 1) == 3.0);
    CHECK(plan.targets[0].at(1, 7) == 4.0);
    CHECK(plan.targets[0].at(2, 50) == 2.5);
    CHECK(plan.rows == 3);
    // No last_parcel given: stop, the documented default (README, "A planning target").
    CHECK(plan.targets[0].last_parcel == planning::LastParcel::stop);
  }
  SECTION("a schedule holds each amount from its fiscal year on") {
    const std::string path = test::write_scenario(dir, "schedule.yaml", managed_with(R"(planning:
  targets:
    - name: felling
      operation: final_felling
      basis: volume
      schedule: {2024: 1000, 2030: 2500, 2040: 0}
      priority: largest_volume_first
      source: test schedule
)"));
    const driver::Loaded l = driver::load(io::load_scenario(path));
    const planning::Target& t = l.inputs.plan.targets[0];
    CHECK(l.inputs.plan.unit_columns[t.unit_column].unit_names ==
          std::vector<std::string>{"landscape"});
    CHECK(t.at(0, 1) == 1000.0);   // FY2025
    CHECK(t.at(0, 5) == 1000.0);   // FY2029
    CHECK(t.at(0, 6) == 2500.0);   // FY2030
    CHECK(t.at(0, 15) == 2500.0);  // FY2039
    CHECK(t.at(0, 16) == 0.0);     // FY2040
    CHECK(t.rule == "schedule");
  }
}

TEST_CASE("planning config errors name the scenario place and what is wrong",
          "[planning][config]") {
  const std::string dir = test::scratch_dir("planning-config-errors");
  auto error_of = [&](const std::string& name, const std::string& planning_text) {
    const std::string path = test::write_scenario(dir, name, managed_with(planning_text));
    return std::make_pair(path, test::input_error([&] { driver::load(io::load_scenario(path)); }));
  };
  SECTION("an unknown regime") {
    const std::string text =
        test::replace_once(kFelling, "      unit: municipality\n",
                           "      unit: municipality\n      regimes: [sugi_plantation, pine]\n");
    const auto [path, msg] = error_of("regime.yaml", text);
    CHECK_THAT(msg, StartsWith(test::place(path, managed_with(text), "pine]")) &&
                        Contains("no regime 'pine' (regimes: sugi_plantation, hinoki_plantation)"));
  }
  SECTION("a regime's operation covered twice") {
    const std::string text = kFelling + R"(    - name: again
      operation: final_felling
      basis: area
      amount: 1
      priority: oldest_first
      source: test figure
)";
    const auto [path, msg] = error_of("twice.yaml", text);
    CHECK_THAT(
        msg,
        Contains(
            "regime 'sugi_plantation' is already covered by target 'felling' for final_felling"));
  }
  SECTION("a per-unit amount that misses a unit with parcels, or names one that does not exist") {
    const std::string missing = test::replace_once(kFelling, "amount: 12.5", "amount: {篠栗町: 3}");
    const auto [path, msg] = error_of("unit.yaml", missing);
    CHECK_THAT(msg, Contains("no planning unit '篠栗町' of municipality (units: 久山町)"));
  }
  SECTION("a schedule that starts after the first simulated year") {
    const std::string text = test::replace_once(kFelling, "amount: 12.5", "schedule: {2030: 3}");
    const auto [path, msg] = error_of("late.yaml", text);
    CHECK_THAT(msg, Contains("starts in fiscal year 2030, after the first simulated year 2025"));
  }
  SECTION("random priority needs a seed") {
    const std::string text =
        test::replace_once(kFelling, "priority: oldest_first", "priority: random");
    const auto [path, msg] = error_of("seed.yaml", text);
    CHECK_THAT(msg, StartsWith(test::place(path, managed_with(text), "random")) &&
                        Contains("needs a 'seed'"));
  }
  SECTION("an unknown priority, basis or unit lists the known ones") {
    const auto [p1, m1] =
        error_of("priority.yaml", test::replace_once(kFelling, "oldest_first", "youngest_first"));
    CHECK_THAT(
        m1,
        Contains(
            "'youngest_first' is not one of oldest_first, largest_volume_first, highest_ry_first, "
            "longest_since_thinning, random"));
    const auto [p2, m2] =
        error_of("basis.yaml", test::replace_once(kFelling, "basis: area", "basis: stems"));
    CHECK_THAT(m2, Contains("'stems' is not one of area, volume, fuel_dry_mass"));
    const auto [p3, m3] = error_of(
        "unit-kind.yaml", test::replace_once(kFelling, "unit: municipality", "unit: owner"));
    CHECK_THAT(m3, Contains("'owner' is not one of landscape, municipality, {field: NAME}"));
  }
  SECTION("a field that the layer does not have") {
    const std::string text =
        test::replace_once(kFelling, "unit: municipality", "unit: {field: owner_class}");
    const auto [path, msg] = error_of("field.yaml", text);
    CHECK_THAT(msg, Contains("has no such field") && Contains("owner_class"));
  }
  SECTION("the normal-forest rule is for final-felling areas") {
    const std::string text =
        test::replace_once(test::replace_once(kFelling, "amount: 12.5", "rule: normal_forest"),
                           "basis: area", "basis: volume");
    const auto [path, msg] = error_of("rule.yaml", text);
    CHECK_THAT(msg, Contains("needs operation final_felling and basis area"));
  }
  SECTION("a target without its source") {
    const std::string text = test::replace_once(kFelling, "      source: test figure\n", "");
    const auto [path, msg] = error_of("source.yaml", text);
    CHECK_THAT(msg, Contains("missing required key 'source'"));
  }
}

TEST_CASE("info --json reports each planning row per fiscal year", "[planning][info][e2e]") {
  const std::string dir = test::scratch_dir("planning-info");
  const std::string out = dir + "/managed.h5";
  std::string log;
  REQUIRE(test::run_cli(
              "run " + test::repo("scenarios/fukuoka-managed.yaml") + " --years 5 --output " + out,
              log) == 0);
  INFO(log);
  CHECK_THAT(log, Contains("harvest plan: target and what was achieved"));
  CHECK_THAT(
      log, Contains("final_felling_area, 久山町: final_felling by area [ha/year], normal_forest"));
  REQUIRE(test::run_cli("info --json " + out, log) == 0);
  CHECK_THAT(log, Contains("\"planning\": [") && Contains("\"target\": \"final_felling_area\"") &&
                      Contains("\"unit\": \"久山町\"") &&
                      Contains("\"fiscal_years\": [2025, 2026, 2027, 2028, 2029]") &&
                      Contains("\"eligible_area_ha\": [") && Contains("\"backlog_area_ha\": [") &&
                      Contains("\"shortfall\": [") && Contains("\"target\": \"thinning_area\""));
  // The JSON holds what the file holds.
  const io::ResultsSummary s = io::read_summary(out);
  REQUIRE(s.plan.size() == 2);
  char first[64];
  std::snprintf(first, sizeof first, "\"achieved\": [%.17g, ", s.plan[0].achieved[1]);
  CHECK_THAT(log, Contains(first));
  CHECK(s.plan[0].achieved[1] > 0.0);
}
