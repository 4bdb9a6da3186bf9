// Thinning, final felling and regeneration through the simulation kernel, on hand-built stands.
// Expected values come from the density-diagram forms of DOMAIN.md 6.3 and the Richards height
// curve, evaluated here independently of the engine.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "hand_world.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/growth/density_diagram.hpp"
#include "shinrin/growth/growth_table.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/silviculture/harvest.hpp"
#include "shinrin/silviculture/thinning.hpp"
#include "shinrin/simulation/simulation.hpp"
#include "shinrin/state/state.hpp"
#include "test_support.hpp"

using namespace shinrin;
using silviculture::Operation;
using sim::ParcelVar;
using test::CaptureSink;
using test::diagram_ry;
using test::diagram_volume;
using test::kSugiDiagram;
using test::sugi_height;
using test::World;

namespace {

silviculture::RemovalShares shares(double saw, double other, double fuel, double left,
                                   double residues) {
  return {saw, other, fuel, left, residues};
}

}  // namespace

TEST_CASE("TC11: density-diagram forms with the Korean hinoki coefficients",
          "[silviculture][density]") {
  const growth::DensityDiagram korea{0.089, -1.300, 8600.426, -3.191, 0.0};
  CHECK(korea.volume(15, 1500) == Approx(274.28).margin(0.005));
  CHECK(korea.volume(15, 1000) == Approx(240.83).margin(0.005));
  CHECK(korea.volume(20, 800) == Approx(389.13).margin(0.005));
  CHECK(growth::relative_spacing(15, 1500) == Approx(17.21).margin(0.005));
  CHECK(growth::relative_spacing(15, 1000) == Approx(21.08).margin(0.005));
  CHECK(growth::relative_spacing(20, 800) == Approx(17.68).margin(0.005));
}

TEST_CASE("density diagram: full-density line and the closed forms invert Ry and V",
          "[silviculture][density]") {
  const auto& d = kSugiDiagram;
  // 10^5.391307 x 20^(-2.867826 + 1.372921) = 2,795 stems/ha (hand calculation).
  CHECK(d.full_density_stems(20.0) == Approx(2795.0).margin(1.0));
  CHECK(d.yield_index(20.0, d.full_density_stems(20.0)) == Approx(1.0).epsilon(1e-12));
  for (double ry : {0.5, 0.65, 0.8})
    CHECK(d.yield_index(20.0, d.stems_for_yield_index(20.0, ry)) == Approx(ry).epsilon(1e-10));
  CHECK(d.volume(18.0, d.stems_for_volume(18.0, 300.0)) == Approx(300.0).epsilon(1e-10));
}

TEST_CASE("thinning shares: row thinning removes the stems share of volume, from below less",
          "[silviculture]") {
  growth::DensityTerms t;
  const double H = 18.0, N = 1200.0;
  t.p1 = kSugiDiagram.b1 * std::pow(H, kSugiDiagram.b2);
  t.p3 = kSugiDiagram.b3 * std::pow(H, kSugiDiagram.b4);
  t.n_rf = kSugiDiagram.full_density_stems(H);
  using silviculture::IntensityBasis;
  using silviculture::ThinningMethod;
  const auto row =
      silviculture::thinning_share(0.3, IntensityBasis::stems, ThinningMethod::row, N, t);
  CHECK(row.stems == 0.3);
  CHECK(row.volume == 0.3);
  const auto below =
      silviculture::thinning_share(0.3, IntensityBasis::stems, ThinningMethod::from_below, N, t);
  CHECK(below.stems == 0.3);
  CHECK(below.volume ==
        Approx(1.0 - diagram_volume(H, 840.0) / diagram_volume(H, 1200.0)).epsilon(1e-12));
  CHECK(below.volume < 0.3);
  const auto by_volume =
      silviculture::thinning_share(0.2, IntensityBasis::volume, ThinningMethod::from_below, N, t);
  CHECK(by_volume.volume == 0.2);
  CHECK(diagram_volume(H, N * (1 - by_volume.stems)) ==
        Approx(0.8 * diagram_volume(H, N)).epsilon(1e-10));
}

TEST_CASE("harvest: every removed tonne of carbon lands in exactly one channel", "[silviculture]") {
  const silviculture::HarvestInput in{0.3, 400.0, 90.0, 22.5, 0.314, 0.5, 0.3};
  silviculture::WoodUse use;
  use.rows = {{{0.55, 0.0, 0.15, 0.30}, {0.0, 0.52, 0.48, 0.0}, {0.0, 0.0, 0.0, 1.0}}};
  carbon::FluxBlock f(1);
  const auto v = silviculture::harvest(in, shares(0.5, 0.2, 0.1, 0.2, 0.4), use,
                                       carbon::Module::thinning, 0, f);
  const double stem_c = 0.3 * 400.0 * 0.314 * 0.5;  // 18.84 t C of stems
  const double residues = 0.3 * 90.0 - stem_c;      // 8.16 t C of branches and foliage
  using carbon::Flux;
  double ag_out = 0.0;
  for (Flux c :
       {Flux::thinning_to_sawnwood, Flux::thinning_to_panels, Flux::thinning_to_paper,
        Flux::thinning_burnt, Flux::thinning_ag_to_dead_wood, Flux::thinning_ag_to_litter}) {
    ag_out += f.get(c, 0);
  }
  CHECK(ag_out == Approx(0.3 * 90.0).epsilon(1e-12));
  CHECK(f.get(Flux::thinning_bg_to_dead_wood, 0) == Approx(0.3 * 22.5).epsilon(1e-12));
  CHECK(f.get(Flux::thinning_to_sawnwood, 0) == Approx(stem_c * 0.5 * 0.55).epsilon(1e-12));
  CHECK(f.get(Flux::thinning_to_panels, 0) == Approx(stem_c * 0.2 * 0.52).epsilon(1e-12));
  CHECK(f.get(Flux::thinning_ag_to_litter, 0) == Approx(residues * 0.6 * 0.3).epsilon(1e-12));
  using silviculture::Stream;
  CHECK(v[std::size_t(Stream::sawlog)] == Approx(0.3 * 400.0 * 0.5).epsilon(1e-12));
  CHECK(v[std::size_t(Stream::stems_left)] == Approx(0.3 * 400.0 * 0.2).epsilon(1e-12));
  CHECK(v[std::size_t(Stream::residues_collected)] ==
        Approx(residues * 0.4 / (0.314 * 0.5)).epsilon(1e-12));
}

TEST_CASE("a scheduled thinning removes exactly the requested share", "[silviculture]") {
  for (auto method :
       {silviculture::ThinningMethod::row, silviculture::ThinningMethod::from_below}) {
    World w;
    silviculture::Regime r;
    r.name = "thin at 31";
    r.thinnings = {{31, 0.3, silviculture::IntensityBasis::stems, method}};
    r.thinning_removals = shares(0.0, 0.5, 0.0, 0.5, 0.0);
    w.model.management.regimes = {r};
    w.add(30, kNoRegime);  // row 0: untouched twin
    w.add(30, 0);          // row 1: thinned in its first year (age 31)
    w.run(3);
    auto& s = w.sink;
    REQUIRE(s.at(ParcelVar::operation, 1, 1) == float(Operation::thinning));
    CHECK(s.at(ParcelVar::operation, 0, 1) == 0.0f);
    const double N = s.at(ParcelVar::stems, 0, 1), V = s.at(ParcelVar::stem_volume, 0, 1);
    const double H = s.at(ParcelVar::height, 0, 1);
    CHECK(H == Approx(sugi_height(31)).epsilon(1e-5));
    CHECK(s.at(ParcelVar::height, 1, 1) == s.at(ParcelVar::height, 0, 1));
    const double volume_share = method == silviculture::ThinningMethod::row
                                    ? 0.3
                                    : 1.0 - diagram_volume(H, 0.7 * N) / diagram_volume(H, N);
    CHECK(s.at(ParcelVar::stems, 1, 1) == Approx(0.7 * N).epsilon(1e-6));
    CHECK(s.at(ParcelVar::stem_volume, 1, 1) == Approx((1 - volume_share) * V).epsilon(1e-5));
    CHECK(s.at(ParcelVar::carbon_ag, 1, 1) ==
          Approx((1 - volume_share) * s.at(ParcelVar::carbon_ag, 0, 1)).epsilon(1e-5));
    CHECK(s.at(ParcelVar::removed_other_industrial, 1, 1) ==
          Approx(0.5 * volume_share * V).epsilon(1e-5));
    CHECK(s.at(ParcelVar::stems_left, 1, 1) == Approx(0.5 * volume_share * V).epsilon(1e-5));
    CHECK(s.at(ParcelVar::carbon_dead_wood, 1, 1) > 0.0f);
    CHECK(s.at(ParcelVar::carbon_hwp_panels, 1, 1) > 0.0f);
    CHECK(s.at(ParcelVar::operation, 1, 2) == 0.0f);  // once only
  }
}

TEST_CASE(
    "a density-triggered thinning fires in the year Ry crosses the threshold and brings it to the "
    "target",
    "[silviculture]") {
  World w;
  silviculture::Regime r;
  r.name = "Ry 0.75 -> 0.65";
  r.trigger = {true, 0.75, 0.65, silviculture::ThinningMethod::from_below, 0, 5};
  r.thinning_removals = shares(0.0, 0.0, 0.0, 1.0, 0.0);
  w.model.management.regimes = {r};
  w.add(20, 0);
  w.run(40);
  auto& s = w.sink;
  // Stems stay as planted until the first thinning (Ry < 1, so no self-thinning): the crossing
  // year follows from the height curve and the diagram alone.
  const double N0 = s.at(ParcelVar::stems, 0, 0);
  CHECK(diagram_ry(sugi_height(20), N0) == Approx(0.6).epsilon(1e-5));
  int crossing = 0;
  for (int t = 1; t <= 40 && crossing == 0; ++t) {
    if (diagram_ry(sugi_height(20 + t), N0) > 0.75) crossing = t;
  }
  REQUIRE(crossing > 1);
  for (int t = 1; t < crossing; ++t) CHECK(s.at(ParcelVar::operation, 0, t) == 0.0f);
  CHECK(s.at(ParcelVar::operation, 0, crossing) == float(Operation::triggered_thinning));
  CHECK(s.at(ParcelVar::yield_index, 0, crossing) == Approx(0.65).epsilon(1e-5));
  CHECK(diagram_ry(sugi_height(20 + crossing), s.at(ParcelVar::stems, 0, crossing)) ==
        Approx(0.65).epsilon(1e-5));
  // No second thinning within the minimum interval of 5 years.
  for (int t = crossing + 1; t < crossing + 5 && t <= 40; ++t)
    CHECK(s.at(ParcelVar::operation, 0, t) == 0.0f);
}

TEST_CASE("a final felling resets age and the stand is replanted", "[silviculture]") {
  World w;
  silviculture::Regime r;
  r.name = "rotation 50";
  r.rotation_age = 50;
  r.felling_removals = shares(0.6, 0.25, 0.15, 0.0, 0.3);
  r.regeneration = {true, silviculture::RegenerationMethod::replant, w.hinoki, 3000.0};
  w.model.management.regimes = {r};
  w.add(48, 0);
  const sim::Aggregates agg = w.run(4);
  auto& s = w.sink;
  CHECK(s.at(ParcelVar::operation, 0, 1) == 0.0f);
  REQUIRE(s.at(ParcelVar::operation, 0, 2) ==
          float(Operation::final_felling));  // reaches 50 in year 2
  const double V_before =
      s.at(ParcelVar::stem_volume, 0, 1) + (w.table.volume(0, 50) - w.table.volume(0, 49));
  CHECK(s.at(ParcelVar::age, 0, 2) == 0.0f);
  CHECK(s.at(ParcelVar::stem_volume, 0, 2) == 0.0f);
  CHECK(s.at(ParcelVar::stems, 0, 2) == 3000.0f);
  CHECK(s.at(ParcelVar::carbon_ag, 0, 2) == Approx(0.0).margin(1e-9));
  CHECK(s.at(ParcelVar::carbon_bg, 0, 2) == Approx(0.0).margin(1e-9));
  CHECK(s.at(ParcelVar::removed_sawlog, 0, 2) == Approx(0.6 * V_before).epsilon(1e-5));
  CHECK(s.at(ParcelVar::removed_fuelwood, 0, 2) == Approx(0.15 * V_before).epsilon(1e-5));
  CHECK(s.at(ParcelVar::carbon_hwp_sawnwood, 0, 2) > 0.0f);
  CHECK(s.at(ParcelVar::carbon_dead_wood, 0, 2) > 0.0f);  // roots and residues left
  // The new stand is hinoki and grows from age 0 along the hinoki curve.
  CHECK(w.state.species[w.row(0)] == w.hinoki);
  CHECK(s.at(ParcelVar::age, 0, 3) == 1.0f);
  CHECK(s.at(ParcelVar::stem_volume, 0, 3) == Approx(w.table.volume(1, 1)).epsilon(1e-6));
  CHECK(agg.total.at(0, 2, sim::AggVar::felled_area) == 1.0);
  CHECK(agg.total.at(0, 2, sim::AggVar::sawlog_volume) == Approx(0.6 * V_before).epsilon(1e-5));
  CHECK(agg.total.at(0, 2, sim::AggVar::sawlog_dry_mass) ==
        Approx(0.6 * V_before * 0.314).epsilon(1e-5));
  // The felling year's totals hold the parcel's own figures (1 ha), though the replanted stand
  // (hinoki) and the felled one (sugi) are two aggregate cells: the emission was once added
  // through a pointer into the block's cell sums that adding the second cell had freed, and lost.
  REQUIRE(s.at(ParcelVar::co2_emission, 0, 2) > 0.0f);
  CHECK(agg.total.at(0, 2, sim::AggVar::co2_emission) ==
        Approx(s.at(ParcelVar::co2_emission, 0, 2)).epsilon(1e-6));
  CHECK(agg.total.at(0, 2, sim::AggVar::co2_removal) ==
        Approx(s.at(ParcelVar::co2_removal, 0, 2)).epsilon(1e-6));
  CHECK(agg.total.at(0, 2, sim::AggVar::stem_volume) == Approx(0.0).margin(1e-9));
}

TEST_CASE("a broken carbon balance stops the run naming parcel, fiscal year and module",
          "[silviculture][carbon]") {
  World w;
  w.model.management.regimes = {};
  // A decay rate that is not a number makes the decay fluxes NaN from the first year on
  // (0 x NaN is NaN): the balance check after the decay module catches it.
  silviculture::Regime r;
  r.name = "thin at 31";
  r.thinnings = {{31, 0.3, silviculture::IntensityBasis::stems, silviculture::ThinningMethod::row}};
  r.thinning_removals = shares(0.0, 0.0, 0.0, 1.0, 0.0);
  w.model.management.regimes = {r};
  w.model.decay.by_species.assign(w.in.species.size(),
                                  {carbon::FirstOrderRate::from_rate(std::nan("")),
                                   carbon::FirstOrderRate::from_rate(0.6), 0.2});
  w.add(29, 0);
  try {
    w.run(3);
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    const std::string msg = e.what();
    CHECK(msg.find("module decay") != std::string::npos);
    CHECK(msg.find("parcel 'p0'") != std::string::npos);
    CHECK(msg.find("fiscal year 2025") != std::string::npos);
  }
}
