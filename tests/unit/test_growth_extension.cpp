// Growth past the end of a yield table (growth/table_extension.hpp) and the counts of parcels
// that go past the data of their curve (growth/past_data.hpp), issue 7.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "shinrin/driver/load.hpp"
#include "shinrin/growth/grow.hpp"
#include "shinrin/growth/growth_table.hpp"
#include "shinrin/growth/past_data.hpp"
#include "shinrin/growth/richards.hpp"
#include "shinrin/growth/table_extension.hpp"
#include "shinrin/growth/yield_table.hpp"
#include "shinrin/growth/yield_table_model.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
using growth::CurveKey;

namespace {

// The rule written out: V(a) = V_L + R(a) - R(L) past the last age L.
double continuation(double V_L, double L, const growth::RichardsParams& r, double a) {
  return V_L + growth::richards_volume(r, a) - growth::richards_volume(r, L);
}

}  // namespace

TEST_CASE("a yield table tabulated from a Richards curve grows on along that curve past its end",
          "[growth][extension]") {
  // Twelve age classes (5..60 years) of R(t) = 420 (1 - exp(-0.035 t))^2.8 [m3 ha-1]: the fit
  // gives the curve back, so past age 60 the table follows R itself (V_60 = R(60)).
  const growth::RichardsParams truth{420.0, 0.035, 2.8};
  std::vector<double> ages, vols;
  for (double t = 5; t <= 60; t += 5) {
    ages.push_back(t);
    vols.push_back(growth::richards_volume(truth, t));
  }
  const growth::YieldTable t(ages, vols);
  REQUIRE(t.extension().rule() == growth::TableExtension::Rule::richards);
  CHECK(t.extension().last_age() == 60.0);
  CHECK(t.extension().params().A == Approx(420.0).epsilon(1e-6));
  // By hand: 1 - e^-2.8 = 0.9391899, ^2.8 = 0.8389, x 420 = 352.3375 m3 ha-1 at age 80.
  CHECK(t.volume_at(80) == Approx(352.3375).epsilon(1e-6));
  // Growth from 60 to 61 is R(61) - R(60) = 295.27322 - 291.34101 = 3.93221 m3 ha-1 (flat: 0).
  CHECK(t.volume_at(61) - t.volume_at(60) == Approx(3.93221).epsilon(1e-5));
  // It keeps falling towards the asymptote: the increment at 120 is below the one at 61.
  CHECK(t.volume_at(121) - t.volume_at(120) < t.volume_at(61) - t.volume_at(60));
  CHECK(t.volume_at(121) - t.volume_at(120) > 0.0);
  CHECK(t.volume_at(1000) == Approx(420.0).epsilon(1e-6));
}

TEST_CASE("the continuation joins the table at its last age: volume continuous, increments of R",
          "[growth][extension]") {
  // The same curve, but the last class sits 12 m3 ha-1 above it (a table is not a curve): the
  // fitted R no longer passes through the last row, and the rule shifts R to meet it.
  const growth::RichardsParams truth{420.0, 0.035, 2.8};
  std::vector<double> ages, vols;
  for (double a = 5; a <= 60; a += 5) {
    ages.push_back(a);
    vols.push_back(growth::richards_volume(truth, a) + (a == 60 ? 12.0 : 0.0));
  }
  const double V_L = vols.back();
  const growth::YieldTable t(ages, vols);
  REQUIRE(t.extension().rule() == growth::TableExtension::Rule::richards);
  const growth::RichardsParams r = t.extension().params();
  const double offset = V_L - growth::richards_volume(r, 60.0);
  CHECK(std::abs(offset) > 1.0);  // the join is not R itself
  // Continuity at L: from the left (the table) and from the right (the continuation).
  CHECK(t.volume_at(60.0) == V_L);
  CHECK(t.volume_at(59.999999) == Approx(V_L).margin(1e-4));
  CHECK(t.volume_at(60.000001) == Approx(V_L).margin(1e-4));
  for (double a : {61.0, 70.0, 100.0, 150.0}) {
    INFO("age " << a);
    CHECK(t.volume_at(a) == Approx(continuation(V_L, 60.0, r, a)).epsilon(1e-12));
    CHECK(t.volume_at(a) - t.volume_at(a - 1) ==
          Approx(growth::richards_volume(r, a) - growth::richards_volume(r, a - 1)).epsilon(1e-9));
  }
}

TEST_CASE("a table no Richards curve can be fitted to stays flat past its end, and says why",
          "[growth][extension]") {
  const growth::YieldTable two({10, 20}, {30, 60});
  CHECK(two.extension().rule() == growth::TableExtension::Rule::flat);
  CHECK_THAT(two.extension().fallback_reason(), Catch::Contains("at least 3 rows"));
  CHECK(two.volume_at(20) == 60.0);
  CHECK(two.volume_at(45) == 60.0);
  CHECK(two.volume_at(15) == Approx(45.0));  // the table itself is unchanged

  std::map<growth::YieldTableModel::Key, growth::YieldTableCurve> curves;
  curves.emplace(growth::YieldTableModel::Key{"sugi", 1}, growth::YieldTableCurve{two, {}, {}});
  const growth::YieldTableModel model(std::move(curves));
  const growth::DataRange range = model.data_range({"sugi", 1});
  CHECK(range.last_age == 20.0);
  CHECK(range.fallback);
  CHECK_THAT(range.continuation, Catch::Contains("flat past age 20"));
}

TEST_CASE("the growth table and grow() continue a yield table past its last age",
          "[growth][extension]") {
  // The sugi volumes DOMAIN.md 6.2 prints for ages 20-80 as a yield table (status D rows): a stand
  // at 80 grows by the fitted curve's R(81) - R(80) instead of stopping.
  const std::string dir = test::scratch_dir("extension-table");
  test::write_file(dir + "/sugi.csv",
                   "species,site_class,age,volume,status,source\n"
                   "sugi,*,20,145.2,D,DOMAIN.md 6.2\nsugi,*,30,259.1,D,DOMAIN.md 6.2\n"
                   "sugi,*,40,355.7,D,DOMAIN.md 6.2\nsugi,*,50,428.9,D,DOMAIN.md 6.2\n"
                   "sugi,*,60,481.2,D,DOMAIN.md 6.2\nsugi,*,80,541.7,D,DOMAIN.md 6.2\n");
  const auto tables = io::read_yield_tables(dir + "/sugi.csv");
  const auto& curve = tables.at({"sugi", growth::YieldTableModel::kAnySiteClass});
  const growth::TableExtension& e = curve.table.extension();
  REQUIRE(e.rule() == growth::TableExtension::Rule::richards);
  CHECK(e.params().A == Approx(589.3).epsilon(0.01));  // the curve behind the printed volumes
  const growth::RichardsParams r = e.params();
  const double inc80 = growth::richards_volume(r, 81) - growth::richards_volume(r, 80);
  // By hand from DOMAIN.md 6.2's sugi curve (A 589.3, k 0.042715, c 2.527251):
  // R(80) = 541.66, R(81) = 543.60, so 1.94 m3 ha-1 a year at 80 (the table's last class: 3.0).
  CHECK(inc80 == Approx(1.94).epsilon(0.02));
  const growth::YieldTableModel model(io::read_yield_tables(dir + "/sugi.csv"));
  const std::vector<CurveKey> keys = {{"sugi", 3}};
  const auto table = growth::GrowthTable::build(model, keys, 100);
  CHECK(table.volume(0, 80) == Approx(541.7));
  CHECK(table.increment(0, 79) == Approx((541.7 - 481.2) / 20).epsilon(1e-5));  // the table
  CHECK(table.increment(0, 80) == Approx(inc80).epsilon(1e-5));                 // the curve
  CHECK(table.volume(0, 95) == Approx(continuation(541.7, 80.0, r, 95.0)).epsilon(1e-6));
  const std::uint32_t c[] = {0};
  std::int16_t age[] = {80};
  float volume[] = {541.7f}, dv[1];
  growth::grow({0, 1}, table, 0.0, c, age, volume, dv);
  CHECK(age[0] == 81);
  CHECK(dv[0] == Approx(inc80).epsilon(1e-5));
  CHECK(volume[0] == Approx(541.7 + inc80).epsilon(1e-6));
  // The extension's parameters are recorded with status and source: D, every row being D.
  const auto& recs = curve.extension_records;
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].name == "extension_A");
  CHECK(recs[0].value == r.A);
  CHECK(recs[0].status == Status::derived);
  CHECK_THAT(recs[0].source, Catch::Contains("6 rows, ages 20-80"));
}

TEST_CASE("a young-stand table whose fit does not converge takes the flat fallback",
          "[growth][extension]") {
  // Fukui young sugi, ages 1-10 (tests/data/yield_fukui_sugi.csv): ten accelerating volumes do
  // not fix an asymptote (the fit runs off towards 10^5 m3/ha), so no continuation is made up.
  const auto tables = io::read_yield_tables(test::repo("tests/data/yield_fukui_sugi.csv"));
  const auto& curve = tables.at({"sugi", 1});
  CHECK(curve.table.extension().rule() == growth::TableExtension::Rule::flat);
  CHECK_THAT(curve.table.extension().fallback_reason(), Catch::Contains("did not converge"));
  CHECK(curve.table.volume_at(30) == 25.0);
  CHECK(curve.extension_records.empty());
}

TEST_CASE("parcels past their table: how many and by how many years, from initial age + years",
          "[growth][past_data]") {
  // One yield-table curve ending at age 50; 20 simulated years. Parcel ages 35, 42 and 10 end at
  // 55, 62 and 30: the first two go past by 5 and 12 years, the third stays inside the table.
  const std::int16_t age[] = {35, 42, 10};
  const std::uint32_t curve[] = {0, 0, 0};
  const double area[] = {1.5, 2.0, 4.0};
  const double last_age[] = {50.0};
  const growth::PastData p = growth::count_past_data(age, curve, area, last_age, 20);
  CHECK(p.parcels == 2);
  CHECK(p.hectares == Approx(3.5));
  CHECK(p.parcels_at_start == 0);
  CHECK(p.max_years == 12.0);
  CHECK(p.years_grown == 5 + 12);  // both start inside the table: every year past counts
  CHECK(p.bin_parcels[0] == 1);    // (0, 5]: the 5
  CHECK(p.bin_hectares[0] == Approx(1.5));
  CHECK(p.bin_parcels[1] == 0);  // (5, 10]
  CHECK(p.bin_parcels[2] == 1);  // (10, 20]: the 12
  CHECK(p.bin_hectares[2] == Approx(2.0));
  CHECK(p.bin_parcels[3] + p.bin_parcels[4] == 0);
  REQUIRE(p.curves.size() == 1);
  CHECK(p.curves[0].parcels == 2);
  CHECK(p.curves[0].max_years == 12.0);
  CHECK(p.curves[0].years_grown == 17);
}

TEST_CASE("parcels already past their table at the start, curves without a data range",
          "[growth][past_data]") {
  // Curve 0 ends at 50, curve 1 at 52.5 (a table need not end on a whole year), curve 2 is a
  // Richards curve (no data range: never past). 20 simulated years.
  const double inf = std::numeric_limits<double>::infinity();
  const double last_age[] = {50.0, 52.5, inf};
  const std::int16_t age[] = {70, 50, 40, 300, 50};
  const std::uint32_t curve[] = {0, 0, 1, 2, 1};
  const double area[] = {1.0, 1.0, 1.0, 5.0, 1.0};
  const growth::PastData p = growth::count_past_data(age, curve, area, last_age, 20);
  // age 70 on curve 0: ends 90, 40 years past, already past at the start, all 20 years grown past.
  // age 50 on curve 0: ends 70, 20 past (at the start it is at L, not past), 20 years grown past.
  // age 40 on curve 1: ends 60, 7.5 past; grown past in the years ending at 53..60: 8.
  // age 300 on curve 2: never past. age 50 on curve 1: ends 70, 17.5 past, 18 years grown past.
  CHECK(p.parcels == 4);
  CHECK(p.hectares == Approx(4.0));
  CHECK(p.parcels_at_start == 1);
  CHECK(p.max_years == 40.0);
  CHECK(p.years_grown == 20 + 20 + 8 + 18);
  CHECK(p.bin_parcels[1] == 1);  // 7.5
  CHECK(p.bin_parcels[2] == 2);  // 20, 17.5
  CHECK(p.bin_parcels[3] == 1);  // 40
  CHECK(p.curves[2].parcels == 0);
  CHECK(p.curves[2].last_age == inf);
  // Nothing simulated: nobody goes past unless already there.
  CHECK(growth::count_past_data(age, curve, area, last_age, 0).parcels == 1);
}

TEST_CASE("a yield-table run reports the parcels past their table, a Richards run reports none",
          "[growth][past_data][e2e]") {
  // The demo register with the yield table (every curve ends at age 100), 30 years: the count is
  // the parcels whose initial age + 30 exceeds 100, counted here by a plain loop.
  const driver::Loaded yt =
      driver::load(io::load_scenario(test::repo("scenarios/hinohara-yield-table.yaml")));
  std::int64_t expected = 0, at_start = 0;
  double max_years = 0.0;
  for (std::size_t i = 0; i < yt.inputs.parcels.size(); ++i) {
    const int end = yt.inputs.parcels.age[i] + 30;
    if (end > 100) ++expected;
    if (yt.inputs.parcels.age[i] > 100) ++at_start;
    max_years = std::max(max_years, double(end - 100));
  }
  REQUIRE(expected > 0);
  const growth::PastData& p = yt.record.past_data;
  CHECK(p.growth_model == "yield_table");
  CHECK(p.parcels == expected);
  CHECK(p.parcels_at_start == at_start);
  CHECK(p.max_years == max_years);
  for (const auto& c : p.curves) CHECK(c.last_age == 100.0);
  // The fitted continuation's parameters of the curves passed are among the parameters used.
  bool recorded = false;
  for (const auto& r : yt.record.parameters_used) recorded = recorded || r.name == "extension_A";
  CHECK(recorded);

  // Richards curves record no fitted ages: nothing counts as past, and no extension parameters.
  const driver::Loaded ri =
      driver::load(io::load_scenario(test::repo("scenarios/hinohara-demo.yaml")));
  CHECK(ri.record.past_data.growth_model == "richards");
  CHECK(ri.record.past_data.parcels == 0);
  for (const auto& r : ri.record.parameters_used) CHECK(r.name != "extension_A");

  // The results file holds the counts and the run summary prints them.
  const std::string dir = test::scratch_dir("past-data");
  std::string log;
  REQUIRE(test::run_cli("run " + test::repo("scenarios/hinohara-yield-table.yaml") + " --output " +
                            dir + "/yt.h5",
                        log) == 0);
  INFO(log);
  CHECK(log.find("growth past the data of the curves (yield_table") != std::string::npos);
  CHECK(log.find("  " + std::to_string(expected) + " parcels (") != std::string::npos);
  const io::ResultsSummary s = io::read_summary(dir + "/yt.h5");
  // /growth_past_data is in 2.1 and later (3.0 on).
  CHECK((s.format_version[0] >= 3 || s.format_version[1] >= 1));
  REQUIRE(s.has_past_data);
  CHECK(s.past_data.parcels == expected);
  CHECK(s.past_data.max_years == max_years);
  CHECK(s.past_data.years_grown == p.years_grown);
  CHECK(s.past_data.curves.size() == p.curves.size());
  CHECK(s.past_data.hectares == p.hectares);
}
